/**
 * 请假调班: leave and swap requests of a unit's leaders, live. A leader on the roster asks for
 * their own upcoming days (leave: the days go to colleagues, with a give-back day each; swap: two
 * days of the same rotation exchanged); an administrator approves or rejects, and the calendar
 * follows at once.
 */
import { RosterChangeInput, addDays, mayManageRoster, mayRequestRosterChange } from '@domain';
import { Alert, App as AntApp, Button, Card, Empty, Form, Input, Radio, Select, Skeleton, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSignedIn } from '../../auth/session';
import { call, errorMessage, loadErrorText } from '../../data/callables';
import type { RosterChangeDoc } from '../../data/docs';
import { type DutyDay, leaderOf, useRoster } from '../../data/duty-hooks';
import { formatDateTime, useI18n } from '../../i18n';
import { issuesByField } from '../../i18n/zod';
import { navigate } from '../../router';
import { UnitSelect, defaultDutyUnit, today, useDayLabel, useDutyUnits } from './common';

/** How far ahead a leader may pick days (two published months at most). */
const AHEAD_DAYS = 62;

const STATUS_TAG = {
  requested: { color: 'gold', icon: '○' },
  approved: { color: 'green', icon: '✓' },
  rejected: { color: 'default', icon: '✕' },
} as const;

export default function ChangesTab({ query }: { query: Record<string, string> }) {
  const { t } = useI18n();
  const { claims, user } = useSignedIn();
  const admin = claims.r === 'admin';
  const units = useDutyUnits(claims);
  const own = defaultDutyUnit(claims);
  const unit = admin && query.unit && /^(\d{6}|\d{9})$/.test(query.unit) ? query.unit : own;
  const from = today();
  const to = addDays(from, AHEAD_DAYS);
  const roster = useRoster(claims, unit, from, to);
  const onRoster = roster.status === 'ready' && !!roster.cfg && [...roster.cfg.weekday, ...roster.cfg.duty].some((l) => l.uid === user.uid);
  const changes = roster.status === 'ready' ? sortChanges(roster.changes) : [];

  return (
    <div className="changes" data-testid="changes" data-unit={unit} data-state={roster.status}>
      {admin && (
        <div className="roster-toolbar">
          <UnitSelect
            units={units}
            value={unit}
            onChange={(v) => navigate({ name: 'duty', tab: 'changes', query: { unit: v } }, { replace: true })}
            testId="changes-unit"
            label={t('duty.unit')}
          />
        </div>
      )}
      {roster.status === 'error' && <Alert type="error" showIcon title={loadErrorText(roster, t)} />}
      {roster.status === 'missing' && <Alert type="info" showIcon title={t('duty.noRoster')} />}
      <div className={mayRequestRosterChange(claims) ? 'changes-layout with-form' : 'changes-layout'}>
        <Card size="small" title={t('duty.changes.list')} className="changes-list-card">
          {roster.status === 'loading' ? (
            <Skeleton active paragraph={{ rows: 4 }} />
          ) : changes.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duty.changes.none')} />
          ) : (
            <ul className="change-list" data-testid="change-list">
              {changes.map((c) => (
                <ChangeRow
                  key={c.id}
                  c={c}
                  unit={unit}
                  cfg={roster.status === 'ready' ? roster.cfg : null}
                  canDecide={mayManageRoster(claims, unit)}
                />
              ))}
            </ul>
          )}
        </Card>
        {mayRequestRosterChange(claims) && roster.status === 'ready' && (
          <Card size="small" title={t('duty.changes.new')} className="changes-form-card">
            {onRoster ? (
              <RequestForm unit={unit} uid={user.uid} days={[...roster.days.values()]} />
            ) : (
              <Typography.Text type="secondary">{t('duty.changes.notOnRoster')}</Typography.Text>
            )}
          </Card>
        )}
      </div>
    </div>
  );
}

