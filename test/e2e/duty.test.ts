// Leader duty (领导接访) in real browsers: the roster month view with 国庆 and 调休 marked, today's
// receiving leader on the overview, a leader's leave approved by the administrator (both pages
// follow live), a walk-in received by the leader on duty, and the 督办 loop — the leader
// instructs, the village replies — watched live in a second context. Screenshots
// (FENGQIAO_SCREENSHOTS=1) go to docs/screenshots/.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Assignment, type RosterChange, addDays, dutyDateAt, effectiveRoster, localDate } from '../../functions/src/domain';
import { DEMO_ACCOUNTS } from '../../functions/src/seed/demo-county';
import { adminAuth, adminDb, closeAdmin } from '../helpers/emulator';
import { CONSOLE_URL, launch, newContext, screenshot, signIn } from './browser';
import { act, detailIn, pick, settle, stamp } from './console';

/** A screenshot (FENGQIAO_SCREENSHOTS=1) once the page is settled, with no focus ring left from the last click. */
async function shot(page: Page, name: string) {
  if (!process.env.FENGQIAO_SCREENSHOTS) return;
  await settle(page);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await screenshot(page, name);
}

const TOWN = '621126100';
const VILLAGE = '621126100001';
let browser: Browser;
let townLeaderUid: string;
beforeAll(async () => {
  browser = await launch();
  townLeaderUid = (await adminAuth().getUserByEmail(DEMO_ACCOUNTS.find((a) => a.key === 'town-leader')!.email)).uid;
});
afterAll(async () => {
  await browser?.close();
  await closeAdmin();
});

/** The effective roster of a unit (published versions with approved changes, in decision order), read with the Admin SDK. */
async function effective(unitId: string): Promise<Map<string, Assignment>> {
  const ref = adminDb().collection('rosters').doc(unitId);
  const versions = (await ref.collection('versions').get()).docs.map((d) => d.data() as { assignments: Assignment[] });
  const changes = (await ref.collection('changes').where('status', '==', 'approved').get()).docs
    .map((d) => d.data() as { decidedAt: FirebaseFirestore.Timestamp; effect: RosterChange[] })
    .sort((a, b) => a.decidedAt.toMillis() - b.decidedAt.toMillis());
  const days = effectiveRoster(
    versions.flatMap((v) => v.assignments).sort((a, b) => a.date.localeCompare(b.date)),
    changes.map((c) => c.effect),
  );
  return new Map(days.map((a) => [a.date, a]));
}

/** Opens the roster and steps month by month (the ‹ › buttons) until `month` is on screen. */
async function gotoMonth(page: Page, month: string) {
  for (let i = 0; i < 36; i++) {
    const roster = page.getByTestId('roster');
    await roster.waitFor();
    const shown = (await roster.getAttribute('data-month'))!;
    if (shown === month) break;
    await page.getByTestId(shown > month ? 'roster-prev' : 'roster-next').click();
    await page.locator(`[data-testid=roster]:not([data-month="${shown}"])`).waitFor();
  }
  await page.locator(`[data-testid=roster][data-month="${month}"][data-state=ready]`).waitFor();
}

const day = (page: Page, date: string) => page.locator(`[data-testid=roster-day][data-date="${date}"]`);

