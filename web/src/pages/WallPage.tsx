/**
 * 大屏: the unit's 一图统览 for a wall screen (1920×1080 and up): one screen, nothing to scroll
 * or click, large type readable from the back of the room, a dark theme (the usual choice on a
 * projector or LED wall) and a light one. The same live figures as the dashboard — the unit's
 * counters, whose 逾期 counts exactly the cases of its overdue list — with the table per unit
 * below (towns for a county) loaded at once, the 一张图 map of its territory in the centre
 * (pages/map/MapView.tsx), and the overdue and due-soon lists naming each case's town and village.
 */
import { CLOCK_LABELS, type CaseDoc, TIERS } from '@domain';
import { useEffect, useMemo, useState } from 'react';
import { useSignedIn } from '../auth/session';
import { formatDuration, useNow } from '../components/time';
import { DUE_SOON_HOURS, WALL_LIST_LIMIT } from '../data/budget';
import { type CounterSum, type Loadable, kindOfUnit, useDeadlineList, useEntityName, useUnitCounters } from '../data/hooks';
import { boardScope } from '../data/queries';
import { type ChildLevel, childLevelOf, useChildUnits } from '../data/unit-hooks';
import { FiguresTable } from '../components/FiguresTable';

import { formatDateTime, useI18n, useLabels } from '../i18n';
import { hrefFor, navigate } from '../router';
import { MapView } from './map/MapView';

export type WallTheme = 'dark' | 'light';
const THEME_KEY = 'fengqiao.wallTheme';

/** The theme: from the address (?theme=dark|light, for a screen that opens a bookmark), else the last choice on this screen. */
function initialTheme(query: Record<string, string>): WallTheme {
  if (query.theme === 'dark' || query.theme === 'light') return query.theme;
  try {
    return localStorage.getItem(THEME_KEY) === 'light' ? 'light' : 'dark';
  } catch {
    return 'dark';
  }
}

