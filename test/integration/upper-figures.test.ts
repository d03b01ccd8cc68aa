// Figures above the county (issue 16) through the real services: cases reported in two counties
// of 定西市 (6211) and one of 兰州市 (6201) count, in the same transaction, in their city's and
// province's statistics — per county (city) and per city (province) too; a retried report counts
// nothing; `stats verify` for a city and a province recomputes from their counties' events and
// matches; the monthly roll-up and `stats rebuild` of a province are idempotent; the live counters
// of the city count the county's cases, and `counters verify` over every case finds them right.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseDoc, type Claims, ReportCaseInput, seesUnit, sumCounters } from '../../functions/src/domain';
import { applyCaseCommand, reportCaseTx } from '../../functions/src/lib/case-service';
import { clearConfigCache } from '../../functions/src/lib/config';
import { rebuildCounters, writeCounters } from '../../functions/src/lib/counters';
import { dayFigures, rebuildStats, rollupMonth, storedFigures, verifyStats } from '../../functions/src/lib/rollup';
import { adminDb, callError, closeAdmin, signInAs } from '../helpers/emulator';
import { ensureRegions } from '../helpers/upper-regions';
import { monthlyReportFile } from '../../functions/src/lib/exports';

// A month no other test writes (privacy.test.ts reports cases in 岷县 in February 2026).
const MONTH = '2025-11';
const IDS = ['upper-it-621126-1', 'upper-it-621126-2', 'upper-it-621123-1', 'upper-it-620102-1'];
const at = (s: string) => () => new Date(`${s}+08:00`);
const gridOf = (county: string) => (county === '621126' ? '621126103002001' : `${county}100001001`);
const claimsOf = (county: string): Claims => {
  const g = gridOf(county);
  return { r: 'village_staff', u: g.slice(0, 12), c: county, t: g.slice(0, 9), v: g.slice(0, 12) };
};

async function report(county: string, n: number, when: string) {
  const c = claimsOf(county);
  const input = ReportCaseInput.parse({
    requestId: `upper-${county}-${n}-xxxx`,
    gridId: gridOf(county),
    category: 'neighbour',
    title: '邻里纠纷',
    description: '两户因排水发生争执',
    parties: [{ role: 'applicant', name: '张三', phone: null, idNumber: null, address: null }],
  });
  const id = `upper-it-${county}-${n}`;
  return { id, r: await reportCaseTx(adminDb(), id, input, { uid: 'u-upper', role: c.r, unitId: c.u, name: null }, c, at(when)) };
}
const cityCounters = async (unit: string) =>
  sumCounters((await adminDb().collection('counters').where('unitId', '==', unit).get()).docs.map((d) => d.data() as never));

let before: Awaited<ReturnType<typeof cityCounters>>;

beforeAll(async () => {
  clearConfigCache();
  const db = adminDb();
  await ensureRegions(db, '62', '6211', '6201', '621123', '620102');
  for (const county of ['621123', '620102']) {
    const g = gridOf(county);
    await db
      .doc(`grids/${g}`)
      .set({ id: g, name: '测试网格', countyId: county, townId: g.slice(0, 9), villageId: g.slice(0, 12), households: null });
  }
  // A clean November 2025 (earlier runs of this file).
  for (const id of IDS) {
    const old = await db.doc(`cases/${id}`).get();
    if (!old.exists) continue;
    // Out of the counters first (the reverse change), so the counters keep matching the cases.
    const b = db.batch();
    writeCounters(db, b, old.data() as CaseDoc, null);
    await b.commit();
    await db.recursiveDelete(old.ref);
  }
  for (const d of (await db.collection('statsDays').where('month', '==', MONTH).get()).docs) await d.ref.delete();
  for (const d of (await db.collection('statsPeriods').where('period', '==', MONTH).get()).docs) await d.ref.delete();
  // Other tests of the run repair one county's counters (`counters rebuild --county`), which leaves
  // its city and province alone by design: start from a full repair, so what follows is this file's.
  await rebuildCounters(db, { repair: true });
  before = await cityCounters('6211');

  await report('621126', 1, '2025-11-03T09:00:00');
  await report('621126', 2, '2025-11-03T10:00:00');
  await report('621123', 1, '2025-11-04T09:00:00');
  await report('620102', 1, '2025-11-04T11:00:00');
  // One accepted (a flow figure, 受理) in 岷县.
  const v = (await db.doc('cases/upper-it-621126-1').get()).get('version');
  const c = claimsOf('621126');
  await applyCaseCommand(
    db,
    'upper-it-621126-1',
    v,
    { action: 'accept' },
    { uid: 'u-upper', role: c.r, unitId: c.u, name: null },
    c,
    at('2025-11-05T09:00:00'),
  );
});
afterAll(closeAdmin);

