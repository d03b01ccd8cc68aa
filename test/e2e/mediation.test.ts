// The mediation chain in Chromium against the emulators: an administrator keeps the registry
// (调解组织 tab: an organisation and a mediator, with their figures); the handler assigns the
// registry mediator with the searchable picker, records a session and the 人民调解协议书, prints it
// (A4 page with the parties and the items), and records the 司法确认 application.
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, adminDb, closeAdmin, requestId, signInAs } from '../helpers/emulator';
import { CONSOLE_URL, launch, newContext, screenshot, signIn } from './browser';
import { act, pick, stamp } from './console';

let browser: Browser;
let grid: Client, village: Client, admin: Client;
const s = stamp().replace(/[^a-z0-9]/g, '');
const ORG_SLUG = `e2e-org-${s}`;
const MED_SLUG = `e2e-med-${s}`;
const ORG_NAME = `岷县交通纠纷调委会${s}`;
const MED_NAME = `马调解${s.slice(-2)}`;
// The handler's flow picks a registry mediator the API created (independent of the admin form test).
const FLOW_ORG = `621126-e2e-flow-${s}`;
const FLOW_MED = `621126-e2e-fmed-${s}`;
const FLOW_ORG_NAME = `城郊交通调委会${s}`;
const FLOW_MED_NAME = `孙金牌${s.slice(-2)}`;
let caseId = '';

beforeAll(async () => {
  browser = await launch();
  [grid, village, admin] = await Promise.all(['grid', 'village', 'admin'].map(signInAs));
  await admin.call('saveMediationOrg', { id: FLOW_ORG, name: FLOW_ORG_NAME, kind: 'professional', field: 'traffic', unitId: '621126' });
  await admin.call('saveMediator', { id: FLOW_MED, orgId: FLOW_ORG, name: FLOW_MED_NAME, title: '金牌调解员', specialties: ['traffic'] });
  ({ caseId } = await grid.call<{ caseId: string }>('reportCase', {
    requestId: requestId(),
    gridId: '621126100001001',
    category: 'traffic',
    title: '电动车剐蹭赔偿纠纷',
    description: '两车剐蹭，双方就赔偿金额争执不下',
    parties: [
      { role: 'applicant', name: '赵协议', phone: '13911112222', idNumber: null, address: '城郊村1社' },
      { role: 'respondent', name: '钱履行', phone: null, idNumber: null, address: null },
    ],
    gridAction: { kind: 'escalate', reason: '需要调解' },
  }));
  await village.call('caseAction', { caseId, expectedVersion: 2, command: { action: 'accept' } });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await Promise.all(
    [`mediationOrgs/621126-${ORG_SLUG}`, `mediators/621126-${MED_SLUG}`, `mediationOrgs/${FLOW_ORG}`, `mediators/${FLOW_MED}`].map((p) =>
      adminDb().doc(p).delete(),
    ),
  );
  await closeAdmin();
});

