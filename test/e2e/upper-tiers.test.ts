// A city's leader (claims { r: 'leader', u: '6211' }: no county; made by upsertUser, with a profile)
// opens the overview: the city's figures and a comparison table per county by name — the two
// counties of 定西市 with cases, never 城关区 of 兰州市 — read from the city's own shards. The
// figures are written by the server's own code (writeCounters/writeStats, what every case change
// runs in its transaction) for cases planned in those counties, and taken out again afterwards.
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type CaseDoc,
  type CaseEvent,
  LEDGER_COLUMNS,
  ReportCaseInput,
  UPPER_SHARDS,
  defaultPolicy,
  localDate,
  report,
} from '../../functions/src/domain';
import { loadCalendar, yearsOf } from '../../functions/src/lib/config';
import { rollupMonth } from '../../functions/src/lib/rollup';
import { writeCounters } from '../../functions/src/lib/counters';
import { writeStats } from '../../functions/src/lib/stats';
import { syncProfile, upsertUser } from '../../functions/src/lib/users-service';
import { adminAuth, adminDb, closeAdmin } from '../helpers/emulator';
import { draft } from '../helpers/cases';
import { ensureRegions } from '../helpers/upper-regions';
import { CONSOLE_URL, launch, newContext, screenshot } from './browser';
import { reads, rowNames } from './console';

let browser: Browser;
const tag = Date.now().toString(36);
const email = `city${tag}@test.fengqiao.cn`;
const password = 'Passw0rd!city';
const planned: { c: CaseDoc; e: CaseEvent }[] = [];
// What the city's shards already count for each county before this test adds its cases: the
// emulated tests ran first in the same emulator and leave cases in these counties.
let baseline: Record<string, { open: number; received: number }> = {};
async function cityFigures(day: string) {
  const db = adminDb();
  const out: Record<string, { open: number; received: number }> = {};
  const add = (county: string, k: 'open' | 'received', n: unknown) => {
    out[county] ??= { open: 0, received: 0 };
    out[county][k] += typeof n === 'number' ? n : 0;
  };
  for (const d of (await db.collection('counters').where('unitId', '==', '6211').get()).docs)
    for (const [county, f] of Object.entries((d.get('child') ?? {}) as Record<string, { open?: number }>)) add(county, 'open', f.open);
  for (const d of (await db.collection('statsDays').where('unitId', '==', '6211').where('period', '==', day).get()).docs)
    for (const [county, n] of Object.entries((d.get('receivedByChild') ?? {}) as Record<string, number>)) add(county, 'received', n);
  return out;
}
const figure = (county: string, k: 'open' | 'received') => String((baseline[county]?.[k] ?? 0) + OPENED[county]!);
const OPENED: Record<string, number> = { '621123': 2, '621125': 1 };

beforeAll(async () => {
  browser = await launch();
  const db = adminDb();
  await ensureRegions(db, '62', '6211', '6201', '621123', '621125', '620102');
  const now = new Date();
  baseline = await cityFigures(localDate(now));
  const cal = await loadCalendar(db, yearsOf(now, new Date(now.getTime() + 400 * 86_400_000)));
  const plan = (county: string, n: number, red: boolean) => {
    for (let i = 0; i < n; i++) {
      const grid = `${county}100001001`;
      const claims = { r: 'grid_worker' as const, u: grid, c: county, t: `${county}100`, v: `${county}100001`, g: grid };
      const id = `upper-${tag}-${county}-${i}`;
      const p = report(
        ReportCaseInput.parse(draft({ gridId: grid, requestId: `req-${tag}${county}${i}`.slice(0, 40) })),
        id,
        { uid: 'u-upper', role: 'grid_worker', unitId: grid, name: null },
        claims,
        now,
        defaultPolicy(county),
        cal,
        (c) => (red ? { ...c, colour: 'red' } : c),
      );
      planned.push({ c: p.next, e: p.event });
    }
  };
  plan('621123', 2, true);
  plan('621125', 1, false);
  plan('620102', 3, false);
  // What the report's transaction writes besides the case (lib/case-service.ts).
  const w = db.bulkWriter();
  for (const { c, e } of planned) {
    writeCounters(db, w, null, c);
    writeStats(db, w, c.id, e);
  }
  await w.close();
  // The month as the nightly job rolls it up (idempotent), for the statistics page.
  await rollupMonth(db, localDate(now).slice(0, 7));
  // A profile too (upsertUser): callables such as exportLedger need an active caller profile.
  const { uid } = await upsertUser(
    db,
    adminAuth(),
    { email, password, displayName: '定西市测试领导', phone: null, title: null, role: 'leader', scopeId: '6211', active: true },
    'cli',
  );
  await syncProfile(db, adminAuth(), uid);
  expect((await adminAuth().getUser(uid)).customClaims).toEqual({ r: 'leader', u: '6211' });
});

