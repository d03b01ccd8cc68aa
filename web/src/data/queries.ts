/**
 * Every Firestore read the console makes: document references and queries, in one module (like
 * friendlyeats-web). Clients only read (and add themselves to an alert's readBy); every other
 * write goes through a callable.
 *
 * List queries carry exactly the filter that firestore.rules needs to prove the whole result
 * readable (a rule is not a filter). CONSOLE_QUERIES (data in ./query-specs.ts, re-exported
 * here) describes each query so test/unit/indexes.test.ts can check it against
 * firestore.indexes.json; add the spec with the builder.
 *
 * This module imports only types from the domain and nothing but firebase/firestore at run time,
 * so a Node test can import it without the console's aliases. Converters are applied by the
 * callers (./convert.ts, ./hooks.ts).
 */
import { type Claims, isUnitRole } from '@domain';
import {
  type DocumentData,
  type DocumentReference,
  type Firestore,
  type Query,
  type QueryConstraint,
  type QueryDocumentSnapshot,
  Timestamp,
  collection,
  doc,
  limit,
  orderBy,
  query,
  startAfter,
  where,
} from 'firebase/firestore';
import {
  BOARD_FILTERS,
  FOLLOWUP_SCOPES,
  SUPERVISION_SCOPES,
  type BoardFilterField,
  type BoardSort,
  type ConsoleQueryName,
  type ScopeField,
  UPDATED_FILTERS,
  boardQueryName,
  followupQueryName,
  overdueQueryName,
  supervisionQueryName,
} from './query-specs';
import {
  ALERTS_LIMIT,
  BOARD_PAGE_SIZE,
  DEADLINE_LIST_LIMIT,
  FOLLOWUP_LIMIT,
  REQUESTS_LIMIT,
  SUPERVISION_LIMIT,
  TYPICAL_LIMIT,
  SIGNALS_LIMIT,
  USERS_PAGE_SIZE,
  VERSIONS_LIMIT,
  VISITS_LIMIT,
} from './budget';

export { CONSOLE_QUERIES, FOLLOWUP_SCOPES, SUPERVISION_SCOPES, type ConsoleQuery, type ConsoleQueryName } from './query-specs';
export type { BoardFilterField, BoardSort, ScopeField } from './query-specs';

/** Which cases a role's board lists, mirroring canReadCase in firestore.rules / domain/access.ts. */
export type BoardScope =
  | { kind: 'scope'; field: ScopeField; value: string }
  | { kind: 'none'; reason: 'admin' | 'resident' | 'incomplete' };
export type ListableScope = Extract<BoardScope, { kind: 'scope' }>;

const NO_SCOPE = { kind: 'none', reason: 'incomplete' } as const;

function scoped(field: ScopeField, value: string | undefined): BoardScope {
  return value ? { kind: 'scope', field, value } : NO_SCOPE;
}

export function boardScope(claims: Claims, uid: string): BoardScope {
  switch (claims.r) {
    case 'county_staff':
    case 'leader':
    case 'town_staff':
    case 'village_staff':
    case 'grid_worker':
      // The cases the unit has a relation to: its territory up to each case's tier, and 督办件.
      return scoped('accessUnits', claims.u);
    case 'department_officer':
      return scoped('accessDepartments', claims.d);
    case 'mediator':
      return scoped('accessUids', uid || undefined);
    case 'admin':
      return { kind: 'none', reason: 'admin' };
    case 'resident':
      return { kind: 'none', reason: 'resident' };
    default:
      return NO_SCOPE;
  }
}

function scopeFilter(scope: ListableScope): QueryConstraint {
  return where(scope.field, 'array-contains', scope.value);
}

// ── the case board ─────────────────────────────────────────────────────────────────────────

export interface BoardParams {
  sort: BoardSort;
  /** At most one equality filter besides the scope. */
  filter: { field: BoardFilterField; value: string } | null;
  /** Only overdue cases (the case's `overdue` flag), newest first; no other filter. */
  overdue: boolean;
}

