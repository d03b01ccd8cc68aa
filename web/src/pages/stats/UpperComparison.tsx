/**
 * A city's or province's statistics (issue 16): its counties (city) or cities (province) side by
 * side for the period, by name — from the `…ByChild` figures of the unit's own month or year
 * document (domain/upper.ts), no document per county.
 */
import { CHILD_STATS_FIGURES, type StatsFigures, type UpperLevel } from '@domain';
import { Card, Empty, Skeleton } from 'antd';
import { useUnitsUnder } from '../../data/upper-hooks';
import { type MessageKey, useI18n } from '../../i18n';

const LABEL: Record<(typeof CHILD_STATS_FIGURES)[number], MessageKey> = {
  received: 'stats.fig.received',
  accepted: 'stats.fig.accepted',
  resolved: 'stats.fig.resolved',
  closed: 'stats.fig.closed',
  onTime: 'upper.fig.onTime',
  overdue: 'stats.fig.overdue',
  mediations: 'upper.fig.mediations',
  mediationSuccess: 'upper.fig.mediationSuccess',
  callbacks: 'stats.fig.callbacks',
  petitions: 'stats.fig.petitions',
};

export function UpperComparison({ f, unit, level }: { f: StatsFigures; unit: string; level: UpperLevel }) {
  const { t } = useI18n();
  const children = useUnitsUnder(unit);
  const cell = (k: string, id: string) => {
    const m = f[`${k}ByChild`];
    return m && typeof m === 'object' ? (m[id] ?? 0) : 0;
  };
  return (
    <Card size="small" title={t(level === 'city' ? 'upper.stats.byCounty' : 'upper.stats.byCity')} data-testid="stats-upper-table">
      {!children || children.status === 'loading' ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : children.status === 'error' || children.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dash.children.none')} />
      ) : (
        <div className="children">
          <table className="children-table">
            <thead>
              <tr>
                <th scope="col">{t('dash.children.unit')}</th>
                {CHILD_STATS_FIGURES.map((k) => (
                  <th scope="col" key={k}>
                    {t(LABEL[k])}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {children.data.map((c) => (
                <tr key={c.id} data-testid="stats-upper-row" data-name={c.name} data-received={cell('received', c.id)}>
                  <th scope="row">{c.name}</th>
                  {CHILD_STATS_FIGURES.map((k) => (
                    <td key={k}>{cell(k, c.id)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
