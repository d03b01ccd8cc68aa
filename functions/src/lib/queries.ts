/**
 * Every query the functions run. Each is defined once, as data (`QueryDef`: the collection, its
 * equality, array-contains and range filters, its order), and built from that data by `build`
 * into the Admin SDK query that runs — the filters and orders come from the definition only, so
 * the definition IS the query. The index-coverage test (test/unit/indexes.test.ts) reads
 * `SERVER_QUERIES` (these same definitions) and the console's `CONSOLE_QUERIES`.
 */
import { FieldPath, type Firestore, type Query, type WhereFilterOp } from 'firebase-admin/firestore';
import { type Level, LEVELS, isAreaCode, levelOf } from '../domain';
import { refs } from './db';

export interface DeclaredQuery {
  name: string;
  collectionGroup: string;
  equality: string[];
  arrayContains?: string;
  range?: string;
  orderBy: { field: string; direction: 'asc' | 'desc' }[];
  /** Collection-group queries need indexes of that scope. */
  queryScope?: 'COLLECTION' | 'COLLECTION_GROUP';
}

/** A query's definition: its index shape plus what `build` needs to make it. */
export interface QueryDef extends DeclaredQuery {
  /** Equality fields filtered by `in` (a list of values); for indexes they are equalities. */
  in?: string[];
  /** The range filter's operators, one value each, in this order. */
  rangeOps?: ('<' | '<=' | '>' | '>=')[];
  /** `arrayContains` is `array-contains-any` (a list of up to 30 values; the same index). */
  arrayContainsAny?: boolean;
}

/** Order by document ID (single-field indexes always end with it: never needs a composite). */
export const DOCUMENT_ID = '__name__';

const asc = (field: string) => ({ field, direction: 'asc' as const });
const def = <const D extends QueryDef>(d: D): D => d;

/** The event fields of a unit's scope, by level (an event carries its case's chain). */
const EVENT_SCOPE: Record<Level, string> = {
  county: 'scope.countyId',
  town: 'scope.townId',
  village: 'scope.villageId',
  grid: 'scope.gridId',
};
const CASE_SCOPE: Record<Level, string> = { county: 'countyId', town: 'townId', village: 'villageId', grid: 'gridId' };
const perLevel = <T extends QueryDef>(make: (level: Level) => T) => Object.fromEntries(LEVELS.map((l) => [l, make(l)])) as Record<Level, T>;
const inPeriod = { range: 'at', rangeOps: ['>=', '<'] as ('>=' | '<')[] };

