// 一案一码 in Chromium against the emulators: the town's staff register a walk-in with the
// petitioner's phone and open the 受理回执; the QR code's address is opened in a fresh browser
// (the petitioner's phone), who signs in with that number and the SMS code and sees their case —
// and, later, the handler's resolution note. Someone with another number gets the refusal.
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRACK_REFUSAL } from '../../functions/src/domain';
import { type Client, PROJECT_ID, adminDb, closeAdmin, signInAs } from '../helpers/emulator';
import { CONSOLE_URL, launch, newContext, signIn } from './browser';
import { pick, stamp } from './console';

let browser: Browser;
let townApi: Client;
beforeAll(async () => {
  browser = await launch();
  townApi = await signInAs('town');
});
afterAll(async () => {
  await browser?.close();
  await closeAdmin();
});

const tail = () => String(Date.now()).slice(-8);

/** Phone sign-in as a person does it: the number, the SMS code (the Auth emulator keeps it), a name the first time. */
async function phoneSignIn(page: Page, mobile: string, name: string) {
  await page.getByTestId('login-method-phone').click();
  await page.getByTestId('phone-number').fill(mobile);
  await page.getByTestId('phone-send').click();
  await page.getByTestId('phone-code').waitFor();
  const auth = process.env.FIREBASE_AUTH_EMULATOR_HOST!;
  const codes = (await (await fetch(`http://${auth}/emulator/v1/projects/${PROJECT_ID}/verificationCodes`)).json()) as {
    verificationCodes: { phoneNumber: string; code: string }[];
  };
  const code = codes.verificationCodes.filter((c) => c.phoneNumber === `+86${mobile}`).at(-1)!.code;
  await page.getByTestId('phone-code').fill(code);
  await page.getByTestId('phone-confirm').click();
  await page.getByTestId('resident-register').waitFor({ timeout: 30_000 });
  await page.getByTestId('register-name').fill(name);
  await page.getByTestId('register-submit').click();
  await page.locator('[data-testid=header-role][data-role=resident]').waitFor({ timeout: 30_000 });
  await page.locator('[data-testid=my-requests][data-state=ready]').waitFor({ timeout: 30_000 });
}

describe('一案一码: a walk-in petitioner follows their case by the receipt’s QR code', () => {
  const mobile = `139${tail()}`;
  const title = `欠薪来访${stamp()}`;
  let caseId = '';
  let url = '';

  it('the town registers the walk-in with the petitioner’s phone and prints the receipt with its QR code', async () => {
    const town = await signIn(await newContext(browser), 'town');
    await town.getByTestId('nav-duty').click();
    await town.getByTestId('duty-tab-walkin').click();
    await town.getByTestId('walkin-form').waitFor();
    await pick(town, 'walkin-village', '城郊村');
    await pick(town, 'walkin-grid', '城郊村第1网格');
    await pick(town, 'walkin-category', '劳动争议');
    await town.getByTestId('walkin-title').fill(title);
    await town.getByTestId('walkin-description').fill('来访人反映在城郊村工地务工被拖欠工资三个月。');
    await town.getByTestId('walkin-name-0').fill('孙来访');
    await town.getByTestId('walkin-phone-0').fill(mobile);
    await town.getByTestId('walkin-submit').click();
    const done = town.getByTestId('walkin-done');
    await done.waitFor({ timeout: 30_000 });
    caseId = (await done.getAttribute('data-case-id'))!;
    await town.getByTestId('walkin-open-case').click();
    await town.getByTestId('print-receipt').click();
    await expect(town.getByTestId('receipt-case-id').textContent()).resolves.toBe(caseId);
    const qr = town.getByTestId('receipt-qr');
    await qr.waitFor();
    const png = PNG.sync.read(await qr.screenshot());
    url = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)!.data;
    expect(url).toBe(`${CONSOLE_URL}/#/my?case=${encodeURIComponent(caseId)}`);
    await town.context().close();
  });

  it('the petitioner scans it, signs in with that phone and the SMS code, and sees the case; later the resolution note', async () => {
    const page = await (await newContext(browser, 390, 844)).newPage();
    await page.goto(url);
    await phoneSignIn(page, mobile, '孙来访');
    const card = page.locator(`[data-testid=request-card][data-case-id="${caseId}"]`);
    await card.waitFor({ timeout: 30_000 });
    expect(await card.getAttribute('data-focused')).toBe('yes');
    expect(await card.getAttribute('data-state')).toBe('reported');
    await expect(card.textContent()).resolves.toContain(title);
    expect(await page.getByTestId('my-not-linked').count()).toBe(0);
    expect((await adminDb().doc(`cases/${caseId}`).get()).get('residentUid')).toBeTruthy();

    // The town accepts and resolves it with a note: the petitioner's page follows, live.
    const v = async () => (await adminDb().doc(`cases/${caseId}`).get()).get('version') as number;
    await townApi.call('caseAction', { caseId, expectedVersion: await v(), command: { action: 'accept' } });
    const note = '已约谈用工单位，承诺本月底前结清拖欠工资';
    await townApi.call('caseAction', { caseId, expectedVersion: await v(), command: { action: 'resolve', outcome: 'explained', note } });
    await expect(card.getByTestId('request-resolution-note').textContent({ timeout: 30_000 })).resolves.toContain(note);
    expect(await card.getAttribute('data-state')).toBe('resolved');

    // Opening the link again (a second scan) shows the same case, nothing else to do.
    await page.reload();
    await page.locator(`[data-testid=request-card][data-case-id="${caseId}"][data-focused=yes]`).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('my-not-linked').count()).toBe(0);
    await page.context().close();
  });

  it('someone signed in with another number is refused, in words that reveal nothing about the case', async () => {
    const page = await (await newContext(browser, 390, 844)).newPage();
    await page.goto(url);
    await phoneSignIn(page, `136${tail()}`, '周路人');
    const refusal = page.getByTestId('my-not-linked');
    await refusal.waitFor({ timeout: 30_000 });
    expect(await refusal.textContent()).toContain(TRACK_REFUSAL);
    expect(await page.locator(`[data-testid=request-card][data-case-id="${caseId}"]`).count()).toBe(0);
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain(title);
    expect(body).not.toContain('孙来访');
    await page.context().close();
  });
});
