// 排查事项: the item schema (矛盾纠纷 needs parties, others must not carry them), who reads what
// (涉稳信息 county staff and leaders only), and the hazard lifecycle with its clock: every
// transition, who may make it, and the sweep's warning and breach, each once.
import { describe, expect, it } from 'vitest';
import {
  type Claims,
  type HazardCommand,
  ItemError,
  type PatrolItemDoc,
  RecordItemInput,
  applyHazard,
  canReadItem,
  hazardAlerts,
  itemUnits,
  newHazard,
  sweepHazard,
} from '../../functions/src/domain';

const C = '621126',
  T = '621126100',
  V = '621126100001',
  G = '621126100001001';
const grid: Claims = { r: 'grid_worker', u: G, c: C, t: T, v: V, g: G };
const otherGrid: Claims = { r: 'grid_worker', u: '621126100001002', c: C, t: T, v: V, g: '621126100001002' };
const village: Claims = { r: 'village_staff', u: V, c: C, t: T, v: V };
const town: Claims = { r: 'town_staff', u: T, c: C, t: T };
const townLeader: Claims = { r: 'leader', u: T, c: C, t: T };
const county: Claims = { r: 'county_staff', u: C, c: C };
const countyLeader: Claims = { r: 'leader', u: C, c: C };
const admin: Claims = { r: 'admin', u: C, c: C };
const police: Claims = { r: 'department_officer', u: '621126-police-minyang', c: C, t: T, d: '621126-police-minyang' };
const justice: Claims = { r: 'department_officer', u: '621126-justice-puma', c: C, d: '621126-justice-puma' };
const mediator: Claims = { r: 'mediator', u: T, c: C, t: T };
const resident: Claims = { r: 'resident', u: C, c: C };

const t0 = new Date('2026-05-20T02:00:00Z');
const actor = { uid: 'u1', name: '张三' };
const item = (over: Partial<PatrolItemDoc> = {}): PatrolItemDoc => ({
  id: 'i1',
  kind: 'hazard',
  countyId: C,
  townId: T,
  villageId: V,
  gridId: G,
  units: itemUnits(G),
  hazardDept: null,
  patrolId: null,
  reporterUid: 'gw',
  reporterName: '周强',
  title: '村口电线老化',
  description: '电线裸露',
  caseId: null,
  hazard: newHazard(actor, t0),
  createdAt: t0,
  updatedAt: t0,
  version: 1,
  ...over,
});
const plusDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const limit = { amount: 7, unit: 'calendar_days' as const };
const run = (it: PatrolItemDoc, cmd: HazardCommand, who: Claims, now = t0) =>
  applyHazard(it, cmd, who, actor, now, limit, (from, d) => plusDays(from, d.amount), 24, '岷阳派出所');
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ItemError) return e.code;
    throw e;
  }
  return null;
};

describe('RecordItemInput', () => {
  const base = { requestId: 'req-000001', gridId: G, title: '邻里纠纷', description: '两户因排水沟争执' };
  it('a 矛盾纠纷 needs its category and parties; other kinds may not carry parties', () => {
    expect(RecordItemInput.safeParse({ ...base, kind: 'dispute' }).success).toBe(false);
    const parties = [{ role: 'applicant', name: '张三', phone: null, idNumber: null, address: null }];
    expect(RecordItemInput.safeParse({ ...base, kind: 'dispute', dispute: { category: 'neighbour', parties } }).success).toBe(true);
    expect(RecordItemInput.safeParse({ ...base, kind: 'hazard', dispute: { category: 'neighbour', parties } }).success).toBe(false);
    expect(RecordItemInput.safeParse({ ...base, kind: 'hazard' }).success).toBe(true);
    expect(RecordItemInput.safeParse({ ...base, kind: 'rumour' }).success).toBe(false);
  });
});

describe('who reads an item', () => {
  it('an ordinary item: the grid and the units above it; never departments, mediators, residents or other grids', () => {
    const i = item({ kind: 'security', hazard: null });
    for (const c of [grid, village, town, townLeader, county, countyLeader, admin]) expect(canReadItem(c, i)).toBe(true);
    for (const c of [otherGrid, police, justice, mediator, resident]) expect(canReadItem(c, i)).toBe(false);
  });
  it('a hazard: also the department rectifying it, not another department', () => {
    const i = item({ hazardDept: '621126-police-minyang' });
    expect(canReadItem(police, i)).toBe(true);
    expect(canReadItem(justice, i)).toBe(false);
  });
  it('涉稳信息: county staff and county leaders only — not the grid that found it, the town, administrators or departments', () => {
    const i = item({ kind: 'stability', hazard: null });
    expect(canReadItem(county, i)).toBe(true);
    expect(canReadItem(countyLeader, i)).toBe(true);
    for (const c of [grid, village, town, townLeader, admin, police, mediator, resident]) expect(canReadItem(c, i)).toBe(false);
    expect(canReadItem({ r: 'county_staff', u: '620102', c: '620102' }, i)).toBe(false);
  });
});

