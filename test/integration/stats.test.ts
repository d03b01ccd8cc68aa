// A scripted month of cases (March 2026, 茶固村) through the real services with an injected
// clock; every figure checked against a hand-computed expectation; replays count nothing twice;
// verification and rebuild; exports opened and checked cell by cell; no personal data leaks.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldValue } from 'firebase-admin/firestore';
import { type CaseCommand, type Claims, LEDGER_COLUMNS, ReportCaseInput, localDate, rates } from '../../functions/src/domain';
import { applyCaseCommand, reportCaseTx } from '../../functions/src/lib/case-service';
import { clearConfigCache } from '../../functions/src/lib/config';
import { ledgerFile } from '../../functions/src/lib/exports';
import { rebuildStats, rollupMonth, storedFigures, verifyStats } from '../../functions/src/lib/rollup';
import { runSweep } from '../../functions/src/lib/sweep';
import { type Client, adminDb, callError, closeAdmin, requestId, signInAs } from '../helpers/emulator';

const V = '621126103004';
const G = `${V}001`;
const village: Claims = { r: 'village_staff', u: V, c: '621126', t: '621126103', v: V };
const town: Claims = { r: 'town_staff', u: '621126103', c: '621126', t: '621126103' };
const grid: Claims = { r: 'grid_worker', u: G, c: '621126', t: '621126103', v: V, g: G };
const actor = (c: Claims, uid: string) => ({ uid, role: c.r, unitId: c.u, name: null });
const at = (s: string) => () => new Date(`${s}+08:00`);
const PII = ['赵铁柱', '13900001111', '621126198001011234', '茶固村5号', '钱二', '孙三'];

let county: Client, resident: Client;
const ids: Record<string, string> = {};

async function report(key: string, when: string, over: Record<string, unknown> = {}, by: Claims = village) {
  const input = ReportCaseInput.parse({
    requestId: `month-${key}-xxxx`,
    gridId: G,
    category: 'neighbour',
    title: `${key}号纠纷`,
    description: `赵铁柱（13900001111）反映与邻居发生纠纷，住茶固村5号`,
    parties: [
      { role: 'applicant', name: '赵铁柱', phone: '13900001111', idNumber: '621126198001011234', address: '茶固村5号' },
      { role: 'respondent', name: key === 'C2' ? '钱二' : '孙三', phone: null, idNumber: null, address: null },
    ],
    ...over,
  });
  const id = `621126-month-${key}`;
  await reportCaseTx(adminDb(), id, input, actor(by, `u-${by.r}`), by, at(when));
  ids[key] = id;
  return id;
}
async function act(key: string, when: string, cmd: CaseCommand, by: Claims = village) {
  const v = (await adminDb().doc(`cases/${ids[key]}`).get()).get('version');
  return applyCaseCommand(adminDb(), ids[key]!, v, cmd, actor(by, `u-${by.r}`), by, at(when));
}

