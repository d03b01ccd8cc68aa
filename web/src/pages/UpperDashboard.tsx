/**
 * A city's or province's dashboard (市/省综治中心, issue 16): the area's live figures and a
 * comparison table per county (city) or per city (province) — names, never codes. Everything
 * comes from the unit's own counter and today's statistics shards, which carry the figures per
 * unit below (domain/upper.ts): a fixed number of documents, however many counties and cases
 * (data/upper-hooks.ts).
 *
 * Drill-down (#/dashboard/{code}): a province's user opens one of its cities (that city's own
 * shards, which the province reads), and from a city a county; a city's user opens a county —
 * the county's own counters and today's statistics (firestore.rules seesUnit: a unit's prefix
 * reads it) and its towns' counters. A link goes back up; a code outside the area says so.
 */
import { type ChildFigures, type StatsFigures, upperLevelOf } from '@domain';
import { Alert, Card, Empty, Result, Skeleton, Typography } from 'antd';
import { useMemo } from 'react';
import { useSignedIn } from '../auth/session';
import { loadErrorText } from '../data/callables';
import { type CounterSum, useEntityName } from '../data/hooks';
import { useManyCounters } from '../data/unit-hooks';
import { FiguresTable } from '../components/FiguresTable';
import { today, useStatsToday, useUnitCounters, useUnitsUnder } from '../data/upper-hooks';
import { useI18n } from '../i18n';
import { hrefFor, navigate } from '../router';

/** A unit of the user's area the overview may show: the own unit, a city or a county below it. */
export function inArea(own: string, unit: string): boolean {
  return unit === own || (unit.startsWith(own) && (unit.length === 4 || unit.length === 6) && unit.length > own.length);
}

/** The overview one level up from a drilled-into unit (the own unit's without a code in the URL). */
function upOf(own: string, unit: string): { name: 'dashboard'; unit?: string } {
  const parent = unit.length === 6 ? unit.slice(0, 4) : unit.slice(0, 2);
  return parent.length <= own.length ? { name: 'dashboard' } : { name: 'dashboard', unit: parent };
}

export default function UpperDashboard({ unit: shown }: { unit?: string } = {}) {
  const { claims } = useSignedIn();
  const own = claims.u;
  const unit = shown ?? own;
  if (!inArea(own, unit)) return <OutsideArea />;
  return <AreaOverview key={unit} own={own} unit={unit} />;
}

function OutsideArea() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('upper.outside')}
      data-testid="upper-outside"
      extra={
        <a href={hrefFor({ name: 'dashboard' })} data-testid="upper-back">
          {t('upper.backToOwn')}
        </a>
      }
    />
  );
}

