// The county leader's overview (一图统览) reads a fixed number of documents however many cases
// the county has (counter shards + two bounded lists + the alert badge: web/src/data/budget.ts),
// and its tiles count the cases its lists show; the wall screen (大屏); the board's filters; and
// the administration pages.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_BADGE_LIMIT, COUNTY_SHARDS, DASHBOARD_READ_BUDGET, DEADLINE_LIST_LIMIT } from '../../web/src/data/budget';
import { CONSOLE_URL, launch, newContext, screenshot, signIn } from './browser';
import type { Page } from 'playwright-core';
import { adminDb, requestId, signInAs } from '../helpers/emulator';
import { reads, settle } from './console';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

describe('overview, board and administration', () => {
  it("the county leader's first load stays within the read budget", async () => {
    const page = await signIn(await newContext(browser), 'county-leader');
    // The leader's home is the overview; wait until every listener on screen has its first result.
    await page.locator('[data-testid=dashboard][data-state=ready]').waitFor();
    await page.locator('[data-testid=alerts-badge][data-state=ready]').waitFor({ state: 'attached' }); // empty (hidden) when nothing is unread
    await page.locator('[data-testid=dash-overdue][data-state=ready]').waitFor();
    await page.locator('[data-testid=dash-dueSoon][data-state=ready]').waitFor();
    const r = await reads(page);
    expect(r.byLabel.counters).toBeLessThanOrEqual(COUNTY_SHARDS);
    expect(r.byLabel['deadlines.overdue']).toBeLessThanOrEqual(DEADLINE_LIST_LIMIT);
    expect(r.byLabel['deadlines.dueSoon']).toBeLessThanOrEqual(DEADLINE_LIST_LIMIT);
    expect((r.byLabel['alerts.recipientUnit'] ?? 0) + (r.byLabel['alerts.recipientUid'] ?? 0)).toBeLessThanOrEqual(2 * ALERT_BADGE_LIMIT);
    // Nothing else is read: no case list, no per-town figures, no grid names.
    const known = [
      'session.user',
      'session.userMeta',
      'name.region',
      'counters',
      'deadlines.overdue',
      'deadlines.dueSoon',
      'alerts.recipientUnit',
      'alerts.recipientUid',
      'duty.today',
    ];
    expect(Object.keys(r.byLabel).filter((k) => !known.includes(k))).toEqual([]);
    expect(r.initial).toBeLessThanOrEqual(DASHBOARD_READ_BUDGET);
    expect(DASHBOARD_READ_BUDGET).toBeLessThanOrEqual(30); // issue 12
    // The figures are there.
    expect(Number(await page.getByTestId('kpi-total').getAttribute('data-value'))).toBeGreaterThan(0);
    await page.getByTestId('chart-state').locator('svg').first().waitFor();
    await screenshot(page, 'dashboard');
    await page.context().close();
  });

  it("the county's 逾期 tile counts exactly the cases of its overdue list, and the board's overdue filter", async () => {
    const page = await signIn(await newContext(browser), 'county-leader');
    await page.locator('[data-testid=dashboard][data-state=ready]').waitFor();
    await page.locator('[data-testid=dash-overdue][data-state=ready]').waitFor();
    const tile = Number(await page.getByTestId('kpi-overdue').getAttribute('data-value'));
    const card = page.getByTestId('dash-overdue');
    expect(Number(await card.getAttribute('data-count'))).toBe(tile);
    const rows = await card.getByTestId('case-row').count();
    expect(rows).toBe(Math.min(tile, DEADLINE_LIST_LIMIT));
    if (tile === 0) await card.getByTestId('dash-overdue-empty').waitFor();
    else expect(await card.getByTestId('overdue-tag').count()).toBe(rows);
    if (tile > DEADLINE_LIST_LIMIT) expect(await card.getByTestId('dash-overdue-limited').textContent()).toContain(String(tile));
    // The tile leads to the board's "overdue only", which lists the same cases (all of them, page by page).
    await page.getByTestId('kpi-overdue').click();
    await page.waitForURL((u) => u.hash.includes('overdue=1'));
    await page.locator('[data-testid=case-list][data-state=ready]').waitFor();
    if (tile <= 20) expect(await page.getByTestId('case-row').count()).toBe(tile);
    await page.context().close();
  });

  it('returning to the overview within the session reads nothing again (listeners kept alive, in memory)', async () => {
    const page = await signIn(await newContext(browser), 'county-leader');
    const ready = async () => {
      for (const id of ['dashboard', 'dash-overdue', 'dash-dueSoon']) await page.locator(`[data-testid=${id}][data-state=ready]`).waitFor();
    };
    await ready();
    const first = await reads(page);
    expect(first.byLabel.counters ?? 0).toBeGreaterThan(0);
    await page.getByTestId('nav-board').click();
    await page.locator('[data-testid=case-list][data-state=ready]').waitFor();
    const board = await reads(page);
    await page.getByTestId('nav-dashboard').click();
    await ready();
    const back = await reads(page);
    // Nothing the overview reads was read again: only changes would be billed.
    expect(Object.keys(first.byLabel)).toEqual(expect.arrayContaining(['counters', 'deadlines.overdue', 'deadlines.dueSoon']));
    for (const label of Object.keys(first.byLabel))
      expect({ label, n: back.byLabel[label] ?? 0 }).toEqual({ label, n: board.byLabel[label] ?? 0 });
    // Nothing on disk: no Firestore persistence (IndexedDB) for the next user of a shared PC.
    const dbs = await page.evaluate(async () => ((await indexedDB.databases?.()) ?? []).map((d) => d.name ?? ''));
    expect(dbs.filter((n) => /firestore/i.test(n))).toEqual([]);
    // Signing out drops what was kept.
    await page.context().close();
  });

  it('the wall screen (大屏) at 1920×1080: one screen, the table per town, rows naming town and village', async () => {
    // A county case with a limit running out within hours: the county center dispatches the
    // police station in an emergency (报到 within 2 hours), so the due-soon list has a row.
    const county = await signInAs('county');
    const { caseId } = await county.call<{ caseId: string }>('reportCase', {
      requestId: requestId(),
      gridId: '621126100001001',
      category: 'neighbour',
      title: '大屏：宅基地边界纠纷',
      description: '两户因宅基地边界发生争执，需派出所到场',
      parties: [{ role: 'applicant', name: '测试甲', phone: null, idNumber: null, address: null }],
    });
    const version = async () => (await adminDb().doc(`cases/${caseId}`).get()).get('version');
    await county.call('caseAction', { caseId, expectedVersion: await version(), command: { action: 'accept' } });
    await county.call('caseAction', {
      caseId,
      expectedVersion: await version(),
      command: { action: 'dispatch', departmentIds: ['621126-police-minyang'], emergency: true },
    });
    for (const theme of ['light', 'dark'] as const) {
      const page = await signIn(await newContext(browser, 1920, 1080), 'county-leader');
      await page.goto(`${CONSOLE_URL}/#/wall?theme=${theme}`);
      await page.locator(`[data-testid=wall][data-state=ready][data-theme=${theme}]`).waitFor();
      // The table per town is there without a click: the demo county's towns, each with figures.
      await page.locator('[data-testid=wall-units][data-state=ready]').waitFor();
      const towns = page.getByTestId('wall-unit-row');
      expect(await towns.count()).toBeGreaterThanOrEqual(4);
      expect(await towns.first().locator('th').textContent()).toMatch(/镇|乡/);
      await expectOneScreen(page);
      // Tile and list agree here too.
      const tile = Number(await page.getByTestId('wall-kpi-overdue').getAttribute('data-value'));
      const overdue = page.getByTestId('wall-overdue').getByTestId('wall-row');
      expect(tile).toBeGreaterThanOrEqual(await overdue.count());
      // Overdue and due-soon rows name their town and village (names, not codes).
      await page.locator(`[data-testid=wall-dueSoon] [data-testid=wall-row][data-case-id="${caseId}"]`).waitFor();
      await page.waitForFunction(() =>
        Array.from(document.querySelectorAll('[data-testid=wall-row-where]')).every((e) => !e.textContent?.includes('…')),
      );
      for (const where of await page.getByTestId('wall-row-where').allTextContents()) {
        expect(where).toMatch(/^\S*(镇|乡)\S* · \S*(村|社区)\S*$/);
        expect(where).not.toMatch(/\d{6,}/);
      }
      await expectOneScreen(page);
      await settle(page);
      await screenshot(page, theme === 'dark' ? 'wall-1920' : 'wall-1920-light');
      await page.context().close();
    }
  });

  it('the overview on a 1920 px office screen, with the figures per town on request', async () => {
    const page = await signIn(await newContext(browser, 1920, 1080), 'county-leader');
    await page.locator('[data-testid=dashboard][data-state=ready]').waitFor();
    await page.getByTestId('dash-children-load').click();
    await page.getByTestId('child-unit').first().waitFor();
    expect(await page.getByTestId('child-unit').count()).toBeGreaterThanOrEqual(4); // the demo county's four towns
    await page.getByTestId('chart-colour').locator('svg').first().waitFor();
    await settle(page);
    await screenshot(page, 'dashboard-1920');
    await page.context().close();
  });

  it('the board filters by one field at a time, keeps them in the URL, and works at 360 px', async () => {
    const page = await signIn(await newContext(browser, 360, 740), 'town');
    await page.getByTestId('case-list').and(page.locator('[data-state=ready]')).waitFor();
    await page.goto(`${CONSOLE_URL}/#/board?f=state:reported`);
    await page.locator('[data-testid=case-list][data-state=ready]').waitFor();
    const states = await page.getByTestId('case-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-state')));
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(['reported']));
    // No horizontal scrolling at 360 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // Rows sorted by next deadline, each with a countdown that says its urgency in words.
    const badges = await page
      .getByTestId('deadline-badge')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-urgency'), e.textContent]));
    expect(badges.length).toBeGreaterThan(0);
    for (const [urgency, text] of badges) expect(text).toMatch(urgency === 'overdue' ? /已逾期/ : urgency === 'soon' ? /即将到期/ : /剩余/);
    await page.getByTestId('board-clear').click();
    await page.waitForURL((u) => !u.hash.includes('f='));
    await page.context().close();
  });

  it('administration: users, grids, departments, policy and calendars', async () => {
    const page = await signIn(await newContext(browser), 'admin');
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('user-row').first().waitFor();
    expect(await page.getByTestId('user-row').count()).toBeGreaterThanOrEqual(14);
    await settle(page);
    await screenshot(page, 'admin');
    // Save the deadline policy as it is (validated by DeadlinePolicy, written by savePolicy).
    await page.getByTestId('admin-tab-policy').click();
    await page.getByTestId('policy-form').waitFor();
    await page.getByTestId('policy-save').click();
    await page.locator('.ant-message', { hasText: '已保存' }).waitFor();
    await page.getByTestId('admin-tab-departments').click();
    await page.getByTestId('departments-table').locator('tbody tr', { hasText: '岷阳派出所' }).waitFor();
    await page.getByTestId('admin-tab-calendar').click();
    await page.getByTestId('calendar-holiday').filter({ hasText: '春节' }).waitFor();
    await page.context().close();
  });
});

