// Generated bad input over EVERY callable (functions/src/index.ts) and the HTTP endpoints
// (intake, rosterIcs), through the Functions emulator as real signed-in users: at least 200
// payloads each, mutated from schema-valid examples (fuzz helpers) plus hand-written nasty ones.
// Every answer must be a 4xx-class code — never internal/unknown, never a hang — and afterwards
// no document in Firestore may be new, changed or gone, and no Auth account may be new.
//
// Each example is valid by the schema but refused by a later check that a mutation cannot lift
// (an "anchor": a unit of another county, a grid that does not exist, a year with no calendar…),
// so deep paths (document reads with the IDs given) are reached while nothing may be written.
// A generated payload that passes the schema and no longer holds its anchor is not sent.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CaseActionInput,
  DecideRosterChangeInput,
  DeadlinePolicy,
  ImportCalendarInput,
  IntakePayload,
  LedgerInput,
  PatrolLedgerInput,
  LinkageDoc,
  LogVisitInput,
  MonthlyReportInput,
  PublishRosterInput,
  RegisterResidentInput,
  RecordPatrolInput,
  RecordItemInput,
  HazardActionInput,
  TrackCaseInput,
  ReportCaseInput,
  ResetUserPasswordInput,
  RosterChangeInput,
  RosterConfig,
  SaveDepartmentInput,
  SaveGridInput,
  SearchCasesInput,
  TypicalCaseInput,
  UpsertUserInput,
  WalkInInput,
  SaveCourtFilingInput,
  LaunchCampaignInput,
  CloseCampaignInput,
  defaultPolicy,
} from '../../functions/src/domain';
import {
  ExportMediationAgreementInput,
  RecordJudicialConfirmationInput,
  RecordMediationSessionInput,
  RecordPerformanceInput,
  SaveMediationAgreementInput,
  SaveMediationOrgInput,
  SaveMediatorInput,
} from '../../functions/src/domain/mediation';
import {
  OpenKeyPersonInput,
  RecordKeyPersonVisitInput,
  SaveKeyPersonInput,
  SetKeyPersonRiskInput,
} from '../../functions/src/domain/keypersons';
import { AttachItemPhotosInput } from '../../functions/src/domain/photos';
import { NeedActionInput } from '../../functions/src/domain/needs';
import { sign } from '../../functions/src/lib/hmac';
import { HandleSignalInput } from '../../functions/src/domain/signals';
import { ExportNoticesInput, IssueNoticeInput, NoticeActionInput } from '../../functions/src/domain/notices';
import { CloseMeetingInput, ReplyMeetingTaskInput, SaveMeetingInput } from '../../functions/src/domain/meetings';
import { ExportMeetingsInput } from '../../functions/src/domain/meeting-export';
import { localIntakeKeys } from '../../scripts/lib/local-secrets.mjs';
import { type Client, adminAuth, adminDb, closeAdmin, requestId, signInAs } from '../helpers/emulator';
import {
  CLIENT_STATUSES,
  FUNCTIONS_URL,
  HUGE,
  type Json,
  ROOT_NASTIES,
  generatePayloads,
  idTokenOf,
  nastyString,
  pool,
  quietSnapshot,
  rawCall,
  snapshotDiff,
  snapshotDocs,
} from '../helpers/fuzz';
import type { z } from 'zod';

const PER_CALLABLE = Number(process.env.FENGQIAO_FUZZ_RUNS ?? 200);
// One call at a time: the functions emulator starts a worker per concurrent call (slow, and heavy).
const CONCURRENCY = Number(process.env.FENGQIAO_FUZZ_CONCURRENCY ?? 1);
const SEED = Number(process.env.FENGQIAO_FUZZ_SEED ?? 20261128);
const CALL_TIMEOUT_MS = 30_000;
const VILLAGE = '621126100001';

const clients: Record<string, Client> = {};
const tokens: Record<string, string> = {};
let caseId = '';
const existing = {
  regions: new Set<string>(),
  grids: new Set<string>(),
  departments: new Set<string>(),
  rosterUnits: new Set<string>(),
  years: new Set<number>(),
};
const published: Record<string, [string, string][]> = {};
let linked: string[] = [];
let before: Map<string, string>;
let authBefore: Set<string>;

async function authUids(): Promise<Set<string>> {
  const out = new Set<string>();
  let page: string | undefined;
  do {
    const r = await adminAuth().listUsers(1000, page);
    r.users.forEach((u) => {
      out.add(u.uid);
    });
    page = r.pageToken;
  } while (page);
  return out;
}

beforeAll(async () => {
  for (const k of ['village', 'grid2', 'town', 'admin', 'county-leader']) clients[k] = await signInAs(k);
  for (const [k, c] of Object.entries(clients)) tokens[k] = await idTokenOf(c);
  caseId = (
    await clients.village!.call<{ caseId: string }>('reportCase', {
      requestId: requestId(),
      gridId: `${VILLAGE}001`,
      category: 'neighbour',
      title: '模糊测试用纠纷',
      description: '用于生成输入测试的案件',
      parties: [{ role: 'applicant', name: '测试甲', phone: null, idNumber: null, address: null }],
    })
  ).caseId;
  const db = adminDb();
  const [regions, grids, departments, rosters, years] = await Promise.all(
    ['regions', 'grids', 'departments', 'rosters', 'calendarYears'].map((c) => db.collection(c).select().get()),
  );
  regions!.docs.forEach((d) => {
    existing.regions.add(d.id);
  });
  grids!.docs.forEach((d) => {
    existing.grids.add(d.id);
  });
  departments!.docs.forEach((d) => {
    existing.departments.add(d.id);
  });
  rosters!.docs.forEach((d) => {
    existing.rosterUnits.add(d.id);
  });
  years!.docs.forEach((d) => {
    existing.years.add(Number(d.id));
  });
  for (const u of existing.rosterUnits)
    published[u] = (await db.collection(`rosters/${u}/versions`).get()).docs.map((d) => [d.get('from'), d.get('to')]);
  linked = ((await db.doc(`linkages/${clients['county-leader']!.uid}`).get()).get('villageIds') as string[] | undefined) ?? [];
  before = await quietSnapshot();
  expect(before.size).toBeGreaterThan(1000); // the snapshot sees the seeded county (at any depth)
  expect([...before.keys()].some((k) => k.includes('/events/'))).toBe(true);
  authBefore = await authUids();
}, 180_000);
afterAll(closeAdmin);

