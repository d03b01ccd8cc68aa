/** Ledger (台账) and monthly report exports as .xlsx (exceljs) and CSV. */
import type ExcelJS from 'exceljs';

// exceljs takes about a second to load: only the exports need it, so every other function's cold
// start (and each emulator worker) does without it.
const loadExcel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;
import type { Firestore } from 'firebase-admin/firestore';
import {
  type CaseDoc,
  type CasePrivateDoc,
  type Claims,
  type LedgerInput,
  LEDGER_COLUMNS,
  canReadParties,
  categoryLabel,
  exportFileName,
  ledgerRow,
  neutraliseCell,
  reportRows,
  diversionRows,
  toCsv,
  patrolReportRows,
  JUDGEMENT_REPORT_COLUMNS,
  judgementReportRow,
  upperLevelOf,
  isAreaCode,
} from '../domain';
import { refs } from './db';
import { patrolTotals } from './patrol-figures';
import { judgementReportUnits, judgementTotals } from './judgement-figures';
import { unitName as nameOfUnit } from './staff';
import {
  casesWithAnyAccess,
  courtFilingsOfMonth,
  gridsOfCounty,
  ledgerCases,
  regionsOfCounty,
  regionsUnder,
  usersOfCounty,
} from './queries';
import { periodRange } from './rollup';

/**
 * Adds rows as values only: text cells are strings (never formulas) and those a spreadsheet
 * would read as a formula are neutralised (`neutraliseCell`, OWASP CSV injection).
 */
function addRows(ws: ExcelJS.Worksheet, rows: (string | number)[][]): void {
  // exceljs stores a JS string as a string cell (a formula only from { formula }).
  for (const row of rows) ws.addRow(row.map((v) => neutraliseCell(v)));
}

/** Who is exporting: a user (personal data where they handle the case), or an operator at the CLI. */
export type Reader = { claims: Claims; uid: string } | { operator: true; personalData: boolean };

async function unitNames(db: Firestore, countyId: string): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const d of (await regionsOfCounty(db, countyId).get()).docs) names[d.id] = d.data().name;
  for (const d of (await gridsOfCounty(db, countyId).get()).docs) names[d.id] = d.data().name;
  return names;
}

/**
 * The names a city's or province's ledger shows for its cases' towns, villages and grids: only
 * those of the listed cases (getAll), not every county's regions. A town is named with its county
 * (`岷县 · 岷阳镇`): the rows come from several counties.
 */
async function namesOfCases(
  db: Firestore,
  cases: Pick<CaseDoc, 'countyId' | 'townId' | 'villageId' | 'gridId'>[],
): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  if (!cases.length) return names;
  const r = refs(db);
  const regionIds = [...new Set(cases.flatMap((c) => [c.countyId, c.townId, c.villageId]))];
  const gridIds = [...new Set(cases.map((c) => c.gridId))];
  const all = [...regionIds.map((id) => r.region(id)), ...gridIds.map((id) => r.grid(id))];
  for (let k = 0; k < all.length; k += LEDGER_READ_CHUNK) {
    for (const snap of await db.getAll(...all.slice(k, k + LEDGER_READ_CHUNK))) {
      const name = (snap.data() as { name?: string } | undefined)?.name;
      if (name) names[snap.id] = name;
    }
  }
  const towns = new Map(cases.map((c) => [c.townId, c.countyId]));
  for (const [townId, countyId] of towns) {
    if (names[countyId] && names[townId]) names[townId] = `${names[countyId]} · ${names[townId]}`;
  }
  return names;
}

/**
 * A province's ledger: no case holds a province's code (escalation and 督办 stop at the city), so
 * it lists the cases its cities' centers take part in — `accessUnits` holding any of its cities'
 * codes (array-contains-any, 30 codes a query; a province has at most about 21 cities) — oldest
 * first. The province does not handle them: their parties are masked (canReadParties).
 */
