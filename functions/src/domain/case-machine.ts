import { z } from 'zod';
import {
  type Actor,
  type CaseDoc,
  type CaseEventDraft,
  type CaseState,
  type Tier,
  COLOUR_OF,
  CaseClassSchema,
  OutcomeSchema,
  ReferralSchema,
  SatisfactionSchema,
  TIERS,
  tierRank,
  unitForTier,
} from './case-model';
import { DateTime } from 'luxon';
import { ZONE } from './clock';
import { DocId, IsoDate, Uid, isWellFormed } from './input';
import type { Claims, Role } from './roles';
import { scopeLevelOf } from './roles';
import { canReadCase, caseAccess } from './access';
import { minimumTier } from './vocab';

export { minimumTier } from './vocab';
import {
  ORIGIN_KINDS,
  ORIGIN_LABELS,
  ORIGIN_RESULTS,
  ORIGIN_RESULT_LABELS,
  OriginRef,
  REVIEW_LABELS,
  REVIEW_OUTCOMES,
  REVIEW_STAGES,
  RESULTS_FOR,
  SERVICES,
  SERVICE_RESULTS,
  nextReviewStage,
} from './legal';

/**
 * The case state machine (五步流程). One table says, for every action, from which states it may
 * run, where it leads, and which relations between actor and case allow it. The adapters
 * (callables, sweep) only validate, load, call `applyCommand` and write.
 */

/** How an actor stands to a case. */
export const RELATIONS = [
  'handler', // staff of the unit at the case's current tier (or the assigned handler)
  'upper', // staff of a higher tier in the case's chain (supervision, 提级)
  'territorial', // staff of a lower tier in the chain (属地): reads, follows up
  'department', // a dispatched department's officer
  'mediator', // an assigned mediator
  'leader', // the leader in charge (包案领导)
  'reporter', // who reported it
  'resident', // the resident who submitted it (群众): may rate the result
  'receiver', // the leader on duty who received the walk-in petition (接访领导)
  'assignee', // staff of a unit (or a department) with an open supervised item (督办件)
  'system', // the deadline sweep and other server jobs
] as const;
export type Relation = (typeof RELATIONS)[number];

const text = (max: number, msg = '内容不能为空') =>
  z.string().trim().min(1, msg).max(max, `不能超过${max}字`).refine(isWellFormed, '含有无法识别的字符');
const reason = text(500, '请填写原因');

/** Every command a client (or the sweep) can send, validated by the same schema everywhere. */
export const CaseCommand = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('accept'), note: text(500).optional() }),
  z.strictObject({ action: z.literal('not_accept'), reason, referral: ReferralSchema }),
  z.strictObject({ action: z.literal('mark_duplicate'), duplicateOf: DocId.pipe(z.string().max(60)), reason: reason.optional() }),
  z.strictObject({ action: z.literal('reclassify'), caseClass: CaseClassSchema, reason }),
  z.strictObject({ action: z.literal('assign_handler'), handlerUid: Uid }),
  z.strictObject({
    action: z.literal('assign_mediator'),
    /** A mediator with a console account (staff), or … */
    mediatorUid: Uid.optional(),
    /** … a mediator or studio from the registry (mediators/{id}); one of the two. */
    mediatorId: z
      .string()
      .regex(/^\d{6}-[a-z0-9-]{2,40}$/, '调解员编号格式不正确')
      .optional(),
  }),
  z.strictObject({
    action: z.literal('dispatch'),
    departmentIds: z
      .array(DocId.pipe(z.string().max(60)))
      .min(1)
      .max(10),
    emergency: z.boolean().default(false),
    instructions: text(1000).optional(),
  }),
  z.strictObject({ action: z.literal('check_in'), departmentId: DocId.pipe(z.string().max(60)) }),
  z.strictObject({ action: z.literal('department_feedback'), departmentId: DocId.pipe(z.string().max(60)), feedback: text(2000) }),
  z.strictObject({
    action: z.literal('record_mediation'),
    summary: text(2000),
    agreementReached: z.boolean(),
  }),
  z.strictObject({
    action: z.literal('assign_leader'),
    leaderUid: Uid,
    leaderName: z.string().max(40).nullable().default(null),
    team: z.array(z.string().trim().min(1).max(40)).max(20),
    plan: text(2000),
    dueDate: IsoDate,
  }),
  z.strictObject({ action: z.literal('leader_progress'), progress: text(2000) }),
  z.strictObject({ action: z.literal('resolve'), outcome: OutcomeSchema, note: text(2000) }),
  z.strictObject({ action: z.literal('suspend'), reason }),
  z.strictObject({ action: z.literal('resume'), note: text(500).optional() }),
  z.strictObject({ action: z.literal('escalate'), reason }),
  /** 接管: the village takes over a grid worker's case when the grid limit is near or past. */
  z.strictObject({ action: z.literal('take_over'), reason: text(500).optional() }),
  z.strictObject({ action: z.literal('return'), reason }),
  z.strictObject({ action: z.literal('supervise'), reason }),
  z.strictObject({ action: z.literal('callback'), satisfaction: SatisfactionSchema, note: text(1000).optional() }),
  z.strictObject({ action: z.literal('close'), note: text(500).optional() }),
  z.strictObject({ action: z.literal('reopen'), reason }),
  z.strictObject({
    action: z.literal('instruct'),
    instruction: text(2000),
    /** The units (region codes or department IDs) that must act and reply, each by a date. */
    assignments: z
      .array(z.strictObject({ unitId: DocId.pipe(z.string().min(6).max(60)), dueDate: IsoDate }))
      .min(1)
      .max(10),
  }),
  z.strictObject({
    action: z.literal('reply_supervision'),
    supervisionId: DocId.pipe(z.string().max(80)),
    reply: text(2000),
    /** What the petitioner was told (答复信访人): required. */
    petitionerReply: text(2000),
  }),
  z.strictObject({
    action: z.literal('recheck'),
    /** 回头看: the dispute is settled, or it flared up again (relapse reopens the case). */
    result: z.enum(['stable', 'relapse']),
    note: text(1000),
  }),
  z.strictObject({
    action: z.literal('extend_petition'),
    reason,
    approvedBy: text(40, '请填写批准人'),
    /** The petitioner must be told (信访工作条例 art. 34). */
    petitionerNotified: z.literal(true, '延期须告知信访人'),
  }),
  /** 登记委派来源 (诉调/警调/访调对接): the referring court, police station or 信访 office and its reference. */
  z.strictObject({
    action: z.literal('record_origin'),
    kind: z.enum(ORIGIN_KINDS, '请选择委派方类型'),
    departmentId: DocId.pipe(z.string().max(60)),
    ref: OriginRef,
    referredOn: IsoDate,
  }),
  /** 结果反馈委派方: what went back to the referrer (court: 司法确认 / 撤诉 / 立案). */
  z.strictObject({
    action: z.literal('report_back'),
    result: z.enum(ORIGIN_RESULTS, '请选择反馈结果'),
    note: text(1000),
    followUpRef: z.string().trim().min(1).max(60).refine(isWellFormed, '含有无法识别的字符').nullable().default(null),
  }),
  /** 移送法院: a dispute not accepted (分流至法院) or not settled (引导诉讼) sent to a named court. */
  z.strictObject({ action: z.literal('send_to_court'), departmentId: DocId.pipe(z.string().max(60)), note: text(1000) }),
  /** 申请复查/复核 (信访工作条例 arts. 35–36): registered when the petitioner's request arrives. */
  z.strictObject({
    action: z.literal('request_review'),
    stage: z.enum(REVIEW_STAGES, '请选择复查或复核'),
    body: text(60, '请填写复查（复核）机关'),
    note: text(1000).optional(),
  }),
  /** 复查/复核意见: upheld (维持), changed (变更) or revoked (撤销). */
  z.strictObject({ action: z.literal('decide_review'), outcome: z.enum(REVIEW_OUTCOMES, '请选择复查（复核）结论'), opinion: text(2000) }),
  /** 一站式转介: 法律援助, 法律咨询 or 心理咨询. */
  z.strictObject({ action: z.literal('refer_service'), service: z.enum(SERVICES, '请选择转介服务'), note: text(500) }),
  z.strictObject({
    action: z.literal('record_service_result'),
    referralId: DocId.pipe(z.string().max(80)),
    result: z.enum(SERVICE_RESULTS, '请选择转介结果'),
    note: text(1000),
  }),
]);
export type CaseCommand = z.infer<typeof CaseCommand>;