/** The definitions, by name. */
export const Q = {
  eventsBySeq: def({ name: 'events.bySeq', collectionGroup: 'events', equality: [], orderBy: [asc('seq')] }),
  sweepDue: def({
    name: 'sweep.due',
    collectionGroup: 'cases',
    equality: [],
    range: 'sweepAt',
    rangeOps: ['<='],
    orderBy: [asc('sweepAt')],
  }),
  hazardsDue: def({
    name: 'hazards.due',
    collectionGroup: 'patrolItems',
    equality: [],
    range: 'hazard.sweepAt',
    rangeOps: ['<='],
    orderBy: [asc('hazard.sweepAt')],
  }),
  outboxDue: def({
    name: 'outbox.due',
    collectionGroup: 'outbox',
    equality: ['state'],
    range: 'nextAttemptAt',
    rangeOps: ['<='],
    orderBy: [asc('nextAttemptAt')],
  }),
  webhooksActive: def({ name: 'webhooks.active', collectionGroup: 'webhooks', equality: ['active'], orderBy: [] }),
  casesPage: def({ name: 'cases.page', collectionGroup: 'cases', equality: [], orderBy: [asc(DOCUMENT_ID)] }),
  countersPage: def({ name: 'counters.page', collectionGroup: 'counters', equality: [], orderBy: [asc(DOCUMENT_ID)] }),
  casesPageOfCounty: def({ name: 'cases.page.county', collectionGroup: 'cases', equality: ['countyId'], orderBy: [asc(DOCUMENT_ID)] }),
  ledger: perLevel((l) =>
    def({
      name: `ledger.${CASE_SCOPE[l]}`,
      collectionGroup: 'cases',
      equality: [CASE_SCOPE[l]],
      range: 'createdAt',
      rangeOps: ['>=', '<'],
      orderBy: [asc('createdAt')],
    }),
  ),
  // A city's or province's ledger (issue 16): the cases its own center takes part in — escalated
  // to it (上报市级) or supervised by it (市级督办) — by the relation list `accessUnits`.
  ledgerByAccess: def({
    name: 'ledger.accessUnits',
    collectionGroup: 'cases',
    equality: [],
    arrayContains: 'accessUnits',
    range: 'createdAt',
    rangeOps: ['>=', '<'] as ('>=' | '<')[],
    orderBy: [asc('createdAt')],
  }),
  // A province's ledger: the cases its cities' centers take part in (any of its cities' codes).
  ledgerByAccessAny: def({
    name: 'ledger.accessUnitsAny',
    collectionGroup: 'cases',
    equality: [],
    arrayContains: 'accessUnits',
    arrayContainsAny: true,
    range: 'createdAt',
    rangeOps: ['>=', '<'] as ('>=' | '<')[],
    orderBy: [asc('createdAt')],
  }),
  // 案件查询 (searchCases): a party's keyed hash in the county, a title word in the county.
  searchByKey: def({ name: 'caseSearch.byKey', collectionGroup: 'caseSearch', equality: ['countyId'], arrayContains: 'keys', orderBy: [] }),
  searchByToken: def({
    name: 'cases.byToken',
    collectionGroup: 'cases',
    equality: ['countyId'],
    arrayContains: 'searchTokens',
    orderBy: [{ field: 'updatedAt', direction: 'desc' }],
  }),
  users: def({ name: 'users.byName', collectionGroup: 'users', equality: [], orderBy: [asc('displayName')] }),
  usersOfCountyByName: def({
    name: 'users.ofCountyByName',
    collectionGroup: 'users',
    equality: ['countyId'],
    orderBy: [asc('displayName')],
  }),
  usersOfCounty: def({ name: 'users.ofCounty', collectionGroup: 'users', equality: ['countyId'], orderBy: [] }),
  counties: def({ name: 'regions.counties', collectionGroup: 'regions', equality: ['level'], orderBy: [] }),
  staffOfCounty: def({ name: 'staff.ofCounty', collectionGroup: 'staff', equality: ['countyId'], orderBy: [] }),
  staffOfUnit: def({ name: 'staff.ofUnit', collectionGroup: 'staff', equality: ['unitId'], orderBy: [] }),
  regionsOfCounty: def({ name: 'regions.ofCounty', collectionGroup: 'regions', equality: ['countyId'], orderBy: [] }),
  regionsUnder: def({ name: 'regions.ofParent', collectionGroup: 'regions', equality: ['parentId'], orderBy: [] }),
  gridsOfCounty: def({ name: 'grids.ofCounty', collectionGroup: 'grids', equality: ['countyId'], orderBy: [] }),
  departmentsOfCounty: def({ name: 'departments.ofCounty', collectionGroup: 'departments', equality: ['countyId'], orderBy: [] }),
  webhooksOfCounty: def({ name: 'webhooks.ofCounty', collectionGroup: 'webhooks', equality: ['countyId'], orderBy: [] }),
  rostersAll: def({ name: 'rosters.all', collectionGroup: 'rosters', equality: [], orderBy: [] }),
  rosterVersionsUntil: def({
    name: 'rosterVersions.until',
    collectionGroup: 'versions',
    equality: [],
    range: 'from',
    rangeOps: ['<='],
    orderBy: [],
  }),
  rosterChangesByStatus: def({ name: 'rosterChanges.byStatus', collectionGroup: 'changes', equality: ['status'], orderBy: [] }),
  statsDaysOfMonth: def({ name: 'statsDays.byMonth', collectionGroup: 'statsDays', equality: ['month'], orderBy: [] }),
  statsDaysOfUnitDay: def({ name: 'statsDays.unitDay', collectionGroup: 'statsDays', equality: ['unitId', 'period'], orderBy: [] }),
  statsDaysOfUnitMonth: def({ name: 'statsDays.unitMonth', collectionGroup: 'statsDays', equality: ['unitId', 'month'], orderBy: [] }),
  statsDaysOfUnitYear: def({ name: 'statsDays.unitYear', collectionGroup: 'statsDays', equality: ['unitId', 'year'], orderBy: [] }),
  statsDaysOfUnitRange: def({
    name: 'statsDays.unitRange',
    collectionGroup: 'statsDays',
    equality: ['unitId'],
    range: 'period',
    rangeOps: ['>=', '<='],
    orderBy: [],
  }),
  statsMonthsOfYear: def({ name: 'statsPeriods.months', collectionGroup: 'statsPeriods', equality: ['kind', 'year'], orderBy: [] }),
  statsDaysOfDay: def({ name: 'statsDays.byDay', collectionGroup: 'statsDays', equality: ['period'], orderBy: [] }),
  // Statistics verification and rebuild read events across cases (collection group).
  unitEvents: perLevel((l) =>
    def({
      name: `events.${CASE_SCOPE[l]}.all`,
      collectionGroup: 'events',
      queryScope: 'COLLECTION_GROUP',
      equality: [EVENT_SCOPE[l]],
      ...inPeriod,
      orderBy: [],
    }),
  ),
  unitEventsByAction: perLevel((l) =>
    def({
      name: `events.${CASE_SCOPE[l]}.action`,
      collectionGroup: 'events',
      queryScope: 'COLLECTION_GROUP',
      equality: [EVENT_SCOPE[l], 'action'],
      ...inPeriod,
      orderBy: [],
    }),
  ),
  unitFirstAccepts: perLevel((l) =>
    def({
      name: `events.${CASE_SCOPE[l]}.firstAccept`,
      collectionGroup: 'events',
      queryScope: 'COLLECTION_GROUP',
      equality: [EVENT_SCOPE[l], 'action', 'data.firstAccept'],
      in: ['action'],
      ...inPeriod,
      orderBy: [],
    }),
  ),
  /** A county's court filing input for one month (分流率 in the monthly report). */
  courtFilingsOfMonth: def({ name: 'courtFilings.ofMonth', collectionGroup: 'courtFilings', equality: ['countyId', 'month'], orderBy: [] }),
  unitOverdueEvents: perLevel((l) =>
    def({
      name: `events.${CASE_SCOPE[l]}.overdue`,
      collectionGroup: 'events',
      queryScope: 'COLLECTION_GROUP',
      equality: [EVENT_SCOPE[l], 'action', 'data.overdue'],
      in: ['action'],
      ...inPeriod,
      orderBy: [],
    }),
  ),
  /** Mediations with a 司法确认 clock or a 履行 task due (lib/mediation-sweep.ts). */
  mediationsDue: def({
    name: 'mediations.due',
    collectionGroup: 'mediations',
    equality: [],
    range: 'sweepAt',
    rangeOps: ['<='],
    orderBy: [asc('sweepAt')],
  }),
  /** An organisation's mediators (renaming it renames them). */
  mediatorsOfOrg: def({ name: 'mediators.byOrg', collectionGroup: 'mediators', equality: ['orgId'], orderBy: [] }),
  /** A county's running campaigns (read in each patrol's and item's transaction). */
  campaignsRunning: def({ name: 'campaigns.running', collectionGroup: 'campaigns', equality: ['countyId', 'state'], orderBy: [] }),
  /** A county's campaigns (the CLI's list). */
  campaignsOfCounty: def({ name: 'campaigns.ofCounty', collectionGroup: 'campaigns', equality: ['countyId'], orderBy: [] }),
  /** A campaign's progress documents (one per village; the close sums them). */
  campaignProgressOf: def({
    name: 'campaignProgress.ofCampaign',
    collectionGroup: 'campaignProgress',
    equality: ['campaignId'],
    orderBy: [],
  }),
  /** Cases changed up to a moment, in the order of change (the signals job pages on from its cursor). */
  casesChanged: def({
    name: 'cases.changed',
    collectionGroup: 'cases',
    equality: [],
    range: 'updatedAt',
    rangeOps: ['<='],
    orderBy: [asc('updatedAt'), asc(DOCUMENT_ID)],
  }),
  /** 排查 items and key persons changed up to a moment, in the order of change (the signals job's other streams). */
  patrolItemsChanged: def({
    name: 'patrolItems.changed',
    collectionGroup: 'patrolItems',
    equality: [],
    range: 'updatedAt',
    rangeOps: ['<='],
    orderBy: [asc('updatedAt'), asc(DOCUMENT_ID)],
  }),
  keyPersonsChanged: def({
    name: 'keyPersons.changed',
    collectionGroup: 'keyPersons',
    equality: [],
    range: 'updatedAt',
    rangeOps: ['<='],
    orderBy: [asc('updatedAt'), asc(DOCUMENT_ID)],
  }),
  /** 重点人员/重点部位 whose visit clock is due (lib/keyperson-sweep.ts). */
  keyPersonsDue: def({
    name: 'keyPersons.due',
    collectionGroup: 'keyPersons',
    equality: [],
    range: 'sweepAt',
    rangeOps: ['<='],
    orderBy: [asc('sweepAt')],
  }),
  /** `fengqiao audit`: access log entries since a moment, newest first — all, of one record, or by one user. */
  keyPersonAccessSince: def({
    name: 'keyPersonAccess.since',
    collectionGroup: 'keyPersonAccess',
    equality: [],
    range: 'at',
    rangeOps: ['>='],
    orderBy: [{ field: 'at', direction: 'desc' }],
  }),
  keyPersonAccessOfRecord: def({
    name: 'keyPersonAccess.ofRecord',
    collectionGroup: 'keyPersonAccess',
    equality: ['keyPersonId'],
    range: 'at',
    rangeOps: ['>='],
    orderBy: [{ field: 'at', direction: 'desc' }],
  }),
  keyPersonAccessByUser: def({
    name: 'keyPersonAccess.byUser',
    collectionGroup: 'keyPersonAccess',
    equality: ['byUid'],
    range: 'at',
    rangeOps: ['>='],
    orderBy: [{ field: 'at', direction: 'desc' }],
  }),
  /** 预警提示单 with a clock due (the deadline sweep's notice pass). */
  noticesDue: def({
    name: 'notices.due',
    collectionGroup: 'notices',
    equality: [],
    range: 'sweepAt',
    rangeOps: ['<='],
    orderBy: [asc('sweepAt')],
  }),
  /** 研判交办 tasks with a warning or breach due (lib/meeting-sweep.ts). */
  meetingTasksDue: def({
    name: 'meetingTasks.due',
    collectionGroup: 'meetingTasks',
    equality: [],
    range: 'sweepAt',
    rangeOps: ['<='],
    orderBy: [asc('sweepAt')],
  }),
  /** `exportNotices`: a unit's notices of a year, by number. */
  noticesOfIssuerYear: def({
    name: 'notices.ofIssuerYear',
    collectionGroup: 'notices',
    equality: ['issuer.unitId', 'year'],
    orderBy: [asc('seq')],
  }),
  /** The agenda (saveMeeting): a unit's open and acknowledged signals. */
  agendaSignals: def({
    name: 'signals.agenda',
    collectionGroup: 'signals',
    equality: ['state'],
    in: ['state'],
    arrayContains: 'units',
    orderBy: [],
  }),
  /** The agenda: a town's or county's overdue cases (open with a breached limit). */
  agendaOverdue: perLevel((l) =>
    def({ name: `cases.agenda.overdue.${CASE_SCOPE[l]}`, collectionGroup: 'cases', equality: [CASE_SCOPE[l], 'overdue'], orderBy: [] }),
  ),
  /** The agenda: a town's or county's open red cases. */
  agendaRed: perLevel((l) =>
    def({
      name: `cases.agenda.red.${CASE_SCOPE[l]}`,
      collectionGroup: 'cases',
      equality: [CASE_SCOPE[l], 'colour', 'state'],
      in: ['state'],
      orderBy: [],
    }),
  ),
  /** 排查考核 figures (lib/patrol-figures.ts): a unit's day shards of a date range; a county's (rebuild). */
  patrolFiguresOfUnitRange: def({
    name: 'patrolFigures.unitRange',
    collectionGroup: 'patrolFigures',
    equality: ['unitId'],
    range: 'date',
    rangeOps: ['>=', '<='] as ('>=' | '<=')[],
    orderBy: [],
  }),
  patrolFiguresOfCounty: def({ name: 'patrolFigures.ofCounty', collectionGroup: 'patrolFigures', equality: ['countyId'], orderBy: [] }),
  /** A county's items and key persons (the figures' rebuild reads its sources). */
  patrolItemsOfCounty: def({ name: 'patrolItems.ofCounty', collectionGroup: 'patrolItems', equality: ['countyId'], orderBy: [] }),
  keyPersonsOfCounty: def({ name: 'keyPersons.ofCounty', collectionGroup: 'keyPersons', equality: ['countyId'], orderBy: [] }),
  /** The 排查台账: a unit's patrol logs of a date range (by level), oldest first; its items recorded in a period. */
  patrolLedger: perLevel((l) =>
    def({
      name: `patrols.ledger.${l}`,
      collectionGroup: 'patrols',
      equality: [CASE_SCOPE[l]],
      range: 'date',
      rangeOps: ['>=', '<='] as ('>=' | '<=')[],
      orderBy: [asc('date')],
    }),
  ),
  itemLedger: def({
    name: 'patrolItems.ledger',
    collectionGroup: 'patrolItems',
    equality: [],
    arrayContains: 'units',
    range: 'createdAt',
    rangeOps: ['>=', '<'] as ('>=' | '<')[],
    orderBy: [asc('createdAt')],
  }),
  /** A county's patrol logs of a date range (the coverage documents' verify). */
  patrolsOfCountyRange: def({
    name: 'patrols.countyRange',
    collectionGroup: 'patrols',
    equality: ['countyId'],
    range: 'date',
    rangeOps: ['>=', '<='] as ('>=' | '<=')[],
    orderBy: [],
  }),
  /** `exportMeetings`: the meetings a unit held in a date range (a year), oldest first. */
  meetingsOfUnitDates: def({
    name: 'meetings.ofUnitDates',
    collectionGroup: 'meetings',
    equality: ['unitId'],
    range: 'date',
    rangeOps: ['>=', '<='] as ('>=' | '<=')[],
    orderBy: [asc('date')],
  }),
  /** `fengqiao notices list`: a county's notices of a year (filtered further in memory). */
  noticesOfCountyYear: def({ name: 'notices.ofCountyYear', collectionGroup: 'notices', equality: ['countyId', 'year'], orderBy: [] }),
};

