/** The signed-in layout: header (user, role, unit, language, sign-out), navigation, routed page. */
import { Button, Layout, Result, Spin, Tag, App as AntApp } from 'antd';
import { Component, type ErrorInfo, type ReactNode, Suspense, lazy, useEffect, useRef } from 'react';
import { canReport, useSession } from '../auth/session';
import { kindOfUnit, useEntityName } from '../data/hooks';
import { fb } from '../firebase';
import { useI18n, useLabels } from '../i18n';
import BoardPage from '../pages/BoardPage';
import { type Route, hrefFor, navigate, useRoute } from '../router';

const ReportPage = lazy(() => import('../pages/ReportPage'));
const CaseDetailPage = lazy(() => import('../pages/CaseDetailPage'));

export function Shell() {
  const { t } = useI18n();
  const { session } = useSession();
  const route = useRoute();
  const { message } = AntApp.useApp();
  const signedIn = session.status === 'signedIn' ? session : null;
  const claims = signedIn?.claims ?? null;
  const reporter = canReport(claims);

  // Say so when the server changed this user's permissions while signed in.
  const revision = signedIn?.claimsRevision ?? 0;
  const seen = useRef(revision);
  useEffect(() => {
    if (revision > seen.current) message.info(t('session.refreshed'));
    seen.current = revision;
  }, [revision, message, t]);

  // A new page starts at the top.
  const routeKey = hrefFor(route);
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [routeKey]);

  const links: { route: Route; testId: string; label: string }[] = [
    { route: { name: 'board' }, testId: 'nav-board', label: t('nav.board') },
    ...(reporter ? [{ route: { name: 'report' } as Route, testId: 'nav-report', label: t('nav.report') }] : []),
  ];

  return (
    <Layout className="shell">
      <ShellHeader />
      {claims && (
        <nav className="shell-nav" aria-label={t('nav.main')}>
          <div className="shell-nav-inner">
            {links.map((l) => {
              const active = l.route.name === route.name;
              return (
                <a key={l.testId} href={hrefFor(l.route)} className={active ? 'nav-link active' : 'nav-link'} aria-current={active ? 'page' : undefined} data-testid={l.testId}>
                  {l.label}
                </a>
              );
            })}
          </div>
        </nav>
      )}
      <Layout.Content className="shell-content" id="main">
        {signedIn?.claimsError && <div className="claims-error">{t('session.claimsError', { error: signedIn.claimsError })}</div>}
        <PageBoundary key={routeKey}>
          <Suspense fallback={<PageLoading />}>{claims ? <Page route={route} canReport={reporter} /> : <NoRole />}</Suspense>
        </PageBoundary>
      </Layout.Content>
    </Layout>
  );
}

function Page({ route, canReport }: { route: Route; canReport: boolean }) {
  const { t } = useI18n();
  switch (route.name) {
    case 'board':
      return <BoardPage />;
    case 'report':
      return canReport ? (
        <ReportPage />
      ) : (
        <Result status="403" title={t('report.forbiddenTitle')} subTitle={t('report.forbidden')} data-testid="report-forbidden" />
      );
    case 'case':
      return <CaseDetailPage caseId={route.id} />;
    case 'notFound':
      return (
        <Result
          status="404"
          title={t('app.notFound')}
          extra={
            <Button type="primary" onClick={() => navigate({ name: 'board' }, { replace: true })}>
              {t('app.backToBoard')}
            </Button>
          }
        />
      );
  }
}

function ShellHeader() {
  const { t, toggleLocale } = useI18n();
  const l = useLabels();
  const { session, signOut } = useSession();
  if (session.status !== 'signedIn') return null;
  const { user, claims, profile } = session;
  const name = profile?.displayName || user.displayName || user.email || user.uid;
  return (
    <Layout.Header className="shell-header">
      <a className="brand" href={hrefFor({ name: 'board' })} aria-label={t('app.fullName')}>
        <span className="brand-mark" aria-hidden="true">
          枫
        </span>
        <span className="brand-text">{t('app.name')}</span>
      </a>
      {fb().emulator && (
        <Tag color="purple" className="emulator-tag" data-testid="emulator-tag">
          {t('header.emulator')}
        </Tag>
      )}
      <div className="header-user" data-testid="header-user">
        <div className="header-user-line">
          <span className="header-user-name" data-testid="header-user-name" title={profile?.title ?? undefined}>
            {name}
          </span>
          {claims && (
            <Tag color="gold" className="header-role" data-testid="header-role" data-role={claims.r}>
              {l.role(claims.r)}
            </Tag>
          )}
        </div>
        {claims && <UnitName unit={claims.u} />}
      </div>
      <div className="header-actions">
        <Button size="small" ghost onClick={toggleLocale} data-testid="lang-toggle" aria-label={t('lang.toggleLabel')}>
          {t('lang.toggle')}
        </Button>
        <Button
          size="small"
          ghost
          onClick={() => {
            navigate({ name: 'board' }, { replace: true });
            void signOut();
          }}
          data-testid="logout"
        >
          {t('header.logout')}
        </Button>
      </div>
    </Layout.Header>
  );
}

function UnitName({ unit }: { unit: string }) {
  const { t } = useI18n();
  const name = useEntityName(kindOfUnit(unit), unit);
  return (
    <div className="header-unit" data-testid="header-unit" data-unit={unit}>
      {name === undefined ? t('header.unitLoading') : (name ?? unit)}
    </div>
  );
}

function NoRole() {
  const { t } = useI18n();
  return <Result status="warning" title={t('session.noRoleTitle')} subTitle={t('session.noRole')} data-testid="no-role" />;
}

export function PageLoading() {
  const { t } = useI18n();
  return (
    <div className="page-loading" role="status" data-testid="page-loading">
      <Spin description={t('app.loading')} />
    </div>
  );
}

/** A page that throws shows an error instead of blanking the console. */
class PageBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('[fengqiao] page error', error, info.componentStack);
  }
  render() {
    return this.state.error ? <PageError /> : this.props.children;
  }
}

function PageError() {
  const { t } = useI18n();
  return (
    <Result
      status="error"
      title={t('app.renderError')}
      extra={
        <Button type="primary" onClick={() => location.reload()}>
          {t('app.retry')}
        </Button>
      }
    />
  );
}
