/** 系统管理: users and scopes, grids, departments, deadline policy, holiday calendars (administrators). */
import { Typography } from 'antd';
import { Suspense, lazy } from 'react';
import { PageLoading } from '../../app/Shell';
import { useSignedIn } from '../../auth/session';
import { type MessageKey, useI18n } from '../../i18n';
import { ADMIN_TABS, type AdminTab, hrefFor } from '../../router';

const UsersTab = lazy(() => import('./UsersTab'));
const GridsTab = lazy(() => import('./GridsTab'));
const DepartmentsTab = lazy(() => import('./DepartmentsTab'));
const PolicyTab = lazy(() => import('./PolicyTab'));
const CalendarTab = lazy(() => import('./CalendarTab'));
const CourtsTab = lazy(() => import('./CourtsTab'));
const MediationTab = lazy(() => import('./MediationTab'));

const LABEL: Record<AdminTab, MessageKey> = {
  users: 'admin.tab.users',
  grids: 'admin.tab.grids',
  departments: 'admin.tab.departments',
  policy: 'admin.tab.policy',
  calendar: 'admin.tab.calendar',
  courts: 'admin.tab.courts',
  mediation: 'admin.tab.mediation',
};

export default function AdminPage({ tab }: { tab: AdminTab }) {
  const { t } = useI18n();
  const { claims } = useSignedIn();
  return (
    <div className="page page-wide" data-testid="admin" data-tab={tab}>
      <div className="page-head">
        <div className="page-head-text">
          <Typography.Title level={3} className="page-title">
            {t('admin.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t(claims.c ? 'admin.subtitle' : 'admin.subtitleUpper')}</Typography.Text>
        </div>
      </div>
      <nav className="admin-tabs" aria-label={t('admin.title')}>
        {ADMIN_TABS.map((x) => (
          <a
            key={x}
            href={hrefFor({ name: 'admin', tab: x })}
            className={x === tab ? 'admin-tab active' : 'admin-tab'}
            aria-current={x === tab ? 'page' : undefined}
            data-testid={`admin-tab-${x}`}
          >
            {t(LABEL[x])}
          </a>
        ))}
      </nav>
      <section className="admin-panel" aria-label={t(LABEL[tab])}>
        <Suspense fallback={<PageLoading />}>
          {tab === 'users' && <UsersTab />}
          {tab === 'grids' && <GridsTab />}
          {tab === 'departments' && <DepartmentsTab />}
          {tab === 'policy' && <PolicyTab />}
          {tab === 'calendar' && <CalendarTab />}
          {tab === 'courts' && <CourtsTab />}
          {tab === 'mediation' && <MediationTab />}
        </Suspense>
      </section>
    </div>
  );
}