/** Every definition above, flattened (what the index-coverage test checks). */
export const SERVER_QUERIES: QueryDef[] = Object.values(Q).flatMap((x) =>
  'name' in x ? [x as QueryDef] : Object.values(x as Record<string, QueryDef>),
);

/** The values a definition's filters take: one per equality field, the array element, one per range operator. */
export interface QueryValues {
  eq?: unknown[];
  arrayContains?: unknown;
  range?: unknown[];
}

/**
 * The Admin SDK query a definition describes, on `base` (its collection, or its collection group).
 * Only the definition names fields and operators; the caller gives values (and may add a limit,
 * a cursor or an aggregation, which need no index of their own).
 */
export function build<T>(d: QueryDef, base: Query<T>, v: QueryValues = {}): Query<T> {
  const group = (d.queryScope ?? 'COLLECTION') === 'COLLECTION_GROUP';
  const id = (base as { id?: string }).id;
  if (group && id !== undefined)
    throw new Error(`query ${d.name} runs on the collection group ${d.collectionGroup}, not on one collection`);
  if (!group && id !== d.collectionGroup)
    throw new Error(`query ${d.name} runs on ${d.collectionGroup}, not on ${id ?? 'a collection group'}`);
  if (
    (v.eq?.length ?? 0) !== d.equality.length ||
    (v.range?.length ?? 0) !== (d.rangeOps?.length ?? 0) ||
    (v.arrayContains === undefined) !== (d.arrayContains === undefined)
  ) {
    throw new Error(`query ${d.name}: values do not match its definition`);
  }
  let q = base;
  d.equality.forEach((f, i) => {
    q = q.where(f, (d.in?.includes(f) ? 'in' : '==') as WhereFilterOp, v.eq![i]);
  });
  if (d.arrayContains) q = q.where(d.arrayContains, d.arrayContainsAny ? 'array-contains-any' : 'array-contains', v.arrayContains);
  d.rangeOps?.forEach((op, i) => {
    q = q.where(d.range!, op, v.range![i]);
  });
  for (const o of d.orderBy) q = q.orderBy(o.field === DOCUMENT_ID ? FieldPath.documentId() : o.field, o.direction);
  return q;
}

