/**
 * 排查 for the demo county (issue 14), written by `fengqiao seed` through the code the callables
 * use: 60 days of patrols with gaps (lib/patrol-service writePatrol: the log, its day coverage and
 * its campaign progress), items found on them (newItemDoc, countItemInCampaigns), hazards moved
 * through every state by the domain's applyHazard at their own times, a finished and a running
 * campaign (lib/campaign-service launchCampaign / closeCampaign), key persons and places in every
 * risk level with their visits (the clock rules of saveKeyPerson / recordKeyPersonVisit, the
 * access log), and finally the real sweeps (hazards and key-person visits) as of `now`, which
 * mark what is overdue and write its alerts. Deterministic for a given `now` and `seed`.
 */
import type { Firestore } from 'firebase-admin/firestore';
import { DateTime } from 'luxon';
import {
  type CampaignChecks,
  type CampaignDoc,
  type Claims,
  DEFAULT_KP_CATEGORIES,
  type GridDoc,
  type HazardCommand,
  type ItemKind,
  type KeyPersonDoc,
  type KeyPersonPersonal,
  type PatrolDoc,
  type PatrolItemDoc,
  type RiskLevel,
  type VisitCondition,
  type WorkCalendar,
  ZONE,
  addDays,
  applyHazard,
  deadlineFrom,
  defaultPolicy,
  keyPersonUnits,
  localDate,
  maskText,
  serialOf,
  visitClock,
} from '../domain';
import { closeCampaign, countItemInCampaigns, launchCampaign } from '../lib/campaign-service';
import { refs } from '../lib/db';
import { sweepHazards } from '../lib/hazard-sweep';
import { caseIdFor } from '../lib/ids';
import { logAccess } from '../lib/keyperson-service';
import { sweepKeyPersons } from '../lib/keyperson-sweep';
import { rebuildPatrolFigures } from '../lib/patrol-figures';
import { newItemDoc, writePatrol } from '../lib/patrol-service';
import { DEMO_ACCOUNTS, DEMO_COUNTY, demoGrids } from './demo-county';

export const PATROL_SEED_DAYS = 60;
const C = DEMO_COUNTY.id;
const TOWN = '621126100';
const DEMO_GRID = '621126100001001';
const DEMO_GRID2 = '621126100002001';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface PatrolSeedReport {
  patrols: number;
  zeroReports: number;
  items: Record<string, number>;
  hazards: Record<string, number>;
  campaigns: { id: string; state: 'running' | 'closed'; topic: string }[];
  keyPersons: number;
  visits: number;
  skipped: boolean;
}

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A moment on a local (Asia/Shanghai) date, `minutes` after midnight. */
const at = (date: string, minutes: number) => DateTime.fromISO(date, { zone: ZONE }).plus({ minutes }).toJSDate();

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = ['建军', '秀兰', '海燕', '志强', '丽华', '文斌', '春梅', '国庆', '晓东', '玉珍', '永红', '小军'];
const workerName = (i: number) => `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`;

const FINDINGS = [
  '发现楼道堆放杂物，已提醒住户清理',
  '一户独居老人家中电线老化，已告知村委会',
  '邻里因停车问题有口角，现场劝解',
  '河道边护栏缺损，已拍照上报',
  '群众反映路灯不亮，已登记',
  '外来务工人员租住情况已登记',
];
const OTHER_ITEMS: { kind: ItemKind; title: string; description: string }[] = [
  { kind: 'security', title: '夜间有陌生车辆聚集', description: '连续两晚有陌生车辆在村口聚集，已告知派出所巡逻' },
  { kind: 'demand', title: '群众反映路灯损坏', description: '村道三盏路灯损坏，夜间出行不便，群众希望尽快维修' },
  { kind: 'demand', title: '老人希望增设助餐点', description: '村里独居老人较多，希望在村委会附近增设老年助餐点' },
  { kind: 'stability', title: '部分群众拟集体反映征地补偿', description: '听说部分群众准备就征地补偿问题到县里集体反映，需提前化解' },
  { kind: 'security', title: '废品收购点收购来源不明电缆', description: '发现废品收购点收购来源不明的电缆，已告知派出所' },
];

