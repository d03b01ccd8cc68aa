// 一张图 above the county (issue 16). A city's leader ({ r: 'leader', u: '6211' } set directly in
// the Auth emulator: no county) opens the map: 定西市's counties by name on the seed's schematic
// outlines (示意边界，非测绘数据), each coloured and described by the figures the city's own counter
// shards hold for it (child.{county}.…: a fixed number of reads), a county clicked shows exactly
// those figures, and goes down into 岷县's towns, whose figures are the towns' counters. On a
// phone (375 px) without sideways scrolling. A province's leader sees 定西市 among the province's
// cities with the province's shards' figures and goes down into its counties.
//
// Other tests run in the same emulator and count cases in these counties: every figure is
// compared with what the store holds when it is read, never with an absolute number. Two cases
// are counted into 渭源县 (by the server's own writeCounters, what a report's transaction runs)
// so the county has something to show, and taken out again afterwards.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseDoc, ReportCaseInput, UPPER_SHARDS, defaultPolicy, report } from '../../functions/src/domain';
import { loadCalendar, yearsOf } from '../../functions/src/lib/config';
import { writeCounters } from '../../functions/src/lib/counters';
import { seedGeo } from '../../functions/src/seed/geo';
import { draft } from '../helpers/cases';
import { adminAuth, adminDb, closeAdmin, unitCounterSum } from '../helpers/emulator';
import { ensureRegions } from '../helpers/upper-regions';
import { CONSOLE_URL, launch, newContext, screenshot } from './browser';
import { reads } from './console';

let browser: Browser;
const tag = Date.now().toString(36);
const password = 'Passw0rd!map';
const CITY_LEADER = { email: `map-city${tag}@test.fengqiao.cn`, claims: { r: 'leader', u: '6211' }, name: '定西市地图测试' };
const PROVINCE_LEADER = { email: `map-prov${tag}@test.fengqiao.cn`, claims: { r: 'leader', u: '62' }, name: '甘肃省地图测试' };
const GEO_DOCS = ['geoShapes/6211_county', 'geoShapes/62_city'];
const before = new Map<string, FirebaseFirestore.DocumentData | undefined>();
const planned: CaseDoc[] = [];

