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
  // Every row comes to belong to the new village (the board is live on the new scope). The header
  // can show the new unit a moment before the board's listener has moved, so wait for the rows.
  const villagesOnBoard = async () => {
    await page.getByTestId('case-list').and(page.locator('[data-state=ready]')).waitFor();
    const ids = await page.getByTestId('case-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-id')));
    const villages = await Promise.all(ids.map(async (id) => (await adminDb().doc(`cases/${id}`).get()).get('villageId')));
    return [...new Set(villages)].join(',');
  };
  await expect.poll(villagesOnBoard, { timeout: 20_000, interval: 500 }).toBe('621126100002');
  await expect(page.getByTestId('board-error').count()).resolves.toBe(0);
});
