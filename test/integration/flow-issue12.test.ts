// Issue 12 (flow), through the emulators: the grid worker's choice at submission, the village's
// take-over (接管) near or past the grid limit, a walk-in with the time left blank, the duty card's
// day equal to the walk-in's receiver, and the administrators' calendar import — with every
// refusal in plain Chinese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dutyDayAt } from '../../functions/src/domain';
import { caseIdFor } from '../../functions/src/lib/ids';
import { type Client, adminDb, callError, closeAdmin, eventually, requestId, signInAs } from '../helpers/emulator';

const GRID = '621126100001001';
const MACHINE = /string|undefined|expected|received|Invalid|无效输入|期望|实际接收|gridAction|receivedAt|offDays/;
const report = (over: Record<string, unknown> = {}) => ({
  requestId: requestId(),
  gridId: GRID,
  category: 'neighbour',
  title: '邻里排水沟堵塞纠纷',
  description: '两户因排水沟堵塞发生争执，需调解',
  parties: [{ role: 'applicant', name: '张三丰', phone: '13812345678', idNumber: null, address: null }],
  ...over,
});
const actions = async (caseId: string) =>
  (await adminDb().collection(`cases/${caseId}/events`).orderBy('seq').get()).docs.map((d) => d.get('action'));

let grid: Client, village: Client, town: Client, admin: Client;

beforeAll(async () => {
  [grid, village, town, admin] = await Promise.all(['grid', 'village', 'town', 'admin'].map(signInAs));
});
afterAll(async () => {
  await adminDb().doc('calendarYears/2099').delete();
  await closeAdmin();
});

describe("the grid worker's choice at submission (reportCase gridAction)", () => {
  it('就地化解: resolved at the grid in the same call, two events', async () => {
    const res = await grid.call<{ caseId: string; created: boolean; state: string; tier: string }>(
      'reportCase',
      report({ gridAction: { kind: 'resolve', outcome: 'solved_on_spot', note: '当场调解，双方同意疏通排水沟' } }),
    );
    expect(res).toMatchObject({ created: true, state: 'resolved', tier: 'grid' });
    const c = (await adminDb().doc(`cases/${res.caseId}`).get()).data()!;
    expect(c).toMatchObject({ state: 'resolved', tier: 'grid', outcome: 'solved_on_spot', version: 2 });
    expect(await actions(res.caseId)).toEqual(['report', 'resolve']);
  });

  it('上报村(社区): at the village at once, which is alerted', async () => {
    const res = await grid.call<{ caseId: string; state: string; tier: string }>(
      'reportCase',
      report({ gridAction: { kind: 'escalate', reason: '需要村委会协调' } }),
    );
    expect(res).toMatchObject({ state: 'reported', tier: 'village' });
    expect(await actions(res.caseId)).toEqual(['report', 'escalate']);
    const c = (await adminDb().doc(`cases/${res.caseId}`).get()).data()!;
    expect(c).toMatchObject({ tier: 'village', unitId: '621126100001', state: 'reported' });
    await eventually(async () => {
      const a = await adminDb().collection('alerts').where('caseId', '==', res.caseId).get();
      return a.docs.some((d) => d.get('kind') === 'case_escalated');
    });
  });

  it('a resend with the same requestId changes nothing and says where the case is', async () => {
    const body = report({ gridAction: { kind: 'escalate' } });
    const first = await grid.call<{ caseId: string }>('reportCase', body);
    const again = await grid.call<{ caseId: string; created: boolean; tier: string }>('reportCase', body);
    expect(again).toMatchObject({ caseId: first.caseId, created: false, tier: 'village' });
    expect(await actions(first.caseId)).toEqual(['report', 'escalate']);
  });

  it('refuses a choice where there is none to make, and a bad one, in plain Chinese; nothing written', async () => {
    const notGrid = report({ gridAction: { kind: 'escalate' } });
    const e1 = await callError(village, 'reportCase', notGrid);
    expect(e1.code).toBe('failed-precondition');
    expect(e1.message).toContain('无需选择就地化解或上报');
    const bad = report({ gridAction: { kind: 'resolve', outcome: 'mediated_agreement', note: '' } });
    const e2 = await callError(grid, 'reportCase', bad);
    expect(e2.code).toBe('invalid-argument');
    expect(e2.message).toMatch(/^提交的内容有误：/);
    expect(e2.message).toContain('化解方式');
    expect(e2.message).not.toMatch(MACHINE);
    expect(
      (
        await adminDb()
          .doc(`cases/${caseIdFor('621126', village.uid, notGrid.requestId)}`)
          .get()
      ).exists,
    ).toBe(false);
    expect(
      (
        await adminDb()
          .doc(`cases/${caseIdFor('621126', grid.uid, bad.requestId)}`)
          .get()
      ).exists,
    ).toBe(false);
  });
});

