// The 研判 flow end to end in a real browser (issue 15): county staff find a cluster signal on
// #/signals, take it into a new 专题研判 through the meeting form (纳入研判 → 新建研判: the form opens
// with the signal picked in its signal picker, shown by kind and summary), record minutes and a
// decision for the police station, print the minutes (A4) and export the year's meetings, then issue
// a 预警提示单 from the meeting through the notice form; the station's officer finds it in the
// department desk's notices tab, signs (签收) and reports back (反馈). Own data: three consumer
// disputes in a village no other test reports in; every locator scoped to this test's signal,
// meeting and notice.
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
const TITLE = `团购退款纠纷专题研判${s}`;
const PARTY = '研判流程测试人';
const RISK = `团购平台退款纠纷可能引发群体聚集${s}`;
let signalId = '';

beforeAll(async () => {
  browser = await launch();
  town = await signInAs('town');
  for (let i = 0; i < 3; i++) {
    const { caseId } = await town.call<{ caseId: string }>('reportCase', {
      requestId: requestId(),
      gridId: '621126100009001',
      category: 'consumer',
      title: `社区团购无法退款${s}第${i}起`,
      description: '居民反映团购商品未到货无法退款',
      parties: [{ role: 'applicant', name: PARTY, phone: '13700009876', idNumber: null, address: null }],
    });
    ids.push(caseId);
  }
  await run(process.execPath, ['bin/fengqiao.mjs', 'signals', 'run', '--at', new Date(Date.now() + 60_000).toISOString()], {
    env: { ...process.env, METADATA_SERVER_DETECTION: 'none' },
  });
  const all = await adminDb().collection('signals').get();
  signalId = all.docs
    .map((d) => d.data() as { id: string; kind: string; scope: { level: string }; evidence: { caseId: string }[] })
    .find((x) => x.kind === 'cluster' && x.scope.level === 'village' && ids.every((id) => x.evidence.some((e) => e.caseId === id)))!.id;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await closeAdmin();
});

