// Every role's main flow in real browsers, several contexts open at once so that each step is
// seen arriving live elsewhere (no reloads): a grid worker reports and reports it up, the village
// accepts and escalates, the town dispatches a department, the department checks in with one
// click, the town resolves; a resident submits a request, the village resolves it, the resident
// sees it live and rates it. Screenshots (FENGQIAO_SCREENSHOTS=1) go to docs/screenshots/.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_URL, launch, newContext, screenshot, signIn } from './browser';
import { act, detailIn, pick, settle, stamp } from './console';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe('the case workflow across roles, live', () => {
  it('grid worker → village → town → department → town resolves', async () => {
    const title = `水渠堵塞纠纷${stamp()}`;

    // The village center watches its alerts, the police station its desk (a phone).
    const village = await signIn(await newContext(browser), 'village2');
    await village.getByTestId('nav-alerts').click();
    await village.getByTestId('alerts-page').and(village.locator('[data-state=ready]')).waitFor();
    const police = await signIn(await newContext(browser, 390, 844), 'police');
    await police.getByTestId('dept-list').and(police.locator('[data-state=ready]')).waitFor();

    // 1. The grid worker reports from a phone.
    const grid = await signIn(await newContext(browser, 390, 844), 'grid2');
    await grid.getByTestId('nav-report').click();
    await grid.getByTestId('report-form').waitFor();
    await pick(grid, 'report-category', '邻里');
    await grid.getByTestId('report-title').fill(title);
    await grid.getByTestId('report-description').fill('上下游两户因水渠堵塞引发争执，灌溉受阻，需村里出面协调。');
    await grid.getByTestId('report-party-name-0').fill('王大山');
    await grid.getByTestId('report-party-phone-0').fill('13912345678');
    // 2. 网格办小事、报大事: at submission the grid worker chooses to report it up to the village.
    await grid.getByTestId('report-grid-escalate').click();
    await grid.getByTestId('report-grid-reason').fill('双方分歧较大，需村调委会调解');
    await settle(grid);
    await screenshot(grid, 'intake-mobile');
    await grid.getByTestId('report-submit').click();
    await grid.getByTestId('case-detail').and(grid.locator('[data-state=ready]')).waitFor();
    const caseId = (await grid.getByTestId('case-detail').getAttribute('data-case-id'))!;
    expect(caseId).toMatch(/^621126-/);
    await detailIn(grid, caseId, 'reported', 'village').waitFor();
    await grid.getByTestId('parties-private').waitFor();

    // The village's inbox shows the alert without a reload; reading it marks it read.
    const alert = village.locator(`[data-testid=alert-item][data-case-id="${caseId}"][data-kind=case_escalated]`);
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.getAttribute('data-read')).toBe('no');
    await settle(village);
    await screenshot(village, 'alerts');
    await alert.getByTestId('alert-mark-read').click();
    await village.locator(`[data-testid=alert-item][data-case-id="${caseId}"][data-kind=case_escalated][data-read=yes]`).waitFor();

    // 3. The village accepts, then escalates to the town.
    await alert.getByTestId('alert-open').click();
    await detailIn(village, caseId, 'reported', 'village').waitFor();
    await act(village, 'accept');
    await detailIn(village, caseId, 'accepted', 'village').waitFor();
    // The grid worker's open page follows.
    await detailIn(grid, caseId, 'accepted', 'village').waitFor();
    await act(village, 'escalate', (f) => f.getByTestId('action-field-reason').fill('涉及上游水利设施，需镇里协调水管站'));
    await detailIn(village, caseId, 'reported', 'town').waitFor();
    // Now the town handles it: the village keeps reading it but may not accept it any more.
    await expect(village.getByTestId('action-accept').count()).resolves.toBe(0);

    // 4. The town accepts and dispatches the police station.
    const town = await signIn(await newContext(browser), 'town');
    await town.getByTestId('case-list').and(town.locator('[data-state=ready]')).waitFor();
    await settle(town);
    await screenshot(town, 'case-board');
    await town.goto(`${CONSOLE_URL}/#/cases/${caseId}`);
    await detailIn(town, caseId, 'reported', 'town').waitFor();
    await act(town, 'accept');
    await detailIn(town, caseId, 'accepted', 'town').waitFor();
    await act(town, 'dispatch', async (f) => {
      await pick(town, 'action-field-departmentIds', '岷阳派出所', f);
      await f.getByTestId('action-field-instructions').fill('请派出所民警到场协助调处');
    });
    await detailIn(town, caseId, 'in_progress', 'town').waitFor();
    const dispatch = town.locator('[data-testid=dispatch][data-department="621126-police-minyang"]');
    await dispatch.and(town.locator('[data-dispatch-state=dispatched]')).waitFor();

    // 5. The police desk shows the new dispatch live; one click checks in.
    const desk = police.locator(`[data-testid=dept-actions][data-case-id="${caseId}"][data-dispatch-state=dispatched]`);
    await desk.waitFor({ timeout: 20_000 });
    await settle(police);
    await screenshot(police, 'department');
    await desk.getByTestId('dept-checkin').click();
    await desk.waitFor({ state: 'detached' }); // it leaves the 待报到 tab
    // …and the town's open case page shows the check-in without a reload.
    await dispatch.and(town.locator('[data-dispatch-state=checked_in]')).waitFor();
    await settle(town);
    await screenshot(town, 'case-detail');

    // 6. The town resolves; everyone's open page follows.
    await act(town, 'resolve', async (f) => {
      await pick(town, 'action-field-outcome', '部门依职能处理', f);
      await f.getByTestId('action-field-note').fill('派出所民警到场，清理水渠并明确轮灌时间，双方认可。');
    });
    await detailIn(town, caseId, 'resolved', 'town').waitFor();
    await detailIn(grid, caseId, 'resolved', 'town').waitFor();
    await detailIn(village, caseId, 'resolved', 'town').waitFor();
    await expect(town.getByTestId('case-outcome').textContent()).resolves.toBe('部门依职能处理');
    // The history has every step, in order.
    const actions = await town.getByTestId('case-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')).reverse());
    expect(actions).toEqual(['report', 'escalate', 'accept', 'escalate', 'accept', 'dispatch', 'check_in', 'resolve']);

    for (const p of [village, police, grid, town]) await p.context().close();
  });

  it('a resident submits a request, the village resolves it, the resident sees it live and rates it', async () => {
    const title = `楼道堆物影响通行${stamp()}`;
    const resident = await signIn(await newContext(browser, 390, 844), 'resident');
    await resident.getByTestId('my-requests').and(resident.locator('[data-state=ready]')).waitFor();
    await resident.getByTestId('nav-myNew').click();
    await resident.getByTestId('report-form').waitFor();
    await pick(resident, 'report-town', '岷阳镇');
    await pick(resident, 'report-village', '东街社区');
    await pick(resident, 'report-category', '物业');
    await resident.getByTestId('report-title').fill(title);
    await resident.getByTestId('report-description').fill('邻居长期在楼道堆放杂物，影响通行和消防安全，协商无果。');
    await resident.getByTestId('report-party-name-0').fill('胡秀英');
    await resident.getByTestId('report-submit').click();

    // Back on "my requests": the request appears (written by the server after the report).
    const card = resident.locator('[data-testid=request-card]', { hasText: title });
    await card.waitFor({ timeout: 20_000 });
    const caseId = (await card.getAttribute('data-case-id'))!;
    expect(await card.getAttribute('data-state')).toBe('reported');

    // The village center (东街社区) accepts and resolves it.
    const village = await signIn(await newContext(browser), 'village2');
    await village.goto(`${CONSOLE_URL}/#/cases/${caseId}`);
    await detailIn(village, caseId, 'reported', 'village').waitFor();
    await expect(village.getByTestId('case-source').getAttribute('data-source')).resolves.toBe('resident_app');
    await act(village, 'accept');
    await resident.locator(`[data-testid=request-card][data-case-id="${caseId}"][data-state=accepted]`).waitFor({ timeout: 20_000 });
    await act(village, 'resolve', async (f) => {
      await pick(village, 'action-field-outcome', '解释疏导', f);
      await f.getByTestId('action-field-note').fill('社区约谈当事人，当日清理楼道杂物。');
    });
    await detailIn(village, caseId, 'resolved', 'village').waitFor();

    // The resident's page shows it resolved without a reload, and the resident rates it.
    const resolved = resident.locator(`[data-testid=request-card][data-case-id="${caseId}"][data-state=resolved]`);
    await resolved.waitFor({ timeout: 20_000 });
    await resolved.getByTestId('rate-form').waitFor();
    await settle(resident);
    await screenshot(resident, 'resident');
    await resolved.getByTestId('rate-satisfied').click();
    await resolved.getByTestId('rate-submit').click();
    await resident
      .locator(`[data-testid=request-card][data-case-id="${caseId}"] [data-testid=request-satisfaction][data-satisfaction=satisfied]`)
      .waitFor({ timeout: 20_000 });
    // The village sees the rating on its open page.
    await expect(village.getByTestId('case-satisfaction').textContent({ timeout: 20_000 })).resolves.toBe('满意');

    await resident.context().close();
    await village.context().close();
  });
});
