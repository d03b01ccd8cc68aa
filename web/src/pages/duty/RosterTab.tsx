/**
 * 值班表: a unit's roster as a month calendar. Each day says who receives visitors (接访, working
 * days including 调休 Saturdays) or is on duty (值班, weekends and holidays), with the holiday
 * and 调休 marks in words (休 / 班), days moved by leave or a swap marked 调, and today marked 今.
 * Live: a publication or an approved change shows at once. Administrators publish from here.
 */
import { type DayKind, PublishRosterInput, type RosterConfig, type WorkCalendar, mayManageRoster } from '@domain';
import { Alert, App as AntApp, Button, Card, Input, Skeleton, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSignedIn } from '../../auth/session';
import { call, errorMessage, loadErrorText } from '../../data/callables';
import type { RosterVersionDoc } from '../../data/docs';
import { type DutyDay, type RosterView, useRoster, useWorkCalendar } from '../../data/duty-hooks';
import { formatDateTime, useI18n, useLabels } from '../../i18n';
import { navigate } from '../../router';
import {
  UnitSelect,
  WEEKDAYS,
  defaultDutyUnit,
  icsUrl,
  isMonth,
  monthBounds,
  monthOf,
  shiftMonth,
  today,
  useDayLabel,
  useDutyUnits,
} from './common';
import { RosterEditor } from './RotationEditor';

export default function RosterTab({ query }: { query: Record<string, string> }) {
  const { t } = useI18n();
  const { claims } = useSignedIn();
  const units = useDutyUnits(claims);
  const unit = query.unit && /^(\d{6}|\d{9})$/.test(query.unit) ? query.unit : defaultDutyUnit(claims);
  const now = today();
  const month = isMonth(query.month) ? query.month : monthOf(now);
  const { first, last } = monthBounds(month);
  const year = Number(month.slice(0, 4));
  const roster = useRoster(claims, unit, first, last);
  const cal = useWorkCalendar(year, year);
  const [picked, setPicked] = useState<string | null>(null);
  const selected = picked && picked >= first && picked <= last ? picked : now >= first && now <= last ? now : first;
  const go = (q: { unit?: string; month?: string }) =>
    navigate({ name: 'duty', tab: 'roster', query: { unit, month, ...q } }, { replace: true });
  const state =
    roster.status === 'ready' && cal?.status === 'ready'
      ? 'ready'
      : roster.status === 'error'
        ? 'error'
        : roster.status === 'missing'
          ? 'missing'
          : 'loading';

  return (
    <div
      className="roster"
      data-testid="roster"
      data-state={state}
      data-unit={unit}
      data-month={month}
      data-view={roster.status === 'ready' ? (roster.full ? 'full' : 'public') : ''}
    >
      <div className="roster-toolbar">
        <UnitSelect units={units} value={unit} onChange={(v) => go({ unit: v })} testId="roster-unit" label={t('duty.unit')} />
        <div className="month-nav" role="group" aria-label={t('duty.monthNav')}>
          <Button onClick={() => go({ month: shiftMonth(month, -1) })} aria-label={t('duty.prevMonth')} data-testid="roster-prev">
            ‹
          </Button>
          <span className="month-title" data-testid="roster-month-title" aria-live="polite">
            {t('calendar.month', { y: year, m: Number(month.slice(5)) })}
          </span>
          <Button onClick={() => go({ month: shiftMonth(month, 1) })} aria-label={t('duty.nextMonth')} data-testid="roster-next">
            ›
          </Button>
          <Button onClick={() => go({ month: monthOf(now) })} disabled={month === monthOf(now)} data-testid="roster-this-month">
            {t('duty.thisMonth')}
          </Button>
        </div>
      </div>

      {roster.status === 'error' && <Alert type="error" showIcon title={loadErrorText(roster, t)} />}
      {cal?.status === 'error' && <Alert type="error" showIcon title={loadErrorText(cal, t)} />}
      {cal?.status === 'ready' && cal.data.missing.length > 0 && (
        <Alert type="warning" showIcon className="roster-note" title={t('calendar.none', { year })} />
      )}
      {roster.status === 'ready' && !roster.full && (
        <Alert
          type="info"
          showIcon
          className="roster-note"
          data-testid="roster-public-note"
          title={t('duty.publicNote', { until: roster.publicUntil ?? '—' })}
        />
      )}

      {roster.status === 'missing' && (
        <Alert type="warning" showIcon className="roster-note" data-testid="roster-empty" title={t('duty.noRoster')} />
      )}
      {roster.status === 'ready' && roster.days.size === 0 && (
        <Alert type="info" showIcon className="roster-note" data-testid="roster-month-empty" title={t('duty.monthUnpublished')} />
      )}

      <div className="roster-layout">
        <Card size="small" className="roster-calendar-card">
          <Legend />
          {roster.status === 'loading' || !cal || cal.status === 'loading' ? (
            <Skeleton active paragraph={{ rows: 10 }} />
          ) : (
            <MonthGrid
              month={month}
              cal={cal.status === 'ready' && !cal.data.missing.length ? cal.data.cal : null}
              days={roster.status === 'ready' ? roster.days : new Map()}
              today={now}
              selected={selected}
              onSelect={setPicked}
            />
          )}
        </Card>
        <div className="roster-side">
          <DayDetails date={selected} roster={roster} cal={cal?.status === 'ready' && !cal.data.missing.length ? cal.data.cal : null} />
          <Subscribe unit={unit} />
          {roster.status === 'ready' && roster.full && roster.cfg && <Rotations cfg={roster.cfg} />}
          {roster.status === 'ready' && roster.full && <Versions versions={roster.versions} />}
          {mayManageRoster(claims, unit) && (roster.status === 'ready' || roster.status === 'missing') && (
            <RosterEditor
              unit={unit}
              countyId={claims.c}
              unitName={units?.status === 'ready' ? (units.data.find((u) => u.id === unit)?.name ?? '') : ''}
              cfg={roster.status === 'ready' ? roster.cfg : null}
            />
          )}
          {mayManageRoster(claims, unit) && <PublishForm unit={unit} first={first} last={last} />}
        </div>
      </div>
    </div>
  );
}