function AreaOverview({ own, unit }: { own: string; unit: string }) {
  const { t } = useI18n();
  const level = upperLevelOf(unit) ?? 'county';
  const unitName = useEntityName('region', unit);
  const up = unit === own ? null : upOf(own, unit);
  const upName = useEntityName('region', up ? (up.unit ?? own) : null);
  const counters = useUnitCounters(unit);
  const day = useMemo(today, []);
  const todayStats = useStatsToday(unit, day);
  const children = useUnitsUnder(unit);
  const data = counters?.status === 'ready' ? counters.data : null;
  const f = todayStats?.status === 'ready' ? todayStats.data : null;
  const ready = counters?.status === 'ready' && todayStats?.status === 'ready' && children?.status === 'ready';
  const num = (x: unknown) => (typeof x === 'number' ? x : 0);
  // Once the counters are read, a unit with nothing counted yet (no shard) shows 0, not a placeholder.
  const counted = (x: number | undefined) => (counters?.status === 'ready' ? (x ?? 0) : undefined);
  const tiles = [
    { key: 'open', label: t('dash.kpi.open'), value: counted(data?.open) },
    { key: 'overdue', label: t('dash.kpi.overdue'), value: counted(data?.overdue), tone: (data?.overdue ?? 0) > 0 ? 'danger' : undefined },
    { key: 'red', label: t('dash.kpi.red'), value: counted(data?.colour.red), tone: (data?.colour.red ?? 0) > 0 ? 'danger' : undefined },
    { key: 'orange', label: t('upper.orange'), value: counted(data?.colour.orange), tone: 'warn' },
    { key: 'blue', label: t('upper.blue'), value: counted(data?.colour.blue) },
    { key: 'newToday', label: t('upper.newToday'), value: f ? num(f.received) : undefined },
    { key: 'resolvedToday', label: t('upper.resolvedToday'), value: f ? num(f.resolved) : undefined, tone: 'ok' },
    { key: 'total', label: t('dash.kpi.total'), value: counted(data?.total) },
  ];
  const error = [counters, todayStats, children].find((x) => x?.status === 'error');
  return (
    <div
      className="page page-wide"
      data-testid="dashboard"
      data-level={level}
      data-unit={unit}
      data-drill={unit === own ? 'no' : 'yes'}
      data-state={ready ? 'ready' : 'loading'}
    >
      {up && (
        <nav className="upper-crumbs" aria-label={t('upper.crumbs')}>
          <a href={hrefFor(up)} data-testid="upper-up">
            ← {t('upper.backTo', { name: upName ?? '…' })}
          </a>
        </nav>
      )}
      <div className="page-head">
        <div className="page-head-text">
          <Typography.Title level={3} className="page-title">
            {t(level === 'city' ? 'upper.title.city' : level === 'province' ? 'upper.title.province' : 'upper.title.county')}
          </Typography.Title>
          <Typography.Text type="secondary">
            <span data-testid="dash-unit">{unitName ?? '…'}</span> · <span className="live-dot" aria-hidden="true" />
            {t('dash.live')}
          </Typography.Text>
        </div>
        {unit === own && (
          <div className="page-head-side">
            <a href={hrefFor({ name: 'stats', tab: 'figures' })} data-testid="upper-stats-link">
              {t('upper.toStats')}
            </a>
          </div>
        )}
      </div>
      {error && error.status === 'error' && (
        <Alert type="error" showIcon title={t('dash.error', { message: loadErrorText(error, t) })} data-testid="dash-error" />
      )}
      <div className="kpis" role="list" aria-label={t('dash.kpis')} data-testid="dash-kpis">
        {tiles.map((k) => (
          <div role="listitem" key={k.key} className={`kpi${k.tone ? ` kpi-${k.tone}` : ''}`}>
            <div className="kpi-link">
              <span className="kpi-label">{k.label}</span>
              <span className="kpi-value" data-testid={`kpi-${k.key}`} data-value={k.value ?? ''}>
                {k.value === undefined ? <Skeleton.Button active size="small" /> : k.value}
              </span>
            </div>
          </div>
        ))}
      </div>
      <Alert type="info" showIcon className="dash-note" title={t('upper.note')} />
      <Card
        title={t(level === 'city' ? 'upper.byCounty' : level === 'province' ? 'upper.byCity' : 'upper.byTown')}
        size="small"
        className="children-card"
        data-testid="upper-children"
      >
        {!ready ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : children?.status === 'ready' && children.data.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dash.children.none')} />
        ) : level === 'county' ? (
          <TownTable rows={children?.status === 'ready' ? children.data : []} />
        ) : (
          <ComparisonTable rows={children?.status === 'ready' ? children.data : []} data={data} today={f} />
        )}
      </Card>
    </div>
  );
}

