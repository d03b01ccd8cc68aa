// Table-driven tests of every transition and guard: one row per (action, situation, actor),
// written by hand against the lifecycle (docs/api.md, `caseAction`) rather than derived from the table.
import { describe, expect, it } from 'vitest';
import {
  type CaseCommand,
  type CaseDoc,
  type CaseState,
  type Claims,
  type Tier,
  GuardError,
  TRANSITIONS,
  applyCommand,
  unitForTier,
} from '../../functions/src/domain';
import { actorOf, countyStaff, gridWorker, reported, townStaff, villageStaff } from '../helpers/cases';

const POLICE = '621126-police-minyang';
const police: Claims = { r: 'department_officer', u: POLICE, c: '621126', t: '621126100', d: POLICE };
const justice: Claims = { r: 'department_officer', u: '621126-justice-minyang', c: '621126', t: '621126100', d: '621126-justice-minyang' };
const townLeader: Claims = { r: 'leader', u: '621126100', c: '621126', t: '621126100' };
const mediator: Claims = { r: 'mediator', u: '621126100', c: '621126', t: '621126100' };
const grid2: Claims = { r: 'grid_worker', u: '621126100002001', c: '621126', t: '621126100', v: '621126100002', g: '621126100002001' };
const residentCounty: Claims = { r: 'resident', u: '621126', c: '621126' };
const adminCounty: Claims = { r: 'admin', u: '621126', c: '621126' };
const UIDS = new Map<Claims, string>([
  [townLeader, 'leader-1'],
  [mediator, 'med-1'],
]);

function at(state: CaseState, tier: Tier, over: Partial<CaseDoc> = {}): CaseDoc {
  const c = reported();
  return { ...c, state, tier, unitId: unitForTier(c, tier), ...over };
}
const dispatched = (state: 'dispatched' | 'checked_in') => ({
  departmentIds: [POLICE],
  dispatches: [{ departmentId: POLICE, state, emergency: false, dispatchedAt: new Date(), checkedInAt: null, reportedBackAt: null }],
});

const petitionClock = {
  id: 'petition_handle:3',
  kind: 'petition_handle' as const,
  subject: null,
  startedAt: new Date('2026-03-01T00:00:00Z'),
  dueAt: new Date('2026-04-30T16:00:00Z'),
  warnAt: null,
  state: 'running' as const,
  remainingMs: null,
  warnedAt: null,
  breachedAt: null,
  endedAt: null,
  calendarGap: false,
};

const COURT_ORIGIN = {
  kind: 'court' as const,
  departmentId: '621126-court-minyang',
  ref: '(2026)甘1126民诉前调1号',
  referredOn: '2026-03-01',
  recordedAt: new Date('2026-03-01T02:00:00Z'),
  result: null,
};
const REVIEW_OPEN = {
  answeredAt: new Date('2026-03-01T02:00:00Z'),
  requestBy: new Date('2026-03-31T16:00:00Z'),
  review: null,
  recheck: null,
};
const SERVICE = {
  id: 'case-1-r3',
  service: 'legal_aid' as const,
  note: '需法律援助',
  referredAt: new Date('2026-03-01T02:00:00Z'),
  referredBy: '王敏',
  state: 'open' as const,
  result: null,
  resultNote: null,
  resultAt: null,
};

/** The grid worker's limit (tier clock for the grid). */
const gridClock = (due: string, warn: string, state: 'running' | 'breached' = 'running') => ({
  id: 'tier:grid:1',
  kind: 'tier' as const,
  subject: 'grid',
  startedAt: new Date('2026-03-02T02:00:00Z'),
  dueAt: new Date(due),
  warnAt: new Date(warn),
  state,
  remainingMs: null,
  warnedAt: null,
  breachedAt: state === 'breached' ? new Date(due) : null,
  endedAt: null,
  calendarGap: false,
});

const PETITION = {
  channel: 'walk_in' as const,
  repeat: false,
  skipLevel: false,
  noDutyLeader: false,
  receivedBy: { uid: 'leader-1', name: '刘芳', title: '书记', dutyDate: '2026-03-02', unitId: '621126100' },
};
const ITEM = {
  id: 'case-1-s2-1',
  instruction: '核实',
  leaderUid: 'leader-1',
  assigneeUnit: '621126100001',
  dueDate: '2026-03-10',
  state: 'open' as const,
  reply: null,
  petitionerReply: null,
  repliedAt: null,
  repliedBy: null,
  createdAt: new Date('2026-03-02T02:00:00Z'),
};