// The named builders the functions call.

/** A case's history in order. */
export const eventsBySeq = (db: Firestore, caseId: string) => build(Q.eventsBySeq, refs(db).caseEvents(caseId));
/** Cases whose next sweep is due, earliest first. */
export const sweepDue = (db: Firestore, now: Date) => build(Q.sweepDue, refs(db).cases(), { range: [now] });
/** Webhook deliveries due, earliest first. */
export const hazardsDue = (db: Firestore, now: Date) => build(Q.hazardsDue, refs(db).patrolItems(), { range: [now] });
export const outboxDue = (db: Firestore, now: Date) => build(Q.outboxDue, refs(db).outboxes(), { eq: ['pending'], range: [now] });
export const activeWebhooks = (db: Firestore) => build(Q.webhooksActive, refs(db).webhooks(), { eq: [true] });
/** All cases (or a county's) by document ID, for paging with `startAfter`. */
export const casesById = (db: Firestore, countyId?: string) =>
  countyId ? build(Q.casesPageOfCounty, refs(db).cases(), { eq: [countyId] }) : build(Q.casesPage, refs(db).cases());
/** Every counter shard by document ID (`fengqiao counters rebuild`). */
export const countersById = (db: Firestore) => build(Q.countersPage, refs(db).counters());
/** Search documents of a county holding one keyed hash (searchCases). */
export const casesWithKey = (db: Firestore, countyId: string, key: string) =>
  build(Q.searchByKey, refs(db).caseSearches(), { eq: [countyId], arrayContains: key });