beforeAll(async () => {
  browser = await launch();
  const db = adminDb();
  await ensureRegions(db, '62', '6211', '621123', '621125');
  for (const p of GEO_DOCS) before.set(p, (await db.doc(p).get()).data());
  // The seed's schematic outlines of the two counties (with 岷县's, from the demo seed) and of the city.
  for (const county of ['621123', '621125']) await seedGeo(db, county);
  // Two open red cases in 渭源县, counted into its city and province as a report's transaction does.
  const now = new Date();
  const cal = await loadCalendar(db, yearsOf(now, new Date(now.getTime() + 400 * 86_400_000)));
  for (let i = 0; i < 2; i++) {
    const county = '621123';
    const grid = `${county}100001001`;
    const claims = { r: 'grid_worker' as const, u: grid, c: county, t: `${county}100`, v: `${county}100001`, g: grid };
    const p = report(
      ReportCaseInput.parse(draft({ gridId: grid, requestId: `map-${tag}-${i}`.slice(0, 40) })),
      `mapup-${tag}-${i}`,
      { uid: 'u-map-upper', role: 'grid_worker', unitId: grid, name: null },
      claims,
      now,
      defaultPolicy(county),
      cal,
      (c) => ({ ...c, colour: 'red' }),
    );
    planned.push(p.next);
  }
  const w = db.bulkWriter();
  for (const c of planned) writeCounters(db, w, null, c);
  await w.close();
  for (const u of [CITY_LEADER, PROVINCE_LEADER]) {
    const user = await adminAuth().createUser({ email: u.email, password, displayName: u.name });
    await adminAuth().setCustomUserClaims(user.uid, u.claims);
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  const db = adminDb();
  const w = db.bulkWriter();
  for (const c of planned) writeCounters(db, w, c, null);
  await w.close();
  for (const [p, d] of before) {
    if (d) await db.doc(p).set(d);
    else await db.doc(p).delete();
  }
  for (const u of [CITY_LEADER, PROVINCE_LEADER]) {
    const user = await adminAuth()
      .getUserByEmail(u.email)
      .catch(() => null);
    if (user) await adminAuth().deleteUser(user.uid);
  }
  await closeAdmin();
});

/** Opens the map and signs in with the login form (accounts made here have no demo button). */
async function openMap(width: number, height: number, who: typeof CITY_LEADER): Promise<Page> {
  const page = await (await newContext(browser, width, height)).newPage();
  page.on('pageerror', (e) => console.error('[page error map-upper]', e.message));
  await page.goto(`${CONSOLE_URL}/#/map`);
  await page.getByTestId('login-email').fill(who.email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  return page;
}

const ready = (page: Page, unit: string, level: string) =>
  page.locator(`[data-testid=map-view][data-state=ready][data-unit="${unit}"][data-level=${level}]`).waitFor({ timeout: 30_000 });

/** Where the map drew each region's label, in page pixels. */
async function regionPoints(page: Page): Promise<{ code: string; name: string; x: number; y: number }[]> {
  const chart = page.getByTestId('map-chart');
  await chart.locator('svg path').first().waitFor();
  const box = (await chart.boundingBox())!;
  const pts = JSON.parse((await chart.getAttribute('data-regions')) ?? '[]') as { code: string; name: string; x: number; y: number }[];
  return pts.map((p) => ({ ...p, x: box.x + p.x, y: box.y + p.y }));
}

/** The names of the regions a boundary document holds (what the map must draw). */
async function namesIn(docId: string): Promise<string[]> {
  const d = (await adminDb().doc(`geoShapes/${docId}`).get()).data();
  return Object.values((d?.shapes ?? {}) as Record<string, { name: string }>)
    .map((e) => e.name)
    .sort();
}

/** A child's figures summed over its area's counter shards (child.{code}.…), as the map must show them. */
async function childFigures(area: string, child: string) {
  const snap = await adminDb().collection('counters').where('unitId', '==', area).get();
  const sum = { open: 0, overdue: 0, red: 0, orange: 0, blue: 0 };
  for (const d of snap.docs) {
    const f = ((d.get('child') ?? {}) as Record<string, Partial<typeof sum>>)[child] ?? {};
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += f[k] ?? 0;
  }
  return sum;
}

/** The panel's figures as the page shows them. */
async function panelFigures(page: Page, code: string, keys: readonly string[]) {
  const panel = page.locator(`[data-testid=map-panel][data-code="${code}"]`);
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = Number(await panel.getByTestId(`map-fig-${k}`).getAttribute('data-value'));
  return out;
}

/** Waits until the panel of a region shows the figures the store holds (both read again on each try). */
async function expectFigures(page: Page, code: string, keys: readonly string[], stored: () => Promise<Record<string, number>>) {
  await expect
    .poll(
      async () => {
        const [shown, want] = [await panelFigures(page, code, keys), await stored()];
        return keys.every((k) => shown[k] === want[k]) ? 'same' : JSON.stringify({ shown, want });
      },
      { timeout: 20_000 },
    )
    .toBe('same');
}

describe('一张图 above the county', () => {
  it("a city's leader: the city's counties by name with its shards' figures, a county clicked, down into 岷县's towns", async () => {
    const page = await openMap(1920, 1080, CITY_LEADER);
    await ready(page, '6211', 'county');
    await expect.poll(() => page.getByTestId('map-schematic').textContent()).toBe('示意边界，非测绘数据');
    expect(await page.getByTestId('map-here').textContent()).toBe('定西市 · 各县（市、区）');
    // The counties the city's boundary document holds — 渭源县 and 漳县 at least — by name.
    const counties = await regionPoints(page);
    const want = await namesIn('6211_county');
    expect(want).toEqual(expect.arrayContaining(['渭源县', '漳县']));
    expect(counties.map((c) => c.name).sort()).toEqual(want);
    // Names on the map, never codes.
    const text = (await page.getByTestId('map-chart').textContent()) ?? '';
    expect(text).toContain('渭源县');
    expect(text).not.toMatch(/62\d{4}/);
    // Above the county only the cases' layers: 排查 items, patrols and key persons are the counties' own.
    expect(await page.locator('[data-testid^=map-layer-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual([
      'map-layer-cases',
      'map-layer-overdue',
    ]);
    // The first load read the city's shards once (not a query per county) and one boundary document.
    const r = await reads(page);
    expect(r.byLabel.counters ?? 0).toBeGreaterThan(0);
    expect(r.byLabel.counters ?? 0).toBeLessThanOrEqual(UPPER_SHARDS.city);
    expect(r.byLabel['counters.child'] ?? 0).toBe(0);
    expect(r.byLabel.geoShapes).toBe(1);

    // 渭源县 clicked where the map drew it: the figures its city's shards hold for it.
    const wy = counties.find((c) => c.name === '渭源县')!;
    await page.mouse.click(wy.x, wy.y);
    const panel = page.locator('[data-testid=map-panel][data-code="621123"]');
    await panel.waitFor();
    expect(await panel.getByTestId('map-panel-name').textContent()).toBe('渭源县');
    const keys = ['open', 'overdue', 'red', 'orange', 'blue'] as const;
    await expectFigures(page, '621123', keys, () => childFigures('6211', '621123'));
    expect((await panelFigures(page, '621123', ['red'])).red).toBeGreaterThanOrEqual(2);
    // The label on the map says the same.
    await expect
      .poll(async () => page.getByTestId('map-chart').textContent())
      .toContain(`在办${(await childFigures('6211', '621123')).open}`);
    // No 排查 figures, no case board (a city's board lists only the cases sent up to it); statistics link on.
    await expect(panel.getByTestId('map-fig-hazards').count()).resolves.toBe(0);
    await expect(panel.getByTestId('map-fig-keyPersons').count()).resolves.toBe(0);
    await expect(panel.getByTestId('map-list').count()).resolves.toBe(0);
    expect(await panel.getByTestId('map-stats').getAttribute('href')).toBe('#/stats/figures?unit=621123');
    expect(await panel.getByTestId('map-drill').textContent()).toBe('进入各乡镇（街道）');
    await screenshot(page, 'map-city-1920');

    // 岷县 clicked, then down into its towns: the county's own drill-down, read by the city's leader.
    const mx = counties.find((c) => c.name === '岷县')!;
    await page.mouse.click(mx.x, mx.y);
    const mp = page.locator('[data-testid=map-panel][data-code="621126"]');
    await mp.waitFor();
    await expectFigures(page, '621126', keys, () => childFigures('6211', '621126'));
    await mp.getByTestId('map-drill').click();
    await ready(page, '621126', 'town');
    expect(await page.getByTestId('map-here').textContent()).toBe('岷县 · 各乡镇（街道）');
    await page.getByTestId('map-schematic').waitFor();
    const towns = await regionPoints(page);
    expect(towns.map((t) => t.name).sort()).toEqual(await namesIn('621126_town'));
    // Inside a county: the cases and today's patrols (the city reads patrol days, not items or key persons).
    expect(await page.locator('[data-testid^=map-layer-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual([
      'map-layer-cases',
      'map-layer-overdue',
      'map-layer-patrol',
    ]);
    const town = towns.find((t) => t.name === '岷阳镇')!;
    await page.mouse.click(town.x, town.y);
    const tp = page.locator(`[data-testid=map-panel][data-code="${town.code}"]`);
    await tp.waitFor();
    await expectFigures(page, town.code, ['open', 'overdue', 'red'], () => unitCounterSum(town.code));
    await expect.poll(() => tp.getByTestId('map-fig-patrol').getAttribute('data-value')).toMatch(/^\d+\/\d+网格$/);
    await page.getByTestId('map-layer-patrol').click();
    await page.locator('[data-testid=map-view][data-state=ready][data-unit="621126"][data-layer=patrol]').waitFor({ timeout: 30_000 });
    // And back up to the city.
    await page.getByTestId('map-up').click();
    await ready(page, '6211', 'county');
    await page.context().close();
  });

  it("on a phone (375 px): the city's map fits the width, a tap shows a county's figures", async () => {
    const page = await openMap(375, 740, CITY_LEADER);
    await ready(page, '6211', 'county');
    await page.getByTestId('map-schematic').waitFor();
    const counties = await regionPoints(page);
    const w = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, w: innerWidth }));
    expect(w.sw).toBeLessThanOrEqual(w.w);
    const chart = (await page.getByTestId('map-chart').boundingBox())!;
    expect(chart.width).toBeGreaterThan(300);
    expect(chart.x + chart.width).toBeLessThanOrEqual(375 + 0.5);
    const zx = counties.find((c) => c.name === '漳县')!;
    await page.mouse.click(zx.x, zx.y);
    await page.locator('[data-testid=map-panel][data-code="621125"]').waitFor();
    await expectFigures(page, '621125', ['open', 'overdue'], () => childFigures('6211', '621125'));
    await screenshot(page, 'map-city-phone');
    await page.context().close();
  });

  it("a province's leader: 定西市 among the province's cities with the province's shards' figures, down into its counties", async () => {
    const page = await openMap(1280, 900, PROVINCE_LEADER);
    await ready(page, '62', 'city');
    await page.getByTestId('map-schematic').waitFor();
    const cities = await regionPoints(page);
    expect(cities.map((c) => c.name).sort()).toEqual(await namesIn('62_city'));
    const dx = cities.find((c) => c.name === '定西市')!;
    await page.mouse.click(dx.x, dx.y);
    await page.locator('[data-testid=map-panel][data-code="6211"]').waitFor();
    await expectFigures(page, '6211', ['open', 'overdue', 'red'], () => childFigures('62', '6211'));
    const r = await reads(page);
    expect(r.byLabel.counters ?? 0).toBeLessThanOrEqual(UPPER_SHARDS.province);
    await page.locator('[data-testid=map-panel][data-code="6211"]').getByTestId('map-drill').click();
    await ready(page, '6211', 'county');
    expect((await regionPoints(page)).map((c) => c.name).sort()).toEqual(await namesIn('6211_county'));
    await page.context().close();
  });
});
