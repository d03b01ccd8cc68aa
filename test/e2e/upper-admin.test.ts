// A city's and a province's administrator (claims { r: 'admin', u: '6211' | '62' }, no county:
// issue 16) open every tab of 系统管理 without an error or an endless spinner: the users of their
// own center (a city administrator creates a city-center account through upsertUser), and the
// county-scoped tabs after picking a county of the area by name, read-only with the note that
// the county's administrator keeps them. And the province's overview drills into a city, and the
// city into a county, by URL (#/dashboard/{code}), with the figures the store holds and a way back.
// Other tests share the emulator: figures are compared with what the store holds, and what this
// test plants (a mediation organisation, 渭源县's policy if it had none) is taken out again.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediationOrgDoc, defaultPolicy } from '../../functions/src/domain';
import { syncProfile, upsertUser } from '../../functions/src/lib/users-service';
import { seedCityOfThree } from '../../functions/src/seed/tiers-seed';
import { adminAuth, adminDb, closeAdmin } from '../helpers/emulator';
import { CONSOLE_URL, closeBrowser, launch, newContext, screenshot } from './browser';
import { pick, rowNames, stamp } from './console';

let browser: Browser;
const tag = stamp();
const password = 'Passw0rd!upper';
const WY = '621123'; // 渭源县 of 定西市
const ORG_ID = `${WY}-med-e2e${tag}`;
const ORG_NAME = `渭源县测试调解委员会${tag}`;
const ADMINS = {
  city: { email: `cityadmin${tag}@test.fengqiao.cn`, scopeId: '6211', name: '定西市测试管理员' },
  province: { email: `provadmin${tag}@test.fengqiao.cn`, scopeId: '62', name: '甘肃省测试管理员' },
} as const;
const made: string[] = []; // accounts to delete afterwards (the admins, the user the city admin creates)
let plantedPolicy = false;

beforeAll(async () => {
  browser = await launch();
  const db = adminDb();
  const auth = adminAuth();
  // 定西市 and 甘肃省, 渭源县 and 漳县 with their towns, villages, grids and departments (no accounts).
  await seedCityOfThree(db, null);
  for (const a of Object.values(ADMINS)) {
    const { uid } = await upsertUser(
      db,
      auth,
      { email: a.email, password, displayName: a.name, phone: null, title: '管理员', role: 'admin', scopeId: a.scopeId, active: true },
      'cli',
    );
    await syncProfile(db, auth, uid);
    made.push(uid);
  }
  // 渭源县's policy as the county would store it (the defaults: no clock changes), if it has none.
  if (!(await db.doc(`policies/${WY}`).get()).exists) {
    await db.doc(`policies/${WY}`).set(defaultPolicy(WY));
    plantedPolicy = true;
  }
  await db.doc(`mediationOrgs/${ORG_ID}`).set(
    MediationOrgDoc.parse({
      id: ORG_ID,
      countyId: WY,
      name: ORG_NAME,
      kind: 'town_committee',
      field: null,
      unitId: '621123100',
      active: true,
      updatedAt: new Date(),
    }),
  );
});

afterAll(async () => {
  if (browser) await closeBrowser(browser);
  const db = adminDb();
  await db.doc(`mediationOrgs/${ORG_ID}`).delete();
  if (plantedPolicy) await db.doc(`policies/${WY}`).delete();
  const created = await adminAuth()
    .getUserByEmail(`citystaff${tag}@test.fengqiao.cn`)
    .catch(() => null);
  if (created) made.push(created.uid);
  for (const uid of made) {
    await adminAuth()
      .deleteUser(uid)
      .catch(() => undefined);
    await db.doc(`users/${uid}`).delete();
    await db.doc(`staff/${uid}`).delete();
  }
  await closeAdmin();
});

