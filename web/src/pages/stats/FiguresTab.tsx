/**
 * 统计报表: a unit's figures for a month or a year (statsPeriods, rolled up nightly from the
 * daily figures written with each event), the 考核 rates (domain `rates`, docs/metrics.md),
 * today's live figures, and charts — the year's trend, resolutions by tier, categories, sources,
 * satisfaction, 信访 year on year and the grid workers' ranking — each with its numbers in text
 * too. Ledger and monthly report exports download the files the callables build.
 */
import { LegalStats } from './LegalStats';
import { PatrolFigures } from './PatrolFigures';
import { JudgementFigures } from './JudgementFigures';
import { UpperComparison } from './UpperComparison';
import { CATEGORIES, type Category, SOURCES, type Source, type StatsFigures, TIERS, parentOf, rates, upperLevelOf } from '@domain';
import { Alert, App as AntApp, Button, Card, Select, Skeleton, Typography } from 'antd';
import { lazy, useMemo, useState } from 'react';
import { useSignedIn } from '../../auth/session';
import { ChartCard } from '../../components/ChartCard';
import type { ChartOption } from '../../components/EChart';
import { call, downloadFile, errorMessage, loadErrorText } from '../../data/callables';
import type { StatsPeriodDoc } from '../../data/docs';
import { kindOfUnit, useEntityName, useRegionChildren, useVillageGrids, shownName } from '../../data/hooks';
import { figuresOf, useStatsMonths, useStatsToday, useStatsYear, useStaffNames } from '../../data/stats-hooks';
import { type Translate, formatDateTime, useI18n, useLabels } from '../../i18n';
import { navigate } from '../../router';
import { monthBounds, today } from '../duty/common';

const EChart = lazy(() => import('../../components/EChart'));
const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
const RANK_TOP = 10;

type Labels = ReturnType<typeof useLabels>;

const num = (f: StatsFigures, k: string) => (typeof f[k] === 'number' ? (f[k] as number) : 0);
const map = (f: StatsFigures, k: string) => (f[k] && typeof f[k] === 'object' ? (f[k] as Record<string, number>) : {});

