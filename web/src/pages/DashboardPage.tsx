/**
 * 一图统览: live counts of the user's unit by state, tier and colour, the overdue and due-soon
 * lists, and — on request — the same figures per unit below. Everything comes from the small
 * counter documents the functions keep (counters/{unitId}__{shard}) and two bounded lists: the
 * first load reads a fixed number of documents however many cases there are (data/budget.ts).
 */
import { CASE_STATES, type CaseDoc, type CaseState, type Claims, TIERS, upperLevelOf } from '@domain';
import { Alert, Button, Card, Empty, Skeleton, Typography } from 'antd';
import { Suspense, lazy, useMemo, useState } from 'react';
import { useSignedIn } from '../auth/session';
import { CaseRow } from '../components/CaseRow';
import type { ChartOption } from '../components/EChart';
import { loadErrorText } from '../data/callables';
import { AUTO_CHILD_UNITS, DEADLINE_LIST_LIMIT, DUE_SOON_HOURS } from '../data/budget';
import { type CounterSum, type Loadable, kindOfUnit, useDeadlineList, useEntityName, useUnitCounters } from '../data/hooks';
import { type ListableScope, boardScope } from '../data/queries';
import { type ChildLevel, childLevelOf, useChildUnits } from '../data/unit-hooks';
import { FiguresTable } from '../components/FiguresTable';

import { type Translate, useI18n, useLabels } from '../i18n';
import { type Route, hrefFor } from '../router';
import { DutyTodayCard } from './DutyTodayCard';
import { MeetingsPanel } from './meetings/MeetingsPanel';

const EChart = lazy(() => import('../components/EChart'));

const COLOURS = { blue: '#1677ff', orange: '#fa8c16', red: '#e5484d' } as const;
const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

const UpperDashboard = lazy(() => import('./UpperDashboard'));

/** A city's or province's user (claim u of 4 or 2 digits) gets the figures of the area and per unit below. */
export default function DashboardPage({ unit }: { unit?: string } = {}) {
  const { claims } = useSignedIn();
  // `unit`: a city or county of the area a city's or province's user drilled into (#/dashboard/{code}).
  if (upperLevelOf(claims.u))
    return (
      <Suspense fallback={<Skeleton active />}>
        <UpperDashboard unit={unit} />
      </Suspense>
    );
  return <UnitDashboard />;
}