/** The hazards' stories: when reported (days before now) and their steps (days after the report). */
type Step = { after: number; cmd: HazardCommand; by: 'assigner' | 'responsible' | 'grid' };
const assignTo = (kind: 'unit' | 'department'): Step => ({
  after: 0.3,
  by: 'assigner',
  cmd: { action: 'assign', responsible: { kind, id: '' }, note: '请按期整改' },
});
const start = (after: number): Step => ({ after, by: 'responsible', cmd: { action: 'start', note: '已安排人员整改' } });
const done = (after: number): Step => ({ after, by: 'responsible', cmd: { action: 'rectified', note: '已完成整改，请复核' } });
const verify = (after: number): Step => ({ after, by: 'grid', cmd: { action: 'verify', note: '现场复核，整改到位' } });
const sendBack = (after: number): Step => ({ after, by: 'grid', cmd: { action: 'send_back', reason: '现场复核整改不到位，退回重新整改' } });

const HAZARDS: { title: string; daysAgo: number; resp: 'unit' | 'department'; steps: Step[] }[] = [
  // 已上报 (not yet assigned)
  { title: '村口变压器围栏破损', daysAgo: 1, resp: 'unit', steps: [] },
  { title: '小区消防通道被占用', daysAgo: 2, resp: 'unit', steps: [] },
  { title: '河堤一段出现裂缝', daysAgo: 0.5, resp: 'unit', steps: [] },
  // 已交办: on time, due soon (the sweep warns), overdue (the sweep breaches)
  { title: '废弃厂房屋顶塌陷', daysAgo: 4, resp: 'unit', steps: [assignTo('unit')] },
  { title: '自建房外墙瓷砖脱落', daysAgo: 14, resp: 'unit', steps: [assignTo('unit')] },
  { title: '加油站旁违规停放罐车', daysAgo: 24, resp: 'department', steps: [assignTo('department')] },
  { title: '山坡松动石块威胁民房', daysAgo: 28, resp: 'unit', steps: [assignTo('unit')] },
  // 整改中: on time and overdue
  { title: '学校门口减速带损坏', daysAgo: 7, resp: 'unit', steps: [assignTo('unit'), start(1)] },
  { title: '菜市场电线私拉乱接', daysAgo: 9, resp: 'department', steps: [assignTo('department'), start(2)] },
  { title: '居民楼燃气管道锈蚀', daysAgo: 30, resp: 'department', steps: [assignTo('department'), start(3)] },
  { title: '危桥护栏缺失', daysAgo: 26, resp: 'unit', steps: [assignTo('unit'), start(2)] },
  // 已整改待复核
  { title: '沟渠盖板缺失', daysAgo: 11, resp: 'unit', steps: [assignTo('unit'), start(1), done(6)] },
  { title: '出租屋电动车室内充电', daysAgo: 10, resp: 'department', steps: [assignTo('department'), start(1), done(4)] },
  // 已复核销号 (one rectified late)
  { title: '村委会消防器材过期', daysAgo: 40, resp: 'unit', steps: [assignTo('unit'), start(1), done(5), verify(6)] },
  { title: '广场健身器材松动', daysAgo: 35, resp: 'unit', steps: [assignTo('unit'), start(1), done(3), verify(4)] },
  { title: '小卖部销售过期食品', daysAgo: 50, resp: 'department', steps: [assignTo('department'), start(2), done(20), verify(21)] },
  { title: '仓库违规存放烟花爆竹', daysAgo: 33, resp: 'department', steps: [assignTo('department'), start(1), done(7), verify(8)] },
  // 退回整改 (sent back: rectifying again), and one sent back and then verified
  {
    title: '楼顶违规搭建彩钢房',
    daysAgo: 18,
    resp: 'unit',
    steps: [assignTo('unit'), start(1), done(5), sendBack(6)],
  },
  {
    title: '农贸市场排水沟堵塞',
    daysAgo: 45,
    resp: 'department',
    steps: [assignTo('department'), start(1), done(4), sendBack(5), done(9), verify(10)],
  },
];

