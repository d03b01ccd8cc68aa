// Benchmark: the grid worker's phone path — a cold start of the console on a phone profile
// (CDP: 4× CPU slowdown, 150 ms round trip, 1.6 Mbps down, 750 kbps up; 390×844), sign-in, and
// the report form ready to type in — and what a county leader's return to a page costs within
// a session. Headless Chromium; it prints and records figures and asserts nothing.
//   BENCH_RUNS (default 3): cold runs, the median is reported.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { it } from 'vitest';
import { CONSOLE_URL, launch, newContext, signIn } from '../test/e2e/browser';
import { reads } from '../test/e2e/console';
import { report } from './lib/report';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DIST = join(import.meta.dirname, '..', 'web', 'dist');
const KB = 1024;

/** The phone profile of issue 12, on a page, through the DevTools protocol. */
async function throttle(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1000 * 1000) / 8,
    uploadThroughput: (750 * 1000) / 8,
  });
  return cdp;
}

/** Gzip size of a console script as built (what a compressing host sends). */
function gz(url: string): number {
  const path = new URL(url).pathname;
  try {
    return gzipSync(readFileSync(join(DIST, path)), { level: 9 }).length;
  } catch {
    return 0;
  }
}

async function coldPhoneRun() {
  const browser = await launch();
  try {
    const ctx = await newContext(browser, 390, 844);
    const page = await ctx.newPage();
    await throttle(page);
    const scripts = new Set<string>();
    page.on('request', (r) => {
      if (r.resourceType() === 'script' && r.url().startsWith(CONSOLE_URL)) scripts.add(r.url());
    });
    const t0 = Date.now();
    await page.goto(`${CONSOLE_URL}/#/report`);
    const login = page.getByTestId('demo-login-grid');
    await login.waitFor({ timeout: 120_000 });
    const tLogin = Date.now() - t0;
    const beforeSignIn = new Set(scripts);
    const t1 = Date.now();
    await login.click();
    // Usable: the form is on screen and its title field takes input.
    await page.locator('[data-testid=report-form] [data-testid=report-title]').waitFor({ timeout: 120_000 });
    // What was asked for before the form was on screen (what loads after, when the browser is
    // idle — the schema, Firestore for the grid's name — is not on the path).
    const usable = new Set(scripts);
    await page.getByTestId('report-title').fill('测');
    const tForm = Date.now() - t1;
    const total = Date.now() - t0;
    const js = [...usable].reduce((s, u) => s + gz(u), 0);
    const jsLogin = [...beforeSignIn].reduce((s, u) => s + gz(u), 0);
    return { tLogin, tForm, total, js, jsLogin, files: usable.size };
  } finally {
    await browser.close();
  }
}

/** A county leader opens the overview, goes to the board and back: what the return is billed. */
async function revisit() {
  const browser = await launch();
  try {
    const page = await signIn(await newContext(browser), 'county-leader');
    const ready = async () => {
      for (const id of ['dashboard', 'dash-overdue', 'dash-dueSoon'])
        await page.locator(`[data-testid=${id}][data-state=ready]`).waitFor({ timeout: 120_000 });
    };
    await ready();
    const first = (await reads(page)).initial;
    await page.goto(`${CONSOLE_URL}/#/board`);
    await page.locator('[data-testid=case-list][data-state=ready]').waitFor({ timeout: 120_000 });
    const board = (await reads(page)).initial - first;
    await page.goto(`${CONSOLE_URL}/#/dashboard`);
    await ready();
    const back = (await reads(page)).initial - first - board;
    return { first, board, back };
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

it('phone path and revisits', async () => {
  const runs: Awaited<ReturnType<typeof coldPhoneRun>>[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await coldPhoneRun());
  const r = await revisit();
  const m = (k: keyof (typeof runs)[number]) => median(runs.map((x) => x[k]));
  report('phone', [
    `\n## Grid worker's phone path, cold (median of ${RUNS})\n`,
    'Headless Chromium, CDP throttling: 4× CPU slowdown, 150 ms RTT, 1.6 Mbps down, 750 kbps up; 390×844, empty cache.\n',
    '| measure | figure | target |',
    '|---|---:|---:|',
    `| JS before the sign-in page is usable (gzip) | ${(m('jsLogin') / KB).toFixed(0)} KB | |`,
    `| JS before the report form is usable (gzip, ${m('files')} files) | ${(m('js') / KB).toFixed(0)} KB | ≤ 250 KB |`,
    `| open → sign-in page usable | ${(m('tLogin') / 1000).toFixed(1)} s | |`,
    `| sign-in → report form usable | ${(m('tForm') / 1000).toFixed(1)} s | |`,
    `| cold total: open → report form usable | ${(m('total') / 1000).toFixed(1)} s | ≤ 3 s |`,
    '',
    `Returning to a page within a session (county leader, read meter): first load of the overview ${r.first} documents; the board ${r.board}; back to the overview ${r.back}.`,
  ]);
});