/** The payload of the `caseAction` callable. */
export const CaseActionInput = z.strictObject({
  caseId: z.string().regex(/^[0-9]{6}-[A-Za-z0-9-]{4,40}$/, '案件编号格式不正确'),
  /** The version the user saw: a stale one is refused (compare-and-set). */
  expectedVersion: z.number().int().positive(),
  command: CaseCommand,
});
export type CaseActionInput = z.infer<typeof CaseActionInput>;
export type Action = CaseCommand['action'];

type Target = CaseState | 'same' | 'resume';

interface Rule {
  from: readonly CaseState[];
  to: Target;
  by: readonly Relation[];
  /** Extra restriction on the case's tier. */
  tiers?: readonly Tier[];
  label: string; // 中文, for the console and the docs
}

const OPEN: readonly CaseState[] = ['reported', 'accepted', 'in_progress', 'suspended'];
const WORKING: readonly CaseState[] = ['accepted', 'in_progress'];
/** Tiers that have a center (综治中心): all but the grid. */
const CENTERS: readonly Tier[] = ['village', 'town', 'county', 'city'];
const AFTER_REPORT: readonly CaseState[] = ['accepted', 'in_progress', 'suspended', 'resolved', 'closed', 'not_accepted'];
const NOT_DUPLICATE: readonly CaseState[] = [...OPEN, 'resolved', 'closed', 'not_accepted'];

