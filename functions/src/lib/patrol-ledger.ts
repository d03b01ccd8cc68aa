/** The 排查台账 export (issue 14): patrol logs, items and hazards of a unit and date range, as .xlsx or CSV. */
import type { Firestore } from 'firebase-admin/firestore';
import {
  type Claims,
  ITEM_LEDGER_COLUMNS,
  PATROL_LEDGER_COLUMNS,
  PATROL_LEDGER_MAX_ROWS,
  type PatrolLedgerInput,
  canReadItem,
  exportFileName,
  itemLedgerRow,
  neutraliseCell,
  patrolLedgerRow,
  patrolReportRows,
  toCsv,
} from '../domain';
import { GuardError } from '../domain';
import { patrolTotalsOfRange } from './patrol-figures';
import { gridsOfCounty, itemLedger, patrolLedger, regionsOfCounty } from './queries';
import { periodRange } from './rollup';
import { unitName as nameOfUnit } from './staff';

/** Who exports: a user (items they may read only), or an operator at the CLI (all). */
export type LedgerReader = { claims: Claims } | { operator: true };

type Rows = (string | number)[][];

export interface PatrolLedger {
  summary: Rows;
  patrols: Rows;
  items: Rows;
}

/** The three parts of the ledger, header rows included. */
export async function patrolLedgerRows(
  db: Firestore,
  reader: LedgerReader,
  input: Omit<PatrolLedgerInput, 'format'>,
): Promise<PatrolLedger> {
  const countyId = input.unitId.slice(0, 6);
  const names: Record<string, string> = {};
  const [regions, grids, patrolSnap, itemSnap] = await Promise.all([
    regionsOfCounty(db, countyId).get(),
    gridsOfCounty(db, countyId).get(),
    patrolLedger(db, input.unitId, input.from, input.to)
      .limit(PATROL_LEDGER_MAX_ROWS + 1)
      .get(),
    itemLedger(db, input.unitId, periodRange(input.from).start, periodRange(input.to).end)
      .limit(PATROL_LEDGER_MAX_ROWS + 1)
      .get(),
  ]);
  if (patrolSnap.size > PATROL_LEDGER_MAX_ROWS || itemSnap.size > PATROL_LEDGER_MAX_ROWS)
    throw new GuardError(
      'failed-precondition',
      `导出的记录超过${PATROL_LEDGER_MAX_ROWS}条，请缩小单位或日期范围`,
      `patrol ledger of ${input.unitId} ${input.from}..${input.to} too large`,
    );
  for (const d of regions.docs) names[d.id] = d.data().name;
  for (const d of grids.docs) names[d.id] = d.data().name;
  const patrols: Rows = [[...PATROL_LEDGER_COLUMNS]];
  patrolSnap.docs.forEach((d, i) => {
    patrols.push(patrolLedgerRow(i + 1, d.data(), names));
  });
  const items: Rows = [[...ITEM_LEDGER_COLUMNS]];
  let n = 0;
  for (const d of itemSnap.docs) {
    const it = d.data();
    // 涉稳信息 and what else the reader may not open stays out (the rules' canReadItem).
    if ('claims' in reader && !canReadItem(reader.claims, it)) continue;
    items.push(itemLedgerRow(++n, it, names));
  }
  const summary: Rows = [[`${names[input.unitId] ?? input.unitId} 排查工作台账（${input.from} 至 ${input.to}）`], ['指标', '数值']];
  // The figures are kept per village, town and county (a grid's are its rows).
  if (input.unitId.length < 15) summary.push(...patrolReportRows(await patrolTotalsOfRange(db, input.unitId, input.from, input.to)));
  else summary.push(['巡查记录（条）', patrols.length - 1], ['排查事项（件）', items.length - 1]);
  return { summary, patrols, items };
}

export async function patrolLedgerFile(
  db: Firestore,
  reader: LedgerReader,
  input: PatrolLedgerInput,
): Promise<{ filename: string; mimeType: string; content: Buffer; rows: { patrols: number; items: number } }> {
  const l = await patrolLedgerRows(db, reader, input);
  const unitName = await nameOfUnit(db, input.unitId);
  const filename = (ext: string) => exportFileName('排查台账', unitName, input.unitId, [input.from, input.to], ext);
  const rows = { patrols: l.patrols.length - 1, items: l.items.length - 1 };
  if (input.format === 'csv') {
    const all: Rows = [...l.summary, [], ['巡查记录'], ...l.patrols, [], ['排查事项'], ...l.items];
    return { filename: filename('csv'), mimeType: 'text/csv; charset=utf-8', content: Buffer.from(toCsv(all), 'utf8'), rows };
  }
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Fengqiao';
  const sheet = (title: string, data: Rows, widths: number[], headerRow: number) => {
    const ws = wb.addWorksheet(title, { views: [{ state: 'frozen', ySplit: headerRow }] });
    for (const row of data) ws.addRow(row.map((v) => neutraliseCell(v)));
    ws.getRow(headerRow).font = { bold: true };
    ws.columns.forEach((col, k) => {
      col.width = widths[k] ?? 14;
    });
  };
  sheet('汇总', l.summary, [36, 20], 2);
  sheet('巡查记录', l.patrols, [6, 12, 18, 14, 16, 16, 10, 10, 10, 12, 40, 12], 1);
  sheet('排查事项', l.items, [6, 18, 10, 14, 16, 16, 10, 24, 40, 22, 14, 18, 18, 18, 10, 18, 10], 1);
  return {
    filename: filename('xlsx'),
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    content: Buffer.from(await wb.xlsx.writeBuffer()),
    rows,
  };
}