beforeAll(async () => {
  clearConfigCache();
  [county, resident] = await Promise.all([signInAs('county'), signInAs('resident')]);
  // A clean March 2026 for this village (earlier runs of this file).
  for (const d of (await adminDb().collection('cases').where('villageId', '==', V).get()).docs) await adminDb().recursiveDelete(d.ref);
  for (const d of (await adminDb().collection('statsDays').where('month', '==', '2026-03').get()).docs) await d.ref.delete();

  // ---- the scripted month ----
  await report('C1', '2026-03-02T09:00:00');
  await act('C1', '2026-03-02T10:00:00', { action: 'accept' });
  await act('C1', '2026-03-04T15:00:00', { action: 'resolve', outcome: 'mediated_agreement', note: '赵铁柱与孙三签订调解协议' });
  await act('C1', '2026-03-05T10:00:00', { action: 'callback', satisfaction: 'satisfied' });
  await act('C1', '2026-03-06T10:00:00', { action: 'close' });

  await report('C2', '2026-03-03T09:00:00');
  await act('C2', '2026-03-03T10:00:00', { action: 'accept' });
  await act('C2', '2026-03-10T15:00:00', { action: 'resolve', outcome: 'referred_litigation', note: '引导起诉' });
  await act('C2', '2026-03-11T10:00:00', { action: 'callback', satisfaction: 'basically_satisfied' });

  await report('C3', '2026-03-05T09:00:00');
  await act('C3', '2026-03-05T10:00:00', { action: 'accept' });
  await act('C3', '2026-03-06T15:00:00', { action: 'resolve', outcome: 'explained', note: '解释疏导' });
  await act('C3', '2026-03-07T10:00:00', { action: 'callback', satisfaction: 'unsatisfied' }); // reopens
  await act('C3', '2026-03-09T15:00:00', { action: 'resolve', outcome: 'explained', note: '再次疏导' });
  await act('C3', '2026-03-10T10:00:00', { action: 'callback', satisfaction: 'satisfied' });

  await report('C4', '2026-03-09T09:00:00');
  await act('C4', '2026-03-09T10:00:00', { action: 'not_accept', reason: '属法院受理范围', referral: 'court' });

  await report('C5', '2026-03-10T09:00:00', { source: 'court_referral', category: 'contract' });
  await act('C5', '2026-03-10T10:00:00', { action: 'accept' });
  await act('C5', '2026-03-12T15:00:00', { action: 'resolve', outcome: 'mediated_agreement', note: '诉前调解成功' });

  await report('C6', '2026-03-16T09:00:00', { source: 'petition', category: 'village_affairs' });

  await report('C7', '2026-03-20T10:00:00');
  await act('C7', '2026-03-20T11:00:00', { action: 'accept' });
  // Three working days (23, 24, 25 Mar) run out: the sweep escalates it to the town.
  await runSweep(adminDb(), new Date('2026-03-26T01:00:00+08:00'));
  await act('C7', '2026-03-26T09:00:00', { action: 'accept' }, town);
  await act('C7', '2026-03-27T15:00:00', { action: 'resolve', outcome: 'explained', note: '乡镇协调解决' }, town);

  await report('C8', '2026-03-23T09:00:00', {}, grid);
  await act('C8', '2026-03-23T11:00:00', { action: 'resolve', outcome: 'solved_on_spot', note: '网格员当场化解' }, grid);

  await rollupMonth(adminDb(), '2026-03');
}, 120_000);
afterAll(closeAdmin);

describe('a scripted month, every figure', () => {
  it('matches the hand-computed figures for the village', async () => {
    const f = await storedFigures(adminDb(), V, '2026-03');
    expect(f).toMatchObject({
      // Overdue: C7, and C6 (reported 16 Mar, never accepted) which the same sweep escalated.
      received: 8,
      accepted: 5,
      notAccepted: 1,
      resolved: 7,
      closed: 1,
      overdue: 2,
      mediations: 3,
      mediationSuccess: 2,
      onTime: 6,
      resolvedLow: 6,
      cycleCases: 7,
      // Working days: C1 2 (3, 4 Mar), C2 5, C3 1 and 2, C5 2, C7 5 (23–27 Mar), C8 0.
      cycleWorkingDays: 17,
      callbacks: 4,
      'satisfaction.satisfied': 2,
      'satisfaction.basically_satisfied': 1,
      'satisfaction.unsatisfied': 1,
      courtReceived: 1,
      courtResolved: 1,
      courtDiverted: 1,
      petitions: 1,
      'entries.u-grid_worker': 1,
      'receivedByCategory.neighbour': 6,
      'receivedByCategory.contract': 1,
      'receivedByCategory.village_affairs': 1,
      'receivedBySource.court_referral': 1,
      'receivedBySource.petition': 1,
      'resolvedByTier.village': 5,
      'resolvedByTier.grid': 1,
      'resolvedByTier.town': 1,
    });
  });

  it('computes the 考核 rates', async () => {
    const raw = (await adminDb().doc(`statsPeriods/${V}_2026-03`).get()).data()!;
    const r = rates(raw as never);
    expect(r.mediationSuccessRate).toBeCloseTo(2 / 3);
    expect(r.closureRate).toBeCloseTo(7 / 5);
    expect(r.onTimeRate).toBeCloseTo(6 / 7);
    expect(r.averageCycleWorkingDays).toBeCloseTo(17 / 7);
    expect(r.satisfactionRate).toBeCloseTo(3 / 4);
    expect(r.resolvedAtVillageOrBelowShare).toBeCloseTo(6 / 7);
    expect(r.courtDiversionRate).toBe(1);
  });

  it('rolls the same figures up to the town, the county and the year, and a day sums its shards', async () => {
    for (const unit of ['621126103', '621126'])
      expect(await storedFigures(adminDb(), unit, '2026-03')).toMatchObject({ received: 8, resolved: 7, overdue: 2 });
    expect((await storedFigures(adminDb(), V, '2026')).received).toBeGreaterThanOrEqual(8);
    expect(await storedFigures(adminDb(), '621126', '2026-03-23')).toMatchObject({ received: 1, resolved: 1 });
  });
});