/** THE table. Read it against the commands in docs/api.md (`caseAction`). */
export const TRANSITIONS: Record<Action, Rule> = {
  // Grid workers do not accept: they solve on the spot (resolve) or report up (escalate).
  accept: { from: ['reported'], to: 'accepted', by: ['handler'], tiers: CENTERS, label: '受理' },
  not_accept: { from: ['reported'], to: 'not_accepted', by: ['handler'], tiers: CENTERS, label: '不予受理/分流' },
  mark_duplicate: { from: ['reported', 'accepted'], to: 'duplicate', by: ['handler'], tiers: CENTERS, label: '重复件' },
  reclassify: { from: OPEN, to: 'same', by: ['handler', 'upper'], tiers: CENTERS, label: '调整分类' },
  assign_handler: { from: WORKING, to: 'in_progress', by: ['handler', 'leader'], label: '指定承办人' },
  assign_mediator: { from: WORKING, to: 'in_progress', by: ['handler', 'leader'], label: '指派调解员' },
  dispatch: { from: WORKING, to: 'in_progress', by: ['handler', 'leader'], tiers: ['town', 'county'], label: '吹哨派单' },
  check_in: { from: ['in_progress', 'suspended'], to: 'same', by: ['department'], label: '部门报到' },
  department_feedback: { from: ['in_progress', 'suspended'], to: 'same', by: ['department'], label: '部门反馈' },
  record_mediation: { from: WORKING, to: 'in_progress', by: ['handler', 'mediator', 'leader'], label: '调解记录' },
  assign_leader: { from: OPEN, to: 'same', by: ['handler', 'upper'], tiers: ['town', 'county', 'city'], label: '领导包案' },
  leader_progress: { from: OPEN, to: 'same', by: ['leader'], label: '包案进展' },
  resolve: { from: ['reported', 'accepted', 'in_progress'], to: 'resolved', by: ['handler', 'mediator', 'leader'], label: '化解办结' },
  suspend: { from: WORKING, to: 'suspended', by: ['handler', 'leader'], label: '中止' },
  resume: { from: ['suspended'], to: 'resume', by: ['handler', 'leader'], label: '恢复' },
  escalate: {
    from: ['reported', 'accepted', 'in_progress'],
    to: 'reported',
    by: ['handler', 'system'],
    // From the county: 上报市级 (issue 16), the county center's decision only (extraGuard).
    tiers: ['grid', 'village', 'town', 'county'],
    label: '上报/提级',
  },
  // 接管: the village center takes a grid worker's case over (and accepts it) once the grid
  // worker's limit is near (its warning time) or past — see `takeOverOpensAt`.
  take_over: { from: ['reported'], to: 'accepted', by: ['upper'], tiers: ['grid'], label: '接管' },
  return: { from: ['reported', 'accepted'], to: 'reported', by: ['handler'], tiers: ['village', 'town', 'county', 'city'], label: '退回' },
  // 督办: by the county (its own case), the sweep, and the city over its counties' cases (市级督办,
  // which also lets the city center read the case: `supervisedByCity`, domain/access.ts).
  supervise: { from: OPEN, to: 'same', by: ['upper', 'system', 'handler'], tiers: ['county', 'city'], label: '督办' },
  callback: { from: ['resolved'], to: 'same', by: ['handler', 'territorial', 'resident'], label: '回访/评价' },
  close: { from: ['resolved'], to: 'closed', by: ['handler'], label: '归档' },
  reopen: { from: ['resolved', 'closed'], to: 'in_progress', by: ['handler', 'territorial', 'upper'], label: '回头看/重新办理' },
  recheck: { from: ['resolved', 'closed'], to: 'same', by: ['handler', 'territorial', 'upper'], label: '回头看' },
  instruct: { from: OPEN, to: 'same', by: ['receiver', 'leader'], label: '批示交办' },
  reply_supervision: { from: OPEN, to: 'same', by: ['assignee'], label: '督办答复' },
  extend_petition: { from: ['accepted', 'in_progress', 'suspended'], to: 'same', by: ['leader', 'upper'], label: '信访延期' },
  record_origin: { from: OPEN, to: 'same', by: ['handler', 'upper'], tiers: CENTERS, label: '登记委派来源' },
  report_back: { from: AFTER_REPORT, to: 'same', by: ['handler', 'upper', 'mediator', 'leader'], label: '结果反馈委派方' },
  send_to_court: { from: ['in_progress', 'resolved', 'closed', 'not_accepted'], to: 'same', by: ['handler', 'upper'], label: '移送法院' },
  request_review: { from: ['resolved', 'closed'], to: 'same', by: ['handler', 'upper'], tiers: CENTERS, label: '登记复查（复核）申请' },
  decide_review: { from: ['resolved', 'closed'], to: 'same', by: ['handler', 'upper'], tiers: CENTERS, label: '复查（复核）意见' },
  refer_service: {
    from: NOT_DUPLICATE,
    to: 'same',
    by: ['handler', 'upper', 'receiver', 'mediator', 'leader'],
    tiers: CENTERS,
    label: '一站式转介',
  },
  record_service_result: {
    from: NOT_DUPLICATE,
    to: 'same',
    by: ['handler', 'upper', 'receiver', 'mediator', 'leader'],
    tiers: CENTERS,
    label: '转介结果',
  },
};

/** An event's action and data, one of the union's members (distributive). */
type DraftPayload = CaseEventDraft extends infer E
  ? E extends { action: infer A; data: infer D }
    ? { action: A; data: D }
    : never
  : never;

/** An action's event data. */
type DataOf<A extends Action> = Extract<DraftPayload, { action: A }>['data'];

/** What an effect is given: the case as it was, its copy to change, the command, who, when. */
interface EffectArgs<A extends Action> {
  c: CaseDoc;
  next: CaseDoc;
  cmd: Extract<CaseCommand, { action: A }>;
  actor: Actor;
  now: Date;
}

/** What an effect adds to the event, and a state when it overrides the table's `to`. */
interface Effect<A extends Action> {
  /** The event's reason (free text); a command's `note` is used when there is none. */
  reason?: string | null;
  /** The event's data, typed per action (case-model.ts CaseEvent). */
  data: DataOf<A>;
  /** 不满意 (callback) and a relapse (recheck) reopen the case whatever the table says. */
  state?: CaseState;
}

/**
 * What each action changes besides its state (the table's `to`): the next case's fields and the
 * event's reason and data. An effect runs after every guard of the table passed, on a copy
 * (`next`), and may still refuse (a guard that needs the command's own fields).
 */
