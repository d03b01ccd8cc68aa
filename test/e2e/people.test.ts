// Names, never IDs: a town's staff member assigns a handler by typing part of a name (or a unit)
// in the person picker, and the case names the handler; an administrator resets a forgotten
// password from the users page, which shows names and unit names, never account or region codes.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../functions/src/seed/demo-county';
import { adminAuth, adminDb, closeAdmin, requestId, signInAs, signInWith } from '../helpers/emulator';
import { CONSOLE_URL, launch, newContext, screenshot, signIn } from './browser';
import { act, detailIn, settle, stamp } from './console';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await closeAdmin();
});

const uidOf = async (key: string) => (await adminAuth().getUserByEmail(DEMO_ACCOUNTS.find((a) => a.key === key)!.email)).uid;
const openOptions = '.ant-select-dropdown:not(.ant-select-dropdown-hidden) [data-testid=staff-option]';

describe('the person picker', () => {
  it('a town staff member finds the handler by part of a name or a unit, and the case names them', async () => {
    const town = await signInAs('town');
    const { caseId } = await town.call<{ caseId: string }>('reportCase', {
      requestId: requestId(),
      gridId: '621126100001001',
      category: 'neighbour',
      source: 'walk_in',
      title: `院墙滴水纠纷${stamp()}`,
      description: '两户因院墙屋檐滴水发生争执，来镇综治中心请求调处。',
      parties: [{ role: 'applicant', name: '牛志强', phone: null, idNumber: null, address: null }],
    });
    const version = async () => (await adminDb().collection('cases').doc(caseId).get()).get('version') as number;
    await town.call('caseAction', { caseId, expectedVersion: await version(), command: { action: 'accept' } });
    const [mediatorUid, villageUid, townUid] = await Promise.all([uidOf('mediator'), uidOf('village'), uidOf('town')]);

    const page = await signIn(await newContext(browser), 'town');
    await page.goto(`${CONSOLE_URL}/#/cases/${caseId}`);
    await detailIn(page, caseId, 'accepted', 'town').waitFor();
    await act(page, 'assign_handler', async (form) => {
      const field = form.getByTestId('action-field-handlerUid');
      // Nothing asks for an account ID.
      expect(await form.textContent()).not.toContain('UID');
      // Yourself by default, shown by name.
      await field.filter({ hasText: '张伟' }).waitFor();
      await field.click();
      // By unit: typing 城郊 offers the village's people (name · title · unit), not the town's.
      await page.keyboard.type('城郊');
      await page.locator(openOptions, { hasText: '杨军' }).waitFor();
      const byUnit = await page.locator(openOptions).evaluateAll((els) => els.map((e) => e.getAttribute('data-uid')));
      expect(byUnit).toContain(villageUid);
      expect(byUnit).not.toContain(townUid);
      expect(await page.locator(openOptions, { hasText: '杨军' }).textContent()).toBe('杨军 · 城郊村调解委员会主任 · 城郊村');
      // By part of a name: 德明 → 朱德明, the mediator.
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('德明');
      await page.locator(openOptions, { hasText: '朱德明' }).waitFor();
      expect(await page.locator(openOptions).count()).toBe(1);
      await settle(page);
      await screenshot(page, 'person-picker');
      await page.keyboard.press('Enter');
      await field.filter({ hasText: '朱德明' }).waitFor();
    });
    // The case names its handler; its history names whom the action named.
    await detailIn(page, caseId, 'in_progress', 'town').waitFor();
    expect((await adminDb().collection('cases').doc(caseId).get()).get('handlerUid')).toBe(mediatorUid);
    await page.getByTestId('case-handler').filter({ hasText: '朱德明' }).waitFor();
    await page.locator('[data-testid=case-event][data-action=assign_handler] [data-testid=event-person]', { hasText: '朱德明' }).waitFor();
    const text = (await page.locator('body').textContent()) ?? '';
    for (const uid of [mediatorUid, townUid]) expect(text).not.toContain(uid);
    await page.context().close();
  });
});

describe('administrator users page', () => {
  it('shows names and unit names, and resets a forgotten password', async () => {
    const admin = await signInAs('admin');
    const email = `r${Date.now().toString(36)}@test.fengqiao.cn`;
    const { uid } = await admin.call<{ uid: string }>('upsertUser', {
      email,
      password: 'Forgotten1pw',
      displayName: `丁一${stamp()}`,
      role: 'village_staff',
      scopeId: '621126100003',
      title: '综治专干',
    });

    const page = await signIn(await newContext(browser), 'admin');
    await page.getByTestId('nav-admin').click();
    const row = page.locator(`[data-testid=user-row][data-uid="${uid}"]`);
    await row.waitFor();
    // Unit by name; no region code, no account ID on the page.
    expect(await row.textContent()).toContain('西街社区');
    expect(await row.textContent()).not.toContain('621126100003');
    expect((await page.getByTestId('users-table').textContent()) ?? '').not.toContain(uid);
    // The administrator's own row has no reset (they change their own password signed in).
    expect(await page.locator(`[data-testid=user-row][data-uid="${admin.uid}"] [data-testid=user-reset-password]`).count()).toBe(0);

    await row.getByTestId('user-reset-password').click();
    const form = page.getByTestId('reset-password-form');
    await form.waitFor();
    const temporary = 'Temp0rary2026';
    await form.getByTestId('reset-password-input').fill(temporary);
    await form.getByTestId('reset-password-submit').click();
    await page.getByTestId('reset-password-done').waitFor();
    expect(await page.getByTestId('reset-password-value').textContent()).toContain(temporary);
    await settle(page);
    await screenshot(page, 'admin-reset-password');
    await page.getByTestId('reset-password-close').click();

    // The staff member signs in with the temporary password; the forgotten one no longer works.
    expect((await signInWith(email, temporary)).uid).toBe(uid);
    await expect(signInWith(email, 'Forgotten1pw')).rejects.toThrow();
    await page.context().close();
  });
});
