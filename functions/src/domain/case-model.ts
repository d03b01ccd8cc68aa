import { z } from 'zod';
import { countyCode, gridCode, townCode, villageCode } from './regions';
import { RoleSchema } from './roles';
import { CaseClock } from './clocks';
import { CASE_CLASSES, CATEGORIES, PARTY_ROLES, SOURCES, TIERS, type Tier } from './vocab';
import { GeoLocation } from './photo-model';
import { RobotRoute } from './webhooks';

export { CASE_CLASSES, CATEGORIES, COLOUR_OF, PARTY_ROLES, SOURCES, TIERS } from './vocab';
export type { CaseClass, Category, Source, Tier } from './vocab';
import {
  CaseOrigin,
  ORIGIN_KINDS,
  ORIGIN_RESULTS,
  PetitionReview,
  REVIEW_OUTCOMES,
  REVIEW_STAGES,
  SERVICES,
  SERVICE_RESULTS,
  SentToCourt,
  ServiceReferral,
} from './legal';

export const TierSchema = z.enum(TIERS);
export const tierRank = (t: Tier): number => TIERS.indexOf(t);
export const higherTier = (a: Tier, b: Tier): Tier => (tierRank(a) >= tierRank(b) ? a : b);

/** Case states (五步流程: 受理 → 分流 → 处置 → 反馈 → 评价). */
export const CASE_STATES = [
  'reported', // 登记/上报: waiting for the tier's center to accept
  'accepted', // 受理
  'in_progress', // 处置中: mediation, dispatched departments
  'suspended', // 中止: clocks stop (鉴定, 司法确认, …)
  'resolved', // 化解/办结, with an outcome
  'closed', // 评价/归档
  'not_accepted', // 不予受理/分流, with a referral
  'duplicate', // 重复件: merged into another case
] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CaseStateSchema = z.enum(CASE_STATES);
export const TERMINAL_STATES: readonly CaseState[] = ['closed', 'not_accepted', 'duplicate'];
export const OPEN_STATES: readonly CaseState[] = ['reported', 'accepted', 'in_progress', 'suspended'];

export const CaseClassSchema = z.enum(CASE_CLASSES);

export const CategorySchema = z.enum(CATEGORIES);

export const SourceSchema = z.enum(SOURCES);

export const CaseFlags = z.strictObject({
  group: z.boolean(), // 群体性
  groupSize: z.number().int().min(0).max(100000).nullable(),
  violenceRisk: z.boolean(), // 民转刑风险
  crossVillage: z.boolean(), // 跨村
  crossTown: z.boolean(), // 跨镇
  keyPersons: z.boolean(), // 涉重点人员
});
export type CaseFlags = z.infer<typeof CaseFlags>;

/** A party with personal data: stored only in cases/{id}/private/parties. */
export const Party = z.strictObject({
  role: z.enum(PARTY_ROLES),
  name: z.string().trim().min(1, '当事人姓名不能为空').max(40),
  phone: z
    .string()
    .regex(/^1\d{10}$/, '手机号应为11位数字')
    .nullable(),
  idNumber: z
    .string()
    .regex(/^\d{17}[\dXx]$/, '身份证号应为18位')
    .nullable(),
  address: z.string().max(120).nullable(),
});
export type Party = z.infer<typeof Party>;

/** What everyone who may read the case sees of a party. */
export const MaskedParty = z.strictObject({
  role: z.enum(PARTY_ROLES),
  name: z.string(),
  phone: z.string().nullable(),
});
export type MaskedParty = z.infer<typeof MaskedParty>;

export const Actor = z.strictObject({
  uid: z.string(),
  /** 'system' for the deadline sweep and external intake adapters. */
  role: z.union([RoleSchema, z.literal('system')]),
  unitId: z.string(),
  name: z.string().nullable(),
});
export type Actor = z.infer<typeof Actor>;

export const OUTCOMES = [
  'mediated_agreement', // 调解成功, 调解协议
  'referred_litigation', // 调解不成, 引导诉讼
  'referred_arbitration', // 引导仲裁
  'explained', // 解释疏导
  'department_action', // 部门依职能处理
  'withdrawn', // 撤回
  'solved_on_spot', // 网格员就地化解
] as const;
export const OutcomeSchema = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof OutcomeSchema>;

