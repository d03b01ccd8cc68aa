/**
 * 来访登记: a walk-in petition at the center's reception. The leader on duty at the moment of the
 * visit receives it (the roster with its overrides; the handoff time respected) — the server
 * decides and says who; the 信访 clocks start. Validated with the domain's WalkInInput.
 */
import {
  CASE_CLASSES,
  CATEGORIES,
  COLOUR_OF,
  type CallableResult,
  type CaseClass,
  type Category,
  WalkInInput,
  ZONE,
  dutyDayAt,
  scopeLevelOf,
} from '@domain';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Result, Select, Typography } from 'antd';
import { DateTime } from 'luxon';
import { useRef, useState } from 'react';
import { useSignedIn } from '../../auth/session';
import { callableFieldErrors, errorMessage } from '../../data/callables';
import { submitOrQueue } from '../../data/outbox-queue';
import { usePublicDuty } from '../../data/duty-hooks';
import { useI18n, useLabels } from '../../i18n';
import { hrefFor } from '../../router';
import { newRequestId } from '../../data/report-draft';
import { PlaceFields } from '../ReportPage';

interface Petitioner {
  key: number;
  name: string;
  phone: string;
  idNumber: string;
}

interface Draft {
  townId?: string;
  villageId?: string;
  gridId?: string;
  receivedAt: string;
  category?: Category;
  caseClass: CaseClass;
  title: string;
  description: string;
  petitioners: Petitioner[];
  groupSize: number | null;
  repeat: boolean;
  skipLevel: boolean;
}

let key = 0;
const blank = (): Petitioner => ({ key: ++key, name: '', phone: '', idNumber: '' });
const nullIfBlank = (s: string) => (s.trim() ? s.trim() : null);

function initial(t: string | undefined): Draft {
  return {
    townId: t,
    receivedAt: '',
    caseClass: 'general',
    title: '',
    description: '',
    petitioners: [blank()],
    groupSize: null,
    repeat: false,
    skipLevel: false,
  };
}

/** A datetime-local value is Beijing time (the console's zone): 2026-10-08T09:30 → 2026-10-08T09:30:00+08:00. */
function toIso(local: string): string | null {
  if (!local.trim()) return null; // blank: now (the server takes the moment it receives it)
  return DateTime.fromISO(local, { zone: ZONE }).toISO({ suppressMilliseconds: true }) ?? null;
}

