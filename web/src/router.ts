/**
 * A small hash router (no dependency): URLs work on any static host and with Firebase Hosting's
 * rewrite alike.
 *   #/                 the role's home (dashboard, board, department view or "my requests")
 *   #/dashboard        一图统览
 *   #/dashboard/{code} a city's or province's user: the overview of a city or county of the area (drill-down, issue 16)
 *   #/map              一张图 (the territory on a map: towns → villages → grids, by layer)
 *   #/wall?theme=…     大屏: the overview for a wall screen (theme=dark|light)
 *   #/board?…          case board (query: f=field:value, overdue=1, sort=updated)
 *   #/report           report a case (staff)
 *   #/cases/{caseId}   case detail
 *   #/department       部门工作台 (department officers)
 *   #/alerts           alerts inbox
 *   #/admin[/{tab}]    administration (users, grids, departments, policy, calendar)
 *   #/my, #/my/new     a resident's requests, and a new one
 *   #/duty[/{tab}]?…   领导接访 (roster, changes, walk-in, 督办, linkage visits; query: unit, month)
 *   #/stats[/{tab}]?…  统计分析 (figures, follow-up tasks; query: unit, period)
 *   #/typical          典型案例
 *   #/patrol           网格巡查 (a grid worker's patrol form; a unit's coverage)
 *   #/signals          研判 · 风险信号 (town and county staff, leaders)
 *   #/meetings?signal=…  研判 · 会议 (meetings, agenda, minutes, decisions → tasks; village staff: their tasks;
 *                      `signal`: open the new-meeting form with that signal picked)
 *   #/meetings/{id}    a meeting's minutes (会议纪要), to print (A4)
 *   #/keypersons       重点人员/重点部位 (the registry; visits; personal data through the audited callable)
 *   #/search?q=…       案件查询 (case number, title words, a party's name or phone)
 *   #/cases/{id}/receipt, #/cases/{id}/form   受理回执 and 案件登记表, to print (A4)
 *   #/cases/{id}/agreement   人民调解协议书, to print (A4)
 *   #/notices/{id}     预警提示单, to print (A4)
 *   #/my?case={id}     a resident's request (the receipt's QR code, 一案一码)
 * Anything else renders "not found" inside the shell.
 */
import { useSyncExternalStore } from 'react';

export const ADMIN_TABS = ['users', 'grids', 'departments', 'policy', 'calendar', 'courts', 'mediation'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];
export const DUTY_TABS = ['roster', 'changes', 'walkin', 'supervision', 'visits'] as const;
export type DutyTab = (typeof DUTY_TABS)[number];
export const STATS_TABS = ['figures', 'followups'] as const;
export type StatsTab = (typeof STATS_TABS)[number];

export type Route =
  | { name: 'home' }
  | { name: 'dashboard'; unit?: string }
  | { name: 'map' }
  | { name: 'wall'; query?: Record<string, string> }
  | { name: 'board'; query?: Record<string, string> }
  | { name: 'report' }
  | { name: 'case'; id: string }
  | { name: 'department' }
  | { name: 'alerts' }
  | { name: 'admin'; tab: AdminTab }
  | { name: 'my'; query?: Record<string, string> }
  | { name: 'search'; query?: Record<string, string> }
  | { name: 'print'; id: string; doc: PrintDoc }
  | { name: 'myNew' }
  | { name: 'duty'; tab: DutyTab; query?: Record<string, string> }
  | { name: 'stats'; tab: StatsTab; query?: Record<string, string> }
  | { name: 'typical' }
  | { name: 'patrol' }
  | { name: 'signals' }
  | { name: 'keypersons' }
  | { name: 'notice'; id: string }
  | { name: 'meetings'; query?: Record<string, string> }
  | { name: 'meeting'; id: string }
  | { name: 'notFound'; path: string };

export type RouteName = Route['name'];

/** What a case prints: the petitioner's receipt (受理回执), the registration form (案件登记表), the 人民调解协议书. */
export const PRINT_DOCS = ['receipt', 'form', 'agreement'] as const;
export type PrintDoc = (typeof PRINT_DOCS)[number];

