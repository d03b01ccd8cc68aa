import { z } from 'zod';
import { caseAccess } from './access';
import {
  type Actor,
  type CaseDoc,
  type CaseEventDraft,
  type CasePrivateDoc,
  type PetitionInfo,
  type Source,
  type Tier,
  COLOUR_OF,
  CaseClassSchema,
  CategorySchema,
  Party,
  SourceSchema,
  higherTier,
  unitForTier,
} from './case-model';
import { minimumTier } from './vocab';
import { caseMaskOptions, maskActor, maskCaseTexts, maskEventTexts, maskName, maskPhone } from './privacy';
import { own } from './input';
import { titleTokens } from './search';
import { chainOf, gridCode } from './regions';
import type { Claims } from './roles';
import { scopeLevelOf } from './roles';
import { GuardError } from './case-machine';
import { GRID_OUTCOMES } from './vocab';
import { GeoLocation } from './photo-model';

export { GRID_OUTCOMES } from './vocab';

/**
 * The grid worker's choice at submission (one call, so a case never sits silently at the grid):
 * 就地化解 — resolved at once with an outcome allowed at the grid and a note; 上报村(社区) —
 * escalated to the village center at once (it gets the "待受理" alert).
 */
export const GridAction = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('resolve'),
    outcome: z.enum(GRID_OUTCOMES, '请选择化解方式'),
    note: z.string().trim().min(1, '请填写化解情况').max(2000, '不能超过2000字'),
  }),
  z.strictObject({
    kind: z.literal('escalate'),
    reason: z.string().trim().min(1, '请填写上报原因').max(500, '不能超过500字').default('网格员登记时上报村（社区）'),
  }),
]);
export type GridAction = z.infer<typeof GridAction>;

/** The payload of `reportCase` (登记/上报), from the console or an adapter. */
export const ReportCaseInput = z.strictObject({
  /** Client-made idempotency key: the same key never makes a second case. */
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId 应为8-64位字母数字'),
  gridId: gridCode,
  category: CategorySchema,
  caseClass: CaseClassSchema.default('general'),
  source: SourceSchema.default('grid_patrol'),
  title: z.string().trim().min(2, '标题至少2个字').max(60, '标题不能超过60字'),
  description: z.string().trim().min(5, '请描述纠纷情况（至少5个字）').max(4000, '描述不能超过4000字'),
  flags: z
    .strictObject({
      group: z.boolean().default(false),
      groupSize: z.number().int().min(0).max(100000).nullable().default(null),
      violenceRisk: z.boolean().default(false),
      crossVillage: z.boolean().default(false),
      crossTown: z.boolean().default(false),
      keyPersons: z.boolean().default(false),
    })
    .prefault({}),
  parties: z.array(Party).min(1, '至少登记一名当事人').max(50),
  address: z.string().trim().max(200).nullable().default(null),
  /**
   * Where it happened (一张图), if known: the phone's position (navigator.geolocation) or a point
   * placed on the map; optional, never required. Stored with the parties (cases/{id}/private/
   * parties): only those who read the case see it.
   */
  location: GeoLocation.nullable().default(null),
  /**
   * Only for a case that starts at the grid (a grid worker's report): resolve it on the spot or
   * report it up to the village, in the same transaction. Left out (older clients, adapters), the
   * case waits at the grid as 待受理 and the village may take it over (接管) near the limit.
   */
  gridAction: GridAction.nullable().default(null),
});
export type ReportCaseInput = z.infer<typeof ReportCaseInput>;
export type ReportCaseDraft = z.input<typeof ReportCaseInput>;

/**
 * 信访 channels (信访工作条例 art. 17: 信息网络、书信、电话、走访): a case that came in by any of
 * them is a 信访 and runs the statutory clocks, whoever reports it. 12345 and the other sources
 * are not 信访.
 */
export function petitionChannel(source: Source): PetitionInfo['channel'] | null {
  switch (source) {
    case 'petition':
      return 'online'; // 网上信访
    case 'letter':
      return 'letter';
    case 'phone':
      return 'phone';
    case 'walk_in':
      return 'walk_in';
    default:
      return null;
  }
}

/** The tier a reporter's own center sits at. */
function reporterTier(claims: Claims): Tier {
  const level = scopeLevelOf(claims);
  if (claims.r === 'resident') return 'village'; // a resident's request goes to the village center
  if (level === 'department') return claims.t ? 'town' : 'county';
  // The province has no case tier of its own (issue 16: cases go up to the city at most).
  if (level === 'province') return 'city';
  return level;
}

