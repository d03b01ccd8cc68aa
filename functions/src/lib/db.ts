/**
 * The one module that owns every Firestore path and converter (queries: ./queries.ts, built from
 * the same definitions the index-coverage test reads). Every document read through these refs is
 * validated by its zod schema; a test (test/unit/data-access.test.ts) fails on a collection path
 * written anywhere else in functions/src.
 *
 * Sharded figures (counters, statsDays) grow by `FieldValue.increment`, which no schema can
 * validate: they are written through `increments(db)` (typed metadata, raw increments) and read
 * through `refs(db)` (validated).
 */
import {
  type DocumentData,
  type DocumentReference,
  type Transaction,
  type WriteBatch,
  type BulkWriter,
  type Firestore,
  type FirestoreDataConverter,
  type QueryDocumentSnapshot,
  Timestamp,
} from 'firebase-admin/firestore';
import type { z } from 'zod';
import {
  CalendarYearDoc,
  CourtFilingDoc,
  courtFilingId,
  ConfigVersionDoc,
  OutboxDoc,
  IntakeSourceDoc,
  AlertDoc,
  CaseDoc,
  CaseEvent,
  CasePrivateDoc,
  DepartmentDoc,
  GridDoc,
  RegionDoc,
  ResidentRequestDoc,
  UserDoc,
  UserMetaDoc,
  StaffDoc,
  eventId,
  CounterShardDoc,
  DeadlinePolicy,
  DirectoryDoc,
  LinkageDoc,
  PublicDutyDoc,
  RosterChangeDoc,
  RosterDoc,
  RosterVersionDoc,
  StatsDayDoc,
  type StatsDayMeta,
  StatsPeriodDoc,
  StatsRollupDoc,
  TypicalCaseDoc,
  VisitDoc,
  WebhookDoc,
  CaseSearchDoc,
  PatrolDoc,
  CampaignDoc,
  CampaignProgressDoc,
  PatrolDayDoc,
  PatrolItemDoc,
  TrackAttemptsDoc,
  MediationOrgDoc,
  MediatorDoc,
  MediationDoc,
  MediationSessionDoc,
  SignalDoc,
  SignalTownDoc,
  SignalPersonDoc,
  SignalRedDoc,
  SignalCaseDoc,
  SignalCursorDoc,
  type SignalStream,
  SignalFiguresDoc,
  KeyPersonDoc,
  KeyPersonPersonalDoc,
  KeyPersonVisitDoc,
  KeyPersonAccessDoc,
  NoticeDoc,
  NoticeCounterDoc,
  NoticeFiguresDoc,
  MeetingDoc,
  MeetingTaskDoc,
  PatrolFiguresDoc,
  GeoShapeDoc,
  type PatrolFiguresMeta,
} from '../domain';

/** Firestore Timestamps → Dates, recursively (the domain speaks Date). */
export function toDates(v: unknown): unknown {
  if (v instanceof Timestamp) return v.toDate();
  // A Timestamp of another copy of the SDK (a trigger's payload is decoded by firebase-functions).
  if (v && typeof v === 'object' && 'seconds' in v && 'nanoseconds' in v && typeof (v as Timestamp).toDate === 'function')
    return (v as Timestamp).toDate();
  if (Array.isArray(v)) return v.map(toDates);
  if (v && typeof v === 'object' && v.constructor === Object) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toDates(x)]));
  }
  return v;
}

/** A converter that validates with the document's zod schema on the way in and out. */
export function zodConverter<S extends z.ZodType<DocumentData>>(schema: S): FirestoreDataConverter<z.infer<S>> {
  return {
    toFirestore: (doc) => schema.parse(doc) as DocumentData,
    fromFirestore: (snap: QueryDocumentSnapshot) => schema.parse(toDates(snap.data())),
  };
}

