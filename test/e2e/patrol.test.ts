// 网格巡查 on a 390 px phone (issue 14): a grid worker without signal logs a patrol; it waits in
// the outbox; the signal returns but the answer is lost on the way back (the server logged it);
// the phone resends — and there is exactly one log, counted once in the village's coverage,
// which the village sees on its coverage view with the grid no longer missing.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseIdFor } from '../../functions/src/lib/ids';
import { DEMO_ACCOUNTS } from '../../functions/src/seed/demo-county';
import { adminAuth, adminDb, closeAdmin } from '../helpers/emulator';
import { CONSOLE_URL, launch, newContext, signIn } from './browser';

const G = '621126100001001',
  V = '621126100001';
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await closeAdmin();
});

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const villagePatrols = async () =>
  ((await adminDb().doc(`patrolDays/${V}_${today()}`).get()).get(`grids.${G}.patrols`) as number | undefined) ?? 0;

describe('a grid worker patrols offline', () => {
  it('logs the patrol exactly once when the signal returns, even after a lost answer', async () => {
    const ctx = await newContext(browser, 390, 844);
    const page = await signIn(ctx, 'grid');
    await page.getByTestId('nav-patrol').click();
    await page.getByTestId('patrol-form').waitFor();
    const before = await villagePatrols();

    await ctx.setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    const requestId = (await page.getByTestId('patrol-form').getAttribute('data-request-id'))!;
    await page.getByTestId('patrol-households').fill('23');
    await page.getByTestId('patrol-result').getByText('无异常（零报告）').click();
    await page.getByTestId('patrol-submit').click();
    await page.locator('[data-testid=outbox-badge][data-count="1"]').waitFor();
    // The form is free for the next patrol, with a new requestId.
    expect(await page.getByTestId('patrol-form').getAttribute('data-request-id')).not.toBe(requestId);
    expect(await page.getByTestId('patrol-error').count()).toBe(0);

    const uid = (await adminAuth().getUserByEmail(DEMO_ACCOUNTS.find((a) => a.key === 'grid')!.email)).uid;
    const patrolId = caseIdFor(G.slice(0, 6), `patrol:${uid}`, requestId);
    expect((await adminDb().doc(`patrols/${patrolId}`).get()).exists).toBe(false);

    // Signal again, but the answer is lost: the server logs the patrol, the phone hears nothing.
    const emu = (await (await fetch(`${CONSOLE_URL}/__/fengqiao/emulators.json`)).json()) as { functions: number };
    const functionsCall = (url: URL) => url.port === String(emu.functions) && url.pathname.endsWith('/recordPatrol');
    let delivered = 0;
    await ctx.route(functionsCall, async (r) => {
      if (r.request().method() === 'POST') {
        await r.fetch();
        delivered++;
        return r.abort('internetdisconnected');
      }
      return r.continue();
    });
    await ctx.setOffline(false);
    await expect.poll(() => delivered, { timeout: 30_000 }).toBeGreaterThan(0);
    expect((await adminDb().doc(`patrols/${patrolId}`).get()).exists).toBe(true);
    await page.locator('[data-testid=outbox-badge][data-count="1"]').waitFor();

    // A clear line: the resend is answered `created: false`, the item leaves the outbox.
    await ctx.unroute(functionsCall);
    await ctx.setOffline(true);
    await ctx.setOffline(false);
    await page.getByTestId('outbox-badge').waitFor({ state: 'detached', timeout: 60_000 });

    const logs = await adminDb().collection('patrols').where('gridId', '==', G).where('workerUid', '==', uid).get();
    expect(logs.docs.filter((d) => d.id === patrolId)).toHaveLength(1);
    expect(await villagePatrols()).toBe(before + 1);
    const stored = (await adminDb().doc(`patrols/${patrolId}`).get()).data()!;
    expect(stored).toMatchObject({ householdsVisited: 23, zeroReport: true, gridId: G });
    // The grid's list shows it.
    await page.getByTestId('patrol-row').first().waitFor();
    await ctx.close();

    // The village sees its coverage: the grid has reported today.
    const vctx = await newContext(browser, 390, 844);
    const vpage = await signIn(vctx, 'village');
    await vpage.getByTestId('nav-patrol').click();
    const cov = vpage.getByTestId('patrol-coverage');
    await cov.waitFor();
    expect(Number(await cov.getAttribute('data-reported'))).toBeGreaterThan(0);
    expect(await vpage.locator(`[data-testid=patrol-missing] [data-grid="${G}"]`).count()).toBe(0);
    const { scrollWidth, clientWidth } = await vpage.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await vctx.close();
  });
});
