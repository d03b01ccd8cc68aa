// 一张图 as county staff: the map of the county's towns from the seed's schematic boundaries
// (with the note 示意边界，非测绘数据), layers switched, a town clicked on the map shows its figures
// (the same as its counters), drilled into its villages; on a phone (375 px) without sideways
// scrolling; and in the centre of the wall screen at 1920×1080.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitCounterSum } from '../helpers/emulator';
import { CONSOLE_URL, launch, newContext, screenshot, signIn } from './browser';

const TOWN = '621126100'; // 岷阳镇: 23 villages
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const ready = (page: Page, level: string, layer = 'cases', root = '') =>
  page
    .locator(`${root} [data-testid=map-view][data-state=ready][data-level=${level}][data-layer=${layer}]`.trim())
    .waitFor({ timeout: 30_000 });

/** Where the map drew each region's label (the chart's own projection), in page pixels. */
async function regionPoints(page: Page, root = ''): Promise<{ code: string; name: string; x: number; y: number }[]> {
  const chart = page.locator(`${root} [data-testid=map-chart]`.trim());
  await chart.locator('svg path').first().waitFor();
  const box = (await chart.boundingBox())!;
  const pts = JSON.parse((await chart.getAttribute('data-regions')) ?? '[]') as { code: string; name: string; x: number; y: number }[];
  return pts.map((p) => ({ ...p, x: box.x + p.x, y: box.y + p.y }));
}

describe('一张图', () => {
  it('county staff: the towns on the map, layers, a town clicked shows its figures, drill into its villages', async () => {
    const page = await signIn(await newContext(browser, 1280, 900), 'county');
    await page.getByTestId('nav-map').click();
    await ready(page, 'town');
    await expect.poll(() => page.getByTestId('map-schematic').textContent()).toBe('示意边界，非测绘数据');
    const towns = await regionPoints(page);
    expect(towns.map((t) => t.name).sort()).toEqual(['岷阳镇', '梅川镇', '蒲麻镇', '西寨镇'].sort());
    // The labels on the chart carry the layer's figure.
    await expect.poll(() => page.getByTestId('map-chart').textContent()).toContain('在办');

    // Layers: each switches the figures drawn (and loads its counts).
    for (const [layer, word] of [
      ['overdue', '逾期'],
      ['hazards', '隐患'],
      ['patrol', '网格'],
      ['keyPersons', '人/处'],
      ['cases', '在办'],
    ] as const) {
      await page.getByTestId(`map-layer-${layer}`).click();
      await ready(page, 'town', layer);
      expect(await page.getByTestId(`map-layer-${layer}`).getAttribute('aria-pressed')).toBe('true');
      await expect.poll(() => page.getByTestId('map-chart').textContent()).toContain(word);
    }

    // A click on 岷阳镇 where the map drew it: its figures, the same as its counters.
    const town = towns.find((t) => t.code === TOWN)!;
    await page.mouse.click(town.x, town.y);
    const panel = page.locator(`[data-testid=map-panel][data-code="${TOWN}"]`);
    await panel.waitFor();
    expect(await panel.getByTestId('map-panel-name').textContent()).toBe('岷阳镇');
    const want = await unitCounterSum(TOWN);
    await expect.poll(() => panel.getByTestId('map-fig-open').getAttribute('data-value')).toBe(String(want.open));
    expect(await panel.getByTestId('map-fig-overdue').getAttribute('data-value')).toBe(String(want.overdue));
    expect(await panel.getByTestId('map-fig-red').getAttribute('data-value')).toBe(String(want.red));
    await expect.poll(() => panel.getByTestId('map-fig-hazards').getAttribute('data-value')).toMatch(/^\d+$/);
    await expect.poll(() => panel.getByTestId('map-fig-keyPersons').getAttribute('data-value')).toMatch(/^\d+$/);
    await expect.poll(() => panel.getByTestId('map-fig-patrol').getAttribute('data-value')).toMatch(/^\d+\/\d+网格$/);
    expect(await panel.getByTestId('map-list').getAttribute('href')).toBe(`#/board?f=unitId%3A${TOWN}`);
    await screenshot(page, 'map-county');

    // Down to its villages: one boundary document, 23 villages, still schematic.
    await panel.getByTestId('map-drill').click();
    await page.locator(`[data-testid=map-view][data-unit="${TOWN}"][data-level=village][data-state=ready]`).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('map-here').textContent()).toContain('岷阳镇');
    expect(await regionPoints(page)).toHaveLength(23);
    await page.getByTestId('map-schematic').waitFor();
    // And back up to the county.
    await page.getByTestId('map-up').click();
    await ready(page, 'town');
    await page.context().close();
  });

  it('on a phone (375 px): the map fits the width, the note shows, a tap shows figures', async () => {
    const page = await signIn(await newContext(browser, 375, 740), 'county');
    await page.goto(`${CONSOLE_URL}/#/map`);
    await ready(page, 'town');
    await page.getByTestId('map-schematic').waitFor();
    const towns = await regionPoints(page);
    const w = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, w: innerWidth }));
    expect(w.sw).toBeLessThanOrEqual(w.w);
    const chart = (await page.getByTestId('map-chart').boundingBox())!;
    expect(chart.width).toBeGreaterThan(300);
    expect(chart.x + chart.width).toBeLessThanOrEqual(375 + 0.5);
    const t = towns.find((x) => x.code === TOWN)!;
    await page.mouse.click(t.x, t.y);
    await page.locator(`[data-testid=map-panel][data-code="${TOWN}"]`).waitFor();
    await screenshot(page, 'map-phone');
    await page.context().close();
  });

  it('the wall screen at 1920×1080 has the map in its centre', async () => {
    const page = await signIn(await newContext(browser, 1920, 1080), 'county');
    await page.goto(`${CONSOLE_URL}/#/wall?theme=dark`);
    await page.locator('[data-testid=wall][data-state=ready]').waitFor();
    await ready(page, 'town', 'cases', '[data-testid=wall-map]');
    await page.locator('[data-testid=wall-map] [data-testid=map-schematic]').waitFor();
    expect(await regionPoints(page, '[data-testid=wall-map]')).toHaveLength(4);
    const map = (await page.getByTestId('wall-map').boundingBox())!;
    // In the middle of the screen, and a good part of it.
    expect(map.x).toBeLessThan(960);
    expect(map.x + map.width).toBeGreaterThan(960);
    expect(map.height).toBeGreaterThan(500);
    const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, sh: document.documentElement.scrollHeight }));
    expect(m.sw).toBeLessThanOrEqual(1920);
    expect(m.sh).toBeLessThanOrEqual(1080);
    await screenshot(page, 'wall-map-1920');
    await page.context().close();
  });
});
