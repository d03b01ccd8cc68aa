// 附上位置 on the grid worker's phone form (一张图, issue 16): with the phone's position allowed, the
// point goes with the report — also when the report waits offline in the outbox — and is stored
// with the parties, where the village that handles the case sees it on the case page (coordinates
// and the village's grids, the point marked). With the position refused, the form says why in
// plain words and the report is sent all the same, without a point.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb, closeAdmin, eventually } from '../helpers/emulator';
import { CONSOLE_URL, launch, signIn } from './browser';
import { pick, stamp } from './console';

const GRID = '621126100001001'; // 城郊村第1网格, the demo grid worker's
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await closeAdmin();
});

/** A phone (390 × 844), its position allowed at `at` or not asked for (refused). */
const phone = (at?: { latitude: number; longitude: number; accuracy: number }): Promise<BrowserContext> =>
  browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(at ? { permissions: ['geolocation'], geolocation: at } : {}),
  });

/** The grid worker's light report form (the phone's first download), signed in there. */
async function phoneForm(ctx: BrowserContext): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(`${CONSOLE_URL}/#/report`);
  await page.getByTestId('demo-login-grid').click();
  await page.locator('[data-testid=report-form] [data-testid=report-title]').waitFor();
  return page;
}

async function fill(page: Page, title: string) {
  await pick(page, 'report-category', '邻里');
  await page.getByTestId('report-title').fill(title);
  await page.getByTestId('report-description').fill('两户因宅前排水沟堵塞发生争执，请求村里协调。');
  await page.getByTestId('report-party-name-0').fill('赵六');
  await page.getByTestId('report-grid-escalate').click();
}

const caseTitled = (title: string) =>
  eventually(async () => (await adminDb().collection('cases').where('title', '==', title).get()).docs[0]?.id, 60_000);

describe('附上位置 on the phone form', () => {
  it('attaches the phone’s position, keeps it through the offline outbox, and shows it to the village that handles the case', async () => {
    // Inside the demo village's schematic grid: the label point of 城郊村第1网格.
    const shapes = (await adminDb().doc('geoShapes/621126100001_grid').get()).data()!;
    const [lng, lat] = shapes.shapes[GRID].label as [number, number];
    const ctx = await phone({ latitude: lat, longitude: lng, accuracy: 12 });
    const page = await phoneForm(ctx);
    const value = page.getByTestId('report-location-value');
    expect(await value.getAttribute('data-lat')).toBe('');
    await page.getByTestId('report-location-phone').click();
    await expect.poll(() => value.getAttribute('data-lat'), { timeout: 30_000 }).toBe(String(lat));
    expect(await value.getAttribute('data-lng')).toBe(String(lng));
    await expect(value.textContent()).resolves.toContain('精度约12米');

    // No network: the report waits in the outbox with its point, and the form starts afresh.
    const title = `排水沟纠纷定位${stamp()}`;
    await fill(page, title);
    await ctx.setOffline(true);
    await page.getByTestId('report-submit').click();
    await page.locator('[data-testid=outbox-badge][data-count="1"]').waitFor();
    expect(await value.getAttribute('data-lat')).toBe('');
    await ctx.setOffline(false);
    await page.getByTestId('outbox-badge').waitFor({ state: 'detached', timeout: 60_000 });
    const caseId = await caseTitled(title);
    expect((await adminDb().doc(`cases/${caseId}/private/parties`).get()).get('location')).toEqual({ lat, lng, accuracy: 12 });
    expect((await adminDb().doc(`cases/${caseId}`).get()).get('location')).toBeUndefined();
    await ctx.close();

    // The village handles it: its case page shows the point, on the map of its grids.
    const village = await signIn(
      await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }),
      'village',
    );
    await village.goto(`${CONSOLE_URL}/#/cases/${encodeURIComponent(caseId)}`);
    const point = village.getByTestId('case-location');
    await point.waitFor();
    expect(Number(await point.getAttribute('data-lat'))).toBe(lat);
    expect(Number(await point.getAttribute('data-lng'))).toBe(lng);
    await expect(village.getByTestId('case-location-value').textContent()).resolves.toBe(
      `纬度${lat.toFixed(5)}，经度${lng.toFixed(5)}（精度约12米）`,
    );
    await expect.poll(() => point.getAttribute('data-grid'), { timeout: 30_000 }).toBe(GRID);
    await point.getByTestId('map-marker').waitFor();
    // The marker sits inside the chart, on the grid's label point where the map drew it.
    const chart = point.getByTestId('map-chart');
    const labels = JSON.parse((await chart.getAttribute('data-regions'))!) as { code: string; x: number; y: number }[];
    const g = labels.find((p) => p.code === GRID)!;
    const marker = point.getByTestId('map-marker');
    expect(Math.abs(Number(await marker.getAttribute('data-x')) - g.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(Number(await marker.getAttribute('data-y')) - g.y)).toBeLessThanOrEqual(1);
    await village.context().close();
  });

  it('says why there is no position when it is refused, and sends the report without one', async () => {
    const ctx = await phone();
    const page = await phoneForm(ctx);
    await page.getByTestId('report-location-phone').click();
    const value = page.getByTestId('report-location-value');
    await expect.poll(() => value.getAttribute('data-reason'), { timeout: 30_000 }).toBe('denied');
    await expect(value.textContent()).resolves.toContain('未获准定位');
    expect(await value.getAttribute('data-lat')).toBe('');
    const title = `排水沟纠纷无定位${stamp()}`;
    await fill(page, title);
    await page.getByTestId('report-submit').click();
    await page.getByTestId('case-detail').and(page.locator('[data-state=ready]')).waitFor();
    const caseId = (await page.getByTestId('case-detail').getAttribute('data-case-id'))!;
    expect((await adminDb().doc(`cases/${caseId}`).get()).get('title')).toBe(title);
    expect((await adminDb().doc(`cases/${caseId}/private/parties`).get()).get('location')).toBeNull();
    // No point: once the parties are on the page, nothing is shown for it.
    await page.locator('[data-testid=parties-private], [data-testid=parties-masked]').first().waitFor();
    expect(await page.getByTestId('case-location').count()).toBe(0);
    await ctx.close();
  });
});