const EFFECTS: { [A in Action]: (x: EffectArgs<A>) => Effect<A> } = {
  accept: ({ c, next, now }) => {
    next.acceptedAt = c.acceptedAt ?? now; // the first acceptance (受理) counts
    return { data: { firstAccept: c.acceptedAt === null } };
  },
  not_accept: ({ next, cmd }) => {
    next.referral = { to: cmd.referral, note: cmd.reason };
    return { reason: cmd.reason, data: { referral: cmd.referral } };
  },
  mark_duplicate: ({ c, next, cmd }) => {
    if (cmd.duplicateOf === c.id) throw new GuardError('invalid-argument', '不能标记为自身的重复件', 'duplicateOf equals case id');
    next.duplicateOf = cmd.duplicateOf;
    return { reason: cmd.reason ?? null, data: { duplicateOf: cmd.duplicateOf } };
  },
  reclassify: ({ next, cmd }) => {
    next.caseClass = cmd.caseClass;
    next.colour = COLOUR_OF[cmd.caseClass];
    if (tierRank(minimumTier(next)) > tierRank(next.tier)) {
      throw new GuardError(
        'failed-precondition',
        '调整后的分类要求更高层级办理，请先上报',
        `reclassify to ${cmd.caseClass} needs tier ${minimumTier(next)}`,
      );
    }
    return { reason: cmd.reason, data: { caseClass: cmd.caseClass } };
  },
  assign_handler: ({ next, cmd }) => {
    next.handlerUid = cmd.handlerUid;
    return { data: { handlerUid: cmd.handlerUid } };
  },
  assign_mediator: ({ next, cmd }) => {
    // A registry mediator without an account is recorded on mediations/{caseId} (lib/mediation-service.ts).
    if (!cmd.mediatorUid && !cmd.mediatorId) throw new GuardError('invalid-argument', '请选择调解员', 'assign_mediator without a mediator');
    if (cmd.mediatorUid && !next.mediatorUids.includes(cmd.mediatorUid)) next.mediatorUids = [...next.mediatorUids, cmd.mediatorUid];
    return { data: { mediatorUid: cmd.mediatorUid ?? null, mediatorId: cmd.mediatorId ?? null } };
  },
  dispatch: ({ c, next, cmd, now }) => {
    const fresh = cmd.departmentIds.filter((d) => !c.departmentIds.includes(d));
    if (fresh.length === 0) throw new GuardError('failed-precondition', '所选部门均已派单', 'all departments already dispatched');
    next.departmentIds = [...c.departmentIds, ...fresh];
    for (const d of fresh) {
      next.dispatches.push({
        departmentId: d,
        state: 'dispatched',
        emergency: cmd.emergency,
        dispatchedAt: now,
        checkedInAt: null,
        reportedBackAt: null,
      });
    }
    return { data: { departmentIds: fresh, emergency: cmd.emergency, ...(cmd.instructions ? { instructions: cmd.instructions } : {}) } };
  },
  check_in: ({ next, cmd, now }) => {
    const d = next.dispatches.find((x) => x.departmentId === cmd.departmentId)!;
    d.state = 'checked_in';
    d.checkedInAt = now;
    return { data: { departmentId: cmd.departmentId } };
  },
  department_feedback: ({ next, cmd, now }) => {
    const d = next.dispatches.find((x) => x.departmentId === cmd.departmentId)!;
    d.state = 'reported_back';
    d.reportedBackAt = now;
    return { data: { departmentId: cmd.departmentId, feedback: cmd.feedback } };
  },
  record_mediation: ({ cmd }) => {
    return { data: { summary: cmd.summary, agreementReached: cmd.agreementReached } };
  },
  assign_leader: ({ next, cmd, now }) => {
    next.leaderUid = cmd.leaderUid;
    next.leader = { uid: cmd.leaderUid, name: cmd.leaderName, team: cmd.team, plan: cmd.plan, dueDate: cmd.dueDate, assignedAt: now };
    return { data: { leaderUid: cmd.leaderUid, dueDate: cmd.dueDate } };
  },
  leader_progress: ({ cmd }) => {
    return { data: { progress: cmd.progress } };
  },
  resolve: ({ c, next, cmd, now }) => {
    if (c.state === 'reported' && cmd.outcome !== 'solved_on_spot' && cmd.outcome !== 'explained' && cmd.outcome !== 'withdrawn') {
      throw new GuardError(
        'invalid-argument',
        '网格员就地化解只能选择“就地化解”“解释疏导”或“撤回”',
        `grid resolve with outcome ${cmd.outcome}`,
      );
    }
    next.outcome = cmd.outcome;
    next.resolutionNote = cmd.note;
    next.resolvedAt = now;
    next.satisfaction = null;
    return { data: { outcome: cmd.outcome } };
  },
  suspend: ({ c, next, cmd }) => {
    next.resumeState = c.state;
    return { reason: cmd.reason, data: {} };
  },
  resume: ({ next }) => {
    next.resumeState = null;
    return { data: {} };
  },
  escalate: ({ c, next, cmd }) => {
    const up = TIERS[tierRank(c.tier) + 1]!;
    next.tier = up;
    next.unitId = unitForTier(c, up);
    next.handlerUid = null;
    return { reason: cmd.reason, data: {} };
  },
  take_over: ({ c, next, cmd, now }) => {
    next.tier = 'village';
    next.unitId = unitForTier(c, 'village');
    next.handlerUid = null;
    next.acceptedAt = c.acceptedAt ?? now; // taking over is the village's acceptance (受理)
    return { reason: cmd.reason ?? null, data: { overdue: gridLimitPassed(c, now), firstAccept: c.acceptedAt === null } };
  },
  return: ({ c, next, cmd }) => {
    const down = TIERS[tierRank(c.tier) - 1]!;
    next.tier = down;
    next.unitId = unitForTier(c, down);
    next.handlerUid = null;
    return { reason: cmd.reason, data: {} };
  },
  supervise: ({ next, cmd, actor }) => {
    next.supervised = true;
    if (isCityUnit(actor.unitId)) next.supervisedByCity = true;
    return { reason: cmd.reason, data: {} };
  },
  callback: ({ c, next, cmd }) => {
    next.satisfaction = cmd.satisfaction;
    if (cmd.satisfaction !== 'unsatisfied') return { data: { satisfaction: cmd.satisfaction } };
    // 不满意 reopens the case at its tier.
    next.reopenCount = c.reopenCount + 1;
    next.resolvedAt = null;
    next.outcome = null;
    return { data: { satisfaction: cmd.satisfaction, reopened: true }, state: 'in_progress' };
  },
  close: ({ next, now }) => {
    next.closedAt = now;
    return { data: {} };
  },
  instruct: ({ c, next, cmd, actor, now }) => {
    const items = cmd.assignments.map((a, i) => ({
      id: `${c.id}-s${next.version}-${i + 1}`,
      instruction: cmd.instruction,
      leaderUid: actor.uid,
      assigneeUnit: a.unitId,
      dueDate: a.dueDate,
      state: 'open' as const,
      reply: null,
      petitionerReply: null,
      repliedAt: null,
      repliedBy: null,
      createdAt: now,
    }));
    next.supervisions = [...c.supervisions, ...items];
    next.supervised = true;
    return { reason: cmd.instruction, data: { items: items.map((x) => ({ id: x.id, assigneeUnit: x.assigneeUnit, dueDate: x.dueDate })) } };
  },
  reply_supervision: ({ c, next, cmd, actor, now }) => {
    next.supervisions = c.supervisions.map((s) =>
      s.id === cmd.supervisionId
        ? { ...s, state: 'replied' as const, reply: cmd.reply, petitionerReply: cmd.petitionerReply, repliedAt: now, repliedBy: actor.uid }
        : s,
    );
    return { reason: cmd.reply, data: { supervisionId: cmd.supervisionId } };
  },
  recheck: ({ c, next, cmd }) => {
    if (cmd.result !== 'relapse') return { reason: cmd.note, data: { result: cmd.result } };
    // A relapse reopens the case.
    next.reopenCount = c.reopenCount + 1;
    next.resolvedAt = null;
    next.closedAt = null;
    next.outcome = null;
    next.satisfaction = null;
    return { reason: cmd.note, data: { result: cmd.result }, state: 'in_progress' };
  },
  extend_petition: ({ next, cmd }) => {
    next.petitionExtended = true;
    return { reason: cmd.reason, data: { approvedBy: cmd.approvedBy } };
  },
  record_origin: ({ next, cmd, now }) => {
    if (cmd.referredOn > DateTime.fromJSDate(now, { zone: ZONE }).toISODate()!)
      throw new GuardError('invalid-argument', '委派日期不能晚于今天', `referredOn ${cmd.referredOn} in the future`);
    next.origin = {
      kind: cmd.kind,
      departmentId: cmd.departmentId,
      ref: cmd.ref,
      referredOn: cmd.referredOn,
      recordedAt: now,
      result: null,
    };
    return {
      reason: `${ORIGIN_LABELS[cmd.kind]}：${cmd.ref}`,
      data: { kind: cmd.kind, departmentId: cmd.departmentId, ref: cmd.ref, referredOn: cmd.referredOn },
    };
  },
  report_back: ({ c, next, cmd, actor, now }) => {
    const o = c.origin!;
    if (!RESULTS_FOR[o.kind].includes(cmd.result)) {
      throw new GuardError(
        'invalid-argument',
        `${ORIGIN_LABELS[o.kind]}的反馈结果只能是：${RESULTS_FOR[o.kind].map((r) => ORIGIN_RESULT_LABELS[r]).join('、')}`,
        `result ${cmd.result} not for origin ${o.kind}`,
      );
    }
    next.origin = {
      ...o,
      result: { result: cmd.result, note: cmd.note, followUpRef: cmd.followUpRef, returnedAt: now, returnedBy: actor.name },
    };
    return {
      reason: ORIGIN_RESULT_LABELS[cmd.result],
      data: { kind: o.kind, departmentId: o.departmentId, result: cmd.result, note: cmd.note },
    };
  },
  send_to_court: ({ next, cmd, actor, now }) => {
    next.sentToCourt = { departmentId: cmd.departmentId, note: cmd.note, sentAt: now, sentBy: actor.name };
    return { data: { departmentId: cmd.departmentId, note: cmd.note } };
  },
  request_review: ({ c, next, cmd, now }) => {
    const r = c.petitionReview!;
    const step = { body: cmd.body, requestedAt: now, decidedAt: null, outcome: null, opinion: null };
    next.petitionReview = cmd.stage === 'review' ? { ...r, requestBy: null, review: step } : { ...r, requestBy: null, recheck: step };
    return { reason: cmd.note ?? `申请${REVIEW_LABELS[cmd.stage]}（${cmd.body}）`, data: { stage: cmd.stage, body: cmd.body } };
  },
  decide_review: ({ c, next, cmd, now }) => {
    const r = c.petitionReview!;
    const stage = r.recheck ? 'recheck' : 'review';
    const done = { ...r[stage]!, decidedAt: now, outcome: cmd.outcome, opinion: cmd.opinion };
    // requestBy for 复核 is set by the clocks (domain/clocks.ts withClocks), which know the calendar.
    next.petitionReview = { ...r, requestBy: null, [stage]: done };
    return { data: { stage, outcome: cmd.outcome, opinion: cmd.opinion } };
  },
  refer_service: ({ c, next, cmd, actor, now }) => {
    const id = `${c.id}-r${next.version}`;
    next.serviceReferrals = [
      ...(c.serviceReferrals ?? []),
      {
        id,
        service: cmd.service,
        note: cmd.note,
        referredAt: now,
        referredBy: actor.name ?? '',
        state: 'open',
        result: null,
        resultNote: null,
        resultAt: null,
      },
    ];
    return { data: { referralId: id, service: cmd.service, note: cmd.note } };
  },
  record_service_result: ({ c, next, cmd, now }) => {
    const item = c.serviceReferrals.find((x) => x.id === cmd.referralId)!;
    next.serviceReferrals = c.serviceReferrals.map((x) =>
      x.id === cmd.referralId ? { ...x, state: 'done' as const, result: cmd.result, resultNote: cmd.note, resultAt: now } : x,
    );
    return { data: { referralId: cmd.referralId, service: item.service, result: cmd.result, note: cmd.note } };
  },
  reopen: ({ c, next, cmd }) => {
    next.reopenCount = c.reopenCount + 1;
    next.resolvedAt = null;
    next.closedAt = null;
    next.outcome = null;
    next.satisfaction = null;
    return { reason: cmd.reason, data: {} };
  },
};

