// The console's dictionary comes in parts: the boot part with the first download, the others with
// the pages that use them (web/src/i18n/parts.ts). In both languages every page shows its own
// words and never a raw key, not even for a moment (an observer in the page records any key that
// reaches the screen, from the first paint on), and switching the language works on any page: on
// pages whose parts were loaded in the other language, and on pages opened first after the switch.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_URL, closeBrowser, launch, newContext, signIn } from './browser';

const I18N = join(dirname(fileURLToPath(import.meta.url)), '../../web/src/i18n');
type Dict = Record<string, string>;
const zh: Dict = {};
const en: Dict = {};

let browser: Browser;
beforeAll(async () => {
  for (const f of readdirSync(join(I18N, 'zh-CN'))) {
    Object.assign(zh, (await import(join(I18N, 'zh-CN', f))).default);
    Object.assign(en, (await import(join(I18N, 'en-US', f))).default);
  }
  browser = await launch();
});
afterAll(async () => {
  if (browser) await closeBrowser(browser);
});

/** Records, in the page, every dictionary key that is ever shown (text, title, label, placeholder). */
async function watchRawKeys(ctx: BrowserContext) {
  await ctx.addInitScript((list: string[]) => {
    const keys = new Set(list);
    const seen: string[] = [];
    (window as unknown as { __rawKeys: string[] }).__rawKeys = seen;
    const shape = /[a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+/g;
    const check = (text: string | null | undefined) => {
      for (const m of (text ?? '').matchAll(shape)) if (keys.has(m[0]) && !seen.includes(m[0])) seen.push(m[0]);
    };
    const skip = (n: Node | null) => !!n && (n.nodeName === 'STYLE' || n.nodeName === 'SCRIPT');
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') check((r.target as Element).getAttribute(r.attributeName!));
        else if (r.type === 'characterData') {
          if (!skip(r.target.parentNode)) check(r.target.textContent);
        } else
          for (const n of Array.from(r.addedNodes)) {
            if (skip(n) || skip(n.parentNode)) continue;
            check(n.textContent);
            if (n instanceof Element)
              for (const e of [n, ...Array.from(n.querySelectorAll('[title],[aria-label],[placeholder]'))])
                for (const a of ['title', 'aria-label', 'placeholder']) check(e.getAttribute(a));
          }
      }
    }).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['title', 'aria-label', 'placeholder'],
    });
  }, Object.keys(zh));
}

const rawKeys = (page: Page) => page.evaluate(() => [...(window as unknown as { __rawKeys: string[] }).__rawKeys]);

/** No key was ever shown; and the watch works (a key put on screen is recorded). */
async function expectNoRawKeys(page: Page) {
  expect(await rawKeys(page)).toEqual([]);
  await page.evaluate(() => {
    const probe = document.createElement('span');
    probe.textContent = 'nav.board';
    document.body.append(probe);
  });
  await expect.poll(() => rawKeys(page)).toEqual(['nav.board']);
}
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** Opens a page from the navigation, waits for its title in the given dictionary and for its data. */
async function open(page: Page, name: string, titleKey: string, dict: Dict) {
  await page.getByTestId(`nav-${name}`).click();
  await page
    .locator('#main .page-title', { hasText: exactly(dict[titleKey]!) })
    .first()
    .waitFor();
  await settled(page);
}

/** Nothing on the page still loading (its lists and figures shown, and their words with them). */
async function settled(page: Page) {
  await page.waitForFunction(
    () => !document.querySelector('#main [data-state=loading], #main [data-testid=page-loading], #main .ant-spin-spinning'),
  );
}

describe('the dictionary in parts, in both languages', () => {
  it('pages opened in Chinese, the language switched on one, others opened first in English, and back', async () => {
    const ctx = await newContext(browser);
    await watchRawKeys(ctx);
    const page = await signIn(ctx, 'county');
    // Opened in Chinese: their parts come in Chinese.
    const before: [string, string][] = [
      ['board', 'board.title'],
      ['stats', 'stats.title'],
      ['duty', 'duty.title'],
      ['keypersons', 'kp.title'],
    ];
    for (const [name, title] of before) await open(page, name, title, zh);
    // Switched on the page: its parts (and those of the pages opened before) in English.
    await page.getByTestId('lang-toggle').click();
    await page.locator('#main .page-title', { hasText: exactly(en['kp.title']!) }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');
    expect(await page.getByTestId('lang-toggle').getAttribute('aria-label')).toBe(en['lang.toggleLabel']);
    expect((await page.getByTestId('nav-stats').textContent())?.trim()).toBe(en['nav.stats']);
    // Pages never opened before: their parts come in English only.
    const after: [string, string][] = [
      ['patrol', 'patrol.title'],
      ['meetings', 'mt.title'],
      ['signals', 'signals.title'],
      ['typical', 'typical.title'],
      ['map', 'map.title'],
      ['alerts', 'alerts.title'],
    ];
    for (const [name, title] of after) await open(page, name, title, en);
    // And those opened in Chinese, now in English.
    for (const [name, title] of before) await open(page, name, title, en);
    // Back to Chinese on a page first opened in English.
    await open(page, 'meetings', 'mt.title', en);
    await page.getByTestId('lang-toggle').click();
    await page.locator('#main .page-title', { hasText: exactly(zh['mt.title']!) }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    for (const [name, title] of [...after, ...before]) await open(page, name, title, zh);
    await expectNoRawKeys(page);
    await ctx.close();
  });

  it('English chosen on the sign-in page: the console and its administration pages in English from their first paint', async () => {
    const ctx = await newContext(browser);
    await watchRawKeys(ctx);
    const page = await ctx.newPage();
    await page.goto(`${CONSOLE_URL}/#/`);
    await page.getByTestId('lang-toggle').click();
    await page.getByText(exactly(en['login.demoTitle']!)).first().waitFor();
    await page.getByTestId('demo-login-admin').click();
    await page.getByTestId('header-user').waitFor();
    await open(page, 'admin', 'admin.title', en);
    for (const tab of ['users', 'grids', 'departments', 'policy', 'calendar', 'courts', 'mediation']) {
      await page.evaluate((hash) => {
        location.hash = hash;
      }, `#/admin/${tab}`);
      await page.locator('#main .page-title', { hasText: exactly(en['admin.title']!) }).waitFor();
      await page.locator('#main', { hasText: en[`admin.tab.${tab}`]! }).waitFor();
      await settled(page);
      // The policy tab's form, its patrol card included, once the county's policy is read.
      if (tab === 'policy') await page.locator('#main [data-testid=policy-patrol]', { hasText: en['policy.patrol']! }).waitFor();
    }
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');
    await expectNoRawKeys(page);
    await ctx.close();
  });
});
