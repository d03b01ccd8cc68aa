// 预警提示单 in a real browser, as the police station's officer: the town issues a notice to the
// station (its own data, a fresh number); the officer finds it in the department desk's notices tab
// with its number and limits, signs (签收), reports back (反馈) — the card follows live — and prints
// it as the formal A4 notice (title, number, recipient, risk, limit, issuing unit).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, adminDb, closeAdmin, requestId, signInAs } from '../helpers/emulator';
import { CONSOLE_URL, launch, newContext, signIn } from './browser';
import { stamp } from './console';

let browser: Browser;
let town: Client;
let notice: { noticeId: string; number: string };
const risk = `岷阳镇建筑工地欠薪聚集风险${stamp()}`;

beforeAll(async () => {
  browser = await launch();
  town = await signInAs('town');
  notice = await town.call<{ noticeId: string; number: string }>('issueNotice', {
    requestId: requestId(),
    recipient: { kind: 'department', id: '621126-police-minyang' },
    risk,
    measures: '加强工地周边巡逻，发现聚集苗头及时处置',
    limitDays: 3,
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await closeAdmin();
});

describe('预警提示单 · 部门', () => {
  it('the station officer sees the notice in the desk, signs it and reports back; then prints it', async () => {
    const page = await signIn(await newContext(browser), 'police');
    await page.goto(`${CONSOLE_URL}/#/department`);
    await page.getByTestId('dept-tab-notices').click();
    const card = page.locator(`[data-testid=notice][data-notice-id="${notice.noticeId}"]`);
    await card.waitFor({ timeout: 30_000 });
    expect(await card.getByTestId('notice-number').textContent()).toBe(notice.number);
    expect(await card.getByTestId('notice-risk').textContent()).toContain(risk);
    expect(await card.getAttribute('data-state')).toBe('issued');

    await card.getByTestId('notice-sign').click();
    await page.locator(`[data-testid=notice][data-notice-id="${notice.noticeId}"][data-state=signed]`).waitFor();
    expect(await card.getByTestId('notice-sign-due').textContent()).toContain('孙浩');

    await card.getByTestId('notice-feedback').click();
    const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('notice-form-text') });
    await dialog.getByTestId('notice-form-text').fill('已加强巡逻，约谈项目负责人，工资分批结清');
    await dialog.getByTestId('notice-form-ok').click();
    await page.locator(`[data-testid=notice][data-notice-id="${notice.noticeId}"][data-state=answered]`).waitFor();
    expect(await card.getByTestId('notice-answer').textContent()).toContain('已加强巡逻');
    const stored = (await adminDb().collection('notices').doc(notice.noticeId).get()).data()!;
    expect(stored).toMatchObject({ state: 'answered', signedBy: '孙浩', signedOnTime: true, answeredOnTime: true });

    await card.getByTestId('notice-print').click();
    const sheet = page.getByTestId('notice-sheet');
    await sheet.waitFor();
    const text = (await sheet.textContent()) ?? '';
    expect(text).toContain('预警提示单');
    expect(await page.getByTestId('notice-sheet-number').textContent()).toBe(notice.number);
    expect(await page.getByTestId('notice-sheet-to').textContent()).toContain('岷阳派出所');
    expect(text).toContain(risk);
    expect(await page.getByTestId('notice-sheet-issuer').textContent()).toContain('岷阳镇综治中心');
    expect(await page.getByTestId('notice-sheet-limit').textContent()).toContain('3天');
    await page.close();
  });
});
