/** The county's deadline policy (限时化解): every limit, editable, validated by DeadlinePolicy (`savePolicy`). */
import { CASE_CLASSES, DeadlinePolicy, type Duration, type SensitivePeriod, TIERS, defaultPolicy, defaultSignalPolicy } from '@domain';
import { Alert, App as AntApp, Button, Card, Form, Input, InputNumber, Select, Skeleton, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useSignedIn } from '../../auth/session';
import { call, callableFieldErrors, errorMessage, loadErrorText } from '../../data/callables';
import { usePolicy } from '../../data/hooks';
import { type MessageKey, useI18n, useLabels } from '../../i18n';
import { issuesByField } from '../../i18n/zod';
import { PatrolPolicyCard } from './PatrolPolicyCard';
import { PickCountyFirst, UpperCountyBar, useTabCounty } from './common';
import { KeyPersonPolicyCard } from '../keypersons/KeyPersonPolicyCard';

type Unit = Duration['unit'];
const UNITS: Unit[] = ['working_days', 'calendar_days', 'hours'];

export default function PolicyTab() {
  const { t } = useI18n();
  const { claims } = useSignedIn();
  // A city's or province's administrator picks a county of the area and reads its policy (issue 16).
  const county = useTabCounty(claims);
  const [rev, setRev] = useState(0);
  const stored = usePolicy(county.countyId, rev);
  const bar = <UpperCountyBar claims={claims} county={county} what={t('admin.upper.what.policy')} />;
  if (county.countyId === null)
    return (
      <div data-testid="admin-policy">
        {bar}
        <PickCountyFirst />
      </div>
    );
  return (
    <div data-testid="admin-policy">
      {bar}
      {!stored || stored.status === 'loading' ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : stored.status === 'error' ? (
        <Alert type="error" showIcon title={loadErrorText(stored, t)} />
      ) : (
        <PolicyForm
          key={`${county.countyId}:${rev}`}
          initial={stored.data ? { ...stored.data, signals: stored.data.signals ?? defaultSignalPolicy() } : defaultPolicy(county.countyId)}
          isDefault={!stored.data}
          readOnly={!county.editable}
          onSaved={() => setRev((r) => r + 1)}
        />
      )}
    </div>
  );
}