describe('replays count nothing twice', () => {
  it('a retried transition, a second sweep, a second roll-up and a rebuild leave the figures as they are', async () => {
    const before = await storedFigures(adminDb(), V, '2026-03');
    await expect(
      applyCaseCommand(
        adminDb(),
        ids.C2!,
        3,
        { action: 'callback', satisfaction: 'satisfied' },
        actor(village, 'x'),
        village,
        at('2026-03-11T10:00:00'),
      ),
    ).rejects.toThrow(/已被他人更新/);
    await runSweep(adminDb(), new Date('2026-03-26T01:00:00+08:00'));
    await rollupMonth(adminDb(), '2026-03');
    expect(await storedFigures(adminDb(), V, '2026-03')).toEqual(before);
    await rebuildStats(adminDb(), V, '2026-03');
    expect(await storedFigures(adminDb(), V, '2026-03')).toEqual(before);
  });

  it('`stats verify` finds the stored figures equal to the events', async () => {
    const rows = await verifyStats(adminDb(), V, '2026-03');
    expect(rows.filter((r) => r.stored !== r.fromEvents)).toEqual([]);
    expect(rows.find((r) => r.figure === 'received')).toMatchObject({ stored: 8, fromEvents: 8 });
    // A corrupted figure is found, and rebuilt.
    await adminDb().doc(`statsPeriods/${V}_2026-03`).update({ received: 99 });
    expect((await verifyStats(adminDb(), V, '2026-03')).find((r) => r.figure === 'rollup.received')).toMatchObject({
      stored: 99,
      expected: 8,
    });
    await rebuildStats(adminDb(), V, '2026-03');
    expect((await verifyStats(adminDb(), V, '2026-03')).every((r) => r.stored === r.expected)).toBe(true);
  });

  it('`stats verify` of the current month passes after activity today (rolled up only at night), and still finds a true difference', async () => {
    const month = localDate(new Date()).slice(0, 7);
    // A roll-up made earlier in the month, then activity: the roll-up is behind, which is no difference.
    await rollupMonth(adminDb(), month);
    const villageClient = await signInAs('village');
    await villageClient.call('reportCase', {
      requestId: requestId(),
      gridId: '621126100001001',
      category: 'neighbour',
      title: '本月新案件',
      description: '本月新登记的邻里纠纷',
      parties: [{ role: 'applicant', name: '本月甲', phone: null, idNumber: null, address: null }],
    });
    const rows = await verifyStats(adminDb(), '621126100001', month);
    expect(rows.filter((r) => r.stored !== r.expected)).toEqual([]);
    expect(rows.some((r) => r.figure.startsWith('rollup.'))).toBe(false);
    // A corrupted day document is a true difference.
    const day = (await adminDb().collection('statsDays').where('unitId', '==', '621126100001').where('month', '==', month).limit(1).get())
      .docs[0]!;
    await day.ref.update({ received: FieldValue.increment(5) });
    expect((await verifyStats(adminDb(), '621126100001', month)).find((r) => r.figure === 'received')!.stored).toBeGreaterThan(
      (await verifyStats(adminDb(), '621126100001', month)).find((r) => r.figure === 'received')!.expected,
    );
    await day.ref.update({ received: FieldValue.increment(-5) });
    expect((await verifyStats(adminDb(), '621126100001', month)).filter((r) => r.stored !== r.expected)).toEqual([]);
  });
});

async function readXlsx(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}
const cells = (ws: ExcelJS.Worksheet) =>
  ws
    .getSheetValues()
    .slice(1)
    .map((r) => (r as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : v)));