const isCityUnit = (unitId: string): boolean => /^\d{4}$/.test(unitId);

/**
 * 市级督办: staff and leaders of the case's city may 督办 a county-tier case they have no read
 * relation to yet (the city sees its counties' figures, not their cases); the 督办 itself gives
 * the city center that relation.
 */
function citySupervises(claims: Claims, c: CaseDoc, action: Action): boolean {
  return (
    action === 'supervise' &&
    c.tier === 'county' &&
    (claims.r === 'city_staff' || claims.r === 'leader') &&
    actorTier(claims) === 'city' &&
    claims.u === unitForTier(c, 'city')
  );
}

/** Which roles are "staff" of a tier's center. */
const TIER_STAFF: Record<Tier, readonly Role[]> = {
  grid: ['grid_worker'],
  village: ['village_staff'],
  town: ['town_staff', 'leader'],
  county: ['county_staff', 'leader'],
  city: ['city_staff', 'leader'],
};

/** The tier an actor's unit sits at; a department, or the province (no case tier), has none. */
function actorTier(claims: Claims): Tier | null {
  const level = scopeLevelOf(claims);
  return level === 'department' || level === 'province' ? null : level;
}

/**
 * Who answers a 督办件 (督办答复): staff and leaders of the assigned unit, or officers of the
 * assigned department — role and scope, never the unit code alone (a resident, an administrator
 * or a mediator carries a unit code too).
 */
