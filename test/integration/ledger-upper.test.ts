// The case ledger (台账) of a city and a province (issue 16) through the real callable: a city's
// ledger lists the cases its own center takes part in — escalated to it (上报市级) or supervised
// by it (市级督办), i.e. whose `accessUnits` hold its code — and not its counties' own cases; a
// county user asking for its city and a city asking for another city are refused; the parties in
// full for the city's staff (they handle those cases), masked for the city's administrator and
// the province; CSV and XLSX. Other tests share the emulator and also escalate to 定西市: rows are
// checked by case ID and compared with what the store holds, never counted absolutely.
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS } from '../../functions/src/domain';
import { DEMO_ACCOUNTS } from '../../functions/src/seed/demo-county';
import { TIER_ACCOUNTS, seedCityOfThree } from '../../functions/src/seed/tiers-seed';
import { adminAuth, adminDb, callError, type Client, closeAdmin, requestId, signInWith } from '../helpers/emulator';
import { seedSiblingCity } from '../helpers/upper-regions';

const ALL = [...DEMO_ACCOUNTS, ...TIER_ACCOUNTS];
const account = (key: string) => ALL.find((x) => x.key === key)!;
const login = (key: string) => signInWith(account(key).email, account(key).password);
const MX_GRID = '621126100001001'; // 岷县
const OTHER_CITY_EMAIL = 'lz-ledger@test.fengqiao.cn'; // a 兰州市 (6201) center user of this file
const EMPTY_CITY = '6297'; // no test writes a case or a region of it
const PARTY = { name: '郑秋菊', phone: '13712340987', idNumber: '62112619750302122X' };
const PII = [PARTY.name, PARTY.phone, PARTY.idNumber];

// A range around today (local dates), so the cases reported now are in it.
const now = DateTime.now().setZone('Asia/Shanghai');
const RANGE = { from: now.minus({ days: 1 }).toISODate()!, to: now.plus({ days: 1 }).toISODate()! };

let county: Client, wyCounty: Client, city: Client, cityLeader: Client, cityAdmin: Client, otherCity: Client, province: Client;
const ids = { escalated: '', supervised: '', returned: '', countyOwn: '', siblingOwn: '' };

const version = async (caseId: string) => (await adminDb().doc(`cases/${caseId}`).get()).get('version') as number;
const act = async (c: Client, caseId: string, command: Record<string, unknown>) =>
  c.call('caseAction', { caseId, expectedVersion: await version(caseId), command });
const report = async (c: Client, gridId: string, title: string) =>
  (
    await c.call<{ caseId: string }>('reportCase', {
      requestId: requestId(),
      gridId,
      category: 'housing_land',
      title,
      description: `${title}，双方各执一词，需协调处理`,
      parties: [{ role: 'applicant', name: PARTY.name, phone: PARTY.phone, idNumber: PARTY.idNumber, address: null }],
    })
  ).caseId;

type Ledger = { filename: string; mimeType: string; rows: number; base64: string };
const ledger = (c: Client, unitId: string, format: 'csv' | 'xlsx') => c.call<Ledger>('exportLedger', { unitId, ...RANGE, format });