async function signInAt(email: string, hash: string): Promise<{ page: Page; errors: string[] }> {
  const page = await (await newContext(browser, 1440, 900)).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${CONSOLE_URL}/${hash}`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('header-user').waitFor({ timeout: 30_000 });
  return { page, errors };
}

/** Closes a page's context, its Firestore listeners first (see closeBrowser). */
async function done(page: Page) {
  await page
    .evaluate(() => (window as unknown as { __fengqiaoTerminate?: () => Promise<void> }).__fengqiaoTerminate?.())
    .catch(() => undefined);
  await page.context().close();
}

/** No error alert and no spinner left on the admin page. */
async function settled(page: Page, tab: string, names = true) {
  await page.locator(`[data-testid=admin][data-tab=${tab}]`).waitFor();
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid=admin]')?.querySelectorAll('.ant-spin-spinning, .ant-skeleton-active, .ant-select-arrow-loading')
        .length === 0,
  );
  expect(await page.locator('[data-testid=admin] .ant-alert-error').count(), `${tab}: an error shown`).toBe(0);
  if (!names) return; // the calendar's day numbers run together in the text
  const text = (await page.getByTestId('admin').textContent()) ?? '';
  expect(text, `${tab}: a code shown`).not.toMatch(/\b62\d{2,}\b/);
}

/**
 * Opens a county-scoped tab, picks 渭源县 by name — a province administrator its city 定西市
 * first, from a list of cities (not every county of the province) — and checks the read-only note.
 */
async function countyTab(page: Page, tab: string, who: 'city' | 'province') {
  await page.getByTestId(`admin-tab-${tab}`).click();
  await page.locator(`[data-testid=admin][data-tab=${tab}]`).waitFor();
  if (who === 'province') {
    await pick(page, 'admin-city', '定西市');
    // The county list is 定西市's counties, by name.
    await page.getByTestId('admin-county').click();
    const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    await options.filter({ hasText: '漳县' }).first().waitFor();
    expect(await options.allTextContents()).not.toContain('定西市 · 渭源县');
    await page.keyboard.press('Escape');
  } else {
    expect(await page.getByTestId('admin-city').count()).toBe(0);
  }
  await pick(page, 'admin-county', '渭源县');
  await page.getByTestId('admin-read-only').waitFor();
  expect(await page.getByTestId('admin-read-only').textContent()).toContain('由该县（区）的管理员维护');
}

describe.each([['city'], ['province']] as const)("a %s administrator's 系统管理", (who) => {
  it('opens every tab without an error: its users, and a county of its area read-only', async () => {
    const { page, errors } = await signInAt(ADMINS[who].email, '#/admin/users');

    // Users: its own center's accounts (itself among them), and the areas below by name.
    await page.getByTestId('users-table').waitFor();
    await page.getByTestId('user-row').first().waitFor();
    await settled(page, 'users');
    await page.getByTestId('user-area').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '渭源县' })
      .first()
      .waitFor();
    await page.keyboard.press('Escape');
    if (who === 'city') {
      // A city administrator creates an account of the city center (what upsertUser allows it).
      await page.getByTestId('user-new').click();
      await page.getByTestId('user-name').fill('市中心测试人员');
      await page.getByTestId('user-email').fill(`citystaff${tag}@test.fengqiao.cn`);
      await page.getByTestId('user-password').fill('Passw0rd!staff');
      await expect.poll(() => page.getByTestId('user-scope-area').inputValue()).toBe('定西市');
      await page.getByTestId('user-save').click();
      await page.getByTestId('user-form').waitFor({ state: 'detached' });
      await page.getByTestId('user-row').filter({ hasText: '市中心测试人员' }).waitFor();
      const stored = await adminDb().collection('users').where('email', '==', `citystaff${tag}@test.fengqiao.cn`).get();
      expect(stored.docs[0]?.data()).toMatchObject({ role: 'city_staff', scopeId: '6211', countyId: '6211', active: true });
      expect((await adminAuth().getUser(stored.docs[0]!.id)).customClaims).toEqual({ r: 'city_staff', u: '6211' });
    }

    // Grids: pick the county, a town and a village — the village's grids by name, no edit buttons.
    await countyTab(page, 'grids', who);
    await pick(page, 'grids-town', '清源镇');
    await pick(page, 'grids-village', '城关社区');
    await page.getByTestId('grids-table').getByText('城关社区第1网格').waitFor();
    expect(await page.getByTestId('grid-new').count()).toBe(0);
    await settled(page, 'grids');

    // Departments of the county (the one picked stays picked across tabs).
    await countyTab(page, 'departments', who);
    await page.getByTestId('departments-table').getByText('清源镇派出所').waitFor();
    expect(await page.getByTestId('department-new').count()).toBe(0);
    await settled(page, 'departments');

    // Policy: the county's stored policy, read-only (no save), not the "defaults" note.
    await countyTab(page, 'policy', who);
    await page.locator('[data-testid=policy-form][data-read-only=yes]').waitFor();
    expect(await page.getByTestId('policy-save').count()).toBe(0);
    expect(await page.getByTestId('policy-defaults').count()).toBe(0);
    await settled(page, 'policy');

    // Holiday calendar: national, readable by everyone.
    await page.getByTestId('admin-tab-calendar').click();
    await settled(page, 'calendar', false);
    expect(await page.locator('[data-testid=admin-calendar], [data-testid=admin] .ant-empty').count()).toBeGreaterThan(0);

    // Court filings of the county: the list only, no form.
    await countyTab(page, 'courts', who);
    await page.getByTestId('filing-list').locator('li').first().waitFor();
    expect(await page.getByTestId('filing-save').count()).toBe(0);
    await settled(page, 'courts');

    // The mediation registry of the county, read-only.
    await countyTab(page, 'mediation', who);
    await page.getByTestId('mediation-orgs-table').getByText(ORG_NAME).waitFor();
    expect(await page.getByTestId('mediation-org-new').count()).toBe(0);
    expect(await page.getByTestId('mediator-new').count()).toBe(0);
    await settled(page, 'mediation');
    await screenshot(page, `admin-upper-${who}`);

    expect(errors).toEqual([]);
    await done(page);
  });
});

/** Sums a figure over a unit's counter shards (`child.{code}.open` when `child` is given). */
async function stored(unitId: string, child?: string): Promise<number> {
  const snap = await adminDb().collection('counters').where('unitId', '==', unitId).get();
  let n = 0;
  for (const d of snap.docs) {
    const v = child ? (d.get('child') as Record<string, { open?: number }> | undefined)?.[child]?.open : d.get('open');
    n += typeof v === 'number' ? v : 0;
  }
  return n;
}

/** Waits until a DOM attribute shows what the store holds (re-read while it catches up). */
async function showsStored(page: Page, selector: string, attr: string, want: () => Promise<number>) {
  const end = Date.now() + 30_000;
  for (;;) {
    const expected = String(await want());
    const got = await page.locator(selector).first().getAttribute(attr);
    if (got === expected) return;
    if (Date.now() > end) throw new Error(`${selector} ${attr}: shows ${got}, the store holds ${expected}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

it("a province's overview drills into a city and on into a county, by URL, and back", async () => {
  const { page, errors } = await signInAt(ADMINS.province.email, '#/dashboard');
  await page.locator('[data-testid=dashboard][data-level=province][data-state=ready]').waitFor({ timeout: 30_000 });
  await expect(page.getByTestId('dash-unit').textContent()).resolves.toBe('甘肃省');
  const city = page.locator('[data-testid=upper-child][data-name="定西市"]');
  await showsStored(page, '[data-testid=upper-child][data-name="定西市"]', 'data-open', () => stored('62', '6211'));

  // Click the city's row: the city's overview from its own shards, at a URL that can be shared.
  await city.getByTestId('upper-child-link').click();
  await page.locator('[data-testid=dashboard][data-level=city][data-drill=yes][data-state=ready]').waitFor({ timeout: 30_000 });
  expect(new URL(page.url()).hash).toBe('#/dashboard/6211');
  await expect(page.getByTestId('dash-unit').textContent()).resolves.toBe('定西市');
  await showsStored(page, '[data-testid=kpi-open]', 'data-value', () => stored('6211'));
  await showsStored(page, '[data-testid=upper-child][data-name="渭源县"]', 'data-open', () => stored('6211', WY));
  const table = (await page.getByTestId('upper-table').textContent()) ?? '';
  expect(table).toContain('漳县');
  // Names, never codes (region codes are 2–15 digits).
  for (const name of await rowNames(page.getByTestId('upper-table'))) expect(name).not.toMatch(/\d{2}/);
  await screenshot(page, 'dashboard-province-to-city');

  // On into a county (a row, not only the link): the county's own counters, and its towns by name.
  await page.locator('[data-testid=upper-child][data-name="渭源县"] td').first().click();
  await page.locator('[data-testid=dashboard][data-level=county][data-state=ready]').waitFor({ timeout: 30_000 });
  expect(new URL(page.url()).hash).toBe(`#/dashboard/${WY}`);
  await expect(page.getByTestId('dash-unit').textContent()).resolves.toBe('渭源县');
  await showsStored(page, '[data-testid=kpi-open]', 'data-value', () => stored(WY));
  await page.locator('[data-testid=upper-town][data-name="清源镇"]').waitFor();

  // Back up: the city, then the province (its own overview, without a code in the URL).
  await expect(page.getByTestId('upper-up').textContent()).resolves.toContain('定西市');
  await page.getByTestId('upper-up').click();
  await page.locator('[data-testid=dashboard][data-level=city][data-state=ready]').waitFor();
  await page.getByTestId('upper-up').click();
  await page.locator('[data-testid=dashboard][data-level=province][data-drill=no][data-state=ready]').waitFor();
  expect(new URL(page.url()).hash).toBe('#/dashboard');

  // A shared link outside the area says so (a county of 青海省).
  await page.goto(`${CONSOLE_URL}/#/dashboard/630102`);
  await page.getByTestId('upper-outside').waitFor();
  expect(errors).toEqual([]);
  await done(page);
});

it("a city's overview opens a county's figures, not a county of another city", async () => {
  const { page, errors } = await signInAt(ADMINS.city.email, `#/dashboard/${WY}`);
  await page.locator('[data-testid=dashboard][data-level=county][data-state=ready]').waitFor({ timeout: 30_000 });
  await showsStored(page, '[data-testid=kpi-open]', 'data-value', () => stored(WY));
  await page.getByTestId('upper-up').click();
  await page.locator('[data-testid=dashboard][data-level=city][data-drill=no][data-state=ready]').waitFor();
  await page.goto(`${CONSOLE_URL}/#/dashboard/620102`);
  await page.getByTestId('upper-outside').waitFor();
  expect(errors).toEqual([]);
  await done(page);
});
