/**
 * The monthly report (月报) of a city or province (issue 16): its figures (the month rolled up
 * from its day documents) and a comparison sheet per county (city) or city (province) by name,
 * from the `…ByChild` figures the same documents carry (domain/upper.ts). Figures only.
 */
import type ExcelJS from 'exceljs';
import type { Firestore } from 'firebase-admin/firestore';
import { CHILD_STATS_FIGURES, categoryLabel, exportFileName, neutraliseCell, reportRows, upperLevelOf } from '../domain';
import { refs } from './db';
import { regionsUnder } from './queries';

const COLUMN: Record<(typeof CHILD_STATS_FIGURES)[number], string> = {
  received: '登记（件）',
  accepted: '受理（件）',
  resolved: '化解（件）',
  closed: '办结归档（件）',
  onTime: '按期化解（件）',
  overdue: '逾期（件）',
  mediations: '调解（件）',
  mediationSuccess: '调解成功（件）',
  callbacks: '回访（件）',
  petitions: '信访（件）',
};

export async function upperMonthlyReport(
  db: Firestore,
  unitId: string,
  month: string,
  Excel: typeof ExcelJS,
): Promise<{ filename: string; mimeType: string; content: Buffer }> {
  const level = upperLevelOf(unitId)!;
  const f = ((await refs(db).statsPeriod(`${unitId}_${month}`).get()).data() ?? {}) as Record<string, number | Record<string, number>>;
  const own = (await refs(db).region(unitId).withConverter(null).get()).get('name');
  const name = typeof own === 'string' ? own : level === 'city' ? '市' : '省';
  const children = (await regionsUnder(db, unitId).withConverter(null).get()).docs
    .map((d) => ({ id: d.id, name: String(d.get('name') ?? '') }))
    .filter((x) => x.name)
    .sort((a, b) => a.id.localeCompare(b.id));
  const wb = new Excel.Workbook();
  const add = (ws: ExcelJS.Worksheet, rows: (string | number)[][]) => {
    for (const row of rows) ws.addRow(row.map((v) => neutraliseCell(v)));
  };
  const ws = wb.addWorksheet('月报', { views: [{ state: 'frozen', ySplit: 2 }] });
  add(ws, [[`${name} 矛盾纠纷化解工作月报（${month}）`], ['指标', '数值'], ...reportRows(f)]);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(2).font = { bold: true };
  ws.columns = [{ width: 36 }, { width: 20 }];
  const cmp = wb.addWorksheet(level === 'city' ? '各县区对比' : '各市州对比', { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  add(cmp, [[level === 'city' ? '县（区）' : '市（州）', ...CHILD_STATS_FIGURES.map((k) => COLUMN[k])]]);
  const byChild = (k: string, id: string) => (f[`${k}ByChild`] as Record<string, number> | undefined)?.[id] ?? 0;
  for (const c of children) add(cmp, [[c.name, ...CHILD_STATS_FIGURES.map((k) => byChild(k, c.id))]]);
  cmp.getRow(1).font = { bold: true };
  cmp.columns = [{ width: 20 }, ...CHILD_STATS_FIGURES.map(() => ({ width: 14 }))];
  const cat = wb.addWorksheet('纠纷类型', { views: [{ state: 'frozen', ySplit: 1 }] });
  cat.addRow(['纠纷类型', '登记数（件）']);
  for (const [k, n] of Object.entries((f.receivedByCategory as Record<string, number>) ?? {}).sort((a, b) => b[1] - a[1]))
    add(cat, [[categoryLabel(k), n]]);
  cat.getRow(1).font = { bold: true };
  return {
    filename: exportFileName('月报', name, unitId, [month], 'xlsx'),
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    content: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