export default function FiguresTab({ query }: { query: Record<string, string> }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  const { claims, user, profile } = useSignedIn();
  const own = claims.u;
  // A city's or province's user (issue 16): no unit chain below, its counties or cities compared.
  const upper = upperLevelOf(own);
  const unit = query.unit && /^\d+$/.test(query.unit) && query.unit.startsWith(own) ? query.unit : own;
  const now = today();
  const period = query.period && /^\d{4}(-(0[1-9]|1[0-2]))?$/.test(query.period) ? query.period : now.slice(0, 7);
  const year = Number(period.slice(0, 4));
  const isMonth = period.length === 7;
  const go = (q: { unit?: string; period?: string }) =>
    navigate({ name: 'stats', tab: 'figures', query: { unit, period, ...q } }, { replace: true });

  const months = useStatsMonths(unit, year);
  const yearDoc = useStatsYear(isMonth ? null : unit, isMonth ? null : year);
  const coversToday = now.startsWith(period);
  const live = useStatsToday(coversToday ? unit : null, now);
  const unitName = useEntityName(kindOfUnit(unit), unit);

  const monthDocs = months?.status === 'ready' ? months.data : [];
  const doc: StatsPeriodDoc | null = isMonth
    ? (monthDocs.find((d) => d.period === period) ?? null)
    : yearDoc.status === 'ready'
      ? yearDoc.data
      : null;
  const f = useMemo(() => (doc ? figuresOf(doc) : {}), [doc]);
  const r = useMemo(() => rates(f), [f]);
  const loading = !months || months.status === 'loading' || (!isMonth && yearDoc.status === 'loading');
  const error = months?.status === 'error' ? months : yearDoc.status === 'error' ? yearDoc : null;

  // Grid workers' ranking (月排名), by name (the staff directory).
  const ranking = useMemo(() => Object.entries(map(f, 'entries')).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])), [f]);
  const top = ranking.slice(0, RANK_TOP);
  const names = useStaffNames(top.map(([uid]) => uid));
  const nameOf = (uid: string) => names[uid] ?? (uid === user.uid ? (profile?.displayName ?? null) : null);

  const charts = useMemo(() => {
    const thisYear = Array.from({ length: 12 }, (_, i) => monthDocs.find((d) => d.period === `${year}-${String(i + 1).padStart(2, '0')}`));
    const lastYear = Array.from({ length: 12 }, (_, i) =>
      monthDocs.find((d) => d.period === `${year - 1}-${String(i + 1).padStart(2, '0')}`),
    );
    return { thisYear: thisYear.map((d) => (d ? figuresOf(d) : null)), lastYear: lastYear.map((d) => (d ? figuresOf(d) : null)) };
  }, [monthDocs, year]);

  const state = loading ? 'loading' : error ? 'error' : 'ready';
  return (
    <div
      className="stats-figures"
      data-testid="stats-figures"
      data-state={state}
      data-unit={unit}
      data-period={period}
      data-has-data={doc ? 'yes' : 'no'}
    >
      <Card size="small" className="stats-toolbar">
        <div className="stats-controls">
          {!upper && <UnitChain countyId={claims.c} own={own} value={unit} onChange={(v) => go({ unit: v })} />}
          <PeriodPicker period={period} onChange={(p) => go({ period: p })} />
        </div>
        <Exports unit={unit} period={period} upper={!!upperLevelOf(unit)} />
      </Card>

      <Typography.Paragraph type="secondary" className="stats-note">
        <span data-testid="stats-heading">
          {t(isMonth ? 'stats.headingMonth' : 'stats.headingYear', { unit: shownName(unitName), y: year, m: Number(period.slice(5)) || 0 })}
        </span>
        {' · '}
        {doc?.rolledUpAt instanceof Date
          ? t('stats.rolledUpAt', { time: formatDateTime(doc.rolledUpAt, locale) })
          : t('stats.rolledUpNightly')}
      </Typography.Paragraph>

      {error && <Alert type="error" showIcon title={loadErrorText(error, t)} data-testid="stats-error" />}
      {!loading && !error && !doc && (
        <Alert type="info" showIcon className="dash-note" title={t('stats.noPeriod')} data-testid="stats-no-data" />
      )}

      <div className="kpis stats-kpis" role="list" aria-label={t('stats.figures')} data-testid="stats-kpis">
        {(['received', 'accepted', 'resolved', 'closed', 'overdue', 'notAccepted', 'callbacks', 'petitions'] as const).map((k) => (
          <div role="listitem" key={k} className={`kpi${k === 'overdue' && num(f, k) > 0 ? ' kpi-danger' : ''}`}>
            <div className="kpi-link">
              <span className="kpi-label">
                {k === 'overdue' && num(f, k) > 0 && <span aria-hidden="true">⚠ </span>}
                {t(`stats.fig.${k}`)}
              </span>
              <span className="kpi-value" data-testid={`stat-${k}`} data-value={loading ? '' : num(f, k)}>
                {loading ? <Skeleton.Button active size="small" /> : num(f, k)}
              </span>
            </div>
          </div>
        ))}
      </div>

      <div className="rates" role="list" aria-label={t('stats.rates')} data-testid="stats-rates">
        {RATE_KEYS.map((k) => {
          const v = r[k];
          const [a, b] = RATE_PARTS[k](f);
          return (
            <div role="listitem" key={k} className="rate">
              <span className="kpi-label">{t(`stats.rate.${k}`)}</span>
              <span className="rate-value" data-testid={`rate-${k}`} data-value={v === null ? '' : String(v)}>
                {loading ? (
                  '…'
                ) : v === null ? (
                  '—'
                ) : k === 'averageCycleWorkingDays' ? (
                  <>
                    {v.toFixed(1)}
                    <span className="rate-unit"> {t('stats.workingDaysUnit')}</span>
                  </>
                ) : (
                  `${(v * 100).toFixed(1)}%`
                )}
              </span>
              <span className="rate-parts muted small">{t(`stats.ratePart.${k}`, { a, b })}</span>
            </div>
          );
        })}
      </div>

      {upper && <UpperComparison f={f} unit={unit} level={upper} />}
      <LegalStats f={f} unit={unit} period={period} />
      {!upper && <PatrolFigures unit={unit} period={period} />}
      <JudgementFigures unit={unit} period={period} />

      {coversToday && live?.status === 'ready' && (
        <div className="stats-today" data-testid="stats-today">
          <span className="live-dot" aria-hidden="true" />
          {t('stats.today', {
            received: num(live.data, 'received'),
            resolved: num(live.data, 'resolved'),
            callbacks: num(live.data, 'callbacks'),
          })}
        </div>
      )}

      <div className="stats-charts">
        <ChartCard
          title={t('stats.chart.trend', { y: year })}
          testId="chart-trend"
          loading={loading}
          empty={charts.thisYear.every((x) => !x)}
          className="span-all span-wide"
        >
          <EChart option={trendOption(charts.thisYear, t)} height={280} label={trendText(charts.thisYear, t)} />
        </ChartCard>
        <ChartCard title={t('stats.chart.tiers')} testId="chart-tiers" loading={loading} empty={!num(f, 'resolved')}>
          <EChart
            option={tierOption(f, t, l)}
            height={280}
            label={TIERS.map((x) => `${l.tier(x)} ${map(f, 'resolvedByTier')[x] ?? 0}`).join(t('fmt.comma'))}
          />
        </ChartCard>
        <ChartCard
          title={t('stats.chart.categories')}
          testId="chart-categories"
          loading={loading}
          empty={!Object.keys(map(f, 'receivedByCategory')).length}
        >
          <EChart
            option={barsOption(categoryRows(f, l), '#1f5fbf')}
            height={320}
            label={categoryRows(f, l)
              .map(([n, v]) => `${n} ${v}`)
              .join(t('fmt.comma'))}
          />
        </ChartCard>
        <ChartCard
          title={t('stats.chart.sources')}
          testId="chart-sources"
          loading={loading}
          empty={!Object.keys(map(f, 'receivedBySource')).length}
        >
          <EChart
            option={barsOption(sourceRows(f, l), '#13a8a8')}
            height={320}
            label={sourceRows(f, l)
              .map(([n, v]) => `${n} ${v}`)
              .join(t('fmt.comma'))}
          />
        </ChartCard>
        <ChartCard title={t('stats.chart.satisfaction')} testId="chart-satisfaction" loading={loading} empty={!num(f, 'callbacks')}>
          <EChart option={satisfactionOption(f, l)} height={280} label={satisfactionText(f, l, t)} />
        </ChartCard>
        <ChartCard
          title={t('stats.chart.petitions', { y: year, y0: year - 1 })}
          testId="chart-petitions"
          loading={loading}
          empty={[...charts.thisYear, ...charts.lastYear].every((x) => !x || !num(x, 'petitions'))}
          className="span-wide"
        >
          <EChart
            option={petitionsOption(charts.thisYear, charts.lastYear, year, t)}
            height={280}
            label={petitionsText(charts.thisYear, charts.lastYear, year, t)}
          />
        </ChartCard>
        <Card size="small" title={t('stats.petitionTable', { y: year, y0: year - 1 })} className="chart-card" data-testid="petition-yoy">
          <PetitionTable period={period} thisYear={charts.thisYear} lastYear={charts.lastYear} />
        </Card>
        <ChartCard
          title={t(isMonth ? 'stats.chart.rankingMonth' : 'stats.chart.rankingYear')}
          testId="chart-ranking"
          loading={loading}
          empty={!top.length}
          emptyText={t('stats.noEntries')}
          className="span-all"
        >
          <EChart
            option={rankingOption(top, (uid) => nameOf(uid) ?? t('staff.unknownPerson'))}
            height={Math.max(160, top.length * 28 + 24)}
            label={top.map(([uid, n], i) => `${i + 1}. ${nameOf(uid) ?? t('staff.unknownPerson')} ${n}`).join(t('fmt.comma'))}
          />
          <table className="children-table ranking-table" data-testid="ranking-table">
            <thead>
              <tr>
                <th scope="col">{t('stats.rank')}</th>
                <th scope="col">{t('stats.gridWorker')}</th>
                <th scope="col">{t('stats.entries')}</th>
              </tr>
            </thead>
            <tbody>
              {top.map(([uid, n], i) => (
                <tr key={uid} data-testid="ranking-row" data-uid={uid} data-value={n}>
                  <td>{i + 1}</td>
                  <th scope="row">{nameOf(uid) ?? t('staff.unknownPerson')}</th>
                  <td>{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ChartCard>
      </div>
    </div>
  );
}

/** An account ID in a chart label: its last characters (the table beside it has the whole ID). */

const RATE_KEYS = [
  'mediationSuccessRate',
  'closureRate',
  'onTimeRate',
  'averageCycleWorkingDays',
  'satisfactionRate',
  'resolvedAtVillageOrBelowShare',
  'courtDiversionRate',
] as const;
type RateKey = (typeof RATE_KEYS)[number];
/** Numerator and denominator of each rate (docs/metrics.md). */
const RATE_PARTS: Record<RateKey, (f: StatsFigures) => [number, number]> = {
  mediationSuccessRate: (f) => [num(f, 'mediationSuccess'), num(f, 'mediations')],
  closureRate: (f) => [num(f, 'resolved'), num(f, 'accepted')],
  onTimeRate: (f) => [num(f, 'onTime'), num(f, 'resolved')],
  averageCycleWorkingDays: (f) => [num(f, 'cycleWorkingDays'), num(f, 'cycleCases')],
  satisfactionRate: (f) => [
    (map(f, 'satisfaction').satisfied ?? 0) + (map(f, 'satisfaction').basically_satisfied ?? 0),
    num(f, 'callbacks'),
  ],
  resolvedAtVillageOrBelowShare: (f) => [num(f, 'resolvedLow'), num(f, 'resolved')],
  courtDiversionRate: (f) => [num(f, 'courtDiverted'), num(f, 'courtResolved')],
};

// ── pickers ──────────────────────────────────────────────────────────────────────────────────

/** The user's unit, then one select per level below down to the chosen unit (and one more). */
function UnitChain({ countyId, own, value, onChange }: { countyId: string; own: string; value: string; onChange: (v: string) => void }) {
  const chain: string[] = [];
  for (let x: string | null = value; x && x.length > own.length; x = parentOf(x)) chain.unshift(x);
  const path = [own, ...chain];
  return (
    <div className="unit-chain">
      {path.map((code, i) =>
        code.length >= 15 ? null : (
          <ChildSelect
            key={code}
            countyId={countyId}
            parent={code}
            value={path[i + 1] ?? ''}
            onChange={(v) => onChange(v || code)}
            depth={i}
          />
        ),
      )}
    </div>
  );
}

function ChildSelect({
  countyId,
  parent,
  value,
  onChange,
  depth,
}: {
  countyId: string;
  parent: string;
  value: string;
  onChange: (v: string) => void;
  depth: number;
}) {
  const { t } = useI18n();
  const regions = useRegionChildren(countyId, parent.length < 12 ? parent : null);
  const grids = useVillageGrids(countyId, parent.length === 12 ? parent : null);
  const list = parent.length === 12 ? grids : regions;
  const name = useEntityName(kindOfUnit(parent), parent);
  const options = [
    { value: '', label: t('stats.unitWhole', { name: name ?? parent }) },
    ...(list?.status === 'ready' ? list.data.map((x) => ({ value: x.id, label: x.name })) : []),
  ];
  return (
    <Select<string>
      className="unit-select"
      value={value}
      onChange={onChange}
      options={options}
      loading={list?.status === 'loading'}
      aria-label={t('stats.unitLevel', { n: depth + 1 })}
      data-testid={`stats-unit-${depth}`}
      showSearch={{ optionFilterProp: 'label' }}
      virtual={false}
      popupMatchSelectWidth={false}
    />
  );
}

function PeriodPicker({ period, onChange }: { period: string; onChange: (p: string) => void }) {
  const { t } = useI18n();
  const thisYear = Number(today().slice(0, 4));
  const year = Number(period.slice(0, 4));
  const month = period.slice(5);
  const years = Array.from({ length: 5 }, (_, i) => thisYear - i);
  if (!years.includes(year)) years.push(year);
  return (
    <div className="period-picker" role="group" aria-label={t('stats.period')}>
      <Select<number>
        value={year}
        onChange={(y) => onChange(month ? `${y}-${month}` : String(y))}
        options={years.map((y) => ({ value: y, label: t('stats.yearN', { y }) }))}
        aria-label={t('stats.year')}
        data-testid="stats-year"
        virtual={false}
      />
      <Select<string>
        value={month}
        onChange={(m) => onChange(m ? `${year}-${m}` : String(year))}
        options={[
          { value: '', label: t('stats.wholeYear') },
          ...Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1).padStart(2, '0'), label: t('stats.monthN', { m: i + 1 }) })),
        ]}
        aria-label={t('stats.month')}
        data-testid="stats-month"
        virtual={false}
      />
    </div>
  );
}