export const casesWithToken = (db: Firestore, countyId: string, token: string) =>
  build(Q.searchByToken, refs(db).cases(), { eq: [countyId], arrayContains: token });
/**
 * A unit's cases created in [start, end), oldest first (the ledger): a county's and below's by
 * their chain; a city's or province's (2 or 4 digits) those whose `accessUnits` hold its code.
 */
export const ledgerCases = (db: Firestore, unitId: string, start: Date, end: Date) =>
  isAreaCode(unitId)
    ? build(Q.ledgerByAccess, refs(db).cases(), { arrayContains: unitId, range: [start, end] })
    : build(Q.ledger[levelOf(unitId)], refs(db).cases(), { eq: [unitId], range: [start, end] });
/** Cases created in [start, end) whose `accessUnits` hold any of `units` (≤ 30: a province's cities), oldest first. */
export const casesWithAnyAccess = (db: Firestore, units: string[], start: Date, end: Date) =>
  build(Q.ledgerByAccessAny, refs(db).cases(), { arrayContains: units, range: [start, end] });
/** Users by name, all or a county's (CLI). */
export const usersByName = (db: Firestore, countyId?: string) =>
  countyId ? build(Q.usersOfCountyByName, refs(db).users(), { eq: [countyId] }) : build(Q.users, refs(db).users());