/** The filters a scope/sort combination supports (each has a composite index). */
export function boardFilters(scope: ScopeField, sort: BoardSort): readonly BoardFilterField[] {
  return sort === 'deadline' ? BOARD_FILTERS[scope] : UPDATED_FILTERS;
}

/** Brings parameters into the supported set (a filter a scope does not offer is dropped). */
export function normaliseBoardParams(scope: ScopeField, p: BoardParams): BoardParams {
  if (p.overdue) return { sort: 'updated', filter: null, overdue: true };
  const filter = p.filter && boardFilters(scope, p.sort).includes(p.filter.field) ? p.filter : null;
  return { sort: p.sort, filter, overdue: false };
}

/** Cases with no running clock have nextDeadlineAt = null; a range on the field leaves them out. */
const EPOCH = Timestamp.fromMillis(0);

/** board.*: one page of the role-scoped case board (one extra document tells whether a next page exists). */
export function boardQuery(
  db: Firestore,
  scope: ListableScope,
  p: BoardParams,
  after: QueryDocumentSnapshot | null,
  pageSize = BOARD_PAGE_SIZE,
): { name: ConsoleQueryName; q: Query<DocumentData> } {
  const n = normaliseBoardParams(scope.field, p);
  const cs: QueryConstraint[] = [scopeFilter(scope)];
  if (n.overdue) cs.push(where('overdue', '==', true));
  if (n.filter) cs.push(where(n.filter.field, '==', n.filter.value));
  if (n.sort === 'deadline') cs.push(where('nextDeadlineAt', '>', EPOCH), orderBy('nextDeadlineAt', 'asc'));
  else cs.push(orderBy('updatedAt', 'desc'));
  if (after) cs.push(startAfter(after));
  cs.push(limit(pageSize + 1));
  const name = n.overdue ? overdueQueryName(scope.field) : boardQueryName(scope.field, n.sort, n.filter?.field ?? null);
  return { name, q: query(collection(db, 'cases'), ...cs) };
}

/**
 * The dashboard's lists. Overdue (board.overdue.{scope}): cases the functions flag `overdue`
 * (open, with a breached limit), most recently changed first. Due soon (board.deadline.{scope}):
 * next deadline after `now` and up to `horizon`, soonest first.
 */
export function deadlineListQuery(
  db: Firestore,
  scope: ListableScope,
  kind: 'overdue' | 'dueSoon',
  now: Date,
  horizon: Date,
  max: number = DEADLINE_LIST_LIMIT,
): Query<DocumentData> {
  if (kind === 'overdue')
    return query(collection(db, 'cases'), scopeFilter(scope), where('overdue', '==', true), orderBy('updatedAt', 'desc'), limit(max));
  const range = [where('nextDeadlineAt', '>', Timestamp.fromDate(now)), where('nextDeadlineAt', '<=', Timestamp.fromDate(horizon))];
  return query(collection(db, 'cases'), scopeFilter(scope), ...range, orderBy('nextDeadlineAt', 'asc'), limit(max));
}

/** case.events: a case's history in order. */
export function caseEventsQuery(db: Firestore, caseId: string): Query<DocumentData> {
  return query(collection(db, 'cases', caseId, 'events'), orderBy('seq', 'asc'));
}

// ── dashboard, alerts, requests ────────────────────────────────────────────────────────────

/** counters.byUnit: the shards of one unit's counters (≤ 16 for a county, 4 a town, 1 below). */
export function countersQuery(db: Firestore, unitId: string): Query<DocumentData> {
  return query(collection(db, 'counters'), where('unitId', '==', unitId));
}

export type AlertRecipient = 'recipientUnit' | 'recipientUid' | 'recipientDept';

/** Which alert queries a user runs (firestore.rules alertForMe), with the value each filters on. */
export function alertRecipients(claims: Claims, uid: string): { field: AlertRecipient; value: string }[] {
  const out: { field: AlertRecipient; value: string }[] = [];
  if (isUnitRole(claims.r)) out.push({ field: 'recipientUnit', value: claims.u });
  out.push({ field: 'recipientUid', value: uid });
  if (claims.r === 'department_officer' && claims.d) out.push({ field: 'recipientDept', value: claims.d });
  return out;
}