function PolicyForm({
  initial,
  isDefault,
  readOnly,
  onSaved,
}: {
  initial: DeadlinePolicy;
  isDefault: boolean;
  readOnly: boolean;
  onSaved: () => void;
}) {
  const { t, locale } = useI18n();
  const l = useLabels();
  const { message } = AntApp.useApp();
  const [p, setP] = useState<DeadlinePolicy>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const [periodsText, setPeriodsText] = useState(() => periodsToText(initial.signals.sensitive.periods));
  const [recheckText, setRecheckText] = useState(() => ((initial as { recheckDays?: number[] }).recheckDays ?? []).join(', '));
  useEffect(() => {
    setP(initial);
    setRecheckText(((initial as { recheckDays?: number[] }).recheckDays ?? []).join(', '));
  }, [initial]);

  const at = (path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], p);
  const setAt = (path: string, v: unknown) => {
    setP((old) => {
      const next = structuredClone(old) as unknown as Record<string, unknown>;
      const keys = path.split('.');
      let o = next;
      for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
      o[keys[keys.length - 1]!] = v;
      return next as unknown as DeadlinePolicy;
    });
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith(path))));
  };

  const submit = async () => {
    if (inFlight.current) return;
    if (errors['patrol.gridFrequency']) {
      setSubmitError(t('form.fixErrors'));
      return;
    }
    const parsed = DeadlinePolicy.safeParse(p);
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error.issues, locale, 9));
      setSubmitError(t('form.fixErrors'));
      return;
    }
    inFlight.current = true;
    setBusy(true);
    setSubmitError(null);
    try {
      await call('savePolicy', parsed.data);
      message.success(t('admin.saved'));
      onSaved();
    } catch (e) {
      setErrors(callableFieldErrors(e));
      setSubmitError(errorMessage(e, t));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const dur = (path: string, label: string) => (
    <DurationField
      key={path}
      path={path}
      label={label}
      value={at(path) as Duration}
      error={errorUnder(errors, path)}
      onChange={(v) => setAt(path, v)}
    />
  );
  const num = (path: string, label: string, min = 0, max?: number) => (
    <Form.Item
      key={path}
      label={label}
      htmlFor={`policy-${path}`}
      {...(errorUnder(errors, path) ? { validateStatus: 'error' as const, help: errorUnder(errors, path) } : {})}
    >
      <InputNumber
        id={`policy-${path}`}
        min={min}
        max={max}
        value={at(path) as number}
        onChange={(v) => setAt(path, typeof v === 'number' ? v : 0)}
      />
    </Form.Item>
  );
  const other: [string, MessageKey][] = [
    ['courtMediation', 'policy.courtMediation'],
    ['judicialConfirmation', 'policy.judicialConfirmation'],
    ['deptCheckIn', 'policy.deptCheckIn'],
    ['deptCheckInEmergency', 'policy.deptCheckInEmergency'],
    ['deptFeedback', 'policy.deptFeedback'],
    ['callback', 'policy.callback'],
  ];
  const petition: [string, MessageKey][] = [
    ['petition.accept', 'policy.petition.accept'],
    ['petition.handle', 'policy.petition.handle'],
    ['petition.extension', 'policy.petition.extension'],
    ['petition.review', 'policy.petition.review'],
    ['petition.reviewAnswer', 'policy.petition.reviewAnswer'],
  ];

  return (
    <Form
      layout="vertical"
      onFinish={submit}
      disabled={busy || readOnly}
      data-testid="policy-form"
      data-read-only={readOnly ? 'yes' : 'no'}
      className="policy-form"
    >
      {isDefault && (
        <Alert
          type="info"
          showIcon
          title={t(readOnly ? 'admin.upper.policyDefaults' : 'policy.defaults')}
          className="dash-note"
          data-testid="policy-defaults"
        />
      )}
      {!readOnly && <Typography.Paragraph type="secondary">{t('policy.hint')}</Typography.Paragraph>}
      <Card size="small" title={t('policy.tiers')} className="form-card">
        <div className="policy-matrix" role="table" aria-label={t('policy.tiers')}>
          <div role="row" className="policy-row policy-head">
            <span role="columnheader">{t('policy.tier')}</span>
            {CASE_CLASSES.map((c) => (
              <span role="columnheader" key={c}>
                {t('fmt.classColour', {
                  cls: l.caseClass(c),
                  colour: l.colour(c === 'general' ? 'blue' : c === 'complex' ? 'orange' : 'red'),
                })}
              </span>
            ))}
            <span role="columnheader">{t('policy.warnHours')}</span>
          </div>
          {TIERS.map((tier) => (
            <div role="row" className="policy-row" key={tier}>
              <span role="rowheader" className="policy-tier">
                {l.tier(tier)}
              </span>
              {CASE_CLASSES.map((c) => (
                <span role="cell" key={c}>
                  <DurationField
                    path={`tier.${tier}.${c}`}
                    label={`${l.tier(tier)} ${l.caseClass(c)}`}
                    hideLabel
                    value={p.tier[tier][c]}
                    error={errorUnder(errors, `tier.${tier}.${c}`)}
                    onChange={(v) => setAt(`tier.${tier}.${c}`, v)}
                  />
                </span>
              ))}
              <span role="cell">
                <InputNumber
                  aria-label={`${l.tier(tier)} ${t('policy.warnHours')}`}
                  min={0}
                  value={p.warnHoursBefore[tier]}
                  onChange={(v) => setAt(`warnHoursBefore.${tier}`, typeof v === 'number' ? v : 0)}
                  addonAfter={undefined}
                  suffix={t('policy.hoursShort')}
                />
              </span>
            </div>
          ))}
        </div>
      </Card>
      <div className="policy-cards">
        <Card size="small" title={t('policy.petition')} className="form-card">
          {petition.map(([path, key]) => dur(path, t(key)))}
        </Card>
        <Card size="small" title={t('policy.other')} className="form-card">
          {other.map(([path, key]) => dur(path, t(key)))}
          {num('warnHoursBefore.other', t('policy.warnOther'))}
          <Form.Item
            label={t('policy.recheckDays')}
            htmlFor="policy-recheckDays"
            extra={t('policy.recheckDaysHint')}
            {...(errorUnder(errors, 'recheckDays') ? { validateStatus: 'error' as const, help: errorUnder(errors, 'recheckDays') } : {})}
          >
            <Input
              id="policy-recheckDays"
              value={recheckText}
              onChange={(e) => {
                setRecheckText(e.target.value);
                const days = e.target.value
                  .split(/[,，、\s]+/)
                  .filter(Boolean)
                  .map(Number);
                setAt('recheckDays', days);
              }}
            />
          </Form.Item>
        </Card>
        <PatrolPolicyCard
          readOnly={readOnly}
          value={p.patrol}
          errors={errors}
          onChange={(v) => setAt('patrol', v)}
          onGridError={(msg) => setErrors((e) => ({ ...e, 'patrol.gridFrequency': msg }))}
        />
        <Card size="small" title={t('policy.signals')} className="form-card" data-testid="policy-signals">
          {num('signals.cluster.villageCases', t('policy.signals.villageCases'), 2, 1000)}
          {num('signals.cluster.townCases', t('policy.signals.townCases'), 2, 1000)}
          {num('signals.cluster.villageItems', t('policy.signals.villageItems'), 2, 1000)}
          {num('signals.cluster.townItems', t('policy.signals.townItems'), 2, 1000)}
          {num('signals.cluster.days', t('policy.signals.clusterDays'), 1, 366)}
          {num('signals.repeat.cases', t('policy.signals.repeatCases'), 2, 1000)}
          {num('signals.repeat.petitionCases', t('policy.signals.petitionCases'), 2, 1000)}
          {num('signals.repeat.months', t('policy.signals.months'), 1, 24)}
          {num('signals.group.subjectCases', t('policy.signals.subjectCases'), 2, 1000)}
          {num('signals.group.days', t('policy.signals.subjectDays'), 1, 366)}
          {num('signals.group.growth', t('policy.signals.growth'), 1, 100000)}
          {num('signals.redStale.days', t('policy.signals.redStaleDays'), 1, 366)}
          {num('signals.sensitive.factor', t('policy.signals.factor'), 0.1, 1)}
          <Form.Item
            label={t('policy.signals.periods')}
            htmlFor="policy-signals-periods"
            extra={t('policy.signals.periodsHint')}
            {...(errorUnder(errors, 'signals.sensitive.periods')
              ? { validateStatus: 'error' as const, help: errorUnder(errors, 'signals.sensitive.periods') }
              : {})}
          >
            <Input.TextArea
              id="policy-signals-periods"
              data-testid="policy-signals-periods"
              rows={3}
              value={periodsText}
              onChange={(e) => {
                setPeriodsText(e.target.value);
                setAt('signals.sensitive.periods', parsePeriods(e.target.value));
              }}
            />
          </Form.Item>
        </Card>
        <KeyPersonPolicyCard value={p.keyPersons} errors={errors} onChange={(v) => setAt('keyPersons', v)} />
        <Card size="small" title={t('policy.sweep')} className="form-card">
          {num('sweep.batchSize', t('policy.batchSize'), 1, 500)}
          {num('sweep.maxBatches', t('policy.maxBatches'), 1, 1000)}
        </Card>
      </div>
      {submitError && <Alert type="error" showIcon title={submitError} role="alert" className="submit-error" data-testid="policy-error" />}
      {!readOnly && (
        <div className="form-actions">
          <div className="form-buttons">
            <Button
              onClick={() => {
                setP(initial);
                return setRecheckText(((initial as { recheckDays?: number[] }).recheckDays ?? []).join(', '));
              }}
              disabled={busy}
            >
              {t('policy.reset')}
            </Button>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="policy-save">
              {t('admin.save')}
            </Button>
          </div>
        </div>
      )}
    </Form>
  );
}

