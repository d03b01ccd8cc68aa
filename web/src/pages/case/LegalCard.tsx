/**
 * 诉调对接与一站式服务 on the case: who referred it (court, police station, 信访 office) and what
 * went back, what was sent to a court, 信访 复查/复核, and one-stop referrals with their results.
 */
import type { CaseDoc } from '@domain';
import { Card, Tag } from 'antd';
import { shownName, useEntityName } from '../../data/hooks';
import { type MessageKey, formatDateTime, useI18n } from '../../i18n';

const lastDay = (due: Date) => new Date(due.getTime() - 1);

export function LegalCard({ c }: { c: CaseDoc }) {
  const { t } = useI18n();
  const o = c.origin;
  const review = c.petitionReview;
  const services = c.serviceReferrals ?? [];
  if (!o && !c.sentToCourt && !review && services.length === 0) return null;
  return (
    <Card title={t('legal.section')} className="detail-card" data-testid="case-legal">
      <ul className="dispatch-list">
        {o && <OriginLine c={c} />}
        {c.sentToCourt && <SentLine c={c} />}
        {review && (
          <li className="dispatch" data-testid="legal-review">
            <strong>{t('legal.review')}</strong>
            {review.requestBy && (
              <div data-testid="legal-request-by">
                {t('legal.requestBy', {
                  stage: t(review.review ? 'legal.stage.recheck' : 'legal.stage.review'),
                  date: formatDateTime(lastDay(review.requestBy), 'zh-CN').slice(0, 10),
                })}
              </div>
            )}
            {(['review', 'recheck'] as const).map((stage) => {
              const s = review[stage];
              if (!s) return null;
              return (
                <div key={stage} data-testid={`legal-${stage}`} data-outcome={s.outcome ?? ''}>
                  {t('legal.reviewStep', { stage: t(`legal.stage.${stage}`), body: s.body, time: formatDateTime(s.requestedAt, 'zh-CN') })}
                  {' · '}
                  {s.outcome && s.decidedAt
                    ? t('legal.reviewDecided', {
                        outcome: t(`legal.reviewOutcome.${s.outcome}`),
                        time: formatDateTime(s.decidedAt, 'zh-CN'),
                        opinion: s.opinion ?? '',
                      })
                    : t('legal.reviewPending')}
                </div>
              );
            })}
          </li>
        )}
        {services.length > 0 && (
          <li className="dispatch" data-testid="legal-services">
            <strong>{t('legal.services')}</strong>
            {services.map((x) => (
              <div key={x.id} data-testid="legal-service" data-state={x.state} data-service={x.service}>
                {t('legal.serviceLine', {
                  service: t(`legal.service.${x.service}` as MessageKey),
                  time: formatDateTime(x.referredAt, 'zh-CN'),
                  note: x.note,
                })}{' '}
                {x.result ? (
                  <Tag color="green">{t(`legal.serviceResult.${x.result}` as MessageKey)}</Tag>
                ) : (
                  <Tag color="gold">{t('legal.serviceOpen')}</Tag>
                )}
                {x.resultNote && <span> {x.resultNote}</span>}
              </div>
            ))}
          </li>
        )}
      </ul>
    </Card>
  );
}

export function OriginLine({ c }: { c: CaseDoc }) {
  const { t, locale } = useI18n();
  const o = c.origin!;
  const dept = useEntityName('department', o.departmentId);
  return (
    <li className="dispatch" data-testid="legal-origin" data-result={o.result?.result ?? ''}>
      <strong>{t('legal.origin')}</strong>{' '}
      {t('legal.originLine', { kind: t(`legal.originKind.${o.kind}`), department: shownName(dept), ref: o.ref, date: o.referredOn })}
      <div>
        {o.result ? (
          <Tag color="green" data-testid="legal-returned">
            {t('legal.returned', { result: t(`legal.result.${o.result.result}`), time: formatDateTime(o.result.returnedAt, locale) })}
          </Tag>
        ) : (
          <Tag color="gold">{t('legal.notReturned')}</Tag>
        )}
        {o.result?.note && <span>{o.result.note}</span>}
      </div>
    </li>
  );
}

function SentLine({ c }: { c: CaseDoc }) {
  const { t, locale } = useI18n();
  const s = c.sentToCourt!;
  const court = useEntityName('department', s.departmentId);
  return (
    <li className="dispatch" data-testid="legal-sent">
      {t('legal.sentToCourt', { court: shownName(court), time: formatDateTime(s.sentAt, locale), note: s.note })}
    </li>
  );
}