describe('leader duty (领导接访)', () => {
  it('the roster month view marks 国庆 and 调休 days, and who is on duty', async () => {
    // The administrator publishes October 2026 from the roster page if nothing covers it yet
    // (an overlapping period is refused: later changes are leave and swaps).
    const admin = await signIn(await newContext(browser), 'admin');
    await admin.goto(`${CONSOLE_URL}/#/duty/roster?unit=${TOWN}&month=2026-10`);
    await admin.locator('[data-testid=roster][data-month="2026-10"][data-state=ready]').waitFor();
    if ((await day(admin, '2026-10-01').getAttribute('data-duty')) === '') {
      expect(await admin.getByTestId('publish-from').inputValue()).toBe('2026-10-01');
      expect(await admin.getByTestId('publish-to').inputValue()).toBe('2026-10-31');
      await admin.getByTestId('publish-submit').click();
    }
    // Live: the published days fill in without a reload.
    await admin.locator('[data-testid=roster-day][data-date="2026-10-01"][data-duty=duty]').waitFor();
    await admin.context().close();

    // The town center's staff steps back to October from the current month.
    const town = await signIn(await newContext(browser), 'town');
    await town.getByTestId('nav-duty').click();
    await town.locator('[data-testid=roster][data-state=ready]').waitFor();
    expect(await town.getByTestId('roster').getAttribute('data-view')).toBe('full');
    await gotoMonth(town, '2026-10');
    expect(await town.getByTestId('roster-month-title').textContent()).toBe('2026年10月');

    // 国庆节: 1–7 October off (休), a duty leader each day; Saturday 10 October a 调休 working day (班) with a receiving leader.
    for (let d = 1; d <= 7; d++) {
      const cell = day(town, `2026-10-0${d}`);
      expect(await cell.getAttribute('data-kind')).toBe('holiday');
      expect(await cell.getAttribute('data-holiday')).toBe('国庆节');
      expect(await cell.textContent()).toContain('休');
      expect(await cell.getAttribute('data-duty')).toBe('duty');
      expect(await cell.getAttribute('data-leader')).not.toBe('');
    }
    const makeup = day(town, '2026-10-10');
    expect(await makeup.getAttribute('data-kind')).toBe('makeup_workday');
    expect(await makeup.textContent()).toContain('班');
    expect(await makeup.getAttribute('data-duty')).toBe('weekday');
    expect(await makeup.getAttribute('aria-label')).toContain('调休上班');
    // An ordinary Monday, for contrast.
    expect(await day(town, '2026-10-12').getAttribute('data-kind')).toBe('workday');

    // Choosing a day shows it in words.
    await day(town, '2026-10-01').click();
    const details = town.locator('[data-testid=roster-day-details][data-date="2026-10-01"]');
    await details.waitFor();
    expect(await details.textContent()).toMatch(/法定节假日.*国庆节/);
    expect(await details.getByTestId('roster-day-leader').textContent()).toContain('值班领导');

    // The .ics subscription: names and titles only, one event per day.
    const href = (await town.getByTestId('roster-ics').getAttribute('href'))!;
    expect(href).toContain(`rosterIcs?unit=${TOWN}`);
    const ics = await (await fetch(href)).text();
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('X-WR-CALNAME:岷阳镇领导接访值班表');
    await shot(town, 'duty-roster');

    // 360 px: the month still fits, no horizontal scrolling.
    const phone = await signIn(await newContext(browser, 360, 740), 'town');
    await phone.goto(`${CONSOLE_URL}/#/duty/roster?month=2026-10`);
    await phone.locator('[data-testid=roster][data-month="2026-10"][data-state=ready]').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(phone, 'duty-roster-mobile');
    await phone.context().close();
    await town.context().close();
  });

  it("today's receiving leader is on the overview", async () => {
    const pub = (await adminDb().collection('publicDuty').doc(TOWN).get()).data() as {
      days: { date: string; name: string; kind: string }[];
      handoff?: string;
    };
    // The duty day now, the handoff respected (before 08:30 it is still yesterday's leader).
    const today = dutyDateAt(new Date(), pub.handoff ?? '08:30');
    const expected = pub.days.find((d) => d.date === today);
    expect(expected, 'the seed publishes this month').toBeTruthy();
    const page = await signIn(await newContext(browser), 'town-leader');
    await page.locator('[data-testid=dashboard][data-state=ready]').waitFor();
    await page.locator('[data-testid=dash-duty][data-state=ready]').waitFor();
    const name = page.getByTestId('dash-duty-name');
    expect(await name.getAttribute('data-name')).toBe(expected!.name);
    expect(await name.getAttribute('data-date')).toBe(today);
    expect(await page.getByTestId('dash-duty').textContent()).toContain(expected!.kind === 'weekday' ? '今日接访领导' : '今日值班领导');
    await page.context().close();
  });

  it('a leader asks for leave and the administrator approves it; both pages follow live', async () => {
    // One of 刘芳's coming duty days (from tomorrow on, so the test never races midnight).
    const roster = await effective(TOWN);
    const from = addDays(localDate(new Date()), 1);
    const mine = [...roster.values()].find((a) => a.date >= from && a.uid === townLeaderUid);
    expect(mine, '刘芳 has a coming duty day').toBeTruthy();
    const date = mine!.date;
    const [, m, d] = date.split('-').map(Number);

    const leader = await signIn(await newContext(browser), 'town-leader');
    await leader.getByTestId('nav-duty').click();
    await leader.getByTestId('duty-tab-changes').click();
    await leader.getByTestId('change-form').waitFor();
    await leader.getByTestId('change-dates').click();
    await leader
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: new RegExp(`^${m}月${d}日`) })
      .first()
      .click();
    await leader.keyboard.press('Escape');
    const reason = `参加县委党校培训${stamp()}`;
    await leader.getByTestId('change-reason').fill(reason);
    await leader.getByTestId('change-submit').click();
    // The request shows in the leader's list as pending, live.
    const mineRow = leader.locator('[data-testid=change-row]', { hasText: reason });
    await mineRow.and(leader.locator('[data-status=requested]')).waitFor();
    const changeId = (await mineRow.getAttribute('data-change-id'))!;

    // The administrator sees it arrive and approves it.
    const admin = await signIn(await newContext(browser), 'admin');
    await admin.goto(`${CONSOLE_URL}/#/duty/changes?unit=${TOWN}`);
    const row = admin.locator(`[data-testid=change-row][data-change-id="${changeId}"]`);
    await row.and(admin.locator('[data-status=requested]')).waitFor();
    await shot(admin, 'duty-changes');
    await row.getByTestId('change-approve').click();
    await admin.locator(`[data-testid=change-row][data-change-id="${changeId}"][data-status=approved]`).waitFor();

    // The leader's open page follows: approved, with the effect listed.
    const approved = leader.locator(`[data-testid=change-row][data-change-id="${changeId}"][data-status=approved]`);
    await approved.waitFor();
    expect(await approved.getByTestId('change-effect').textContent()).toContain(date);
    // And the calendar: the day has another leader now (marked 调 unless it went back to the
    // leader the published version had, e.g. a give-back day of an earlier leave).
    await leader.getByTestId('duty-tab-roster').click();
    await gotoMonth(leader, date.slice(0, 7));
    const cell = leader.locator(`[data-testid=roster-day][data-date="${date}"]:not([data-leader="刘芳"])`);
    await cell.waitFor();
    const now = (await effective(TOWN)).get(date)!;
    expect(now.uid).not.toBe(townLeaderUid);
    const published = (await adminDb().collection('rosters').doc(TOWN).collection('versions').get()).docs
      .flatMap((d) => d.get('assignments') as Assignment[])
      .find((a) => a.date === date)!;
    expect(await cell.getAttribute('data-changed')).toBe(published.uid === now.uid ? 'no' : 'yes');
    await admin.context().close();
    await leader.context().close();
  });

  let walkInCase = '';
  let receiver = '';

  it('the town center records a walk-in and sees the leader who receives it', async () => {
    // The walk-in happened earlier on a day 刘芳 received visitors (10:00, after the handoff), so
    // that she can instruct on it as its receiving leader.
    const roster = await effective(TOWN);
    const today = localDate(new Date());
    const past = [...roster.values()]
      .filter((a) => a.date < today && a.date >= addDays(today, -60) && a.uid === townLeaderUid && a.kind === 'weekday')
      .pop();
    const at = past ? `${past.date}T10:00` : null;
    const expectedDate = past ? past.date : dutyDateAt(new Date(), '08:30');
    const expected = roster.get(expectedDate)!;

    const town = await signIn(await newContext(browser), 'town');
    await town.getByTestId('nav-duty').click();
    await town.getByTestId('duty-tab-walkin').click();
    const form = town.getByTestId('walkin-form');
    await form.waitFor();
    await town.getByTestId('walkin-on-duty').waitFor();
    if (at) await town.getByTestId('walkin-received-at').fill(at);
    await pick(town, 'walkin-village', '城郊村');
    await pick(town, 'walkin-grid', '城郊村第1网格');
    await pick(town, 'walkin-category', '征地拆迁');
    const title = `来访反映征地补偿款未到位${stamp()}`;
    await town.getByTestId('walkin-title').fill(title);
    await town.getByTestId('walkin-description').fill('来访人反映城郊村三组征地补偿款至今未发放到位，要求镇里督促落实。');
    await town.getByTestId('walkin-name-0').fill('赵红梅');
    await town.getByTestId('walkin-phone-0').fill('13987654321');
    await shot(town, 'duty-walkin');
    await town.getByTestId('walkin-submit').click();

    const by = town.getByTestId('walkin-received-by');
    await by.waitFor({ timeout: 30_000 });
    expect(await by.getAttribute('data-duty-date')).toBe(expectedDate);
    expect(await by.getAttribute('data-uid')).toBe(expected.uid);
    expect(await by.textContent()).toContain('接访领导');
    walkInCase = (await town.getByTestId('walkin-done').getAttribute('data-case-id'))!;
    receiver = expected.uid;
    // The case says who received it.
    await town.getByTestId('walkin-open-case').click();
    await detailIn(town, walkInCase, 'reported', 'town').waitFor();
    expect(await town.getByTestId('case-source').getAttribute('data-source')).toBe('walk_in');
    expect(await town.getByTestId('case-received-by').getAttribute('data-uid')).toBe(expected.uid);

    // Without a roster for 刘芳 in the past weeks, the town makes her the leader in charge (包案) instead.
    if (receiver !== townLeaderUid) {
      await act(town, 'assign_leader', async (f) => {
        await pick(town, 'action-field-leaderUid', '刘芳', f);
        await f.getByTestId('action-field-plan').fill('约谈村组干部，核实补偿款发放情况');
        await f.getByTestId('action-field-dueDate').fill(addDays(localDate(new Date()), 10));
      });
    }
    await town.context().close();
  });

  it('the leader instructs (批示交办), the village replies; the 督办 lists follow live', async () => {
    expect(walkInCase).not.toBe('');
    // The village center keeps its 督办 list open.
    const village = await signIn(await newContext(browser), 'village');
    await village.getByTestId('nav-duty').click();
    await village.getByTestId('duty-tab-supervision').click();
    await village.locator('[data-testid=supervision][data-state=ready]').waitFor();

    // 刘芳 instructs on the walk-in: the village to reply within 5 days.
    const leader = await signIn(await newContext(browser), 'town-leader');
    await leader.goto(`${CONSOLE_URL}/#/cases/${walkInCase}`);
    await detailIn(leader, walkInCase, 'reported').waitFor();
    const due = addDays(localDate(new Date()), 5);
    const instruction = `请城郊村三日内核实补偿款发放情况并答复来访人${stamp()}`;
    await act(leader, 'instruct', async (f) => {
      await f.getByTestId('action-field-instruction').fill(instruction);
      await f.getByLabel('交办单位 1').click();
      await leader.keyboard.type('城郊村');
      await leader
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '城郊村' })
        .first()
        .click();
      await f.getByLabel('答复期限 1').fill(due);
    });
    await leader.getByTestId('case-supervisions').waitFor();

    // The leader watches the town's 督办 list.
    await leader.goto(`${CONSOLE_URL}/#/duty/supervision`);
    const leaderItem = leader.locator(`[data-testid=supervision-item][data-case-id="${walkInCase}"][data-assignee="${VILLAGE}"]`);
    await leaderItem.and(leader.locator('[data-state=open]')).waitFor();

    // It arrives in the village's open list without a reload, assigned to the village, with its deadline.
    const item = village.locator(`[data-testid=supervision-item][data-case-id="${walkInCase}"][data-state=open]`);
    await item.waitFor({ timeout: 20_000 });
    expect(await item.getAttribute('data-mine')).toBe('yes');
    expect(await item.textContent()).toContain(instruction);
    expect(await item.textContent()).toContain(`答复期限 ${due}`);
    await shot(village, 'duty-supervision');

    // The village replies from the list.
    await item.getByTestId('supervision-reply').click();
    const form = village.getByTestId('action-form');
    await form.waitFor();
    await form.getByTestId('action-field-reply').fill('已核实：补偿款因账户信息有误退回，已更正并于本周发放。');
    await form.getByTestId('action-field-petitionerReply').fill('已电话告知来访人补偿款发放时间，来访人表示认可。');
    await form.getByTestId('action-submit').click();
    await village.locator(`[data-testid=supervision-item][data-case-id="${walkInCase}"][data-state=replied]`).waitFor();

    // The leader's open list follows: replied, with the reply.
    const replied = leader.locator(
      `[data-testid=supervision-item][data-case-id="${walkInCase}"][data-assignee="${VILLAGE}"][data-state=replied]`,
    );
    await replied.waitFor({ timeout: 20_000 });
    expect(await replied.getByTestId('supervision-reply-text').textContent()).toContain('已更正并于本周发放');
    await shot(leader, 'duty-supervision-leader');

    // The case's history has both steps.
    const c = (await adminDb().collection('cases').doc(walkInCase).get()).data()!;
    expect(c.supervisions.map((s: { state: string }) => s.state)).toContain('replied');
    await village.context().close();
    await leader.context().close();
  });
});