export const REFERRALS = ['court', 'arbitration', 'administrative', 'petition_channel', 'other'] as const;
export const ReferralSchema = z.enum(REFERRALS);

export const SATISFACTION = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const; // 满意/基本满意/不满意
export const SatisfactionSchema = z.enum(SATISFACTION);

export const DISPATCH_STATES = ['dispatched', 'checked_in', 'reported_back'] as const;
export const DispatchSummary = z.strictObject({
  departmentId: z.string(),
  state: z.enum(DISPATCH_STATES),
  emergency: z.boolean(),
  dispatchedAt: z.date(),
  checkedInAt: z.date().nullable(),
  reportedBackAt: z.date().nullable(),
});
export type DispatchSummary = z.infer<typeof DispatchSummary>;

export const LeaderInCharge = z.strictObject({
  uid: z.string(),
  name: z.string().nullable(),
  team: z.array(z.string().max(40)).max(20), // 一个专班
  plan: z.string().max(2000), // 一套方案
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), // 一个时限 (local date)
  assignedAt: z.date(),
});
export type LeaderInCharge = z.infer<typeof LeaderInCharge>;

/** 信访 details: channel, repeat and skip-level visits, and who received a walk-in (来访). */
export const PetitionInfo = z.strictObject({
  channel: z.enum(['walk_in', 'letter', 'phone', 'online']),
  repeat: z.boolean(), // 重访
  skipLevel: z.boolean(), // 越级访
  receivedBy: z.strictObject({ uid: z.string(), name: z.string(), title: z.string(), dutyDate: z.string(), unitId: z.string() }).nullable(),
  /** A walk-in when no published roster covered the moment: registered all the same, staff alerted. */
  noDutyLeader: z.boolean().default(false),
});
export type PetitionInfo = z.infer<typeof PetitionInfo>;

/** A leader's instruction (批示交办) to one unit: a supervised item (督办件) with a deadline and a required reply. */
export const SupervisionItem = z.strictObject({
  id: z.string(),
  instruction: z.string(),
  leaderUid: z.string(),
  assigneeUnit: z.string(),
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  state: z.enum(['open', 'replied']),
  reply: z.string().nullable(),
  petitionerReply: z.string().nullable(),
  repliedAt: z.date().nullable(),
  repliedBy: z.string().nullable(),
  createdAt: z.date(),
});
export type SupervisionItem = z.infer<typeof SupervisionItem>;

/**
 * cases/{caseId}: the operational part of a case, readable by everyone whose scope covers it.
 * Every field is server-owned: clients change cases only through callables.
 */
