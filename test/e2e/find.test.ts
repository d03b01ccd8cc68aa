// Find, print, follow (issue 12), in Chromium against the emulators, as the roles who meet it:
// staff find a case by a party's phone (another town's staff do not); the 受理回执 carries the
// case number and a QR code that decodes to the resident's tracking page; alerts come grouped
// per case with the badge's count; a resident picks a village by name and reads the handler's
// resolution note; a new resident signs in with a phone number and the emulator's SMS code.
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { FieldValue } from 'firebase-admin/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, PROJECT_ID, adminDb, closeAdmin, requestId, signInAs } from '../helpers/emulator';
import { CONSOLE_URL, launch, newContext, screenshot, signIn } from './browser';

let browser: Browser;
let grid: Client, village: Client;
const phone = `135${String(Date.now()).slice(-8)}`;
const title = `检索测试${String.fromCharCode(0x4e00 + (Date.now() % 5000))}漏水纠纷`;
let caseId = '';

beforeAll(async () => {
  browser = await launch();
  [grid, village] = await Promise.all(['grid', 'village'].map(signInAs));
  ({ caseId } = await grid.call<{ caseId: string }>('reportCase', {
    requestId: requestId(),
    gridId: '621126100001001',
    category: 'neighbour',
    title,
    description: '楼上漏水，两户发生争执，需调解',
    parties: [{ role: 'applicant', name: '检索甲', phone, idNumber: null, address: '城郊村5号' }],
  }));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await closeAdmin();
});

async function searchFor(page: Page, q: string) {
  await page.getByTestId('header-search').fill(q);
  await page.getByTestId('header-search').press('Enter');
  await page.locator('[data-testid=search-page][data-state=ready]').waitFor({ timeout: 30_000 });
}

describe('search (案件查询)', () => {
  it("finds the case by a party's phone for the village, and opens it", async () => {
    const page = await signIn(await newContext(browser), 'village');
    await searchFor(page, `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`);
    const hit = page.locator(`[data-testid=search-hit][data-case-id="${caseId}"]`);
    await expect(hit.textContent()).resolves.toContain(title);
    await expect(hit.getByTestId('search-unit').textContent()).resolves.toBe('城郊村第1网格');
    // No personal data in the results.
    await expect(page.getByTestId('search-list').textContent()).resolves.not.toContain(phone);
    await screenshot(page, 'search');
    await hit.getByTestId('search-open').click();
    await page.locator(`[data-testid=case-detail][data-case-id="${caseId}"]`).waitFor();
  });

  it("another town's staff do not find it, and a one-character query is refused in Chinese", async () => {
    const page = await signIn(await newContext(browser), 'town2');
    await searchFor(page, phone);
    await page.getByTestId('search-empty').waitFor();
    await expect(page.locator(`[data-testid=search-hit][data-case-id="${caseId}"]`).count()).resolves.toBe(0);
    await page.getByTestId('header-search').fill('漏');
    await page.getByTestId('header-search').press('Enter');
    await expect(page.getByTestId('search-invalid').textContent()).resolves.toMatch(/请至少输入2个字/);
  });
});

describe('printing', () => {
  it('the receipt shows the case number and a QR code that opens the resident tracking page', async () => {
    const page = await signIn(await newContext(browser), 'village');
    await page.goto(`${CONSOLE_URL}/#/cases/${encodeURIComponent(caseId)}`);
    await page.getByTestId('print-receipt').click();
    await expect(page.getByTestId('receipt-case-id').textContent()).resolves.toBe(caseId);
    const qr = page.getByTestId('receipt-qr');
    await qr.waitFor();
    // Decode the QR code as drawn on the page (a phone camera would read the same).
    const png = PNG.sync.read(await qr.screenshot());
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(code?.data).toBe(`${CONSOLE_URL}/#/my?case=${encodeURIComponent(caseId)}`);
    await screenshot(page, 'receipt');
    // The 登记表 shows the parties in full to the village, who handles the case.
    await page.getByTestId('print-other').click();
    const form = page.getByTestId('reg-form');
    await page.locator('[data-testid=reg-form][data-personal=full]').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('reg-form-parties').textContent()).resolves.toContain(phone);
    // Printing uses the A4 sheet only: header and menu are hidden in print media.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.shell-header').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('print-button').isVisible()).resolves.toBe(false);
    await expect(form.isVisible()).resolves.toBe(true);
  });
});