describe('ledgers (台账) and the monthly report', () => {
  it('the village exports its ledger with personal data, cell by cell', async () => {
    const f = await ledgerFile(
      adminDb(),
      { claims: village, uid: 'u-village_staff' },
      { unitId: V, from: '2026-03-01', to: '2026-03-31', format: 'xlsx' },
    );
    const ws = (await readXlsx(f.content)).getWorksheet('台账')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const rows = cells(ws);
    expect(rows[0]).toEqual([...LEDGER_COLUMNS]);
    expect(rows).toHaveLength(9);
    // Notes are stored masked for everyone (docs/architecture.md "Who sees personal data"); the parties' columns are not.
    expect(rows[1]).toEqual([
      1,
      ids.C1,
      '2026-03-02 09:00',
      '网格员巡查',
      '邻里',
      '一般',
      'C1号纠纷',
      '梅川镇',
      '茶固村',
      '茶固村第1网格',
      '赵铁柱、孙三',
      '13900001111',
      '621126198001011234',
      '村（社区）',
      '已归档',
      '2026-03-02 10:00',
      '2026-03-04 15:00',
      '调解成功',
      '赵**与孙*签订调解协议',
      '否',
      '满意',
    ]);
    expect(rows.find((r) => r[1] === ids.C7)!.slice(13, 21)).toEqual([
      '乡镇（街道）',
      '已化解',
      '2026-03-20 11:00',
      '2026-03-27 15:00',
      '解释疏导',
      '乡镇协调解决',
      '是',
      '',
    ]);
  });

  it('masks personal data for readers who do not handle the cases (callable, CSV and xlsx)', async () => {
    const x = await county.call<{ base64: string; rows: number }>('exportLedger', {
      unitId: V,
      from: '2026-03-01',
      to: '2026-03-31',
      format: 'xlsx',
    });
    const rows = cells((await readXlsx(Buffer.from(x.base64, 'base64'))).getWorksheet('台账')!);
    expect(rows[1]![10]).toBe('赵**、孙*');
    expect(rows[1]![11]).toBe('139****1111');
    const csv = Buffer.from(
      (await county.call<{ base64: string }>('exportLedger', { unitId: V, from: '2026-03-01', to: '2026-03-31', format: 'csv' })).base64,
      'base64',
    ).toString('utf8');
    expect(csv.startsWith('\uFEFF序号,案件编号,登记时间')).toBe(true);
    for (const pii of PII) {
      expect(JSON.stringify(rows)).not.toContain(pii);
      expect(csv).not.toContain(pii);
    }
    expect((await callError(await signInAs('town2'), 'exportLedger', { unitId: V, from: '2026-03-01', to: '2026-03-31' })).code).toBe(
      'permission-denied',
    );
  });

  it("the monthly report carries the figures and the grid workers' ranking, and no personal data", async () => {
    const r = await county.call<{ base64: string; filename: string }>('exportMonthlyReport', { unitId: V, month: '2026-03' });
    const wb = await readXlsx(Buffer.from(r.base64, 'base64'));
    const rows = cells(wb.getWorksheet('月报')!);
    const get = (label: string) => rows.find((x) => x[0] === label)![1];
    expect(get('受理登记数（件）')).toBe(8);
    expect(get('化解办结数（件）')).toBe(7);
    expect(get('调解成功率')).toBe('66.67%');
    expect(get('满意率')).toBe('75.00%');
    expect(get('按期办结率')).toBe('85.71%');
    expect(get('平均办理时长（工作日）')).toBe('2.43');
    expect(get('诉前委派调解成功率')).toBe('100.00%');
    // By name, never the account ID (this fixture's reporter has no profile).
    expect(cells(wb.getWorksheet('网格员月排名')!)[1]).toEqual([1, '（未登记人员）', 1]);
    for (const pii of PII) expect(JSON.stringify(wb.worksheets.map(cells))).not.toContain(pii);
  });
});

describe('typical cases (典型案例)', () => {
  it('publishes a closed case anonymised, readable in the county', async () => {
    expect(
      (
        await callError(county, 'publishTypicalCase', {
          caseId: ids.C2,
          title: '邻里纠纷调解',
          lesson: '引导当事人依法诉讼的典型做法与经验',
        })
      ).code,
    ).toBe('failed-precondition');
    await county.call('publishTypicalCase', {
      caseId: ids.C1,
      title: '赵铁柱邻里纠纷调解案',
      lesson: '村调委会及时介入，赵某与孙某握手言和',
    });
    const { getDoc, doc } = await import('firebase/firestore');
    const t = (await getDoc(doc(resident.db, `typicalCases/${ids.C1}`))).data()!;
    expect(t.title).toBe('当事人甲邻里纠纷调解案');
    expect(t.lesson).toBe('村调委会及时介入，当事人甲与当事人乙握手言和');
    expect(t.summary).toContain('当事人甲（139****1111）');
    for (const pii of PII) expect(JSON.stringify(t)).not.toContain(pii);
  });
});