function sortChanges(list: RosterChangeDoc[]): RosterChangeDoc[] {
  const at = (c: RosterChangeDoc) => (c.decidedAt ?? c.requestedAt)?.getTime?.() ?? 0;
  return [...list].sort((a, b) => (a.status === 'requested' ? 0 : 1) - (b.status === 'requested' ? 0 : 1) || at(b) - at(a));
}

function ChangeRow({
  c,
  unit,
  cfg,
  canDecide,
}: {
  c: RosterChangeDoc;
  unit: string;
  cfg: Parameters<typeof leaderOf>[0];
  canDecide: boolean;
}) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const name = (uid: string) => leaderOf(cfg, uid).name;
  const tag = STATUS_TAG[c.status];
  const decide = async (approve: boolean) => {
    setBusy(approve ? 'approve' : 'reject');
    setError(null);
    try {
      await call('decideRosterChange', { unitId: unit, changeId: c.id, approve });
      message.success(t(approve ? 'duty.changes.approved' : 'duty.changes.rejected'));
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(null);
    }
  };
  return (
    <li className="change" data-testid="change-row" data-change-id={c.id} data-status={c.status} data-kind={c.kind} data-uid={c.uid}>
      <div className="change-head">
        <Tag color={c.kind === 'leave' ? 'purple' : 'cyan'}>{t(`duty.changes.kind.${c.kind}`)}</Tag>
        <strong>{name(c.uid)}</strong>
        <Tag color={tag.color} data-testid="change-status">
          <span aria-hidden="true">{tag.icon} </span>
          {t(`duty.changes.status.${c.status}`)}
        </Tag>
      </div>
      <div className="change-body">
        {c.kind === 'leave'
          ? t('duty.changes.leaveDates', { dates: c.dates.join(t('fmt.enum')) })
          : t('duty.changes.swapDates', { date: c.dates[0] ?? '', name: name(c.withUid ?? ''), withDate: c.withDate ?? '' })}
      </div>
      <div className="muted small pre">{t('detail.reason', { reason: c.reason })}</div>
      <div className="muted small">
        {t('duty.changes.requestedAt', { time: formatDateTime(c.requestedAt, locale) })}
        {c.decidedAt && ` · ${t('duty.changes.decidedAt', { time: formatDateTime(c.decidedAt, locale) })}`}
      </div>
      {c.status === 'approved' && c.effect.length > 0 && (
        <ul className="effect-list" aria-label={t('duty.changes.effect')} data-testid="change-effect">
          {c.effect.map((e) => (
            <li key={`${e.date}:${e.toUid}`}>{t('duty.changes.effectItem', { date: e.date, from: name(e.fromUid), to: name(e.toUid) })}</li>
          ))}
        </ul>
      )}
      {canDecide && c.status === 'requested' && (
        <div className="change-actions">
          <Button
            type="primary"
            size="small"
            onClick={() => decide(true)}
            loading={busy === 'approve'}
            disabled={!!busy}
            data-testid="change-approve"
          >
            {t('duty.changes.approve')}
          </Button>
          <Button size="small" onClick={() => decide(false)} loading={busy === 'reject'} disabled={!!busy} data-testid="change-reject">
            {t('duty.changes.reject')}
          </Button>
        </div>
      )}
      {error && <Alert type="error" showIcon title={error} role="alert" data-testid="change-error" />}
    </li>
  );
}