function parseQuery(q: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(q)) out[k] = v;
  return out;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const path = pathPart.replace(/\/+$/, '') || '/';
  switch (path) {
    case '/':
      return { name: 'home' };
    case '/dashboard':
      return { name: 'dashboard' };
    case '/map':
      return { name: 'map' };
    case '/wall':
      return { name: 'wall', query: parseQuery(queryPart) };
    case '/board':
      return { name: 'board', query: parseQuery(queryPart) };
    case '/report':
      return { name: 'report' };
    case '/department':
      return { name: 'department' };
    case '/alerts':
      return { name: 'alerts' };
    case '/admin':
      return { name: 'admin', tab: 'users' };
    case '/my':
      return { name: 'my', query: parseQuery(queryPart) };
    case '/search':
      return { name: 'search', query: parseQuery(queryPart) };
    case '/my/new':
      return { name: 'myNew' };
    case '/duty':
      return { name: 'duty', tab: 'roster', query: parseQuery(queryPart) };
    case '/stats':
      return { name: 'stats', tab: 'figures', query: parseQuery(queryPart) };
    case '/typical':
      return { name: 'typical' };
    case '/patrol':
      return { name: 'patrol' };
    case '/signals':
      return { name: 'signals' };
    case '/keypersons':
      return { name: 'keypersons' };
    case '/meetings':
      return { name: 'meetings', query: parseQuery(queryPart) };
  }
  const duty = /^\/duty\/([a-z]+)$/.exec(path);
  if (duty && (DUTY_TABS as readonly string[]).includes(duty[1]!))
    return { name: 'duty', tab: duty[1] as DutyTab, query: parseQuery(queryPart) };
  const stats = /^\/stats\/([a-z]+)$/.exec(path);
  if (stats && (STATS_TABS as readonly string[]).includes(stats[1]!))
    return { name: 'stats', tab: stats[1] as StatsTab, query: parseQuery(queryPart) };
  // A city's or province's overview drilled into a city (4 digits) or a county (6) of the area.
  const dash = /^\/dashboard\/(\d{4}|\d{6})$/.exec(path);
  if (dash) return { name: 'dashboard', unit: dash[1]! };
  const admin = /^\/admin\/([a-z]+)$/.exec(path);
  if (admin && (ADMIN_TABS as readonly string[]).includes(admin[1]!)) return { name: 'admin', tab: admin[1] as AdminTab };
  const p = /^\/cases\/([^/?#]+)\/(receipt|form|agreement)$/.exec(path);
  if (p) {
    try {
      return { name: 'print', id: decodeURIComponent(p[1]!), doc: p[2] as PrintDoc };
    } catch {
      return { name: 'notFound', path };
    }
  }
  const nt = /^\/notices\/([^/?#]+)$/.exec(path);
  if (nt) {
    try {
      return { name: 'notice', id: decodeURIComponent(nt[1]!) };
    } catch {
      return { name: 'notFound', path };
    }
  }
  const mt = /^\/meetings\/([^/?#]+)$/.exec(path);
  if (mt) {
    try {
      return { name: 'meeting', id: decodeURIComponent(mt[1]!) };
    } catch {
      return { name: 'notFound', path };
    }
  }
  const m = /^\/cases\/([^/?#]+)$/.exec(path);
  if (m) {
    try {
      return { name: 'case', id: decodeURIComponent(m[1]!) };
    } catch {
      return { name: 'notFound', path };
    }
  }
  return { name: 'notFound', path };
}

function queryString(query: Record<string, string> | undefined): string {
  return query && Object.keys(query).length ? `?${new URLSearchParams(query).toString()}` : '';
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'dashboard':
      return route.unit ? `#/dashboard/${route.unit}` : '#/dashboard';
    case 'map':
      return '#/map';
    case 'wall':
      return `#/wall${queryString(route.query)}`;
    case 'board':
      return `#/board${queryString(route.query)}`;
    case 'report':
      return '#/report';
    case 'case':
      return `#/cases/${encodeURIComponent(route.id)}`;
    case 'department':
      return '#/department';
    case 'alerts':
      return '#/alerts';
    case 'admin':
      return `#/admin/${route.tab}`;
    case 'my':
      return `#/my${queryString(route.query)}`;
    case 'search':
      return `#/search${queryString(route.query)}`;
    case 'print':
      return `#/cases/${encodeURIComponent(route.id)}/${route.doc}`;
    case 'myNew':
      return '#/my/new';
    case 'duty':
      return `#/duty/${route.tab}${queryString(route.query)}`;
    case 'stats':
      return `#/stats/${route.tab}${queryString(route.query)}`;
    case 'typical':
      return '#/typical';
    case 'patrol':
      return '#/patrol';
    case 'signals':
      return '#/signals';
    case 'keypersons':
      return '#/keypersons';
    case 'notice':
      return `#/notices/${encodeURIComponent(route.id)}`;
    case 'meetings':
      return `#/meetings${queryString(route.query)}`;
    case 'meeting':
      return `#/meetings/${encodeURIComponent(route.id)}`;
    case 'notFound':
      return `#${route.path}`;
  }
}

export function navigate(route: Route, opts: { replace?: boolean } = {}) {
  const href = hrefFor(route);
  if (opts.replace) {
    history.replaceState(history.state, '', href);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = href.slice(1);
  }
}

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current hash (a stable string: components memoise on it). */
export function useHash(): string {
  return useSyncExternalStore(subscribe, () => location.hash);
}

export function useRoute(): Route {
  return parseHash(useHash());
}

/** The page part of a route, without its query: remounts pages on navigation, not on filter changes. */
export function pageKey(route: Route): string {
  if (route.name === 'board' || route.name === 'wall') return `#/${route.name}`;
  // The duty and statistics pages keep their tab bar mounted; only the tab below it changes.
  if (route.name === 'duty') return '#/duty';
  if (route.name === 'stats') return '#/stats';
  return hrefFor(route);
}
