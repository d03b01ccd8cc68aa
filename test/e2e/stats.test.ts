// Statistics (统计) in real browsers: the figures of a unit and month as stored in its month
// document, the ledger export (.xlsx with the Chinese ledger columns), the follow-up task list
// with a freshly resolved case's 回访 task, and a typical case published by the town appearing,
// anonymised, on another user's open typical-cases page; the 研判预警 card of a town's month
// and a county's year shows the stored signal and notice figures (none for a village). Screenshots (FENGQIAO_SCREENSHOTS=1)
// go to docs/screenshots/.
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  JUDGEMENT_RATES,
  LEDGER_COLUMNS,
  NOTICE_FIGURES,
  SIGNAL_FIGURES,
  type StatsFigures,
  judgementRates,
  rates,
  sumJudgementFigures,
} from '../../functions/src/domain';
import { adminDb, closeAdmin, requestId, signInAs } from '../helpers/emulator';
import { CONSOLE_URL, launch, newContext, screenshot, signIn } from './browser';
import { settle, stamp } from './console';

/** A screenshot (FENGQIAO_SCREENSHOTS=1) once the page is settled, with no focus ring left from the last click. */
async function shot(page: Page, name: string) {
  if (!process.env.FENGQIAO_SCREENSHOTS) return;
  await settle(page);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await screenshot(page, name);
}

const TOWN = '621126100';
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await closeAdmin();
});

/** The latest month of the town with a stored month document (the seed rolls up its months). */
async function latestMonth(): Promise<{ period: string; data: Record<string, unknown> }> {
  const snap = await adminDb()
    .collection('statsPeriods')
    .where('unitId', '==', TOWN)
    .where('kind', '==', 'month')
    .orderBy('period', 'desc')
    .limit(1)
    .get();
  expect(snap.empty, 'the seed rolls up month documents').toBe(false);
  const d = snap.docs[0]!;
  return { period: d.get('period') as string, data: d.data() };
}