export const usersOfCounty = (db: Firestore, countyId: string) => build(Q.usersOfCounty, refs(db).users(), { eq: [countyId] });
/** The courts' filing input of a county for one month (分流率). */
export const courtFilingsOfMonth = (db: Firestore, countyId: string, month: string) =>
  build(Q.courtFilingsOfMonth, refs(db).courtFilings(), { eq: [countyId, month] });
/** Every county (the regions of level county): a resident registering names one when there are several. */
export const countiesQuery = (db: Firestore) => build(Q.counties, refs(db).regions(), { eq: ['county'] });
/** The staff directory of a county, or of one unit (a region, grid or department). */
export const staffOfCounty = (db: Firestore, countyId: string) => build(Q.staffOfCounty, refs(db).staffs(), { eq: [countyId] });
export const staffOfUnit = (db: Firestore, unitId: string) => build(Q.staffOfUnit, refs(db).staffs(), { eq: [unitId] });
export const regionsOfCounty = (db: Firestore, countyId: string) => build(Q.regionsOfCounty, refs(db).regions(), { eq: [countyId] });
/** The counties of a city, or the cities of a province (issue 16). */
export const regionsUnder = (db: Firestore, parentId: string) => build(Q.regionsUnder, refs(db).regions(), { eq: [parentId] });
export const gridsOfCounty = (db: Firestore, countyId: string) => build(Q.gridsOfCounty, refs(db).grids(), { eq: [countyId] });
/** A county's departments and webhooks (a directory rebuild, lib/directory.ts). */
export const departmentsOfCounty = (db: Firestore, countyId: string) =>
  build(Q.departmentsOfCounty, refs(db).departments(), { eq: [countyId] });
export const webhooksOfCounty = (db: Firestore, countyId: string) => build(Q.webhooksOfCounty, refs(db).webhooks(), { eq: [countyId] });
export const allRosters = (db: Firestore) => build(Q.rostersAll, refs(db).rosters());
/** A unit's published versions starting on or before `to`. */
export const rosterVersionsUntil = (db: Firestore, unitId: string, to: string) =>
  build(Q.rosterVersionsUntil, refs(db).rosterVersions(unitId), { range: [to] });
