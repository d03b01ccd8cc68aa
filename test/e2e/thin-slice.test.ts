// The thin slice in a real browser: a grid worker reports a dispute from the console; the village
// center, signed in in another browser context, sees it appear without a reload; a grid worker of
// another village and staff of another town never see it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newContext, screenshot, signIn } from './browser';
import { pick } from './console';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe('report a dispute, see it live elsewhere', () => {
  it('travels from the grid worker to the village board, and nowhere else', async () => {
    const title = `排水沟堵塞纠纷${Date.now().toString(36)}`;
    const village = await signIn(await newContext(browser), 'village');
    // The village watches its 山林土地 cases (a category no other test reports): earlier tests fill
    // the whole board with cases due sooner, or updated at later instants by their sweeps.
    await village.goto(`${village.url().split('#')[0]}#/board?f=category:forest_land`);
    await village
      .getByTestId('case-list')
      .and(village.locator('[data-state=ready]'))
      .or(village.getByTestId('board-empty'))
      .first()
      .waitFor();

    const grid = await signIn(await newContext(browser, 390, 844), 'grid'); // a phone
    await grid.getByTestId('nav-report').click();
    await grid.getByTestId('report-form').waitFor();
    await pick(grid, 'report-category', '山林土地');
    await grid.getByTestId('report-title').fill(title);
    await grid.getByTestId('report-description').fill('两户因排水沟堵塞发生争执，多次协商未果，请求调解。');
    await grid.getByTestId('report-party-name-0').fill('张三丰');
    await grid.getByTestId('report-party-phone-0').fill('13812345678');
    // A grid worker chooses at submission: here 上报村(社区).
    await grid.getByTestId('report-grid-escalate').click();
    await screenshot(grid, 'report-mobile');
    await grid.getByTestId('report-submit').click();
    // The reporter lands on the new case, with the real parties (they handle it).
    await grid.getByTestId('case-detail').and(grid.locator('[data-state=ready]')).waitFor();
    await expect(grid.getByTestId('case-title').textContent()).resolves.toContain(title);
    await grid.getByTestId('parties-private').waitFor();
    const caseId = await grid.getByTestId('case-detail').getAttribute('data-case-id');
    expect(caseId).toMatch(/^621126-/);

    // The village board shows it without a reload (same page object, no navigation).
    const row = village.locator(`[data-testid=case-row][data-case-id="${caseId}"]`);
    await row.waitFor({ timeout: 15_000 });
    await expect(row.textContent()).resolves.toContain(title);
    await screenshot(village, 'board');

    // Another village's grid worker and another town's staff: not on their boards, refused by id.
    for (const key of ['grid2', 'town2']) {
      const other = await signIn(await newContext(browser), key);
      await other.getByTestId('case-list').and(other.locator('[data-state=ready]')).or(other.getByTestId('board-empty')).first().waitFor();
      expect(await other.locator(`[data-case-id="${caseId}"]`).count()).toBe(0);
      await other.goto(`${other.url().split('#')[0]}#/cases/${caseId}`);
      await other.getByTestId('case-detail').and(other.locator('[data-state=denied]')).waitFor();
      await other.context().close();
    }
  });
});