export const CaseDoc = z.strictObject({
  id: z.string(),
  countyId: countyCode,
  townId: townCode,
  villageId: villageCode,
  gridId: gridCode,
  tier: TierSchema,
  /** The unit whose center handles the case now: the region code of `tier`. */
  unitId: z.string(),
  state: CaseStateSchema,
  /** The state a suspended case resumes to. */
  resumeState: CaseStateSchema.nullable(),
  caseClass: CaseClassSchema,
  colour: z.enum(['blue', 'orange', 'red']),
  category: CategorySchema,
  source: SourceSchema,
  flags: CaseFlags,
  title: z.string(),
  description: z.string(),
  partiesMasked: z.array(MaskedParty),
  reporter: Actor,
  handlerUid: z.string().nullable(),
  mediatorUids: z.array(z.string()),
  departmentIds: z.array(z.string()),
  dispatches: z.array(DispatchSummary),
  leaderUid: z.string().nullable(),
  leader: LeaderInCharge.nullable(),
  outcome: OutcomeSchema.nullable(),
  resolutionNote: z.string().nullable(),
  referral: z.strictObject({ to: ReferralSchema, note: z.string() }).nullable(),
  duplicateOf: z.string().nullable(),
  satisfaction: SatisfactionSchema.nullable(),
  supervised: z.boolean(), // 督办
  reopenCount: z.number().int().nonnegative(),
  residentUid: z.string().nullable(),
  externalRef: z.string().nullable(),
  version: z.number().int().nonnegative(),
  createdAt: z.date(),
  updatedAt: z.date(),
  acceptedAt: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  /** The running clocks (限时化解) and their history. */
  clocks: z.array(CaseClock).default([]),
  /** The earliest running limit of any clock (for people: sorting, countdowns). */
  nextDeadlineAt: z.date().nullable(),
  /** The earliest moment the deadline sweep has work on this case (indexed range query). */
  // Fields added after the first release default, so documents written before them still read.
  sweepAt: z.date().nullable().default(null),
  /** 信访 handling limit extended once (art. 34). */
  petitionExtended: z.boolean().default(false),
  /** Open with a breached limit of its current tier, a department, a supervised item or 信访 (indexed for the overdue list). */
  overdue: z.boolean().default(false),
  petition: PetitionInfo.nullable().default(null),
  /** 督办件 from leaders' instructions, with their replies. */
  supervisions: z.array(SupervisionItem).default([]),
  /**
   * Who has a relation to the case (domain/access.ts `caseAccess`), recomputed in every
   * transition: the rules let exactly these read the case, its history and its parties. A case
   * written before the lists existed reads as nobody's until `fengqiao access rebuild`.
   */
  accessUnits: z.array(z.string()).default([]),
  accessUids: z.array(z.string()).default([]),
  accessDepartments: z.array(z.string()).default([]),
  /**
   * Words of the (masked) title for search (domain/search.ts `titleTokens`); empty on cases
   * written before search until `fengqiao search rebuild`.
   */
  searchTokens: z.array(z.string()).default([]),
  /** 诉调/警调/访调对接: who referred the dispute to the center and what went back (domain/legal.ts). */
  origin: CaseOrigin.nullable().default(null),
  /** What the center sent to the court (移送法院). */
  sentToCourt: SentToCourt.nullable().default(null),
  /** 信访 复查/复核 after the written answer. */
  petitionReview: PetitionReview.nullable().default(null),
  /** 一站式 referrals (法律援助, 法律咨询, 心理咨询) with their results. */
  serviceReferrals: z.array(ServiceReferral).default([]),
  /** 市级督办: the case's city supervised it (its center then reads the case; domain/access.ts). */
  supervisedByCity: z.boolean().default(false),
  /**
   * Whether the case has a mediation document (mediations/{caseId}): set true by whatever creates
   * one (a registry mediator's assignment, a session, an agreement), false on a new case. Lets a
   * 回访 skip reading the mediation when there is none (issue 17). null: not known (a case of an
   * earlier release) — the mediation is read.
   */
  hasMediation: z.boolean().nullable().default(null),
  /**
   * The parties' personal data that free text is masked with, encrypted for the server (AES-GCM,
   * lib/mask-seal.ts): `k` names the key, `v` is the ciphertext. Lets a command that brings text
   * mask it without reading the parties' document (issue 17). Opaque to every reader; null on a
   * case of an earlier release or written without the key (the parties are then read).
   */
  maskSeal: z.strictObject({ k: z.string(), v: z.string() }).nullable().default(null),
});
export type CaseDoc = z.infer<typeof CaseDoc>;

/**
 * cases/{caseId}/private/parties: the parties' personal data. Who reads it is the case's own
 * relation (its access lists; the rule reads the case). Unknown keys are dropped on read, so a
 * document from before (with its own access lists) still reads; `fengqiao access rebuild`
 * removes them.
 */
export const CasePrivateDoc = z.object({
  caseId: z.string(),
  countyId: countyCode,
  parties: z.array(Party),
  /** The title as reported; the case document carries it masked (domain/privacy.ts). Absent on older cases. */
  title: z.string().nullable().default(null),
  /** The description as reported; the case document carries it masked (domain/privacy.ts). */
  description: z.string(),
  address: z.string().max(200).nullable(),
  /** Where it happened (reportCase's optional `location`): only those who read the case see it. Absent on older cases. */
  location: GeoLocation.nullable().default(null),
});
export type CasePrivateDoc = z.infer<typeof CasePrivateDoc>;