export const rosterChangesByStatus = (db: Firestore, unitId: string, status: 'requested' | 'approved' | 'rejected') =>
  build(Q.rosterChangesByStatus, refs(db).rosterChanges(unitId), { eq: [status] });
export const statsDaysOfMonth = (db: Firestore, month: string) => build(Q.statsDaysOfMonth, refs(db).statsDays(), { eq: [month] });
/** A unit's day documents (all shards) of a day, month or year. */
export const statsDaysOfUnit = (db: Firestore, unitId: string, period: string) =>
  build(
    period.length === 10 ? Q.statsDaysOfUnitDay : period.length === 7 ? Q.statsDaysOfUnitMonth : Q.statsDaysOfUnitYear,
    refs(db).statsDays(),
    { eq: [unitId, period] },
  );
/** A unit's day documents (all shards) from `firstDay` to `lastDay`. */
export const statsDaysInRange = (db: Firestore, unitId: string, firstDay: string, lastDay: string) =>
  build(Q.statsDaysOfUnitRange, refs(db).statsDays(), { eq: [unitId], range: [firstDay, lastDay] });
/** Every unit's day documents (all shards) of one day: what the nightly roll-up adds. */
export const statsDaysOfDay = (db: Firestore, day: string) => build(Q.statsDaysOfDay, refs(db).statsDays(), { eq: [day] });
export const statsMonthsOfYear = (db: Firestore, year: string) =>
  build(Q.statsMonthsOfYear, refs(db).statsPeriods(), { eq: ['month', year] });
/** A unit's events in [start, end) (collection group). */
export const unitEvents = (db: Firestore, unitId: string, start: Date, end: Date) =>
  build(Q.unitEvents[levelOf(unitId)], refs(db).allEvents(), { eq: [unitId], range: [start, end] });
export const unitEventsByAction = (db: Firestore, unitId: string, action: string, start: Date, end: Date) =>
  build(Q.unitEventsByAction[levelOf(unitId)], refs(db).allEvents(), { eq: [unitId, action], range: [start, end] });
/** First acceptances in [start, end): 受理, and 接管 (the village's acceptance of a grid case). */
export const unitFirstAccepts = (db: Firestore, unitId: string, start: Date, end: Date) =>
  build(Q.unitFirstAccepts[levelOf(unitId)], refs(db).allEvents(), { eq: [unitId, ['accept', 'take_over'], true], range: [start, end] });
/** Escalations and 督办 made by the sweep (overdue), and take-overs after the grid limit ran out, in [start, end). */
export const unitOverdueEvents = (db: Firestore, unitId: string, start: Date, end: Date) =>
  build(Q.unitOverdueEvents[levelOf(unitId)], refs(db).allEvents(), {
    eq: [unitId, ['escalate', 'supervise', 'take_over'], true],
    range: [start, end],
  });
/** Mediations with something due at `now`, earliest first (the deadline sweep's second pass). */
export const mediationsDue = (db: Firestore, now: Date) => build(Q.mediationsDue, refs(db).mediations(), { range: [now] });
/** An organisation's mediators (saveMediationOrg). */
export const mediatorsOfOrg = (db: Firestore, orgId: string) => build(Q.mediatorsOfOrg, refs(db).mediators(), { eq: [orgId] });
/** 集中排查: a county's running campaigns, all its campaigns, a campaign's progress documents. */
export const runningCampaigns = (db: Firestore, countyId: string) =>
  build(Q.campaignsRunning, refs(db).campaigns(), { eq: [countyId, 'running'] });
export const campaignsOfCounty = (db: Firestore, countyId: string) => build(Q.campaignsOfCounty, refs(db).campaigns(), { eq: [countyId] });
export const campaignProgressOf = (db: Firestore, campaignId: string) =>
  build(Q.campaignProgressOf, refs(db).campaignProgresses(), { eq: [campaignId] });
/** Cases changed up to `until`, oldest change first (continue with `startAfter(updatedAt, id)`). */
export const casesChangedUntil = (db: Firestore, until: Date) => build(Q.casesChanged, refs(db).cases(), { range: [until] });
export const patrolItemsChangedUntil = (db: Firestore, until: Date) =>
  build(Q.patrolItemsChanged, refs(db).patrolItems(), { range: [until] });