/** A leader's own request: leave on some of their upcoming days, or a swap of one of them. */
function RequestForm({ unit, uid, days }: { unit: string; uid: string; days: DutyDay[] }) {
  const { t, locale } = useI18n();
  const dayLabel = useDayLabel();
  const { message } = AntApp.useApp();
  const [kind, setKind] = useState<'leave' | 'swap'>('leave');
  const [dates, setDates] = useState<string[]>([]);
  const [withDay, setWithDay] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mine = useMemo(() => days.filter((d) => d.uid === uid), [days, uid]);
  const myKind = kind === 'swap' && dates[0] ? mine.find((d) => d.date === dates[0])?.kind : undefined;
  const theirs = useMemo(() => days.filter((d) => d.uid && d.uid !== uid && (!myKind || d.kind === myKind)), [days, uid, myKind]);
  const option = (d: DutyDay) => ({
    value: d.date,
    label: `${dayLabel(d.date)} · ${t(`duty.kind.${d.kind}`)}${d.holiday ? ` · ${d.holiday}` : ''}`,
  });

  const submit = async () => {
    setError(null);
    const other = kind === 'swap' ? theirs.find((d) => d.date === withDay) : undefined;
    const parsed = RosterChangeInput.safeParse({
      unitId: unit,
      kind,
      dates: kind === 'swap' ? dates.slice(0, 1) : dates,
      withUid: other?.uid ?? null,
      withDate: other?.date ?? null,
      reason,
    });
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error.issues, locale));
      return setError(t('form.fixErrors'));
    }
    if (kind === 'swap' && !other) {
      setErrors({ withDate: t('duty.changes.pickWith') });
      return setError(t('form.fixErrors'));
    }
    setBusy(true);
    try {
      await call('requestRosterChange', parsed.data);
      message.success(t('duty.changes.requested'));
      setDates([]);
      setWithDay(undefined);
      setReason('');
      setErrors({});
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  const err = (k: string) => (errors[k] ? { validateStatus: 'error' as const, help: errors[k] } : {});

  return (
    <Form layout="vertical" onFinish={submit} disabled={busy} data-testid="change-form">
      <Form.Item label={t('duty.changes.kindLabel')}>
        <Radio.Group
          value={kind}
          onChange={(e) => {
            setKind(e.target.value);
            setDates([]);
            return setWithDay(undefined);
          }}
          optionType="button"
          options={(['leave', 'swap'] as const).map((k) => ({
            value: k,
            label: <span data-testid={`change-kind-${k}`}>{t(`duty.changes.kind.${k}`)}</span>,
          }))}
        />
      </Form.Item>
      {mine.length === 0 ? (
        <Alert type="info" showIcon title={t('duty.changes.noDays')} className="roster-note" />
      ) : kind === 'leave' ? (
        <Form.Item label={t('duty.changes.leaveLabel')} required {...err('dates')}>
          <Select
            mode="multiple"
            value={dates}
            onChange={setDates}
            options={mine.map(option)}
            placeholder={t('duty.changes.pickDays')}
            data-testid="change-dates"
            virtual={false}
            maxCount={31}
          />
        </Form.Item>
      ) : (
        <>
          <Form.Item label={t('duty.changes.myDay')} required {...err('dates')}>
            <Select
              value={dates[0]}
              onChange={(v: string) => {
                setDates([v]);
                return setWithDay(undefined);
              }}
              options={mine.map(option)}
              placeholder={t('duty.changes.pickDay')}
              data-testid="change-my-date"
              virtual={false}
            />
          </Form.Item>
          <Form.Item label={t('duty.changes.withDay')} required {...err('withDate')}>
            <Select
              value={withDay}
              onChange={setWithDay}
              options={theirs.map((d) => ({ ...option(d), label: `${option(d).label} · ${d.name}` }))}
              placeholder={t('duty.changes.pickWith')}
              data-testid="change-with"
              disabled={!dates[0]}
              showSearch={{ optionFilterProp: 'label' }}
              virtual={false}
            />
          </Form.Item>
        </>
      )}
      <Form.Item label={t('form.reason')} required htmlFor="change-reason" {...err('reason')}>
        <Input.TextArea
          id="change-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          showCount
          autoSize={{ minRows: 2, maxRows: 6 }}
          data-testid="change-reason"
        />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} role="alert" className="submit-error" data-testid="change-form-error" />}
      <Button type="primary" htmlType="submit" loading={busy} disabled={mine.length === 0} data-testid="change-submit">
        {t('duty.changes.submit')}
      </Button>
    </Form>
  );
}
