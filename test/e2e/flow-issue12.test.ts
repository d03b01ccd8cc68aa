// Issue 12 (flow) in real browsers, as the role that meets each point: the grid worker chooses
// 就地化解 at submission; the village sees a grid case's limit and takes it over (接管) once it is
// near; the town's staff registers a walk-in with the time left blank and the duty card names the
// leader who receives it; the administrator imports a holiday calendar file and edits a rotation.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, adminDb, closeAdmin, requestId, signInAs } from '../helpers/emulator';
import { CONSOLE_URL, launch, newContext, signIn } from './browser';
import { act, detailIn, pick, stamp } from './console';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await adminDb().doc('calendarYears/2098').delete();
  await adminDb().doc('rosters/621126102').delete();
  await closeAdmin();
});

describe('no dead ends (flow, issue 12)', () => {
  it('the grid worker must choose at submission, and 就地化解 closes the case at once', async () => {
    const grid = await signIn(await newContext(browser, 390, 844), 'grid');
    await grid.getByTestId('nav-report').click();
    await grid.getByTestId('report-form').waitFor();
    await pick(grid, 'report-category', '邻里');
    const title = `邻里噪音纠纷${stamp()}`;
    await grid.getByTestId('report-title').fill(title);
    await grid.getByTestId('report-description').fill('楼上住户夜间装修噪音扰民，邻居多次上门争执。');
    await grid.getByTestId('report-party-name-0').fill('钱多多');
    // Without a choice the form says what to do, in plain words, and sends nothing.
    await grid.getByTestId('report-submit').click();
    await grid.getByText('请选择“就地化解”或“上报村（社区）”').first().waitFor();
    await grid.getByTestId('report-grid-resolve').click();
    await grid.getByTestId('report-grid-outcome-solved_on_spot').click();
    await grid.getByTestId('report-grid-note').fill('当场协调，楼上住户同意晚上八点后停止施工。');
    await grid.getByTestId('report-submit').click();
    await grid.getByTestId('case-detail').and(grid.locator('[data-state=ready]')).waitFor();
    const caseId = (await grid.getByTestId('case-detail').getAttribute('data-case-id'))!;
    await detailIn(grid, caseId, 'resolved', 'grid').waitFor();
    const events = (await adminDb().collection(`cases/${caseId}/events`).orderBy('seq').get()).docs.map((d) => d.get('action'));
    expect(events).toEqual(['report', 'resolve']);
    await grid.context().close();
  });

  it('the village sees a grid case’s limit and takes it over once the limit is near', async () => {
    const gridClient: Client = await signInAs('grid');
    const { caseId } = await gridClient.call<{ caseId: string }>('reportCase', {
      requestId: requestId(),
      gridId: '621126100001001',
      category: 'neighbour',
      title: `宅基地边界纠纷${stamp()}`,
      description: '两户因宅基地边界石移位发生争执',
      parties: [{ role: 'applicant', name: '孙大成', phone: null, idNumber: null, address: null }],
    });
    const ref = adminDb().doc(`cases/${caseId}`);
    const setLimit = async (warnInHours: number, dueInHours: number) => {
      const c = (await ref.get()).data()!;
      const now = Date.now();
      await ref.update({
        clocks: c.clocks.map((k: { kind: string; subject: string }) =>
          k.kind === 'tier' && k.subject === 'grid'
            ? { ...k, warnAt: new Date(now + warnInHours * 3_600_000), dueAt: new Date(now + dueInHours * 3_600_000) }
            : k,
        ),
      });
    };
    await setLimit(20, 24);
    const village = await signIn(await newContext(browser), 'village');
    await village.goto(`${CONSOLE_URL}/#/cases/${caseId}`);
    await detailIn(village, caseId, 'reported', 'grid').waitFor();
    // Not a dead end: who acts, until when, and when the village may step in.
    const next = village.getByTestId('next-step');
    await next.waitFor();
    expect(await next.textContent()).toMatch(/网格员.*正在处理（待受理），办理时限至/);
    expect(await next.textContent()).toContain('村（社区）综治中心可以接管');
    expect(await village.getByTestId('action-take_over').count()).toBe(0);

    // The limit is near: the page follows live and offers 接管.
    await setLimit(-1, 3);
    await village.getByTestId('action-take_over').waitFor();
    expect(await next.textContent()).toContain('可以“接管”');
    await act(village, 'take_over', (f) => f.getByTestId('action-field-reason').fill('网格员临近时限未处理，村里接管'));
    await detailIn(village, caseId, 'accepted', 'village').waitFor();
    expect((await ref.get()).get('tier')).toBe('village');
    await village.context().close();
  });

  it('the town registers a walk-in with the time left blank; the duty card names who receives it', async () => {
    const town = await signIn(await newContext(browser), 'town');
    await town.goto(`${CONSOLE_URL}/#/dashboard`);
    await town.locator('[data-testid=dash-duty][data-state=ready]').waitFor();
    const cardName = await town.getByTestId('dash-duty-name').getAttribute('data-name');
    await town.getByTestId('nav-duty').click();
    await town.getByTestId('duty-tab-walkin').click();
    await town.getByTestId('walkin-form').waitFor();
    const onDuty = town.getByTestId('walkin-on-duty-name');
    await onDuty.waitFor();
    const formName = await onDuty.getAttribute('data-name');
    expect(formName).toBe(cardName);
    expect(await town.getByTestId('walkin-received-at').inputValue()).toBe('');
    await pick(town, 'walkin-village', '城郊村');
    await pick(town, 'walkin-grid', '城郊村第1网格');
    await pick(town, 'walkin-category', '劳动争议');
    await town.getByTestId('walkin-title').fill(`欠薪来访${stamp()}`);
    await town.getByTestId('walkin-description').fill('来访人反映在城郊村工地务工被拖欠工资三个月。');
    await town.getByTestId('walkin-name-0').fill('周来访');
    await town.getByTestId('walkin-submit').click();
    const by = town.getByTestId('walkin-received-by');
    await by.waitFor({ timeout: 30_000 });
    expect(await by.getAttribute('data-name')).toBe(formName);
    expect(await onDuty.count()).toBe(0); // the form is done
    await town.context().close();
  });

  it('the administrator imports a holiday calendar file, and a bad one is explained in Chinese', async () => {
    const admin = await signIn(await newContext(browser), 'admin');
    await admin.goto(`${CONSOLE_URL}/#/admin/calendar`);
    await admin.getByTestId('calendar-import').waitFor();
    expect(await admin.getByTestId('admin-calendar').textContent()).not.toContain('fengqiao calendar');
    const file = (calendar: unknown) => ({
      name: '2098.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(calendar)),
    });
    await admin.getByTestId('calendar-import-file').setInputFiles(file({ year: 2098, offDays: { '2099-01-01': '元旦' }, workdays: {} }));
    const error = admin.getByTestId('calendar-import-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('放假日期：2099-01-01不属于2098年');
    expect(await admin.getByTestId('calendar-import-submit').isDisabled()).toBe(true);
    await admin
      .getByTestId('calendar-import-file')
      .setInputFiles(file({ year: 2098, offDays: { '2098-01-01': '元旦', '2098-10-01': '国庆节' }, workdays: { '2098-10-11': '国庆节' } }));
    await admin.getByTestId('calendar-import-preview').waitFor();
    await admin.getByTestId('calendar-import-submit').click();
    await admin.getByText('已导入2098年的节假日安排').waitFor();
    const y = (await adminDb().doc('calendarYears/2098').get()).data()!;
    expect(y).toMatchObject({ year: 2098, source: 'file:2098.json', importedBy: '王建国' });
    await admin.context().close();
  });

  it('the administrator edits a town’s rotation, choosing leaders by name', async () => {
    const admin = await signIn(await newContext(browser), 'admin');
    await admin.goto(`${CONSOLE_URL}/#/duty/roster?unit=621126102`);
    const editor = admin.getByTestId('roster-edit');
    await editor.waitFor();
    await pick(admin, 'roster-edit-weekday', '刘芳');
    await admin.keyboard.press('Escape');
    await pick(admin, 'roster-edit-duty', '赵志刚');
    await admin.keyboard.press('Escape');
    await admin.getByTestId('roster-edit-handoff').fill('09:00');
    await admin.getByTestId('roster-edit-save').click();
    await admin.getByText('值班轮次已保存').waitFor();
    const cfg = (await adminDb().doc('rosters/621126102').get()).data()!;
    expect(cfg).toMatchObject({ unitId: '621126102', unitName: '西寨镇', handoff: '09:00' });
    expect(cfg.weekday.map((l: { name: string }) => l.name)).toEqual(['刘芳']);
    expect(cfg.duty.map((l: { name: string }) => l.name)).toEqual(['赵志刚']);
    // The saved rotation shows on the page, by name.
    await admin.getByTestId('roster-rotations').waitFor();
    expect(await admin.getByTestId('roster-rotations').textContent()).toContain('刘芳');
    await admin.context().close();
  });

  it('the administrator links a leader to a town and a village, picking the leader from the staff directory by name', async () => {
    // Start from no linkage for her (the integration tests link her to two villages earlier in a run).
    for (const d of (await adminDb().collection('linkages').where('leaderName', '==', '刘芳').get()).docs) await d.ref.delete();
    const admin = await signIn(await newContext(browser), 'admin');
    await admin.goto(`${CONSOLE_URL}/#/duty/visits`);
    await admin.getByTestId('linkage-edit').waitFor();
    // The picker offers leaders only, each with title and unit (no account IDs).
    await admin.getByTestId('linkage-leader').click();
    await admin.keyboard.type('刘芳');
    const option = admin.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) [data-testid=staff-option]', { hasText: '刘芳' });
    await option.first().waitFor();
    expect(await option.first().textContent()).toContain('岷阳镇');
    await admin.keyboard.press('Enter');
    await pick(admin, 'linkage-town', '岷阳镇');
    // Several villages may be chosen: click the one wanted (Enter would take the active option).
    await admin.getByTestId('linkage-villages').click();
    await admin.keyboard.type('城郊村');
    await admin
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '城郊村' })
      .first()
      .click();
    await admin.keyboard.press('Escape');
    await admin.getByTestId('linkage-save').click();
    await admin.getByText('挂点联系已保存').waitFor();
    const saved = await adminDb().collection('linkages').where('leaderName', '==', '刘芳').get();
    expect(saved.docs.map((d) => d.data())).toEqual([
      expect.objectContaining({ leaderName: '刘芳', countyId: '621126', townId: '621126100', villageIds: ['621126100001'] }),
    ]);
    for (const d of saved.docs) await d.ref.delete();
    await admin.context().close();
  });
});