export function isSupervisionAssignee(claims: Claims, assignee: string): boolean {
  if (claims.r === 'department_officer') return !!claims.d && claims.d === assignee;
  const tier = actorTier(claims);
  return tier !== null && claims.r !== 'mediator' && TIER_STAFF[tier].includes(claims.r) && claims.u === assignee;
}

/** The relations between an actor and a case (there may be several). */
export function relationsOf(claims: Claims | 'system', uid: string, c: CaseDoc): Set<Relation> {
  const rel = new Set<Relation>();
  if (claims === 'system') {
    rel.add('system');
    return rel;
  }
  if (c.reporter.uid === uid) rel.add('reporter');
  if (c.residentUid === uid && claims.r === 'resident') rel.add('resident');
  if (c.petition?.receivedBy?.uid === uid) rel.add('receiver');
  if (c.supervisions.some((s) => s.state === 'open' && isSupervisionAssignee(claims, s.assigneeUnit))) rel.add('assignee');
  if (c.leaderUid === uid) rel.add('leader');
  if (c.mediatorUids.includes(uid)) rel.add('mediator');
  if (claims.r === 'department_officer' && claims.d && c.departmentIds.includes(claims.d)) rel.add('department');
  if (c.handlerUid === uid) rel.add('handler');
  const tier = actorTier(claims);
  if (tier && claims.r !== 'mediator' && TIER_STAFF[tier].includes(claims.r) && claims.u === unitForTier(c, tier)) {
    const d = tierRank(tier) - tierRank(c.tier);
    rel.add(d === 0 ? 'handler' : d > 0 ? 'upper' : 'territorial');
  }
  return rel;
}

export type GuardCode =
  | 'permission-denied'
  | 'failed-precondition'
  | 'invalid-argument'
  | 'not-found'
  | 'already-exists'
  | 'aborted'
  | 'unavailable';

export class GuardError extends Error {
  constructor(
    readonly code: GuardCode,
    /** Chinese, for users. */
    readonly userMessage: string,
    /** English, for logs. */
    readonly logMessage: string,
  ) {
    super(`${userMessage} (${logMessage})`);
  }
}

const STATE_LABEL: Record<CaseState, string> = {
  reported: '待受理',
  accepted: '已受理',
  in_progress: '处置中',
  suspended: '已中止',
  resolved: '已化解',
  closed: '已归档',
  not_accepted: '不予受理',
  duplicate: '重复件',
};
export const stateLabel = (s: CaseState) => STATE_LABEL[s];

/** Cases that need a leader in charge before they can be accepted (领导包案): red, group, cross-town. */
export function needsLeader(c: Pick<CaseDoc, 'caseClass' | 'flags'>): boolean {
  return c.caseClass === 'difficult' || c.flags.group || c.flags.crossTown;
}

/**
 * Acting needs reading (one model): only those with a relation to the case act on it; a resident
 * rates their own case (回访/评价) without reading the case itself.
 */
export function seesCase(claims: Claims | 'system', uid: string, c: CaseDoc, action: Action): boolean {
  if (claims === 'system') return true;
  if (claims.r === 'resident') return action === 'callback' && c.residentUid === uid;
  return canReadCase(claims, uid, caseAccess(c)) || citySupervises(claims, c, action);
}

