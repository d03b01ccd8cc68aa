/**
 * 分流率 (a county's month: court referrals ÷ the courts' own filing input) and the legal chain's
 * figures: referrals in, sent to court, 复查/复核, one-stop referrals (docs/metrics.md).
 */
import { type StatsFigures, diversionRate } from '@domain';
import { Card, Typography } from 'antd';
import { useCourtFilings } from '../../data/legal-hooks';
import { type MessageKey, useI18n } from '../../i18n';

const FIGURES = [
  'referredIn.court',
  'referredIn.police',
  'referredIn.petition',
  'sentToCourt',
  'petitionReviews.review',
  'petitionReviews.recheck',
  'serviceReferrals.legal_aid',
  'serviceReferrals.legal_consultation',
  'serviceReferrals.psychological',
] as const;

function value(f: StatsFigures, key: string): number {
  const [a, b] = key.split('.');
  const x = f[a!];
  if (b) return (x as Record<string, number> | undefined)?.[b] ?? 0;
  return (x as number | undefined) ?? 0;
}

export function LegalStats({ f, unit, period }: { f: StatsFigures; unit: string; period: string }) {
  const { t } = useI18n();
  const county = unit.length === 6 && period.length === 7;
  const filings = useCourtFilings(county ? unit : null, county ? period : null);
  const d =
    filings?.status === 'ready' ? diversionRate((f.courtReferredBy as Record<string, number> | undefined) ?? {}, filings.data) : null;
  return (
    <Card size="small" title={t('stats.legal')} className="chart-card" data-testid="stats-legal">
      {county && (
        <div data-testid="stats-diversion" data-value={d?.rate === null || !d ? '' : String(d.rate)}>
          <Typography.Text strong>{t('stats.diversion')}：</Typography.Text>
          {!d ? (
            '…'
          ) : d.rows.length === 0 ? (
            <Typography.Text type="secondary">{t('stats.diversionNone')}</Typography.Text>
          ) : (
            <>
              <span className="rate-value" data-testid="rate-diversionRate">
                {d.rate === null ? '—' : `${(d.rate * 100).toFixed(1)}%`}
              </span>
              <ul>
                {d.rows.map((r) => (
                  <li key={r.courtId} data-testid="diversion-row" data-court={r.courtId}>
                    {t('stats.diversionRow', { court: r.courtName, referred: r.referred, incoming: r.incoming })}
                    {r.rate === null ? '' : ` = ${(r.rate * 100).toFixed(1)}%`}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <ul className="legal-figures">
        {FIGURES.map((k) => (
          <li key={k} data-testid={`legal-fig-${k}`}>
            {t(`stats.fig.${k}` as MessageKey)}：{value(f, k)}
          </li>
        ))}
      </ul>
    </Card>
  );
}