/** alerts.{recipient}: newest first. */
export function alertsQuery(db: Firestore, r: { field: AlertRecipient; value: string }, max = ALERTS_LIMIT): Query<DocumentData> {
  return query(collection(db, 'alerts'), where(r.field, '==', r.value), orderBy('createdAt', 'desc'), limit(max));
}

/** requests.mine: a resident's own requests, newest first. */
export function myRequestsQuery(db: Firestore, uid: string): Query<DocumentData> {
  return query(collection(db, 'requests'), where('residentUid', '==', uid), orderBy('updatedAt', 'desc'), limit(REQUESTS_LIMIT));
}

// ── org model and administration ──────────────────────────────────────────────────────────

/** regions.byParent: the towns of a county, or the villages of a town. */
export function regionsByParentQuery(db: Firestore, countyId: string, parentId: string): Query<DocumentData> {
  return query(collection(db, 'regions'), where('countyId', '==', countyId), where('parentId', '==', parentId));
}

/** regions.areaChildren: the cities of a province or the counties of a city (upper-tier users). */
export function areaChildrenQuery(db: Firestore, parentId: string): Query<DocumentData> {
  return query(collection(db, 'regions'), where('parentId', '==', parentId));
}

/** grids.byVillage: the grids of a village. */
export function gridsByVillageQuery(db: Firestore, countyId: string, villageId: string): Query<DocumentData> {
  return query(collection(db, 'grids'), where('countyId', '==', countyId), where('villageId', '==', villageId));
}

/** departments.byCounty: a county's departments. */
export function departmentsQuery(db: Firestore, countyId: string): Query<DocumentData> {
  return query(collection(db, 'departments'), where('countyId', '==', countyId));
}

/** users.byCounty: an administrator's users, by name, one page. */
export function usersQuery(db: Firestore, countyId: string, after: QueryDocumentSnapshot | null): Query<DocumentData> {
  const cs: QueryConstraint[] = [where('countyId', '==', countyId), orderBy('displayName', 'asc')];
  if (after) cs.push(startAfter(after));
  cs.push(limit(USERS_PAGE_SIZE + 1));
  return query(collection(db, 'users'), ...cs);
}

/** staff.byCounty: the county's staff directory (name, title, unit, role; no phone). */
export function staffQuery(db: Firestore, countyId: string): Query<DocumentData> {
  return query(collection(db, 'staff'), where('countyId', '==', countyId));
}

/** calendarYears.all: the imported holiday schedules (one small document per year). */
export function calendarYearsQuery(db: Firestore): Query<DocumentData> {
  return collection(db, 'calendarYears');
}

// ── leader duty (领导接访) ─────────────────────────────────────────────────────────────────

/** rosters.versions: a unit's published versions starting on or before `lastDay`, latest first (they never overlap). */
export function rosterVersionsQuery(db: Firestore, unitId: string, lastDay: string): Query<DocumentData> {
  return query(collection(db, 'rosters', unitId, 'versions'), where('from', '<=', lastDay), orderBy('from', 'desc'), limit(VERSIONS_LIMIT));
}

/** rosters.changes: a unit's leave and swap requests (all of them: their approved effects make the roster). */
export function rosterChangesQuery(db: Firestore, unitId: string): Query<DocumentData> {
  return collection(db, 'rosters', unitId, 'changes');
}

/** supervision.{scope}: cases in scope with 督办件, most recently changed first. */
export function supervisionQuery(db: Firestore, scope: ListableScope): { name: ConsoleQueryName; q: Query<DocumentData> } {
  if (!SUPERVISION_SCOPES.includes(scope.field)) throw new Error(`no 督办 list for scope ${scope.field}`);
  return {
    name: supervisionQueryName(scope.field),
    q: query(
      collection(db, 'cases'),
      scopeFilter(scope),
      where('supervised', '==', true),
      orderBy('updatedAt', 'desc'),
      limit(SUPERVISION_LIMIT),
    ),
  };
}