async function provinceLedgerCases(db: Firestore, provinceId: string, start: Date, end: Date): Promise<CaseDoc[]> {
  const cities = (await regionsUnder(db, provinceId).get()).docs
    .map((d) => d.data())
    .filter((r) => r.level === 'city')
    .map((r) => r.id);
  const out = new Map<string, CaseDoc>();
  for (let k = 0; k < cities.length; k += 30)
    for (const d of (await casesWithAnyAccess(db, cities.slice(k, k + 30), start, end).get()).docs) out.set(d.id, d.data());
  return [...out.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}

/** Private documents read per round trip by the ledger export (getAll). */
export const LEDGER_READ_CHUNK = 500;

/** The private documents of these cases, in one getAll round trip, by case ID. */
async function privatesOf(db: Firestore, caseIds: string[]): Promise<Map<string, CasePrivateDoc>> {
  const out = new Map<string, CasePrivateDoc>();
  if (!caseIds.length) return out;
  const r = refs(db);
  // getAll applies each reference's converter (validated like every read).
  const snaps = (await db.getAll(...caseIds.map((id) => r.casePrivate(id)))) as FirebaseFirestore.DocumentSnapshot<CasePrivateDoc>[];
  for (const snap of snaps) {
    const d = snap.data();
    if (d) out.set(snap.ref.parent.parent!.id, d);
  }
  return out;
}

/**
 * The ledger's rows. The cases come from one query; their private documents (read for every
 * reader: what they may not see of it still masks the free text) by getAll in chunks of
 * LEDGER_READ_CHUNK, the next chunk in flight while this one's rows are built — not one round
 * trip per case.
 */
export async function ledgerRows(
  db: Firestore,
  reader: Reader,
  input: Pick<LedgerInput, 'unitId' | 'from' | 'to'>,
): Promise<(string | number)[][]> {
  const start = periodRange(input.from).start;
  const end = periodRange(input.to).end;
  const upper = isAreaCode(input.unitId);
  const [cases, countyNames] = await Promise.all([
    input.unitId.length === 2
      ? provinceLedgerCases(db, input.unitId, start, end)
      : ledgerCases(db, input.unitId, start, end)
          .get()
          .then((q) => q.docs.map((d) => d.data())),
    upper ? null : unitNames(db, input.unitId.slice(0, 6)),
  ]);
  // A city's or province's ledger (the cases its center takes part in) spans counties.
  const names = countyNames ?? (await namesOfCases(db, cases));
  const chunks: (typeof cases)[] = [];
  for (let k = 0; k < cases.length; k += LEDGER_READ_CHUNK) chunks.push(cases.slice(k, k + LEDGER_READ_CHUNK));
  const rows: (string | number)[][] = [[...LEDGER_COLUMNS]];
  let i = 0;
  let pending = chunks.length
    ? privatesOf(
        db,
        chunks[0]!.map((c) => c.id),
      )
    : null;
  for (let k = 0; k < chunks.length; k++) {
    const privates = await pending!;
    pending =
      k + 1 < chunks.length
        ? privatesOf(
            db,
            chunks[k + 1]!.map((c) => c.id),
          )
        : null;
    for (const c of chunks[k]!) {
      const p = privates.get(c.id) ?? null;
      const parties = p && ('operator' in reader ? reader.personalData : canReadParties(reader.claims, reader.uid, c)) ? p : null;
      rows.push(ledgerRow(++i, c, parties, names, p));
    }
  }
  return rows;
}

export async function ledgerFile(
  db: Firestore,
  reader: Reader,
  input: LedgerInput,
): Promise<{ filename: string; mimeType: string; content: Buffer; rows: number }> {
  const rows = await ledgerRows(db, reader, input);
  const unitName = await nameOfUnit(db, input.unitId);
  const filename = (ext: string) => exportFileName('台账', unitName, input.unitId, [input.from, input.to], ext);
  if (input.format === 'csv')
    return {
      filename: filename('csv'),
      mimeType: 'text/csv; charset=utf-8',
      content: Buffer.from(toCsv(rows), 'utf8'),
      rows: rows.length - 1,
    };
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Fengqiao';
  const ws = wb.addWorksheet('台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  addRows(ws, rows);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((col, k) => {
    col.width = [6, 22, 18, 12, 12, 8, 28, 12, 14, 18, 16, 16, 22, 12, 10, 18, 18, 14, 30, 8, 10][k] ?? 14;
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LEDGER_COLUMNS.length } };
  return {
    filename: filename('xlsx'),
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    content: Buffer.from(await wb.xlsx.writeBuffer()),
    rows: rows.length - 1,
  };
}

