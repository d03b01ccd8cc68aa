// The case engine through the Functions emulator: every step by the role that owns it, denied
// actions, compare-and-set under 20 concurrent conflicting calls, and idempotent side effects.
import { collection, doc, getDoc, getDocs, query, updateDoc, where, arrayUnion } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, adminDb, callError, closeAdmin, eventually, requestId, signInAs } from '../helpers/emulator';
import { fanOutCaseEvent } from '../../functions/src/lib/side-effects';
import { refs } from '../../functions/src/lib/db';

const GRID = '621126100001001';
const POLICE = '621126-police-minyang';
let grid: Client, village: Client, town: Client, police: Client, justice: Client, grid2: Client, resident: Client, townLeader: Client;

const report = (c: Client, over: Record<string, unknown> = {}) =>
  c.call<{ caseId: string }>('reportCase', {
    requestId: requestId(),
    gridId: GRID,
    category: 'labour',
    title: '拖欠农民工工资纠纷',
    description: '工地拖欠12名工人工资，工人多次讨要未果',
    parties: [{ role: 'applicant', name: '王小二', phone: '13912345678', idNumber: null, address: null }],
    ...over,
  });
const version = async (caseId: string) => (await adminDb().doc(`cases/${caseId}`).get()).get('version') as number;
const act = async (c: Client, caseId: string, command: Record<string, unknown>) =>
  c.call<{ version: number; state: string; tier: string }>('caseAction', { caseId, expectedVersion: await version(caseId), command });

beforeAll(async () => {
  [grid, village, town, police, justice, grid2, resident, townLeader] = await Promise.all(
    ['grid', 'village', 'town', 'police', 'justice', 'grid2', 'resident', 'town-leader'].map(signInAs),
  );
});
afterAll(closeAdmin);