/** Nothing scrolls: the page is exactly the viewport, and no panel hides content behind a scrollbar. */
async function expectOneScreen(page: Page) {
  const m = await page.evaluate(() => {
    const d = document.documentElement;
    const all = Array.from(document.querySelectorAll<HTMLElement>('[data-testid=wall] *'));
    const scrollables = all.filter((e) => {
      const s = getComputedStyle(e);
      return (
        (/(auto|scroll)/.test(s.overflowY) && e.scrollHeight > e.clientHeight + 1) ||
        (/(auto|scroll)/.test(s.overflowX) && e.scrollWidth > e.clientWidth + 1)
      );
    });
    // Rows and table rows lie wholly inside their panel (none cut off by the panel's edge).
    const clipped = Array.from(document.querySelectorAll<HTMLElement>('[data-testid=wall-row], [data-testid=wall-unit-row]')).filter(
      (e) => {
        const panel = e.closest<HTMLElement>('.wall-panel')!.getBoundingClientRect();
        const r = e.getBoundingClientRect();
        return r.bottom > panel.bottom + 0.5 || r.right > panel.right + 0.5 || r.bottom > innerHeight;
      },
    );
    return {
      sw: d.scrollWidth,
      sh: d.scrollHeight,
      w: innerWidth,
      h: innerHeight,
      scrollables: scrollables.length,
      clipped: clipped.length,
    };
  });
  expect(m.clipped).toBe(0);
  expect(m.sw).toBeLessThanOrEqual(m.w);
  expect(m.sh).toBeLessThanOrEqual(m.h);
  expect(m.scrollables).toBe(0);
}
