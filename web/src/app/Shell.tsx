/** The signed-in layout: header (user, role, unit, alerts, language, sign-out), navigation by role, routed page. */
import { type Claims, hasCaseBoard, seesOwnUnit } from '@domain';
import { App as AntApp, Badge, Button, Layout, Result, Spin, Tag } from 'antd';
import { Component, type ErrorInfo, type ReactNode, Suspense, lazy, useEffect, useRef } from 'react';
import { canReport, useSession } from '../auth/session';
import { OfflineBanner, OutboxButton } from '../components/Outbox';
import { kindOfUnit, useAlertFeed, useEntityName } from '../data/hooks';
import { readsKeyPersons } from '../data/keyperson-hooks';
import { useCriticalNotifications } from '../data/notify';
import { fb } from '../firebase';
import { type MessageKey, useI18n, useLabels, withDictionary } from '../i18n';
import { type Route, type RouteName, hrefFor, navigate, pageKey, useRoute } from '../router';

const BoardPage = lazy(() => withDictionary(import('../pages/BoardPage'), ['board']));
const DashboardPage = lazy(() => withDictionary(import('../pages/DashboardPage'), ['dash', 'meetings']));
const WallPage = lazy(() => withDictionary(import('../pages/WallPage'), ['dash', 'map']));
const MapPage = lazy(() => withDictionary(import('../pages/map/MapPage'), ['map']));
const ReportPage = lazy(() => withDictionary(import('../pages/ReportPage'), ['case']));
const PhoneReport = lazy(() => import('../phone/PhoneReport'));
const CaseDetailPage = lazy(() => withDictionary(import('../pages/CaseDetailPage'), ['case', 'actions', 'admin']));
const DepartmentPage = lazy(() => withDictionary(import('../pages/DepartmentPage'), ['meetings', 'actions']));
const AlertsPage = lazy(() => import('../pages/AlertsPage'));
const AdminPage = lazy(() => withDictionary(import('../pages/admin/AdminPage'), ['admin', 'case', 'patrol', 'actions']));
const ResidentPage = lazy(() => withDictionary(import('../pages/ResidentPage'), ['resident']));
const DutyPage = lazy(() => withDictionary(import('../pages/duty/DutyPage'), ['duty', 'case', 'actions']));
const StatsPage = lazy(() => withDictionary(import('../pages/stats/StatsPage'), ['stats', 'dash', 'actions']));
const TypicalCasesPage = lazy(() => withDictionary(import('../pages/TypicalCasesPage'), ['case']));
const SignalsPage = lazy(() => withDictionary(import('../pages/SignalsPage'), ['meetings']));
const MeetingsPage = lazy(() => withDictionary(import('../pages/meetings/MeetingsPage'), ['meetings']));
const SearchPage = lazy(() => withDictionary(import('../pages/SearchPage'), ['board']));
const PrintPage = lazy(() => withDictionary(import('../pages/PrintPage'), ['case']));
const PatrolPage = lazy(() => withDictionary(import('../pages/patrol/PatrolPage'), ['patrol']));
const KeyPersonsPage = lazy(() => withDictionary(import('../pages/keypersons/KeyPersonsPage'), ['kp']));
const NoticePrintPage = lazy(() => withDictionary(import('../pages/notices/NoticePrintPage'), ['meetings']));
const MeetingPrintPage = lazy(() => withDictionary(import('../pages/meetings/MeetingPrintPage'), ['meetings']));
const ResidentRegistration = lazy(() => withDictionary(import('../auth/ResidentRegistration'), ['resident']));
const HeaderSearch = lazy(() => withDictionary(import('../pages/SearchPage'), ['board']).then((m) => ({ default: m.HeaderSearch })));

/** Reads cases, so searches them (案件查询): everyone but residents and administrators. */
export const searchesCases = (claims: Claims): boolean => claims.r !== 'resident' && claims.r !== 'admin';

/** 网格巡查: a grid worker's form, or a unit's coverage (those who read patrolDays: firestore.rules seesUnit). */
const patrols = (claims: Claims): boolean =>
  claims.r === 'grid_worker' ||
  claims.r === 'department_officer' ||
  (seesOwnUnit(claims) && ['village_staff', 'town_staff', 'county_staff', 'leader', 'admin'].includes(claims.r));