function Legend() {
  const { t } = useI18n();
  return (
    <div className="roster-legend" role="group" aria-label={t('duty.legend')}>
      <span>
        <span className="legend-mark mark-holiday">{t('calendar.mark.holiday')}</span> {t('dayKind.holiday')}
      </span>
      <span>
        <span className="legend-mark mark-makeup">{t('calendar.mark.makeup')}</span> {t('dayKind.makeup_workday')}
      </span>
      <span>
        <span className="legend-mark mark-changed">{t('duty.mark.changed')}</span> {t('duty.changedLegend')}
      </span>
      <span>
        <span className="legend-mark mark-today">{t('duty.mark.today')}</span> {t('duty.today')}
      </span>
      <span>
        <span className="legend-kind">{t('duty.mark.weekday')}</span> {t('duty.kind.weekday')} ·{' '}
        <span className="legend-kind">{t('duty.mark.duty')}</span> {t('duty.kind.duty')}
      </span>
    </div>
  );
}

function MonthGrid({
  month,
  cal,
  days,
  today,
  selected,
  onSelect,
}: {
  month: string;
  cal: WorkCalendar | null;
  days: Map<string, DutyDay>;
  today: string;
  selected: string;
  onSelect: (d: string) => void;
}) {
  const { t } = useI18n();
  const l = useLabels();
  const dayLabel = useDayLabel();
  const { first, last } = monthBounds(month);
  const count = Number(last.slice(8));
  const lead = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7;
  const weeks = Math.ceil((lead + count) / 7);
  return (
    <table className="roster-month" data-testid="roster-grid">
      <caption className="sr-only">{t('calendar.month', { y: Number(month.slice(0, 4)), m: Number(month.slice(5)) })}</caption>
      <thead>
        <tr>
          {WEEKDAYS.map((d) => (
            <th key={d} scope="col" className={d === 'sat' || d === 'sun' ? 'wkend' : undefined}>
              {t(`calendar.wd.${d}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: weeks }, (_, w) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items identified by position in a fixed, never reordered list
          <tr key={w}>
            {Array.from({ length: 7 }, (_, i) => {
              const n = w * 7 + i - lead + 1;
              // biome-ignore lint/suspicious/noArrayIndexKey: items identified by position in a fixed, never reordered list
              if (n < 1 || n > count) return <td key={i} className="pad" />;
              const date = `${month}-${String(n).padStart(2, '0')}`;
              const kind: DayKind | null = cal ? cal.kind(date) : null;
              const name = cal ? cal.nameOf(date) : null;
              const duty = days.get(date);
              const parts = [
                dayLabel(date),
                kind ? l.dayKind(kind) : null,
                name,
                duty
                  ? `${t(`duty.kind.${duty.kind}`)}${t('fmt.colon')}${duty.name}${duty.title ? ` ${duty.title}` : ''}`
                  : t('duty.unassigned'),
                duty?.changedFrom ? t('duty.changedFrom', { name: duty.changedFrom.name }) : null,
                date === today ? t('duty.today') : null,
              ];
              const cls = [
                'roster-day',
                kind ?? '',
                date === today ? 'is-today' : '',
                date === selected ? 'is-selected' : '',
                duty?.changedFrom ? 'is-changed' : '',
              ]
                .filter(Boolean)
                .join(' ');
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: items identified by position in a fixed, never reordered list
                <td key={i}>
                  <button
                    type="button"
                    className={cls}
                    onClick={() => onSelect(date)}
                    aria-pressed={date === selected}
                    aria-label={parts.filter(Boolean).join(t('fmt.comma'))}
                    data-testid="roster-day"
                    data-date={date}
                    data-kind={kind ?? ''}
                    data-holiday={name ?? ''}
                    data-duty={duty?.kind ?? ''}
                    data-leader={duty?.name ?? ''}
                    data-changed={duty?.changedFrom ? 'yes' : 'no'}
                  >
                    <span className="rd-head" aria-hidden="true">
                      <span className="rd-num">{n}</span>
                      {kind === 'holiday' && <span className="rd-mark mark-holiday">{t('calendar.mark.holiday')}</span>}
                      {kind === 'makeup_workday' && <span className="rd-mark mark-makeup">{t('calendar.mark.makeup')}</span>}
                      {duty?.changedFrom && <span className="rd-mark mark-changed">{t('duty.mark.changed')}</span>}
                      {date === today && <span className="rd-mark mark-today">{t('duty.mark.today')}</span>}
                    </span>
                    {name && (
                      <span className="rd-holiday" aria-hidden="true">
                        {name}
                      </span>
                    )}
                    <span className="rd-leader" aria-hidden="true">
                      {duty ? (
                        <>
                          <span className="rd-kind">{t(duty.kind === 'weekday' ? 'duty.mark.weekday' : 'duty.mark.duty')}</span>
                          {duty.name}
                        </>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </span>
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DayDetails({ date, roster, cal }: { date: string; roster: RosterView; cal: WorkCalendar | null }) {
  const { t } = useI18n();
  const l = useLabels();
  const dayLabel = useDayLabel();
  const duty = roster.status === 'ready' ? roster.days.get(date) : undefined;
  const kind = cal ? cal.kind(date) : null;
  const name = cal ? cal.nameOf(date) : null;
  return (
    <Card size="small" title={dayLabel(date)} className="roster-day-card" data-testid="roster-day-details" data-date={date}>
      <div className="day-kind">
        {kind && (
          <Tag color={kind === 'holiday' ? 'red' : kind === 'makeup_workday' ? 'orange' : kind === 'weekend' ? 'default' : 'blue'}>
            {l.dayKind(kind)}
            {name ? ` · ${name}` : ''}
          </Tag>
        )}
      </div>
      {duty ? (
        <div className="duty-person" data-testid="roster-day-leader">
          <span className="muted">{t(`duty.kind.${duty.kind}`)}</span>
          <strong className="duty-name">{duty.name}</strong>
          {duty.title && <span className="duty-title">{duty.title}</span>}
          {duty.changedFrom && <div className="muted small">{t('duty.changedFrom', { name: duty.changedFrom.name })}</div>}
        </div>
      ) : (
        <Typography.Text type="secondary">{t('duty.unassigned')}</Typography.Text>
      )}
    </Card>
  );
}

function Subscribe({ unit }: { unit: string }) {
  const { t } = useI18n();
  const url = icsUrl(unit);
  return (
    <Card size="small" title={t('duty.ics.title')} className="roster-ics">
      <Typography.Paragraph type="secondary" className="small">
        {t('duty.ics.hint')}
      </Typography.Paragraph>
      <div className="ics-actions">
        <Button href={url.replace(/^https?:/, 'webcal:')} data-testid="roster-ics-subscribe">
          {t('duty.ics.subscribe')}
        </Button>
        <Button href={url} target="_blank" rel="noopener" data-testid="roster-ics" download={`roster-${unit}.ics`}>
          {t('duty.ics.download')}
        </Button>
      </div>
      <Typography.Text copyable={{ text: url }} className="mono small ics-url">
        {url}
      </Typography.Text>
    </Card>
  );
}

function Rotations({ cfg }: { cfg: RosterConfig }) {
  const { t } = useI18n();
  const wd = (n: number) => t(`calendar.wd.${WEEKDAYS[n - 1]!}`);
  return (
    <Card size="small" title={t('duty.rotations')} className="roster-rotations" data-testid="roster-rotations">
      {(['weekday', 'duty'] as const).map((k) => (
        <div key={k} className="rotation">
          <div className="muted small">{t(k === 'weekday' ? 'duty.rotation.weekday' : 'duty.rotation.duty')}</div>
          <ol className="rotation-list">
            {cfg[k].map((x) => (
              <li key={x.uid}>
                {x.name}
                {x.title && <span className="muted"> · {x.title}</span>}
                {x.neverWeekdays.length > 0 && (
                  <span className="muted small"> ({t('duty.never', { days: x.neverWeekdays.map(wd).join(t('fmt.enum')) })})</span>
                )}
              </li>
            ))}
          </ol>
        </div>
      ))}
      <div className="muted small">{t('duty.handoff', { time: cfg.handoff, wd: wd(cfg.visitWeekday) })}</div>
    </Card>
  );
}

function Versions({ versions }: { versions: RosterVersionDoc[] }) {
  const { t, locale } = useI18n();
  if (!versions.length) return null;
  return (
    <Card size="small" title={t('duty.versions')} className="roster-versions">
      <ul className="plain-list" data-testid="roster-versions">
        {versions.map((v) => (
          <li key={v.from} data-from={v.from} data-to={v.to}>
            {t('duty.versionRange', { from: v.from, to: v.to })}{' '}
            <span className="muted small">· {formatDateTime(v.publishedAt, locale)}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** Administrators publish a period (an immutable version; an overlapping one is refused). */
function PublishForm({ unit, first, last }: { unit: string; first: string; last: string }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [range, setRange] = useState<{ key: string; from: string; to: string }>({ key: `${unit}:${first}`, from: first, to: last });
  const cur = range.key === `${unit}:${first}` ? range : { key: `${unit}:${first}`, from: first, to: last };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    const parsed = PublishRosterInput.safeParse({ unitId: unit, from: cur.from, to: cur.to });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? t('form.fixErrors'));
    setBusy(true);
    try {
      const res = await call('publishRoster', parsed.data);
      message.success(t('duty.published', { from: res.from, to: res.to, n: res.days }));
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  const id = useMemo(() => Math.random().toString(36).slice(2, 7), []);
  return (
    <Card size="small" title={t('duty.publish.title')} className="roster-publish" data-testid="roster-publish">
      <Typography.Paragraph type="secondary" className="small">
        {t('duty.publish.hint')}
      </Typography.Paragraph>
      <div className="publish-row">
        <label htmlFor={`pf-${id}`} className="small muted">
          {t('duty.publish.from')}
        </label>
        <Input
          id={`pf-${id}`}
          type="date"
          value={cur.from}
          onChange={(e) => setRange({ ...cur, from: e.target.value })}
          data-testid="publish-from"
        />
        <label htmlFor={`pt-${id}`} className="small muted">
          {t('duty.publish.to')}
        </label>
        <Input
          id={`pt-${id}`}
          type="date"
          value={cur.to}
          onChange={(e) => setRange({ ...cur, to: e.target.value })}
          data-testid="publish-to"
        />
      </div>
      {error && <Alert type="error" showIcon title={error} className="submit-error" data-testid="publish-error" role="alert" />}
      <Button type="primary" onClick={submit} loading={busy} data-testid="publish-submit">
        {t('duty.publish.submit')}
      </Button>
    </Card>
  );
}