const leader = (uid: string) => ({ uid, name: '某领导', title: '副镇长', neverWeekdays: [] });
const party = { role: 'applicant', name: '测试乙', phone: '13812345678', idNumber: null, address: null };
const years = (from: string, to: string) => {
  const out: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)) && out.length < 200; y++) out.push(y);
  return out;
};

interface Spec {
  name: string;
  who: string;
  schema: z.ZodType;
  examples: () => Json[];
  /** For a payload that passes the schema: is it still refused for sure (nothing can be written)? */
  // biome-ignore lint/suspicious/noExplicitAny: a generated payload of any shape, narrowed by each callable's own check
  anchored: (p: any) => boolean;
  handWritten?: () => Json[];
}

const SAFE_FOR_HANDLER = [
  'mark_duplicate',
  'assign_handler',
  'assign_mediator',
  'dispatch',
  'check_in',
  'department_feedback',
  'record_mediation',
  'assign_leader',
  'leader_progress',
  'suspend',
  'resume',
  'supervise',
  'callback',
  'close',
  'reopen',
  'recheck',
  'instruct',
  'reply_supervision',
  'extend_petition',
];
const commands = (): Json[] => [
  { action: 'accept', note: '受理' },
  { action: 'not_accept', reason: '不属于受理范围', referral: 'court' },
  { action: 'mark_duplicate', duplicateOf: '621126-NoSuchCase0', reason: '重复' },
  { action: 'reclassify', caseClass: 'complex', reason: '情况复杂' },
  { action: 'assign_handler', handlerUid: 'no-such-user-fuzz' },
  { action: 'assign_mediator', mediatorUid: 'no-such-user-fuzz' },
  { action: 'dispatch', departmentIds: ['621126-no-such-dept'], emergency: false, instructions: '请报到' },
  { action: 'check_in', departmentId: '621126-police-minyang' },
  { action: 'department_feedback', departmentId: '621126-police-minyang', feedback: '已处理' },
  { action: 'record_mediation', summary: '调解一次', agreementReached: false },
  { action: 'assign_leader', leaderUid: 'no-such-user-fuzz', leaderName: '某领导', team: ['甲'], plan: '方案', dueDate: '2026-12-20' },
  { action: 'leader_progress', progress: '进展' },
  { action: 'resolve', outcome: 'explained', note: '已解释' },
  { action: 'suspend', reason: '等待鉴定' },
  { action: 'resume', note: '恢复' },
  { action: 'escalate', reason: '需上级处理' },
  { action: 'take_over', reason: '接管' },
  { action: 'return', reason: '退回' },
  { action: 'supervise', reason: '督办' },
  { action: 'callback', satisfaction: 'satisfied', note: '满意' },
  { action: 'close', note: '归档' },
  { action: 'reopen', reason: '反弹' },
  { action: 'recheck', result: 'stable', note: '稳定' },
  { action: 'instruct', instruction: '批示', assignments: [{ unitId: '621126-police-minyang', dueDate: '2026-12-20' }] },
  { action: 'reply_supervision', supervisionId: 'no-such-item', reply: '已办', petitionerReply: '已告知' },
  { action: 'extend_petition', reason: '延期', approvedBy: '某领导', petitionerNotified: true },
  {
    action: 'record_origin',
    kind: 'court',
    departmentId: '621126-court-minyang',
    ref: '(2026)甘1126民诉前调1号',
    referredOn: '2026-03-01',
  },
  { action: 'report_back', result: 'failed_filing', note: '调解不成', followUpRef: null },
  { action: 'send_to_court', departmentId: '621126-court-minyang', note: '移送' },
  { action: 'request_review', stage: 'review', body: '县信访局', note: '不服' },
  { action: 'decide_review', outcome: 'upheld', opinion: '维持' },
  { action: 'refer_service', service: 'legal_aid', note: '法律援助' },
  { action: 'record_service_result', referralId: 'no-such-referral', result: 'served', note: '已服务' },
];