/** The pages a role may open, in navigation order. */
export function pagesFor(claims: Claims): RouteName[] {
  const r = claims.r;
  const out: RouteName[] = [];
  if (seesOwnUnit(claims)) out.push('dashboard');
  // 一张图: those who see their unit's figures (the counters the map colours by).
  if (seesOwnUnit(claims)) out.push('map');
  if (hasCaseBoard(claims)) out.push('board');
  if (canReport(claims)) out.push('report');
  // 网格巡查: grid workers log patrols; villages, towns, counties see coverage (issue 14).
  if (patrols(claims)) out.push('patrol');
  // 重点人员/重点部位: the responsible grid worker, the centers in scope, the 包保 leader — never departments, mediators, residents, administrators.
  if (readsKeyPersons(claims)) out.push('keypersons');
  if (r === 'department_officer') out.push('department');
  if (r === 'resident') out.push('my', 'myNew');
  // 领导接访: everyone (residents and units below a town see the public roster).
  out.push('duty');
  // 统计: those who see their unit's figures (firestore.rules seesUnit).
  if (seesOwnUnit(claims)) out.push('stats');
  out.push('typical');
  // 研判 · 风险信号: town and county staff and leaders (firestore.rules signals).
  if (r === 'town_staff' || r === 'county_staff' || r === 'leader') out.push('signals');
  // 研判 · 会议: town and county staff and leaders; village staff for the tasks they own (firestore.rules meetings, meetingTasks).
  if (r === 'town_staff' || r === 'county_staff' || r === 'leader' || r === 'village_staff') out.push('meetings');
  if (r !== 'resident') out.push('alerts');
  if (r === 'admin') out.push('admin');
  // Opened from the header's search box, not from the menu.
  if (searchesCases(claims)) out.push('search');
  return out;
}

/**
 * Where "#/" leads: leaders, county staff and administrators start at the overview (一图统览);
 * front-line staff and mediators at their board; departments at their view; residents at their
 * requests.
 */
export function homeOf(claims: Claims): RouteName {
  switch (claims.r) {
    case 'leader':
    case 'county_staff':
    case 'admin':
      return 'dashboard';
    case 'department_officer':
      return 'department';
    case 'resident':
      return 'my';
    default:
      return 'board';
  }
}

const NAV_LABEL: Partial<Record<RouteName, MessageKey>> = {
  dashboard: 'nav.dashboard',
  map: 'nav.map',
  board: 'nav.board',
  report: 'nav.report',
  department: 'nav.department',
  alerts: 'nav.alerts',
  admin: 'nav.admin',
  my: 'nav.my',
  myNew: 'nav.myNew',
  duty: 'nav.duty',
  stats: 'nav.stats',
  typical: 'nav.typical',
  patrol: 'nav.patrol',
  signals: 'nav.signals',
  keypersons: 'nav.keypersons',
  meetings: 'nav.meetings',
};

function routeOf(name: RouteName): Route {
  switch (name) {
    case 'admin':
      return { name: 'admin', tab: 'users' };
    case 'duty':
      return { name: 'duty', tab: 'roster' };
    case 'stats':
      return { name: 'stats', tab: 'figures' };
    default:
      return { name } as Route;
  }
}

export function Shell() {
  const { t } = useI18n();
  const { session } = useSession();
  const route = useRoute();
  const { message } = AntApp.useApp();
  const signedIn = session.status === 'signedIn' ? session : null;
  const claims = signedIn?.claims ?? null;

  // Say so when the server changed this user's permissions while signed in.
  const revision = signedIn?.claimsRevision ?? 0;
  const seen = useRef(revision);
  useEffect(() => {
    if (revision > seen.current) message.info(t('session.refreshed'));
    seen.current = revision;
  }, [revision, message, t]);

  // A new page starts at the top (filter changes on the board do not scroll).
  const key = pageKey(route);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by value (a string key of the inputs), so a new object with the same content does not re-subscribe
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [key]);

  const pages = claims ? pagesFor(claims) : [];
  const home = claims ? homeOf(claims) : 'board';
  // 大屏: the overview alone on the screen, without header and navigation (wall (issue 12)).
  if (route.name === 'wall' && claims && pages.includes('dashboard'))
    return (
      <PageBoundary key={key}>
        <Suspense fallback={<PageLoading />}>
          <WallPage query={route.query ?? {}} />
        </Suspense>
      </PageBoundary>
    );
  const current: RouteName =
    route.name === 'home'
      ? home
      : route.name === 'case' || route.name === 'print'
        ? pages.includes('board')
          ? 'board'
          : home
        : route.name;

  return (
    <Layout className="shell">
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link; the hash router would treat #main as a route, so it focuses the main region itself */}
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          return document.getElementById('main')?.focus();
        }}
      >
        {t('nav.skip')}
      </a>
      <ShellHeader />
      {claims && (
        <nav className="shell-nav" aria-label={t('nav.main')}>
          <div className="shell-nav-inner">
            {pages.map((name) => {
              if (!NAV_LABEL[name]) return null;
              const active = name === current;
              return (
                <a
                  key={name}
                  href={hrefFor(routeOf(name))}
                  className={active ? 'nav-link active' : 'nav-link'}
                  aria-current={active ? 'page' : undefined}
                  data-testid={`nav-${name}`}
                >
                  {t(NAV_LABEL[name]!)}
                  {name === 'alerts' && signedIn && <AlertBadge claims={claims} uid={signedIn.user.uid} />}
                </a>
              );
            })}
          </div>
        </nav>
      )}
      <OfflineBanner />
      <Layout.Content className="shell-content" id="main" tabIndex={-1}>
        {signedIn?.claimsError && <div className="claims-error">{t('session.claimsError', { error: signedIn.claimsError })}</div>}
        <PageBoundary key={key}>
          <Suspense fallback={<PageLoading />}>
            {claims ? (
              <Page route={route} claims={claims} pages={pages} home={home} />
            ) : signedIn?.user.phoneNumber ? (
              // Signed in by phone with no account yet: a resident registers (the case link names the county).
              <ResidentRegistration countyId={countyOfLink(route)} />
            ) : (
              <NoRole />
            )}
          </Suspense>
        </PageBoundary>
      </Layout.Content>
    </Layout>
  );
}