/** Key persons and places: risk, grid, registered (days before now) and visits (days before now). */
const KEY_PERSONS: {
  kind: 'person' | 'place';
  category: number;
  risk: RiskLevel;
  grid: string;
  createdDaysAgo: number;
  visits: number[];
  leader: boolean;
  personal: KeyPersonPersonal;
}[] = [
  {
    kind: 'person',
    category: 3,
    risk: 'red',
    grid: DEMO_GRID,
    createdDaysAgo: 55,
    visits: [50, 44, 37, 31, 24, 18, 11, 5],
    leader: true,
    personal: { name: '马德福', idNumber: '622426196805120031', phone: '13919001234', address: '城郊村三社12号', note: '长期信访' },
  },
  {
    kind: 'person',
    category: 5,
    risk: 'red',
    grid: DEMO_GRID,
    createdDaysAgo: 40,
    visits: [38, 31, 24, 17, 10],
    leader: true,
    personal: { name: '包永平', idNumber: '622426197903040017', phone: '13893005678', address: '城郊村五社3号', note: null },
  },
  {
    kind: 'place',
    category: 0,
    risk: 'red',
    grid: DEMO_GRID2,
    createdDaysAgo: 30,
    visits: [29, 23, 16, 9, 3],
    leader: false,
    personal: { name: '东街加气站', idNumber: null, phone: '0932-7821234', address: '东街社区东环路18号', note: null },
  },
  {
    kind: 'person',
    category: 0,
    risk: 'yellow',
    grid: DEMO_GRID,
    createdDaysAgo: 50,
    visits: [45, 33, 21, 9],
    leader: false,
    personal: { name: '石桂花', idNumber: '62242619850711002X', phone: '15109321111', address: '城郊村二社7号', note: null },
  },
  {
    kind: 'person',
    category: 1,
    risk: 'yellow',
    grid: DEMO_GRID2,
    createdDaysAgo: 45,
    visits: [40, 27, 16],
    leader: true,
    personal: { name: '何三喜', idNumber: '622426197211230052', phone: '18793202222', address: '东街社区北巷4号', note: null },
  },
  {
    kind: 'place',
    category: 2,
    risk: 'yellow',
    grid: DEMO_GRID,
    createdDaysAgo: 35,
    visits: [27, 13],
    leader: false,
    personal: { name: '城郊小学', idNumber: null, phone: null, address: '城郊村一社', note: null },
  },
  {
    kind: 'person',
    category: 2,
    risk: 'green',
    grid: DEMO_GRID,
    createdDaysAgo: 58,
    visits: [52, 20],
    leader: false,
    personal: { name: '李占林', idNumber: '622426196002150013', phone: null, address: '城郊村四社9号', note: '按时服药' },
  },
  {
    kind: 'place',
    category: 4,
    risk: 'green',
    grid: DEMO_GRID,
    createdDaysAgo: 45,
    visits: [],
    leader: false,
    personal: { name: '城郊村洮河段', idNumber: null, phone: null, address: '城郊村洮河沿岸', note: null },
  },
  {
    kind: 'person',
    category: 4,
    risk: 'green',
    grid: DEMO_GRID2,
    createdDaysAgo: 59,
    visits: [20, 8],
    leader: false,
    personal: { name: '赵小东', idNumber: '622426199101010035', phone: '13309323333', address: '东街社区南巷11号', note: null },
  },
];
const VISIT_NOTES: { met: boolean; condition: VisitCondition; note: string; measures: string | null }[] = [
  { met: true, condition: 'stable', note: '入户走访，本人情绪平稳，生活正常', measures: '继续落实帮扶措施' },
  { met: true, condition: 'attention', note: '近期因家庭琐事情绪波动，已谈心疏导', measures: '联系村调委会跟进化解' },
  { met: false, condition: 'stable', note: '本人外出务工，电话联系，家属称一切正常', measures: null },
  { met: true, condition: 'stable', note: '现场查看，安全设施完好', measures: '提醒落实日常巡查' },
];