export const COLLECTIONS = {
  regions: 'regions',
  grids: 'grids',
  departments: 'departments',
  users: 'users',
  userMeta: 'userMeta',
  staff: 'staff',
  cases: 'cases',
  requests: 'requests',
  alerts: 'alerts',
  intakeSources: 'intakeSources',
  calendarYears: 'calendarYears',
  policies: 'policies',
  webhooks: 'webhooks',
  outbox: 'outbox',
  deadLetters: 'deadLetters',
  counters: 'counters',
  statsDays: 'statsDays',
  statsPeriods: 'statsPeriods',
  typicalCases: 'typicalCases',
  rosters: 'rosters',
  publicDuty: 'publicDuty',
  linkages: 'linkages',
  visits: 'visits',
  /** Server-only: a case's parties as keyed hashes (domain/search.ts). */
  caseSearch: 'caseSearch',
  /** 网格巡查 logs (domain/patrol.ts). */
  patrols: 'patrols',
  /** A unit's patrols of a day (`{unitId}_{date}`): the coverage view reads these, not the logs. */
  patrolDays: 'patrolDays',
  /** 排查事项 (domain/patrol-items.ts): disputes, hazards, security, demands, 涉稳信息. */
  patrolItems: 'patrolItems',
  /** Server-only: failed `trackCase` links per account and day (domain/residents.ts). */
  trackAttempts: 'trackAttempts',
  /** A court's monthly filing input for 分流率 (domain/legal.ts), written by `saveCourtFiling`. */
  courtFilings: 'courtFilings',
  /** The mediation registry (domain/mediation.ts): organisations and mediators. */
  mediationOrgs: 'mediationOrgs',
  mediators: 'mediators',
  /** One case's mediation (mediations/{caseId}): assignment, agreement, 司法确认 clock, 履行 tasks. */
  mediations: 'mediations',
  /** 集中排查 campaigns (domain/campaign.ts). */
  campaigns: 'campaigns',
  /** A campaign's progress in one village (`{campaignId}_{villageId}`), written by increments. */
  campaignProgress: 'campaignProgress',
  /** 风险信号 (domain/signals.ts): raised by the signals job, handled by `handleSignal`. */
  signals: 'signals',
  /** Server-only aggregates of the signals job: per town, per person hash, per county's red cases, per case; its cursor. */
  signalTowns: 'signalTowns',
  signalPersons: 'signalPersons',
  signalRed: 'signalRed',
  signalCases: 'signalCases',
  signalCursor: 'signalCursor',
  /** Monthly signal figures per town and county (raised, handled, 重访, 越级访). */
  signalFigures: 'signalFigures',
  /** 重点人员/重点部位 (domain/keypersons.ts): the public record, no personal data. */
  keyPersons: 'keyPersons',
  /** Server-only: who opened (or wrote) a key person's personal data (`fengqiao audit`). */
  keyPersonAccess: 'keyPersonAccess',
  /** 预警提示单 (domain/notices.ts): issued by `issueNotice`, moved by `noticeAction` and the sweep. */
  notices: 'notices',
  /** Server-only: the last notice number per issuing unit and year (`{unitId}_{year}`). */
  noticeCounters: 'noticeCounters',
  /** Monthly notice figures per issuing unit and county (issued, signed/answered on time, overdue). */
  noticeFigures: 'noticeFigures',
  /** 研判 and meetings (domain/meetings.ts): saved by `saveMeeting`, closed by `closeMeeting`. */
  meetings: 'meetings',
  /** A meeting's decisions as tasks (`{meetingId}-{nn}`), tracked like 督办件 by the sweep. */
  meetingTasks: 'meetingTasks',
  /** 排查考核 figures per unit and day (`{unitId}_{date}__{shard}`, domain/patrol-figures.ts), written by increments. */
  patrolFigures: 'patrolFigures',
  /** 一张图 boundaries (domain/geo.ts): one document per parent and level, `{parentCode}_{level}`. */
  geoShapes: 'geoShapes',
  /** Server-only: config/version, bumped when a calendar year, a policy or a webhook changes (lib/config.ts). */
  config: 'config',
  /** Server-only: a county's grids, departments and robots, kept by triggers (domain/directory.ts). */
  directories: 'directories',
  /** Server-only: which days a month's roll-up holds (`{YYYY-MM}`, domain/stats.ts StatsRollupDoc). */
  statsRollups: 'statsRollups',
} as const;

/** Subcollections, by parent. */
export const SUBCOLLECTIONS = {
  events: 'events',
  private: 'private',
  versions: 'versions',
  changes: 'changes',
  /** cases/{caseId}/sessions/{id}: mediation sessions. */
  sessions: 'sessions',
  /** keyPersons/{id}/personal/data: the personal data (server-only). */
  personal: 'personal',
  /** keyPersons/{id}/keyVisits/{visitId}: visit logs. */
  keyVisits: 'keyVisits',
} as const;

