// 排查考核 through the emulators, figure by figure: a scripted four weeks in a county of its own
// (one town, one village, a daily grid and a grid of twice a week) — patrols with gaps and zero
// reports, items of every non-dispute kind (one on a patrol of an earlier day), hazards in every
// state (verified, sent back, assigned, only reported), a key person's visits — with resends that
// must count nothing. The figures of the village, town and county are checked against the script;
// the monthly report's 排查考核 sheet and the 排查台账 against the same totals; verify finds no
// difference, finds one after a figure document is lost, and rebuild repairs it.
import ExcelJS from 'exceljs';
import type { Timestamp } from 'firebase-admin/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ITEM_KINDS,
  UpsertUserInput,
  addDays,
  defaultPatrolPolicy,
  defaultPolicy,
  isoWeekday,
  localDate,
  patrolReportRows,
} from '../../functions/src/domain';
import { patrolTotals, patrolTotalsOfRange, rebuildPatrolFigures, verifyPatrolFigures } from '../../functions/src/lib/patrol-figures';
import { syncProfile, upsertUser } from '../../functions/src/lib/users-service';
import { type Client, adminAuth, adminDb, callError, closeAdmin, requestId, signInAs, signInWith } from '../helpers/emulator';

const C = '621199',
  T = '621199100',
  V = '621199100001',
  G1 = '621199100001001',
  G2 = '621199100001002';
const PHONE = '13912345678';
const KP_NAME = '王考核测试人';
const KP_PHONE = '13900001111';
const PASSWORD = 'Passw0rd!figures';

const today = localDate(new Date());
const FROM = addDays(today, -27);
const TO = addDays(today, 20); // the hazards fall due after today
const dates = Array.from({ length: 28 }, (_, i) => addDays(FROM, i));
const month = today.slice(0, 7);
/** A moment on a local date: 10:00, or two minutes ago for today (never in the future). */
const momentOn = (d: string) => (d === today ? new Date(Date.now() - 120_000).toISOString() : `${d}T10:00:00+08:00`);

// The script: which days each grid patrols, and which are zero reports.
const g1Days = dates.filter((_, i) => i % 5 !== 4);
const g1Zero = (d: string) => dates.indexOf(d) % 3 === 0;
const g2Days = dates.filter((_, i) => i % 4 === 0);

let grid1: Client, grid2: Client, village: Client, county: Client, otherTown: Client;
type Item = { itemId: string; created: boolean };
type Step = { itemId: string; version: number; state: string };

async function account(key: string, role: string, scopeId: string, name: string): Promise<Client> {
  const email = `figures-${key}-${Date.now().toString(36)}@example.test`;
  const input = UpsertUserInput.parse({ email, password: PASSWORD, displayName: name, role, scopeId });
  const { uid } = await upsertUser(adminDb(), adminAuth(), input, 'cli');
  await syncProfile(adminDb(), adminAuth(), uid);
  return signInWith(email, PASSWORD);
}

beforeAll(async () => {
  const db = adminDb();
  await db.doc(`regions/${C}`).set({ id: C, level: 'county', name: '考核县', parentId: null, countyId: C, townId: null });
  await db.doc(`regions/${T}`).set({ id: T, level: 'town', name: '考核镇', parentId: C, countyId: C, townId: T });
  await db.doc(`regions/${V}`).set({ id: V, level: 'village', name: '考核村', parentId: T, countyId: C, townId: T });
  for (const g of [G1, G2])
    await db.doc(`grids/${g}`).set({ id: g, name: `考核村第${g.slice(-1)}网格`, countyId: C, townId: T, villageId: V, households: 60 });
  await db.doc(`policies/${C}`).set({
    ...defaultPolicy(C),
    patrol: { ...defaultPatrolPolicy(), gridFrequency: { [G2]: { kind: 'weekly', times: 2 } }, backdateDays: 31 },
  });
  [grid1, grid2, village, county] = await Promise.all([
    account('g1', 'grid_worker', G1, '赵一'),
    account('g2', 'grid_worker', G2, '钱二'),
    account('v', 'village_staff', V, '孙村干'),
    account('c', 'county_staff', C, '李县干'),
  ]);
  otherTown = await signInAs('town');
}, 120_000);
afterAll(async () => closeAdmin());

const patrol = (c: Client, gridId: string, d: string, zero: boolean, rid = requestId()) =>
  c.call<{ patrolId: string; created: boolean; date: string }>('recordPatrol', {
    requestId: rid,
    gridId,
    patrolledAt: momentOn(d),
    householdsVisited: 10,
    zeroReport: zero,
    note: zero ? null : `发现路灯损坏，住户电话${PHONE}`,
  });
