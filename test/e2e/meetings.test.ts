// 研判 · 会议 in a real browser, as county staff: a new 专题研判 with a participant picked from the
// staff directory by name and a department; a cluster signal taken into it from the signals page
// (纳入研判); the drafted agenda shows it; minutes and a decision for 岷阳镇 close the meeting; the
// task shows with its clock; the dashboard's 研判 panel counts; then the town (the owner) replies
// from its own 研判 page. Every locator is scoped to this test's own meeting, signal and task.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../functions/src/domain';
import { type Client, adminDb, closeAdmin, requestId, signInAs } from '../helpers/emulator';
import { CONSOLE_URL, launch, newContext, signIn } from './browser';
import { pick, stamp } from './console';

const run = promisify(execFile);
let browser: Browser;
let town: Client;
const ids: string[] = [];
const s = stamp();
const TITLE = `预付卡纠纷县级研判${s}`;
const PARTY = '研判页面测试人';
let signalId = '';

beforeAll(async () => {
  browser = await launch();
  town = await signInAs('town');
  for (let i = 0; i < 3; i++) {
    const { caseId } = await town.call<{ caseId: string }>('reportCase', {
      requestId: requestId(),
      gridId: '621126100006001',
      category: 'consumer',
      title: `健身房预付卡退费${s}第${i}起`,
      description: '居民反映健身房关门无法退费',
      parties: [{ role: 'applicant', name: PARTY, phone: '13700005678', idNumber: null, address: null }],
    });
    ids.push(caseId);
  }
  await run(process.execPath, ['bin/fengqiao.mjs', 'signals', 'run', '--at', new Date(Date.now() + 60_000).toISOString()], {
    env: { ...process.env, METADATA_SERVER_DETECTION: 'none' },
  });
  const all = await adminDb().collection('signals').get();
  signalId = all.docs
    .map((d) => d.data() as { id: string; kind: string; evidence: { caseId: string }[] })
    .find((x) => x.kind === 'cluster' && ids.every((id) => x.evidence.some((e) => e.caseId === id)))!.id;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await closeAdmin();
});

describe('研判 · 会议', () => {
  it('county staff hold a 研判: participants, a signal taken in, minutes and a decision; the town replies', async () => {
    const page = await signIn(await newContext(browser), 'county');
    await page.goto(`${CONSOLE_URL}/#/meetings`);
    await page.getByTestId('mt-new').click();
    const form = page.getByTestId('mt-form');
    await form.waitFor();
    await form.getByTestId('mt-title').fill(TITLE);
    await pick(page, 'mt-staff', '张伟', form);
    await page.keyboard.press('Escape');
    await pick(page, 'mt-depts', '县信访局', form);
    await page.keyboard.press('Escape');
    await form.getByTestId('mt-save').click();

    const card = page.locator(`[data-testid=meeting][data-title="${TITLE}"]`);
    await card.waitFor({ timeout: 30_000 });
    const meetingId = (await card.getAttribute('data-meeting-id'))!;
    const people = (await card.getByTestId('meeting-participants').textContent()) ?? '';
    expect(people).toContain('张伟 · 岷阳镇综治中心主任 · 岷阳镇');
    expect(people).toContain('县信访局');
    const uid = (await adminDb().collection('meetings').doc(meetingId).get()).get('participants.0.id') as string;
    expect(await page.locator('body').textContent()).not.toContain(uid);
    await card.getByTestId('agenda-counts').waitFor();

    // 纳入研判 from the signals page.
    await page.goto(`${CONSOLE_URL}/#/signals`);
    const sig = page.locator(`[data-testid=signal][data-signal-id="${signalId}"]`);
    await sig.waitFor({ timeout: 30_000 });
    await sig.getByTestId('signal-judge').click();
    await pick(page, 'signal-judge-meeting', TITLE);
    await page.getByTestId('signal-judge-ok').click();
    await page.locator(`[data-testid=signal][data-signal-id="${signalId}"][data-state=in_analysis]`).waitFor();

    // The agenda lists it first; no party anywhere.
    await page.goto(`${CONSOLE_URL}/#/meetings`);
    await card.locator(`[data-testid=agenda-item][data-ref="${signalId}"]`).waitFor({ timeout: 30_000 });
    expect(await page.locator('body').textContent()).not.toContain(PARTY);

    // Minutes and a decision for 岷阳镇.
    await card.getByTestId('meeting-close').click();
    const close = card.getByTestId('mt-close-form');
    await close.getByTestId('mt-minutes').fill('研判认为预付卡纠纷有扩大风险，由岷阳镇牵头化解。');
    await close.getByTestId('mt-decision-text').fill(`逐户登记退费诉求${s}`);
    await pick(page, 'mt-decision-owner', '岷阳镇', close);
    await close.getByTestId('mt-decision-due').fill(addDays(localDate(new Date()), 7));
    await close.getByTestId('mt-close-ok').click();
    await page.locator(`[data-testid=meeting][data-meeting-id="${meetingId}"][data-state=closed]`).waitFor({ timeout: 30_000 });
    expect(await card.getByTestId('meeting-decisions').textContent()).toContain(`逐户登记退费诉求${s}`);

    // The task with its clock; the county is not its owner (no reply form).
    await page.getByTestId('mt-tab-tasks').click();
    const taskCard = page.locator(`[data-testid=mt-task][data-task-id="${meetingId}-01"]`);
    await taskCard.waitFor({ timeout: 30_000 });
    expect(await taskCard.getAttribute('data-state')).toBe('open');
    expect(await taskCard.textContent()).toContain('承办：岷阳镇');
    expect(await taskCard.getByTestId('mt-task-reply-send').count()).toBe(0);

    // The dashboard's 研判 panel: counts only.
    await page.goto(`${CONSOLE_URL}/#/dashboard`);
    const panel = page.getByTestId('dash-meetings');
    await panel.waitFor({ timeout: 30_000 });
    // Counted when asked for (outside the first load's read budget).
    await panel.getByTestId('dash-mt-count').click();
    await page.locator('[data-testid=dash-meetings][data-state=ready]').waitFor();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=dash-mt-week]')?.getAttribute('data-value') || 0) >= 1);

    // The town (owner) replies from its own 研判 page.
    const townPage = await signIn(await newContext(browser), 'town');
    await townPage.goto(`${CONSOLE_URL}/#/meetings`);
    await townPage.getByTestId('mt-tab-tasks').click();
    const mine = townPage.locator(`[data-testid=mt-task][data-task-id="${meetingId}-01"]`);
    await mine.waitFor({ timeout: 30_000 });
    await mine.getByTestId('mt-task-reply-text').fill('已逐户登记，商家承诺分期退费');
    await mine.getByTestId('mt-task-reply-send').click();
    await townPage.locator(`[data-testid=mt-task][data-task-id="${meetingId}-01"][data-state=replied]`).waitFor({ timeout: 30_000 });
    expect(await mine.getByTestId('mt-task-reply').textContent()).toContain('已逐户登记');
  });
});