export default function WallPage({ query }: { query: Record<string, string> }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  const { user, claims } = useSignedIn();
  const [theme, setTheme] = useState<WallTheme>(() => initialTheme(query));
  useEffect(() => {
    try {
      localStorage.setItem(THEME_KEY, theme);
    } catch {
      // a screen without storage keeps the theme for this visit
    }
  }, [theme]);
  const unit = claims.u;
  const unitName = useEntityName(kindOfUnit(unit), unit);
  const counters = useUnitCounters(unit);
  const data = counters?.status === 'ready' ? counters.data : null;
  const scopeKey = JSON.stringify([claims, user.uid]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by value (a string key of the inputs)
  const scope = useMemo(() => {
    const s = boardScope(claims, user.uid);
    return s.kind === 'scope' && s.field === 'accessUnits' ? s : null;
  }, [scopeKey]);
  const [since] = useState(() => new Date(Math.floor(Date.now() / 60_000) * 60_000));
  const horizon = useMemo(() => new Date(since.getTime() + DUE_SOON_HOURS * 3_600_000), [since]);
  const overdue = useDeadlineList(scope, 'overdue', since, since, WALL_LIST_LIMIT);
  const dueSoon = useDeadlineList(scope, 'dueSoon', since, horizon, WALL_LIST_LIMIT);
  const level = childLevelOf(claims);
  const now = useNow();
  const ready =
    counters?.status === 'ready' && (!scope || (overdue?.status !== 'loading' && dueSoon?.status !== 'loading' && !!overdue && !!dueSoon));

  const kpis: { key: string; label: string; value: number | undefined; tone?: 'danger' | 'warn' | 'ok' }[] = [
    { key: 'open', label: t('dash.kpi.open'), value: data?.open },
    { key: 'overdue', label: t('dash.kpi.overdue'), value: data?.overdue, tone: (data?.overdue ?? 0) > 0 ? 'danger' : undefined },
    { key: 'reported', label: l.state('reported'), value: data?.state.reported, tone: 'warn' },
    { key: 'in_progress', label: l.state('in_progress'), value: data?.state.in_progress },
    { key: 'red', label: t('dash.kpi.red'), value: data?.colour.red, tone: (data?.colour.red ?? 0) > 0 ? 'danger' : undefined },
    { key: 'resolved', label: l.state('resolved'), value: data?.state.resolved, tone: 'ok' },
    { key: 'total', label: t('dash.kpi.total'), value: data?.total },
  ];

  return (
    <div className={`wall wall-${theme}`} data-testid="wall" data-state={ready ? 'ready' : 'loading'} data-theme={theme}>
      <header className="wall-head">
        <h1 className="wall-title">
          <span data-testid="wall-unit">{unitName ?? (unitName === null ? '' : '…')}</span> {t('wall.title')}
        </h1>
        <div className="wall-head-side">
          <span className="wall-live">
            <span className="live-dot" aria-hidden="true" />
            {t('dash.live')}
          </span>
          <time className="wall-clock" dateTime={new Date(now).toISOString()}>
            {formatDateTime(new Date(now), locale)}
          </time>
          <button
            type="button"
            className="wall-button"
            data-testid="wall-theme"
            aria-pressed={theme === 'dark'}
            onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
          >
            {theme === 'dark' ? t('wall.themeLight') : t('wall.themeDark')}
          </button>
          <button type="button" className="wall-button" data-testid="wall-exit" onClick={() => navigate({ name: 'dashboard' })}>
            {t('wall.exit')}
          </button>
        </div>
      </header>

      <ul className="wall-kpis" aria-label={t('dash.kpis')}>
        {kpis.map((k) => (
          <li key={k.key} className={`wall-kpi${k.tone ? ` wall-kpi-${k.tone}` : ''}`}>
            <span className="wall-kpi-label">{k.label}</span>
            <span className="wall-kpi-value" data-testid={`wall-kpi-${k.key}`} data-value={k.value ?? ''}>
              {counters?.status === 'ready' ? (k.value ?? 0) : '…'}
            </span>
          </li>
        ))}
      </ul>

      <div className="wall-main">
        <section className="wall-panel wall-units" aria-labelledby="wall-units-title">
          <h2 id="wall-units-title">{level ? t(`dash.children.${level}`) : t('wall.byTier')}</h2>
          {level ? <UnitTable level={level} /> : null}
          <TierBars data={data} />
        </section>
        <section className="wall-panel wall-map" aria-labelledby="wall-map-title" data-testid="wall-map">
          <h2 id="wall-map-title">{t('wall.map')}</h2>
          {unitName === undefined ? null : (
            <MapView rootUnit={unit} rootName={unitName ?? ''} countyId={claims.c} viewerUnit={unit} compact dark={theme === 'dark'} />
          )}
        </section>
        <WallList
          kind="overdue"
          title={data ? t('dash.overdueListN', { n: data.overdue }) : t('dash.overdueList')}
          list={scope ? overdue : null}
          total={data?.overdue}
          now={now}
        />
        <WallList kind="dueSoon" title={t('dash.dueSoonList', { h: DUE_SOON_HOURS })} list={scope ? dueSoon : null} now={now} />
      </div>
    </div>
  );
}

/** The units one level down with their live figures, all on screen (a county has a few dozen towns at most). */
function UnitTable({ level }: { level: ChildLevel }) {
  const { t } = useI18n();
  const { claims } = useSignedIn();
  const { list, units, counts } = useChildUnits(claims, level);
  if (!units) return <div className="wall-empty">{list?.status === 'error' ? t('wall.error') : '…'}</div>;
  const cell = (c: CounterSum | null | undefined, f: (c: CounterSum) => number) => (c === undefined ? '…' : c ? f(c) : 0);
  return (
    <FiguresTable
      className="wall-table"
      dangerClass="wall-danger"
      tableProps={{ 'data-testid': 'wall-units', 'data-state': units.every((u) => counts[u.id] !== undefined) ? 'ready' : 'loading' }}
      nameTitle={t('dash.children.unit')}
      rows={units}
      nameCell={(u) => u.name}
      rowProps={() => ({ 'data-testid': 'wall-unit-row' })}
      columns={[
        { title: t('dash.kpi.open'), value: (u) => cell(counts[u.id], (x) => x.open) },
        {
          title: t('dash.kpi.overdue'),
          value: (u) => cell(counts[u.id], (x) => x.overdue),
          danger: (u) => (counts[u.id]?.overdue ?? 0) > 0,
        },
        {
          title: t('dash.kpi.red'),
          value: (u) => cell(counts[u.id], (x) => x.colour.red ?? 0),
          danger: (u) => (counts[u.id]?.colour.red ?? 0) > 0,
        },
        { title: t('dash.kpi.total'), value: (u) => cell(counts[u.id], (x) => x.total) },
      ]}
    />
  );
}

/** Open cases by tier, as bars (no chart library: the wall loads fast and reads from afar). */
function TierBars({ data }: { data: CounterSum | null }) {
  const { t } = useI18n();
  const max = Math.max(1, ...TIERS.map((x) => data?.tier[x] ?? 0));
  return (
    <div className="wall-bars" role="group" aria-label={t('wall.byTier')}>
      {TIERS.map((x) => (
        <div key={x} className="wall-bar-row">
          <span className="wall-bar-label">{t(`tier.${x}`)}</span>
          <span className="wall-bar">
            <span className="wall-bar-fill" style={{ width: `${((data?.tier[x] ?? 0) / max) * 100}%` }} />
          </span>
          <span className="wall-bar-value">{data?.tier[x] ?? 0}</span>
        </div>
      ))}
    </div>
  );
}

function WallList({
  kind,
  title,
  list,
  total,
  now,
}: {
  kind: 'overdue' | 'dueSoon';
  title: string;
  list: Loadable<CaseDoc[]> | null;
  total?: number;
  now: number;
}) {
  const { t } = useI18n();
  return (
    <section className={`wall-panel wall-list wall-list-${kind}`} data-testid={`wall-${kind}`} data-state={list?.status ?? 'none'}>
      <h2>
        <span aria-hidden="true">{kind === 'overdue' ? '⚠ ' : '◔ '}</span>
        {title}
      </h2>
      {!list && <div className="wall-empty">{t('dash.noLists')}</div>}
      {list?.status === 'loading' && <div className="wall-empty">…</div>}
      {list?.status === 'error' && <div className="wall-empty">{t('wall.error')}</div>}
      {list?.status === 'ready' && list.data.length === 0 && (
        <div className="wall-empty" data-testid={`wall-${kind}-empty`}>
          {kind === 'overdue' ? t('dash.noOverdue') : t('dash.noDueSoon')}
        </div>
      )}
      {list?.status === 'ready' && list.data.length > 0 && (
        <ol className="wall-rows">
          {list.data.map((c) => (
            <WallRow key={c.id} c={c} kind={kind} now={now} />
          ))}
        </ol>
      )}
      {list?.status === 'ready' && total !== undefined && total > list.data.length && (
        <div className="wall-more">{t('dash.limitedOf', { n: list.data.length, total })}</div>
      )}
    </section>
  );
}

/** A case on the wall: where (town · village, by name), what, and how late or how soon. */
function WallRow({ c, kind, now }: { c: CaseDoc; kind: 'overdue' | 'dueSoon'; now: number }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  const town = useEntityName('region', c.townId);
  const village = useEntityName('region', c.villageId);
  // Overdue: the limit that was breached; due soon: the next one.
  const clock =
    kind === 'overdue'
      ? [...c.clocks].reverse().find((k) => k.state === 'breached' && k.dueAt)
      : c.clocks.find((k) => k.state === 'running' && k.dueAt?.getTime() === c.nextDeadlineAt?.getTime());
  const dueAt = clock?.dueAt ?? c.nextDeadlineAt;
  const what = clock ? (locale === 'zh-CN' ? CLOCK_LABELS[clock.kind] : l.clock(clock.kind)) : '';
  const left = dueAt ? formatDuration(dueAt.getTime() - now, t) : '';
  return (
    <li className="wall-row" data-testid="wall-row" data-kind={kind} data-case-id={c.id}>
      <a href={hrefFor({ name: 'case', id: c.id })} className="wall-row-link">
        <span className="wall-row-where" data-testid="wall-row-where">
          {town ?? (town === null ? '—' : '…')} · {village ?? (village === null ? '—' : '…')}
        </span>
        <span className="wall-row-title">{c.title}</span>
        <span className="wall-row-when">
          {what && <span className="wall-row-what">{what}</span>}
          {dueAt && (kind === 'overdue' ? t('deadline.overdue', { d: left }) : t('deadline.left', { d: left }))}
          <span className="wall-row-tier">{t(`tier.${c.tier}`)}</span>
        </span>
      </a>
    </li>
  );
}