function AlertBadge({ claims, uid }: { claims: Claims; uid: string }) {
  const { t } = useI18n();
  // The inbox's feed (one per user): the badge and the page count the same alerts.
  const feed = useAlertFeed(claims, uid);
  const { unread, status } = feed;
  const text = feed.unreadLabel;
  useCriticalNotifications(feed.alerts, uid, status === 'ready');
  return (
    <span className="nav-badge-wrap" data-testid="alerts-badge" data-state={status} data-count={unread}>
      {unread > 0 && (
        <Badge
          className="nav-badge"
          count={text}
          size="small"
          title={t('alerts.unreadN', { n: text })}
          aria-label={t('alerts.unreadN', { n: text })}
        />
      )}
    </span>
  );
}

function Page({ route, claims, pages, home }: { route: Route; claims: Claims; pages: RouteName[]; home: RouteName }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const name: RouteName = route.name === 'home' ? home : route.name;
  // A case, its print views, a notice and a meeting's minutes are opened by link: the rules decide who reads them.
  if (name !== 'case' && name !== 'print' && name !== 'notice' && name !== 'meeting' && name !== 'notFound' && !pages.includes(name)) {
    return (
      <Result
        status="403"
        title={t('app.forbiddenTitle')}
        subTitle={t('app.forbidden')}
        data-testid="page-forbidden"
        extra={<BackHome />}
      />
    );
  }
  switch (name) {
    case 'dashboard':
      return <DashboardPage unit={route.name === 'dashboard' ? route.unit : undefined} />;
    case 'map':
      return <MapPage />;
    case 'board':
      return <BoardPage />;
    case 'report':
      // A grid worker has one report form, the phone's, in this shell as on the phone's light page.
      return claims.r === 'grid_worker' ? <PhoneReport claims={claims} onToast={(text) => message.success(text)} /> : <ReportPage />;
    case 'case':
      return route.name === 'case' ? <CaseDetailPage caseId={route.id} /> : null;
    case 'department':
      return <DepartmentPage />;
    case 'alerts':
      return <AlertsPage />;
    case 'admin':
      return <AdminPage tab={route.name === 'admin' ? route.tab : 'users'} />;
    case 'my':
      return <ResidentPage focus={route.name === 'my' ? route.query?.case : undefined} />;
    case 'myNew':
      return <ReportPage resident />;
    case 'duty':
      return route.name === 'duty' ? <DutyPage tab={route.tab} query={route.query ?? {}} /> : <DutyPage tab="roster" query={{}} />;
    case 'stats':
      return route.name === 'stats' ? <StatsPage tab={route.tab} query={route.query ?? {}} /> : <StatsPage tab="figures" query={{}} />;
    case 'typical':
      return <TypicalCasesPage />;
    case 'signals':
      return <SignalsPage />;
    case 'search':
      return <SearchPage q={route.name === 'search' ? (route.query?.q ?? '') : ''} />;
    case 'print':
      return route.name === 'print' ? <PrintPage caseId={route.id} doc={route.doc} /> : null;
    case 'patrol':
      return <PatrolPage />;
    case 'keypersons':
      return <KeyPersonsPage />;
    case 'notice':
      return route.name === 'notice' ? <NoticePrintPage noticeId={route.id} /> : null;
    case 'meetings':
      return <MeetingsPage signal={route.name === 'meetings' ? route.query?.signal : undefined} />;
    case 'meeting':
      return route.name === 'meeting' ? <MeetingPrintPage meetingId={route.id} /> : null;
    default:
      return <Result status="404" title={t('app.notFound')} extra={<BackHome />} />;
  }
}

function BackHome() {
  const { t } = useI18n();
  return (
    <Button type="primary" onClick={() => navigate({ name: 'home' }, { replace: true })}>
      {t('app.backHome')}
    </Button>
  );
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
      <a className="brand" href={hrefFor({ name: 'home' })} aria-label={t('app.fullName')}>
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
        {claims && searchesCases(claims) && (
          <Suspense fallback={null}>
            <HeaderSearch />
          </Suspense>
        )}
        <OutboxButton uid={user.uid} />
        <Button size="small" ghost onClick={toggleLocale} data-testid="lang-toggle" aria-label={t('lang.toggleLabel')}>
          {t('lang.toggle')}
        </Button>
        <Button
          size="small"
          ghost
          onClick={() => {
            navigate({ name: 'home' }, { replace: true });
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

/** The county of the case a link opens (a case number starts with its county code), if any. */
function countyOfLink(route: Route): string | undefined {
  const id = route.name === 'my' ? route.query?.case : route.name === 'case' ? route.id : undefined;
  return id && /^\d{6}-/.test(id) ? id.slice(0, 6) : undefined;
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
