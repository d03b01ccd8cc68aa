/**
 * 研判预警 on the statistics page (issue 15): a town's or county's risk signals raised and
 * handled (处置率), warning notices issued, signed and answered on time (按期签收率, 按期反馈率,
 * limits breached), and the petitions the signals job matched with their 重访 (重访率) and 越级访 —
 * from the month documents (./judgement-figure-hooks.ts), with the domain's rates
 * (domain/judgement-figures.ts), the same as the monthly report's 研判预警 sheet.
 */
import {
  JUDGEMENT_RATES,
  type JudgementTotals,
  judgementRateParts,
  judgementRates,
  keepsJudgementFigures,
  sumJudgementFigures,
} from '@domain';
import { Alert, Card, Skeleton } from 'antd';
import { useJudgementFigures } from '../../data/judgement-figure-hooks';
import { type MessageKey, useI18n } from '../../i18n';

const GROUPS: { title: MessageKey; keys: (keyof JudgementTotals)[] }[] = [
  { title: 'judgementStats.signals', keys: ['raised', 'handled'] },
  {
    title: 'judgementStats.notices',
    keys: ['issued', 'signed', 'signedOnTime', 'answered', 'answeredOnTime', 'signOverdue', 'feedbackOverdue'],
  },
  { title: 'judgementStats.petitions', keys: ['petitions', 'repeatVisits', 'skipLevelVisits'] },
];

export function JudgementFigures({ unit, period }: { unit: string; period: string }) {
  const { t } = useI18n();
  const shown = keepsJudgementFigures(unit);
  const figs = useJudgementFigures(shown ? unit : null, period);
  if (!shown) return null;
  if (figs?.status === 'error') return <Alert type="error" showIcon title={figs.message} />;
  if (figs?.status === 'loading') return <Skeleton active />;
  // No month of the period has begun yet: nothing counted.
  const totals = figs?.status === 'ready' ? figs.data : sumJudgementFigures([], []);
  const r = judgementRates(totals);
  const parts = judgementRateParts(totals);
  return (
    <Card size="small" title={t('judgementStats.title')} className="stats-judgement" data-testid="judgement-figures" data-unit={unit}>
      <div className="rates judgement-rates" role="list" aria-label={t('judgementStats.rates')}>
        {JUDGEMENT_RATES.map((k) => {
          const v = r[k];
          return (
            <div key={k} role="listitem" className="rate" data-testid={`judgement-rate-${k}`} data-value={v === null ? '' : v.toFixed(4)}>
              <span className="kpi-label">{t(`judgementStats.rate.${k}` as MessageKey)}</span>
              <span className="rate-value">{v === null ? '—' : `${(v * 100).toFixed(1)}%`}</span>
              <span className="rate-parts muted small">{t(`judgementStats.part.${k}` as MessageKey, parts[k])}</span>
            </div>
          );
        })}
      </div>
      <div className="judgement-tables">
        {GROUPS.map((g) => (
          <table key={g.title} className="children-table" aria-label={t(g.title)}>
            <caption>{t(g.title)}</caption>
            <tbody>
              {g.keys.map((k) => (
                <tr key={k} data-testid={`judgement-fig-${k}`} data-value={totals[k]}>
                  <th scope="row">{t(`judgementStats.fig.${k}` as MessageKey)}</th>
                  <td>{totals[k]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      <p className="muted small judgement-note">{t(unit.length === 6 ? 'judgementStats.noteCounty' : 'judgementStats.noteTown')}</p>
    </Card>
  );
}
