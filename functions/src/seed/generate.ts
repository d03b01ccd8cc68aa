/**
 * Deterministic case generator for the demo seed and the benchmarks. Pure: a seeded PRNG, the
 * domain's own report planner and state machine (so every generated history is one the real
 * callables could have produced), and times relative to a given `now`.
 */
import {
  type Actor,
  type CaseCommand,
  type CaseDoc,
  type CaseEvent,
  type CasePrivateDoc,
  type Category,
  type Claims,
  type GridDoc,
  type Party,
  type DeadlinePolicy,
  type WorkCalendar,
  CATEGORIES,
  needsLeader,
  unitForTier,
  transition,
  report,
} from '../domain';

/** mulberry32: small, fast, good enough for synthetic data, and the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文'.split(
    '',
  );
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英建华文辉力国庆红梅玉兰志强金凤海燕春生德明永福'.split('');

const TITLES: Record<Category, string[]> = {
  marriage_family: ['夫妻离婚财产分割纠纷', '赡养老人费用分担纠纷', '子女抚养权纠纷'],
  neighbour: ['邻里排水沟堵塞纠纷', '邻居违建遮挡采光纠纷', '宠物狗伤人邻里纠纷'],
  housing_land: ['宅基地界址争议', '房屋买卖过户纠纷', '院墙越界修建纠纷'],
  contract: ['农资买卖合同欠款纠纷', '药材收购合同违约纠纷', '土地流转合同纠纷'],
  business: ['合作社分红纠纷', '当归种植销售款纠纷', '个体商户租赁纠纷'],
  damages: ['牲畜踩踏庄稼赔偿纠纷', '施工损坏房屋赔偿纠纷', '打架致伤赔偿纠纷'],
  forest_land: ['山林承包边界纠纷', '草山放牧权属纠纷', '承包地调整纠纷'],
  expropriation: ['征地补偿款分配纠纷', '道路拓宽拆迁补偿纠纷'],
  environment: ['养殖场异味污染纠纷', '砂石厂噪声扰民纠纷'],
  labour: ['拖欠农民工工资纠纷', '工地务工受伤纠纷', '劳务费结算纠纷'],
  medical: ['村卫生室诊疗纠纷', '医疗费用报销纠纷'],
  traffic: ['农用三轮车交通事故纠纷', '电动车剐蹭赔偿纠纷'],
  property_mgmt: ['小区物业费收取纠纷', '小区停车位占用纠纷'],
  consumer: ['家电质量退换纠纷', '预付卡退费纠纷'],
  village_affairs: ['村集体收益分配纠纷', '低保评定异议', '村道硬化占地纠纷'],
  other: ['其他矛盾纠纷'],
};

/** Target lifecycles: each a list of commands that the state machine applies in order. */
type Step = { cmd: CaseCommand; as: 'handler' | 'leader' | 'department' | 'territorial' };
type Script = (ctx: ScriptCtx) => Step[];
interface ScriptCtx {
  rnd: () => number;
  departments: string[];
  leaderUid: string;
  leaderName: string;
  dueDate: string;
}

const step = (cmd: CaseCommand, as: Step['as'] = 'handler'): Step => ({ cmd, as });
const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const SCRIPTS: { weight: number; name: string; script: Script }[] = [
  { weight: 12, name: 'reported', script: () => [] },
  { weight: 10, name: 'accepted', script: () => [step({ action: 'accept' })] },
  {
    weight: 14,
    name: 'mediating',
    script: () => [
      step({ action: 'accept' }),
      step({ action: 'record_mediation', summary: '组织双方面对面调解，已初步达成意向', agreementReached: false }),
    ],
  },
  {
    weight: 8,
    name: 'escalated',
    script: () => [step({ action: 'accept' }), step({ action: 'escalate', reason: '涉及多方利益，本级无法化解，提请上级综治中心' })],
  },
  {
    weight: 20,
    name: 'resolved',
    script: () => [
      step({ action: 'accept' }),
      step({ action: 'record_mediation', summary: '双方达成调解协议', agreementReached: true }),
      step({ action: 'resolve', outcome: 'mediated_agreement', note: '签订人民调解协议书' }),
    ],
  },
  {
    weight: 18,
    name: 'closed',
    script: () => [
      step({ action: 'accept' }),
      step({ action: 'resolve', outcome: 'explained', note: '经解释疏导，当事人表示理解' }),
      step({ action: 'callback', satisfaction: 'satisfied', note: '电话回访，当事人满意' }),
      step({ action: 'close' }),
    ],
  },
  {
    weight: 5,
    name: 'not_accepted',
    script: () => [step({ action: 'not_accept', reason: '属于法院受理范围，引导当事人诉讼', referral: 'court' })],
  },
  { weight: 4, name: 'suspended', script: () => [step({ action: 'accept' }), step({ action: 'suspend', reason: '等待伤情鉴定结果' })] },
];

const DISPATCH_SCRIPT: Script = (ctx) => [
  step({ action: 'accept' }),
  step({ action: 'dispatch', departmentIds: [pick(ctx.rnd, ctx.departments)], emergency: false, instructions: '请于1个工作日内报到' }),
];

