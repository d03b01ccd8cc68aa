// The report form's optional point (一张图): village staff place it with a click on the map of
// their village's grids (the schematic note shows), the case is sent, and the point is stored
// with the parties — not on the case.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb } from '../helpers/emulator';
import { CONSOLE_URL, launch, newContext, signIn } from './browser';
import { pick } from './console';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe('report form location', () => {
  it('a click on the village map sets the point; it is stored with the parties', async () => {
    const page = await signIn(await newContext(browser), 'village');
    await page.goto(`${CONSOLE_URL}/#/report`);
    await page.getByTestId('report-form').waitFor();
    await page.locator('[data-testid=report-grid][data-state=ready]').waitFor();
    await pick(page, 'report-grid', '城郊村第1网格');
    await pick(page, 'report-category', '邻里');
    const title = `院墙倒塌纠纷${Date.now().toString(36)}`;
    await page.getByTestId('report-title').fill(title);
    await page.getByTestId('report-description').fill('两户因院墙倒塌发生争执，请求调解。');
    await page.getByTestId('report-party-name-0').fill('王五');
    // No location until one is given; the form does not wait for one.
    expect(await page.getByTestId('report-location-value').getAttribute('data-lat')).toBe('');
    await page.getByTestId('report-location-map').click();
    const chart = page.getByTestId('report-location').getByTestId('map-chart');
    await chart.locator('svg path').first().waitFor();
    await page.getByTestId('report-location').getByText('示意边界，非测绘数据').waitFor();
    const pts = JSON.parse((await chart.getAttribute('data-regions'))!) as { code: string; x: number; y: number }[];
    const box = (await chart.boundingBox())!;
    const g = pts.find((p) => p.code === '621126100001001')!;
    await page.mouse.click(box.x + g.x, box.y + g.y);
    await expect.poll(() => page.getByTestId('report-location-value').getAttribute('data-lat')).not.toBe('');
    const lat = Number(await page.getByTestId('report-location-value').getAttribute('data-lat'));
    const lng = Number(await page.getByTestId('report-location-value').getAttribute('data-lng'));
    await page.getByTestId('report-submit').click();
    await page.getByTestId('case-detail').and(page.locator('[data-state=ready]')).waitFor();
    const caseId = (await page.getByTestId('case-detail').getAttribute('data-case-id'))!;
    const priv = (await adminDb().doc(`cases/${caseId}/private/parties`).get()).data()!;
    expect(priv.location).toEqual({ lat, lng, accuracy: 0 });
    // The point is inside the schematic grid clicked (a village near 岷县's schematic centre).
    expect(Math.abs(lng - 104.04)).toBeLessThan(0.5);
    expect(Math.abs(lat - 34.44)).toBeLessThan(0.5);
    expect((await adminDb().doc(`cases/${caseId}`).get()).get('location')).toBeUndefined();
    await page.context().close();
  });
});
