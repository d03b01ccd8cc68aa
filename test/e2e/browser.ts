// Headless Chromium (Debian's, or $CHROMIUM_PATH) driven by playwright-core: never a downloaded browser.
import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';

/** The hosting emulator of this run (scripts/lib/emulators.mjs clientEnv(), from firebase.json). */
export const CONSOLE_URL = process.env.CONSOLE_URL ?? '';
if (!CONSOLE_URL) throw new Error('browser tests need the emulators (CONSOLE_URL is not set): run them with `npm test`');

export function chromiumPath(): string {
  const found = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ].find((p) => p && existsSync(p));
  if (!found)
    throw new Error('Browser tests need Chromium or Chrome: install it (Debian: `apt-get install chromium`) or set CHROMIUM_PATH.');
  return found;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh context (its own storage, so its own signed-in user) at a given viewport. */
export async function newContext(browser: Browser, width = 1280, height = 800): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

/** Opens the console and signs in with a demo account's one-click button. */
export async function signIn(ctx: BrowserContext, key: string): Promise<Page> {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`[page error ${key}]`, e.message));
  await page.goto(`${CONSOLE_URL}/#/`);
  await page.getByTestId(`demo-login-${key}`).click();
  await page.getByTestId('header-user').waitFor();
  return page;
}

export async function screenshot(page: Page, name: string) {
  if (!process.env.FENGQIAO_SCREENSHOTS) return;
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: false });
}

/**
 * Closes a browser so that the emulator forgets its listeners: each page's Firestore client is
 * terminated first (its listen stream closed), then the contexts, then the browser. Closing the
 * browser alone leaves the listen stream open in the emulator, and every later write is matched
 * against its queries (seeding 100,000 cases then crawls).
 */
export async function closeBrowser(browser: Browser): Promise<void> {
  for (const ctx of browser.contexts()) {
    for (const page of ctx.pages())
      await page
        .evaluate(() => (window as unknown as { __fengqiaoTerminate?: () => Promise<void> }).__fengqiaoTerminate?.())
        .catch(() => undefined);
    await ctx.close();
  }
  await browser.close();
}
