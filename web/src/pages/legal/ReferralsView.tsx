/**
 * 委派与移送 (部门工作台): the cases this department referred to the center (诉调/警调/访调 — a
 * court's pre-filing referrals) with their state and the result sent back, and the cases the
 * center sent to it (移送法院). A court's officer also enters the court's monthly filing count.
 */
import type { CaseDoc } from '@domain';
import { Alert, Skeleton, Tag, Typography } from 'antd';
import { useSignedIn } from '../../auth/session';
import { CaseRow } from '../../components/CaseRow';
import { DeadlineBadge } from '../../components/DeadlineBadge';
import { DEPARTMENT_VIEW_LIMIT } from '../../data/budget';
import { loadErrorText } from '../../data/callables';
import { useDepartments } from '../../data/hooks';
import { useDepartmentReferrals } from '../../data/legal-hooks';
import { formatDateTime, useI18n, useLabels } from '../../i18n';
import { CourtFilingForm } from './CourtFilingForm';

export function ReferralsView({ dept }: { dept: string }) {
  const { t } = useI18n();
  const { claims } = useSignedIn();
  const referred = useDepartmentReferrals(dept, 'origin', DEPARTMENT_VIEW_LIMIT);
  const sent = useDepartmentReferrals(dept, 'sentToCourt', DEPARTMENT_VIEW_LIMIT);
  const depts = useDepartments(claims.c);
  const isCourt = depts?.status === 'ready' && depts.data.some((d) => d.id === dept && d.kind === 'court');
  return (
    <div className="referrals" data-testid="dept-referrals">
      <Typography.Title level={5}>{t('dept.referredIn')}</Typography.Title>
      <List load={referred} render={(c) => <OriginStatus c={c} />} testid="referrals-origin" />
      <Typography.Title level={5}>{t('dept.sentHere')}</Typography.Title>
      <List
        load={sent}
        render={(c) => (c.sentToCourt ? <span className="pre">{c.sentToCourt.note}</span> : null)}
        testid="referrals-sent"
      />
      {isCourt && <CourtFilingForm />}
    </div>
  );
}

function List({
  load,
  render,
  testid,
}: {
  load: ReturnType<typeof useDepartmentReferrals>;
  render: (c: CaseDoc) => React.ReactNode;
  testid: string;
}) {
  const { t } = useI18n();
  return (
    <div className="case-list" role="list" data-testid={testid} data-state={load.status}>
      {load.status === 'loading' && <Skeleton active title={{ width: '50%' }} paragraph={{ rows: 1 }} />}
      {load.status === 'error' && <Alert type="error" showIcon title={loadErrorText(load, t)} />}
      {load.status === 'ready' && load.data.length === 0 && (
        <div className="case-list-empty" role="listitem">
          <Typography.Text type="secondary">{t('dept.referralsEmpty')}</Typography.Text>
        </div>
      )}
      {load.status === 'ready' && load.data.map((c) => <CaseRow key={c.id} c={c} extra={render(c)} />)}
    </div>
  );
}

/** The referral's state at the center and, once sent back, its result and date. */
function OriginStatus({ c }: { c: CaseDoc }) {
  const { t, locale } = useI18n();
  const l = useLabels();
  const o = c.origin!;
  const clock = c.clocks.find((k) => k.kind === 'court_mediation' && (k.state === 'running' || k.state === 'breached'));
  return (
    <div className="dept-actions" data-testid="referral" data-case-id={c.id} data-result={o.result?.result ?? ''}>
      <Tag>{o.ref}</Tag>
      <Tag data-testid="referral-state">{t('dept.caseState', { state: l.state(c.state) })}</Tag>
      {o.result ? (
        <Tag color="green" data-testid="referral-result">
          {t('legal.returned', { result: t(`legal.result.${o.result.result}`), time: formatDateTime(o.result.returnedAt, locale) })}
        </Tag>
      ) : (
        <Tag color="gold">{t('legal.notReturned')}</Tag>
      )}
      {!o.result && clock?.dueAt && <DeadlineBadge dueAt={clock.dueAt} compact />}
    </div>
  );
}
