// 研判预警 in the monthly report against the emulators: after signals and notices activity — two
// 信访 of one person reported by the town (the signals job counts them, finds the 重访 and raises a
// repeat-person signal, which the town acknowledges), and a notice the town issues that the
// station signs and answers on time — the county's report has a 研判预警 sheet with one row for the
// county and one per town, each exactly the unit's stored month documents (signalFigures,
// noticeFigures) with their rates, and the activity moved the rows; a town's report has its own
// row only; a village's report has no such sheet.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JUDGEMENT_REPORT_COLUMNS } from '../../functions/src/domain';
import { type Client, adminDb, closeAdmin, requestId, signInAs } from '../helpers/emulator';

const run = promisify(execFile);
const signalsRun = () =>
  run(process.execPath, ['bin/fengqiao.mjs', 'signals', 'run', '--at', new Date(Date.now() + 60_000).toISOString()], {
    env: { ...process.env, METADATA_SERVER_DETECTION: 'none' },
  });

const C = '621126',
  T = '621126100',
  V = '621126100001',
  D = '621126-police-minyang';
const H = 3_600_000;
const month = () => new Date(Date.now() + 8 * H).toISOString().slice(0, 7);
const stamp = String(Date.now()).slice(-6);
const phone = `136${stamp}55`;

let county: Client, town: Client, police: Client, village: Client;

