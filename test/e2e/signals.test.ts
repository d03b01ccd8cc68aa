// 研判 · 风险信号 in a real browser, as the town's staff: three environment complaints in one
// village raise a cluster (`fengqiao signals run --at`); the signal shows on the 研判 page with its
// cases (numbers and masked titles, no party), is acknowledged, then dismissed with a reason — the
// page follows live. A key person registered at red shows as a signal named by its register label,
// never by the person.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, adminDb, closeAdmin, requestId, signInAs } from '../helpers/emulator';
import { CONSOLE_URL, launch, newContext, signIn } from './browser';
import { stamp } from './console';

const run = promisify(execFile);
let browser: Browser;
let town: Client;
const PARTY = '污染投诉人';
const ids: string[] = [];
const KP_NAME = '信号页重点人';
let kpId = '';

beforeAll(async () => {
  browser = await launch();
  town = await signInAs('town');
  const s = stamp();
  for (let i = 0; i < 3; i++) {
    const { caseId } = await town.call<{ caseId: string }>('reportCase', {
      requestId: requestId(),
      gridId: '621126100001001',
      category: 'environment',
      title: `养殖场异味扰民${s}第${i}起`,
      description: '村民反映养殖场异味严重',
      parties: [{ role: 'applicant', name: PARTY, phone: '13700001234', idNumber: null, address: null }],
    });
    ids.push(caseId);
  }
  const village = await signInAs('village');
  const grid = await signInAs('grid');
  kpId = (
    await village.call<{ id: string }>('saveKeyPerson', {
      requestId: requestId(),
      kind: 'person',
      category: '社区矫正对象',
      gridId: '621126100001001',
      risk: 'red',
      gridWorkerUid: grid.uid,
      leaderUid: null,
      personal: { name: KP_NAME, idNumber: null, phone: '13700004321', address: null, note: null },
    })
  ).id;
  await run(process.execPath, ['bin/fengqiao.mjs', 'signals', 'run', '--at', new Date(Date.now() + 60_000).toISOString()], {
    env: { ...process.env, METADATA_SERVER_DETECTION: 'none' },
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await closeAdmin();
});

describe('研判 · 风险信号', () => {
  it('the town sees the cluster with its cases, acknowledges it, then dismisses it with a reason', async () => {
    const all = await adminDb().collection('signals').get();
    const sig = all.docs
      .map((d) => d.data() as { id: string; kind: string; scope: { level: string }; evidence: { caseId: string }[] })
      .find((x) => x.kind === 'cluster' && x.scope.level === 'village' && ids.every((id) => x.evidence.some((e) => e.caseId === id)))!;
    expect(sig).toBeDefined();

    const page = await signIn(await newContext(browser), 'town');
    await page.goto(`${CONSOLE_URL}/#/signals`);
    const card = page.locator(`[data-testid=signal][data-signal-id="${sig.id}"]`);
    await card.waitFor({ timeout: 30_000 });
    expect(await card.getByTestId('signal-summary').textContent()).toContain('环境污染');
    const evidence = (await card.getByTestId('signal-evidence').textContent()) ?? '';
    for (const id of ids) expect(evidence).toContain(id.replace(/^\d{6}-/, ''));
    expect(await page.locator('body').textContent()).not.toContain(PARTY);

    await card.getByTestId('signal-ack').click();
    await page.locator(`[data-testid=signal][data-signal-id="${sig.id}"][data-state=acknowledged]`).waitFor();
    await card.getByTestId('signal-dismiss').click();
    await page.getByTestId('signal-reason').fill('已现场核实，养殖场已整改');
    await page.getByTestId('signal-dismiss-ok').click();
    await page.locator(`[data-testid=signal][data-signal-id="${sig.id}"][data-state=dismissed]`).waitFor();
    expect(await card.textContent()).toContain('已现场核实，养殖场已整改');
  });

  it('a key person registered at red shows with its register label, not the person', async () => {
    const all = await adminDb().collection('signals').where('kind', '==', 'key_person').get();
    const sig = all.docs
      .map((d) => d.data() as { id: string; evidence: { recordId?: string }[] })
      .find((x) => x.evidence.some((e) => e.recordId === kpId))!;
    expect(sig).toBeDefined();
    const page = await signIn(await newContext(browser), 'town');
    await page.goto(`${CONSOLE_URL}/#/signals`);
    const card = page.locator(`[data-testid=signal][data-signal-id="${sig.id}"]`);
    await card.waitFor({ timeout: 30_000 });
    expect(await card.getByTestId('signal-summary').textContent()).toContain('新登记红色风险重点对象');
    const line = card.locator('[data-testid=signal-evidence] li[data-source=key_person]');
    expect(await line.textContent()).toMatch(/重点人员（社区矫正对象，.+，编号[0-9A-Z]{6}）/);
    expect(await page.locator('body').textContent()).not.toContain(KP_NAME);
  });
});