/** Which actions an actor may take now: what the console shows as buttons. */
export function allowedActions(claims: Claims | 'system', uid: string, c: CaseDoc, now: Date = new Date()): Action[] {
  const rel = relationsOf(claims, uid, c);
  if (claims !== 'system' && claims.r !== 'resident' && !canReadCase(claims, uid, caseAccess(c))) return [];
  return (Object.keys(TRANSITIONS) as Action[]).filter((a) => {
    const r = TRANSITIONS[a];
    // Department actions are judged for the actor's own department.
    const probe =
      (a === 'check_in' || a === 'department_feedback') && claims !== 'system' && claims.d
        ? ({ action: a, departmentId: claims.d, feedback: '-' } as CaseCommand)
        : undefined;
    return (
      r.from.includes(c.state) &&
      (!r.tiers || r.tiers.includes(c.tier)) &&
      r.by.some((x) => rel.has(x)) &&
      extraGuard(a, c, rel, probe, { claims, now }) === null
    );
  });
}

/** The last day of a limit stored as 24:00 after it (e.g. 2026年5月13日). */
const fmtDay = (due: Date) => DateTime.fromJSDate(new Date(due.getTime() - 1), { zone: ZONE }).toFormat('yyyy年M月d日');
const fmtLocal = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).toFormat('M月d日 HH:mm');

/** The grid worker's limit on a grid-tier case: its tier clock for the grid (running, paused or breached). */
export function gridLimit(c: Pick<CaseDoc, 'clocks' | 'tier'>) {
  return c.clocks.find((k) => k.kind === 'tier' && k.subject === 'grid' && k.state !== 'met' && k.state !== 'stopped') ?? null;
}

/** Whether the grid worker's limit has run out at `now` (breached, or its due time passed). */
export function gridLimitPassed(c: Pick<CaseDoc, 'clocks' | 'tier'>, now: Date): boolean {
  const k = gridLimit(c);
  return !!k && (k.state === 'breached' || (k.dueAt !== null && k.dueAt.getTime() <= now.getTime()));
}

/**
 * When the village may take a grid-tier case over (接管): from the grid limit's warning time (黄灯,
 * the policy's warnHoursBefore.grid before it runs out — 4 hours by default) on, overdue
 * included. Null: at once (no grid limit is known, e.g. the calendar year is not loaded — nobody
 * is left waiting on a limit that cannot be computed).
 */
export function takeOverOpensAt(c: Pick<CaseDoc, 'clocks' | 'tier'>): Date | null {
  const k = gridLimit(c);
  if (!k || k.state === 'breached') return null;
  return k.warnAt ?? k.dueAt ?? null;
}

/** Guards that the table's columns cannot say; returns a Chinese message or null. */
function extraGuard(
  action: Action,
  c: CaseDoc,
  _rel: Set<Relation>,
  cmd: CaseCommand | undefined,
  ctx: { claims: Claims | 'system'; now: Date },
): string | null {
  switch (action) {
    case 'take_over': {
      if (ctx.claims === 'system' || actorTier(ctx.claims) !== 'village') return '网格案件由所在村（社区）接管';
      const opens = takeOverOpensAt(c);
      return opens && ctx.now < opens
        ? `网格员办理时限至${fmtLocal(gridLimit(c)?.dueAt ?? opens)}，${fmtLocal(opens)}起（临近到期或逾期）村（社区）可以接管`
        : null;
    }
    case 'accept':
      return needsLeader(c) && !c.leaderUid ? '红色、群体性或跨乡镇案件须先确定包案领导' : null;
    case 'resolve':
      // Only a grid worker may resolve straight from reported: 网格员就地化解.
      if (c.state === 'reported' && c.tier !== 'grid') return '案件尚未受理';
      return null;
    case 'return': {
      const lower = TIERS[tierRank(c.tier) - 1];
      return !lower || tierRank(lower) < tierRank(minimumTier(c)) ? '该案件按规定不能退回至更低层级' : null;
    }
    case 'supervise':
      // The city may still 督办 a case the county (or the sweep) already supervises.
      if (ctx.claims !== 'system' && actorTier(ctx.claims) === 'city' && c.tier === 'county')
        return c.supervisedByCity ? '市级已督办该案件' : null;
      return c.supervised ? '案件已在督办中' : null;
    case 'escalate':
      // 上报市级 is the county center's decision: the sweep never escalates a county case.
      return c.tier === 'county' && ctx.claims === 'system' ? '县级案件是否上报市级由县综治中心决定' : null;
    case 'check_in':
    case 'department_feedback': {
      if (!cmd || !('departmentId' in cmd)) return null;
      const d = c.dispatches.find((x) => x.departmentId === cmd.departmentId);
      if (!d) return '该部门未被派单';
      if (action === 'check_in' && d.state !== 'dispatched') return '该部门已报到';
      if (action === 'department_feedback' && d.state === 'dispatched') return '请先报到';
      return null;
    }
    case 'callback':
      return c.satisfaction ? '已回访' : null;
    case 'reply_supervision': {
      if (cmd?.action !== 'reply_supervision') return null;
      const item = c.supervisions.find((s) => s.id === cmd.supervisionId);
      if (!item) return '督办件不存在';
      return item.state === 'open' ? null : '该督办件已答复';
    }
    case 'extend_petition':
      if (!c.petition) return '只有信访事项可以延期';
      if (c.petitionExtended) return '信访办理期限只能延长一次';
      return c.clocks.some((k) => k.kind === 'petition_handle' && (k.state === 'running' || k.state === 'paused'))
        ? null
        : '没有正在计时的信访办理期限';
    case 'record_origin':
      return c.origin?.result ? '已向委派方反馈结果，不能再修改委派来源' : null;
    case 'report_back':
      if (!c.origin) return '该案件没有登记委派来源（法院、派出所或信访部门）';
      return c.origin.result ? '已向委派方反馈过结果' : null;
    case 'send_to_court':
      if (c.sentToCourt) return '该案件已移送法院';
      if (c.state === 'in_progress' || c.outcome === 'referred_litigation' || c.referral?.to === 'court') return null;
      return '只有调解不成引导诉讼、或分流至法院的案件可以移送法院';
    case 'request_review': {
      if (!c.petition) return '只有信访事项可以申请复查、复核';
      const r = c.petitionReview;
      const stage = nextReviewStage(r);
      if (stage === null) return '信访事项尚未书面答复，不能申请复查';
      if (stage === 'pending') return '复查（复核）申请正在办理中';
      if (stage === 'done') return '复核意见已作出，信访人不能再就同一事项申请复查、复核';
      if (cmd?.action === 'request_review' && cmd.stage !== stage)
        return stage === 'review' ? '请先申请复查；复核在复查意见作出后申请' : '复查意见已作出，请申请复核';
      if (r?.requestBy && ctx.now.getTime() >= r.requestBy.getTime()) {
        const from = stage === 'review' ? '书面答复' : '收到复查意见';
        return `已超过${REVIEW_LABELS[stage]}申请期限：应自${from}之日起30日内提出（截至${fmtDay(r.requestBy)}），信访人逾期未提出的不再受理`;
      }
      return null;
    }
    case 'decide_review':
      return nextReviewStage(c.petitionReview) === 'pending' ? null : '没有待办理的复查（复核）申请';
    case 'record_service_result': {
      if (cmd?.action !== 'record_service_result')
        return (c.serviceReferrals ?? []).some((x) => x.state === 'open') ? null : '没有待反馈的转介';
      const item = (c.serviceReferrals ?? []).find((x) => x.id === cmd.referralId);
      if (!item) return '转介记录不存在';
      return item.state === 'open' ? null : '该转介已记录结果';
    }
    default:
      return null;
  }
}