/** Writes the demo county's 排查 data. Skips (and says so) when its patrols are already there. */
export async function seedPatrols(
  db: Firestore,
  uids: Record<string, string>,
  opts: { now: Date; seed: number; cal: WorkCalendar; progress?: (done: number, total: number) => void },
): Promise<PatrolSeedReport> {
  const r = refs(db);
  const { now } = opts;
  const rnd = prng(opts.seed * 7919 + 14);
  const today = localDate(now);
  const first = addDays(today, -(PATROL_SEED_DAYS - 1));
  const grids = demoGrids();
  const policy = defaultPolicy(C);
  const account = (key: string) => DEMO_ACCOUNTS.find((a) => a.key === key)!;
  const person = (key: string, fallback: string) => ({ uid: uids[key] ?? fallback, name: account(key).displayName });
  const workerOf = (g: GridDoc, i: number) =>
    g.id === DEMO_GRID
      ? person('grid', 'seed-gw-demo1')
      : g.id === DEMO_GRID2
        ? person('grid2', 'seed-gw-demo2')
        : { uid: `seed-gw-${g.id}`, name: workerName(i) };
  const report: PatrolSeedReport = {
    patrols: 0,
    zeroReports: 0,
    items: {},
    hazards: {},
    campaigns: [],
    keyPersons: 0,
    visits: 0,
    skipped: false,
  };

  // Already seeded (a seed without --reset): the first grid's first patrol is there. Nothing twice.
  const probe = caseIdFor(C, `patrol:${workerOf(grids[0]!, 0).uid}`, `seed-p-${grids[0]!.id}-${first}`);
  if ((await r.patrol(probe).get()).exists) return { ...report, skipped: true };

  // ── campaigns: one finished (county), one running (岷阳镇) ──
  const county = { claims: { r: 'county_staff', u: C, c: C } as Claims, actor: person('county', 'seed-county-staff') };
  const town = { claims: { r: 'town_staff', u: TOWN, c: C, t: TOWN } as Claims, actor: person('town', 'seed-town-staff') };
  const finished = { from: addDays(today, -44), to: addDays(today, -31) };
  const running = { from: addDays(today, -6), to: addDays(today, 8) };
  const c1 = await launchCampaign(
    db,
    {
      requestId: 'seed-campaign-autumn',
      topic: '“平安岷县”矛盾纠纷和安全隐患集中排查',
      ...finished,
      units: ['621126100', '621126101'],
      checklist: ['邻里、婚姻家庭矛盾', '土地、山林权属纠纷', '拖欠农民工工资', '消防和用电安全'],
    },
    county.claims,
    county.actor,
    at(addDays(finished.from, -1), 10 * 60),
  );
  const c2 = await launchCampaign(
    db,
    {
      requestId: 'seed-campaign-winter',
      topic: '冬季安全隐患拉网式排查',
      ...running,
      units: [TOWN],
      checklist: ['燃气和取暖设施', '消防通道', '危房和临时建筑', '独居老人用火用电'],
    },
    town.claims,
    town.actor,
    at(addDays(running.from, -1), 9 * 60),
  );
  const campaigns: CampaignDoc[] = [];
  for (const id of [c1.campaignId, c2.campaignId]) campaigns.push((await r.campaign(id).get()).data()!);

  // ── the patrol plan: who patrols which day (gaps: lax grids, one grid silent lately, Sundays) ──
  const gridIndex = new Map(grids.map((g, i) => [g.id, i]));
  const plan = new Map<string, { grid: GridDoc; date: string; at: Date; zero: boolean }>();
  const key = (gridId: string, date: string) => `${gridId}|${date}`;
  grids.forEach((g, i) => {
    const lax = i % 17 === 5;
    const silent = i % 29 === 3; // has not patrolled for the last 4 days
    for (let d = first; d <= today; d = addDays(d, 1)) {
      const ago = Math.round((at(today, 0).getTime() - at(d, 0).getTime()) / DAY);
      let p = lax ? 0.6 : 0.94;
      if (DateTime.fromISO(d, { zone: ZONE }).weekday === 7) p -= 0.15;
      if (silent && ago < 4) p = 0;
      const roll = rnd();
      const when = at(d, 8 * 60 + Math.floor(rnd() * 600));
      const zero = rnd() < 0.85;
      if (roll >= p || when.getTime() > now.getTime() - 10 * 60_000) continue;
      plan.set(key(g.id, d), { grid: g, date: d, at: when, zero });
    }
  });
  // The demo grid patrolled today (its worker's list is not empty), and every hazard's patrol exists.
  const ensure = (gridId: string, when: Date) => {
    const date = localDate(when);
    const g = grids.find((x) => x.id === gridId)!;
    const p = plan.get(key(gridId, date));
    plan.set(key(gridId, date), { grid: g, date, at: p && p.at < when ? p.at : when, zero: false });
  };
  ensure(DEMO_GRID, new Date(Math.min(now.getTime() - HOUR, at(today, 9 * 60).getTime())));

  // ── items: hazards (in 岷阳镇's grids, the demo grids first) and other kinds ──
  const townGrids = grids.filter((g) => g.townId === TOWN);
  const deptOf = (i: number) => (i % 2 ? `${C}-police-minyang` : `${C}-civil-minyang`);
  const deptNames: Record<string, string> = { [`${C}-police-minyang`]: '岷阳派出所', [`${C}-civil-minyang`]: '岷阳民政所' };
  const regionName = (id: string) => (id === '621126100001' ? '城郊村' : id === '621126100002' ? '东街社区' : null);
  const items: { doc: PatrolItemDoc; grid: GridDoc; date: string }[] = [];
  HAZARDS.forEach((h, i) => {
    const grid =
      i % 3 === 0
        ? grids[gridIndex.get(DEMO_GRID)!]!
        : i % 3 === 1
          ? grids[gridIndex.get(DEMO_GRID2)!]!
          : townGrids[(i * 7) % townGrids.length]!;
    const reportedAt = new Date(Math.min(now.getTime() - 2 * HOUR, Math.round((now.getTime() - h.daysAgo * DAY) / 60_000) * 60_000));
    reportedAt.setTime(Math.max(reportedAt.getTime(), at(first, 9 * 60).getTime()));
    ensure(grid.id, reportedAt);
    const worker = workerOf(grid, gridIndex.get(grid.id)!);
    const date = localDate(reportedAt);
    const patrolId = caseIdFor(C, `patrol:${worker.uid}`, `seed-p-${grid.id}-${date}`);
    const itemId = caseIdFor(C, `item:${worker.uid}`, `seed-hazard-${i}`);
    let doc = newItemDoc(
      itemId,
      grid,
      { kind: 'hazard', patrolId, title: h.title, description: `${h.title}，存在安全隐患，需尽快整改`, dispute: null, location: null },
      worker,
      null,
      reportedAt,
    );
    const villageStaff = {
      uid: grid.villageId === '621126100001' ? (uids.village ?? 'seed-vs') : `seed-vs-${grid.villageId}`,
      name: regionName(grid.villageId) === '城郊村' ? '杨军' : '村综治专干',
    };
    const dept = deptOf(i);
    const roles = {
      assigner: {
        claims: { r: 'village_staff', u: grid.villageId, c: C, t: grid.townId, v: grid.villageId } as Claims,
        actor: villageStaff,
      },
      responsible:
        h.resp === 'department'
          ? {
              claims: { r: 'department_officer', u: dept, c: C, d: dept } as Claims,
              actor: { uid: `seed-officer-${dept}`, name: '部门经办人' },
            }
          : { claims: { r: 'village_staff', u: grid.villageId, c: C, t: grid.townId, v: grid.villageId } as Claims, actor: villageStaff },
      grid: { claims: { r: 'grid_worker', u: grid.id, c: C, t: grid.townId, v: grid.villageId, g: grid.id } as Claims, actor: worker },
    };
    for (const s of h.steps) {
      const when = new Date(reportedAt.getTime() + s.after * DAY);
      if (when > now) break;
      const cmd: HazardCommand =
        s.cmd.action === 'assign'
          ? { ...s.cmd, responsible: h.resp === 'department' ? { kind: 'department', id: dept } : { kind: 'unit', id: grid.villageId } }
          : s.cmd;
      const respName =
        cmd.action === 'assign'
          ? cmd.responsible.kind === 'department'
            ? deptNames[dept]!
            : (regionName(grid.villageId) ?? '村（社区）')
          : (doc.hazard?.responsibleName ?? null);
      const by = roles[s.by];
      const hazard = applyHazard(
        doc,
        cmd,
        by.claims,
        by.actor,
        when,
        policy.patrol.hazardLimit,
        (from, d) => deadlineFrom(from, d, opts.cal),
        policy.warnHoursBefore.other,
        respName,
      );
      doc = {
        ...doc,
        hazard,
        hazardDept: hazard.responsibleKind === 'department' ? hazard.responsibleId : null,
        version: doc.version + 1,
        updatedAt: when,
      };
    }
    const state = doc.hazard!.sendBacks && doc.hazard!.state === 'rectifying' ? 'sent_back' : doc.hazard!.state;
    report.hazards[state] = (report.hazards[state] ?? 0) + 1;
    items.push({ doc, grid, date });
  });
  // Other kinds, on some of the patrols that found something.
  let o = 0;
  for (const p of plan.values()) {
    if (p.zero || p.grid.townId !== TOWN || o >= 24 || rnd() > 0.08) continue;
    const spec = OTHER_ITEMS[o % OTHER_ITEMS.length]!;
    const worker = workerOf(p.grid, gridIndex.get(p.grid.id)!);
    const patrolId = caseIdFor(C, `patrol:${worker.uid}`, `seed-p-${p.grid.id}-${p.date}`);
    const itemId = caseIdFor(C, `item:${worker.uid}`, `seed-item-${o}`);
    const when = new Date(Math.min(now.getTime(), p.at.getTime() + 20 * 60_000));
    items.push({
      doc: newItemDoc(itemId, p.grid, { ...spec, patrolId, dispute: null, location: null }, worker, null, when),
      grid: p.grid,
      date: p.date,
    });
    o++;
  }
  const itemsOfPatrol = new Map<string, string[]>();
  for (const it of items) itemsOfPatrol.set(it.doc.patrolId!, [...(itemsOfPatrol.get(it.doc.patrolId!) ?? []), it.doc.id]);

  // ── write: patrols (log + coverage + campaign progress), items (+ campaign progress) ──
  // Grid by grid (each grid's days in order): neighbouring writes touch different day documents,
  // so the BulkWriter's batches stay full (a batch never writes one document twice). No throttle
  // on the emulator (its 500-writes-a-second ramp is for a real project).
  const w = db.bulkWriter(process.env.FIRESTORE_EMULATOR_HOST ? { throttling: false } : {});
  w.onWriteError((e) => e.failedAttempts < 5);
  const total = plan.size;
  let n = 0;
  for (const p of [...plan.values()].sort((a, b) => a.grid.id.localeCompare(b.grid.id) || a.at.getTime() - b.at.getTime())) {
    const i = gridIndex.get(p.grid.id)!;
    const worker = workerOf(p.grid, i);
    const id = caseIdFor(C, `patrol:${worker.uid}`, `seed-p-${p.grid.id}-${p.date}`);
    const households = p.grid.households ?? 150;
    const log: PatrolDoc = {
      id,
      countyId: p.grid.countyId,
      townId: p.grid.townId,
      villageId: p.grid.villageId,
      gridId: p.grid.id,
      workerUid: worker.uid,
      workerName: worker.name,
      date: p.date,
      patrolledAt: p.at,
      householdsVisited: Math.min(households, 8 + Math.floor(rnd() * 30)),
      households: p.grid.households,
      zeroReport: p.zero,
      note: p.zero ? null : maskText(FINDINGS[Math.floor(rnd() * FINDINGS.length)]!),
      itemIds: itemsOfPatrol.get(id) ?? [],
      createdAt: new Date(Math.min(now.getTime(), p.at.getTime() + Math.floor(rnd() * 30) * 60_000)),
    };
    const checks: CampaignChecks[] = campaigns
      .filter((c) => c.from <= p.date && p.date <= c.to)
      .map((c) => ({ campaignId: c.id, items: c.checklist.map((_, k) => k).filter(() => rnd() < 0.4) }));
    writePatrol(db, w, p.grid, campaigns, log, checks);
    report.patrols++;
    if (p.zero) report.zeroReports++;
    if (++n % 2000 === 0) {
      await w.flush();
      opts.progress?.(n, total);
    }
  }
  for (const it of items) {
    void w.create(r.patrolItem(it.doc.id), it.doc);
    countItemInCampaigns(db, w, campaigns, it.grid, it.date, it.doc.kind);
    report.items[it.doc.kind] = (report.items[it.doc.kind] ?? 0) + 1;
  }
  await w.close();
  opts.progress?.(total, total);

  // ── the finished campaign closes the day after its period (summary from its progress) ──
  await closeCampaign(db, c1.campaignId, county.claims, county.actor, at(addDays(finished.to, 1), 10 * 60));
  report.campaigns = [
    { id: c1.campaignId, state: 'closed', topic: campaigns[0]!.topic },
    { id: c2.campaignId, state: 'running', topic: campaigns[1]!.topic },
  ];

  // ── key persons and places, with their visits ──
  const kpPolicy = policy.keyPersons;
  const staff = {
    claims: { r: 'village_staff', u: '621126100001', c: C, t: TOWN, v: '621126100001' } as Claims,
    actor: person('village', 'seed-vs'),
  };
  const staffActor = { uid: staff.actor.uid, role: 'village_staff' as const, unitId: '621126100001', name: staff.actor.name };
  const leader = person('town-leader', 'seed-town-leader');
  for (const [k, spec] of KEY_PERSONS.entries()) {
    const grid = grids[gridIndex.get(spec.grid)!]!;
    const worker = workerOf(grid, gridIndex.get(grid.id)!);
    const id = caseIdFor(C, `kp:${staff.actor.uid}`, `seed-kp-${k}`);
    const createdAt = new Date(now.getTime() - spec.createdDaysAgo * DAY);
    const everyDays = kpPolicy.visitEveryDays[spec.risk];
    let kp: KeyPersonDoc = {
      id,
      serial: serialOf(id),
      kind: spec.kind,
      category: DEFAULT_KP_CATEGORIES[spec.kind][spec.category]!,
      risk: spec.risk,
      countyId: C,
      townId: grid.townId,
      villageId: grid.villageId,
      gridId: grid.id,
      gridName: grid.name,
      units: keyPersonUnits(grid.id),
      gridWorkerUid: worker.uid,
      gridWorkerName: worker.name,
      leaderUid: spec.leader ? leader.uid : null,
      leaderName: spec.leader ? leader.name : null,
      everyDays,
      lastVisitAt: null,
      visits: 0,
      visitsOnTime: 0,
      ...visitClock(createdAt, everyDays, kpPolicy.warnDaysBefore),
      cases: [],
      active: true,
      createdByUid: staff.actor.uid,
      createdAt,
      updatedAt: createdAt,
      version: 1,
    };
    const mask = { parties: [spec.personal], addresses: [spec.personal.address] };
    const visits = spec.visits.map((ago, j) => {
      const visitedAt = new Date(now.getTime() - ago * DAY);
      const v = VISIT_NOTES[(k + j) % VISIT_NOTES.length]!;
      const visitId = caseIdFor(C, `kpv:${worker.uid}`, `seed-kpv-${k}-${j}`).slice(7);
      // recordKeyPersonVisit's rule: on time when made by the due date running; the clock restarts.
      const onTime = visitedAt.getTime() <= kp.dueAt.getTime();
      kp = {
        ...kp,
        ...visitClock(visitedAt, kp.everyDays, kpPolicy.warnDaysBefore),
        lastVisitAt: visitedAt,
        visits: kp.visits + 1,
        visitsOnTime: kp.visitsOnTime + (onTime ? 1 : 0),
        updatedAt: visitedAt,
        version: kp.version + 1,
      };
      return {
        id: visitId,
        keyPersonId: id,
        countyId: C,
        byUid: worker.uid,
        byName: worker.name,
        visitedAt,
        met: v.met,
        condition: v.condition,
        note: maskText(v.note, mask),
        measures: v.measures === null ? null : maskText(v.measures, mask),
        onTime,
        createdAt: new Date(visitedAt.getTime() + 30 * 60_000),
      };
    });
    await db.runTransaction(async (tx) => {
      if ((await tx.get(r.keyPerson(id))).exists) return;
      tx.set(r.keyPerson(id), kp);
      tx.set(r.keyPersonPersonal(id), { ...spec.personal, updatedAt: createdAt });
      logAccess(tx, db, kp, 'create', staff.claims, staffActor, null, createdAt);
      for (const v of visits) tx.create(r.keyVisit(id, v.id), v);
    });
    report.keyPersons++;
    report.visits += visits.length;
  }

  // ── the sweeps as of now: overdue hazards and visits are marked, with their alerts ──
  await sweepHazards(db, now);
  await sweepKeyPersons(db, now);
  // ── 排查考核: the seed writes its items, hazard steps and visits in bulk, so their figures are
  // summed from those sources once, as `fengqiao stats patrol-rebuild` would ──
  await rebuildPatrolFigures(db, C);
  return report;
}