function UnitDashboard() {
  const { t } = useI18n();
  const l = useLabels();
  const { user, claims } = useSignedIn();
  const unit = claims.u;
  const unitName = useEntityName(kindOfUnit(unit), unit);
  const counters = useUnitCounters(unit);
  const scopeKey = JSON.stringify([claims, user.uid]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by value (a string key of the inputs), so a new object with the same content does not re-subscribe
  const scope = useMemo(() => {
    const s = boardScope(claims, user.uid);
    return s.kind === 'scope' && s.field === 'accessUnits' ? s : null;
  }, [scopeKey]);
  const data = counters?.status === 'ready' ? counters.data : null;
  const ready = counters?.status === 'ready';
  const lists = useDeadlineLists(scope);
  const charts = useMemo(
    () => (data ? { colour: colourOption(data, t, l), state: stateOption(data, t), tier: tierOption(data, t) } : null),
    [data, t, l],
  );
  const allReady = ready && (!scope || (lists.overdue?.status !== 'loading' && lists.dueSoon?.status !== 'loading'));

  return (
    <div className="page page-wide" data-testid="dashboard" data-state={allReady ? 'ready' : 'loading'}>
      <div className="page-head">
        <div className="page-head-text">
          <Typography.Title level={3} className="page-title">
            {t('dash.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            <span data-testid="dash-unit">{unitName ?? (unitName === null ? unit : '…')}</span> ·{' '}
            <span className="live-dot" aria-hidden="true" />
            {t('dash.live')}
          </Typography.Text>
        </div>
        <div className="page-head-side">
          <Button href={hrefFor({ name: 'wall' })} data-testid="dash-wall">
            {t('wall.open')}
          </Button>
          <DutyTodayCard claims={claims} />
        </div>
      </div>

      {counters?.status === 'error' && (
        <Alert type="error" showIcon title={t('dash.error', { message: loadErrorText(counters, t) })} data-testid="dash-error" />
      )}

      <Kpis data={data} loading={!ready} linkable={!!scope} />

      <div className="dash-charts">
        <ChartCard title={t('dash.byColour')} testId="chart-colour" loading={!ready} empty={!data?.open}>
          {data && charts && <EChart option={charts.colour} height={240} label={colourText(data, t)} />}
        </ChartCard>
        <ChartCard title={t('dash.byState')} testId="chart-state" loading={!ready} empty={!data?.total}>
          {data && charts && <EChart option={charts.state} height={240} label={stateText(data, t)} />}
        </ChartCard>
        <ChartCard title={t('dash.byTier')} testId="chart-tier" loading={!ready} empty={!data?.open}>
          {data && charts && <EChart option={charts.tier} height={240} label={tierText(data, t)} />}
        </ChartCard>
      </div>

      {scope ? (
        <div className="dash-lists">
          <DeadlineCard kind="overdue" list={lists.overdue} count={ready ? (data?.overdue ?? 0) : undefined} />
          <DeadlineCard kind="dueSoon" list={lists.dueSoon} />
        </div>
      ) : (
        <Alert type="info" showIcon className="dash-note" title={t('dash.noLists')} />
      )}

      <MeetingsPanel claims={claims} />
      <ChildUnits claims={claims} />
    </div>
  );
}

function useDeadlineLists(scope: ListableScope | null) {
  // Fixed at mount (to the minute): the lists stay stable, each row's badge keeps counting.
  const [now] = useState(() => new Date(Math.floor(Date.now() / 60_000) * 60_000));
  const horizon = useMemo(() => new Date(now.getTime() + DUE_SOON_HOURS * 3_600_000), [now]);
  const overdue = useDeadlineList(scope, 'overdue', now, now);
  const dueSoon = useDeadlineList(scope, 'dueSoon', now, horizon);
  return { overdue, dueSoon };
}

function Kpis({ data, loading, linkable }: { data: CounterSum | null; loading: boolean; linkable: boolean }) {
  const { t } = useI18n();
  const l = useLabels();
  const board = (query: Record<string, string>): Route => ({ name: 'board', query });
  const tiles: { key: string; label: string; value: number | undefined; tone?: 'danger' | 'warn' | 'ok'; icon?: string; to?: Route }[] = [
    { key: 'open', label: t('dash.kpi.open'), value: data?.open, to: board({}) },
    {
      key: 'overdue',
      label: t('dash.kpi.overdue'),
      value: data?.overdue,
      tone: (data?.overdue ?? 0) > 0 ? 'danger' : undefined,
      icon: '⚠',
      to: board({ overdue: '1' }),
    },
    { key: 'reported', label: l.state('reported'), value: data?.state.reported, tone: 'warn', to: board({ f: 'state:reported' }) },
    { key: 'in_progress', label: l.state('in_progress'), value: data?.state.in_progress, to: board({ f: 'state:in_progress' }) },
    {
      key: 'red',
      label: t('dash.kpi.red'),
      value: data?.colour.red,
      tone: (data?.colour.red ?? 0) > 0 ? 'danger' : undefined,
      icon: '●',
      to: board({ f: 'colour:red' }),
    },
    {
      key: 'resolved',
      label: l.state('resolved'),
      value: data?.state.resolved,
      tone: 'ok',
      to: board({ sort: 'updated', f: 'state:resolved' }),
    },
    { key: 'total', label: t('dash.kpi.total'), value: data?.total },
  ];
  return (
    <div className="kpis" role="list" aria-label={t('dash.kpis')} data-testid="dash-kpis">
      {tiles.map((k) => {
        const body = (
          <>
            <span className="kpi-label">
              {k.icon && <span aria-hidden="true">{k.icon} </span>}
              {k.label}
            </span>
            <span className="kpi-value" data-testid={`kpi-${k.key}`} data-value={k.value ?? ''}>
              {loading ? <Skeleton.Button active size="small" /> : (k.value ?? 0)}
            </span>
          </>
        );
        return (
          <div role="listitem" key={k.key} className={`kpi${k.tone ? ` kpi-${k.tone}` : ''}`}>
            {linkable && k.to ? (
              <a href={hrefFor(k.to)} className="kpi-link" aria-label={t('dash.kpiLink', { label: k.label, n: k.value ?? 0 })}>
                {body}
              </a>
            ) : (
              <div className="kpi-link">{body}</div>
            )}
          </div>
        );
      })}
    </div>
  );
}

function ChartCard({
  title,
  testId,
  loading,
  empty,
  children,
}: {
  title: string;
  testId: string;
  loading: boolean;
  empty: boolean;
  children: React.ReactNode;
}) {
  const { t } = useI18n();
  const placeholder = <div className="chart-placeholder" aria-hidden="true" />;
  return (
    <Card title={title} size="small" className="chart-card" data-testid={testId}>
      {loading ? (
        placeholder
      ) : empty ? (
        <Empty className="chart-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dash.noCases')} />
      ) : (
        <Suspense fallback={placeholder}>{children}</Suspense>
      )}
    </Card>
  );
}

function base(): Partial<ChartOption> {
  return { textStyle: { fontFamily: FONT }, tooltip: { trigger: 'item' } };
}

function colourOption(d: CounterSum, t: Translate, l: ReturnType<typeof useLabels>): ChartOption {
  const items = (['blue', 'orange', 'red'] as const).map((k) => ({
    name: t('fmt.classColour', {
      cls: l.caseClass(k === 'blue' ? 'general' : k === 'orange' ? 'complex' : 'difficult'),
      colour: l.colour(k),
    }),
    value: d.colour[k] ?? 0,
    itemStyle: { color: COLOURS[k] },
  }));
  return {
    ...base(),
    legend: { bottom: 0, textStyle: { fontFamily: FONT } },
    series: [
      { type: 'pie', radius: ['42%', '68%'], center: ['50%', '44%'], label: { formatter: '{b}\n{c}', fontFamily: FONT }, data: items },
    ],
  };
}

function colourText(d: CounterSum, t: Translate): string {
  return t('dash.colourText', { blue: d.colour.blue ?? 0, orange: d.colour.orange ?? 0, red: d.colour.red ?? 0 });
}

function stateOption(d: CounterSum, t: Translate): ChartOption {
  const l = STATE_ORDER;
  return {
    ...base(),
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 36, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: l.map((s) => t(`state.${s}`)), axisLabel: { fontFamily: FONT } },
    series: [
      {
        type: 'bar',
        data: l.map((s) => d.state[s] ?? 0),
        label: { show: true, position: 'right' },
        itemStyle: { color: '#1f5fbf' },
        barMaxWidth: 18,
      },
    ],
  };
}

const STATE_ORDER: readonly CaseState[] = CASE_STATES;

function stateText(d: CounterSum, t: Translate): string {
  return STATE_ORDER.map((s) => `${t(`state.${s}`)} ${d.state[s] ?? 0}`).join('，');
}

function tierOption(d: CounterSum, t: Translate): ChartOption {
  return {
    ...base(),
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: TIERS.map((x) => t(`tier.${x}`)), axisLabel: { fontFamily: FONT } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        data: TIERS.map((x) => d.tier[x] ?? 0),
        label: { show: true, position: 'top' },
        itemStyle: { color: '#13a8a8' },
        barMaxWidth: 36,
      },
    ],
  };
}