/**
 * What `applyCommand` makes: the case after the command and its event before the transition is
 * finished (clocks, access lists, statistics facts). Only `transition` (domain/transition.ts)
 * finishes it; an unfinished event is not a `CaseEvent`, so it cannot be written.
 */
export interface DraftTransition {
  next: CaseDoc;
  event: CaseEventDraft;
}

/**
 * Applies one command to a case. Pure: the caller supplies the actor, clock reading and, for
 * department commands, claims. Throws GuardError when the actor may not or the state does not allow.
 */
export function applyCommand(c: CaseDoc, cmd: CaseCommand, actor: Actor, claims: Claims | 'system', now: Date): DraftTransition {
  const rule = TRANSITIONS[cmd.action];
  if (!seesCase(claims, actor.uid, c, cmd.action)) {
    // The same answer as for a case that does not exist: no probing of case IDs.
    throw new GuardError('not-found', '案件不存在或您无权查看', 'case not found or not visible to the caller');
  }
  const rel = relationsOf(claims, actor.uid, c);
  if (!rule.by.some((r) => rel.has(r))) {
    throw new GuardError(
      'permission-denied',
      `您无权对该案件执行“${rule.label}”`,
      `actor ${actor.uid} (${[...rel].join(',') || 'no relation'}) may not ${cmd.action} case ${c.id}`,
    );
  }
  if (claims !== 'system' && claims.r === 'department_officer' && 'departmentId' in cmd && cmd.departmentId !== claims.d) {
    throw new GuardError('permission-denied', '只能代表本部门报到或反馈', `officer of ${claims.d} acted for ${cmd.departmentId}`);
  }
  if (cmd.action === 'reply_supervision' && claims !== 'system') {
    const item = c.supervisions.find((x) => x.id === cmd.supervisionId);
    if (item && !isSupervisionAssignee(claims, item.assigneeUnit)) {
      throw new GuardError(
        'permission-denied',
        '只能答复交办给本单位的督办件',
        `a ${claims.r} replied to supervision ${item.id} assigned elsewhere`,
      );
    }
  }
  if (!rule.from.includes(c.state)) {
    throw new GuardError(
      'failed-precondition',
      `案件当前状态为“${STATE_LABEL[c.state]}”，不能${rule.label}`,
      `action ${cmd.action} not allowed in state ${c.state}`,
    );
  }
  if (rule.tiers && !rule.tiers.includes(c.tier)) {
    const msg = cmd.action === 'escalate' ? '市级为最高层级，逾期或未化解请转督办' : `当前层级不能${rule.label}`;
    throw new GuardError('failed-precondition', msg, `action ${cmd.action} not allowed at tier ${c.tier}`);
  }
  const guard = extraGuard(cmd.action, c, rel, cmd, { claims, now });
  if (guard) throw new GuardError('failed-precondition', guard, `guard failed for ${cmd.action} on ${c.id}: ${guard}`);

  const next: CaseDoc = {
    ...c,
    flags: { ...c.flags },
    dispatches: c.dispatches.map((d) => ({ ...d })),
    version: c.version + 1,
    updatedAt: now,
  };
  const effect = (EFFECTS[cmd.action] as (x: EffectArgs<Action>) => Effect<Action>)({ c, next, cmd, actor, now });
  let reasonText = effect.reason ?? null;
  // The event's action and data, typed per action (domain/case-model.ts CaseEvent).
  const payload = { action: cmd.action, data: effect.data } as DraftPayload;
  next.state = effect.state ?? (rule.to === 'same' ? c.state : rule.to === 'resume' ? (c.resumeState ?? 'in_progress') : rule.to);
  if ('note' in cmd && cmd.note && !reasonText) reasonText = cmd.note;

  const event: CaseEventDraft = {
    seq: next.version,
    scope: { countyId: c.countyId, townId: c.townId, villageId: c.villageId, gridId: c.gridId },
    ...payload,
    at: now,
    actor,
    from: { state: c.state, tier: c.tier },
    to: { state: next.state, tier: next.tier },
    reason: reasonText,
  };
  return { next, event };
}