describe('the hazard lifecycle', () => {
  it('reported → assigned → rectifying → rectified → verified, each by whom it belongs to', () => {
    let i = item();
    const a = run(i, { action: 'assign', responsible: { kind: 'department', id: '621126-police-minyang' }, note: null }, town);
    expect(a).toMatchObject({ state: 'assigned', responsibleKind: 'department', responsibleName: '岷阳派出所', dueAt: plusDays(t0, 7) });
    expect(a.warnAt).toEqual(new Date(plusDays(t0, 7).getTime() - 24 * 3_600_000));
    i = item({ hazard: a, hazardDept: '621126-police-minyang' });
    expect(refusal(() => run(i, { action: 'start', note: null }, village))).toBe('permission-denied');
    const s = run(i, { action: 'start', note: null }, police);
    expect(s.state).toBe('rectifying');
    i = item({ hazard: s, hazardDept: '621126-police-minyang' });
    const r = run(i, { action: 'rectified', note: '已更换电线' }, police, plusDays(t0, 3));
    expect(r).toMatchObject({ state: 'rectified', onTime: true, sweepAt: null });
    i = item({ hazard: r });
    expect(refusal(() => run(i, { action: 'verify', note: null }, otherGrid))).toBe('permission-denied');
    expect(refusal(() => run(i, { action: 'verify', note: null }, village))).toBe('permission-denied');
    const v = run(i, { action: 'verify', note: '现场查看已整改' }, grid);
    expect(v.state).toBe('verified');
    expect(v.history.map((h) => h.action)).toEqual(['report', 'assign', 'start', 'rectified', 'verify']);
  });
  it('sent back: rectifying again, counted, the clock runs on; a late rectification is not on time', () => {
    const a = run(item(), { action: 'assign', responsible: { kind: 'unit', id: V }, note: null }, town);
    const r = run(item({ hazard: a }), { action: 'rectified', note: '已整改' }, village, plusDays(t0, 2));
    const back = run(item({ hazard: r }), { action: 'send_back', reason: '未彻底整改' }, grid, plusDays(t0, 2));
    expect(back).toMatchObject({ state: 'rectifying', sendBacks: 1, rectifiedAt: null, sweepAt: a.warnAt });
    const late = run(item({ hazard: back }), { action: 'rectified', note: '再次整改' }, village, plusDays(t0, 8));
    expect(late.onTime).toBe(false);
  });
  it('refuses out of order and out of scope', () => {
    expect(refusal(() => run(item(), { action: 'verify', note: null }, grid))).toBe('failed-precondition');
    expect(refusal(() => run(item(), { action: 'start', note: null }, village))).toBe('permission-denied');
    expect(refusal(() => run(item(), { action: 'assign', responsible: { kind: 'unit', id: '621126101' }, note: null }, county))).toBe(
      'failed-precondition',
    );
    expect(refusal(() => run(item(), { action: 'assign', responsible: { kind: 'unit', id: V }, note: null }, grid))).toBe(
      'permission-denied',
    );
    expect(refusal(() => run(item(), { action: 'assign', responsible: { kind: 'unit', id: V }, note: null }, police))).toBe(
      'permission-denied',
    );
    expect(refusal(() => run(item({ hazard: null, kind: 'security' }), { action: 'start', note: null }, village))).toBe(
      'failed-precondition',
    );
  });
});

describe('the hazard clock', () => {
  const assigned = run(item(), { action: 'assign', responsible: { kind: 'unit', id: V }, note: null }, town);
  it('warns once at warnAt, breaches once at dueAt, then says nothing more', () => {
    expect(sweepHazard(assigned, plusDays(t0, 1)).fired).toBeNull();
    const w = sweepHazard(assigned, assigned.warnAt!);
    expect(w.fired).toBe('warning');
    expect(w.next.sweepAt).toEqual(assigned.dueAt);
    expect(sweepHazard(w.next, new Date(assigned.dueAt!.getTime() - 1)).fired).toBeNull();
    const b = sweepHazard(w.next, assigned.dueAt!);
    expect(b).toMatchObject({ fired: 'breach', next: { overdue: true, sweepAt: null } });
    expect(sweepHazard(b.next, plusDays(t0, 30)).fired).toBeNull();
  });
  it('a sweep that comes late past both marks only the breach', () => {
    expect(sweepHazard(assigned, plusDays(t0, 20))).toMatchObject({ fired: 'breach', next: { overdue: true, warned: true } });
  });
  it('alerts: the warning to the responsible unit; the breach to it and the town; deterministic IDs, no raw IDs in text', () => {
    const w = hazardAlerts(item(), assigned, 'warning', t0, '2026-05-27 24:00');
    expect(w.map((a) => a.recipientUnit)).toEqual([V]);
    const b = hazardAlerts(
      item(),
      { ...assigned, responsibleKind: 'department', responsibleId: '621126-police-minyang' },
      'breach',
      t0,
      'x',
    );
    expect(b.map((a) => [a.recipientUnit, a.recipientDept])).toEqual([
      [null, '621126-police-minyang'],
      [T, null],
    ]);
    expect(new Set(b.map((a) => a.id)).size).toBe(2);
    expect(b[0]!.body).toContain('村口电线老化');
    expect(b[0]!.body).not.toContain('i1');
  });
});
