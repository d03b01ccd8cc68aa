// The county leader's overview (一图统览) reads a fixed number of documents however many cases
// the county has (counter shards + two bounded lists + the alert badge: web/src/data/budget.ts);
// the wall-screen layout; the board's filters; and the administration pages.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARDS } from '../../functions/src/domain/counters';
import { ALERT_BADGE_LIMIT, DASHBOARD_READ_BUDGET, DEADLINE_LIST_LIMIT } from '../../web/src/data/budget';
import { CONSOLE_URL, launch, newContext, screenshot, signIn } from './browser';
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
    await page.locator('[data-testid=alerts-badge][data-state=ready]').waitFor();
    await page.locator('[data-testid=dash-overdue][data-state=ready]').waitFor();
    await page.locator('[data-testid=dash-dueSoon][data-state=ready]').waitFor();
    const r = await reads(page);
    expect(r.byLabel.counters).toBeLessThanOrEqual(SHARDS.county);
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
    // The figures are there.
    expect(Number(await page.getByTestId('kpi-total').getAttribute('data-value'))).toBeGreaterThan(0);
    await page.getByTestId('chart-state').locator('svg').first().waitFor();
    await screenshot(page, 'dashboard');
    await page.context().close();
  });

  it('the overview on a 1920 px wall screen, with the figures per town on request', async () => {
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