afterAll(async () => {
  await browser?.close();
  // Take the figures out again (the reverse change), so the emulator's counters match its cases.
  const db = adminDb();
  const w = db.bulkWriter();
  for (const { c } of planned) writeCounters(db, w, c, null);
  await w.close();
  const { statsDelta } = await import('../../functions/src/domain');
  const { statsDayTargets, unitStatsDelta } = await import('../../functions/src/lib/stats');
  const { FieldValue } = await import('firebase-admin/firestore');
  const w2 = db.bulkWriter();
  for (const { c, e } of planned)
    for (const t of statsDayTargets(c.id, e)) {
      const neg: Record<string, unknown> = {};
      for (const [k, n] of Object.entries(unitStatsDelta(t.unitId, e, statsDelta(e)))) {
        const [a, b] = k.split('.');
        if (b) ((neg[a!] ??= {}) as Record<string, unknown>)[b] = FieldValue.increment(-n);
        else neg[a!] = FieldValue.increment(-n);
      }
      void w2.set(db.doc(`statsDays/${t.id}`), neg, { merge: true });
    }
  await w2.close();
  const user = await adminAuth()
    .getUserByEmail(email)
    .catch(() => null);
  if (user) {
    await adminAuth().deleteUser(user.uid);
    await db.doc(`users/${user.uid}`).delete();
    await db.doc(`staff/${user.uid}`).delete();
  }
  await closeAdmin();
});

it("a city's leader sees the city's figures and its two counties by name, not a county of another city", async () => {
  const page = await (await newContext(browser, 1920, 1080)).newPage();
  page.on('pageerror', (e) => console.error('[page error city]', e.message));
  await page.goto(`${CONSOLE_URL}/#/dashboard`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid=dashboard][data-level=city][data-state=ready]').waitFor({ timeout: 30_000 });
  await expect(page.getByTestId('dash-unit').textContent()).resolves.toBe('定西市');
  const rows = page.getByTestId('upper-child');
  const byName = async (name: string) => rows.and(page.locator(`[data-name="${name}"]`));
  // 渭源县: 2 more open (red), 2 more new today; 漳县: 1 and 1 (what the server's increments wrote,
  // over what the city's shards counted before).
  await expect((await byName('渭源县')).getAttribute('data-open')).resolves.toBe(figure('621123', 'open'));
  await expect((await byName('渭源县')).getAttribute('data-new')).resolves.toBe(figure('621123', 'received'));
  await expect((await byName('漳县')).getAttribute('data-open')).resolves.toBe(figure('621125', 'open'));
  await expect((await byName('漳县')).getAttribute('data-new')).resolves.toBe(figure('621125', 'received'));
  // Not a county outside the city, and names, never codes.
  await expect((await byName('城关区')).count()).resolves.toBe(0);
  const table = (await page.getByTestId('upper-table').textContent()) ?? '';
  expect(table).not.toContain('城关区');
  for (const name of await rowNames(page.getByTestId('upper-table'))) expect(name).not.toMatch(/\d{2}/);
  // The city's tiles include both counties' cases (and whatever the demo county counts in the city).
  expect(Number(await page.getByTestId('kpi-open').getAttribute('data-value'))).toBeGreaterThanOrEqual(3);
  expect(Number(await page.getByTestId('kpi-red').getAttribute('data-value'))).toBeGreaterThanOrEqual(2);
  expect(Number(await page.getByTestId('kpi-newToday').getAttribute('data-value'))).toBeGreaterThanOrEqual(3);
  // The first load read the city's shards (counters and today's statistics), whatever the cases.
  const r = await reads(page);
  expect(r.byLabel.counters ?? 0).toBeLessThanOrEqual(UPPER_SHARDS.city);
  expect(r.byLabel['stats.today'] ?? 0).toBeLessThanOrEqual(UPPER_SHARDS.city);
  await screenshot(page, 'dashboard-city');
  await page.context().close();
});

it("the city's statistics page compares its counties this month by name, and offers the city's monthly report", async () => {
  const page = await (await newContext(browser)).newPage();
  page.on('pageerror', (e) => console.error('[page error city stats]', e.message));
  await page.goto(`${CONSOLE_URL}/#/stats/figures`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid=stats-figures][data-state=ready][data-unit="6211"]').waitFor({ timeout: 30_000 });
  const row = (name: string) => page.getByTestId('stats-upper-row').and(page.locator(`[data-name="${name}"]`));
  await row('渭源县').waitFor();
  expect(Number(await row('渭源县').getAttribute('data-received'))).toBeGreaterThanOrEqual(2);
  expect(Number(await row('漳县').getAttribute('data-received'))).toBeGreaterThanOrEqual(1);
  await expect(row('城关区').count()).resolves.toBe(0);
  // The city's own ledger (the cases its center takes part in, said beside the buttons) and its monthly report.
  await page.getByTestId('export-report').waitFor();
  expect(await page.getByTestId('stats-ledger-upper-note').textContent()).toContain('本中心参与办理的案件');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByTestId('export-ledger-xlsx').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^台账_定西市_\d{4}-\d{2}-01_\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await download.path())!);
  expect((wb.getWorksheet('台账')!.getRow(1).values as unknown[]).slice(1)).toEqual([...LEDGER_COLUMNS]);
  await page.context().close();
});
