// An administrator moves a signed-in user to another village: the server changes the custom
// claims, signals userMeta/{uid}, and the open console refreshes its token and re-scopes its
// board — no reload, no sign-out.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminDb, closeAdmin, signInAs } from '../helpers/emulator';
import { CONSOLE_URL, launch, newContext } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await closeAdmin();
});

it("re-scopes an open console when an administrator changes the user's scope", async () => {
  const admin = await signInAs('admin');
  const email = `move${Date.now().toString(36)}@test.fengqiao.cn`;
  const { uid } = await admin.call<{ uid: string }>('upsertUser', {
    email,
    password: 'Passw0rd!x',
    displayName: '调动测试',
    role: 'village_staff',
    scopeId: '621126100001',
  });

  const page = await (await newContext(browser)).newPage();
  await page.goto(`${CONSOLE_URL}/#/`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill('Passw0rd!x');
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid=header-unit][data-unit="621126100001"]').waitFor();
  await page.getByTestId('case-list').and(page.locator('[data-state=ready]')).waitFor();

  await admin.call('upsertUser', { uid, email, displayName: '调动测试', role: 'village_staff', scopeId: '621126100002' });
  await page.locator('[data-testid=header-unit][data-unit="621126100002"]').waitFor({ timeout: 20_000 });
  // Every row comes to be a case the new village has a relation to (its accessUnits, what the
  // board queries: a case of another village can belong to it too, e.g. one referred to it by an
  // earlier test). The header can show the new unit a moment before the board's listener has
  // moved, so wait for the rows.
  const rowsOutsideNewScope = async () => {
    await page.getByTestId('case-list').and(page.locator('[data-state=ready]')).waitFor();
    const ids = await page.getByTestId('case-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id')));
    const units = await Promise.all(
      ids.map(async (id) => ((await adminDb().doc(`cases/${id}`).get()).get('accessUnits') ?? []) as string[]),
    );
    return { rows: ids.length, outside: units.filter((u) => !u.includes('621126100002')).length };
  };
  await expect.poll(async () => (await rowsOutsideNewScope()).outside, { timeout: 20_000, interval: 500 }).toBe(0);
  // The seed has cases in the new village, so the board is not merely empty.
  expect((await rowsOutsideNewScope()).rows).toBeGreaterThan(0);
  await expect(page.getByTestId('board-error').count()).resolves.toBe(0);
});