describe('statistics (统计)', () => {
  it('the figures of a unit and month are those of its stored month document', async () => {
    const { period, data } = await latestMonth();
    const page = await signIn(await newContext(browser), 'town');
    await page.getByTestId('nav-stats').click();
    await page.locator('[data-testid=stats-figures][data-state=ready]').waitFor();
    await page.goto(`${CONSOLE_URL}/#/stats/figures?unit=${TOWN}&period=${period}`);
    const figures = page.locator(`[data-testid=stats-figures][data-state=ready][data-period="${period}"][data-unit="${TOWN}"]`);
    await figures.waitFor();
    expect(await figures.getAttribute('data-has-data')).toBe('yes');
    const n = (k: string) => (typeof data[k] === 'number' ? (data[k] as number) : 0);
    for (const k of ['received', 'accepted', 'resolved', 'closed', 'overdue', 'notAccepted', 'callbacks', 'petitions']) {
      expect(Number(await page.getByTestId(`stat-${k}`).getAttribute('data-value')), k).toBe(n(k));
    }
    // The rates are the domain's, from the same figures (docs/metrics.md).
    const r = rates(data as StatsFigures);
    for (const [k, v] of Object.entries(r)) {
      const shown = await page.getByTestId(`rate-${k}`).getAttribute('data-value');
      if (v === null) expect(shown, k).toBe('');
      else expect(Number(shown), k).toBeCloseTo(v, 10);
    }
    // The charts render (SVG), with their numbers in text for assistive technology.
    await page.getByTestId('chart-trend').locator('svg').first().waitFor();
    await page.getByTestId('chart-categories').locator('svg').first().waitFor();
    const entries = Object.entries((data.entries ?? {}) as Record<string, number>).sort((a, b) => b[1] - a[1]);
    if (entries.length) expect(Number(await page.getByTestId('ranking-row').first().getAttribute('data-value'))).toBe(entries[0]![1]);
    await shot(page, 'stats');

    // The same page on a 1920 px wall screen.
    const wall = await signIn(await newContext(browser, 1920, 1080), 'county-leader');
    await wall.goto(`${CONSOLE_URL}/#/stats/figures?unit=621126&period=${period}`);
    await wall.locator('[data-testid=stats-figures][data-state=ready][data-unit="621126"]').waitFor();
    await wall.getByTestId('chart-trend').locator('svg').first().waitFor();
    await shot(wall, 'stats-1920');
    await wall.context().close();
    await page.context().close();
  });

  it('exporting the ledger downloads an .xlsx whose header row is the Chinese ledger columns', async () => {
    const { period } = await latestMonth();
    const page = await signIn(await newContext(browser), 'town');
    await page.goto(`${CONSOLE_URL}/#/stats/figures?unit=${TOWN}&period=${period}`);
    await page.locator('[data-testid=stats-figures][data-state=ready]').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('export-ledger-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([...LEDGER_COLUMNS]);
    expect(ws.rowCount).toBeGreaterThan(1);
    await page.context().close();
  });

  it("the follow-up task list shows a resolved case's 回访 task", async () => {
    // The town reports, accepts and resolves a case (callables): its 回访 clock starts (7 days).
    const town = await signInAs('town');
    const title = `门前排水沟纠纷${stamp()}`;
    const { caseId } = await town.call<{ caseId: string }>('reportCase', {
      requestId: requestId(),
      gridId: '621126100001001',
      category: 'neighbour',
      source: 'walk_in',
      title,
      description: '两户因门前排水沟堵塞发生争执，经镇综治中心调解已疏通。',
      parties: [{ role: 'applicant', name: '孙立新', phone: null, idNumber: null, address: null }],
    });
    const version = async () => (await adminDb().collection('cases').doc(caseId).get()).get('version') as number;
    await town.call('caseAction', { caseId, expectedVersion: await version(), command: { action: 'accept' } });
    await town.call('caseAction', {
      caseId,
      expectedVersion: await version(),
      command: { action: 'resolve', outcome: 'explained', note: '经解释疏导，双方同意共同清理排水沟。' },
    });

    const page = await signIn(await newContext(browser), 'town');
    await page.getByTestId('nav-stats').click();
    await page.getByTestId('stats-tab-followups').click();
    await page.locator('[data-testid=followups][data-state=ready][data-due=upcoming]').waitFor();
    // Soonest first, a page at a time: the demo town has many tasks due before this one.
    const task = page.locator(`[data-testid=followup-task][data-case-id="${caseId}"][data-kind=callback]`);
    for (let i = 0; i < 20 && (await task.count()) === 0; i++) {
      const before = await page.getByTestId('followup-task').first().getAttribute('data-case-id');
      await page.getByTestId('followups-next').click();
      await page.waitForFunction((b) => document.querySelector('[data-testid=followup-task]')?.getAttribute('data-case-id') !== b, before);
      await page.locator('[data-testid=followup-list]:not(.stale)').waitFor();
    }
    await task.waitFor();
    expect(await task.textContent()).toContain(title);
    expect(await task.textContent()).toContain('回访');
    // The task can be done from the list: a 满意 callback takes it off (the clock is met), live.
    await page.getByTestId('followups-filter-callback').click();
    await shot(page, 'stats-followups');
    await task.getByTestId('followup-act').click();
    const form = page.getByTestId('action-form');
    await form.waitFor();
    await form.getByTestId('action-field-satisfaction-satisfied').click();
    await form.getByTestId('action-submit').click();
    // The form closes when the callable answered; if it stays, its error says why.
    await form.waitFor({ state: 'detached', timeout: 60_000 }).catch(async (e) => {
      throw new Error(`the callback form stayed open: ${await form.textContent().catch(() => '')}`, { cause: e });
    });
    await page.locator(`[data-testid=followup-task][data-case-id="${caseId}"][data-kind=callback]`).waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('a typical case published by the town appears for another user in the county', async () => {
    // A closed case the town handled (it reads it: the seed has several escalated to the town).
    const snap = await adminDb()
      .collection('cases')
      .where('accessUnits', 'array-contains', TOWN)
      .where('tier', 'in', ['town', 'county'])
      .where('state', '==', 'closed')
      .limit(1)
      .get();
    expect(snap.empty).toBe(false);
    const caseId = snap.docs[0]!.id;
    const parties = ((await adminDb().doc(`cases/${caseId}/private/parties`).get()).get('parties') ?? []) as { name: string }[];

    // A resident of the county keeps the typical-cases page open.
    const resident = await signIn(await newContext(browser, 390, 844), 'resident');
    await resident.getByTestId('nav-typical').click();
    await resident.locator('[data-testid=typical][data-state=ready]').waitFor();

    const town = await signIn(await newContext(browser), 'town');
    await town.goto(`${CONSOLE_URL}/#/cases/${caseId}`);
    await town.locator(`[data-testid=case-detail][data-case-id="${caseId}"][data-case-state=closed]`).waitFor();
    await town.getByTestId('publish-typical').click();
    const form = town.getByTestId('typical-form');
    await form.waitFor();
    const title = `邻里纠纷就地化解典型案例${stamp()}`;
    await form.getByTestId('typical-title').fill(title);
    await form.getByTestId('typical-lesson').fill('坚持“小事不出村”，网格员第一时间介入，村调委会当场调解，矛盾化解在萌芽状态。');
    await form.getByTestId('typical-submit').click();
    await town.locator('[data-testid=typical-publish][data-published=yes]').waitFor();

    // The resident's open page shows it without a reload, anonymised.
    const card = resident.locator(`[data-testid=typical-case][data-case-id="${caseId}"]`, { hasText: title });
    await card.waitFor({ timeout: 20_000 });
    const text = (await card.textContent())!;
    for (const p of parties) if (p.name.length >= 2) expect(text).not.toContain(p.name);
    expect(text).toContain('典型意义');
    await shot(resident, 'typical-cases-mobile');

    // And for a village center, on a wider screen.
    const village = await signIn(await newContext(browser), 'village2');
    await village.getByTestId('nav-typical').click();
    await village.locator(`[data-testid=typical-case][data-case-id="${caseId}"]`, { hasText: title }).waitFor();
    await shot(village, 'typical-cases');
    await village.context().close();
    await town.context().close();
    await resident.context().close();
  });
  it('the 研判预警 card shows the stored signal and notice figures of a town’s month and a county’s year', async () => {
    // Something to count: the town issues a warning notice now.
    const town = await signInAs('town');
    await town.call('issueNotice', {
      requestId: requestId(),
      recipient: { kind: 'department', id: '621126-police-minyang' },
      risk: `岷阳镇劳资纠纷苗头${stamp()}`,
      measures: '三日内排查用工单位欠薪情况并反馈',
    });
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    /** The stored month documents of a unit, summed and rated as docs/metrics.md says. */
    const stored = async (unit: string, months: string[]) => {
      const get = (c: string) => Promise.all(months.map((m) => adminDb().collection(c).doc(`${unit}_${m}`).get()));
      const [s, n] = await Promise.all([get('signalFigures'), get('noticeFigures')]);
      return sumJudgementFigures(
        s.map((d) => d.data() ?? {}),
        n.map((d) => d.data() ?? {}),
      );
    };
    const check = async (page: Page, unit: string, months: string[]) => {
      const card = page.locator(`[data-testid=judgement-figures][data-unit="${unit}"]`);
      await card.waitFor();
      const want = await stored(unit, months);
      for (const k of [...SIGNAL_FIGURES, ...NOTICE_FIGURES])
        expect(Number(await card.getByTestId(`judgement-fig-${k}`).getAttribute('data-value')), `${unit} ${k}`).toBe(want[k]);
      const r = judgementRates(want);
      for (const k of JUDGEMENT_RATES) {
        const shown = await card.getByTestId(`judgement-rate-${k}`).getAttribute('data-value');
        expect(shown, `${unit} ${k}`).toBe(r[k] === null ? '' : r[k]!.toFixed(4));
      }
      return want;
    };

    const page = await signIn(await newContext(browser), 'town');
    await page.goto(`${CONSOLE_URL}/#/stats/figures?unit=${TOWN}&period=${month}`);
    await page.locator(`[data-testid=stats-figures][data-state=ready][data-period="${month}"]`).waitFor();
    const mine = await check(page, TOWN, [month]);
    expect(mine.issued).toBeGreaterThanOrEqual(1);
    await expect(page.getByTestId('judgement-figures').textContent()).resolves.toContain('研判预警');
    if (process.env.FENGQIAO_SCREENSHOTS) {
      await settle(page);
      await page.getByTestId('judgement-figures').screenshot({ path: 'docs/screenshots/stats-judgement.png' });
    }
    // A village keeps no such figures: no card.
    await page.goto(`${CONSOLE_URL}/#/stats/figures?unit=${TOWN}001&period=${month}`);
    await page.locator(`[data-testid=stats-figures][data-state=ready][data-unit="${TOWN}001"]`).waitFor();
    await page.getByTestId('patrol-figures').waitFor();
    expect(await page.getByTestId('judgement-figures').count()).toBe(0);
    await page.context().close();

    // The county's leader, the whole year: the months up to this one, summed.
    const year = month.slice(0, 4);
    const leader = await signIn(await newContext(browser), 'county-leader');
    await leader.goto(`${CONSOLE_URL}/#/stats/figures?unit=621126&period=${year}`);
    await leader.locator(`[data-testid=stats-figures][data-state=ready][data-period="${year}"]`).waitFor();
    const months = Array.from({ length: Number(month.slice(5)) }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const county = await check(leader, '621126', months);
    expect(county.issued).toBeGreaterThanOrEqual(mine.issued);
    await leader.context().close();
  });
});