/** The monthly report (月报): the 考核 figures, categories, and grid workers' ranking (月排名). */
export async function monthlyReportFile(
  db: Firestore,
  unitId: string,
  month: string,
): Promise<{ filename: string; mimeType: string; content: Buffer }> {
  // A city's or province's report: its figures and its counties or cities compared (lib/upper-report.ts).
  if (upperLevelOf(unitId)) return (await import('./upper-report')).upperMonthlyReport(db, unitId, month, await loadExcel());
  const snap = await refs(db).statsPeriod(`${unitId}_${month}`).get();
  const f = (snap.data() ?? {}) as Record<string, number | Record<string, number>>;
  const names = await unitNames(db, unitId.slice(0, 6));
  const wb = new (await loadExcel()).Workbook();
  const ws = wb.addWorksheet('月报', { views: [{ state: 'frozen', ySplit: 2 }] });
  addRows(ws, [[`${names[unitId] ?? unitId} 矛盾纠纷化解工作月报（${month}）`], ['指标', '数值']]);
  addRows(ws, reportRows(f));
  // 分流率 (a county figure): the county's referrals per court ÷ the courts' own filing input.
  if (unitId.length === 6) {
    const filings = (await courtFilingsOfMonth(db, unitId, month).get()).docs.map((d) => d.data());
    addRows(ws, diversionRows((f.courtReferredBy as Record<string, number>) ?? {}, filings));
  }
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(2).font = { bold: true };
  ws.columns = [{ width: 36 }, { width: 20 }];
  const cat = wb.addWorksheet('纠纷类型', { views: [{ state: 'frozen', ySplit: 1 }] });
  cat.addRow(['纠纷类型', '登记数（件）']);
  for (const [k, n] of Object.entries((f.receivedByCategory as Record<string, number>) ?? {}).sort((a, b) => b[1] - a[1]))
    addRows(cat, [[categoryLabel(k), n]]);
  cat.getRow(1).font = { bold: true };
  const rank = wb.addWorksheet('网格员月排名', { views: [{ state: 'frozen', ySplit: 1 }] });
  rank.addRow(['名次', '网格员', '上报数（件）']);
  const users = new Map<string, string>();
  for (const d of (await usersOfCounty(db, unitId.slice(0, 6)).get()).docs) users.set(d.id, d.data().displayName);
  Object.entries((f.entries as Record<string, number>) ?? {})
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .forEach(([uid, n], i) => {
      addRows(rank, [[i + 1, users.get(uid) ?? '（未登记人员）', n]]);
    });
  rank.getRow(1).font = { bold: true };
  // 排查考核 (issue 14): per village, town and county (lib/patrol-figures.ts).
  if (unitId.length < 15) {
    const patrol = wb.addWorksheet('排查考核', { views: [{ state: 'frozen', ySplit: 1 }] });
    addRows(patrol, [['指标', '数值'], ...patrolReportRows(await patrolTotals(db, unitId, month))]);
    patrol.getRow(1).font = { bold: true };
    patrol.columns = [{ width: 36 }, { width: 20 }];
  }
  // 研判预警 (issue 15): the county and each of its towns, or the town (lib/judgement-figures.ts).
  const judged = await judgementReportUnits(db, unitId);
  if (judged.length) {
    const totals = await judgementTotals(
      db,
      judged.map((u) => u.id),
      month,
    );
    const sheet = wb.addWorksheet('研判预警', { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
    addRows(sheet, [[...JUDGEMENT_REPORT_COLUMNS], ...judged.map((u) => judgementReportRow(u.name, totals.get(u.id)!))]);
    sheet.getRow(1).font = { bold: true };
    sheet.columns = JUDGEMENT_REPORT_COLUMNS.map((_, k) => ({ width: k === 0 ? 22 : 12 }));
  }
  return {
    filename: exportFileName('月报', names[unitId] ?? (await nameOfUnit(db, unitId)), unitId, [month], 'xlsx'),
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    content: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