/** linkages.byCounty: every leader's linked town and villages (挂点). */
export function linkagesQuery(db: Firestore, countyId: string): Query<DocumentData> {
  return query(collection(db, 'linkages'), where('countyId', '==', countyId));
}

/** visits.byCounty: linkage visit logs, latest visit date first. */
export function visitsQuery(db: Firestore, countyId: string): Query<DocumentData> {
  return query(collection(db, 'visits'), where('countyId', '==', countyId), orderBy('date', 'desc'), limit(VISITS_LIMIT));
}

// ── statistics (统计) ──────────────────────────────────────────────────────────────────────

/** stats.unitMonths: a unit's month documents from `fromMonth` to `toMonth` (YYYY-MM), in order. */
export function statsMonthsQuery(db: Firestore, unitId: string, fromMonth: string, toMonth: string): Query<DocumentData> {
  return query(
    collection(db, 'statsPeriods'),
    where('unitId', '==', unitId),
    where('kind', '==', 'month'),
    where('period', '>=', fromMonth),
    where('period', '<=', toMonth),
    orderBy('period', 'asc'),
  );
}

/** stats.today: a unit's day shards (statsDays/{unitId}_{day}__{shard}), live. */
export function statsTodayQuery(db: Firestore, unitId: string, day: string): Query<DocumentData> {
  return query(collection(db, 'statsDays'), where('unitId', '==', unitId), where('period', '==', day));
}

/**
 * followups.{scope}: resolved or closed cases in scope with a running clock (a 回访 or 回头看 clock,
 * mostly; the page shows those), by next deadline: still to come, or already passed. Cases with
 * no running clock have nextDeadlineAt = null and are left out by the range. One page (and one
 * extra document that tells whether a next page exists), cursor-paginated like the board.
 */
export function followupsQuery(
  db: Firestore,
  scope: ListableScope,
  due: 'upcoming' | 'overdue',
  now: Date,
  after: QueryDocumentSnapshot | null = null,
  pageSize = FOLLOWUP_LIMIT,
): { name: ConsoleQueryName; q: Query<DocumentData> } {
  if (!FOLLOWUP_SCOPES.includes(scope.field)) throw new Error(`no follow-up list for scope ${scope.field}`);
  const at = Timestamp.fromDate(now);
  // Upcoming: the next deadline after now, soonest first. Overdue: the longest overdue first.
  const range =
    due === 'upcoming' ? [where('nextDeadlineAt', '>', at)] : [where('nextDeadlineAt', '>', EPOCH), where('nextDeadlineAt', '<=', at)];
  return {
    name: followupQueryName(scope.field),
    q: query(
      collection(db, 'cases'),
      scopeFilter(scope),
      where('state', 'in', ['resolved', 'closed']),
      ...range,
      orderBy('nextDeadlineAt', 'asc'),
      ...(after ? [startAfter(after)] : []),
      limit(pageSize + 1),
    ),
  };
}

/** typicalCases.byCounty: the county's typical cases (典型案例), newest first. */
export function typicalCasesQuery(db: Firestore, countyId: string): Query<DocumentData> {
  return query(collection(db, 'typicalCases'), where('countyId', '==', countyId), orderBy('publishedAt', 'desc'), limit(TYPICAL_LIMIT));
}

// ── legal chain (issue 13) ─────────────────────────────────────────────────────────────────

/** referrals.department / sentToCourt.department: cases a department referred, or that were sent to it. */
export function departmentReferralsQuery(
  db: Firestore,
  departmentId: string,
  which: 'origin' | 'sentToCourt',
  max: number,
): { name: ConsoleQueryName; q: Query<DocumentData> } {
  return {
    name: which === 'origin' ? 'referrals.department' : 'sentToCourt.department',
    q: query(
      collection(db, 'cases'),
      where('accessDepartments', 'array-contains', departmentId),
      where(`${which}.departmentId`, '==', departmentId),
      orderBy('updatedAt', 'desc'),
      limit(max),
    ),
  };
}

/** courtFilings.byCounty: a county's court filing input for one month (分流率). */
export function courtFilingsQuery(db: Firestore, countyId: string, month: string): Query<DocumentData> {
  return query(collection(db, 'courtFilings'), where('countyId', '==', countyId), where('month', '==', month));
}