const conv = {
  region: zodConverter(RegionDoc),
  grid: zodConverter(GridDoc),
  department: zodConverter(DepartmentDoc),
  user: zodConverter(UserDoc),
  userMeta: zodConverter(UserMetaDoc),
  staff: zodConverter(StaffDoc),
  case: zodConverter(CaseDoc),
  casePrivate: zodConverter(CasePrivateDoc),
  event: zodConverter(CaseEvent),
  alert: zodConverter(AlertDoc),
  request: zodConverter(ResidentRequestDoc),
  intakeSource: zodConverter(IntakeSourceDoc),
  calendarYear: zodConverter(CalendarYearDoc),
  configVersion: zodConverter(ConfigVersionDoc),
  outbox: zodConverter(OutboxDoc),
  webhook: zodConverter(WebhookDoc),
  webhookAsStored: zodConverter(WebhookDoc.partial()),
  policy: zodConverter(DeadlinePolicy),
  directory: zodConverter(DirectoryDoc),
  counter: zodConverter(CounterShardDoc),
  statsDay: zodConverter(StatsDayDoc),
  statsPeriod: zodConverter(StatsPeriodDoc),
  typicalCase: zodConverter(TypicalCaseDoc),
  roster: zodConverter(RosterDoc),
  rosterVersion: zodConverter(RosterVersionDoc),
  rosterChange: zodConverter(RosterChangeDoc),
  publicDuty: zodConverter(PublicDutyDoc),
  linkage: zodConverter(LinkageDoc),
  visit: zodConverter(VisitDoc),
  caseSearch: zodConverter(CaseSearchDoc),
  patrol: zodConverter(PatrolDoc),
  patrolDay: zodConverter(PatrolDayDoc),
  patrolItem: zodConverter(PatrolItemDoc),
  trackAttempts: zodConverter(TrackAttemptsDoc),
  courtFiling: zodConverter(CourtFilingDoc),
  mediationOrg: zodConverter(MediationOrgDoc),
  mediator: zodConverter(MediatorDoc),
  mediation: zodConverter(MediationDoc),
  session: zodConverter(MediationSessionDoc),
  campaign: zodConverter(CampaignDoc),
  campaignProgress: zodConverter(CampaignProgressDoc),
  signal: zodConverter(SignalDoc),
  signalTown: zodConverter(SignalTownDoc),
  signalPerson: zodConverter(SignalPersonDoc),
  signalRed: zodConverter(SignalRedDoc),
  signalCase: zodConverter(SignalCaseDoc),
  signalCursor: zodConverter(SignalCursorDoc),
  signalFigures: zodConverter(SignalFiguresDoc),
  keyPerson: zodConverter(KeyPersonDoc),
  keyPersonPersonal: zodConverter(KeyPersonPersonalDoc),
  keyVisit: zodConverter(KeyPersonVisitDoc),
  keyPersonAccess: zodConverter(KeyPersonAccessDoc),
  notice: zodConverter(NoticeDoc),
  noticeCounter: zodConverter(NoticeCounterDoc),
  noticeFigures: zodConverter(NoticeFiguresDoc),
  meeting: zodConverter(MeetingDoc),
  meetingTask: zodConverter(MeetingTaskDoc),
  patrolFigures: zodConverter(PatrolFiguresDoc),
  geoShape: zodConverter(GeoShapeDoc),
  statsRollup: zodConverter(StatsRollupDoc),
};