function tierText(d: CounterSum, t: Translate): string {
  return TIERS.map((x) => `${t(`tier.${x}`)} ${d.tier[x] ?? 0}`).join('，');
}

/**
 * The overdue or due-soon list. `count` (overdue: the tile's figure) counts the same cases as
 * the list — the unit's cases flagged overdue (domain/counters.ts) — so the card says how many
 * there are when it shows only the first few.
 */
function DeadlineCard({ kind, list, count }: { kind: 'overdue' | 'dueSoon'; list: Loadable<CaseDoc[]> | null; count?: number }) {
  const { t } = useI18n();
  const title =
    kind === 'overdue'
      ? count !== undefined
        ? t('dash.overdueListN', { n: count })
        : t('dash.overdueList')
      : t('dash.dueSoonList', { h: DUE_SOON_HOURS });
  return (
    <Card
      title={
        <span>
          <span aria-hidden="true">{kind === 'overdue' ? '⚠ ' : '◔ '}</span>
          {title}
        </span>
      }
      size="small"
      className={`deadline-card deadline-card-${kind}`}
      data-testid={`dash-${kind}`}
      data-state={list?.status ?? 'loading'}
      data-count={count ?? ''}
      extra={
        <a href={hrefFor({ name: 'board', query: kind === 'overdue' ? { overdue: '1' } : {} })} data-testid={`dash-${kind}-more`}>
          {t('dash.more')}
        </a>
      }
    >
      <div className="case-list compact" role="list" aria-label={title} aria-busy={!list || list.status === 'loading'}>
        {(!list || list.status === 'loading') &&
          // biome-ignore lint/suspicious/noArrayIndexKey: items identified by position in a fixed, never reordered list
          Array.from({ length: 3 }, (_, i) => <Skeleton key={i} active title={false} paragraph={{ rows: 1 }} />)}
        {list?.status === 'error' && <Alert type="error" showIcon title={loadErrorText(list, t)} />}
        {list?.status === 'ready' && list.data.length === 0 && (
          <div className="list-empty" role="listitem" data-testid={`dash-${kind}-empty`}>
            {kind === 'overdue' ? t('dash.noOverdue') : t('dash.noDueSoon')}
          </div>
        )}
        {list?.status === 'ready' && list.data.map((c) => <CaseRow key={c.id} c={c} compact />)}
        {list?.status === 'ready' && list.data.length >= DEADLINE_LIST_LIMIT && (
          <div className="list-more muted" data-testid={`dash-${kind}-limited`}>
            {count !== undefined && count > list.data.length
              ? t('dash.limitedOf', { n: list.data.length, total: count })
              : t('dash.limited', { n: DEADLINE_LIST_LIMIT })}
          </div>
        )}
      </div>
    </Card>
  );
}

