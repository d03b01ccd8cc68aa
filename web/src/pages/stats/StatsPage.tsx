/** 统计分析: the figures of a unit and period, and the follow-up tasks (回访, 回头看). */
import type { Claims } from '@domain';
import { Typography } from 'antd';
import { Suspense, lazy } from 'react';
import { PageLoading } from '../../app/Shell';
import { useSignedIn } from '../../auth/session';
import { FOLLOWUP_SCOPES, boardScope } from '../../data/queries';
import { type MessageKey, useI18n } from '../../i18n';
import { STATS_TABS, type StatsTab, hrefFor } from '../../router';

const FiguresTab = lazy(() => import('./FiguresTab'));
const FollowupsTab = lazy(() => import('./FollowupsTab'));

const LABEL: Record<StatsTab, MessageKey> = { figures: 'stats.tab.figures', followups: 'stats.tab.followups' };

export function statsTabsFor(claims: Claims, uid: string): StatsTab[] {
  const s = boardScope(claims, uid);
  return STATS_TABS.filter((x) => x === 'figures' || (s.kind === 'scope' && FOLLOWUP_SCOPES.includes(s.field)));
}

export default function StatsPage({ tab, query }: { tab: StatsTab; query: Record<string, string> }) {
  const { t } = useI18n();
  const { claims, user } = useSignedIn();
  const tabs = statsTabsFor(claims, user.uid);
  const shown = tabs.includes(tab) ? tab : 'figures';
  return (
    <div className="page page-wide" data-testid="stats" data-tab={shown}>
      <div className="page-head">
        <div className="page-head-text">
          <Typography.Title level={3} className="page-title">
            {t('stats.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('stats.subtitle')}</Typography.Text>
        </div>
      </div>
      {tabs.length > 1 && (
        <nav className="admin-tabs" aria-label={t('stats.title')}>
          {tabs.map((x) => (
            <a
              key={x}
              href={hrefFor({ name: 'stats', tab: x })}
              className={x === shown ? 'admin-tab active' : 'admin-tab'}
              aria-current={x === shown ? 'page' : undefined}
              data-testid={`stats-tab-${x}`}
            >
              {t(LABEL[x])}
            </a>
          ))}
        </nav>
      )}
      <Suspense fallback={<PageLoading />}>
        {shown === 'figures' && <FiguresTab query={query} />}
        {shown === 'followups' && <FollowupsTab />}
      </Suspense>
    </div>
  );
}