describe('figures above the county', () => {
  it("a city's and a province's day figures count their counties' events, per county and per city", async () => {
    const city = await dayFigures(adminDb(), '6211', MONTH);
    expect(city).toMatchObject({
      received: 3,
      'receivedByChild.621126': 2,
      'receivedByChild.621123': 1,
      accepted: 1,
      'acceptedByChild.621126': 1,
    });
    expect(city['receivedByChild.620102']).toBeUndefined();
    const province = await dayFigures(adminDb(), '62', MONTH);
    expect(province).toMatchObject({ received: 4, 'receivedByChild.6211': 3, 'receivedByChild.6201': 1 });
    // A county's own documents carry no child figures.
    expect(Object.keys(await dayFigures(adminDb(), '621123', MONTH)).some((k) => k.includes('ByChild'))).toBe(false);
  });

  it('a retried report counts nothing twice', async () => {
    const again = await report('621123', 1, '2025-11-04T09:00:00');
    expect(again.r.created).toBe(false);
    expect((await dayFigures(adminDb(), '6211', MONTH)).received).toBe(3);
  });

  it('stats verify for a city and a province recomputes from the counties’ events and matches', async () => {
    for (const unit of ['6211', '62']) {
      const rows = await verifyStats(adminDb(), unit, MONTH);
      expect(rows.filter((r) => r.figure === 'received')[0]).toMatchObject({
        stored: unit === '62' ? 4 : 3,
        expected: unit === '62' ? 4 : 3,
      });
      expect(rows.some((r) => r.figure.startsWith('receivedByChild.'))).toBe(true);
      expect(rows.filter((r) => r.stored !== r.expected)).toEqual([]);
    }
    // A difference is found: a city figure tampered with.
    await adminDb()
      .doc('statsDays/6211_2025-11-03__0')
      .set({ unitId: '6211', level: 'city', shard: 0, period: '2025-11-03', month: MONTH, year: '2025', received: 5 }, { merge: true });
    const bad = (await verifyStats(adminDb(), '6211', MONTH)).filter((r) => r.stored !== r.expected);
    expect(bad.map((r) => r.figure)).toContain('received');
    // …and rebuilt from the counties' events (twice: the same result).
    await rebuildStats(adminDb(), '6211', MONTH);
    await rebuildStats(adminDb(), '6211', MONTH);
    expect((await verifyStats(adminDb(), '6211', MONTH)).filter((r) => r.stored !== r.expected)).toEqual([]);
    expect(await dayFigures(adminDb(), '6211', MONTH)).toMatchObject({ received: 3, 'receivedByChild.621126': 2 });
  });

  it("the month's roll-up of a province equals its days, and rolling up again changes nothing", async () => {
    await rollupMonth(adminDb(), MONTH);
    const once = await storedFigures(adminDb(), '62', MONTH);
    await rollupMonth(adminDb(), MONTH);
    expect(await storedFigures(adminDb(), '62', MONTH)).toEqual(once);
    expect(once).toMatchObject({ received: 4, 'receivedByChild.6211': 3, 'receivedByChild.6201': 1 });
  });

  it("a city's monthly report compares its counties by name; a county's user cannot export it", async () => {
    await rollupMonth(adminDb(), MONTH);
    // What exportMonthlyReport returns to a city's user (the callable's guard is seesUnit below;
    // a city user's call needs the tier work's claims without a county: helper "tier").
    const f = await monthlyReportFile(adminDb(), '6211', MONTH);
    expect(f.filename).toContain('定西市');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(f.content as never);
    const cmp = wb.getWorksheet('各县区对比')!;
    const rows = new Map<string, unknown[]>();
    cmp.eachRow((r, i) => {
      if (i > 1) rows.set(String(r.getCell(1).value), (r.values as unknown[]).slice(2));
    });
    expect(rows.get('渭源县')?.[0]).toBe(1); // 登记
    expect(rows.has('城关区')).toBe(false);
    expect([...rows.keys()].some((k) => /^\d+$/.test(k))).toBe(false); // names, never codes
    expect(String(wb.getWorksheet('月报')!.getCell('A1').value)).toContain('定西市');
    const province = new ExcelJS.Workbook();
    await province.xlsx.load((await monthlyReportFile(adminDb(), '62', MONTH)).content as never);
    const cities: string[] = [];
    province.getWorksheet('各市州对比')!.eachRow((r, i) => {
      if (i > 1) cities.push(String(r.getCell(1).value));
    });
    expect(cities).toEqual(expect.arrayContaining(['定西市', '兰州市']));
    // Who may: the city's users for the city; not for the province; a county's user for neither.
    expect(seesUnit({ r: 'leader', u: '6211' } as Claims, '6211')).toBe(true);
    expect(seesUnit({ r: 'leader', u: '6211' } as Claims, '62')).toBe(false);
    const county = await signInAs('county');
    expect((await callError(county, 'exportMonthlyReport', { unitId: '6211', month: MONTH })).code).toBe('permission-denied');
    expect((await callError(county, 'exportMonthlyReport', { unitId: '62', month: MONTH })).code).toBe('permission-denied');
  });

  it("the city's live counters count its counties' new cases, per county, and counters verify finds them right", async () => {
    const now = await cityCounters('6211');
    expect((now?.total ?? 0) - (before?.total ?? 0)).toBe(3);
    expect((now?.child?.['621123']?.open ?? 0) - (before?.child?.['621123']?.open ?? 0)).toBe(1);
    expect(now?.child?.['620102']).toBeUndefined();
    const p = await cityCounters('62');
    expect(p?.child?.['6201']?.total ?? 0).toBeGreaterThanOrEqual(1);
    const report = await rebuildCounters(adminDb());
    expect(report.wrongUnits.filter((u) => u.length <= 4)).toEqual([]);
  });
});
