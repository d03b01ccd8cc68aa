/**
 * Descriptions of every query the console runs (built in ./queries.ts), for the index coverage
 * test (test/unit/indexes.test.ts). Pure data with no imports, so Node can load it as is.
 * queries.ts re-exports CONSOLE_QUERIES; keep each entry in step with its builder there.
 *
 * The case board's filter combinations are deliberately few (each needs a composite index in
 * production): the role's scope filter, at most ONE further equality filter, and one of two
 * orders — by next deadline (every filter) or by last update (only the state filter, e.g. to
 * look at archived cases) — and "overdue only" (the `overdue` flag, newest first, no other filter).
 */
export type ConsoleQueryName = string;

export interface ConsoleQuery {
  name: ConsoleQueryName;
  /** The collection ID the query runs on (as `collectionGroup` in firestore.indexes.json). */
  collectionGroup: string;
  equality: string[];
  arrayContains?: string;
  /** A field with an inequality (range) filter. */
  range?: string;
  orderBy: { field: string; direction: 'asc' | 'desc' }[];
}

/**
 * The access list a role's board is scoped by (array-contains; the same lists canReadCase in
 * firestore.rules checks): a unit's staff and leaders by `accessUnits`, a department's officers
 * by `accessDepartments`, a mediator by `accessUids`.
 */
export type ScopeField = 'accessUnits' | 'accessDepartments' | 'accessUids';
export const ARRAY_SCOPES: readonly ScopeField[] = ['accessUnits', 'accessDepartments', 'accessUids'];

/** The one extra equality filter a board query may carry. */
export type BoardFilterField = 'state' | 'tier' | 'colour' | 'category' | 'source' | 'unitId';
export type BoardSort = 'deadline' | 'updated';

/** Which filters each scope offers, when sorted by deadline (sorted by update: state only). */
export const BOARD_FILTERS: Record<ScopeField, readonly BoardFilterField[]> = {
  accessUnits: ['state', 'tier', 'colour', 'category', 'source', 'unitId'],
  accessDepartments: ['state'],
  accessUids: ['state'],
};
export const UPDATED_FILTERS: readonly BoardFilterField[] = ['state'];

const scopeName = (scope: ScopeField) => (scope === 'accessDepartments' ? 'department' : scope === 'accessUids' ? 'mine' : 'unit');

/** The name of a board query: `board.{scope}[.{filter}]` by update, `board.deadline.{scope}[.{filter}]` by deadline. */
export function boardQueryName(scope: ScopeField, sort: BoardSort, filter: BoardFilterField | null): ConsoleQueryName {
  return `board.${sort === 'deadline' ? 'deadline.' : ''}${scopeName(scope)}${filter ? `.${filter}` : ''}`;
}

/** The overdue list (dashboard) and the board's "overdue only": `overdue == true`, newest first. */
export function overdueQueryName(scope: ScopeField): ConsoleQueryName {
  return `board.overdue.${scopeName(scope)}`;
}

const NEWEST_FIRST = [{ field: 'updatedAt', direction: 'desc' as const }];
const BY_DEADLINE = [{ field: 'nextDeadlineAt', direction: 'asc' as const }];

function boardSpec(scope: ScopeField, sort: BoardSort, filter: BoardFilterField | null): ConsoleQuery {
  const arr = ARRAY_SCOPES.includes(scope);
  const equality = [...(arr ? [] : [scope]), ...(filter ? [filter] : [])];
  return {
    name: boardQueryName(scope, sort, filter),
    collectionGroup: 'cases',
    equality,
    ...(arr ? { arrayContains: scope } : {}),
    ...(sort === 'deadline' ? { range: 'nextDeadlineAt', orderBy: BY_DEADLINE } : { orderBy: NEWEST_FIRST }),
  };
}

const SCOPES = Object.keys(BOARD_FILTERS) as ScopeField[];