/** Waits until a form closes (saved), or fails with the error it shows. */
async function closedOrError(form: Locator) {
  const end = Date.now() + 60_000;
  for (;;) {
    if ((await form.count()) === 0) return;
    const err = form.locator('.submit-error');
    if ((await err.count()) > 0) throw new Error(`form refused: ${await err.first().textContent()}`);
    if (Date.now() > end) throw new Error('form did not close');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('mediation registry (administrator)', () => {
  it('adds a professional organisation and a mediator; both are listed with their figures', async () => {
    const page = await signIn(await newContext(browser), 'admin');
    await page.goto(`${CONSOLE_URL}/#/admin/mediation`);
    await page.getByTestId('admin-mediation').waitFor();
    await page.getByTestId('mediation-org-new').click();
    const form = page.getByTestId('mediation-org-form');
    await form.locator('#org-slug').fill(ORG_SLUG);
    await form.locator('#org-name').fill(ORG_NAME);
    await pick(page, 'org-kind', '行业性专业性调解组织', form);
    await pick(page, 'org-field', '道路交通', form);
    await form.locator('#org-unit').fill('621126');
    await form.getByTestId('mediation-org-save').click();
    await closedOrError(form);
    const orgRow = page.getByTestId('mediation-orgs-table').locator('tr', { hasText: ORG_NAME });
    await expect(orgRow.textContent()).resolves.toContain('道路交通');
    await expect(page.getByTestId(`org-figures-621126-${ORG_SLUG}`).getAttribute('data-open')).resolves.toBe('0');

    await page.getByTestId('mediator-new').click();
    const mf = page.getByTestId('mediator-form');
    await mf.locator('#mediator-slug').fill(MED_SLUG);
    await mf.locator('#mediator-name').fill(MED_NAME);
    await mf.locator('#mediator-title').fill('金牌调解员');
    await pick(page, 'mediator-org', ORG_NAME, mf);
    await pick(page, 'mediator-specialties', '道路交通', mf);
    await mf.locator('#mediator-name').click(); // closes the multiple select's list
    await mf.getByTestId('mediator-save').click();
    await closedOrError(mf);
    const medRow = page.getByTestId('mediators-table').locator('tr', { hasText: MED_NAME });
    await expect(medRow.textContent()).resolves.toContain('金牌调解员');
    await expect(medRow.textContent()).resolves.toContain(ORG_NAME);
    await screenshot(page, 'mediation-registry');
  }, 180_000);
});

describe('session → agreement → print → 司法确认 (the handler)', () => {
  it('assigns the registry mediator by specialty, records a session and the agreement, prints it, records the application', async () => {
    const page = await signIn(await newContext(browser), 'village');
    await page.goto(`${CONSOLE_URL}/#/cases/${encodeURIComponent(caseId)}`);
    await page.locator(`[data-testid=case-detail][data-case-id="${caseId}"]`).waitFor();
    await act(page, 'assign_mediator', async (form) => pick(page, 'action-field-mediatorId', FLOW_MED_NAME, form));
    const panel = page.getByTestId('case-mediation');
    await expect(panel.getByTestId('mediation-mediator').textContent()).resolves.toContain(FLOW_MED_NAME);

    await panel.getByTestId('mediation-session-new').click();
    const sf = page.getByTestId('session-form');
    await sf.locator('#session-at').fill('2026-11-02T09:30');
    await sf.locator('#session-place').fill('城郊村调解室');
    await sf.locator('#session-attendees').fill('赵协议、钱履行');
    await sf.locator('#session-summary').fill('双方同意按定损金额赔偿');
    await sf.getByTestId('session-save').click();
    await closedOrError(sf);
    await expect(panel.getByTestId('mediation-sessions').textContent()).resolves.toContain('城郊村调解室');

    await panel.getByTestId('mediation-agreement-open').click();
    const af = page.getByTestId('agreement-form');
    await pick(page, 'agreement-org', FLOW_ORG_NAME, af);
    await af.locator('#agreement-number').fill('岷调协〔2026〕E2E号');
    await af.locator('#agreement-facts').fill('双方驾驶电动车发生剐蹭，就赔偿金额发生争议。');
    const item = af.getByTestId('agreement-item-0');
    await item.getByLabel('协议内容').fill('钱履行赔偿赵协议修车费800元');
    await item.getByLabel('履行方式').fill('微信转账');
    await item.getByLabel('履行期限').fill('2026-11-20');
    await af.locator('#agreement-effective').fill('2026-11-02');
    await af.getByTestId('agreement-save').click();
    await closedOrError(af);
    const judicial = panel.getByTestId('mediation-judicial');
    await expect(judicial.textContent()).resolves.toContain('2026-12-02'); // 30 days from 11/3 (a Wednesday)
    await expect(panel.getByTestId('mediation-tasks').textContent()).resolves.toContain('2026-11-20');

    await panel.getByTestId('print-agreement').click();
    const sheet = page.getByTestId('agreement-sheet');
    await sheet.waitFor();
    const text = await sheet.textContent();
    for (const x of [
      '人民调解协议书',
      '赵协议',
      '钱履行',
      '钱履行赔偿赵协议修车费800元',
      '微信转账',
      '2026年11月20日前',
      FLOW_ORG_NAME,
      '生效日期：2026年11月2日',
    ])
      expect(text).toContain(x);
    await screenshot(page, 'mediation-agreement-print');
    await page.getByTestId('print-back').click();

    await page.getByTestId('case-mediation').getByTestId('mediation-judicial-open').click();
    const jf = page.getByTestId('judicial-form');
    await pick(page, 'judicial-court', '岷阳人民法庭', jf);
    await jf.locator('#judicial-applied').fill('2026-11-10');
    await jf.getByTestId('judicial-save').click();
    await closedOrError(jf);
    await page.locator('[data-testid=mediation-judicial][data-state=met]').waitFor();
    await expect(page.getByTestId('mediation-judicial-record').textContent()).resolves.toContain('岷阳人民法庭');
  }, 240_000);
});