describe('接管 (take_over): the village takes a grid case over near or past the limit', () => {
  /** Moves the grid worker's limit: its warning time and due time `hours` from now. */
  const setLimit = async (caseId: string, warnInHours: number, dueInHours: number) => {
    const ref = adminDb().doc(`cases/${caseId}`);
    const c = (await ref.get()).data()!;
    const now = Date.now();
    const clocks = c.clocks.map((k: { kind: string; subject: string }) =>
      k.kind === 'tier' && k.subject === 'grid'
        ? { ...k, warnAt: new Date(now + warnInHours * 3_600_000), dueAt: new Date(now + dueInHours * 3_600_000) }
        : k,
    );
    await ref.update({ clocks });
  };
  const version = async (caseId: string) => (await adminDb().doc(`cases/${caseId}`).get()).get('version') as number;

  it('is refused before the warning time, naming the limit; allowed from then on', async () => {
    const { caseId } = await grid.call<{ caseId: string }>('reportCase', report());
    await setLimit(caseId, 20, 24);
    const early = await callError(village, 'caseAction', { caseId, expectedVersion: 1, command: { action: 'take_over' } });
    expect(early.code).toBe('failed-precondition');
    expect(early.message).toMatch(/网格员办理时限至.*村（社区）可以接管/);

    await setLimit(caseId, -1, 3);
    const res = await village.call<{ state: string; tier: string }>('caseAction', {
      caseId,
      expectedVersion: await version(caseId),
      command: { action: 'take_over', reason: '临近时限，村里接管' },
    });
    expect(res).toMatchObject({ state: 'accepted', tier: 'village' });
    const c = (await adminDb().doc(`cases/${caseId}`).get()).data()!;
    expect(c).toMatchObject({ tier: 'village', unitId: '621126100001', state: 'accepted' });
    expect(c.acceptedAt).toBeTruthy();
    const ev = (await adminDb().collection(`cases/${caseId}/events`).orderBy('seq').get()).docs.map((d) => d.data());
    expect(ev.map((e) => e.action)).toEqual(['report', 'take_over']);
    expect(ev[1]!.data).toMatchObject({ overdue: false, firstAccept: true });
  });

  it('past the limit: counted as overdue', async () => {
    const { caseId } = await grid.call<{ caseId: string }>('reportCase', report());
    await setLimit(caseId, -5, -1);
    await village.call('caseAction', { caseId, expectedVersion: await version(caseId), command: { action: 'take_over' } });
    const ev = (await adminDb().doc(`cases/${caseId}/events/000002`).get()).data()!;
    expect(ev).toMatchObject({ action: 'take_over', data: { overdue: true } });
  });

  it('is not for the grid worker, nor for the town (which does not read grid cases)', async () => {
    const { caseId } = await grid.call<{ caseId: string }>('reportCase', report());
    await setLimit(caseId, -5, -1);
    const v = await version(caseId);
    expect((await callError(grid, 'caseAction', { caseId, expectedVersion: v, command: { action: 'take_over' } })).code).toBe(
      'permission-denied',
    );
    expect((await callError(town, 'caseAction', { caseId, expectedVersion: v, command: { action: 'take_over' } })).code).toBe('not-found');
    expect((await adminDb().doc(`cases/${caseId}`).get()).get('tier')).toBe('grid');
  });
});

describe('walk-in with the time left blank', () => {
  const walkIn = (receivedAt: unknown) => ({
    requestId: requestId(),
    unitId: '621126100',
    ...(receivedAt === 'absent' ? {} : { receivedAt }),
    gridId: GRID,
    category: 'labour',
    title: '欠薪来访',
    description: '工人来访反映欠薪问题',
    petitioners: [{ role: 'applicant', name: '孙来访', phone: null, idNumber: null, address: null }],
  });

  it.each([
    ['null', null],
    ['blank', ''],
    ['left out', 'absent'],
  ])('%s means now, received by the leader the duty card names', async (_, receivedAt) => {
    const before = Date.now();
    const res = await town.call<{ caseId: string; receivedBy: { name: string; dutyDate: string } }>('recordWalkIn', walkIn(receivedAt));
    const c = (await adminDb().doc(`cases/${res.caseId}`).get()).data()!;
    expect(c.createdAt.toDate().getTime()).toBeGreaterThanOrEqual(before - 1000);
    // The card reads publicDuty with the same function (the handoff respected).
    const pub = (await adminDb().doc('publicDuty/621126100').get()).data()!;
    const card = dutyDayAt(pub.days as { date: string; name: string }[], new Date(), pub.handoff ?? '08:30');
    expect(card).toMatchObject({ name: res.receivedBy.name, date: res.receivedBy.dutyDate });
  });

  it('a bad time is refused in plain Chinese, naming the field', async () => {
    const e = await callError(town, 'recordWalkIn', walkIn('昨天上午'));
    expect(e.code).toBe('invalid-argument');
    expect(e.message).toMatch(/^提交的内容有误：来访时间：/);
    expect(e.message).not.toMatch(MACHINE);
  });
});

describe('importCalendar: administrators load a calendar file', () => {
  const file = { year: 2099, offDays: { '2099-01-01': '元旦', '2099-10-01': '国庆节' }, workdays: { '2099-10-10': '国庆节' } };

  it('an administrator imports; the year is stored with the file as its source and the name of who did it', async () => {
    expect(await admin.call('importCalendar', { calendar: file, filename: '2099.json' })).toEqual({ years: [2099] });
    const y = (await adminDb().doc('calendarYears/2099').get()).data()!;
    expect(y).toMatchObject({ year: 2099, offDays: file.offDays, workdays: file.workdays, source: 'file:2099.json', importedBy: '王建国' });
  });

  it('anyone else is refused', async () => {
    for (const who of [town, village]) {
      const e = await callError(who, 'importCalendar', { calendar: file });
      expect(e.code).toBe('permission-denied');
      expect(e.message).toContain('只有管理员');
    }
  });

  it.each([
    [{ ...file, offDays: { '2098-12-31': '元旦' } }, '放假日期：2098-12-31不属于2099年'],
    [{ ...file, year: '2099' }, '年份'],
    [[file, file], '出现了两次'],
    ['not a calendar', '提交的内容有误'],
  ])('a bad file is invalid-argument in plain Chinese (%#)', async (calendar, words) => {
    const e = await callError(admin, 'importCalendar', { calendar, filename: 'bad.json' });
    expect(e.code).toBe('invalid-argument');
    expect(e.message).toContain(words);
    expect(e.message).not.toMatch(MACHINE);
  });
});