/** Scopes with a 督办 list (the units and departments items are assigned to, and those above). */
export const SUPERVISION_SCOPES: readonly ScopeField[] = ['accessUnits', 'accessDepartments'];
/** Scopes with a follow-up (回访 / 回头看) task list: the territorial chain. */
export const FOLLOWUP_SCOPES: readonly ScopeField[] = ['accessUnits'];

export const supervisionQueryName = (scope: ScopeField): ConsoleQueryName => `supervision.${scopeName(scope)}`;
export const followupQueryName = (scope: ScopeField): ConsoleQueryName => `followups.${scopeName(scope)}`;

export const CONSOLE_QUERIES: ConsoleQuery[] = [
  // Case board, by last update (also the department view), optionally by state.
  ...SCOPES.flatMap((s) => [null, ...UPDATED_FILTERS].map((f) => boardSpec(s, 'updated', f))),
  // Case board by next deadline (and the dashboard's due-soon list, which is the same query with
  // a range on nextDeadlineAt: `board.deadline.{scope}` serves it).
  ...SCOPES.flatMap((s) => [null, ...BOARD_FILTERS[s]].map((f) => boardSpec(s, 'deadline', f))),
  // Overdue cases (the `overdue` flag the functions keep with the clocks), newest first: the
  // dashboard's overdue list and the board's "overdue only".
  ...SCOPES.map((s): ConsoleQuery => {
    const arr = ARRAY_SCOPES.includes(s);
    return {
      name: overdueQueryName(s),
      collectionGroup: 'cases',
      equality: [...(arr ? [] : [s]), 'overdue'],
      ...(arr ? { arrayContains: s } : {}),
      orderBy: NEWEST_FIRST,
    };
  }),
  { name: 'case.events', collectionGroup: 'events', equality: [], orderBy: [{ field: 'seq', direction: 'asc' }] },
  // Dashboard counters: a unit's shards (equality only).
  { name: 'counters.byUnit', collectionGroup: 'counters', equality: ['unitId'], orderBy: [] },
  // Alerts: one query per recipient kind, newest first.
  {
    name: 'alerts.recipientUnit',
    collectionGroup: 'alerts',
    equality: ['recipientUnit'],
    orderBy: [{ field: 'createdAt', direction: 'desc' }],
  },
  {
    name: 'alerts.recipientUid',
    collectionGroup: 'alerts',
    equality: ['recipientUid'],
    orderBy: [{ field: 'createdAt', direction: 'desc' }],
  },
  {
    name: 'alerts.recipientDept',
    collectionGroup: 'alerts',
    equality: ['recipientDept'],
    orderBy: [{ field: 'createdAt', direction: 'desc' }],
  },
  // A resident's own requests.
  { name: 'requests.mine', collectionGroup: 'requests', equality: ['residentUid'], orderBy: [{ field: 'updatedAt', direction: 'desc' }] },
  // Administration.
  { name: 'users.byCounty', collectionGroup: 'users', equality: ['countyId'], orderBy: [{ field: 'displayName', direction: 'asc' }] },
  // The county's staff directory (person pickers, names): equality only, sorted by the console.
  { name: 'staff.byCounty', collectionGroup: 'staff', equality: ['countyId'], orderBy: [] },
  // Equality-only (merged single-field indexes). countyId is there because the rules
  // (sameCounty) require it; the console sorts the results itself.
  { name: 'regions.byParent', collectionGroup: 'regions', equality: ['countyId', 'parentId'], orderBy: [] },
  { name: 'grids.byVillage', collectionGroup: 'grids', equality: ['countyId', 'villageId'], orderBy: [] },
  { name: 'departments.byCounty', collectionGroup: 'departments', equality: ['countyId'], orderBy: [] },
  // calendarYears: the whole (small) collection, no filter.
  { name: 'calendarYears.all', collectionGroup: 'calendarYears', equality: [], orderBy: [] },

  // ── leader duty (领导接访) ──
  // A unit's published roster versions that start by the end of the month on screen, latest
  // first (a handful: versions never overlap), and its leave/swap requests (a few a month).
  { name: 'rosters.versions', collectionGroup: 'versions', equality: [], range: 'from', orderBy: [{ field: 'from', direction: 'desc' }] },
  { name: 'rosters.changes', collectionGroup: 'changes', equality: [], orderBy: [] },
  // 督办: cases in scope with supervised items, newest first.
  ...SUPERVISION_SCOPES.map((s): ConsoleQuery => {
    const arr = ARRAY_SCOPES.includes(s);
    return {
      name: supervisionQueryName(s),
      collectionGroup: 'cases',
      equality: [...(arr ? [] : [s]), 'supervised'],
      ...(arr ? { arrayContains: s } : {}),
      orderBy: NEWEST_FIRST,
    };
  }),
  // Linkages (挂点) and visit logs in the county (the rules need the county filter).
  { name: 'linkages.byCounty', collectionGroup: 'linkages', equality: ['countyId'], orderBy: [] },
  { name: 'visits.byCounty', collectionGroup: 'visits', equality: ['countyId'], orderBy: [{ field: 'date', direction: 'desc' }] },

  // ── statistics (统计) ──
  // A unit's month documents over two years (this year beside last year), by period.
  {
    name: 'stats.unitMonths',
    collectionGroup: 'statsPeriods',
    equality: ['unitId', 'kind'],
    range: 'period',
    orderBy: [{ field: 'period', direction: 'asc' }],
  },
  // Today's live figures: the unit's day shards (equality only).
  { name: 'stats.today', collectionGroup: 'statsDays', equality: ['unitId', 'period'], orderBy: [] },
  // Follow-up tasks: resolved or closed cases in scope with a running clock, soonest first
  // ('in' counts as equality; the same index as the board's state filter by deadline).
  ...FOLLOWUP_SCOPES.map(
    (s): ConsoleQuery => ({
      name: followupQueryName(s),
      collectionGroup: 'cases',
      equality: ['state'],
      arrayContains: s,
      range: 'nextDeadlineAt',
      orderBy: BY_DEADLINE,
    }),
  ),
  // ── legal chain (issue 13) ──
  // A department's referrals (诉调/警调/访调: cases it referred) and the cases sent to it (移送法院),
  // newest first; the scope filter proves them readable (the department is on their access list).
  {
    name: 'referrals.department',
    collectionGroup: 'cases',
    equality: ['origin.departmentId'],
    arrayContains: 'accessDepartments',
    orderBy: NEWEST_FIRST,
  },
  {
    name: 'sentToCourt.department',
    collectionGroup: 'cases',
    equality: ['sentToCourt.departmentId'],
    arrayContains: 'accessDepartments',
    orderBy: NEWEST_FIRST,
  },
  // A county's court filing input (分流率), by month; the court's own officer reads its own.
  { name: 'courtFilings.byCounty', collectionGroup: 'courtFilings', equality: ['countyId', 'month'], orderBy: [] },
  {
    name: 'courtFilings.byCourt',
    collectionGroup: 'courtFilings',
    equality: ['courtId'],
    orderBy: [{ field: 'month', direction: 'desc' }],
  },
  // Typical cases (典型案例) of the county, newest first.
  {
    name: 'typicalCases.byCounty',
    collectionGroup: 'typicalCases',
    equality: ['countyId'],
    orderBy: [{ field: 'publishedAt', direction: 'desc' }],
  },
  // ── 排查 (issue 14): patrols ──
  // A unit's grids for the coverage view (a village's: grids.byVillage above).
  { name: 'grids.byTown', collectionGroup: 'grids', equality: ['countyId', 'townId'], orderBy: [] },
  { name: 'grids.byCounty', collectionGroup: 'grids', equality: ['countyId'], orderBy: [] },
  // A grid's latest patrol logs, newest first (the grid worker's own list, a unit's look at one grid).
  { name: 'patrols.byGrid', collectionGroup: 'patrols', equality: ['gridId'], orderBy: [{ field: 'patrolledAt', direction: 'desc' }] },
  // Hazards (安全隐患) of a unit or grid, and of a department (the hazard desk), latest first.
  {
    name: 'patrolItems.hazardsByUnit',
    collectionGroup: 'patrolItems',
    equality: ['kind'],
    arrayContains: 'units',
    orderBy: [{ field: 'updatedAt', direction: 'desc' }],
  },
  {
    name: 'patrolItems.hazardsByDept',
    collectionGroup: 'patrolItems',
    equality: ['hazardDept'],
    orderBy: [{ field: 'updatedAt', direction: 'desc' }],
  },
  // ── 集中排查 (issue 14): campaigns ──
  // The county's campaigns (tens a year), and a campaign's progress by village: a unit's
  // villages (units array-contains) or a grid worker's village.
  { name: 'campaigns.byCounty', collectionGroup: 'campaigns', equality: ['countyId'], orderBy: [] },
  {
    name: 'campaignProgress.byUnit',
    collectionGroup: 'campaignProgress',
    equality: ['campaignId'],
    arrayContains: 'units',
    orderBy: [],
  },
  { name: 'campaignProgress.byVillage', collectionGroup: 'campaignProgress', equality: ['campaignId', 'villageId'], orderBy: [] },
  // ── mediation (调解) ──
  // The county's registry (tens of entries; the console sorts and searches), a case's sessions.
  { name: 'mediationOrgs.byCounty', collectionGroup: 'mediationOrgs', equality: ['countyId'], orderBy: [] },
  { name: 'mediators.byCounty', collectionGroup: 'mediators', equality: ['countyId'], orderBy: [] },
  { name: 'case.sessions', collectionGroup: 'sessions', equality: [], orderBy: [{ field: 'at', direction: 'asc' }] },
  // ── risk signals (风险信号) ──
  // The signals of one's unit and the units below (its code is in `units`), newest first.
  {
    name: 'signals.byUnit',
    collectionGroup: 'signals',
    equality: [],
    arrayContains: 'units',
    orderBy: [{ field: 'raisedAt', direction: 'desc' }],
  },
  // 预警提示单: the notices one's unit or department issued or received (its ID is in `readers`), newest first.
  {
    name: 'notices.byReader',
    collectionGroup: 'notices',
    equality: [],
    arrayContains: 'readers',
    orderBy: [{ field: 'issuedAt', direction: 'desc' }],
  },
  // ── 重点人员/重点部位 (issue 14): the registry, by who reads it, next visit due first ──
  {
    name: 'keyPersons.byGridWorker',
    collectionGroup: 'keyPersons',
    equality: ['gridWorkerUid'],
    orderBy: [{ field: 'dueAt', direction: 'asc' }],
  },
  { name: 'keyPersons.byLeader', collectionGroup: 'keyPersons', equality: ['leaderUid'], orderBy: [{ field: 'dueAt', direction: 'asc' }] },
  {
    name: 'keyPersons.byUnit',
    collectionGroup: 'keyPersons',
    equality: [],
    arrayContains: 'units',
    orderBy: [{ field: 'dueAt', direction: 'asc' }],
  },
  // A record's visit logs, newest first.
  { name: 'keyPersons.visits', collectionGroup: 'keyVisits', equality: [], orderBy: [{ field: 'visitedAt', direction: 'desc' }] },
  // ── 排查事项 list and 需求清单 (issue 14): one kind of a unit's items, newest first (a date range
  // optional); 涉稳信息 by county (the rules read it by countyId, not by units).
  {
    name: 'patrolItems.byUnitKind',
    collectionGroup: 'patrolItems',
    equality: ['kind'],
    arrayContains: 'units',
    orderBy: [{ field: 'createdAt', direction: 'desc' }],
  },
  {
    name: 'patrolItems.byUnitKindDates',
    collectionGroup: 'patrolItems',
    equality: ['kind'],
    arrayContains: 'units',
    range: 'createdAt',
    orderBy: [{ field: 'createdAt', direction: 'desc' }],
  },
  {
    name: 'patrolItems.stabilityByCountyDates',
    collectionGroup: 'patrolItems',
    equality: ['countyId', 'kind'],
    range: 'createdAt',
    orderBy: [{ field: 'createdAt', direction: 'desc' }],
  },
  // ── 研判 and meetings (issue 15): a unit's meetings (newest date first), the tasks it issued or
  // owns (soonest limit first), a department's tasks ──
  {
    name: 'meetings.byUnit',
    collectionGroup: 'meetings',
    equality: [],
    arrayContains: 'units',
    orderBy: [{ field: 'date', direction: 'desc' }],
  },
  // The dashboard's 研判 panel counts (aggregation, one read per 1,000 entries, not the documents).
  {
    name: 'signals.openByUnit',
    collectionGroup: 'signals',
    equality: ['state'],
    arrayContains: 'units',
    orderBy: [],
  },
  {
    name: 'meetings.byUnitDates',
    collectionGroup: 'meetings',
    equality: [],
    arrayContains: 'units',
    range: 'date',
    orderBy: [{ field: 'date', direction: 'asc' }],
  },
  {
    name: 'meetingTasks.supervisedByUnit',
    collectionGroup: 'meetingTasks',
    equality: ['state', 'supervised'],
    arrayContains: 'units',
    orderBy: [],
  },
  {
    name: 'meetingTasks.byUnit',
    collectionGroup: 'meetingTasks',
    equality: [],
    arrayContains: 'units',
    orderBy: [{ field: 'dueAt', direction: 'asc' }],
  },
  {
    name: 'meetingTasks.byDept',
    collectionGroup: 'meetingTasks',
    equality: ['ownerDept'],
    orderBy: [{ field: 'dueAt', direction: 'asc' }],
  },
  // ── 排查考核 (issue 14): a unit's figure shards of a month (./patrol-figure-hooks.ts) ──
  { name: 'patrolFigures.unitMonth', collectionGroup: 'patrolFigures', equality: ['unitId'], range: 'date', orderBy: [] },
  // ── 一张图 (issue 16): count() per region shown (./map-hooks.ts): hazards not yet rectified
  // (`hazard.state in [...]`, an equality for the index) and active key persons, scoped by the viewer's unit ──
  {
    name: 'map.hazards.town',
    collectionGroup: 'patrolItems',
    equality: ['kind', 'townId', 'hazard.state'],
    arrayContains: 'units',
    orderBy: [],
  },
  {
    name: 'map.hazards.village',
    collectionGroup: 'patrolItems',
    equality: ['kind', 'villageId', 'hazard.state'],
    arrayContains: 'units',
    orderBy: [],
  },
  {
    name: 'map.hazards.grid',
    collectionGroup: 'patrolItems',
    equality: ['kind', 'gridId', 'hazard.state'],
    arrayContains: 'units',
    orderBy: [],
  },
  { name: 'map.keyPersons.town', collectionGroup: 'keyPersons', equality: ['active', 'townId'], arrayContains: 'units', orderBy: [] },
  { name: 'map.keyPersons.village', collectionGroup: 'keyPersons', equality: ['active', 'villageId'], arrayContains: 'units', orderBy: [] },
  { name: 'map.keyPersons.grid', collectionGroup: 'keyPersons', equality: ['active', 'gridId'], arrayContains: 'units', orderBy: [] },
  // ── City and province tiers (issue 16): the areas below a city or province (its cities or
  // counties), by parent only — the rules' inMyArea(parentId) lets a city or province read them.
  { name: 'regions.areaChildren', collectionGroup: 'regions', equality: ['parentId'], orderBy: [] },
];