/** Roles that may report a case into a region they cover. */
const REPORTER_ROLES = new Set(['grid_worker', 'village_staff', 'town_staff', 'county_staff', 'leader', 'department_officer', 'resident']);

/** Does the actor's scope cover this grid? Departments and residents report within their county/town. */
export function coversGrid(claims: Claims, gridId: string): boolean {
  const chain = chainOf(gridId);
  if (claims.g) return claims.g === gridId;
  if (claims.v) return claims.v === chain.villageId;
  if (claims.t) return claims.t === chain.townId;
  return claims.c === chain.countyId;
}

export interface PlannedReport {
  caseDoc: CaseDoc;
  privateDoc: CasePrivateDoc;
  /** Unfinished: `report` (domain/transition.ts) adds its clocks' case and statistics facts. */
  event: CaseEventDraft;
}

/** A report from an external system (intake adapter): no user claims, a configured start tier. */
export interface SystemReporter {
  system: true;
  startTier: Tier;
  externalRef: string | null;
}

/** Builds the new case, its private part and its first event (pure). */
export function planReport(
  input: ReportCaseInput,
  caseId: string,
  actor: Actor,
  claims: Claims | SystemReporter,
  now: Date,
): PlannedReport {
  const system = 'system' in claims;
  if (!system && !REPORTER_ROLES.has(claims.r)) {
    throw new GuardError('permission-denied', '您的角色不能登记案件', `role ${claims.r} may not report`);
  }
  if (!system && !coversGrid(claims, input.gridId)) {
    throw new GuardError('permission-denied', '只能登记本辖区内的案件', `actor scope ${claims.u} does not cover grid ${input.gridId}`);
  }
  const chain = chainOf(input.gridId) as { countyId: string; townId: string; villageId: string; gridId: string };
  // Fields that route a case or start clocks (source, class, cross-area and group flags) are the
  // server's to set for residents: a resident's request starts as an ordinary 随手报 at the village
  // and staff reclassify it after reading it. What the resident ticked is kept in the first event.
  const asked = input;
  if (!system && claims.r === 'resident') {
    input = {
      ...input,
      source: 'resident_app',
      caseClass: 'general',
      flags: { ...input.flags, group: false, groupSize: null, crossVillage: false, crossTown: false, keyPersons: false },
    };
  }
  const flags = { ...input.flags, group: input.flags.group || (input.flags.groupSize ?? 0) >= 5 };
  const tier = higherTier(system ? claims.startTier : reporterTier(claims), minimumTier({ caseClass: input.caseClass, flags }));
  const base: CaseDoc = {
    id: caseId,
    countyId: chain.countyId,
    townId: chain.townId,
    villageId: chain.villageId,
    gridId: chain.gridId,
    tier,
    unitId: unitForTier(chain, tier),
    state: 'reported',
    resumeState: null,
    caseClass: input.caseClass,
    colour: COLOUR_OF[input.caseClass],
    category: input.category,
    source: input.source,
    flags,
    title: input.title,
    description: input.description,
    partiesMasked: input.parties.map((p) => ({ role: p.role, name: maskName(p.name), phone: maskPhone(p.phone) })),
    reporter: actor,
    handlerUid: null,
    mediatorUids: [],
    departmentIds: [],
    dispatches: [],
    leaderUid: null,
    leader: null,
    outcome: null,
    resolutionNote: null,
    referral: null,
    duplicateOf: null,
    satisfaction: null,
    supervised: false,
    reopenCount: 0,
    residentUid: !system && claims.r === 'resident' ? actor.uid : null,
    externalRef: system ? claims.externalRef : null,
    version: 1,
    createdAt: now,
    updatedAt: now,
    acceptedAt: null,
    resolvedAt: null,
    closedAt: null,
    clocks: [],
    nextDeadlineAt: null,
    sweepAt: null,
    petitionExtended: false,
    overdue: false,
    petition: petitionChannel(input.source)
      ? { channel: petitionChannel(input.source)!, repeat: false, skipLevel: false, receivedBy: null, noDutyLeader: false }
      : null,
    supervisions: [],
    accessUnits: [],
    accessUids: [],
    accessDepartments: [],
    searchTokens: [],
    origin: null,
    sentToCourt: null,
    petitionReview: null,
    serviceReferrals: [],
    supervisedByCity: false,
    hasMediation: false,
    maskSeal: null, // sealed by the writer (lib/mask-seal.ts): encryption is no pure computation
  };
  Object.assign(base, caseAccess(base));
  // Everyone who reads the case sees its texts masked; the originals stay with the parties.
  const opts = caseMaskOptions({ parties: input.parties, address: input.address }, { id: caseId, ...chain });
  const masked = maskCaseTexts(base, opts);
  const caseDoc = { ...masked, searchTokens: titleTokens(masked.title) };
  const privateDoc: CasePrivateDoc = {
    caseId,
    countyId: chain.countyId,
    parties: input.parties,
    title: input.title,
    description: input.description,
    address: input.address,
    location: input.location,
  };
  const event: Extract<CaseEventDraft, { action: 'report' }> = {
    seq: 1,
    scope: { countyId: chain.countyId, townId: chain.townId, villageId: chain.villageId, gridId: chain.gridId },
    action: 'report',
    at: now,
    actor: maskActor(actor),
    from: null,
    to: { state: 'reported', tier },
    reason: null,
    data: {
      source: input.source,
      category: input.category,
      requestId: input.requestId,
      reporterRole: actor.role,
      reporterUid: actor.uid,
      ...(system && claims.externalRef ? { externalRef: claims.externalRef } : {}),
      ...(asked !== input ? { residentAsked: { source: asked.source, caseClass: asked.caseClass, flags: asked.flags } } : {}),
    },
  };
  return { caseDoc, privateDoc, event: maskEventTexts(event, opts) };
}

