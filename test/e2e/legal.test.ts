// The legal chain (issue 13) in real browsers: the court's officer watches its referrals and sees
// the result the center sends back arrive live; a 信访 复查 registered and decided; a one-stop
// referral to 法律援助 with its result. Cases are prepared through the callables (as the town).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, closeAdmin, requestId, signInAs } from '../helpers/emulator';
import { CONSOLE_URL, launch, newContext, signIn } from './browser';
import { act, stamp } from './console';

const COURT = '621126-court-minyang';
let browser: Browser;
let town: Client;
const report = (over: Record<string, unknown>) => ({
  requestId: requestId(),
  gridId: '621126100001001',
  category: 'contract',
  title: `合同纠纷${stamp()}`,
  description: '双方因货款支付发生争议，需调解处理',
  parties: [{ role: 'applicant', name: '韩梅梅', phone: '13912345678', idNumber: null, address: null }],
  ...over,
});
async function caseIn(over: Record<string, unknown>, commands: Record<string, unknown>[]): Promise<string> {
  const { caseId } = await town.call<{ caseId: string }>('reportCase', report(over));
  let v = 1;
  for (const command of commands) v = (await town.call<{ version: number }>('caseAction', { caseId, expectedVersion: v, command })).version;
  return caseId;
}

beforeAll(async () => {
  browser = await launch();
  town = await signInAs('town');
});
afterAll(async () => {
  await browser?.close();
  await closeAdmin();
});

describe('诉调对接 in the console', () => {
  it('the court officer sees its referral, its state, and the result sent back arriving live', async () => {
    const caseId = await caseIn({ source: 'court_referral' }, [
      { action: 'accept' },
      { action: 'record_origin', kind: 'court', departmentId: COURT, ref: `(2026)甘1126民诉前调${stamp()}号`, referredOn: '2026-03-02' },
    ]);
    const court = await signIn(await newContext(browser, 390, 844), 'court');
    await court.getByTestId('dept-tab-referrals').click();
    const referral = court.locator(`[data-testid=referral][data-case-id="${caseId}"]`);
    await referral.waitFor({ timeout: 30_000 });
    expect(await referral.getAttribute('data-result')).toBe('');
    expect(await referral.getByTestId('referral-state').textContent()).toContain('已受理');

    // The town's staff send the result back with the console's form.
    const page = await signIn(await newContext(browser), 'town');
    await page.goto(`${CONSOLE_URL}/#/cases/${caseId}`);
    await page.locator(`[data-testid=case-detail][data-case-id="${caseId}"][data-state=ready]`).waitFor();
    await act(page, 'report_back', async (form) => {
      await form.getByTestId('action-field-result-failed_filing').click();
      await form.getByTestId('action-field-note').fill('双方分歧较大，调解不成，退回法院立案');
    });
    await page.locator('[data-testid=legal-origin][data-result=failed_filing]').waitFor();

    // The court's desk shows it without a reload.
    await court.locator(`[data-testid=referral][data-case-id="${caseId}"][data-result=failed_filing]`).waitFor({ timeout: 30_000 });
    expect(await court.locator(`[data-testid=referral][data-case-id="${caseId}"]`).getByTestId('referral-result').textContent()).toContain(
      '调解不成，退回法院立案',
    );
  });
});

describe('信访 复查 in the console', () => {
  it('registers the petitioner’s 复查 request after the answer and records the decision', async () => {
    const caseId = await caseIn({ source: 'letter', title: `来信反映补偿问题${stamp()}` }, [
      { action: 'accept' },
      { action: 'resolve', outcome: 'explained', note: '已书面答复信访人' },
    ]);
    const page = await signIn(await newContext(browser), 'town');
    await page.goto(`${CONSOLE_URL}/#/cases/${caseId}`);
    await page.getByTestId('legal-request-by').waitFor();
    await act(page, 'request_review', async (form) => {
      await form.getByTestId('action-field-body').fill('岷县信访局');
      await form.getByTestId('action-field-note').fill('信访人不服处理意见，申请复查');
    });
    await page.locator('[data-testid=legal-review][data-outcome=""]').waitFor();
    await act(page, 'decide_review', async (form) => {
      await form.getByTestId('action-field-outcome-changed').click();
      await form.getByTestId('action-field-opinion').fill('变更原处理意见第二项');
    });
    const decided = page.locator('[data-testid=legal-review][data-outcome=changed]');
    await decided.waitFor();
    expect(await decided.textContent()).toContain('变更');
  });
});

describe('一站式转介 in the console', () => {
  it('refers a person to 法律援助 and records the result', async () => {
    const caseId = await caseIn({ title: `劳务费纠纷${stamp()}` }, [{ action: 'accept' }]);
    const page = await signIn(await newContext(browser), 'town');
    await page.goto(`${CONSOLE_URL}/#/cases/${caseId}`);
    await page.locator(`[data-testid=case-detail][data-case-id="${caseId}"][data-state=ready]`).waitFor();
    await act(page, 'refer_service', async (form) => {
      await form.getByTestId('action-field-service-legal_aid').click();
      await form.getByTestId('action-field-note').fill('申请人经济困难，转介法律援助中心');
    });
    await page.locator('[data-testid=legal-service][data-service=legal_aid][data-state=open]').waitFor();
    await act(page, 'record_service_result', async (form) => {
      await form.getByTestId('action-field-result-served').click();
      await form.getByTestId('action-field-note').fill('法律援助中心已指派律师');
    });
    const done = page.locator('[data-testid=legal-service][data-service=legal_aid][data-state=done]');
    await done.waitFor();
    expect(await done.textContent()).toContain('已提供服务');
  });
});