const SPECS: Spec[] = [
  {
    // grid2 has no relation to the case: references are read, then the transition is refused.
    name: 'caseAction',
    who: 'grid2',
    schema: CaseActionInput,
    examples: () => commands().map((command) => ({ caseId, expectedVersion: 1, command })),
    anchored: () => true,
    handWritten: () => [
      { caseId, expectedVersion: 1, command: { action: 'dispatch', departmentIds: ['a/b/c'], emergency: false } },
      { caseId, expectedVersion: 1, command: { action: 'dispatch', departmentIds: ['..'], emergency: false } },
      { caseId, expectedVersion: 1, command: { action: 'dispatch', departmentIds: ['__x__'], emergency: false } },
      { caseId, expectedVersion: 1, command: { action: 'assign_handler', handlerUid: '../users/x' } },
      { caseId, expectedVersion: 1, command: { action: 'assign_mediator', mediatorUid: '__proto__' } },
      { caseId, expectedVersion: 1, command: { action: 'mark_duplicate', duplicateOf: 'x/y' } },
      {
        caseId,
        expectedVersion: 1,
        command: { action: 'assign_leader', leaderUid: 'x', leaderName: null, team: [], plan: 'p', dueDate: '2026-13-45' },
      },
      { caseId, expectedVersion: 1, command: { action: 'escalate', reason: '\ud800' } },
      ...ROOT_NASTIES,
    ],
  },
  {
    // The case's handler, with only the commands the case's state or tier refuses whatever the payload.
    name: 'caseAction',
    who: 'village',
    schema: CaseActionInput,
    examples: () =>
      commands()
        .filter((c) => SAFE_FOR_HANDLER.includes((c as { action: string }).action))
        .map((command) => ({ caseId, expectedVersion: 1, command })),
    anchored: (p) =>
      SAFE_FOR_HANDLER.includes(p.command.action) &&
      !(
        p.command.action === 'mark_duplicate' &&
        p.command.duplicateOf !== caseId &&
        p.command.duplicateOf.startsWith('621126-') &&
        p.command.duplicateOf.length === 19
      ),
    handWritten: () => [
      { caseId, expectedVersion: 1, command: { action: 'dispatch', departmentIds: ['621126-police-minyang/x'], emergency: false } },
      { caseId, expectedVersion: 1, command: { action: 'mark_duplicate', duplicateOf: '..' } },
      { caseId, expectedVersion: 1, command: { action: 'mark_duplicate', duplicateOf: '__x__' } },
    ],
  },
  {
    name: 'reportCase',
    who: 'village',
    schema: ReportCaseInput,
    examples: () => [
      {
        requestId: requestId(),
        gridId: `${VILLAGE}099`,
        category: 'neighbour',
        caseClass: 'general',
        source: 'grid_patrol',
        title: '模糊测试',
        description: '不存在的网格里的纠纷',
        parties: [party],
        address: null,
      },
    ],
    anchored: (p) => !existing.grids.has(p.gridId),
    handWritten: () => [
      {
        requestId: requestId(),
        gridId: `${VILLAGE}099`,
        category: 'neighbour',
        title: '\ud800\ud800',
        description: '孤立代理项',
        parties: [party],
      },
      {
        requestId: requestId(),
        gridId: `${VILLAGE}099`,
        category: '__proto__',
        title: '原型',
        description: '原型污染测试',
        parties: [party],
      },
    ],
  },
  {
    name: 'upsertUser',
    who: 'admin',
    schema: UpsertUserInput,
    examples: () => [
      {
        email: `fuzz-${Date.now()}@test.fengqiao.cn`,
        password: 'Passw0rd!x',
        displayName: '模糊测试',
        phone: null,
        title: null,
        role: 'village_staff',
        scopeId: '621126100099',
        active: true,
      },
      {
        uid: 'no-such-uid-fuzz',
        email: `fuzz2-${Date.now()}@test.fengqiao.cn`,
        displayName: '模糊测试',
        role: 'village_staff',
        scopeId: VILLAGE,
        active: true,
      },
    ],
    anchored: (p) =>
      p.uid !== undefined
        ? !p.uid.startsWith('demo') && p.uid.length !== 28
        : !existing.regions.has(p.scopeId) && !existing.grids.has(p.scopeId) && !existing.departments.has(p.scopeId),
    handWritten: () => [
      {
        email: `${'x'.repeat(1_000_000)}@test.fengqiao.cn`,
        password: 'Passw0rd!x',
        displayName: '超长邮箱',
        role: 'village_staff',
        scopeId: VILLAGE,
      },
      { uid: 'a/b', email: 'x@test.fengqiao.cn', displayName: 'x', role: 'village_staff', scopeId: VILLAGE },
      { uid: '__x__', email: 'x@test.fengqiao.cn', displayName: 'x', role: 'village_staff', scopeId: VILLAGE },
      { uid: 'no-such-uid', email: 'x@test.fengqiao.cn', displayName: 'x', role: 'village_staff', scopeId: VILLAGE },
      { email: 'surrogate@test.fengqiao.cn', password: 'Passw0rd!x', displayName: '\ud800', role: 'village_staff', scopeId: VILLAGE },
      { email: 'dept@test.fengqiao.cn', password: 'Passw0rd!x', displayName: 'x', role: 'department_officer', scopeId: '621126-a/b' },
      { email: 'leadervillage@test.fengqiao.cn', password: 'Passw0rd!x', displayName: 'x', role: 'leader', scopeId: '621126100001x' },
    ],
  },
  {
    name: 'saveGrid',
    who: 'admin',
    schema: SaveGridInput,
    examples: () => [{ id: '621126100099001', name: '模糊网格', villageId: '621126100099', households: 10 }],
    anchored: (p) => !existing.regions.has(p.villageId),
  },
  {
    name: 'saveDepartment',
    who: 'admin',
    schema: SaveDepartmentInput,
    examples: () => [
      { id: '621127-fuzz-dept', name: '外县部门', kind: 'other', townId: null },
      { id: '621126-fuzz-dept', name: '模糊部门', kind: 'other', townId: '621126199' },
    ],
    anchored: (p) => !p.id.startsWith('621126-') || (!!p.townId && !existing.regions.has(p.townId)),
  },
  {
    name: 'savePolicy',
    who: 'admin',
    schema: DeadlinePolicy,
    examples: () => [defaultPolicy('621127') as unknown as Json],
    anchored: (p) => p.countyId !== '621126',
  },
  {
    name: 'exportLedger',
    who: 'village',
    schema: LedgerInput,
    examples: () => [
      { unitId: VILLAGE, from: '2026-03-10', to: '2026-03-01', format: 'csv' },
      { unitId: '621126100002', from: '2026-03-01', to: '2026-03-10', format: 'xlsx' },
    ],
    anchored: (p) => p.to < p.from || !p.unitId.startsWith(VILLAGE),
    handWritten: () => [
      { unitId: VILLAGE, from: '2026-02-30', to: '2026-03-01' },
      { unitId: VILLAGE, from: '2026-13-45', to: '2026-13-46' },
    ],
  },
  {
    name: 'exportMonthlyReport',
    who: 'village',
    schema: MonthlyReportInput,
    examples: () => [{ unitId: '621126100002', month: '2026-03' }],
    anchored: (p) => !p.unitId.startsWith(VILLAGE),
    handWritten: () => [
      { unitId: VILLAGE, month: '2026-13' },
      { unitId: VILLAGE, month: '9999-01' },
    ],
  },
  {
    name: 'publishTypicalCase',
    who: 'town',
    schema: TypicalCaseInput,
    examples: () => [{ caseId, title: '典型案例标题', lesson: '这是一个足够长的典型意义说明文字' }],
    anchored: () => true,
  },
  {
    name: 'decideRosterChange',
    who: 'admin',
    schema: DecideRosterChangeInput,
    examples: () => [{ unitId: '621126100', changeId: 'fuzzNoSuchChange0001', approve: true }],
    anchored: () => true,
    handWritten: () => [
      { unitId: '621126100', changeId: 'a/b', approve: true },
      { unitId: '621126100', changeId: '..', approve: false },
      { unitId: '621126100', changeId: '__x__', approve: true },
    ],
  },
  {
    name: 'logVisit',
    who: 'county-leader',
    schema: LogVisitInput,
    examples: () => [
      { requestId: requestId(), villageId: '621126100004', date: '2026-11-24', found: '走访发现的情况', openCase: null },
      {
        requestId: requestId(),
        villageId: '621126100004',
        date: '2026-11-24',
        found: '走访发现的情况',
        openCase: {
          gridId: '621126100004001',
          category: 'neighbour',
          title: '走访发现',
          description: '走访中发现的纠纷',
          parties: [party],
        },
      },
    ],
    anchored: (p) => !linked.includes(p.villageId),
  },
  {
    name: 'publishRoster',
    who: 'admin',
    schema: PublishRosterInput,
    examples: () => [
      { unitId: '621126100', from: '2027-01-01', to: '2027-01-31' },
      { unitId: '621126', from: '2026-12-01', to: '2026-12-31' },
    ],
    anchored: (p) =>
      p.to < p.from ||
      !existing.rosterUnits.has(p.unitId) ||
      years(p.from, p.to).some((y) => !existing.years.has(y)) ||
      (published[p.unitId] ?? []).some(([f, t]) => f <= p.to && t >= p.from),
    handWritten: () => [
      { unitId: '621126100', from: '2027-01-01', to: '2027-12-31' },
      { unitId: '621126100', from: '2026-02-30', to: '2026-03-01' },
    ],
  },
  {
    name: 'recordWalkIn',
    who: 'town',
    schema: WalkInInput,
    examples: () => [
      {
        requestId: requestId(),
        unitId: '621126100',
        receivedAt: '2099-03-02T10:00:00+08:00',
        gridId: `${VILLAGE}001`,
        category: 'neighbour',
        caseClass: 'general',
        title: '来访',
        description: '来访群众反映的纠纷',
        petitioners: [party],
        groupSize: null,
        repeat: false,
        skipLevel: false,
      },
    ],
    // A walk-in no roster covers is registered all the same (a petitioner is never turned away),
    // so the anchor is a time in the future (refused) or a grid outside the unit.
    anchored: (p) =>
      !p.gridId.startsWith(p.unitId) || (typeof p.receivedAt === 'string' && Date.parse(p.receivedAt) > Date.now() + 120_000),
  },
  {
    name: 'requestRosterChange',
    who: 'county-leader',
    schema: RosterChangeInput,
    examples: () => [{ unitId: '621126100', kind: 'leave', dates: ['2026-12-01'], withUid: null, withDate: null, reason: '请假' }],
    anchored: (p) => p.unitId !== '621126',
  },
  {
    // A search writes nothing and answers any well-formed query: only the malformed are sent.
    name: 'searchCases',
    who: 'village',
    schema: SearchCasesInput,
    examples: () => [{ query: '排水沟纠纷' }],
    anchored: () => false,
  },
  {
    // A staff account already has a role: refused whatever the payload says.
    name: 'registerResident',
    who: 'village',
    schema: RegisterResidentInput,
    examples: () => [{ displayName: '胡小英', countyId: '621126' }],
    anchored: () => true,
  },
  {
    // A staff account is no resident: refused whatever the payload says (and nothing is counted).
    name: 'trackCase',
    who: 'village',
    schema: TrackCaseInput,
    examples: () => [{ caseId }],
    anchored: () => true,
  },
  {
    // Not an administrator: refused whatever the payload says.
    name: 'resetUserPassword',
    who: 'village',
    schema: ResetUserPasswordInput,
    examples: () => [{ uid: 'AbCdEfGhIjKlMnOpQrStUvWxYz12', password: 'Passw0rd!x' }],
    anchored: () => true,
  },
  {
    // Not an administrator: refused whatever the file says.
    name: 'importCalendar',
    who: 'village',
    schema: ImportCalendarInput,
    examples: () => [{ calendar: { year: 2099, offDays: { '2099-01-01': '元旦' }, workdays: {} }, filename: '2099.json' }],
    anchored: () => true,
  },
  {
    name: 'saveLinkage',
    who: 'admin',
    schema: LinkageDoc,
    examples: () => [
      {
        leaderUid: 'fuzz-leader-x',
        leaderName: '某领导',
        countyId: '621126',
        townId: '621126100',
        villageIds: ['621127100001'],
        visitWeekday: 2,
      },
    ],
    anchored: (p) =>
      p.countyId !== '621126' ||
      p.villageIds.some((v: string) => !v.startsWith(p.countyId)) ||
      (!!p.townId && !p.townId.startsWith(p.countyId)),
    handWritten: () => [
      // Found by this test: the SDK's decoding dropped the `__proto__` key and the rest was saved.
      JSON.parse(
        '{"leaderUid":"fuzz-leader-x","leaderName":"某领导","countyId":"621126","townId":"621126100","villageIds":[],"visitWeekday":2,"__proto__":"0001-01-01T00:00:00Z"}',
      ),
      { leaderUid: 'a/b/c', leaderName: 'x', countyId: '621126', townId: null, villageIds: [] },
      { leaderUid: '..', leaderName: 'x', countyId: '621126', townId: null, villageIds: [] },
      { leaderUid: '__x__', leaderName: 'x', countyId: '621126', townId: null, villageIds: [] },
    ],
  },
  {
    name: 'saveRoster',
    who: 'admin',
    schema: RosterConfig,
    examples: () => [
      {
        unitId: '621127100',
        countyId: '621126',
        unitName: '外县某镇',
        weekday: [leader('fuzz-l1')],
        duty: [leader('fuzz-d1')],
        handoff: '08:30',
        visitWeekday: 2,
      },
    ],
    anchored: (p) => p.countyId !== '621126' || !p.unitId.startsWith(p.countyId),
  },
  {
    // grid2 patrols only its own grid (621126100002001): any other grid is refused.
    name: 'recordPatrol',
    who: 'grid2',
    schema: RecordPatrolInput,
    examples: () => [
      {
        requestId: requestId(),
        gridId: '621126100001001',
        patrolledAt: new Date().toISOString(),
        householdsVisited: 10,
        zeroReport: true,
        note: null,
      },
    ],
    anchored: (p) => p.gridId !== '621126100002001',
  },
  {
    // grid2 records items only in its own grid (621126100002001): any other grid is refused.
    name: 'recordItem',
    who: 'grid2',
    schema: RecordItemInput,
    examples: () => [
      {
        requestId: requestId(),
        gridId: '621126100001001',
        kind: 'hazard',
        patrolId: null,
        title: '电线老化',
        description: '村口电线裸露',
        dispute: null,
      },
      {
        requestId: requestId(),
        gridId: '621126100001001',
        kind: 'dispute',
        patrolId: null,
        title: '邻里纠纷',
        description: '两户因排水沟争执',
        dispute: { category: 'neighbour', parties: [{ role: 'applicant', name: '张三', phone: null, idNumber: null, address: null }] },
      },
    ],
    anchored: (p) => p.gridId !== '621126100002001',
  },
  {
    // No such hazard: refused whatever the command says.
    name: 'hazardAction',
    who: 'grid2',
    schema: HazardActionInput,
    examples: () => [
      { itemId: '621126-NoSuchItem00', expectedVersion: 1, command: { action: 'verify', note: null } },
      {
        itemId: '621126-NoSuchItem00',
        expectedVersion: 1,
        command: { action: 'assign', responsible: { kind: 'unit', id: '621126100002' }, note: null },
      },
      { itemId: '621126-NoSuchItem00', expectedVersion: 2, command: { action: 'send_back', reason: '未整改' } },
    ],
    anchored: () => true,
  },
  {
    // Not an administrator nor the court's officer: refused whatever the payload says.
    name: 'saveCourtFiling',
    who: 'village',
    schema: SaveCourtFilingInput,
    examples: () => [{ courtId: '621126-court-minyang', month: '2026-03', incoming: 266, filed: null }],
    anchored: () => true,
  },
  {
    name: 'saveMediationOrg',
    who: 'admin',
    schema: SaveMediationOrgInput,
    examples: () => [
      { id: '621127-fuzz-org', name: '外县调委会', kind: 'town_committee', field: null, unitId: '621127100', area: '', active: true },
      { id: '621126-fuzz-org', name: '模糊调委会', kind: 'town_committee', field: null, unitId: '621126199', area: '', active: true },
    ],
    // Another county's ID, or a region that does not exist (621126199).
    anchored: (p) => !p.id.startsWith('621126-') || p.unitId === '621126199',
  },
  {
    name: 'saveMediator',
    who: 'admin',
    schema: SaveMediatorInput,
    examples: () => [
      {
        id: '621127-fuzz-m',
        orgId: '621127-fuzz-org',
        name: '外县调解员',
        title: '人民调解员',
        specialties: [],
        units: [],
        area: '',
        uid: null,
      },
      {
        id: '621126-fuzz-m',
        orgId: '621126-no-such-org',
        name: '模糊调解员',
        title: '人民调解员',
        specialties: ['family'],
        units: [],
        area: '',
        uid: null,
      },
    ],
    anchored: (p) => !p.id.startsWith('621126-') || p.orgId === '621126-no-such-org',
  },
  {
    // grid2 has no relation to the case: every mediation record is refused.
    name: 'recordMediationSession',
    who: 'grid2',
    schema: RecordMediationSessionInput,
    examples: () => [
      { caseId, at: '2026-10-10T14:30:00+08:00', place: '调解室', attendees: '双方当事人', summary: '调解一次', outcome: 'continue' },
    ],
    anchored: () => true,
  },
  {
    name: 'saveMediationAgreement',
    who: 'grid2',
    schema: SaveMediationAgreementInput,
    examples: () => [
      {
        caseId,
        orgId: '621126-med-chengjiao',
        number: '岷调协〔2026〕1号',
        facts: '事实',
        items: [{ content: '赔偿', method: '转账', dueDate: '2026-12-20' }],
        effectiveDate: '2026-12-01',
      },
    ],
    anchored: () => true,
  },
  {
    name: 'recordJudicialConfirmation',
    who: 'grid2',
    schema: RecordJudicialConfirmationInput,
    examples: () => [
      {
        caseId,
        kind: 'judicial_confirmation',
        courtId: '621126-court-minyang',
        notaryName: null,
        appliedOn: '2026-12-05',
        ruling: null,
        ruledOn: null,
      },
    ],
    anchored: () => true,
  },
  {
    name: 'recordPerformance',
    who: 'grid2',
    schema: RecordPerformanceInput,
    examples: () => [{ caseId, taskId: 'perf-1', performed: false, followUp: 'court', note: '' }],
    anchored: () => true,
  },
  {
    // Reads only: an export writes nothing whatever the payload.
    name: 'exportMediationAgreement',
    who: 'grid2',
    schema: ExportMediationAgreementInput,
    examples: () => [{ caseId }],
    anchored: () => true,
  },
  {
    // A village launches no campaign (only counties and towns do): refused whatever the payload says.
    name: 'launchCampaign',
    who: 'village',
    schema: LaunchCampaignInput,
    examples: () => [
      {
        requestId: requestId(),
        topic: '节前集中排查',
        from: '2026-12-01',
        to: '2026-12-07',
        units: ['621126100001'],
        checklist: ['矛盾纠纷', '安全隐患'],
      },
    ],
    anchored: () => true,
  },
  {
    // A grid worker never registers key persons (staff of the village, town or county do).
    name: 'saveKeyPerson',
    who: 'grid2',
    schema: SaveKeyPersonInput,
    examples: () => [
      {
        requestId: requestId(),
        id: null,
        expectedVersion: null,
        kind: 'person',
        category: '社区矫正对象',
        gridId: '621126100002001',
        risk: 'red',
        gridWorkerUid: 'no-such-user-fuzz',
        leaderUid: null,
        personal: { name: '王某', idNumber: '62112619800101123X', phone: '13812345678', address: '东街1号', note: null },
        caseIds: [],
        active: true,
      },
    ],
    anchored: () => true,
  },
  {
    // No such campaign: refused whoever asks.
    name: 'closeCampaign',
    who: 'grid2',
    schema: CloseCampaignInput,
    examples: () => [{ campaignId: '621126-NoSuchCamp0' }],
    anchored: () => true,
  },
  {
    // A grid worker reads and handles no signal (and no such signal exists): refused whatever the payload.
    name: 'handleSignal',
    who: 'grid2',
    schema: HandleSignalInput,
    examples: () => [
      { signalId: 'cluster-000000000000000000000000', action: 'acknowledge' },
      { signalId: 'cluster-000000000000000000000000', action: 'dismiss', reason: '已核实' },
    ],
    anchored: () => true,
  },
  {
    // No such record (and grid2 is responsible for none): refused, no access log written.
    name: 'openKeyPerson',
    who: 'grid2',
    schema: OpenKeyPersonInput,
    examples: () => [{ id: '621126-NoSuchPerson', purpose: '走访核对' }],
    anchored: () => true,
  },
  {
    name: 'recordKeyPersonVisit',
    who: 'grid2',
    schema: RecordKeyPersonVisitInput,
    examples: () => [
      {
        requestId: requestId(),
        id: '621126-NoSuchPerson',
        visitedAt: new Date(Date.now() - 3_600_000).toISOString(),
        met: true,
        condition: 'stable',
        note: '情况平稳',
        measures: null,
      },
    ],
    anchored: () => true,
  },
  {
    // A grid worker never sets the risk level.
    name: 'setKeyPersonRisk',
    who: 'grid2',
    schema: SetKeyPersonRiskInput,
    examples: () => [{ id: '621126-NoSuchPerson', expectedVersion: 1, risk: 'yellow', reason: '近期情绪稳定' }],
    anchored: () => true,
  },
  {
    // No such item: refused whatever the photos and stage say (nothing is read from Storage).
    name: 'attachItemPhotos',
    who: 'grid2',
    schema: AttachItemPhotosInput,
    examples: () => [
      { itemId: '621126-NoSuchItem00', stage: 'report', photoIds: ['tfuzzphoto01-0', 'tfuzzphoto01-1'] },
      { itemId: '621126-NoSuchItem00', stage: 'verify', photoIds: ['tfuzzphoto02-5'] },
    ],
    anchored: () => true,
  },
  {
    // No such need: refused whatever the command says.
    name: 'needAction',
    who: 'village',
    schema: NeedActionInput,
    examples: () => [
      { itemId: '621126-NoSuchItem00', expectedVersion: 1, command: { action: 'take', responsibleUid: null } },
      { itemId: '621126-NoSuchItem00', expectedVersion: 2, command: { action: 'met', result: '已解决' } },
      { itemId: '621126-NoSuchItem00', expectedVersion: 3, command: { action: 'unmet', reason: '经费不足' } },
    ],
    anchored: () => true,
  },
  {
    // A grid worker issues no 预警提示单: refused whatever the payload (no number taken).
    name: 'issueNotice',
    who: 'grid2',
    schema: IssueNoticeInput,
    examples: () => [
      { requestId: requestId(), recipient: { kind: 'town', id: '621126100' }, risk: '劳资纠纷聚集', measures: '约谈用工单位' },
      {
        requestId: requestId(),
        recipient: { kind: 'department', id: '621126-police-minyang' },
        risk: '劳资纠纷聚集',
        measures: '约谈用工单位',
        limitDays: 5,
        signHours: 12,
        meetingId: 'meeting-1',
      },
    ],
    anchored: () => true,
  },
  {
    // No such notice (and a grid worker reads none).
    name: 'noticeAction',
    who: 'grid2',
    schema: NoticeActionInput,
    examples: () => [
      { noticeId: '621126-NoSuchNotice', action: 'sign' },
      { noticeId: '621126-NoSuchNotice', action: 'feedback', text: '已处置' },
      { noticeId: '621126-NoSuchNotice', action: 'return', reason: '措施不具体' },
    ],
    anchored: () => true,
  },
  {
    // A grid worker exports no notices.
    name: 'exportNotices',
    who: 'grid2',
    schema: ExportNoticesInput,
    examples: () => [{ year: 2026 }],
    anchored: () => true,
  },
  {
    // A grid worker holds no meeting: refused before anything is read or written.
    name: 'saveMeeting',
    who: 'grid2',
    schema: SaveMeetingInput,
    examples: () => [
      {
        requestId: requestId(),
        kind: 'topical',
        title: '劳资纠纷专题研判',
        date: '2026-12-01',
        participants: [{ kind: 'department', id: '621126-police-minyang' }],
        signalIds: ['cluster-000000000000000000000000'],
      },
      {
        requestId: requestId(),
        meetingId: '621126-NoSuchMeeting',
        version: 0,
        kind: 'town_weekly',
        title: '例会',
        date: '2026-12-01',
        participants: [],
      },
    ],
    anchored: () => true,
  },
  {
    // No such meeting (and a grid worker reads none).
    name: 'closeMeeting',
    who: 'grid2',
    schema: CloseMeetingInput,
    examples: () => [
      {
        requestId: requestId(),
        meetingId: '621126-NoSuchMeeting',
        version: 0,
        minutes: '会议纪要',
        present: [],
        decisions: [{ text: '约谈企业', owner: { kind: 'unit', id: '621126100' }, dueDate: '2026-12-31' }],
      },
    ],
    anchored: () => true,
  },
  {
    // No such task.
    name: 'replyMeetingTask',
    who: 'grid2',
    schema: ReplyMeetingTaskInput,
    examples: () => [{ requestId: requestId(), taskId: '621126-NoSuchMeeting-01', reply: '已办理' }],
    anchored: () => true,
  },
  {
    // 排查台账: another village, or a range ending before it starts, is refused.
    name: 'exportPatrolLedger',
    who: 'village',
    schema: PatrolLedgerInput,
    examples: () => [
      { unitId: VILLAGE, from: '2026-03-10', to: '2026-03-01', format: 'csv' },
      { unitId: '621126100002', from: '2026-03-01', to: '2026-03-10', format: 'xlsx' },
    ],
    anchored: (p) => p.to < p.from || !p.unitId.startsWith(VILLAGE),
  },
  {
    // A grid worker holds no meetings: exports none.
    name: 'exportMeetings',
    who: 'grid2',
    schema: ExportMeetingsInput,
    examples: () => [{ year: 2026 }],
    anchored: () => true,
  },
];