type Row = Record<(typeof JUDGEMENT_REPORT_COLUMNS)[number], string | number>;
/** The 研判预警 sheet of a unit's monthly report (null: no such sheet), rows by unit name. */
async function sheet(c: Client, unitId: string): Promise<Row[] | null> {
  const f = await c.call<{ base64: string }>('exportMonthlyReport', { unitId, month: month() });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(f.base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('研判预警');
  if (!ws) return null;
  const rows: Row[] = [];
  ws.eachRow((r, i) => {
    const cells = (r.values as (string | number)[]).slice(1);
    if (i === 1) expect(cells).toEqual([...JUDGEMENT_REPORT_COLUMNS]);
    else rows.push(Object.fromEntries(JUDGEMENT_REPORT_COLUMNS.map((k, j) => [k, cells[j]!])) as Row);
  });
  return rows;
}

/** What a unit's row must say: its two month documents as stored, the rates computed here by hand. */
async function expectedRow(unitId: string): Promise<Row> {
  const db = adminDb();
  const s = (await db.collection('signalFigures').doc(`${unitId}_${month()}`).get()).data() ?? {};
  const n = (await db.collection('noticeFigures').doc(`${unitId}_${month()}`).get()).data() ?? {};
  const name = (await db.collection('regions').doc(unitId).get()).get('name') as string;
  const v = (o: Record<string, unknown>, k: string) => (typeof o[k] === 'number' ? (o[k] as number) : 0);
  const pct = (a: number, b: number) => (b === 0 ? '—' : `${((a / b) * 100).toFixed(2)}%`);
  return {
    单位: name,
    '风险信号（条）': v(s, 'raised'),
    '已处置（条）': v(s, 'handled'),
    处置率: pct(v(s, 'handled'), v(s, 'raised')),
    '预警提示单发出（份）': v(n, 'issued'),
    '签收（份）': v(n, 'signed'),
    其中按期签收: v(n, 'signedOnTime'),
    按期签收率: pct(v(n, 'signedOnTime'), v(n, 'signed')),
    '反馈（份）': v(n, 'answered'),
    其中按期反馈: v(n, 'answeredOnTime'),
    按期反馈率: pct(v(n, 'answeredOnTime'), v(n, 'answered')),
    '签收逾期（份）': v(n, 'signOverdue'),
    '反馈逾期（份）': v(n, 'feedbackOverdue'),
    '信访件（比对）': v(s, 'petitions'),
    '重访（件）': v(s, 'repeatVisits'),
    重访率: pct(v(s, 'repeatVisits'), v(s, 'petitions')),
    '越级访（件）': v(s, 'skipLevelVisits'),
  };
}

const num = (r: Row | undefined, k: keyof Row) => Number(r?.[k] ?? 0);
let before: Row[];

beforeAll(async () => {
  [county, town, police, village] = await Promise.all(['county', 'town', 'police', 'village'].map(signInAs));
  await signalsRun(); // whatever other tests left: counted before the baseline
  before = (await sheet(county, C))!;
}, 180_000);
afterAll(closeAdmin);

describe('研判预警 in the monthly report', () => {
  it('after signals and notices activity, each row is the unit’s stored figures, moved by the activity', async () => {
    // Two 信访 (来访) of one person: petitions, one 重访, and a repeat-person signal.
    const walkIn = (i: number) =>
      town.call<{ caseId: string }>('reportCase', {
        requestId: requestId(),
        gridId: '621126100001001',
        category: 'labour',
        source: 'walk_in',
        title: `欠薪来访第${i}次${stamp}`,
        description: '反映工资未结清，再次来访',
        parties: [{ role: 'applicant', name: '月报测试人', phone, idNumber: null, address: null }],
      });
    const first = await walkIn(1);
    const second = await walkIn(2);
    await signalsRun();
    const sigs = await adminDb().collection('signals').where('kind', '==', 'repeat_person').get();
    const mine = sigs.docs.map((d) => d.data()).find((s) => s.evidence.some((e: { caseId: string }) => e.caseId === second.caseId));
    expect(mine, 'the repeat-person signal of the two petitions').toBeDefined();
    expect(mine!.evidence.map((e: { caseId: string }) => e.caseId)).toEqual(expect.arrayContaining([first.caseId, second.caseId]));
    await town.call('handleSignal', { signalId: mine!.id, action: 'acknowledge' });

    // A notice the town issues; the station signs and answers it on time.
    const a = await town.call<{ noticeId: string }>('issueNotice', {
      requestId: requestId(),
      recipient: { kind: 'department', id: D },
      risk: '城郊村劳资纠纷当事人反复来访',
      measures: '约谈用工单位，三日内反馈欠薪底数',
    });
    await police.call('noticeAction', { noticeId: a.noticeId, action: 'sign' });
    await police.call('noticeAction', { noticeId: a.noticeId, action: 'feedback', text: '已约谈，分两批结清' });

    const rows = (await sheet(county, C))!;
    // The county first, then each of its towns by code.
    const towns = (await adminDb().collection('regions').where('countyId', '==', C).where('level', '==', 'town').get()).docs
      .map((d) => d.id)
      .sort();
    expect(rows).toEqual(await Promise.all([C, ...towns].map(expectedRow)));

    const name = (id: string) =>
      adminDb()
        .collection('regions')
        .doc(id)
        .get()
        .then((d) => d.get('name') as string);
    const [cn, tn] = await Promise.all([name(C), name(T)]);
    const was = (n: string) => before.find((r) => r.单位 === n);
    const now = (n: string) => rows.find((r) => r.单位 === n);
    for (const n of [cn, tn]) {
      expect(num(now(n), '信访件（比对）') - num(was(n), '信访件（比对）'), `${n} petitions`).toBe(2);
      expect(num(now(n), '重访（件）') - num(was(n), '重访（件）'), `${n} 重访`).toBe(1);
      expect(num(now(n), '风险信号（条）') - num(was(n), '风险信号（条）'), `${n} raised`).toBeGreaterThanOrEqual(1);
      expect(num(now(n), '已处置（条）') - num(was(n), '已处置（条）'), `${n} handled`).toBe(1);
      // The town's notice counts for the town and its county.
      expect(num(now(n), '预警提示单发出（份）') - num(was(n), '预警提示单发出（份）'), `${n} issued`).toBe(1);
      for (const k of ['签收（份）', '其中按期签收', '反馈（份）', '其中按期反馈'] as const)
        expect(num(now(n), k) - num(was(n), k), `${n} ${k}`).toBe(1);
    }
    // Rates are shown as percentages, never blank, once there is a denominator.
    expect(now(tn)!.重访率).toMatch(/^\d+\.\d\d%$/);
    expect(now(tn)!.按期签收率).toMatch(/^\d+\.\d\d%$/);
  });

  it('a town’s report has its own row only; a village’s has no 研判预警 sheet', async () => {
    expect(await sheet(town, T)).toEqual([await expectedRow(T)]);
    expect(await sheet(village, V)).toBeNull();
  });
});