function ComparisonTable({
  rows,
  data,
  today: f,
}: {
  rows: { id: string; name: string }[];
  data: CounterSum | null;
  today: StatsFigures | null;
}) {
  const { t } = useI18n();
  const byChild = (key: string, id: string) => {
    const m = f?.[key];
    return m && typeof m === 'object' ? (m[id] ?? 0) : 0;
  };
  const list = rows.map((r) => ({ ...r, c: (data?.child?.[r.id] ?? {}) as ChildFigures }));
  const max = Math.max(1, ...list.map((r) => r.c.open ?? 0));
  return (
    <div className="children" data-testid="upper-table">
      <FiguresTable
        nameTitle={t('dash.children.unit')}
        rows={list}
        rowProps={(r) => ({
          'data-testid': 'upper-child',
          'data-name': r.name,
          'data-open': r.c.open ?? 0,
          'data-new': byChild('receivedByChild', r.id),
          className: 'upper-child-row',
          onClick: (e) => {
            // The whole row opens the unit's overview; the name is the link (keyboard, new tab).
            if ((e.target as HTMLElement).closest('a')) return;
            navigate({ name: 'dashboard', unit: r.id });
          },
        })}
        nameCell={(r) => (
          <a href={hrefFor({ name: 'dashboard', unit: r.id })} data-testid="upper-child-link" title={t('upper.open', { name: r.name })}>
            {r.name}
          </a>
        )}
        columns={[
          { title: t('dash.kpi.open'), value: (r) => r.c.open ?? 0, bar: (r) => (r.c.open ?? 0) / max },
          { title: t('dash.kpi.overdue'), value: (r) => r.c.overdue ?? 0, danger: (r) => (r.c.overdue ?? 0) > 0 },
          { title: t('dash.kpi.red'), value: (r) => r.c.red ?? 0 },
          { title: t('upper.orange'), value: (r) => r.c.orange ?? 0 },
          { title: t('upper.blue'), value: (r) => r.c.blue ?? 0 },
          { title: t('upper.newToday'), value: (r) => byChild('receivedByChild', r.id) },
          { title: t('upper.resolvedToday'), value: (r) => byChild('resolvedByChild', r.id) },
          { title: t('dash.kpi.total'), value: (r) => r.c.total ?? 0 },
        ]}
      />
    </div>
  );
}

/**
 * A county's towns, drilled into from a city or a province: each town's own counters (one live
 * query per town, at most MAX_CHILD_UNITS — the county's dashboard's table, as its staff see it).
 */
function TownTable({ rows }: { rows: { id: string; name: string }[] }) {
  const { t } = useI18n();
  const ids = useMemo(() => rows.map((r) => r.id), [rows]);
  const counts = useManyCounters(ids);
  const max = Math.max(1, ...rows.map((r) => counts[r.id]?.open ?? 0));
  const cell = (r: { id: string }, pick: (c: CounterSum) => number | undefined) => {
    const c = counts[r.id];
    return c === undefined ? '…' : c === null ? 0 : (pick(c) ?? 0);
  };
  return (
    <div className="children" data-testid="upper-table">
      <FiguresTable
        nameTitle={t('dash.children.unit')}
        rows={rows}
        nameCell={(r) => r.name}
        rowProps={(r) => ({
          'data-testid': 'upper-town',
          'data-name': r.name,
          'data-open': counts[r.id] === undefined ? '' : (counts[r.id]?.open ?? 0),
        })}
        columns={[
          { title: t('dash.kpi.open'), value: (r) => cell(r, (c) => c.open), bar: (r) => (counts[r.id]?.open ?? 0) / max },
          { title: t('dash.kpi.overdue'), value: (r) => cell(r, (c) => c.overdue), danger: (r) => (counts[r.id]?.overdue ?? 0) > 0 },
          { title: t('dash.kpi.red'), value: (r) => cell(r, (c) => c.colour.red) },
          { title: t('upper.orange'), value: (r) => cell(r, (c) => c.colour.orange) },
          { title: t('upper.blue'), value: (r) => cell(r, (c) => c.colour.blue) },
          { title: t('dash.kpi.total'), value: (r) => cell(r, (c) => c.total) },
        ]}
      />
    </div>
  );
}