// ── exports ──────────────────────────────────────────────────────────────────────────────────

/**
 * The ledger and monthly report of the unit shown. A city's ledger lists the cases its own center
 * takes part in (上报市级, 市级督办), a province's those its cities take part in; not every case
 * of their counties (issue 16).
 */
function Exports({ unit, period, upper }: { unit: string; period: string; upper: boolean }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const isMonth = period.length === 7;
  const range = isMonth ? monthBounds(period) : { first: `${period}-01-01`, last: `${period}-12-31` };
  const run = async (what: string, f: () => Promise<Parameters<typeof downloadFile>[0]>) => {
    setBusy(what);
    try {
      const file = await f();
      downloadFile(file);
      message.success(t('stats.exported', { name: file.filename }));
    } catch (e) {
      message.error(t('stats.exportFailed', { message: errorMessage(e, t) }));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="stats-exports" role="group" aria-label={t('stats.exports')}>
      <Button
        onClick={() => run('xlsx', () => call('exportLedger', { unitId: unit, from: range.first, to: range.last, format: 'xlsx' }))}
        loading={busy === 'xlsx'}
        disabled={!!busy}
        data-testid="export-ledger-xlsx"
      >
        {t('stats.exportLedgerXlsx')}
      </Button>
      <Button
        onClick={() => run('csv', () => call('exportLedger', { unitId: unit, from: range.first, to: range.last, format: 'csv' }))}
        loading={busy === 'csv'}
        disabled={!!busy}
        data-testid="export-ledger-csv"
      >
        {t('stats.exportLedgerCsv')}
      </Button>
      <Button
        onClick={() => run('report', () => call('exportMonthlyReport', { unitId: unit, month: period }))}
        loading={busy === 'report'}
        disabled={!!busy || !isMonth}
        title={isMonth ? undefined : t('stats.reportMonthOnly')}
        data-testid="export-report"
      >
        {t('stats.exportReport')}
      </Button>
      {upper && (
        <Typography.Text type="secondary" className="stats-ledger-note" data-testid="stats-ledger-upper-note">
          {t(unit.length === 2 ? 'stats.ledgerProvinceNote' : 'stats.ledgerUpperNote')}
        </Typography.Text>
      )}
    </div>
  );
}

// ── tables and charts ────────────────────────────────────────────────────────────────────────

const PETITION_KEYS = ['petitions', 'petitionsRepeat', 'petitionsGroup', 'petitionsSkipLevel'] as const;

function PetitionTable({
  period,
  thisYear,
  lastYear,
}: {
  period: string;
  thisYear: (StatsFigures | null)[];
  lastYear: (StatsFigures | null)[];
}) {
  const { t } = useI18n();
  const m = period.length === 7 ? Number(period.slice(5)) - 1 : null;
  const sum = (list: (StatsFigures | null)[], k: string) =>
    m === null ? list.reduce((s, f) => s + (f ? num(f, k) : 0), 0) : list[m] ? num(list[m]!, k) : 0;
  return (
    <table className="children-table" data-testid="petition-table">
      <thead>
        <tr>
          <th scope="col">{t('stats.petition')}</th>
          <th scope="col">{t('stats.thisPeriod')}</th>
          <th scope="col">{t('stats.samePeriodLastYear')}</th>
          <th scope="col">{t('stats.change')}</th>
        </tr>
      </thead>
      <tbody>
        {PETITION_KEYS.map((k) => {
          const a = sum(thisYear, k);
          const b = sum(lastYear, k);
          const change = b ? ((a - b) / b) * 100 : null;
          return (
            <tr key={k} data-testid="petition-row" data-key={k} data-value={a} data-last={b}>
              <th scope="row">{t(`stats.fig.${k}`)}</th>
              <td>{a}</td>
              <td>{b}</td>
              <td>{change === null ? '—' : `${change > 0 ? '▲ +' : change < 0 ? '▼ ' : ''}${change.toFixed(1)}%`}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const base = (): Partial<ChartOption> => ({ textStyle: { fontFamily: FONT }, tooltip: { trigger: 'axis' } });
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

function trendOption(months: (StatsFigures | null)[], t: Translate): ChartOption {
  const series = (['received', 'resolved', 'closed'] as const).map((k, i) => ({
    name: t(`stats.fig.${k}`),
    type: 'line',
    data: months.map((f) => (f ? num(f, k) : null)),
    symbol: ['circle', 'rect', 'triangle'][i],
    symbolSize: 7,
    connectNulls: false,
    lineStyle: { type: ['solid', 'dashed', 'dotted'][i] },
    label: { show: true, position: 'top', fontSize: 11 },
  }));
  return {
    ...base(),
    color: ['#1f5fbf', '#389e0d', '#d46b08'],
    legend: { bottom: 0, textStyle: { fontFamily: FONT } },
    grid: { left: 8, right: 16, top: 24, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: MONTHS.map((m) => t('stats.monthN', { m })), axisLabel: { fontFamily: FONT } },
    yAxis: { type: 'value', minInterval: 1 },
    series,
  };
}

function trendText(months: (StatsFigures | null)[], t: Translate): string {
  return months
    .map((f, i) =>
      f
        ? `${t('stats.monthN', { m: i + 1 })}${t('fmt.colon')}${(['received', 'resolved', 'closed'] as const).map((k) => `${t(`stats.fig.${k}`)} ${num(f, k)}`).join(t('fmt.comma'))}`
        : null,
    )
    .filter(Boolean)
    .join(t('fmt.listSep'));
}

function tierOption(f: StatsFigures, t: Translate, l: Labels): ChartOption {
  const by = map(f, 'resolvedByTier');
  return {
    ...base(),
    grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: TIERS.map((x) => l.tier(x)), axisLabel: { fontFamily: FONT } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('stats.fig.resolved'),
        type: 'bar',
        data: TIERS.map((x) => by[x] ?? 0),
        label: { show: true, position: 'top' },
        itemStyle: { color: '#13a8a8' },
        barMaxWidth: 40,
      },
    ],
  };
}

function categoryRows(f: StatsFigures, l: Labels): [string, number][] {
  const by = map(f, 'receivedByCategory');
  return Object.entries(by)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => [(CATEGORIES as readonly string[]).includes(k) ? l.category(k as Category) : k, v]);
}

function sourceRows(f: StatsFigures, l: Labels): [string, number][] {
  const by = map(f, 'receivedBySource');
  return Object.entries(by)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => [(SOURCES as readonly string[]).includes(k) ? l.source(k as Source) : k, v]);
}

function barsOption(rows: [string, number][], color: string): ChartOption {
  return {
    ...base(),
    grid: { left: 8, right: 36, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map(([n]) => n), axisLabel: { fontFamily: FONT } },
    series: [
      { type: 'bar', data: rows.map(([, v]) => v), label: { show: true, position: 'right' }, itemStyle: { color }, barMaxWidth: 18 },
    ],
  };
}

const SAT = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
const SAT_COLOUR = { satisfied: '#389e0d', basically_satisfied: '#1f5fbf', unsatisfied: '#cf1322' } as const;

function satisfactionOption(f: StatsFigures, l: Labels): ChartOption {
  const by = map(f, 'satisfaction');
  return {
    ...base(),
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, textStyle: { fontFamily: FONT } },
    series: [
      {
        type: 'pie',
        radius: ['40%', '66%'],
        center: ['50%', '44%'],
        label: { formatter: '{b}\n{c}（{d}%）', fontFamily: FONT },
        data: SAT.filter((k) => (by[k] ?? 0) > 0).map((k) => ({
          name: l.satisfaction(k),
          value: by[k]!,
          itemStyle: { color: SAT_COLOUR[k] },
        })),
      },
    ],
  };
}

function satisfactionText(f: StatsFigures, l: Labels, t: Translate): string {
  const by = map(f, 'satisfaction');
  return SAT.map((k) => `${l.satisfaction(k)} ${by[k] ?? 0}`).join(t('fmt.comma'));
}

function petitionsOption(thisYear: (StatsFigures | null)[], lastYear: (StatsFigures | null)[], year: number, t: Translate): ChartOption {
  return {
    ...base(),
    color: ['#c0392b', '#bfbfbf'],
    legend: { bottom: 0, textStyle: { fontFamily: FONT } },
    grid: { left: 8, right: 16, top: 24, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: MONTHS.map((m) => t('stats.monthN', { m })), axisLabel: { fontFamily: FONT } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('stats.yearN', { y: year }),
        type: 'bar',
        data: thisYear.map((f) => (f ? num(f, 'petitions') : 0)),
        label: { show: true, position: 'top', fontSize: 11 },
        barMaxWidth: 16,
      },
      {
        name: t('stats.yearN', { y: year - 1 }),
        type: 'bar',
        data: lastYear.map((f) => (f ? num(f, 'petitions') : 0)),
        label: { show: true, position: 'top', fontSize: 11 },
        barMaxWidth: 16,
      },
    ],
  };
}

function petitionsText(thisYear: (StatsFigures | null)[], lastYear: (StatsFigures | null)[], year: number, t: Translate): string {
  const total = (list: (StatsFigures | null)[]) => list.reduce((s, f) => s + (f ? num(f, 'petitions') : 0), 0);
  return `${t('stats.yearN', { y: year })} ${total(thisYear)}${t('fmt.comma')}${t('stats.yearN', { y: year - 1 })} ${total(lastYear)}`;
}

function rankingOption(top: [string, number][], label: (uid: string) => string): ChartOption {
  return {
    ...base(),
    grid: { left: 8, right: 36, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: top.map(([uid], i) => `${i + 1}. ${label(uid)}`), axisLabel: { fontFamily: FONT } },
    series: [
      {
        type: 'bar',
        data: top.map(([, n]) => n),
        label: { show: true, position: 'right' },
        itemStyle: { color: '#d48806' },
        barMaxWidth: 18,
      },
    ],
  };
}
