/**
 * 排查考核 on the statistics page (issue 14): 巡查覆盖率 and 零报告率 from the coverage day
 * documents (patrolDays, with the unit's grids and the county's patrol policy), items found by
 * kind, 隐患整改率, 按期整改率 and 走访按期率 from the figure shards (patrolFigures) — the same
 * sums and rates as the monthly report (domain/patrol-figures.ts), and the 排查台账 export.
 */
import { ITEM_KINDS, type PatrolPolicy, coverage, defaultPatrolPolicy, localDate, patrolRates, sumPatrolFigures } from '@domain';
import { Alert, App as AntApp, Button, Card, Skeleton } from 'antd';
import { useMemo, useState } from 'react';
import { useSignedIn } from '../../auth/session';
import { call, downloadFile, errorMessage } from '../../data/callables';
import { usePolicy } from '../../data/hooks';
import { usePatrolFigures } from '../../data/patrol-figure-hooks';
import { usePatrolDays, useUnitGrids } from '../../data/patrol-hooks';
import { type MessageKey, useI18n } from '../../i18n';
import { monthBounds } from '../duty/common';

const RATE_KEYS = ['coverageRate', 'zeroReportRate', 'rectifyRate', 'onTimeRectifyRate', 'visitOnTimeRate'] as const;

export function PatrolFigures({ unit, period }: { unit: string; period: string }) {
  const { t } = useI18n();
  const { claims } = useSignedIn();
  // Figures are kept per village, town and county, by month.
  const shown = unit.length < 15 && period.length === 7;
  const { first, last: monthLast } = shown ? monthBounds(period) : { first: '', last: '' };
  const today = localDate(new Date());
  const last = monthLast.localeCompare(today) < 0 ? monthLast : today;
  const figs = usePatrolFigures(shown ? unit : null, first, monthLast);
  const days = usePatrolDays(shown && first <= last ? unit : null, first, last);
  const grids = useUnitGrids(claims.c, shown ? unit : null);
  const stored = usePolicy(claims.c);
  const policy: PatrolPolicy = stored?.status === 'ready' && stored.data ? stored.data.patrol : defaultPatrolPolicy();
  const totals = useMemo(() => {
    if (figs?.status !== 'ready' || grids?.status !== 'ready') return null;
    const d = days?.status === 'ready' ? days.data : new Map();
    const cov = first <= last ? coverage(grids.data, policy, first, last, d) : { expected: 0, done: 0, rate: 1 };
    return sumPatrolFigures(figs.data, [...d.values()], cov);
  }, [figs, days, grids, policy, first, last]);
  if (!shown) return null;
  const error = [figs, grids, days].find((x) => x?.status === 'error');
  if (error && error.status === 'error') return <Alert type="error" showIcon title={error.message} />;
  if (!totals) return <Skeleton active />;
  const r = patrolRates(totals);
  const parts: Record<(typeof RATE_KEYS)[number], { a: number; b: number }> = {
    coverageRate: { a: totals.coverage?.done ?? 0, b: totals.coverage?.expected ?? 0 },
    zeroReportRate: { a: totals.zeroReports, b: totals.patrols },
    rectifyRate: { a: totals.hazardsDone, b: totals.hazardsDue },
    onTimeRectifyRate: { a: totals.hazardsOnTime, b: totals.hazardsRectified },
    visitOnTimeRate: { a: totals.keyVisitsOnTime, b: totals.keyVisits },
  };
  return (
    <Card size="small" title={t('patrolStats.title')} className="stats-patrol" data-testid="patrol-figures">
      <div className="stats-rates">
        {RATE_KEYS.map((k) => {
          const v = r[k];
          return (
            <div key={k} className="stats-rate" data-testid={`patrol-rate-${k}`} data-value={v === null ? '' : v.toFixed(4)}>
              <span className="rate-label">{t(`patrolStats.rate.${k}` as MessageKey)}</span>
              <span className="rate-value">{v === null ? '—' : `${(v * 100).toFixed(1)}%`}</span>
              <span className="rate-parts muted small">{t(`patrolStats.part.${k}` as MessageKey, parts[k])}</span>
            </div>
          );
        })}
      </div>
      <table className="stats-table" aria-label={t('patrolStats.itemsByKind')}>
        <caption>{t('patrolStats.itemsByKind')}</caption>
        <tbody>
          {ITEM_KINDS.map((k) => (
            <tr key={k} data-testid={`patrol-items-${k}`} data-value={totals.items[k]}>
              <th scope="row">{t(`patrolStats.kind.${k}` as MessageKey)}</th>
              <td>{totals.items[k]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <PatrolLedgerExports unit={unit} from={first} to={monthLast} />
    </Card>
  );
}

function PatrolLedgerExports({ unit, from, to }: { unit: string; from: string; to: string }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<'xlsx' | 'csv' | null>(null);
  const run = async (format: 'xlsx' | 'csv') => {
    setBusy(format);
    try {
      const file = await call('exportPatrolLedger', { unitId: unit, from, to, format });
      downloadFile(file);
      message.success(t('stats.exported', { name: file.filename }));
    } catch (e) {
      message.error(t('stats.exportFailed', { message: errorMessage(e, t) }));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="stats-exports" role="group" aria-label={t('patrolStats.exports')}>
      {(['xlsx', 'csv'] as const).map((f) => (
        <Button key={f} onClick={() => run(f)} loading={busy === f} disabled={!!busy} data-testid={`export-patrol-ledger-${f}`}>
          {t(f === 'xlsx' ? 'patrolStats.exportXlsx' : 'patrolStats.exportCsv')}
        </Button>
      ))}
    </div>
  );
}
