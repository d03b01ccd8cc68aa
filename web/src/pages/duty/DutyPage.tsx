/**
 * 领导接访 (leader duty): the roster calendar, leave and swap requests, the walk-in form, the
 * 督办 list and the linkage visits — as tabs, each shown to the roles it concerns. Residents and
 * units below a town see the public roster (names and titles only).
 */
import { type Claims, mayRecordWalkIn } from '@domain';
import { Typography } from 'antd';
import { Suspense, lazy } from 'react';
import { PageLoading } from '../../app/Shell';
import { useSignedIn } from '../../auth/session';
import { SUPERVISION_SCOPES, boardScope } from '../../data/queries';
import { type MessageKey, useI18n } from '../../i18n';
import { DUTY_TABS, type DutyTab, hrefFor } from '../../router';

const RosterTab = lazy(() => import('./RosterTab'));
const ChangesTab = lazy(() => import('./ChangesTab'));
const WalkInTab = lazy(() => import('./WalkInTab'));
const SupervisionTab = lazy(() => import('./SupervisionTab'));
const VisitsTab = lazy(() => import('./VisitsTab'));

const LABEL: Record<DutyTab, MessageKey> = {
  roster: 'duty.tab.roster',
  changes: 'duty.tab.changes',
  walkin: 'duty.tab.walkin',
  supervision: 'duty.tab.supervision',
  visits: 'duty.tab.visits',
};

/** The duty tabs a role sees. */
export function dutyTabsFor(claims: Claims, uid: string): DutyTab[] {
  const r = claims.r;
  return DUTY_TABS.filter((tab) => {
    switch (tab) {
      case 'roster':
        return true;
      case 'changes':
        return ['leader', 'admin', 'town_staff', 'county_staff'].includes(r);
      case 'walkin':
        return mayRecordWalkIn(claims);
      case 'supervision': {
        const s = boardScope(claims, uid);
        return s.kind === 'scope' && SUPERVISION_SCOPES.includes(s.field);
      }
      case 'visits':
        return r !== 'resident';
    }
    return false;
  });
}

export default function DutyPage({ tab, query }: { tab: DutyTab; query: Record<string, string> }) {
  const { t } = useI18n();
  const { claims, user } = useSignedIn();
  const tabs = dutyTabsFor(claims, user.uid);
  const shown: DutyTab = tabs.includes(tab) ? tab : 'roster';
  return (
    <div className="page page-wide" data-testid="duty" data-tab={shown}>
      <div className="page-head">
        <div className="page-head-text">
          <Typography.Title level={3} className="page-title">
            {t('duty.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t(claims.r === 'resident' ? 'duty.subtitlePublic' : 'duty.subtitle')}</Typography.Text>
        </div>
      </div>
      {tabs.length > 1 && (
        <nav className="admin-tabs" aria-label={t('duty.title')}>
          {tabs.map((x) => (
            <a
              key={x}
              href={hrefFor({ name: 'duty', tab: x })}
              className={x === shown ? 'admin-tab active' : 'admin-tab'}
              aria-current={x === shown ? 'page' : undefined}
              data-testid={`duty-tab-${x}`}
            >
              {t(LABEL[x])}
            </a>
          ))}
        </nav>
      )}
      <section className="duty-panel" aria-label={t(LABEL[shown])}>
        <Suspense fallback={<PageLoading />}>
          {shown === 'roster' && <RosterTab query={query} />}
          {shown === 'changes' && <ChangesTab query={query} />}
          {shown === 'walkin' && <WalkInTab />}
          {shown === 'supervision' && <SupervisionTab />}
          {shown === 'visits' && <VisitsTab />}
        </Suspense>
      </section>
    </div>
  );
}