const results: { name: string; who: string; sent: number; skipped: number; ms: number; statuses: Record<string, number> }[] = [];

describe('generated bad input: every callable', () => {
  it('covers every callable exported by functions/src/index.ts', async () => {
    const { readFileSync } = await import('node:fs');
    const index = readFileSync(new URL('../../functions/src/index.ts', import.meta.url), 'utf8');
    const exported = [...index.matchAll(/export \{ (\w+) \} from '\.\/api\//g)].map((m) => m[1]!);
    const covered = new Set([...SPECS.map((s) => s.name), 'intake', 'rosterIcs']);
    expect(exported.filter((n) => !covered.has(n))).toEqual([]);
  });

  for (const [i, spec] of SPECS.entries()) {
    it(`${spec.name} as ${spec.who}: ${PER_CALLABLE} payloads, all refused with a 4xx code, nothing written`, async () => {
      const generated = generatePayloads(spec.schema, spec.examples(), PER_CALLABLE * 2, SEED + i, spec.handWritten?.() ?? []);
      // Keep those the schema refuses, and those it accepts that still hold their anchor.
      let skipped = 0;
      const payloads = generated
        .filter((p) => {
          const r = spec.schema.safeParse(p);
          const ok = !r.success || spec.anchored(r.data);
          if (!ok) skipped++;
          return ok;
        })
        .slice(0, PER_CALLABLE);
      expect(payloads.length).toBe(PER_CALLABLE);
      const start = Date.now();
      const outcomes = await pool(payloads, CONCURRENCY, (p) => rawCall(spec.name, tokens[spec.who]!, p, CALL_TIMEOUT_MS));
      const ms = Date.now() - start;
      const statuses: Record<string, number> = {};
      outcomes.forEach((o) => {
        statuses[o.status] = (statuses[o.status] ?? 0) + 1;
      });
      results.push({ name: spec.name, who: spec.who, sent: payloads.length, skipped, ms, statuses });
      const bad = outcomes
        .map((o, k) => ({ o, p: JSON.stringify(payloads[k])?.slice(0, 300) }))
        .filter(({ o }) => !CLIENT_STATUSES.has(o.status));
      expect(bad.slice(0, 5), `non-4xx answers (${bad.length}) of ${spec.name}`).toEqual([]);
      const after = await snapshotDocs();
      const written = snapshotDiff(before, after);
      before = after; // a failure here is this callable's, not the next one's
      expect(written.slice(0, 20), `documents written by ${spec.name}`).toEqual([]);
      const authAfter = await authUids();
      const accounts = [...authAfter].filter((u) => !authBefore.has(u));
      authBefore = authAfter;
      expect(accounts, `Auth accounts created by ${spec.name}`).toEqual([]);
    }, 300_000);
  }

  it('the callable wire protocol itself: no data, not JSON, no token, a garbage token', async () => {
    const cases: [string | null, string | undefined, unknown][] = [
      [tokens.admin!, '{}', undefined],
      [tokens.admin!, 'not json', undefined],
      [tokens.admin!, '{"data":', undefined],
      [null, undefined, { unitId: '621126', month: '2026-03' }],
      ['garbage.token.value', undefined, { unitId: '621126', month: '2026-03' }],
    ];
    for (const [token, raw, data] of cases) {
      const o = await rawCall('exportMonthlyReport', token, data, CALL_TIMEOUT_MS, raw);
      expect(CLIENT_STATUSES.has(o.status) || (o.http >= 400 && o.http < 500), `${raw ?? JSON.stringify(data)} → ${o.status}`).toBe(true);
    }
    const after = await snapshotDocs();
    const written = snapshotDiff(before, after);
    before = after;
    expect(written).toEqual([]);
  });
});

// ── HTTP endpoints ─────────────────────────────────────────────────────────────────────────

const KEYS: Record<string, string> = localIntakeKeys();

async function postIntake(source: string, body: unknown, opts: { key?: string; ts?: string; sig?: string; raw?: string } = {}) {
  const raw = opts.raw ?? JSON.stringify(body);
  const ts = opts.ts ?? String(Math.floor(Date.now() / 1000));
  const ac = new AbortController();
  const t = setTimeout(() => ac.abort(), CALL_TIMEOUT_MS);
  try {
    const res = await fetch(`${FUNCTIONS_URL}/intake`, {
      method: 'POST',
      signal: ac.signal,
      headers: {
        'content-type': 'application/json',
        'X-Fengqiao-Source': source,
        'X-Fengqiao-Timestamp': ts,
        'X-Fengqiao-Signature': opts.sig ?? sign(opts.key ?? (Object.hasOwn(KEYS, source) ? KEYS[source]! : 'x'), ts, raw),
      },
      body: raw,
    });
    await res.text();
    return res.status;
  } catch (e) {
    return (e as Error).name === 'AbortError' ? -1 : 0;
  } finally {
    clearTimeout(t);
  }
}

describe('generated bad input: HTTP endpoints', () => {
  it(`intake: ${PER_CALLABLE} signed bodies and headers, all 4xx, nothing written`, async () => {
    const example: Json = {
      idempotencyKey: `FUZZ-${requestId()}`,
      externalId: 'FUZZ-1',
      category: '0101',
      region: 'XX-NOWHERE-1',
      caseClass: 'general',
      title: '模糊警情',
      description: '生成输入测试的警情内容',
      parties: [party],
      group: false,
      groupSize: null,
    };
    const bodies = generatePayloads(IntakePayload, [example], PER_CALLABLE * 2, SEED + 100, [
      { ...(example as object), region: '__proto__' },
      { ...(example as object), region: 'constructor' },
      { ...(example as object), region: 'toString' },
      { ...(example as object), category: '__proto__' },
      { ...(example as object), category: 'constructor', region: 'hasOwnProperty' },
      { ...(example as object), title: '\ud800' },
    ])
      .filter((p) => {
        const r = IntakePayload.safeParse(p);
        return (
          !r.success ||
          (r.data.region !== 'MY-CJ-01' && r.data.region !== 'MY-DJ-01' && r.data.region !== 'PM-01' && !existing.grids.has(r.data.region))
        );
      })
      .slice(0, PER_CALLABLE);
    expect(bodies.length).toBe(PER_CALLABLE);
    const headers = fc.sample(
      fc.oneof(
        { weight: 6, arbitrary: fc.constant({}) },
        {
          weight: 1,
          arbitrary: fc.record({
            source: fc.oneof(
              nastyString,
              fc.constantFrom('__proto__', 'constructor', 'toString', 'unknown-621126', 'police-621126/x', '..'),
            ),
          }),
        },
        { weight: 1, arbitrary: fc.record({ sig: fc.oneof(nastyString, fc.constant(`sha256=${'0'.repeat(64)}`)) }) },
        {
          weight: 1,
          arbitrary: fc.record({
            ts: fc.oneof(nastyString, fc.constantFrom('0', '99999999999', String(Math.floor(Date.now() / 1000) - 10_000))),
          }),
        },
      ),
      { numRuns: bodies.length, seed: SEED + 101 },
    ) as { source?: string; sig?: string; ts?: string }[];
    const start = Date.now();
    const statuses = await pool(bodies, CONCURRENCY, (b, k) => {
      const h = headers[k]!;
      // Header values must be ByteStrings: a source with other characters is sent percent-encoded.
      const src = h.source === undefined ? 'police-621126' : /^[\x20-\x7e]*$/.test(h.source) ? h.source : encodeURIComponent(h.source);
      const sig = h.sig !== undefined && !/^[\x20-\x7e]*$/.test(h.sig) ? encodeURIComponent(h.sig) : h.sig;
      const ts = h.ts !== undefined && !/^[\x20-\x7e]*$/.test(h.ts) ? encodeURIComponent(h.ts) : h.ts;
      return postIntake(src, b, { sig, ts });
    });
    results.push({
      name: 'intake',
      who: 'source',
      sent: bodies.length,
      skipped: 0,
      ms: Date.now() - start,
      statuses: statuses.reduce<Record<string, number>>((a, s) => {
        a[s] = (a[s] ?? 0) + 1;
        return a;
      }, {}),
    });
    const bad = statuses
      .map((s, k) => ({ s, b: JSON.stringify(bodies[k])?.slice(0, 200), h: headers[k] }))
      .filter(({ s }) => !(s >= 400 && s < 500));
    expect(bad.slice(0, 5), `non-4xx intake answers (${bad.length})`).toEqual([]);
    // Hand-written: not JSON, a huge body, deep nesting, a lone surrogate escaped in JSON.
    for (const raw of [
      'not json',
      '[]',
      'null',
      '"x"',
      JSON.stringify({ x: HUGE }),
      `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
      '{"title":"\\ud800"}',
    ]) {
      const s = await postIntake('police-621126', null, { raw });
      expect(s >= 400 && s < 500, `${raw.slice(0, 40)} → ${s}`).toBe(true);
    }
    const after = await snapshotDocs();
    const written = snapshotDiff(before, after);
    before = after;
    expect(written.slice(0, 20)).toEqual([]);
  }, 300_000);

  it(`rosterIcs: ${PER_CALLABLE} unit parameters, never a server error, nothing written`, async () => {
    const units = [
      ...fc.sample(
        nastyString.filter((u) => u.length < 2000),
        { numRuns: PER_CALLABLE - 4, seed: SEED + 200 },
      ),
      '__proto__',
      'constructor',
      '../x',
      '621127',
    ];
    const statuses = await pool(units, CONCURRENCY, async (u) => {
      const ac = new AbortController();
      const t = setTimeout(() => ac.abort(), CALL_TIMEOUT_MS);
      try {
        let q: string;
        try {
          q = encodeURIComponent(u);
        } catch {
          q = '%ED%A0%80'; // a lone surrogate, as the (invalid) UTF-8 bytes a client would send
        }
        const res = await fetch(`${FUNCTIONS_URL}/rosterIcs?unit=${q}`, { signal: ac.signal });
        await res.text();
        return res.status;
      } catch {
        return -1;
      } finally {
        clearTimeout(t);
      }
    });
    expect(statuses.filter((s) => !(s >= 400 && s < 500))).toEqual([]);
    const after = await snapshotDocs();
    const written = snapshotDiff(before, after);
    before = after;
    expect(written.slice(0, 20)).toEqual([]);
  }, 300_000);

  afterAll(() => {
    for (const r of results)
      console.log(
        `fuzz ${r.name} (${r.who}): ${r.sent} sent, ${r.skipped} schema-valid unanchored not sent, ${r.ms} ms, ${JSON.stringify(r.statuses)}`,
      );
  });
});