/** courtFilings.byCourt: one court's own entries, latest month first. */
export function courtOwnFilingsQuery(db: Firestore, courtId: string, max = 24): Query<DocumentData> {
  return query(collection(db, 'courtFilings'), where('courtId', '==', courtId), orderBy('month', 'desc'), limit(max));
}

// ── single documents ───────────────────────────────────────────────────────────────────────

export const docs = {
  case: (db: Firestore, caseId: string): DocumentReference => doc(db, 'cases', caseId),
  /** Parties' personal data: readable only by those handling the case. */
  caseParties: (db: Firestore, caseId: string): DocumentReference => doc(db, 'cases', caseId, 'private', 'parties'),
  user: (db: Firestore, uid: string): DocumentReference => doc(db, 'users', uid),
  userMeta: (db: Firestore, uid: string): DocumentReference => doc(db, 'userMeta', uid),
  /** One person of the county's staff directory: name, title, unit. */
  staff: (db: Firestore, uid: string): DocumentReference => doc(db, 'staff', uid),
  region: (db: Firestore, code: string): DocumentReference => doc(db, 'regions', code),
  grid: (db: Firestore, code: string): DocumentReference => doc(db, 'grids', code),
  department: (db: Firestore, id: string): DocumentReference => doc(db, 'departments', id),
  alert: (db: Firestore, id: string): DocumentReference => doc(db, 'alerts', id),
  policy: (db: Firestore, countyId: string): DocumentReference => doc(db, 'policies', countyId),
  calendarYear: (db: Firestore, year: number): DocumentReference => doc(db, 'calendarYears', String(year)),
  /** A unit's rotations (RosterConfig): staff and leaders of the unit and above. */
  roster: (db: Firestore, unitId: string): DocumentReference => doc(db, 'rosters', unitId),
  /** Who receives visitors, the next 35 days: names and titles only, public. */
  publicDuty: (db: Firestore, unitId: string): DocumentReference => doc(db, 'publicDuty', unitId),
  statsPeriod: (db: Firestore, unitId: string, period: string): DocumentReference => doc(db, 'statsPeriods', `${unitId}_${period}`),
  typicalCase: (db: Firestore, caseId: string): DocumentReference => doc(db, 'typicalCases', caseId),
  /** One case's mediation (registry mediator, agreement, 司法确认, 履行): those who read the case. */
  mediation: (db: Firestore, caseId: string): DocumentReference => doc(db, 'mediations', caseId),
  /** A unit's monthly signal figures (raised, handled, 重访, 越级访): staff of the unit and above. */
  signalFigures: (db: Firestore, unitId: string, month: string): DocumentReference => doc(db, 'signalFigures', `${unitId}_${month}`),
};

// ── mediation (调解) ───────────────────────────────────────────────────────────────────────

/** mediationOrgs.byCounty: the county's mediation organisations (sorted by the console). */
export function mediationOrgsQuery(db: Firestore, countyId: string): Query<DocumentData> {
  return query(collection(db, 'mediationOrgs'), where('countyId', '==', countyId));
}
/** mediators.byCounty: the county's mediators (sorted and searched by the console). */
export function mediatorsQuery(db: Firestore, countyId: string): Query<DocumentData> {
  return query(collection(db, 'mediators'), where('countyId', '==', countyId));
}
/** case.sessions: a case's mediation sessions, in order. */
export function caseSessionsQuery(db: Firestore, caseId: string): Query<DocumentData> {
  return query(collection(db, 'cases', caseId, 'sessions'), orderBy('at', 'asc'));
}

// ── risk signals (风险信号) ──────────────────────────────────────────────────────────────────

/** signals.byUnit: the signals of a unit (and below), newest first. */
export function signalsQuery(db: Firestore, unitId: string): Query<DocumentData> {
  return query(collection(db, 'signals'), where('units', 'array-contains', unitId), orderBy('raisedAt', 'desc'), limit(SIGNALS_LIMIT));
}
