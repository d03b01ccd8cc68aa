// 重点人员 on a 390 px phone (issue 14): the responsible grid worker finds the record in their list
// (risk colour, visit due), opens the personal data through the audited callable (the opening is
// logged with its purpose), and records a visit without signal — it waits in the outbox and
// arrives exactly once when the signal returns. A department officer has no such page: no menu
// entry, the route refused, the records unreadable.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../functions/src/seed/demo-county';
import { adminAuth, adminDb, closeAdmin, requestId, signInAs } from '../helpers/emulator';
import { CONSOLE_URL, launch, newContext, screenshot, signIn } from './browser';

const G = '621126100001001';
const NAME = '赵某某';
let browser: Browser;
let kpId: string;
const uidOf = async (key: string) => (await adminAuth().getUserByEmail(DEMO_ACCOUNTS.find((a) => a.key === key)!.email)).uid;

beforeAll(async () => {
  browser = await launch();
  const village = await signInAs('village');
  const r = await village.call<{ id: string }>('saveKeyPerson', {
    requestId: requestId(),
    kind: 'person',
    category: '刑满释放人员',
    gridId: G,
    risk: 'red',
    gridWorkerUid: await uidOf('grid'),
    leaderUid: await uidOf('town-leader'),
    personal: { name: NAME, idNumber: '621126198001011234', phone: '13900001234', address: '城郊村2组8号', note: null },
  });
  kpId = r.id;
});
afterAll(async () => {
  await browser?.close();
  await closeAdmin();
});

describe('key persons on a phone', () => {
  it('the grid worker opens the personal data (logged) and records a visit offline, delivered once', async () => {
    const ctx = await newContext(browser, 390, 844);
    const page = await signIn(ctx, 'grid');
    await page.getByTestId('nav-keypersons').click();
    const item = page.locator(`[data-testid=kp-item][data-id="${kpId}"]`);
    await item.waitFor();
    expect(await item.getByTestId('kp-risk').getAttribute('data-risk')).toBe('red');
    expect(await item.textContent()).not.toContain(NAME);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
    await item.click();
    const drawer = page.getByTestId('kp-drawer');
    await drawer.getByTestId('kp-personal').waitFor();
    expect(await drawer.textContent()).not.toContain(NAME);

    const uid = await uidOf('grid');
    const logs = async () =>
      (await adminDb().collection('keyPersonAccess').where('keyPersonId', '==', kpId).get()).docs
        .map((d) => d.data())
        .filter((l) => l.action === 'open');
    expect(await logs()).toHaveLength(0);
    await drawer.getByTestId('kp-open-personal').click();
    await page.getByTestId('kp-purpose').fill('入户走访前核对');
    await page.getByRole('button', { name: '确认查看' }).click();
    await page.locator('[data-testid=kp-name], [data-testid=kp-personal] [role=alert]').first().waitFor();
    expect(await drawer.getByTestId('kp-personal').textContent()).toContain(NAME);
    expect((await logs()).map((l) => [l.byUid, l.role, l.purpose])).toEqual([[uid, 'grid_worker', '入户走访前核对']]);
    await screenshot(page, 'keypersons-mobile');

    // Without signal: the visit waits in the outbox, then arrives once.
    await ctx.setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    const form = drawer.getByTestId('kp-visit-form');
    const rid = (await form.getAttribute('data-request-id'))!;
    await form.getByText('平稳').click();
    await drawer.getByTestId('kp-visit-note').fill('本人在家，情绪稳定');
    await drawer.getByTestId('kp-visit-submit').click();
    await page.locator('[data-testid=outbox-badge][data-count="1"]').waitFor();
    expect(await form.getAttribute('data-request-id')).not.toBe(rid);
    expect((await adminDb().doc(`keyPersons/${kpId}`).get()).get('visits')).toBe(0);
    await ctx.setOffline(false);
    await page.getByTestId('outbox-badge').waitFor({ state: 'detached', timeout: 60_000 });
    await drawer.getByTestId('kp-visit').first().waitFor();
    const kp = (await adminDb().doc(`keyPersons/${kpId}`).get()).data()!;
    expect(kp).toMatchObject({ visits: 1, visitsOnTime: 1, overdue: false });
    expect((await adminDb().collection(`keyPersons/${kpId}/keyVisits`).get()).size).toBe(1);
    await ctx.close();
  }, 180_000);

  it('the village edits the record on a phone: the risk level changes, the personal data is kept, the edit is logged', async () => {
    const ctx = await newContext(browser, 390, 844);
    const page = await signIn(ctx, 'village');
    await page.getByTestId('nav-keypersons').click();
    await page.locator(`[data-testid=kp-item][data-id="${kpId}"]`).click();
    await page.getByTestId('kp-edit').click();
    const form = page.getByTestId('kp-register-form');
    await form.waitFor();
    const version = (await adminDb().doc(`keyPersons/${kpId}`).get()).get('version') as number;
    await form.getByText('黄色·中风险').click();
    await form.getByRole('button', { name: '保存修改' }).click();
    await page.locator('.ant-message', { hasText: '已保存' }).waitFor();
    const kp = (await adminDb().doc(`keyPersons/${kpId}`).get()).data()!;
    expect(kp).toMatchObject({ risk: 'yellow', everyDays: 14, version: version + 1 });
    expect((await adminDb().doc(`keyPersons/${kpId}/personal/data`).get()).get('name')).toBe(NAME);
    const edits = await adminDb().collection('keyPersonAccess').where('keyPersonId', '==', kpId).where('action', '==', 'edit').get();
    expect(edits.size).toBe(1);
    await ctx.close();
  }, 120_000);

  it('a department officer sees no registry: no menu entry, the page refused, the record unreadable', async () => {
    const ctx = await newContext(browser, 390, 844);
    const page = await signIn(ctx, 'police');
    expect(await page.getByTestId('nav-keypersons').count()).toBe(0);
    await page.goto(`${CONSOLE_URL}/#/keypersons`);
    await page.getByTestId('page-forbidden').waitFor();
    expect(await page.getByTestId('kp-list').count()).toBe(0);
    const police = await signInAs('police');
    const { doc, getDoc } = await import('firebase/firestore');
    await expect(getDoc(doc(police.db, 'keyPersons', kpId))).rejects.toMatchObject({ code: 'permission-denied' });
    await ctx.close();
  }, 120_000);
});