export function refs(db: Firestore) {
  return {
    region: (id: string) => db.collection(COLLECTIONS.regions).doc(id).withConverter(conv.region),
    regions: () => db.collection(COLLECTIONS.regions).withConverter(conv.region),
    grid: (id: string) => db.collection(COLLECTIONS.grids).doc(id).withConverter(conv.grid),
    grids: () => db.collection(COLLECTIONS.grids).withConverter(conv.grid),
    department: (id: string) => db.collection(COLLECTIONS.departments).doc(id).withConverter(conv.department),
    courtFiling: (courtId: string, month: string) =>
      db.collection(COLLECTIONS.courtFilings).doc(courtFilingId(courtId, month)).withConverter(conv.courtFiling),
    courtFilings: () => db.collection(COLLECTIONS.courtFilings).withConverter(conv.courtFiling),
    departments: () => db.collection(COLLECTIONS.departments).withConverter(conv.department),
    user: (uid: string) => db.collection(COLLECTIONS.users).doc(uid).withConverter(conv.user),
    users: () => db.collection(COLLECTIONS.users).withConverter(conv.user),
    userMeta: (uid: string) => db.collection(COLLECTIONS.userMeta).doc(uid).withConverter(conv.userMeta),
    /** The county's staff directory (staff/{uid}): derived from users/{uid} by lib/staff.ts. */
    staff: (uid: string) => db.collection(COLLECTIONS.staff).doc(uid).withConverter(conv.staff),
    staffs: () => db.collection(COLLECTIONS.staff).withConverter(conv.staff),
    case: (id: string) => db.collection(COLLECTIONS.cases).doc(id).withConverter(conv.case),
    cases: () => db.collection(COLLECTIONS.cases).withConverter(conv.case),
    casePrivate: (id: string) =>
      db.collection(COLLECTIONS.cases).doc(id).collection(SUBCOLLECTIONS.private).doc('parties').withConverter(conv.casePrivate),
    caseEvent: (id: string, seq: number) =>
      db.collection(COLLECTIONS.cases).doc(id).collection(SUBCOLLECTIONS.events).doc(eventId(seq)).withConverter(conv.event),
    alert: (id: string) => db.collection(COLLECTIONS.alerts).doc(id).withConverter(conv.alert),
    alerts: () => db.collection(COLLECTIONS.alerts).withConverter(conv.alert),
    calendarYear: (year: number) => db.collection(COLLECTIONS.calendarYears).doc(String(year)).withConverter(conv.calendarYear),
    calendarYears: () => db.collection(COLLECTIONS.calendarYears).withConverter(conv.calendarYear),
    configVersion: () => db.collection(COLLECTIONS.config).doc('version').withConverter(conv.configVersion),
    policy: (countyId: string) => db.collection(COLLECTIONS.policies).doc(countyId).withConverter(conv.policy),
    directory: (countyId: string) => db.collection(COLLECTIONS.directories).doc(countyId).withConverter(conv.directory),
    /**
     * One webhook as stored, any field possibly missing: the delivery dead-letters a message whose
     * webhook is removed, disabled or half-written rather than failing the run (`active` queries
     * read whole documents: `webhooks()`).
     */
    webhook: (id: string) => db.collection(COLLECTIONS.webhooks).doc(id).withConverter(conv.webhookAsStored),
    webhooks: () => db.collection(COLLECTIONS.webhooks).withConverter(conv.webhook),
    outbox: (id: string) => db.collection(COLLECTIONS.outbox).doc(id).withConverter(conv.outbox),
    outboxes: () => db.collection(COLLECTIONS.outbox).withConverter(conv.outbox),
    deadLetter: (id: string) => db.collection(COLLECTIONS.deadLetters).doc(id),
    intakeSource: (id: string) => db.collection(COLLECTIONS.intakeSources).doc(id).withConverter(conv.intakeSource),
    request: (caseId: string) => db.collection(COLLECTIONS.requests).doc(caseId).withConverter(conv.request),
    caseEvents: (id: string) => db.collection(COLLECTIONS.cases).doc(id).collection(SUBCOLLECTIONS.events).withConverter(conv.event),
    /** Every case's history (collection group): statistics verify and rebuild from it. */
    allEvents: () => db.collectionGroup(SUBCOLLECTIONS.events).withConverter(conv.event),
    counter: (id: string) => db.collection(COLLECTIONS.counters).doc(id).withConverter(conv.counter),
    /** Every counter shard (small: units × shards): `fengqiao counters rebuild` reads them. */
    counters: () => db.collection(COLLECTIONS.counters).withConverter(conv.counter),
    statsDay: (id: string) => db.collection(COLLECTIONS.statsDays).doc(id).withConverter(conv.statsDay),
    statsDays: () => db.collection(COLLECTIONS.statsDays).withConverter(conv.statsDay),
    statsPeriod: (id: string) => db.collection(COLLECTIONS.statsPeriods).doc(id).withConverter(conv.statsPeriod),
    statsPeriods: () => db.collection(COLLECTIONS.statsPeriods).withConverter(conv.statsPeriod),
    typicalCase: (caseId: string) => db.collection(COLLECTIONS.typicalCases).doc(caseId).withConverter(conv.typicalCase),
    roster: (unitId: string) => db.collection(COLLECTIONS.rosters).doc(unitId).withConverter(conv.roster),
    rosters: () => db.collection(COLLECTIONS.rosters).withConverter(conv.roster),
    rosterVersion: (unitId: string, from: string) =>
      db.collection(COLLECTIONS.rosters).doc(unitId).collection(SUBCOLLECTIONS.versions).doc(from).withConverter(conv.rosterVersion),
    rosterVersions: (unitId: string) =>
      db.collection(COLLECTIONS.rosters).doc(unitId).collection(SUBCOLLECTIONS.versions).withConverter(conv.rosterVersion),
    /** A change by ID; without one, a new document with a generated ID. */
    rosterChange: (unitId: string, id?: string) => {
      const changes = db.collection(COLLECTIONS.rosters).doc(unitId).collection(SUBCOLLECTIONS.changes).withConverter(conv.rosterChange);
      return id === undefined ? changes.doc() : changes.doc(id);
    },
    rosterChanges: (unitId: string) =>
      db.collection(COLLECTIONS.rosters).doc(unitId).collection(SUBCOLLECTIONS.changes).withConverter(conv.rosterChange),
    publicDuty: (unitId: string) => db.collection(COLLECTIONS.publicDuty).doc(unitId).withConverter(conv.publicDuty),
    linkage: (leaderUid: string) => db.collection(COLLECTIONS.linkages).doc(leaderUid).withConverter(conv.linkage),
    visit: (id: string) => db.collection(COLLECTIONS.visits).doc(id).withConverter(conv.visit),
    caseSearch: (caseId: string) => db.collection(COLLECTIONS.caseSearch).doc(caseId).withConverter(conv.caseSearch),
    caseSearches: () => db.collection(COLLECTIONS.caseSearch).withConverter(conv.caseSearch),
    patrol: (id: string) => db.collection(COLLECTIONS.patrols).doc(id).withConverter(conv.patrol),
    patrols: () => db.collection(COLLECTIONS.patrols).withConverter(conv.patrol),
    patrolDay: (id: string) => db.collection(COLLECTIONS.patrolDays).doc(id).withConverter(conv.patrolDay),
    patrolDays: () => db.collection(COLLECTIONS.patrolDays).withConverter(conv.patrolDay),
    patrolItem: (id: string) => db.collection(COLLECTIONS.patrolItems).doc(id).withConverter(conv.patrolItem),
    patrolItems: () => db.collection(COLLECTIONS.patrolItems).withConverter(conv.patrolItem),
    campaign: (id: string) => db.collection(COLLECTIONS.campaigns).doc(id).withConverter(conv.campaign),
    campaigns: () => db.collection(COLLECTIONS.campaigns).withConverter(conv.campaign),
    campaignProgress: (id: string) => db.collection(COLLECTIONS.campaignProgress).doc(id).withConverter(conv.campaignProgress),
    campaignProgresses: () => db.collection(COLLECTIONS.campaignProgress).withConverter(conv.campaignProgress),
    trackAttempts: (uid: string) => db.collection(COLLECTIONS.trackAttempts).doc(uid).withConverter(conv.trackAttempts),
    mediationOrg: (id: string) => db.collection(COLLECTIONS.mediationOrgs).doc(id).withConverter(conv.mediationOrg),
    mediationOrgs: () => db.collection(COLLECTIONS.mediationOrgs).withConverter(conv.mediationOrg),
    mediator: (id: string) => db.collection(COLLECTIONS.mediators).doc(id).withConverter(conv.mediator),
    mediators: () => db.collection(COLLECTIONS.mediators).withConverter(conv.mediator),
    mediation: (caseId: string) => db.collection(COLLECTIONS.mediations).doc(caseId).withConverter(conv.mediation),
    mediations: () => db.collection(COLLECTIONS.mediations).withConverter(conv.mediation),
    session: (caseId: string, id: string) =>
      db.collection(COLLECTIONS.cases).doc(caseId).collection(SUBCOLLECTIONS.sessions).doc(id).withConverter(conv.session),
    sessions: (caseId: string) =>
      db.collection(COLLECTIONS.cases).doc(caseId).collection(SUBCOLLECTIONS.sessions).withConverter(conv.session),
    signal: (id: string) => db.collection(COLLECTIONS.signals).doc(id).withConverter(conv.signal),
    signals: () => db.collection(COLLECTIONS.signals).withConverter(conv.signal),
    signalTown: (townId: string) => db.collection(COLLECTIONS.signalTowns).doc(townId).withConverter(conv.signalTown),
    /** The document ID is the person's keyed hash (never a plain value). */
    signalPerson: (hash: string) => db.collection(COLLECTIONS.signalPersons).doc(hash).withConverter(conv.signalPerson),
    signalRed: (countyId: string) => db.collection(COLLECTIONS.signalRed).doc(countyId).withConverter(conv.signalRed),
    signalCase: (caseId: string) => db.collection(COLLECTIONS.signalCases).doc(caseId).withConverter(conv.signalCase),
    signalCursor: (stream: SignalStream = 'cases') => db.collection(COLLECTIONS.signalCursor).doc(stream).withConverter(conv.signalCursor),
    signalFigures: (id: string) => db.collection(COLLECTIONS.signalFigures).doc(id).withConverter(conv.signalFigures),
    keyPerson: (id: string) => db.collection(COLLECTIONS.keyPersons).doc(id).withConverter(conv.keyPerson),
    keyPersons: () => db.collection(COLLECTIONS.keyPersons).withConverter(conv.keyPerson),
    keyPersonPersonal: (id: string) =>
      db.collection(COLLECTIONS.keyPersons).doc(id).collection(SUBCOLLECTIONS.personal).doc('data').withConverter(conv.keyPersonPersonal),
    keyVisit: (id: string, visitId: string) =>
      db.collection(COLLECTIONS.keyPersons).doc(id).collection(SUBCOLLECTIONS.keyVisits).doc(visitId).withConverter(conv.keyVisit),
    keyVisits: (id: string) =>
      db.collection(COLLECTIONS.keyPersons).doc(id).collection(SUBCOLLECTIONS.keyVisits).withConverter(conv.keyVisit),
    /** A new access log entry (generated ID) or one by ID. */
    keyPersonAccess: (id?: string) => {
      const col = db.collection(COLLECTIONS.keyPersonAccess).withConverter(conv.keyPersonAccess);
      return id === undefined ? col.doc() : col.doc(id);
    },
    keyPersonAccesses: () => db.collection(COLLECTIONS.keyPersonAccess).withConverter(conv.keyPersonAccess),
    notice: (id: string) => db.collection(COLLECTIONS.notices).doc(id).withConverter(conv.notice),
    notices: () => db.collection(COLLECTIONS.notices).withConverter(conv.notice),
    noticeCounter: (id: string) => db.collection(COLLECTIONS.noticeCounters).doc(id).withConverter(conv.noticeCounter),
    noticeFigures: (id: string) => db.collection(COLLECTIONS.noticeFigures).doc(id).withConverter(conv.noticeFigures),
    meeting: (id: string) => db.collection(COLLECTIONS.meetings).doc(id).withConverter(conv.meeting),
    meetings: () => db.collection(COLLECTIONS.meetings).withConverter(conv.meeting),
    meetingTask: (id: string) => db.collection(COLLECTIONS.meetingTasks).doc(id).withConverter(conv.meetingTask),
    meetingTasks: () => db.collection(COLLECTIONS.meetingTasks).withConverter(conv.meetingTask),
    patrolFigure: (id: string) => db.collection(COLLECTIONS.patrolFigures).doc(id).withConverter(conv.patrolFigures),
    patrolFigures: () => db.collection(COLLECTIONS.patrolFigures).withConverter(conv.patrolFigures),
    /** A boundary document (`geoShapes/{parentCode}_{level}`, domain/geo.ts geoDocId). */
    geoShape: (id: string) => db.collection(COLLECTIONS.geoShapes).doc(id).withConverter(conv.geoShape),
    /** Which days a month's roll-up holds (lib/rollup.ts). */
    statsRollup: (month: string) => db.collection(COLLECTIONS.statsRollups).doc(month).withConverter(conv.statsRollup),
    /** Every key-person visit log (collection group): the 排查 figures rebuild from them. */
    allKeyVisits: () => db.collectionGroup(SUBCOLLECTIONS.keyVisits).withConverter(conv.keyVisit),
  };
}