export interface GeneratedCase {
  caseDoc: CaseDoc;
  privateDoc: CasePrivateDoc;
  events: CaseEvent[];
  script: string;
}

export interface GenerateOptions {
  seed: number;
  now: Date;
  grids: GridDoc[];
  /** Department IDs by town (and '' for county departments). */
  departmentsByTown: Record<string, string[]>;
  leaders: { county: { uid: string; name: string }; byTown: Record<string, { uid: string; name: string }> };
  /** Spread case creation over this many days before `now`. */
  days: number;
  /** Heavier grids first: the first grids get more cases, as busy town centers do. */
  skew?: boolean;
  /** Make reporter actors from these grid workers when present (uid by grid). */
  gridWorkers?: Record<string, { uid: string; name: string }>;
  /** Run the clocks (限时化解) as the services do. */
  clocks: { policy: DeadlinePolicy; cal: WorkCalendar };
  /** Only open cases (reported, accepted, in progress): for the sweep benchmark. */
  openOnly?: boolean;
}

function person(rnd: () => number): string {
  return pick(rnd, SURNAMES) + pick(rnd, GIVEN) + (rnd() < 0.6 ? pick(rnd, GIVEN) : '');
}

function phone(rnd: () => number): string {
  return `1${pick(rnd, ['38', '39', '51', '58', '77', '86', '89'])}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
}

function idNumber(rnd: () => number, countyId: string): string {
  const y = 1950 + Math.floor(rnd() * 55);
  const m = String(1 + Math.floor(rnd() * 12)).padStart(2, '0');
  const d = String(1 + Math.floor(rnd() * 28)).padStart(2, '0');
  return `${countyId}${y}${m}${d}${String(Math.floor(rnd() * 1000)).padStart(3, '0')}${pick(rnd, '0123456789X'.split(''))}`;
}

/** Claims of a synthetic staff member of the unit handling the case's current tier. */
function staffClaims(c: CaseDoc, as: Step['as'], ctx: { leaderUid: string }, departmentId?: string): { claims: Claims; actor: Actor } {
  if (as === 'department') {
    const claims: Claims = { r: 'department_officer', u: departmentId!, c: c.countyId, d: departmentId! };
    return { claims, actor: { uid: `seed-${departmentId}`, role: 'department_officer', unitId: departmentId!, name: null } };
  }
  if (as === 'leader') {
    const claims: Claims = { r: 'leader', u: c.unitId, c: c.countyId, ...(c.tier === 'town' ? { t: c.townId } : {}) };
    return { claims, actor: { uid: ctx.leaderUid, role: 'leader', unitId: c.unitId, name: null } };
  }
  const role = ({ grid: 'grid_worker', village: 'village_staff', town: 'town_staff', county: 'county_staff', city: 'city_staff' } as const)[
    c.tier
  ];
  const claims: Claims = { r: role, u: unitForTier(c, c.tier), c: c.tier === 'city' ? '' : c.countyId };
  if (c.tier !== 'county') claims.t = c.townId;
  if (c.tier === 'village' || c.tier === 'grid') claims.v = c.villageId;
  if (c.tier === 'grid') claims.g = c.gridId;
  return { claims, actor: { uid: `seed-staff-${claims.u}`, role, unitId: claims.u, name: null } };
}

export function generateCase(i: number, opts: GenerateOptions): GeneratedCase {
  const rnd = prng(opts.seed * 1_000_003 + i);
  const grids = opts.grids;
  const grid = opts.skew ? grids[Math.floor(rnd() ** 2 * grids.length)]! : pick(rnd, grids);
  const category = pick(rnd, CATEGORIES);
  const roll = rnd();
  const caseClass = roll < 0.8 ? 'general' : roll < 0.95 ? 'complex' : 'difficult';
  const group = rnd() < 0.05;
  const crossVillage = rnd() < 0.06;
  const parties: Party[] = [
    {
      role: 'applicant',
      name: person(rnd),
      phone: phone(rnd),
      idNumber: rnd() < 0.7 ? idNumber(rnd, grid.countyId) : null,
      address: `${grid.name}${1 + Math.floor(rnd() * 80)}号`,
    },
    { role: 'respondent', name: person(rnd), phone: rnd() < 0.8 ? phone(rnd) : null, idNumber: null, address: null },
  ];
  const created = new Date(opts.now.getTime() - Math.floor(rnd() * opts.days * 86_400_000) - 3_600_000);
  const worker = opts.gridWorkers?.[grid.id];
  const reporterClaims: Claims = { r: 'grid_worker', u: grid.id, c: grid.countyId, t: grid.townId, v: grid.villageId, g: grid.id };
  const reporter: Actor = { uid: worker?.uid ?? `seed-grid-${grid.id}`, role: 'grid_worker', unitId: grid.id, name: worker?.name ?? null };
  const id = `${grid.countyId}-demo-${String(i + 1).padStart(6, '0')}`;
  const { policy, cal } = opts.clocks;
  const first = report(
    {
      requestId: `seed${opts.seed}x${i}`.padEnd(8, '0'),
      gridId: grid.id,
      category,
      caseClass,
      source: pick(rnd, [
        'grid_patrol',
        'grid_patrol',
        'grid_patrol',
        'walk_in',
        'phone',
        'police_alert',
        'hotline_12345',
        'court_referral',
      ] as const),
      title: pick(rnd, TITLES[category]),
      description: `${grid.name}${parties[0]!.name}反映：${pick(rnd, TITLES[category])}，双方多次协商未果，请求综治中心协调处理。`,
      flags: {
        group,
        groupSize: group ? 5 + Math.floor(rnd() * 30) : null,
        violenceRisk: rnd() < 0.03,
        crossVillage,
        crossTown: false,
        keyPersons: rnd() < 0.02,
      },
      parties,
      address: parties[0]!.address,
      location: null,
      gridAction: null, // the seed scripts each case's steps itself
    },
    id,
    reporter,
    reporterClaims,
    created,
    policy,
    cal,
  );
  let c = first.next;
  const events = [first.event];
  const leader = c.tier === 'county' ? opts.leaders.county : (opts.leaders.byTown[c.townId] ?? opts.leaders.county);
  const ctx: ScriptCtx = {
    rnd,
    departments: [...(opts.departmentsByTown[c.townId] ?? []), ...(opts.departmentsByTown[''] ?? [])],
    leaderUid: leader.uid,
    leaderName: leader.name,
    dueDate: new Date(created.getTime() + 15 * 86_400_000).toISOString().slice(0, 10),
  };
  // Cases still at grid tier go to the village first, as most grid reports do.
  const total = SCRIPTS.reduce((s, x) => s + x.weight, 0);
  let r = rnd() * total;
  const pool = opts.openOnly ? SCRIPTS.filter((s) => ['reported', 'accepted', 'mediating', 'escalated'].includes(s.name)) : SCRIPTS;
  r = (r / total) * pool.reduce((a, x) => a + x.weight, 0);
  const chosen = pool.find((s) => (r -= s.weight) < 0) ?? pool[0]!;
  const steps: Step[] = [];
  if (c.tier === 'grid' && chosen.name !== 'reported')
    steps.push(step({ action: 'escalate', reason: '网格无法当场化解，上报村（社区）综治中心' }));
  if (needsLeader(c)) {
    steps.push(
      step({
        action: 'assign_leader',
        leaderUid: ctx.leaderUid,
        leaderName: ctx.leaderName,
        team: ['综治中心', '司法所'],
        plan: '成立专班，一案一策，限期化解',
        dueDate: ctx.dueDate,
      }),
    );
  }
  const scripted =
    chosen.name === 'mediating' && c.tier !== 'grid' && rnd() < 0.5 && ctx.departments.length ? DISPATCH_SCRIPT(ctx) : chosen.script(ctx);
  steps.push(...scripted);

  let t = created.getTime();
  const elapsed = opts.now.getTime() - t;
  for (const s of steps) {
    t += Math.max(60_000, Math.floor((elapsed / (steps.length + 1)) * (0.5 + rnd() * 0.5)));
    const at = new Date(Math.min(t, opts.now.getTime() - 60_000));
    // Dispatch needs a town or county tier: escalate first when the case sits at the village.
    if (s.cmd.action === 'dispatch' && (c.tier === 'village' || c.tier === 'grid')) {
      const up = staffClaims(c, 'handler', ctx);
      const e1 = transition(
        c,
        { action: 'escalate', reason: '需要部门联动，提请乡镇综治中心' },
        up.actor,
        up.claims,
        at,
        policy,
        cal,
        null,
      );
      c = e1.next;
      events.push(e1.event);
      const acc = staffClaims(c, 'handler', ctx);
      const e2 = transition(c, { action: 'accept' }, acc.actor, acc.claims, at, policy, cal, null);
      c = e2.next;
      events.push(e2.event);
    }
    // County is the top tier: there an escalation becomes supervision (督办).
    const cmd: CaseCommand = s.cmd.action === 'escalate' && c.tier === 'county' ? { action: 'supervise', reason: s.cmd.reason } : s.cmd;
    const who = staffClaims(c, s.as, ctx, cmd.action === 'check_in' ? cmd.departmentId : undefined);
    const done = transition(c, cmd, who.actor, who.claims, at, policy, cal, null);
    c = done.next;
    events.push(done.event);
  }
  if (c.state === 'in_progress' && c.dispatches.length && rnd() < 0.6) {
    const d = c.dispatches[0]!.departmentId;
    const who = staffClaims(c, 'department', ctx, d);
    const done = transition(
      c,
      { action: 'check_in', departmentId: d },
      who.actor,
      who.claims,
      new Date(Math.min(t + 3_600_000, opts.now.getTime() - 30_000)),
      policy,
      cal,
      null,
    );
    c = done.next;
    events.push(done.event);
  }
  const privateDoc: CasePrivateDoc = first.privateDoc;
  return { caseDoc: c, privateDoc, events, script: chosen.name };
}