export const keyPersonsChangedUntil = (db: Firestore, until: Date) => build(Q.keyPersonsChanged, refs(db).keyPersons(), { range: [until] });
/** Key persons whose visit clock is due at `now`, earliest first (the deadline sweep's key-person pass). */
export const keyPersonsDue = (db: Firestore, now: Date) => build(Q.keyPersonsDue, refs(db).keyPersons(), { range: [now] });
/** Access log entries since `since`, newest first: of one record, by one user, or all. */
export const keyPersonAccessSince = (db: Firestore, since: Date, f: { record?: string; by?: string }) =>
  f.record
    ? build(Q.keyPersonAccessOfRecord, refs(db).keyPersonAccesses(), { eq: [f.record], range: [since] })
    : f.by
      ? build(Q.keyPersonAccessByUser, refs(db).keyPersonAccesses(), { eq: [f.by], range: [since] })
      : build(Q.keyPersonAccessSince, refs(db).keyPersonAccesses(), { range: [since] });
/** 预警提示单 with a clock due at `now`, earliest first (the deadline sweep's notice pass). */
export const noticesDue = (db: Firestore, now: Date) => build(Q.noticesDue, refs(db).notices(), { range: [now] });
/** The notices a unit issued in a year, by number (exportNotices). */
export const noticesOfIssuerYear = (db: Firestore, unitId: string, year: number) =>
  build(Q.noticesOfIssuerYear, refs(db).notices(), { eq: [unitId, year] });
/** 研判交办 tasks due at `now`, earliest first (the deadline sweep's meeting pass). */
export const meetingTasksDue = (db: Firestore, now: Date) => build(Q.meetingTasksDue, refs(db).meetingTasks(), { range: [now] });
/** The agenda's sources for a unit (a town or the county): open signals, overdue cases, open red cases. */
export const agendaSignals = (db: Firestore, unitId: string) =>
  build(Q.agendaSignals, refs(db).signals(), { eq: [['open', 'acknowledged']], arrayContains: unitId });
export const agendaOverdue = (db: Firestore, unitId: string) =>
  build(Q.agendaOverdue[levelOf(unitId)], refs(db).cases(), { eq: [unitId, true] });
export const agendaRed = (db: Firestore, unitId: string, openStates: readonly string[]) =>
  build(Q.agendaRed[levelOf(unitId)], refs(db).cases(), { eq: [unitId, 'red', openStates] });

/** 排查考核 figures: a unit's shards of the days from `from` to `to`. */
export const patrolFiguresOfUnit = (db: Firestore, unitId: string, from: string, to: string) =>
  build(Q.patrolFiguresOfUnitRange, refs(db).patrolFigures(), { eq: [unitId], range: [from, to] });
export const patrolFiguresOfCounty = (db: Firestore, countyId: string) =>
  build(Q.patrolFiguresOfCounty, refs(db).patrolFigures(), { eq: [countyId] });
export const patrolItemsOfCounty = (db: Firestore, countyId: string) =>
  build(Q.patrolItemsOfCounty, refs(db).patrolItems(), { eq: [countyId] });
export const keyPersonsOfCounty = (db: Firestore, countyId: string) =>
  build(Q.keyPersonsOfCounty, refs(db).keyPersons(), { eq: [countyId] });
/** A unit's (or grid's) patrol logs dated from `from` to `to`, oldest first. */
export const patrolLedger = (db: Firestore, unitId: string, from: string, to: string) =>
  build(Q.patrolLedger[levelOf(unitId)], refs(db).patrols(), { eq: [unitId], range: [from, to] });
/** A unit's (or grid's) items recorded in [start, end), oldest first. */
export const itemLedger = (db: Firestore, unitId: string, start: Date, end: Date) =>
  build(Q.itemLedger, refs(db).patrolItems(), { arrayContains: unitId, range: [start, end] });
export const patrolsOfCountyRange = (db: Firestore, countyId: string, from: string, to: string) =>
  build(Q.patrolsOfCountyRange, refs(db).patrols(), { eq: [countyId], range: [from, to] });
/** The meetings a unit held from `from` to `to` (dates), oldest first (exportMeetings). */
export const meetingsOfUnitDates = (db: Firestore, unitId: string, from: string, to: string) =>
  build(Q.meetingsOfUnitDates, refs(db).meetings(), { eq: [unitId], range: [from, to] });
/** A county's notices of a year (the CLI). */
export const noticesOfCountyYear = (db: Firestore, countyId: string, year: number) =>
  build(Q.noticesOfCountyYear, refs(db).notices(), { eq: [countyId, year] });