// ── the units below ──────────────────────────────────────────────────────────────────────────

/**
 * Per-unit figures one level down: a village's grids load at once (a handful of one-shard units);
 * a county's towns and a town's villages when asked for (one query per unit).
 */
function ChildUnits({ claims }: { claims: Claims }) {
  const { t } = useI18n();
  const level = childLevelOf(claims);
  const [asked, setAsked] = useState(level === 'grid');
  if (!level) return null;
  const title = t(`dash.children.${level}`);
  return (
    <Card title={title} size="small" className="children-card" data-testid="dash-children">
      {asked ? (
        <ChildUnitsLoaded claims={claims} level={level} />
      ) : (
        <div className="children-ask">
          <Typography.Text type="secondary">{t('dash.children.hint')}</Typography.Text>
          <Button onClick={() => setAsked(true)} data-testid="dash-children-load">
            {t('dash.children.load', { level: title })}
          </Button>
        </div>
      )}
    </Card>
  );
}

function ChildUnitsLoaded({ claims, level }: { claims: Claims; level: ChildLevel }) {
  const { t } = useI18n();
  const { list, units, counts } = useChildUnits(claims, level);
  if (!list || list.status === 'loading' || !units) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (list.status === 'error') return <Alert type="error" showIcon title={loadErrorText(list, t)} />;
  if (!units.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dash.children.none')} />;
  const rows = units.map((u) => ({ ...u, c: counts[u.id] }));
  const max = Math.max(1, ...rows.map((r) => (r.c ? r.c.open : 0)));
  const figure = (r: (typeof rows)[number], f: (c: CounterSum) => number | undefined) =>
    r.c === undefined ? '…' : r.c ? (f(r.c) ?? 0) : 0;
  return (
    <div
      className="children"
      data-testid="dash-children-table"
      data-auto={level === 'grid' && units.length <= AUTO_CHILD_UNITS ? 'yes' : 'no'}
    >
      <FiguresTable
        nameTitle={t('dash.children.unit')}
        rows={rows}
        nameCell={(r) => r.name}
        rowProps={(r) => ({ 'data-testid': 'child-unit', 'data-unit': r.id })}
        columns={[
          { title: t('dash.kpi.open'), value: (r) => figure(r, (c) => c.open), bar: (r) => (r.c?.open ?? 0) / max },
          {
            title: t('dash.kpi.overdue'),
            danger: (r) => (r.c?.overdue ?? 0) > 0,
            value: (r) => (
              <>
                {(r.c?.overdue ?? 0) > 0 && <span aria-hidden="true">⚠ </span>}
                {figure(r, (c) => c.overdue)}
              </>
            ),
          },
          { title: t('dash.kpi.red'), value: (r) => figure(r, (c) => c.colour.red) },
          { title: t('dash.kpi.total'), value: (r) => figure(r, (c) => c.total) },
        ]}
      />
    </div>
  );
}
