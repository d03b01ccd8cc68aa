// Helpers for driving the console in the browser tests: case actions through their forms,
// antd selects by keyboard, and waiting for live state without sleeping.
import type { Locator, Page } from 'playwright-core';

/** Picks an option of an antd Select (with search) by typing its label and pressing Enter. */
export async function pick(page: Page, testId: string, text: string, scope: Page | Locator = page) {
  const select = scope.getByTestId(testId);
  // A native <select> (the phone's report form): the option whose label contains the text.
  if ((await select.evaluate((el) => el.tagName)) === 'SELECT') {
    const value = await select.evaluate(
      (el, want) => Array.from((el as HTMLSelectElement).options).find((o) => o.textContent?.includes(want))?.value ?? null,
      text,
    );
    if (value === null) throw new Error(`pick ${testId}: no option "${text}"`);
    await select.selectOption(value);
    return;
  }
  await select.click();
  await page.keyboard.type(text);
  // The option list filters as we type; wait for a matching option before choosing it.
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Polls `check` (every 100 ms, up to `timeout`) until it returns a value; throws `fail()`'s message early. */
async function until<T>(check: () => Promise<T | null>, fail: () => Promise<string | null>, timeout: number, what: string): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await check();
    if (v !== null) return v;
    const err = await fail();
    if (err !== null) throw new Error(`${what}: ${err}`);
    if (Date.now() > end) throw new Error(`${what}: timed out after ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Runs a case action from the detail page: opens its form, lets `fill` complete it, submits, and
 * waits until the form closes (success) — or fails with the error the form shows. It waits up to
 * 60 s: on a loaded 2-core CI machine the functions emulator may first have to start a worker for
 * the callable (a clean run once took over 30 s for an `accept` right after the report's triggers).
 */
export async function act(page: Page, action: string, fill?: (form: Locator) => Promise<void>) {
  await page.getByTestId(`action-${action}`).click();
  const form = page.getByTestId('action-form');
  await form.waitFor();
  if (fill) await fill(form);
  await form.getByTestId('action-submit').click();
  const error = page.getByTestId('action-error');
  await until(
    async () => ((await form.count()) === 0 ? true : null),
    async () => ((await error.count()) > 0 ? await error.first().textContent() : null),
    60_000,
    `action ${action}`,
  );
}

/** The case detail page once it shows the case in a given state (and tier). */
export function detailIn(page: Page, caseId: string, state: string, tier?: string): Locator {
  return page.locator(
    `[data-testid=case-detail][data-case-id="${caseId}"][data-case-state="${state}"]${tier ? `[data-case-tier="${tier}"]` : ''}`,
  );
}

/**
 * The unit names a figures table shows in its row headers. Check these for codes, not the table's
 * whole text: its cells' figures run together there (10, 66, 24 → "106624") and can look like one.
 */
export async function rowNames(table: Locator): Promise<string[]> {
  return (await table.locator('tbody th[scope=row]').allTextContents()).map((s) => s.trim());
}

/** A case's row in a list (board, dashboard, department view). */
export function row(page: Page, caseId: string): Locator {
  return page.locator(`[data-testid=case-row][data-case-id="${caseId}"]`);
}

/** The console's read meter (web/src/data/meter.ts). */
export async function reads(page: Page): Promise<{ initial: number; updates: number; byLabel: Record<string, number> }> {
  return page.evaluate(() => {
    const m = (window as unknown as { __fengqiaoReads: { initial: number; updates: number; byLabel: Record<string, number> } })
      .__fengqiaoReads;
    return { initial: m.initial, updates: m.updates, byLabel: { ...m.byLabel } };
  });
}

/** Before a screenshot (only when taking them): no toast or open list left on screen, the page scrolled to the top. */
export async function settle(page: Page) {
  if (!process.env.FENGQIAO_SCREENSHOTS) return;
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  // No select list still open or fading out.
  await page
    .waitForFunction(
      () =>
        !Array.from(document.querySelectorAll('.ant-select-dropdown')).some(
          (e) => !e.classList.contains('ant-select-dropdown-hidden') && e.getBoundingClientRect().height > 0,
        ),
      null,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
  await page.evaluate(() => window.scrollTo(0, 0));
}

export const stamp = () => Date.now().toString(36).slice(-5);