/** 敏感节点 as text, one a line: "全国两会 2027-03-03 2027-03-15". */
function periodsToText(ps: SensitivePeriod[]): string {
  return ps.map((x) => `${x.name} ${x.from} ${x.to}`).join('\n');
}
function parsePeriods(text: string): SensitivePeriod[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const parts = line.split(/\s+/);
      const to = parts.pop() ?? '';
      const from = parts.pop() ?? '';
      return { name: parts.join(' '), from, to };
    });
}

function errorUnder(errors: Record<string, string>, path: string): string | undefined {
  const hit = Object.entries(errors).find(([k]) => k === path || k.startsWith(`${path}.`));
  return hit?.[1];
}

function DurationField({
  path,
  label,
  hideLabel,
  value,
  error,
  onChange,
}: {
  path: string;
  label: string;
  hideLabel?: boolean;
  value: Duration;
  error?: string;
  onChange: (d: Duration) => void;
}) {
  const l = useLabels();
  const id = `policy-${path.replace(/\./g, '-')}`;
  return (
    <Form.Item
      label={hideLabel ? undefined : label}
      htmlFor={id}
      className={hideLabel ? 'duration-cell' : undefined}
      {...(error ? { validateStatus: 'error' as const, help: error } : {})}
    >
      <div className="duration">
        <InputNumber
          id={id}
          aria-label={label}
          min={0}
          max={3650}
          precision={0}
          value={value.amount}
          onChange={(v) => onChange({ ...value, amount: typeof v === 'number' ? v : 0 })}
        />
        <Select<Unit>
          aria-label={`${label} · unit`}
          value={value.unit}
          onChange={(unit) => onChange({ ...value, unit })}
          options={UNITS.map((u) => ({ value: u, label: l.durationUnit(u) }))}
          virtual={false}
          popupMatchSelectWidth={false}
        />
      </div>
    </Form.Item>
  );
}