/** intakeSources/{sourceId}: an external system allowed to post cases, and how to map its codes. */
export const IntakeSourceDoc = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{3,40}$/),
  name: z.string().min(1).max(40),
  countyId: z.string().regex(/^\d{6}$/),
  source: SourceSchema,
  startTier: z.enum(['village', 'town', 'county']),
  /** External category code → our category; unknown codes map to 'other'. */
  categoryMap: z.record(z.string(), CategorySchema),
  /** External region code → grid code. A payload may also name a grid code of this county directly. */
  regionMap: z.record(z.string(), gridCode),
  active: z.boolean(),
});
export type IntakeSourceDoc = z.infer<typeof IntakeSourceDoc>;

/** The body an external system posts to the intake endpoint. */
export const IntakePayload = z.strictObject({
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_.:-]{8,64}$/, 'idempotencyKey: 8-64 letters, digits or _.:-'),
  externalId: z.string().max(64).nullable().default(null),
  category: z.string().min(1).max(40),
  region: z.string().min(1).max(40),
  title: z.string().trim().min(2).max(60),
  description: z.string().trim().min(5).max(4000),
  caseClass: CaseClassSchema.default('general'),
  parties: z.array(Party).max(50).default([]),
  group: z.boolean().default(false),
  groupSize: z.number().int().min(0).max(100000).nullable().default(null),
  /** Where it happened, WGS-84 degrees (optional): stored like reportCase's `location`. */
  location: GeoLocation.nullable().default(null),
});
export type IntakePayload = z.infer<typeof IntakePayload>;

/** Maps an external payload onto a report, or says which field cannot be mapped. */
export function mapIntake(
  src: IntakeSourceDoc,
  p: IntakePayload,
): { ok: true; input: ReportCaseInput } | { ok: false; fields: { path: string; message: string }[] } {
  const grid =
    own(src.regionMap, p.region) ?? (gridCode.safeParse(p.region).success && p.region.startsWith(src.countyId) ? p.region : null);
  if (!grid) return { ok: false, fields: [{ path: 'region', message: `unknown region code ${p.region} for source ${src.id}` }] };
  const parties = p.parties.length
    ? p.parties
    : [{ role: 'applicant' as const, name: '（来源系统未提供）', phone: null, idNumber: null, address: null }];
  return {
    ok: true,
    input: ReportCaseInput.parse({
      requestId: p.idempotencyKey.replace(/[^A-Za-z0-9_-]/g, '_'),
      gridId: grid,
      category: own(src.categoryMap, p.category) ?? 'other',
      caseClass: p.caseClass,
      source: src.source,
      title: p.title,
      description: p.description,
      flags: { group: p.group, groupSize: p.groupSize },
      parties,
      address: null,
      location: p.location,
    }),
  };
}
