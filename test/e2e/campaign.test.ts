// 集中排查 in the browser (issue 14): the county's staff launch a campaign over 岷阳镇 in the
// console; the grid worker, on a 390 px phone, sees it on their patrol page at 0 grids done; they
// patrol and record a 治安问题 — and both screens show the grid done, live; the county closes the
// campaign and the summary (items by kind, by town) shows on both. Own campaign (a stamped topic),
// locators scoped to its row.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../functions/src/domain';
import { adminDb, closeAdmin } from '../helpers/emulator';
import { launch, newContext, signIn } from './browser';
import { pick, stamp } from './console';

const G = '621126100001001';
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await closeAdmin();
});

const campaignRow = (page: Page, topic: string): Locator =>
  page.getByTestId('campaign-panel').locator('[data-testid=campaign-row]', { hasText: topic });

describe('a campaign from launch to summary', () => {
  it('the county launches it, the grid worker’s patrol shows live on both screens, the county closes it with its summary', async () => {
    const topic = `冬季矛盾纠纷集中排查${stamp()}`;
    const today = localDate(new Date());

    // The county launches the campaign at its desk.
    const cctx = await newContext(browser, 1280, 900);
    const county = await signIn(cctx, 'county');
    await county.getByTestId('nav-patrol').click();
    const form = county.getByTestId('campaign-form');
    await form.waitFor();
    await form.getByTestId('campaign-topic').fill(topic);
    await form.getByTestId('campaign-from').fill(today);
    await form.getByTestId('campaign-to').fill(addDays(today, 6));
    await pick(county, 'campaign-units', '岷阳镇', form);
    await county.keyboard.press('Escape');
    await form.getByTestId('campaign-checklist').fill('矛盾纠纷\n安全隐患\n重点人员');
    await form.getByTestId('campaign-submit').click();
    const crow = campaignRow(county, topic);
    await crow.and(county.locator('[data-state=running]')).waitFor({ timeout: 30_000 });
    expect(await county.getByTestId('campaign-error').count()).toBe(0);
    const campaignId = (await crow.getAttribute('data-campaign'))!;
    expect((await adminDb().doc(`campaigns/${campaignId}`).get()).get('topic')).toBe(topic);
    await crow.getByTestId('campaign-open').click();
    const cdetail = crow.getByTestId('campaign-detail');
    await cdetail.and(county.locator('[data-done="0"]:not([data-grids="0"])')).waitFor({ timeout: 30_000 });
    expect(Number(await cdetail.getAttribute('data-grids'))).toBeGreaterThan(0);

    // The grid worker, on a phone, sees it at 0 done in their village.
    const gctx = await newContext(browser, 390, 844);
    const grid = await signIn(gctx, 'grid');
    await grid.getByTestId('nav-patrol').click();
    const grow = campaignRow(grid, topic);
    await grow.waitFor({ timeout: 30_000 });
    await grow.getByTestId('campaign-open').click();
    const gdetail = grow.getByTestId('campaign-detail');
    await gdetail.and(grid.locator('[data-done="0"]:not([data-grids="0"])')).waitFor({ timeout: 30_000 });
    await gdetail.locator(`[data-grid="${G}"]`).waitFor();
    expect(await grow.getByTestId('campaign-close').count()).toBe(0);

    // The patrol (无异常) and an item found on it.
    const pform = grid.getByTestId('patrol-form');
    const before = await pform.getAttribute('data-request-id');
    await pform.getByTestId('patrol-households').fill('18');
    await pform.getByTestId('patrol-result').getByText('无异常（零报告）').click();
    await pform.getByTestId('patrol-submit').click();
    await grid.locator(`[data-testid=patrol-form]:not([data-request-id="${before}"]), [data-testid=patrol-error]`).first().waitFor();
    expect(await grid.getByTestId('patrol-error').allTextContents()).toEqual([]);
    const iform = grid.getByTestId('item-form');
    const ibefore = await iform.getAttribute('data-request-id');
    const kind = iform.getByTestId('item-kind');
    for (let i = 0; i < 3 && !(await kind.filter({ hasText: '治安问题' }).count()); i++) {
      await kind.click();
      await grid.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '治安问题' }).click();
    }
    await kind.filter({ hasText: '治安问题' }).waitFor();
    await iform.getByTestId('item-title').fill(`村口小卖部夜间聚集${stamp()}`);
    await iform.locator('#item-description').fill('夜间有人聚集饮酒');
    await iform.getByTestId('item-submit').click();
    await grid.locator(`[data-testid=item-form]:not([data-request-id="${ibefore}"]), [data-testid=item-error]`).first().waitFor();
    expect(await grid.getByTestId('item-error').allTextContents()).toEqual([]);

    // Live on both screens: the grid is done.
    await gdetail.and(grid.locator('[data-done="1"]')).waitFor({ timeout: 30_000 });
    await cdetail.and(county.locator('[data-done="1"]')).waitFor({ timeout: 30_000 });
    await cdetail.locator(`[data-grid="${G}"]`, { hasText: '发现 1 项' }).waitFor({ timeout: 30_000 });

    // The county closes it; the summary shows, and the grid worker's screen follows.
    await cdetail.getByTestId('campaign-close').click();
    await crow.and(county.locator('[data-state=closed]')).waitFor({ timeout: 30_000 });
    const summary = cdetail.getByTestId('campaign-summary');
    await summary.waitFor({ timeout: 30_000 });
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain('已巡查网格 1/');
    expect(text).toContain('治安问题 1');
    expect(text).toContain('岷阳镇');
    expect(text).toContain('矛盾纠纷');
    await grow.and(grid.locator('[data-state=closed]')).waitFor({ timeout: 30_000 });
    await grow.getByTestId('campaign-summary').waitFor({ timeout: 30_000 });
    const stored = (await adminDb().doc(`campaigns/${campaignId}`).get()).data()!;
    expect(stored.state).toBe('closed');
    expect(stored.summary.gridsDone).toBe(1);
    expect(stored.summary.itemsByKind.security).toBe(1);
    const { scrollWidth, clientWidth } = await grid.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await gctx.close();
    await cctx.close();
  });
});