const item = (kind: string, patrolId: string | null = null, rid = requestId()) =>
  grid1.call<Item>('recordItem', {
    requestId: rid,
    gridId: G1,
    kind,
    patrolId,
    title: `考核${kind}`,
    description: `情况说明，联系电话${PHONE}`,
  });
const hazard = (itemId: string, expectedVersion: number, command: unknown, by = village) =>
  by.call<Step>('hazardAction', { itemId, expectedVersion, command });

/** What the script adds up to, per figure (independent of the code under test's sums). */
function expectedCoverage() {
  const g1 = { expected: dates.length, done: g1Days.length };
  const weeks = new Map<string, string[]>();
  for (const d of dates) {
    const w = addDays(d, 1 - isoWeekday(d));
    weeks.set(w, [...(weeks.get(w) ?? []), d]);
  }
  let expected = 0,
    done = 0;
  for (const ds of weeks.values()) {
    const want = Math.ceil((2 * ds.length) / 7);
    expected += want;
    // Grid 2 also patrolled today (the resent patrol).
    done += Math.min(want, ds.filter((d) => g2Days.includes(d) || d === today).length);
  }
  return { expected: g1.expected + expected, done: g1.done + done };
}

describe('a scripted four weeks, figure by figure', () => {
  let hazardIds: string[] = [];
  let dueDay = '';
  let patrolOfDay1 = '';

  it('records the script through the callables; resends count nothing', async () => {
    for (const d of g1Days) {
      const r = await patrol(grid1, G1, d, g1Zero(d));
      if (d === dates[1]) patrolOfDay1 = r.patrolId;
    }
    for (const d of g2Days) await patrol(grid2, G2, d, true);
    const rid = requestId();
    expect((await patrol(grid2, G2, today, true, rid)).created).toBe(true);
    expect((await patrol(grid2, G2, today, true, rid)).created).toBe(false);

    // Items: a security problem found on day 1's patrol, a demand and 涉稳信息 today, four hazards today.
    await item('security', patrolOfDay1);
    const demandRid = requestId();
    await item('demand', null, demandRid);
    expect((await item('demand', null, demandRid)).created).toBe(false);
    await item('stability');
    hazardIds = [];
    for (let i = 0; i < 4; i++) hazardIds.push((await item('hazard')).itemId);
    const [hA, hB, hC] = hazardIds as [string, string, string, string];
    const assign = { action: 'assign', responsible: { kind: 'unit', id: V }, note: null };
    for (const id of [hA, hB, hC]) expect((await hazard(id, 1, assign)).state).toBe('assigned');
    // A stale resend of the assignment is refused and moves nothing.
    expect((await callError(village, 'hazardAction', { itemId: hA, expectedVersion: 1, command: assign })).code).toBe(
      'failed-precondition',
    );
    await hazard(hA, 2, { action: 'start', note: null });
    await hazard(hA, 3, { action: 'rectified', note: '已更换线路' });
    expect((await hazard(hA, 4, { action: 'verify', note: null }, grid1)).state).toBe('verified');
    await hazard(hB, 2, { action: 'rectified', note: '已处理' });
    expect((await hazard(hB, 3, { action: 'send_back', reason: '未彻底整改' }, grid1)).state).toBe('rectifying');
    dueDay = localDate(((await adminDb().doc(`patrolItems/${hA}`).get()).get('hazard.dueAt') as Timestamp).toDate());
    for (const id of [hB, hC])
      expect(localDate(((await adminDb().doc(`patrolItems/${id}`).get()).get('hazard.dueAt') as Timestamp).toDate())).toBe(dueDay);
    expect(dueDay > today && dueDay <= TO).toBe(true);

    // A key person of grid 1 with two visits (one resent).
    const kp = await village.call<{ id: string }>('saveKeyPerson', {
      requestId: requestId(),
      kind: 'person',
      category: '刑满释放人员',
      gridId: G1,
      risk: 'yellow',
      gridWorkerUid: grid1.uid,
      personal: { name: KP_NAME, idNumber: null, phone: KP_PHONE, address: null, note: null },
    });
    const visit = (d: string, rid = requestId()) =>
      grid1.call<{ created: boolean; onTime: boolean }>('recordKeyPersonVisit', {
        requestId: rid,
        id: kp.id,
        visitedAt: `${d}T09:00:00+08:00`,
        met: true,
        condition: 'stable',
        note: '情况平稳',
        measures: null,
      });
    const vr = requestId();
    expect(await visit(addDays(today, -3), vr)).toMatchObject({ created: true, onTime: true });
    expect((await visit(addDays(today, -3), vr)).created).toBe(false);
    expect((await visit(addDays(today, -1))).onTime).toBe(true);
  });

  it('the village, town and county figures are those of the script', async () => {
    const cov = expectedCoverage();
    const patrols = g1Days.length + g2Days.length + 1;
    const zeroReports = g1Days.filter(g1Zero).length + g2Days.length + 1;
    for (const unit of [V, T, C]) {
      const t = await patrolTotalsOfRange(adminDb(), unit, FROM, TO);
      expect(t.coverage).toMatchObject(cov);
      expect(t.patrols).toBe(patrols);
      expect(t.zeroReports).toBe(zeroReports);
      expect(t.items).toEqual({ dispute: 0, hazard: 4, security: 1, demand: 1, stability: 1 });
      expect(t).toMatchObject({ hazardsDue: 3, hazardsDone: 1, hazardsRectified: 1, hazardsOnTime: 1, keyVisits: 2, keyVisitsOnTime: 2 });
    }
    // The security item counts on its patrol's day, not today; the hazards fall due on their due day.
    expect((await patrolTotalsOfRange(adminDb(), V, dates[1]!, dates[1]!)).items.security).toBe(1);
    expect((await patrolTotalsOfRange(adminDb(), V, dueDay, dueDay)).hazardsDue).toBe(3);
    expect((await patrolTotalsOfRange(adminDb(), V, today, today)).hazardsDue).toBe(0);
  });

  it('the monthly report carries the month’s 排查考核 sheet', async () => {
    const f = await village.call<{ base64: string }>('exportMonthlyReport', { unitId: V, month });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(f.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('排查考核')!;
    const rows: [string, string | number][] = [];
    ws.eachRow((r, i) => {
      if (i > 1) rows.push([String(r.getCell(1).value), r.getCell(2).value as string | number]);
    });
    expect(rows).toEqual(patrolReportRows(await patrolTotals(adminDb(), V, month)));
    const byLabel = Object.fromEntries(rows);
    expect(byLabel['　安全隐患']).toBe(4);
    expect(byLabel['重点人员走访（次）']).toBe(
      dates.filter((d) => d.startsWith(month) && [addDays(today, -3), addDays(today, -1)].includes(d)).length,
    );
  });

  it('the 排查台账: every patrol and item, masked, 涉稳信息 only for the county, key persons never', async () => {
    const csv = async (c: Client) => {
      const r = await c.call<{ rows: { patrols: number; items: number }; base64: string; filename: string }>('exportPatrolLedger', {
        unitId: V,
        from: FROM,
        to: today,
        format: 'csv',
      });
      return { ...r, text: Buffer.from(r.base64, 'base64').toString('utf8') };
    };
    const v = await csv(village);
    expect(v.filename).toBe(`排查台账_考核村_${FROM}_${today}.csv`);
    expect(v.rows).toEqual({ patrols: g1Days.length + g2Days.length + 1, items: 6 });
    expect(v.text).toContain('巡查记录');
    expect(v.text).not.toContain('考核stability');
    for (const secret of [PHONE, KP_NAME, KP_PHONE]) expect(v.text).not.toContain(secret);
    const c = await csv(county);
    expect(c.rows.items).toBe(7);
    expect(c.text).toContain('涉稳信息');
    expect(c.text).not.toContain(KP_NAME);
    expect((await callError(otherTown, 'exportPatrolLedger', { unitId: V, from: FROM, to: today })).code).toBe('permission-denied');
    expect((await callError(grid2, 'exportPatrolLedger', { unitId: V, from: FROM, to: today })).code).toBe('permission-denied');
    expect((await callError(village, 'exportPatrolLedger', { unitId: V, from: today, to: FROM })).code).toBe('invalid-argument');
    const xlsx = await village.call<{ base64: string }>('exportPatrolLedger', { unitId: V, from: FROM, to: today });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '巡查记录', '排查事项']);
    expect(wb.getWorksheet('巡查记录')!.rowCount).toBe(g1Days.length + g2Days.length + 2);
  });

  it('verify finds no difference; a lost figure document is found and rebuilt', async () => {
    const clean = async () => (await verifyPatrolFigures(adminDb(), C, month)).filter((r) => r.stored !== r.expected);
    const rows = await verifyPatrolFigures(adminDb(), C, month);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.stored !== r.expected)).toEqual([]);
    const before = await patrolTotalsOfRange(adminDb(), V, FROM, TO);
    const lost = await adminDb().collection('patrolFigures').where('unitId', '==', V).where('date', '==', today).get();
    expect(lost.size).toBeGreaterThan(0);
    for (const d of lost.docs) await d.ref.delete();
    expect((await clean()).map((r) => r.unitId)).toContain(V);
    const report = await rebuildPatrolFigures(adminDb(), C);
    expect(report).toMatchObject({ items: 7, visits: 2 });
    expect(await clean()).toEqual([]);
    const after = await patrolTotalsOfRange(adminDb(), V, FROM, TO);
    expect(after).toEqual(before);
    for (const k of ITEM_KINDS) expect(after.items[k]).toBe(before.items[k]);
  });
});