describe('alerts', () => {
  it('groups alerts per case with its title and link, and the badge counts what the page counts', async () => {
    // The newest of the village's alerts: other suites' sweeps run at later instants and leave
    // alerts dated after today, and the feed reads the latest ones first.
    const newest = Date.UTC(2099, 0, 1);
    const base = {
      countyId: '621126',
      kind: 'case_reported',
      severity: 'warning',
      recipientUnit: '621126100001',
      recipientUid: null,
      recipientDept: null,
      readBy: [],
    };
    for (const [i, body] of ['第一条', '第二条'].entries()) {
      const id = `find-${caseId}-${i}`;
      await adminDb()
        .doc(`alerts/${id}`)
        .set({ ...base, id, caseId, title: `${title}：提醒${body}`, body, createdAt: new Date(newest + i) });
    }
    // From a known state: the village account's earlier alerts (the demo seed's sweeps, other
    // suites) are marked read, so the badge and the page both count below their limits.
    const earlier = await adminDb().collection('alerts').where('recipientUnit', '==', '621126100001').get();
    for (let i = 0; i < earlier.docs.length; i += 400) {
      const batch = adminDb().batch();
      for (const d of earlier.docs.slice(i, i + 400))
        if (!d.id.startsWith(`find-${caseId}-`)) batch.update(d.ref, { readBy: FieldValue.arrayUnion(village.uid) });
      await batch.commit();
    }
    const page = await signIn(await newContext(browser), 'village');
    await page.getByTestId('nav-alerts').click();
    await page.locator('[data-testid=alerts-page][data-state=ready]').waitFor();
    const group = page.locator(`[data-testid=alert-group][data-case-id="${caseId}"]`);
    await expect(group.getByTestId('alert-item').count()).resolves.toBe(2);
    // The group names the case by its title (read from the case).
    await group.getByTestId('alert-group-open').filter({ hasText: title }).waitFor({ timeout: 30_000 });
    await expect(group.getByTestId('alert-group-open').textContent()).resolves.toBe(title);
    await expect(group.getByTestId('alert-group-open').getAttribute('href')).resolves.toBe(`#/cases/${encodeURIComponent(caseId)}`);
    const counts = async () => ({
      badge: await page.getByTestId('alerts-badge').getAttribute('data-count'),
      page: await page.getByTestId('alerts-unread-count').getAttribute('data-count'),
    });
    const before = await counts();
    expect(before.badge).toBe(before.page);
    await group.getByTestId('alert-mark-read').first().click();
    // The group drops to one unread; the badge and the page agree again (alerts of other work may
    // arrive meanwhile, so the totals are compared with each other, not with a fixed number).
    await page.locator(`[data-testid=alert-group][data-case-id="${caseId}"][data-unread="1"]`).waitFor();
    await page.waitForFunction(() => {
      const badge = document.querySelector('[data-testid=alerts-badge]')?.getAttribute('data-count');
      const list = document.querySelector('[data-testid=alerts-unread-count]')?.getAttribute('data-count');
      return badge != null && badge === list;
    });
    await expect(group.getAttribute('data-unread')).resolves.toBe('1');
  });
});

describe('desktop notifications', () => {
  it('asks for permission only on a click, then shows critical alerts that arrive while the console is open', async () => {
    const ctx = await newContext(browser);
    await ctx.grantPermissions(['notifications'], { origin: CONSOLE_URL });
    // Record what the page asks of the browser's Notification API (the real one still runs).
    await ctx.addInitScript(() => {
      const w = window as unknown as { __asked: number; __shown: string[]; Notification: typeof Notification };
      w.__asked = 0;
      w.__shown = [];
      const Real = w.Notification;
      class Recorded extends Real {
        constructor(title: string, opts?: NotificationOptions) {
          super(title, opts);
          w.__shown.push(title);
        }
        static override requestPermission() {
          w.__asked++;
          return Real.requestPermission();
        }
        static override get permission() {
          return w.__asked > 0 ? Real.permission : 'default';
        }
      }
      w.Notification = Recorded;
    });
    const page = await signIn(ctx, 'village');
    await page.getByTestId('nav-alerts').click();
    await page.locator('[data-testid=alerts-page][data-state=ready]').waitFor();
    expect(await page.evaluate(() => (window as unknown as { __asked: number }).__asked)).toBe(0);
    await page.getByTestId('notify-enable').click();
    await page.getByTestId('notify-on').waitFor();
    expect(await page.evaluate(() => (window as unknown as { __asked: number }).__asked)).toBe(1);
    const id = `find-critical-${Date.now()}`;
    await adminDb()
      .doc(`alerts/${id}`)
      .set({
        id,
        countyId: '621126',
        caseId,
        kind: 'deadline_breach',
        severity: 'critical',
        recipientUnit: '621126100001',
        recipientUid: null,
        recipientDept: null,
        title: `${title}：受理时限已逾期`,
        body: '请尽快处理',
        createdAt: new Date(Date.UTC(2099, 0, 2)), // the newest (see above)
        readBy: [],
      });
    await page.waitForFunction((t) => (window as unknown as { __shown: string[] }).__shown.includes(t), `${title}：受理时限已逾期`, {
      timeout: 30_000,
    });
  });
});