export default function WalkInTab() {
  const { t } = useI18n();
  const l = useLabels();
  const { claims } = useSignedIn();
  const level = scopeLevelOf(claims);
  const unit = claims.u;
  const [draft, setDraft] = useState<Draft>(() => initial(claims.t));
  const [requestId, setRequestId] = useState(newRequestId);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<CallableResult<'recordWalkIn'> | null>(null);
  const inFlight = useRef(false);
  const pub = usePublicDuty(unit);
  // Who is on duty now, the handoff respected — the server decides the receiver with the same function.
  const onDuty = pub.status === 'ready' ? dutyDayAt(pub.data.days, new Date(), pub.data.handoff) : undefined;

  const update = (patch: Partial<Draft>, clear: string[] = []) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (clear.length) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !clear.includes(k))));
  };
  const setPetitioner = (i: number, patch: Partial<Petitioner>, field: string) => {
    setDraft((d) => ({ ...d, petitioners: d.petitioners.map((p, j) => (j === i ? { ...p, ...patch } : p)) }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== `petitioners.${i}.${field}` && k !== 'petitioners')));
  };
  const err = (path: string) => (errors[path] ? { validateStatus: 'error' as const, help: errors[path] } : {});

  const submit = async () => {
    if (inFlight.current) return;
    setSubmitError(null);
    const payload = {
      requestId,
      unitId: unit,
      receivedAt: toIso(draft.receivedAt),
      gridId: draft.gridId as string,
      category: draft.category as Category,
      caseClass: draft.caseClass,
      title: draft.title,
      description: draft.description,
      petitioners: draft.petitioners.map((p) => ({
        role: 'applicant' as const,
        name: p.name.trim(),
        phone: nullIfBlank(p.phone.replace(/[\s-]/g, '')),
        idNumber: nullIfBlank(p.idNumber)?.toUpperCase() ?? null,
        address: null,
      })),
      groupSize: draft.groupSize,
      repeat: draft.repeat,
      skipLevel: draft.skipLevel,
    };
    const parsed = WalkInInput.safeParse(payload, {
      error: (iss) => {
        const path = (iss.path ?? []).map(String).join('.');
        if (path === 'gridId') return t('report.err.grid');
        if (path === 'category') return t('report.err.category');
        return undefined;
      },
    });
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const iss of parsed.error.issues) {
        const p = iss.path.map(String).join('.');
        if (!(p in next)) next[p] = iss.message;
      }
      setErrors(next);
      setSubmitError(t('report.fixErrors'));
      return;
    }
    inFlight.current = true;
    setBusy(true);
    try {
      const sent = await submitOrQueue('recordWalkIn', parsed.data);
      if (sent.queued) return again(); // no network: kept in the outbox (shell), the form is free for the next one
      setDone(sent.result);
      window.scrollTo(0, 0);
    } catch (e) {
      const f = callableFieldErrors(e);
      if (Object.keys(f).length) setErrors(f);
      setSubmitError(t('report.failed', { message: errorMessage(e, t) }));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const again = () => {
    setDraft(initial(claims.t));
    setRequestId(newRequestId());
    setErrors({});
    setSubmitError(null);
    setDone(null);
  };

  if (done) {
    const r = done.receivedBy;
    return (
      <Card className="walkin-done" data-testid="walkin-done" data-case-id={done.caseId}>
        <Result
          status="success"
          title={t('walkin.done')}
          subTitle={
            r ? (
              <span data-testid="walkin-received-by" data-uid={r.uid} data-name={r.name} data-duty-date={r.dutyDate}>
                {t('walkin.receivedBy', { name: r.name, title: r.title, date: r.dutyDate })}
              </span>
            ) : (
              <span data-testid="walkin-no-duty-leader">{t('walkin.noDutyLeader')}</span>
            )
          }
          extra={[
            <Button key="open" type="primary" href={hrefFor({ name: 'case', id: done.caseId })} data-testid="walkin-open-case">
              {t('walkin.openCase')}
            </Button>,
            <Button key="again" onClick={again} data-testid="walkin-again">
              {t('walkin.again')}
            </Button>,
          ]}
        />
      </Card>
    );
  }

  const max = DateTime.now().setZone(ZONE).toFormat("yyyy-LL-dd'T'HH:mm");
  return (
    <Form
      layout="vertical"
      onFinish={submit}
      disabled={busy}
      requiredMark
      className="report-form walkin-form page-narrow"
      data-testid="walkin-form"
      data-request-id={requestId}
    >
      <Card size="small" className="form-card walkin-onduty" data-testid="walkin-on-duty">
        {onDuty ? (
          <span data-testid="walkin-on-duty-name" data-name={onDuty.name} data-date={onDuty.date}>
            <span className="muted">{t('walkin.onDutyToday', { kind: t(`duty.kind.${onDuty.kind}`) })}</span> <strong>{onDuty.name}</strong>{' '}
            <span className="muted">{onDuty.title}</span>
          </span>
        ) : (
          <Typography.Text type="secondary">{pub.status === 'loading' ? t('app.loading') : t('walkin.noDutyToday')}</Typography.Text>
        )}
        <div className="muted small">{t('walkin.onDutyHint')}</div>
      </Card>

      <Card title={t('walkin.section.visit')} size="small" className="form-card">
        <Form.Item label={t('walkin.receivedAt')} extra={t('walkin.receivedAtHint')} htmlFor="walkin-received-at" {...err('receivedAt')}>
          <Input
            id="walkin-received-at"
            type="datetime-local"
            max={max}
            value={draft.receivedAt}
            onChange={(e) => update({ receivedAt: e.target.value }, ['receivedAt'])}
            data-testid="walkin-received-at"
          />
        </Form.Item>
        <PlaceFields claims={claims} level={level} draft={draft} update={update} err={err} prefix="walkin" />
      </Card>

      <Card title={t('report.section.case')} size="small" className="form-card">
        <Form.Item label={t('report.category')} required htmlFor="walkin-category" {...err('category')}>
          <Select<Category>
            id="walkin-category"
            data-testid="walkin-category"
            value={draft.category}
            placeholder={t('report.selectCategory')}
            onChange={(v) => update({ category: v }, ['category'])}
            options={CATEGORIES.map((c) => ({ value: c, label: l.category(c) }))}
            showSearch={{ optionFilterProp: 'label' }}
            virtual={false}
          />
        </Form.Item>
        <Form.Item label={t('report.class')} required {...err('caseClass')}>
          <Radio.Group
            optionType="button"
            value={draft.caseClass}
            onChange={(e) => update({ caseClass: e.target.value as CaseClass }, ['caseClass'])}
            options={CASE_CLASSES.map((c) => ({
              value: c,
              label: (
                <span data-testid={`walkin-class-${c}`}>
                  <span className={`dot dot-${COLOUR_OF[c]}`} aria-hidden="true" />
                  {l.caseClass(c)}
                </span>
              ),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('walkin.title')} required htmlFor="walkin-title" {...err('title')}>
          <Input
            id="walkin-title"
            data-testid="walkin-title"
            value={draft.title}
            maxLength={60}
            showCount
            placeholder={t('report.caseTitlePlaceholder')}
            onChange={(e) => update({ title: e.target.value }, ['title'])}
          />
        </Form.Item>
        <Form.Item label={t('walkin.description')} required htmlFor="walkin-description" {...err('description')}>
          <Input.TextArea
            id="walkin-description"
            data-testid="walkin-description"
            value={draft.description}
            maxLength={4000}
            showCount
            autoSize={{ minRows: 4, maxRows: 12 }}
            placeholder={t('walkin.descriptionPlaceholder')}
            onChange={(e) => update({ description: e.target.value }, ['description'])}
          />
        </Form.Item>
        <div className="flag-grid" role="group" aria-label={t('walkin.petitionFlags')}>
          <Checkbox checked={draft.repeat} onChange={(e) => update({ repeat: e.target.checked })} data-testid="walkin-repeat">
            {t('walkin.repeat')}
          </Checkbox>
          <Checkbox checked={draft.skipLevel} onChange={(e) => update({ skipLevel: e.target.checked })} data-testid="walkin-skip-level">
            {t('walkin.skipLevel')}
          </Checkbox>
        </div>
        <Form.Item label={t('report.groupSize')} extra={t('report.groupSizeHint')} htmlFor="walkin-group-size" {...err('groupSize')}>
          <InputNumber
            id="walkin-group-size"
            min={0}
            max={100000}
            precision={0}
            inputMode="numeric"
            value={draft.groupSize}
            onChange={(v) => update({ groupSize: typeof v === 'number' ? v : null }, ['groupSize'])}
            data-testid="walkin-group-size"
          />
        </Form.Item>
      </Card>

      <Card
        title={t('walkin.petitioners')}
        size="small"
        className="form-card"
        extra={
          <Button
            size="small"
            disabled={busy || draft.petitioners.length >= 50}
            onClick={() => update({ petitioners: [...draft.petitioners, blank()] })}
            data-testid="walkin-add-petitioner"
          >
            + {t('walkin.addPetitioner')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary" className="privacy-note">
          {t('report.privacyNote')}
        </Typography.Paragraph>
        {errors.petitioners && <Alert type="error" showIcon title={errors.petitioners} className="party-error" />}
        {draft.petitioners.map((p, i) => (
          <fieldset key={p.key} className="party-fieldset" data-testid={`walkin-petitioner-${i}`}>
            <legend className="party-legend">
              <span>{t('walkin.petitionerN', { n: i + 1 })}</span>
              {draft.petitioners.length > 1 && (
                <Button
                  size="small"
                  type="link"
                  danger
                  aria-label={t('report.removePartyLabel', { n: i + 1 })}
                  onClick={() => update({ petitioners: draft.petitioners.filter((_, j) => j !== i) }, ['petitioners'])}
                >
                  {t('report.removeParty')}
                </Button>
              )}
            </legend>
            <div className="party-grid">
              <Form.Item label={t('report.partyName')} required htmlFor={`walkin-name-${i}`} {...err(`petitioners.${i}.name`)}>
                <Input
                  id={`walkin-name-${i}`}
                  data-testid={`walkin-name-${i}`}
                  value={p.name}
                  maxLength={40}
                  autoComplete="off"
                  onChange={(e) => setPetitioner(i, { name: e.target.value }, 'name')}
                />
              </Form.Item>
              <Form.Item label={t('report.partyPhone')} htmlFor={`walkin-phone-${i}`} {...err(`petitioners.${i}.phone`)}>
                <Input
                  id={`walkin-phone-${i}`}
                  data-testid={`walkin-phone-${i}`}
                  value={p.phone}
                  type="tel"
                  inputMode="tel"
                  maxLength={13}
                  autoComplete="off"
                  onChange={(e) => setPetitioner(i, { phone: e.target.value }, 'phone')}
                />
              </Form.Item>
              <Form.Item label={t('report.partyIdNumber')} htmlFor={`walkin-id-${i}`} {...err(`petitioners.${i}.idNumber`)}>
                <Input
                  id={`walkin-id-${i}`}
                  data-testid={`walkin-id-${i}`}
                  value={p.idNumber}
                  maxLength={18}
                  autoComplete="off"
                  className="mono"
                  onChange={(e) => setPetitioner(i, { idNumber: e.target.value }, 'idNumber')}
                />
              </Form.Item>
            </div>
          </fieldset>
        ))}
      </Card>

      {submitError && <Alert type="error" showIcon title={submitError} data-testid="walkin-error" role="alert" className="submit-error" />}
      <div className="form-actions">
        <div className="form-buttons">
          <Button onClick={again} disabled={busy} data-testid="walkin-reset">
            {t('report.reset')}
          </Button>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="walkin-submit">
            {busy ? t('report.submitting') : t('walkin.submit')}
          </Button>
        </div>
      </div>
    </Form>
  );
}