describe('a full lifecycle, each step by its owner', () => {
  it('report → escalate → accept → escalate → accept → dispatch → check-in → feedback → resolve → 回访 → close', async () => {
    const { caseId } = await report(grid);
    expect(await act(grid, caseId, { action: 'escalate', reason: '网格无法当场化解' })).toMatchObject({
      tier: 'village',
      state: 'reported',
    });
    expect(await act(village, caseId, { action: 'accept' })).toMatchObject({ state: 'accepted' });
    expect(await act(village, caseId, { action: 'escalate', reason: '涉及企业欠薪，需乡镇协调人社所' })).toMatchObject({
      tier: 'town',
      state: 'reported',
    });
    await act(town, caseId, { action: 'accept' });
    expect(
      await act(town, caseId, { action: 'dispatch', departmentIds: [POLICE], emergency: false, instructions: '请协助核实' }),
    ).toMatchObject({ state: 'in_progress' });
    // The department now reads the case and its parties, and checks in for itself only.
    expect((await getDoc(doc(police.db, 'cases', caseId))).get('dispatches')[0].state).toBe('dispatched');
    expect((await getDoc(doc(police.db, 'cases', caseId, 'private', 'parties'))).get('parties')[0].name).toBe('王小二');
    expect(
      (
        await callError(justice, 'caseAction', {
          caseId,
          expectedVersion: await version(caseId),
          command: { action: 'check_in', departmentId: POLICE },
        })
      ).code,
    ).toBe('not-found'); // no relation
    await act(police, caseId, { action: 'check_in', departmentId: POLICE });
    await act(police, caseId, { action: 'department_feedback', departmentId: POLICE, feedback: '已约谈项目负责人，承诺月底前结清' });
    expect(await act(town, caseId, { action: 'resolve', outcome: 'department_action', note: '工资已全部结清' })).toMatchObject({
      state: 'resolved',
    });
    await act(town, caseId, { action: 'callback', satisfaction: 'satisfied', note: '电话回访满意' });
    expect(await act(town, caseId, { action: 'close' })).toMatchObject({ state: 'closed', version: 11 });

    const events = (await adminDb().collection(`cases/${caseId}/events`).orderBy('seq').get()).docs.map((d) => d.data());
    expect(events.map((e) => e.action)).toEqual([
      'report',
      'escalate',
      'accept',
      'escalate',
      'accept',
      'dispatch',
      'check_in',
      'department_feedback',
      'resolve',
      'callback',
      'close',
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    // The village stays attached as territorial owner and keeps reading the case.
    expect((await getDoc(doc(village.db, 'cases', caseId))).get('state')).toBe('closed');
    // Side effects arrived: the escalation reached the town, the dispatch the police station.
    await eventually(async () => (await adminDb().collection('alerts').where('caseId', '==', caseId).get()).size >= 3);
    const alerts = (await adminDb().collection('alerts').where('caseId', '==', caseId).get()).docs.map((d) => d.data());
    expect(alerts.find((a) => a.kind === 'case_dispatched')).toMatchObject({ recipientDept: POLICE });
    expect(alerts.find((a) => a.kind === 'case_escalated' && a.recipientUnit === '621126100')).toBeTruthy();
    expect(JSON.stringify(alerts)).not.toMatch(/王小二|13912345678/);
    // The police officer sees their alert and may mark it read, and nothing else.
    const mine = await getDocs(query(collection(police.db, 'alerts'), where('recipientDept', '==', POLICE)));
    const a = mine.docs.find((d) => d.get('caseId') === caseId)!;
    await updateDoc(a.ref, { readBy: arrayUnion(police.uid) });
    await expect(updateDoc(a.ref, { title: 'changed' })).rejects.toMatchObject({ code: 'permission-denied' });
  });
});

describe('leader in charge (领导包案)', () => {
  it('is required before a group dispute can be accepted, then logs progress', async () => {
    const { caseId } = await report(grid, { flags: { group: true, groupSize: 12 } });
    expect((await adminDb().doc(`cases/${caseId}`).get()).get('tier')).toBe('town');
    const err = await callError(town, 'caseAction', { caseId, expectedVersion: 1, command: { action: 'accept' } });
    expect(err).toMatchObject({ code: 'failed-precondition' });
    expect(err.message).toMatch(/包案领导/);
    await act(town, caseId, {
      action: 'assign_leader',
      leaderUid: townLeader.uid,
      leaderName: '刘芳',
      team: ['综治中心', '人社所'],
      plan: '成立专班，逐户核实',
      dueDate: '2026-12-31',
    });
    await act(town, caseId, { action: 'accept' });
    await act(townLeader, caseId, { action: 'leader_progress', progress: '已召开协调会' });
    const c = (await adminDb().doc(`cases/${caseId}`).get()).data()!;
    expect(c.leader).toMatchObject({ uid: townLeader.uid, plan: '成立专班，逐户核实', dueDate: '2026-12-31' });
    await eventually(
      async () =>
        (await adminDb().collection('alerts').where('recipientUid', '==', townLeader.uid).where('caseId', '==', caseId).get()).size === 1,
    );
  });
});

describe('denied actions change nothing', () => {
  it('refuses actors without the relation, wrong states and wrong tiers', async () => {
    const { caseId } = await report(grid);
    const v = await version(caseId);
    expect(
      (await callError(grid2, 'caseAction', { caseId, expectedVersion: v, command: { action: 'escalate', reason: '越权' } })).code,
    ).toBe('not-found'); // no relation: the same answer as a missing case
    expect((await callError(village, 'caseAction', { caseId, expectedVersion: v, command: { action: 'accept' } })).code).toBe(
      'permission-denied',
    );
    expect((await callError(grid, 'caseAction', { caseId, expectedVersion: v, command: { action: 'close' } })).code).toBe(
      'failed-precondition',
    );
    await act(grid, caseId, { action: 'escalate', reason: '上报' });
    await act(village, caseId, { action: 'accept' });
    const e = await callError(village, 'caseAction', {
      caseId,
      expectedVersion: await version(caseId),
      command: { action: 'dispatch', departmentIds: [POLICE], emergency: false },
    });
    expect(e.code).toBe('failed-precondition');
    expect(
      (
        await callError(village, 'caseAction', {
          caseId,
          expectedVersion: 1,
          command: { action: 'resolve', outcome: 'explained', note: '旧版本' },
        })
      ).code,
    ).toBe('failed-precondition');
    expect(
      (await callError(village, 'caseAction', { caseId: '621126-doesnotexist', expectedVersion: 1, command: { action: 'accept' } })).code,
    ).toBe('not-found');
    expect(await version(caseId)).toBe(3);
    expect((await adminDb().collection(`cases/${caseId}/events`).get()).size).toBe(3);
  });

  it('refuses a return below the forced minimum tier', async () => {
    const { caseId } = await report(grid, { flags: { crossVillage: true } });
    const e = await callError(town, 'caseAction', { caseId, expectedVersion: 1, command: { action: 'return', reason: '请村里处理' } });
    expect(e.code).toBe('failed-precondition');
  });
});

describe('compare-and-set', () => {
  it('of 20 concurrent conflicting transitions exactly one wins, and history stays consistent', async () => {
    const { caseId } = await report(village);
    const clients = [village, ...(await Promise.all(Array.from({ length: 4 }, () => signInAs('village'))))];
    const commands = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0 ? { action: 'accept' } : { action: 'not_accept', reason: `并发${i}`, referral: 'court' },
    );
    const results = await Promise.allSettled(
      commands.map((command, i) => clients[i % clients.length]!.call('caseAction', { caseId, expectedVersion: 1, command })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const l of lost) expect(String(l.reason.code)).toBe('functions/failed-precondition');
    const c = (await adminDb().doc(`cases/${caseId}`).get()).data()!;
    const events = await adminDb().collection(`cases/${caseId}/events`).get();
    expect(c.version).toBe(2);
    expect(events.size).toBe(2);
  });
});

describe('side effects are idempotent', () => {
  it('a replayed event trigger writes no second alert', async () => {
    const { caseId } = await report(grid);
    await act(grid, caseId, { action: 'escalate', reason: '上报村' });
    const count = async () => (await adminDb().collection('alerts').where('caseId', '==', caseId).get()).size;
    await eventually(async () => (await count()) === 1);
    // Replay the trigger's work for the same event twice more, as at-least-once delivery may.
    // The trigger gets the created event with it (it carries `after`: nothing is read again).
    const e = (await refs(adminDb()).caseEvent(caseId, 2).get()).data()!;
    expect(e.after).toMatchObject({ tier: 'village', version: 2 });
    const again = await fanOutCaseEvent(adminDb(), caseId, e);
    await fanOutCaseEvent(adminDb(), caseId, e);
    expect(again).toMatchObject({ alerts: 0, skipped: 1 });
    expect(await count()).toBe(1);
  });
});

describe('residents (群众)', () => {
  it('submit, follow only the public part of their own request, and rate the result', async () => {
    const { caseId } = await resident.call<{ caseId: string }>('reportCase', {
      requestId: requestId(),
      gridId: GRID,
      category: 'property_mgmt',
      source: 'resident_app',
      title: '小区路灯不亮',
      description: '小区路灯坏了一个月没人修',
      parties: [{ role: 'applicant', name: '胡秀英', phone: '13700001111', idNumber: null, address: null }],
    });
    const c0 = (await adminDb().doc(`cases/${caseId}`).get()).data()!;
    expect(c0).toMatchObject({ tier: 'village', residentUid: resident.uid, source: 'resident_app' });
    // The resident reads their request view, never the case, its history or another's request.
    const view = await eventually(async () => {
      const s = await getDoc(doc(resident.db, 'requests', caseId));
      return s.exists() ? s.data() : null;
    });
    expect(view).toMatchObject({ state: 'reported', title: '小区路灯不亮' });
    await expect(getDoc(doc(resident.db, 'cases', caseId))).rejects.toMatchObject({ code: 'permission-denied' });
    await expect(getDoc(doc(resident.db, 'cases', caseId, 'events', '000001'))).rejects.toMatchObject({ code: 'permission-denied' });
    await expect(getDoc(doc(grid.db, 'requests', caseId))).rejects.toMatchObject({ code: 'permission-denied' });
    await act(village, caseId, { action: 'accept' });
    await act(village, caseId, { action: 'record_mediation', summary: '内部记录：物业经理态度消极', agreementReached: false });
    await act(village, caseId, { action: 'resolve', outcome: 'department_action', note: '已协调物业更换灯具' });
    const resolved = await eventually(async () => {
      const s = await getDoc(doc(resident.db, 'requests', caseId));
      return s.get('state') === 'resolved' ? s.data() : null;
    });
    expect(JSON.stringify(resolved)).not.toMatch(/物业经理态度消极/);
    expect(resolved.steps.map((s: { action: string }) => s.action)).toEqual(['report', 'accept', 'resolve']);
    await resident.call('caseAction', {
      caseId,
      expectedVersion: resolved.version,
      command: { action: 'callback', satisfaction: 'basically_satisfied' },
    });
    expect((await adminDb().doc(`cases/${caseId}`).get()).get('satisfaction')).toBe('basically_satisfied');
  });

  it('an unsatisfied rating reopens the case', async () => {
    const { caseId } = await report(village);
    await act(village, caseId, { action: 'accept' });
    await act(village, caseId, { action: 'resolve', outcome: 'explained', note: '解释疏导' });
    expect(await act(village, caseId, { action: 'callback', satisfaction: 'unsatisfied', note: '不满意' })).toMatchObject({
      state: 'in_progress',
    });
    expect((await adminDb().doc(`cases/${caseId}`).get()).get('reopenCount')).toBe(1);
  });
});
