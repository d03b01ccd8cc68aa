// The console contacts no host but its own and the Firebase endpoints it is configured with
// (issue 12: apis.google.com and www.google.com are blocked in mainland China). Records every
// request of the browser — page, scripts, fonts, images, frames, XHR/fetch, web sockets — while
// several roles sign in and open each page of their menu, on a phone (whose user agent made the
// Auth SDK load Google's gapi iframe at start-up) and on office PCs.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_URL, launch, newContext, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const PHONE_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';

/**
 * Every host:port the context asks for, with one URL each for the message. A request the page's
 * own Content-Security-Policy stopped in the browser never left it, and does not count.
 */
function record(ctx: BrowserContext): () => Map<string, string> {
  const blocked = new Set<string>();
  const byHost = new Map<string, Set<string>>();
  const note = (url: string) => {
    const u = new URL(url);
    if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return;
    if (!byHost.has(u.host)) byHost.set(u.host, new Set());
    byHost.get(u.host)!.add(url);
  };
  ctx.on('request', (r) => note(r.url()));
  ctx.on('requestfailed', (r) => {
    if (/^csp$|BLOCKED_BY_CSP/i.test(r.failure()?.errorText ?? '')) blocked.add(r.url()); // stopped by the page's CSP
  });
  ctx.on('page', (p) => p.on('websocket', (ws) => note(ws.url())));
  // The hosts with at least one request that really went out, one URL each.
  return () => {
    const out = new Map<string, string>();
    for (const [host, urls] of byHost) {
      const sent = [...urls].filter((u) => !blocked.has(u));
      if (sent.length) out.set(host, sent[0]!);
    }
    return out;
  };
}

/** Opens each entry of the menu and, from the board, the first case. */
async function tour(page: Page) {
  const ids = await page.locator('.shell-nav [data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
  expect(ids.length).toBeGreaterThan(2);
  for (const id of ids) {
    await page.getByTestId(id).click();
    await page.locator('[data-testid=page-loading]').waitFor({ state: 'detached' });
    if (id === 'nav-board') {
      await page.getByTestId('case-list').and(page.locator('[data-state=ready]')).or(page.getByTestId('board-empty')).first().waitFor();
      const caseId = await page
        .getByTestId('case-row')
        .first()
        .getAttribute('data-case-id', { timeout: 1_000 })
        .catch(() => null);
      if (caseId) {
        await page.goto(`${CONSOLE_URL}/#/cases/${caseId}`);
        await page.getByTestId('case-detail').and(page.locator('[data-state=ready]')).waitFor();
      }
    }
  }
}

describe('hosts the console contacts', () => {
  it('are its own origin and the configured Firebase endpoints only, for several roles on phones and PCs', async () => {
    const emu = (await (await fetch(`${CONSOLE_URL}/__/fengqiao/emulators.json`)).json()) as {
      auth: number;
      firestore: number;
      functions: number;
      storage?: number | null;
    };
    const consoleHost = new URL(CONSOLE_URL).host;
    const hostname = new URL(CONSOLE_URL).hostname;
    // Cloud Storage (the photos of patrol items) is a Firebase endpoint too.
    const ports = [emu.auth, emu.firestore, emu.functions, ...(emu.storage ? [emu.storage] : [])];
    const allowed = new Set([consoleHost, ...ports.map((p) => `${hostname}:${p}`)]);

    const runs: { key: string; ctx: BrowserContext }[] = [
      {
        key: 'grid',
        ctx: await browser.newContext({
          viewport: { width: 390, height: 844 },
          userAgent: PHONE_UA,
          isMobile: true,
          hasTouch: true,
          locale: 'zh-CN',
          timezoneId: 'Asia/Shanghai',
        }),
      },
      { key: 'village', ctx: await newContext(browser) },
      { key: 'county-leader', ctx: await newContext(browser, 1920, 1080) },
      { key: 'admin', ctx: await newContext(browser) },
    ];
    for (const { key, ctx } of runs) {
      const hosts = record(ctx);
      const page = await signIn(ctx, key);
      await tour(page);
      if (key === 'grid') {
        // Weak signal: the connection drops and comes back (the Firestore SDK then checks the
        // network by loading an image from www.google.com unless the page forbids it).
        const dropped = page.waitForEvent('requestfailed', (r) => new URL(r.url()).port === String(emu.firestore));
        await ctx.setOffline(true);
        await dropped;
        await page.getByTestId('offline-banner').waitFor();
        await ctx.setOffline(false);
        await page.getByTestId('offline-banner').waitFor({ state: 'detached' });
      }
      // Signing out and in again (the Auth SDK's start-up runs again on the reload).
      await page.getByTestId('logout').click();
      await page.reload();
      await page.getByTestId(`demo-login-${key}`).click();
      await page.getByTestId('header-user').waitFor();
      const seen = hosts();
      const foreign = [...seen].filter(([host]) => !allowed.has(host)).map(([, url]) => url);
      expect(foreign, `${key}: hosts other than ${[...allowed].join(', ')}`).toEqual([]);
      // It did talk to the console and to Firestore (the recording works).
      expect(seen.has(consoleHost)).toBe(true);
      expect(seen.has(`${hostname}:${emu.firestore}`)).toBe(true);
      await ctx.close();
    }
  });
});
