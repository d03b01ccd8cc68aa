// Phones on weak signal (issue 12): a grid worker with no network submits three reports; they wait
// in the outbox (listed with their titles, kept across a reload), and are sent when the network
// returns — exactly three cases, none twice. And the console fits a 390 px phone: every menu entry
// and the alerts badge on screen, nothing wider than the screen.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAuth, adminDb, closeAdmin } from '../helpers/emulator';
import { CONSOLE_URL, launch, newContext, screenshot, signIn } from './browser';
import { DEMO_ACCOUNTS } from '../../functions/src/seed/demo-county';
import { pick, stamp } from './console';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await closeAdmin();
});

async function fillReport(page: Page, title: string) {
  const form = page.getByTestId('report-form');
  await pick(page, 'report-category', '邻里');
  await page.getByTestId('report-title').fill(title);
  await page.getByTestId('report-description').fill('两户因院墙边界发生争执，多次协商未果，请求调解。');
  await page.getByTestId('report-party-name-0').fill('李四海');
  await page.getByTestId('report-party-phone-0').fill('13912345678');
  // A grid worker chooses at submission (就地化解 / 上报村(社区)).
  await page.getByTestId('report-grid-escalate').click();
  return form.getAttribute('data-request-id');
}

async function casesTitled(titles: string[]) {
  const snap = await adminDb().collection('cases').where('title', 'in', titles).get();
  return snap.docs.map((d) => d.get('title') as string).sort();
}

describe('offline outbox', () => {
  it('queues three reports without a network, keeps them across a reload, and sends each exactly once when it returns', async () => {
    const ctx = await newContext(browser, 390, 844);
    const page = await signIn(ctx, 'grid');
    await page.getByTestId('nav-report').click();
    await page.getByTestId('report-form').waitFor();

    // No network at all: the browser says so, and the form keeps what is submitted.
    await ctx.setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    const tag = stamp();
    const titles = [1, 2, 3].map((n) => `离线上报${tag}第${n}件`);
    const requestIds: string[] = [];
    for (const [n, title] of titles.entries()) {
      const requestId = await fillReport(page, title);
      requestIds.push(requestId!);
      await page.getByTestId('report-submit').click();
      // Kept, and the form is free for the next one (a new requestId, blank title).
      await page.locator(`[data-testid=outbox-badge][data-count="${n + 1}"]`).waitFor();
      await expect(page.getByTestId('report-title').inputValue()).resolves.toBe('');
      expect(await page.getByTestId('report-form').getAttribute('data-request-id')).not.toBe(requestId);
    }
    expect(new Set(requestIds).size).toBe(3);
    expect(await page.getByTestId('report-error').count()).toBe(0);

    // The pending list names each with its state.
    await page.getByTestId('outbox-badge').click();
    const items = page.getByTestId('outbox-item');
    await expect(items.count()).resolves.toBe(3);
    await expect(page.getByTestId('outbox-item-title').allTextContents()).resolves.toEqual(titles);
    for (const s of await page.getByTestId('outbox-item-state').allTextContents()) expect(s).toBe('等待网络恢复');
    await screenshot(page, 'outbox-mobile');
    expect(await casesTitled(titles)).toEqual([]);

    // The network returns but the functions stay out of reach (weak signal): the sends fail,
    // the items stay, and a reload keeps them.
    const emu = (await (await fetch(`${CONSOLE_URL}/__/fengqiao/emulators.json`)).json()) as { functions: number };
    const functionsCall = (url: URL) => url.port === String(emu.functions);
    await ctx.route(functionsCall, (r) => r.abort('internetdisconnected'));
    await ctx.setOffline(false);
    await page.locator('[data-testid=outbox-item-state]', { hasText: '发送失败' }).first().waitFor();
    await page.reload();
    await page.getByTestId('header-user').waitFor();
    await page.locator('[data-testid=outbox-badge][data-count="3"]').waitFor();
    expect(await casesTitled(titles)).toEqual([]);

    // The functions are reachable again: everything is sent, once.
    await ctx.unroute(functionsCall);
    await ctx.setOffline(true);
    await ctx.setOffline(false); // the browser's `online` event: every waiting item is due now
    await page.getByTestId('outbox-badge').waitFor({ state: 'detached', timeout: 60_000 });
    expect(await casesTitled(titles)).toEqual([...titles].sort());
    // Reported by this grid worker, each under the requestId its form made (a resend finds the same case).
    const uid = (await adminAuth().getUserByEmail(DEMO_ACCOUNTS.find((a) => a.key === 'grid')!.email)).uid;
    const snap = await adminDb().collection('cases').where('title', 'in', titles).get();
    expect(snap.docs.map((d) => d.get('reporter.uid'))).toEqual([uid, uid, uid]);
    // Nothing of them is left in the browser once sent.
    const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('fengqiao.outbox.')));
    expect(left).toEqual([]);
    await ctx.close();
  });
});

describe('a 390 px phone', () => {
  for (const key of ['village', 'admin', 'grid']) {
    it(`shows ${key}'s every menu entry and the alerts badge, and nothing scrolls sideways`, async () => {
      const ctx = await newContext(browser, 390, 844);
      const page = await signIn(ctx, key);
      // The menu as the shell builds it for this role (pagesFor): every entry it rendered.
      const names = (
        await page.locator('.shell-nav [data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!))
      ).map((id) => id.slice('nav-'.length));
      expect(names).toContain('typical');
      expect(names).toContain('alerts');
      for (const name of names) {
        const link = page.getByTestId(`nav-${name}`);
        // On screen without scrolling anything: inside the viewport, not clipped by the bar.
        const box = await link.boundingBox();
        expect(box, name).not.toBeNull();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(390);
        expect(box!.y + box!.height).toBeLessThanOrEqual(844);
        await expect(link.isVisible()).resolves.toBe(true);
      }
      // The alerts entry and its unread badge (when there is anything unread) inside the screen, in
      // the bar that stays at the top while the page scrolls.
      const badge = page.locator('[data-testid=alerts-badge][data-state=ready]');
      await badge.waitFor({ state: 'attached' });
      const alerts = await page.getByTestId('nav-alerts').boundingBox();
      expect(alerts!.x + alerts!.width).toBeLessThanOrEqual(390);
      if (Number(await badge.getAttribute('data-count')) > 0) {
        const count = await badge.locator('.nav-badge').boundingBox();
        expect(count!.x + count!.width).toBeLessThanOrEqual(390);
        await expect(badge.locator('.nav-badge').isVisible()).resolves.toBe(true);
      }
      expect(await page.locator('.shell-nav').evaluate((e) => getComputedStyle(e).position)).toBe('sticky');
      // Each page of the menu: the page itself never wider than the phone.
      for (const name of names) {
        await page.getByTestId(`nav-${name}`).click();
        await page.waitForLoadState('domcontentloaded');
        await page.locator('[data-testid=page-loading]').waitFor({ state: 'detached' });
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        expect(scrollWidth, `${key} on ${name}`).toBeLessThanOrEqual(clientWidth);
      }
      await ctx.close();
    });
  }
});