type Row = [
  name: string,
  c: CaseDoc,
  cmd: CaseCommand,
  who: Claims,
  expected: ({ state?: CaseState; tier?: Tier } & Record<string, unknown>) | GuardError['code'],
];

const ROWS: Row[] = [
  ['village accepts a village report', at('reported', 'village'), { action: 'accept' }, villageStaff, { state: 'accepted' }],
  ['grid worker cannot accept (no center at grid)', at('reported', 'grid'), { action: 'accept' }, gridWorker, 'failed-precondition'],
  // No relation to the case: the same answer as a case that does not exist.
  ['town cannot accept a village case', at('reported', 'village'), { action: 'accept' }, townStaff, 'not-found'],
  ['accept twice', at('accepted', 'village'), { action: 'accept' }, villageStaff, 'failed-precondition'],
  [
    'not accepted with a referral to court',
    at('reported', 'town'),
    { action: 'not_accept', reason: '属于诉讼', referral: 'court' },
    townStaff,
    { state: 'not_accepted' },
  ],
  [
    'not_accept after acceptance',
    at('accepted', 'town'),
    { action: 'not_accept', reason: 'x', referral: 'court' },
    townStaff,
    'failed-precondition',
  ],
  [
    'mark duplicate',
    at('reported', 'village'),
    { action: 'mark_duplicate', duplicateOf: '621126-other' },
    villageStaff,
    { state: 'duplicate' },
  ],
  [
    'mark itself duplicate',
    at('reported', 'village'),
    { action: 'mark_duplicate', duplicateOf: 'case-1' },
    villageStaff,
    'invalid-argument',
  ],
  [
    'reclassify to complex',
    at('accepted', 'village'),
    { action: 'reclassify', caseClass: 'complex', reason: '复杂' },
    villageStaff,
    { state: 'accepted' },
  ],
  [
    'reclassify to red below county',
    at('accepted', 'village'),
    { action: 'reclassify', caseClass: 'difficult', reason: '疑难' },
    villageStaff,
    'failed-precondition',
  ],
  ['assign a handler', at('accepted', 'town'), { action: 'assign_handler', handlerUid: 'h1' }, townStaff, { state: 'in_progress' }],
  [
    'assign a mediator',
    at('accepted', 'village'),
    { action: 'assign_mediator', mediatorUid: 'med-1' },
    villageStaff,
    { state: 'in_progress' },
  ],
  [
    'town dispatches a department',
    at('accepted', 'town'),
    { action: 'dispatch', departmentIds: [POLICE], emergency: true },
    townStaff,
    { state: 'in_progress' },
  ],
  [
    'village cannot dispatch',
    at('accepted', 'village'),
    { action: 'dispatch', departmentIds: [POLICE], emergency: false },
    villageStaff,
    'failed-precondition',
  ],
  [
    'dispatch the same department again',
    at('in_progress', 'town', dispatched('dispatched')),
    { action: 'dispatch', departmentIds: [POLICE], emergency: false },
    townStaff,
    'failed-precondition',
  ],
  [
    'department checks in',
    at('in_progress', 'town', dispatched('dispatched')),
    { action: 'check_in', departmentId: POLICE },
    police,
    { state: 'in_progress' },
  ],
  [
    'undispatched department checks in',
    at('in_progress', 'town', dispatched('dispatched')),
    { action: 'check_in', departmentId: POLICE },
    justice,
    'not-found',
  ],
  [
    'check in twice',
    at('in_progress', 'town', dispatched('checked_in')),
    { action: 'check_in', departmentId: POLICE },
    police,
    'failed-precondition',
  ],
  [
    'feedback before check-in',
    at('in_progress', 'town', dispatched('dispatched')),
    { action: 'department_feedback', departmentId: POLICE, feedback: '已处理' },
    police,
    'failed-precondition',
  ],
  [
    'feedback after check-in',
    at('in_progress', 'town', dispatched('checked_in')),
    { action: 'department_feedback', departmentId: POLICE, feedback: '已处理' },
    police,
    { state: 'in_progress' },
  ],
  [
    'mediator records a session',
    at('in_progress', 'village', { mediatorUids: ['med-1'] }),
    { action: 'record_mediation', summary: '调解', agreementReached: true },
    mediator,
    { state: 'in_progress' },
  ],
  [
    'unassigned mediator records',
    at('in_progress', 'village'),
    { action: 'record_mediation', summary: '调解', agreementReached: true },
    mediator,
    'not-found',
  ],
  [
    'town assigns a leader',
    at('reported', 'town'),
    { action: 'assign_leader', leaderUid: 'leader-1', leaderName: null, team: [], plan: '方案', dueDate: '2026-12-31' },
    townStaff,
    { state: 'reported' },
  ],
  [
    'village cannot assign a leader',
    at('reported', 'village'),
    { action: 'assign_leader', leaderUid: 'leader-1', leaderName: null, team: [], plan: '方案', dueDate: '2026-12-31' },
    villageStaff,
    'failed-precondition',
  ],
  [
    'leader logs progress',
    at('in_progress', 'town', { leaderUid: 'leader-1' }),
    { action: 'leader_progress', progress: '协调会' },
    townLeader,
    { state: 'in_progress' },
  ],
  [
    'grid worker solves on the spot',
    at('reported', 'grid'),
    { action: 'resolve', outcome: 'solved_on_spot', note: '当场化解' },
    gridWorker,
    { state: 'resolved' },
  ],
  [
    'grid worker claims an agreement without a center',
    at('reported', 'grid'),
    { action: 'resolve', outcome: 'mediated_agreement', note: 'x' },
    gridWorker,
    'invalid-argument',
  ],
  [
    'resolve an unaccepted village case',
    at('reported', 'village'),
    { action: 'resolve', outcome: 'explained', note: 'x' },
    villageStaff,
    'failed-precondition',
  ],
  [
    'resolve with an agreement',
    at('in_progress', 'village'),
    { action: 'resolve', outcome: 'mediated_agreement', note: '协议' },
    villageStaff,
    { state: 'resolved' },
  ],
  ['suspend awaiting appraisal', at('in_progress', 'town'), { action: 'suspend', reason: '等待鉴定' }, townStaff, { state: 'suspended' }],
  [
    'resume to the state it left',
    at('suspended', 'town', { resumeState: 'accepted' }),
    { action: 'resume' },
    townStaff,
    { state: 'accepted' },
  ],
  ['resume a running case', at('in_progress', 'town'), { action: 'resume' }, townStaff, 'failed-precondition'],
  [
    'escalate grid → village',
    at('reported', 'grid'),
    { action: 'escalate', reason: '上报' },
    gridWorker,
    { state: 'reported', tier: 'village' },
  ],
  [
    'escalate town → county',
    at('in_progress', 'town'),
    { action: 'escalate', reason: '提级' },
    townStaff,
    { state: 'reported', tier: 'county' },
  ],
  // Issue 16: the county escalates to its city (上报市级); the city is the top tier.
  [
    'escalate at county (上报市级)',
    at('accepted', 'county'),
    { action: 'escalate', reason: 'x' },
    countyStaff,
    { state: 'reported', tier: 'city' },
  ],
  [
    'escalate at city',
    at('accepted', 'city', { unitId: '6211' }),
    { action: 'escalate', reason: 'x' },
    { r: 'city_staff', u: '6211' } as Claims,
    'failed-precondition',
  ],
  ['another grid escalates', at('reported', 'grid'), { action: 'escalate', reason: 'x' }, grid2, 'permission-denied'],
  // 接管: the village takes a grid case over from the grid limit's warning time on (now is 2026-03-05T02:00Z).
  [
    'village takes over near the grid limit',
    at('reported', 'grid', { clocks: [gridClock('2026-03-05T03:00:00Z', '2026-03-04T23:00:00Z')] }),
    { action: 'take_over' },
    villageStaff,
    { state: 'accepted', tier: 'village' },
  ],
  [
    'village takes over an overdue grid case',
    at('reported', 'grid', { clocks: [gridClock('2026-03-04T09:00:00Z', '2026-03-04T05:00:00Z', 'breached')] }),
    { action: 'take_over', reason: '网格员逾期未处理' },
    villageStaff,
    { state: 'accepted', tier: 'village' },
  ],
  [
    'village cannot take over before the warning time',
    at('reported', 'grid', { clocks: [gridClock('2026-03-06T09:00:00Z', '2026-03-06T05:00:00Z')] }),
    { action: 'take_over' },
    villageStaff,
    'failed-precondition',
  ],
  [
    // The town does not read grid-tier cases at all: the same answer as a case that does not exist.
    'town cannot take over a grid case (the village does)',
    at('reported', 'grid', { clocks: [gridClock('2026-03-04T09:00:00Z', '2026-03-04T05:00:00Z', 'breached')] }),
    { action: 'take_over' },
    townStaff,
    'not-found',
  ],
  ['the grid worker cannot take over', at('reported', 'grid'), { action: 'take_over' }, gridWorker, 'permission-denied'],
  ['no take-over of a village case', at('reported', 'village'), { action: 'take_over' }, villageStaff, 'permission-denied'],
  [
    'town returns to village',
    at('reported', 'town'),
    { action: 'return', reason: '属村级事项' },
    townStaff,
    { state: 'reported', tier: 'village' },
  ],
  [
    'return a cross-village case below town',
    at('reported', 'town', { flags: { ...reported().flags, crossVillage: true } }),
    { action: 'return', reason: 'x' },
    townStaff,
    'failed-precondition',
  ],
  ['county supervises', at('accepted', 'county'), { action: 'supervise', reason: '逾期' }, countyStaff, { state: 'accepted' }],
  [
    'supervise twice',
    at('accepted', 'county', { supervised: true }),
    { action: 'supervise', reason: 'x' },
    countyStaff,
    'failed-precondition',
  ],
  ['callback satisfied', at('resolved', 'village'), { action: 'callback', satisfaction: 'satisfied' }, villageStaff, { state: 'resolved' }],
  [
    'callback unsatisfied reopens',
    at('resolved', 'village'),
    { action: 'callback', satisfaction: 'unsatisfied' },
    villageStaff,
    { state: 'in_progress' },
  ],
  [
    'callback twice',
    at('resolved', 'village', { satisfaction: 'satisfied' }),
    { action: 'callback', satisfaction: 'satisfied' },
    villageStaff,
    'failed-precondition',
  ],
  ['close a resolved case', at('resolved', 'town'), { action: 'close' }, townStaff, { state: 'closed' }],
  ['close an open case', at('in_progress', 'town'), { action: 'close' }, townStaff, 'failed-precondition'],
  ['回头看 reopens a closed case', at('closed', 'town'), { action: 'reopen', reason: '复发' }, villageStaff, { state: 'in_progress' }],
  ['reopen a case never accepted', at('not_accepted', 'town'), { action: 'reopen', reason: 'x' }, townStaff, 'failed-precondition'],
  [
    'the leader in charge extends a petition once',
    at('in_progress', 'town', { source: 'petition', petition: PETITION, leaderUid: 'leader-1', clocks: [petitionClock] }),
    { action: 'extend_petition', reason: '案情复杂', approvedBy: '刘芳', petitionerNotified: true },
    townLeader,
    { state: 'in_progress' },
  ],
  [
    'a petition extended twice',
    at('in_progress', 'town', {
      source: 'petition',
      petition: PETITION,
      leaderUid: 'leader-1',
      petitionExtended: true,
      clocks: [petitionClock],
    }),
    { action: 'extend_petition', reason: 'x', approvedBy: '刘芳', petitionerNotified: true },
    townLeader,
    'failed-precondition',
  ],
  [
    'extend a case that is no petition',
    at('in_progress', 'town', { leaderUid: 'leader-1' }),
    { action: 'extend_petition', reason: 'x', approvedBy: '刘芳', petitionerNotified: true },
    townLeader,
    'failed-precondition',
  ],
  [
    "town staff extend without a leader's approval relation",
    at('in_progress', 'town', { source: 'petition', petition: PETITION, clocks: [petitionClock] }),
    { action: 'extend_petition', reason: 'x', approvedBy: '张伟', petitionerNotified: true },
    townStaff,
    'permission-denied',
  ],
  [
    '回头看 finds it stable',
    at('closed', 'village'),
    { action: 'recheck', result: 'stable', note: '未再发生' },
    villageStaff,
    { state: 'closed' },
  ],
  [
    '回头看 finds a relapse and reopens',
    at('closed', 'village'),
    { action: 'recheck', result: 'relapse', note: '矛盾反弹' },
    villageStaff,
    { state: 'in_progress' },
  ],
  [
    '回头看 on an open case',
    at('in_progress', 'village'),
    { action: 'recheck', result: 'stable', note: 'x' },
    villageStaff,
    'failed-precondition',
  ],
  [
    'the receiving leader instructs (批示交办)',
    at('accepted', 'town', { petition: PETITION }),
    { action: 'instruct', instruction: '请核实答复', assignments: [{ unitId: '621126100001', dueDate: '2026-03-10' }] },
    townLeader,
    { state: 'accepted' },
  ],
  [
    'a leader who neither received nor leads it instructs',
    at('accepted', 'town'),
    { action: 'instruct', instruction: 'x', assignments: [{ unitId: '621126100001', dueDate: '2026-03-10' }] },
    townLeader,
    'permission-denied',
  ],
  [
    'the assignee replies to the leader and the petitioner',
    at('accepted', 'town', { petition: PETITION, supervisions: [ITEM] }),
    { action: 'reply_supervision', supervisionId: ITEM.id, reply: '已核实', petitionerReply: '已告知' },
    villageStaff,
    { state: 'accepted' },
  ],
  [
    'another unit replies',
    at('accepted', 'town', { petition: PETITION, supervisions: [ITEM, { ...ITEM, id: 'x2', assigneeUnit: POLICE }] }),
    { action: 'reply_supervision', supervisionId: ITEM.id, reply: 'x', petitionerReply: 'x' },
    police,
    'permission-denied',
  ],
  [
    'reply twice',
    at('accepted', 'town', { petition: PETITION, supervisions: [{ ...ITEM, state: 'replied' }] }),
    { action: 'reply_supervision', supervisionId: ITEM.id, reply: 'x', petitionerReply: 'x' },
    villageStaff,
    'permission-denied',
  ],
  // Role and scope, never the unit code alone: a resident, an administrator or a mediator whose
  // unit code equals the assignee's may not answer (nor read the case at all).
  [
    'a resident with the assignee unit code replies',
    at('accepted', 'town', { petition: PETITION, supervisions: [{ ...ITEM, assigneeUnit: '621126' }] }),
    { action: 'reply_supervision', supervisionId: ITEM.id, reply: 'x', petitionerReply: 'x' },
    residentCounty,
    'not-found',
  ],
  [
    'an administrator with the assignee unit code replies',
    at('accepted', 'town', { petition: PETITION, supervisions: [{ ...ITEM, assigneeUnit: '621126' }] }),
    { action: 'reply_supervision', supervisionId: ITEM.id, reply: 'x', petitionerReply: 'x' },
    adminCounty,
    'not-found',
  ],
  [
    'a mediator with the assignee unit code replies',
    at('accepted', 'town', { petition: PETITION, supervisions: [{ ...ITEM, assigneeUnit: '621126100' }] }),
    { action: 'reply_supervision', supervisionId: ITEM.id, reply: 'x', petitionerReply: 'x' },
    mediator,
    'not-found',
  ],
  [
    'county staff answer an item assigned to the county',
    at('accepted', 'town', { petition: PETITION, supervisions: [{ ...ITEM, assigneeUnit: '621126' }] }),
    { action: 'reply_supervision', supervisionId: ITEM.id, reply: '已核实', petitionerReply: '已告知' },
    countyStaff,
    { state: 'accepted' },
  ],
  [
    'a department assigned an item (never dispatched) answers it',
    at('accepted', 'town', { petition: PETITION, supervisions: [{ ...ITEM, assigneeUnit: POLICE }] }),
    { action: 'reply_supervision', supervisionId: ITEM.id, reply: '已核实', petitionerReply: '已告知' },
    police,
    { state: 'accepted' },
  ],
  // ── legal chain (issue 13) ──
  [
    'the handler records the referring court (诉调)',
    at('accepted', 'town', { source: 'court_referral' }),
    {
      action: 'record_origin',
      kind: 'court',
      departmentId: '621126-court-minyang',
      ref: '(2026)甘1126民诉前调1号',
      referredOn: '2026-03-01',
    },
    townStaff,
    { state: 'accepted', origin: { kind: 'court', ref: '(2026)甘1126民诉前调1号' } },
  ],
  [
    'a department records a referral itself',
    at('accepted', 'town', dispatched('checked_in')),
    { action: 'record_origin', kind: 'police', departmentId: POLICE, ref: 'JQ1', referredOn: '2026-03-01' },
    police,
    'permission-denied',
  ],
  [
    'the result goes back to the court',
    at('resolved', 'town', { origin: COURT_ORIGIN }),
    { action: 'report_back', result: 'mediated_confirmation', note: '已达成协议，申请司法确认', followUpRef: null },
    townStaff,
    { state: 'resolved', origin: { result: { result: 'mediated_confirmation' } } },
  ],
  [
    'a police result for a court referral',
    at('resolved', 'town', { origin: COURT_ORIGIN }),
    { action: 'report_back', result: 'mediated', note: 'x', followUpRef: null },
    townStaff,
    'invalid-argument',
  ],
  [
    'report back with no referrer',
    at('resolved', 'town'),
    { action: 'report_back', result: 'mediated', note: 'x', followUpRef: null },
    townStaff,
    'failed-precondition',
  ],
  [
    'a case not accepted for the court is sent to it',
    at('not_accepted', 'town', { referral: { to: 'court', note: '诉讼事项' } }),
    { action: 'send_to_court', departmentId: '621126-court-minyang', note: '移送材料' },
    townStaff,
    { state: 'not_accepted', sentToCourt: { departmentId: '621126-court-minyang' } },
  ],
  [
    'a resolved case explained away is sent to court',
    at('resolved', 'town', { outcome: 'explained' }),
    { action: 'send_to_court', departmentId: '621126-court-minyang', note: 'x' },
    townStaff,
    'failed-precondition',
  ],
  [
    'the petitioner asks for 复查 within the window',
    at('resolved', 'town', { petition: PETITION, petitionReview: REVIEW_OPEN }),
    { action: 'request_review', stage: 'review', body: '县信访局' },
    townStaff,
    { state: 'resolved', petitionReview: { review: { body: '县信访局' } } },
  ],
  [
    '复查 asked after the window',
    at('resolved', 'town', { petition: PETITION, petitionReview: { ...REVIEW_OPEN, requestBy: new Date('2026-03-04T16:00:00Z') } }),
    { action: 'request_review', stage: 'review', body: '县信访局' },
    townStaff,
    'failed-precondition',
  ],
  [
    'the 复查 is decided',
    at('closed', 'town', {
      petition: PETITION,
      petitionReview: {
        ...REVIEW_OPEN,
        review: { body: '县信访局', requestedAt: new Date(), decidedAt: null, outcome: null, opinion: null },
      },
    }),
    { action: 'decide_review', outcome: 'upheld', opinion: '维持原处理意见' },
    townStaff,
    { state: 'closed', petitionReview: { review: { outcome: 'upheld' } } },
  ],
  [
    'a decision with no request',
    at('closed', 'town', { petition: PETITION, petitionReview: REVIEW_OPEN }),
    { action: 'decide_review', outcome: 'upheld', opinion: 'x' },
    townStaff,
    'failed-precondition',
  ],
  [
    'reception refers a person to 心理咨询',
    at('accepted', 'town'),
    { action: 'refer_service', service: 'psychological', note: '当事人情绪激动' },
    townStaff,
    { state: 'accepted', serviceReferrals: [{ service: 'psychological', state: 'open' }] },
  ],
  [
    'a grid worker refers (reception is at a center)',
    reported(),
    { action: 'refer_service', service: 'legal_aid', note: 'x' },
    gridWorker,
    'failed-precondition',
  ],
  [
    'the referral’s result',
    at('accepted', 'town', { serviceReferrals: [SERVICE] }),
    { action: 'record_service_result', referralId: SERVICE.id, result: 'served', note: '已咨询' },
    townStaff,
    { state: 'accepted', serviceReferrals: [{ state: 'done', result: 'served' }] },
  ],
  [
    'a result for a referral that is not there',
    at('accepted', 'town', { serviceReferrals: [SERVICE] }),
    { action: 'record_service_result', referralId: 'nope-r1', result: 'served', note: 'x' },
    townStaff,
    'failed-precondition',
  ],
];

describe('every transition and guard', () => {
  it('has rows for every action in the table', () => {
    const covered = new Set(ROWS.map((r) => r[2].action));
    expect([...covered].sort()).toEqual(Object.keys(TRANSITIONS).sort());
  });

  it.each(ROWS)('%s', (_, c, cmd, who, expected) => {
    const run = () => applyCommand(c, cmd, actorOf(who, UIDS.get(who) ?? `uid-${who.r}`), who, new Date('2026-03-05T02:00:00Z'));
    if (typeof expected === 'string') {
      let err: unknown;
      try {
        run();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(GuardError);
      expect((err as GuardError).code).toBe(expected);
      expect((err as GuardError).userMessage).toMatch(/\p{Script=Han}/u);
    } else {
      const { next, event } = run();
      expect(next).toMatchObject(expected);
      expect(next.version).toBe(c.version + 1);
      expect(event).toMatchObject({
        seq: c.version + 1,
        action: cmd.action,
        from: { state: c.state, tier: c.tier },
        to: { state: next.state, tier: next.tier },
      });
    }
  });
});
