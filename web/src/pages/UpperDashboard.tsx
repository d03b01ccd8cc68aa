/**
 * A city's or province's dashboard (市/省综治中心, issue 16): the area's live figures and a
 * comparison table per county (city) or per city (province) — names, never codes. Everything
 * comes from the unit's own counter and today's statistics shards, which carry the figures per
 * unit below (domain/upper.ts): a fixed number of documents, however many counties and cases
 * (data/upper-hooks.ts).
 */
import { type ChildFigures, type StatsFigures, type UpperLevel, upperLevelOf } from '@domain';
import { Alert, Card, Empty, Skeleton, Typography } from 'antd';
import { useMemo } from 'react';
import { useSignedIn } from '../auth/session';
import { loadErrorText } from '../data/callables';
import { type CounterSum, useEntityName } from '../data/hooks';
import { today, useStatsToday, useUnitCounters, useUnitsUnder } from '../data/upper-hooks';
import { useI18n } from '../i18n';
import { hrefFor } from '../router';

export default function UpperDashboard() {
  const { t } = useI18n();
  const { claims } = useSignedIn();
  const unit = claims.u;
  const level = upperLevelOf(unit) as UpperLevel;
  const unitName = useEntityName('region', unit);
  const counters = useUnitCounters(unit);
  const day = useMemo(today, []);
  const todayStats = useStatsToday(unit, day);
  const children = useUnitsUnder(unit);
  const data = counters?.status === 'ready' ? counters.data : null;
  const f = todayStats?.status === 'ready' ? todayStats.data : null;
  const ready = counters?.status === 'ready' && todayStats?.status === 'ready' && children?.status === 'ready';
  const num = (x: unknown) => (typeof x === 'number' ? x : 0);
  const tiles = [
    { key: 'open', label: t('dash.kpi.open'), value: data?.open },
    { key: 'overdue', label: t('dash.kpi.overdue'), value: data?.overdue, tone: (data?.overdue ?? 0) > 0 ? 'danger' : undefined },
    { key: 'red', label: t('dash.kpi.red'), value: data?.colour.red, tone: (data?.colour.red ?? 0) > 0 ? 'danger' : undefined },
    { key: 'orange', label: t('upper.orange'), value: data?.colour.orange, tone: 'warn' },
    { key: 'blue', label: t('upper.blue'), value: data?.colour.blue },
    { key: 'newToday', label: t('upper.newToday'), value: f ? num(f.received) : undefined },
    { key: 'resolvedToday', label: t('upper.resolvedToday'), value: f ? num(f.resolved) : undefined, tone: 'ok' },
    { key: 'total', label: t('dash.kpi.total'), value: data?.total },
  ];
  const error = [counters, todayStats, children].find((x) => x?.status === 'error');
  return (
    <div className="page page-wide" data-testid="dashboard" data-level={level} data-state={ready ? 'ready' : 'loading'}>
      <div className="page-head">
        <div className="page-head-text">
          <Typography.Title level={3} className="page-title">
            {t(level === 'city' ? 'upper.title.city' : 'upper.title.province')}
          </Typography.Title>
          <Typography.Text type="secondary">
            <span data-testid="dash-unit">{unitName ?? '…'}</span> · <span className="live-dot" aria-hidden="true" />
            {t('dash.live')}
          </Typography.Text>
        </div>
        <div className="page-head-side">
          <a href={hrefFor({ name: 'stats', tab: 'figures' })} data-testid="upper-stats-link">
            {t('upper.toStats')}
          </a>
        </div>
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
        title={t(level === 'city' ? 'upper.byCounty' : 'upper.byCity')}
        size="small"
        className="children-card"
        data-testid="upper-children"
      >
        {!ready ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : children?.status === 'ready' && children.data.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dash.children.none')} />
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
      <table className="children-table">
        <thead>
          <tr>
            <th scope="col">{t('dash.children.unit')}</th>
            <th scope="col">{t('dash.kpi.open')}</th>
            <th scope="col">{t('dash.kpi.overdue')}</th>
            <th scope="col">{t('dash.kpi.red')}</th>
            <th scope="col">{t('upper.orange')}</th>
            <th scope="col">{t('upper.blue')}</th>
            <th scope="col">{t('upper.newToday')}</th>
            <th scope="col">{t('upper.resolvedToday')}</th>
            <th scope="col">{t('dash.kpi.total')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((r) => (
            <tr
              key={r.id}
              data-testid="upper-child"
              data-name={r.name}
              data-open={r.c.open ?? 0}
              data-new={byChild('receivedByChild', r.id)}
            >
              <th scope="row">{r.name}</th>
              <td>
                {r.c.open ?? 0}
                <span className="bar" aria-hidden="true" style={{ width: `${((r.c.open ?? 0) / max) * 100}%` }} />
              </td>
              <td className={(r.c.overdue ?? 0) > 0 ? 'danger' : undefined}>{r.c.overdue ?? 0}</td>
              <td>{r.c.red ?? 0}</td>
              <td>{r.c.orange ?? 0}</td>
              <td>{r.c.blue ?? 0}</td>
              <td>{byChild('receivedByChild', r.id)}</td>
              <td>{byChild('resolvedByChild', r.id)}</td>
              <td>{r.c.total ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