describe('研判 flow: county staff and the department officer', () => {
  it('signal → new 研判 through the form → decision → minutes printed → notice through the form → 签收 and 反馈', async () => {
    const page = await signIn(await newContext(browser), 'county');
    await page.goto(`${CONSOLE_URL}/#/signals`);
    const sig = page.locator(`[data-testid=signal][data-signal-id="${signalId}"]`);
    await sig.waitFor({ timeout: 30_000 });
    expect(await sig.getAttribute('data-state')).toBe('open');
    const summary = (await sig.getByTestId('signal-summary').textContent()) ?? '';

    // 纳入研判 → 新建研判: the meeting form opens with this signal picked.
    await sig.getByTestId('signal-judge').click();
    await page.locator('.ant-modal').getByTestId('signal-new-meeting').click();
    const form = page.getByTestId('mt-form');
    await form.waitFor({ timeout: 30_000 });
    const picker = form.getByTestId('mt-signal-pick');
    await picker.locator('.ant-select-selection-item', { hasText: '矛盾聚集' }).waitFor();
    // The picker lists it by kind and summary, picked; no person anywhere.
    await picker.click();
    const option = page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) [data-signal-id="${signalId}"]`);
    await option.waitFor();
    expect(await option.textContent()).toBe(`矛盾聚集：${summary.trim()}`);
    expect(
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-selected')
        .filter({ has: page.locator(`[data-signal-id="${signalId}"]`) })
        .count(),
    ).toBe(1);
    await page.keyboard.press('Escape');
    expect(await page.locator('body').textContent()).not.toContain(PARTY);

    await form.getByTestId('mt-title').fill(TITLE);
    await pick(page, 'mt-staff', '张伟', form);
    await page.keyboard.press('Escape');
    await pick(page, 'mt-depts', '岷阳派出所', form);
    await page.keyboard.press('Escape');
    await form.getByTestId('mt-save').click();

    const card = page.locator(`[data-testid=meeting][data-title="${TITLE}"]`);
    await card.waitFor({ timeout: 30_000 });
    const meetingId = (await card.getAttribute('data-meeting-id'))!;
    await card.locator(`[data-testid=agenda-item][data-kind=signal][data-ref="${signalId}"]`).waitFor();
    expect(await page.evaluate(() => location.hash)).toBe('#/meetings');
    const stored = (await adminDb().collection('signals').doc(signalId).get()).data()!;
    expect(stored.state).toBe('in_analysis');
    expect(stored.handling.analysisId).toBe(meetingId);

    // Minutes and a decision for the station.
    await card.getByTestId('meeting-close').click();
    const close = card.getByTestId('mt-close-form');
    await close.getByTestId('mt-minutes').fill('研判认为团购退款纠纷有聚集风险，由岷阳派出所加强巡查，镇村做好解释疏导。');
    await close.getByTestId('mt-decision-text').fill(`加强团购自提点周边巡查${s}`);
    await pick(page, 'mt-decision-owner', '岷阳派出所', close);
    const due = addDays(localDate(new Date()), 7);
    await close.getByTestId('mt-decision-due').fill(due);
    await close.getByTestId('mt-close-ok').click();
    await page.locator(`[data-testid=meeting][data-meeting-id="${meetingId}"][data-state=closed]`).waitFor({ timeout: 30_000 });

    // The year's meetings as CSV (a download named by unit and year).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('mt-export').click()]);
    expect(download.suggestedFilename()).toBe(`研判会议记录_岷县_${localDate(new Date()).slice(0, 4)}.csv`);

    // The minutes on A4: kind, participants by name, title and unit, agenda, minutes, decision.
    await card.getByTestId('meeting-print').click();
    const sheet = page.getByTestId('meeting-sheet');
    await sheet.waitFor({ timeout: 30_000 });
    expect(await sheet.locator('h1').textContent()).toBe('专题研判纪要');
    expect(await page.getByTestId('meeting-sheet-title').textContent()).toBe(TITLE);
    expect(await page.getByTestId('meeting-sheet-unit').textContent()).toBe('岷县');
    const people = (await page.getByTestId('meeting-sheet-participants').textContent()) ?? '';
    expect(people).toContain('张伟 · 岷阳镇综治中心主任 · 岷阳镇');
    expect(people).toContain('岷阳派出所');
    expect(await page.getByTestId('meeting-sheet-agenda').textContent()).toContain(`【风险信号】矛盾聚集：${summary.trim()}`);
    expect(await page.getByTestId('meeting-sheet-minutes').textContent()).toContain('团购退款纠纷有聚集风险');
    const [y, mo, d] = due.split('-');
    expect(await page.getByTestId('meeting-sheet-decisions').textContent()).toContain(
      `加强团购自提点周边巡查${s}（承办：岷阳派出所；期限：${y}年${Number(mo)}月${Number(d)}日）`,
    );
    const sheetText = (await sheet.textContent()) ?? '';
    expect(sheetText).not.toContain(PARTY);
    const uid = (await adminDb().collection('meetings').doc(meetingId).get()).get('participants.0.id') as string;
    expect(sheetText).not.toContain(uid);

    // A 预警提示单 from the meeting, through the notice form, to the station.
    await page.goto(`${CONSOLE_URL}/#/meetings`);
    await card.getByTestId('meeting-notice').click();
    const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('notice-form') });
    await dialog.getByTestId('notice-from-meeting').waitFor();
    expect(await dialog.getByTestId('notice-from-meeting').textContent()).toContain(TITLE);
    await pick(page, 'notice-recipient', '岷阳派出所', dialog);
    await dialog.getByTestId('notice-risk-input').fill(RISK);
    await dialog.getByTestId('notice-measures-input').fill('加强自提点周边巡查，发现聚集苗头及时疏导并报告');
    const limit = dialog.getByTestId('notice-limit');
    await ((await limit.evaluate((el) => el.tagName)) === 'INPUT' ? limit : limit.locator('input')).fill('5');
    await dialog.getByTestId('notice-issue-ok').click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    const notices = await adminDb().collection('notices').where('source.meetingId', '==', meetingId).get();
    expect(notices.size).toBe(1);
    const notice = notices.docs[0]!.data() as { id: string; number: string; risk: string; recipient: { name: string }; limitDays: number };
    expect(notice).toMatchObject({ risk: RISK, recipient: { name: '岷阳派出所' }, limitDays: 5 });

    // The station's officer: the desk's notices tab, 签收, 反馈.
    const police = await signIn(await newContext(browser), 'police');
    await police.goto(`${CONSOLE_URL}/#/department`);
    await police.getByTestId('dept-tab-notices').click();
    const nc = police.locator(`[data-testid=notice][data-notice-id="${notice.id}"]`);
    await nc.waitFor({ timeout: 30_000 });
    expect(await nc.getByTestId('notice-number').textContent()).toBe(notice.number);
    expect(await nc.getByTestId('notice-risk').textContent()).toContain(RISK);
    await nc.getByTestId('notice-sign').click();
    await police.locator(`[data-testid=notice][data-notice-id="${notice.id}"][data-state=signed]`).waitFor({ timeout: 30_000 });
    await nc.getByTestId('notice-feedback').click();
    const fb = police.locator('.ant-modal').filter({ has: police.getByTestId('notice-form-text') });
    await fb.getByTestId('notice-form-text').fill('已在三个自提点加派巡逻，平台承诺三日内退款');
    await fb.getByTestId('notice-form-ok').click();
    await police.locator(`[data-testid=notice][data-notice-id="${notice.id}"][data-state=answered]`).waitFor({ timeout: 30_000 });
    expect(await nc.getByTestId('notice-answer').textContent()).toContain('已在三个自提点加派巡逻');

    // The county sees the answer on its own list (live).
    await page.goto(`${CONSOLE_URL}/#/signals`);
    await page.locator(`[data-testid=notice][data-notice-id="${notice.id}"][data-state=answered]`).waitFor({ timeout: 30_000 });
  });
});