/**
 * The same documents without validation, where a reader must see what is stored even when it does
 * not match today's schema: an intake source is refused (403), not an error, when malformed; the
 * access repair finds private documents of older releases.
 */
export function uncheckedRefs(db: Firestore) {
  return {
    casePrivate: (id: string) => db.collection(COLLECTIONS.cases).doc(id).collection(SUBCOLLECTIONS.private).doc('parties'),
    intakeSource: (id: string) => db.collection(COLLECTIONS.intakeSources).doc(id),
    // Every callable checks its caller's profile: a malformed one is refused like a missing one.
    user: (uid: string) => db.collection(COLLECTIONS.users).doc(uid),
  };
}

/** A sharded document written by increments: no converter; `T` types its metadata. */
export type IncrementRef<T> = DocumentReference<DocumentData> & { readonly __meta?: T };

/**
 * Sharded figures written by `FieldValue.increment` (no converter can validate an increment):
 * the metadata is typed by the document's schema, the figures are increments.
 */
export function increments(db: Firestore) {
  const ref = <T>(collection: string, id: string) => db.collection(collection).doc(id) as IncrementRef<T>;
  return {
    counter: (id: string) => ref<Pick<z.infer<typeof CounterShardDoc>, 'unitId' | 'level' | 'shard'>>(COLLECTIONS.counters, id),
    statsDay: (id: string) => ref<StatsDayMeta>(COLLECTIONS.statsDays, id),
    /** A month or year roll-up, added to day by day (lib/rollup.ts rollupDay). */
    statsPeriod: (id: string) =>
      ref<Pick<z.infer<typeof StatsPeriodDoc>, 'unitId' | 'level' | 'kind' | 'period' | 'year' | 'rolledUpAt'>>(
        COLLECTIONS.statsPeriods,
        id,
      ),
    patrolDay: (id: string) =>
      ref<Pick<z.infer<typeof PatrolDayDoc>, 'unitId' | 'level' | 'countyId' | 'date'>>(COLLECTIONS.patrolDays, id),
    /** A registry entry's figures (`figures.open` …) move by increments (lib/mediation-service.ts). */
    mediationOrg: (id: string) => ref<Record<string, never>>(COLLECTIONS.mediationOrgs, id),
    mediator: (id: string) => ref<Record<string, never>>(COLLECTIONS.mediators, id),
    campaignProgress: (id: string) =>
      ref<Pick<z.infer<typeof CampaignProgressDoc>, 'campaignId' | 'countyId' | 'townId' | 'villageId' | 'units' | 'from' | 'to'>>(
        COLLECTIONS.campaignProgress,
        id,
      ),
    /** Monthly signal figures (`raised`, `handled`, `repeatVisits`…) move by increments. */
    signalFigures: (id: string) => ref<{ unitId: string; month: string }>(COLLECTIONS.signalFigures, id),
    /** Monthly notice figures (`issued`, `signedOnTime`…) move by increments. */
    noticeFigures: (id: string) => ref<{ unitId: string; month: string }>(COLLECTIONS.noticeFigures, id),
    /** 排查考核 day figures (`items.{kind}`, `hazardsDue`…) move by increments (lib/patrol-figures.ts). */
    patrolFigures: (id: string) => ref<PatrolFiguresMeta>(COLLECTIONS.patrolFigures, id),
    /** A county's directory, changed entry by entry (lib/directory.ts: a merge, no read). */
    directory: (countyId: string) => ref<{ countyId: string; updatedAt: Date }>(COLLECTIONS.directories, countyId),
    /** config/version: `version` grows by increments (lib/config.ts bumpConfigVersion). */
    configVersion: () => ref<{ changed: string; updatedAt: Date }>(COLLECTIONS.config, 'version'),
  };
}

/** Merges `meta` (typed) and `figures` (increments, `incrementsOf`) into a sharded document, in any writer. */
export function writeIncrements<T>(
  w: Transaction | WriteBatch | BulkWriter,
  ref: IncrementRef<T>,
  meta: T,
  figures: Record<string, unknown>,
): void {
  const data = { ...meta, ...figures } as DocumentData;
  if ('flush' in w) void w.set(ref, data, { merge: true });
  else if ('commit' in w) w.set(ref, data, { merge: true });
  else w.set(ref, data, { merge: true });
}