/**
 * What the event's fan-out (onCaseEvent: alerts, the resident's view) needs of the case right
 * after this event, written with the event (domain/transition.ts `finish`), so the trigger reads
 * neither the case nor the event. Texts as the case carries them (masked). Absent on events of
 * earlier releases: the trigger then reads the case.
 */
export const CaseAfter = z.strictObject({
  title: z.string(),
  category: CategorySchema,
  colour: z.enum(['blue', 'orange', 'red']),
  state: CaseStateSchema,
  tier: TierSchema,
  unitId: z.string(),
  version: z.number().int().nonnegative(),
  leaderUid: z.string().nullable(),
  residentUid: z.string().nullable(),
  /** Open and replied 督办 items: who asked (a reply alerts that leader). */
  supervisions: z.array(z.strictObject({ id: z.string(), leaderUid: z.string() })),
  outcome: OutcomeSchema.nullable(),
  resolutionNote: z.string().nullable(),
  satisfaction: SatisfactionSchema.nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type CaseAfter = z.infer<typeof CaseAfter>;

/** The `after` an event carries: the case as its fan-out needs it (pure). */
export function caseAfter(c: CaseDoc): CaseAfter {
  return {
    title: c.title,
    category: c.category,
    colour: c.colour,
    state: c.state,
    tier: c.tier,
    unitId: c.unitId,
    version: c.version,
    leaderUid: c.leaderUid,
    residentUid: c.residentUid,
    supervisions: c.supervisions.map((x) => ({ id: x.id, leaderUid: x.leaderUid })),
    outcome: c.outcome,
    resolutionNote: c.resolutionNote,
    satisfaction: c.satisfaction,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/**
 * cases/{caseId}/events/{seq}: the append-only history, one schema per action (a discriminated
 * union on `action`), so a change in a writer (`applyCommand`, `planReport`, the statistics facts
 * of `transition`) breaks its readers (statistics, clocks, alerts, the console's timeline) at
 * compile time. Events stored by an earlier release still read: facts added later have defaults.
 */
const EventBase = {
  seq: z.number().int().positive(),
  /** The case's territorial chain, so statistics can be rebuilt and verified from events alone. */
  scope: z.strictObject({ countyId: z.string(), townId: z.string(), villageId: z.string(), gridId: z.string() }),
  at: z.date(),
  actor: Actor,
  from: z.strictObject({ state: CaseStateSchema, tier: TierSchema }).nullable(),
  to: z.strictObject({ state: CaseStateSchema, tier: TierSchema }),
  reason: z.string().nullable(),
  /** The case right after this event, as the fan-out needs it (`CaseAfter`). */
  after: CaseAfter.optional(),
  /**
   * The robots this event's alerts go to, by the writer's county directory (domain/directory.ts
   * `robotsForEvent`; no URLs or secrets), so the fan-out looks up no webhooks. Absent (an earlier
   * release, a writer without the directory): the fan-out looks them up.
   */
  robots: z.array(RobotRoute).optional(),
};
/** Statistics facts every event carries from its transition (domain/stats.ts `withStatsFacts`). */
const EventFacts = { category: CategorySchema.optional(), source: SourceSchema.optional() };
const event = <A extends string, S extends z.ZodRawShape>(action: A, data: S) =>
  z.strictObject({
    ...EventBase,
    action: z.literal(action),
    data: z.strictObject({ ...EventFacts, ...data } as Omit<typeof EventFacts, keyof S> & S),
  });
const departmentId = z.string().min(1);

export const CaseEvent = z.discriminatedUnion('action', [
  event('report', {
    source: SourceSchema,
    category: CategorySchema,
    requestId: z.string(),
    reporterRole: Actor.shape.role,
    reporterUid: z.string(),
    externalRef: z.string().optional(),
    residentAsked: z.strictObject({ source: SourceSchema, caseClass: CaseClassSchema, flags: CaseFlags }).optional(),
    /** 信访 facts for the statistics (null: not a petition). */
    petition: z.strictObject({ repeat: z.boolean(), skipLevel: z.boolean(), group: z.boolean() }).nullable().default(null),
  }),
  /** `firstAccept`: the first acceptance (受理) of the case, the one the statistics count. */
  event('accept', { firstAccept: z.boolean().default(false) }),
  event('not_accept', { referral: ReferralSchema }),
  event('mark_duplicate', { duplicateOf: z.string() }),
  event('reclassify', { caseClass: CaseClassSchema }),
  event('assign_handler', { handlerUid: z.string() }),
  event('assign_mediator', { mediatorUid: z.string().nullable(), mediatorId: z.string().nullable().default(null) }),
  event('dispatch', { departmentIds: z.array(departmentId), emergency: z.boolean().default(false), instructions: z.string().optional() }),
  event('check_in', { departmentId }),
  event('department_feedback', { departmentId, feedback: z.string() }),
  event('record_mediation', { summary: z.string(), agreementReached: z.boolean() }),
  event('assign_leader', { leaderUid: z.string(), dueDate: z.string() }),
  event('leader_progress', { progress: z.string() }),
  event('resolve', {
    outcome: OutcomeSchema,
    /** The tier that resolved it, whether on time, and the working days from report (null: past the calendar). */
    tier: TierSchema.optional(),
    onTime: z.boolean().default(false),
    cycleWorkingDays: z.number().nullable().default(null),
  }),
  event('suspend', {}),
  event('resume', {}),
  /** `overdue`: made by the sweep because a limit ran out. */
  event('escalate', { overdue: z.boolean().default(false) }),
  /** 接管: the village took a grid-tier case over; `overdue`: the grid worker's limit had run out. */
  event('take_over', { overdue: z.boolean().default(false), firstAccept: z.boolean().default(true) }),
  event('return', {}),
  event('supervise', { overdue: z.boolean().default(false) }),
  event('callback', { satisfaction: SatisfactionSchema, reopened: z.boolean().default(false) }),
  event('close', {}),
  event('reopen', {}),
  event('instruct', { items: z.array(z.strictObject({ id: z.string(), assigneeUnit: z.string(), dueDate: z.string() })) }),
  event('reply_supervision', { supervisionId: z.string() }),
  event('recheck', { result: z.enum(['stable', 'relapse']) }),
  event('extend_petition', { approvedBy: z.string() }),
  event('record_origin', { kind: z.enum(ORIGIN_KINDS), departmentId, ref: z.string(), referredOn: z.string() }),
  event('report_back', { kind: z.enum(ORIGIN_KINDS), departmentId, result: z.enum(ORIGIN_RESULTS), note: z.string() }),
  event('send_to_court', { departmentId, note: z.string() }),
  event('request_review', { stage: z.enum(REVIEW_STAGES), body: z.string() }),
  event('decide_review', { stage: z.enum(REVIEW_STAGES), outcome: z.enum(REVIEW_OUTCOMES), opinion: z.string() }),
  event('refer_service', { referralId: z.string(), service: z.enum(SERVICES), note: z.string() }),
  event('record_service_result', { referralId: z.string(), service: z.enum(SERVICES), result: z.enum(SERVICE_RESULTS), note: z.string() }),
]);
/** An event as stored and read (facts present). */
export type CaseEvent = z.infer<typeof CaseEvent>;
/** An event as a transition first makes it, before its statistics facts (`transition` adds them). */
export type CaseEventDraft = z.input<typeof CaseEvent>;
export type EventAction = CaseEvent['action'];
/** The data of one action's events. */
export type EventData<A extends EventAction> = Extract<CaseEvent, { action: A }>['data'];

/** The event ID is the zero-padded sequence number: deterministic, so a retry cannot add one twice. */
export const eventId = (seq: number): string => String(seq).padStart(6, '0');

/** Handling unit of a tier for a case's region chain. */
export function unitForTier(chain: { countyId: string; townId: string; villageId: string; gridId: string }, tier: Tier): string {
  switch (tier) {
    case 'grid':
      return chain.gridId;
    case 'village':
      return chain.villageId;
    case 'town':
      return chain.townId;
    case 'county':
      return chain.countyId;
    case 'city':
      return chain.countyId.slice(0, 4); // a county's city is its code's 4-digit prefix
  }
}