describe('resident', () => {
  it('picks a village by name and reads the resolution note on their request', async () => {
    const page = await signIn(await newContext(browser), 'resident');
    await page.goto(`${CONSOLE_URL}/#/my/new`);
    await page.getByTestId('report-form').waitFor();
    // Town and village by name; no grid to choose.
    await page.getByTestId('report-town').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '岷阳镇' }).click();
    // The village list loads once the town is chosen (the select is disabled until then).
    await page.locator('[data-testid=report-village][data-state=ready]').waitFor();
    await page.getByTestId('report-village').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '城郊村' }).click();
    await expect(page.getByTestId('report-grid').count()).resolves.toBe(0);
    await page.getByTestId('report-category').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '邻里' }).click();
    const myTitle = `居民诉求${Date.now().toString(36)}`;
    await page.getByTestId('report-title').fill(myTitle);
    await page.getByTestId('report-description').fill('邻居装修噪音影响休息，希望调解');
    await page.getByTestId('report-party-name-0').fill('胡秀英');
    await page.getByTestId('report-submit').click();
    const card = page.locator('[data-testid=request-card]', { hasText: myTitle });
    await card.waitFor({ timeout: 30_000 });
    const id = (await card.getAttribute('data-case-id'))!;
    expect((await adminDb().doc(`cases/${id}`).get()).get('villageId')).toBe('621126100001');

    // The village accepts and resolves it with a note; the resident reads the note.
    const v = async () => (await adminDb().doc(`cases/${id}`).get()).get('version') as number;
    await village.call('caseAction', { caseId: id, expectedVersion: await v(), command: { action: 'accept' } });
    const note = '已上门协调，双方约定装修时间为工作日8点至18点';
    await village.call('caseAction', {
      caseId: id,
      expectedVersion: await v(),
      command: { action: 'resolve', outcome: 'explained', note },
    });
    await expect(card.getByTestId('request-resolution-note').textContent({ timeout: 30_000 })).resolves.toContain(note);
  });

  it('signs in with a phone number and the SMS code, and becomes a resident', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const hosts = new Set<string>();
    page.on('request', (r) => hosts.add(new URL(r.url()).hostname));
    await page.goto(`${CONSOLE_URL}/#/my?case=${encodeURIComponent(caseId)}`);
    await page.getByTestId('login-method-phone').click();
    const mobile = `134${String(Date.now()).slice(-8)}`;
    await page.getByTestId('phone-number').fill(mobile);
    await page.getByTestId('phone-send').click();
    await page.getByTestId('phone-code').waitFor();
    // The SMS, as the Auth emulator keeps it.
    const auth = process.env.FIREBASE_AUTH_EMULATOR_HOST!;
    const codes = (await (await fetch(`http://${auth}/emulator/v1/projects/${PROJECT_ID}/verificationCodes`)).json()) as {
      verificationCodes: { phoneNumber: string; code: string }[];
    };
    const code = codes.verificationCodes.filter((c) => c.phoneNumber === `+86${mobile}`).at(-1)!.code;
    await page.getByTestId('phone-code').fill(code);
    await page.getByTestId('phone-confirm').click();
    await page.getByTestId('resident-register').waitFor({ timeout: 30_000 });
    await page.getByTestId('register-name').fill('手机居民');
    await page.getByTestId('register-submit').click();
    await page.locator('[data-testid=header-role][data-role=resident]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=my-requests][data-state=ready]').waitFor();
    // No reCAPTCHA (www.google.com) was contacted.
    expect([...hosts].filter((h) => /(^|\.)google\.com$|gstatic\.com$|recaptcha/.test(h))).toEqual([]);
  });
});