/** CSV rows (RFC 4180, the BOM dropped). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted && ch === '"' && s[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && ch === '"') {
      quoted = false;
    } else if (quoted) {
      cell += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && s[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}

async function xlsxRows(b64: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(b64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('台账')!;
  const rows: string[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

const byId = (rows: string[][]) => new Map(rows.slice(1).map((r) => [r[1]!, r]));
const col = (name: (typeof LEDGER_COLUMNS)[number]) => LEDGER_COLUMNS.indexOf(name);

beforeAll(async () => {
  const db = adminDb();
  const auth = adminAuth();
  await seedCityOfThree(db, auth);
  await seedSiblingCity(db, auth, OTHER_CITY_EMAIL);
  [county, wyCounty, city, cityLeader, cityAdmin, province] = await Promise.all(
    ['county', 'wy-county', 'city', 'city-leader', 'city-admin', 'province'].map(login),
  );
  otherCity = await signInWith(OTHER_CITY_EMAIL, 'Fengqiao@2026');

  // 上报市级: 岷县 escalates a case to 定西市.
  ids.escalated = await report(county, MX_GRID, '两县交界草场承包纠纷');
  await act(county, ids.escalated, { action: 'accept' });
  await act(county, ids.escalated, { action: 'escalate', reason: '涉及相邻县，需市级协调' });
  // 市级督办: the city's leader supervises a case 岷县 keeps handling.
  ids.supervised = await report(county, MX_GRID, '集体林地流转补偿纠纷');
  await act(county, ids.supervised, { action: 'accept' });
  await act(cityLeader, ids.supervised, { action: 'supervise', reason: '群众多次反映，市级督办' });
  // Escalated, then sent back by the city (without 督办): the city no longer takes part.
  ids.returned = await report(county, MX_GRID, '宅基地界址争议纠纷');
  await act(county, ids.returned, { action: 'accept' });
  await act(county, ids.returned, { action: 'escalate', reason: '需市级协调' });
  await act(city, ids.returned, { action: 'return', reason: '属县级职责范围，请县里办理' });
  // The counties' own cases: 岷县's, and 渭源县's (a sibling county of the same city).
  ids.countyOwn = await report(county, MX_GRID, '邻里通道通行纠纷');
  ids.siblingOwn = await report(wyCounty, account('wy-grid').scopeId, '灌溉用水分配纠纷');
});
afterAll(closeAdmin);

describe("a city's ledger: the cases its center takes part in", () => {
  it('CSV: the escalated and the supervised case, not a case sent back nor a county’s own; parties in full for the city’s staff', async () => {
    const f = await ledger(city, '6211', 'csv');
    expect(f.mimeType).toBe('text/csv; charset=utf-8');
    expect(f.filename).toBe(`台账_定西市_${RANGE.from}_${RANGE.to}.csv`);
    const rows = parseCsv(Buffer.from(f.base64, 'base64').toString('utf8'));
    expect(rows[0]).toEqual([...LEDGER_COLUMNS]);
    expect(f.rows).toBe(rows.length - 1);
    const got = byId(rows);
    expect(got.has(ids.escalated)).toBe(true);
    expect(got.has(ids.supervised)).toBe(true);
    expect(got.has(ids.returned)).toBe(false);
    expect(got.has(ids.countyOwn)).toBe(false);
    expect(got.has(ids.siblingOwn)).toBe(false);
    // Every row is a case whose relation holds the city, reported in the range.
    for (const id of got.keys()) expect((await adminDb().doc(`cases/${id}`).get()).get('accessUnits')).toContain('6211');
    const esc = got.get(ids.escalated)!;
    expect(esc[col('当前层级')]).toBe('市');
    expect(esc[col('所属乡镇')]).toBe('岷县 · 岷阳镇');
    expect(got.get(ids.supervised)![col('当前层级')]).toBe('县');
    // The city's staff handle these cases: the parties as written.
    expect(esc[col('当事人')]).toBe(PARTY.name);
    expect(esc[col('联系电话')]).toBe(PARTY.phone);
    expect(esc[col('身份证号')]).toBe(PARTY.idNumber);
  });

  it('XLSX, the city’s administrator: the same cases, parties masked (administrators do not handle cases)', async () => {
    const f = await ledger(cityAdmin, '6211', 'xlsx');
    expect(f.filename).toBe(`台账_定西市_${RANGE.from}_${RANGE.to}.xlsx`);
    expect(f.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const rows = await xlsxRows(f.base64);
    expect(rows[0]).toEqual([...LEDGER_COLUMNS]);
    const got = byId(rows);
    expect([ids.escalated, ids.supervised].every((id) => got.has(id))).toBe(true);
    expect([ids.returned, ids.countyOwn, ids.siblingOwn].some((id) => got.has(id))).toBe(false);
    const esc = got.get(ids.escalated)!;
    expect(esc[col('当事人')]).toBe('郑**');
    expect(esc[col('身份证号')]).toBe('');
    for (const id of [ids.escalated, ids.supervised]) for (const pii of PII) expect(got.get(id)!.join('|')).not.toContain(pii);
  });

  it('the province sees the city’s ledger, masked (it takes no part in those cases)', async () => {
    const rows = parseCsv(Buffer.from((await ledger(province, '6211', 'csv')).base64, 'base64').toString('utf8'));
    const got = byId(rows);
    expect(got.has(ids.escalated)).toBe(true);
    for (const pii of PII) expect(got.get(ids.escalated)!.join('|')).not.toContain(pii);
  });
});

describe('who may ask, and empty ledgers', () => {
  it('a county user asking for its city, and a city asking for another city: permission-denied', async () => {
    for (const [who, unitId] of [
      [county, '6211'],
      [wyCounty, '6211'],
      [county, '62'],
      [otherCity, '6211'],
      [city, '6201'],
      [city, '62'],
    ] as const) {
      const e = await callError(who, 'exportLedger', { unitId, ...RANGE, format: 'csv' });
      expect(e.code, unitId).toBe('permission-denied');
      expect(e.message).toContain('只能查看本辖区的统计和台账');
    }
  });

  it('a city with no cases (and no name): the header only, named by its code; CSV and XLSX', async () => {
    const csv = await ledger(province, EMPTY_CITY, 'csv');
    expect(csv.rows).toBe(0);
    expect(csv.filename).toBe(`台账_${EMPTY_CITY}_${RANGE.from}_${RANGE.to}.csv`);
    expect(parseCsv(Buffer.from(csv.base64, 'base64').toString('utf8'))).toEqual([[...LEDGER_COLUMNS]]);
    const xlsx = await ledger(province, EMPTY_CITY, 'xlsx');
    expect(xlsx.rows).toBe(0);
    expect(await xlsxRows(xlsx.base64)).toEqual([[...LEDGER_COLUMNS]]);
  });

  it("the province's own ledger: the cases its cities' centers take part in, masked, as the store holds them", async () => {
    const f = await ledger(province, '62', 'csv');
    expect(f.filename).toBe(`台账_甘肃省_${RANGE.from}_${RANGE.to}.csv`);
    const start = DateTime.fromISO(RANGE.from, { zone: 'Asia/Shanghai' }).toJSDate();
    const end = DateTime.fromISO(RANGE.to, { zone: 'Asia/Shanghai' }).plus({ days: 1 }).toJSDate();
    const db = adminDb();
    const cities = (await db.collection('regions').where('parentId', '==', '62').get()).docs
      .filter((d) => d.get('level') === 'city')
      .map((d) => d.id);
    expect(cities).toContain('6211');
    const stored = await db
      .collection('cases')
      .where('accessUnits', 'array-contains-any', cities)
      .where('createdAt', '>=', start)
      .where('createdAt', '<', end)
      .orderBy('createdAt')
      .get();
    const rows = parseCsv(Buffer.from(f.base64, 'base64').toString('utf8'));
    expect(rows[0]).toEqual([...LEDGER_COLUMNS]);
    expect(new Set(rows.slice(1).map((r) => r[1]))).toEqual(new Set(stored.docs.map((d) => d.id)));
    const got = byId(rows);
    // 定西市 takes part in the escalated and the supervised case; not in the one it sent back, nor the counties' own.
    expect(got.has(ids.escalated) && got.has(ids.supervised)).toBe(true);
    expect([ids.returned, ids.countyOwn, ids.siblingOwn].some((id) => got.has(id))).toBe(false);
    // The province handles none of them: parties masked, in every row.
    for (const r of rows.slice(1)) for (const pii of PII) expect(r.join('|')).not.toContain(pii);
    expect(got.get(ids.escalated)![col('当事人')]).toBe('郑**');
  });

  it('a malformed code is invalid-argument: 单位代码不正确', async () => {
    const e = await callError(province, 'exportLedger', { unitId: '621', ...RANGE });
    expect(e.code).toBe('invalid-argument');
    expect(e.message).toContain('单位代码不正确');
  });
});
