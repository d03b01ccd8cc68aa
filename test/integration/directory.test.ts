// Issue 17: each county's directory (directories/{countyId}: its grids, departments and robots)
// kept by the triggers on grids, departments and webhooks, against the emulators; a report and a
// dispatch check the grid and departments there (one not yet there is read, and added); events
// carry the robots their alerts go to, so the event trigger looks up no webhooks.
import { FieldValue } from 'firebase-admin/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseCommand, type Claims, ReportCaseInput } from '../../functions/src/domain';
import { applyCaseCommand, reportCaseTx } from '../../functions/src/lib/case-service';
import { clearConfigCache } from '../../functions/src/lib/config';
import { rebuildDirectory } from '../../functions/src/lib/directory';
import { fanOutCaseEvent } from '../../functions/src/lib/side-effects';
import { refs } from '../../functions/src/lib/db';
import { adminDb, closeAdmin, eventually } from '../helpers/emulator';

const COUNTY = '621126';
const V = '621126100013'; // 牛蹄湾村: a village no other test reports into
const GRID = `${V}001`;
const NEW_GRID = `${V}088`; // not in the demo
const DEPT = '621126-dirtest-court';
const HOOK = 't-directory';
const TOWN = '621126100';
const village: Claims = { r: 'village_staff', u: V, c: COUNTY, t: TOWN, v: V };
const town: Claims = { r: 'town_staff', u: TOWN, c: COUNTY, t: TOWN };
const actor = (c: Claims, uid: string) => ({ uid, role: c.r, unitId: c.u, name: null });
const at = (s: string) => () => new Date(`${s}+08:00`);
const dir = async () => (await adminDb().doc(`directories/${COUNTY}`).get()).data() ?? {};

async function cleanUp() {
  await adminDb().doc(`grids/${NEW_GRID}`).delete();
  await adminDb().doc(`departments/${DEPT}`).delete();
  await adminDb().doc(`webhooks/${HOOK}`).delete();
  for (const id of ['621126-dir-R1', '621126-dir-R2', '621126-dir-R3']) await adminDb().recursiveDelete(adminDb().doc(`cases/${id}`));
  for (const d of (await adminDb().collection('outbox').where('webhookId', '==', HOOK).get()).docs) await d.ref.delete();
}

beforeAll(async () => {
  await cleanUp();
  clearConfigCache();
});
afterAll(async () => {
  await cleanUp();
  await closeAdmin();
});

/** The village's robot (an unreachable URL: nothing here delivers). */
const robot = (kind: 'wecom' | 'dingtalk', secret: string | null) =>
  adminDb()
    .doc(`webhooks/${HOOK}`)
    .set({ id: HOOK, countyId: COUNTY, unitId: V, kind, url: 'http://127.0.0.1:9/directory', secret, minSeverity: 'info', active: true });

/** A command on the case as it is now (its current version), by the village or the town. */
async function act(id: string, when: string, cmd: CaseCommand, by: Claims) {
  const v = (await adminDb().doc(`cases/${id}`).get()).get('version');
  return applyCaseCommand(adminDb(), id, v, cmd, actor(by, `u-dir-${by.r}`), by, at(when));
}

function input(requestId: string, gridId = GRID) {
  return ReportCaseInput.parse({
    requestId,
    gridId,
    category: 'neighbour',
    title: '邻里纠纷',
    description: '因排水沟发生争执',
    parties: [{ role: 'applicant', name: '马某', phone: null, idNumber: null, address: null }],
  });
}

describe('the triggers keep the directory', () => {
  it('a grid: added when created, removed when deleted', async () => {
    await adminDb()
      .doc(`grids/${NEW_GRID}`)
      .set({ id: NEW_GRID, name: '牛蹄湾村第88网格', countyId: COUNTY, townId: TOWN, villageId: V, households: 12 });
    await eventually(async () => (await dir()).grids?.[NEW_GRID] === true);
    await adminDb().doc(`grids/${NEW_GRID}`).delete();
    await eventually(async () => !(NEW_GRID in ((await dir()).grids ?? {})));
  });

  it("a department with its kind, and the kind's change", async () => {
    await adminDb().doc(`departments/${DEPT}`).set({ id: DEPT, name: '测试法庭', kind: 'other', countyId: COUNTY, townId: null });
    await eventually(async () => (await dir()).departments?.[DEPT] === 'other');
    await adminDb().doc(`departments/${DEPT}`).update({ kind: 'court' });
    await eventually(async () => (await dir()).departments?.[DEPT] === 'court');
  });

  it("an active robot's route, without its URL or secret; gone when deactivated", async () => {
    await robot('dingtalk', 'SECdirectory');
    const route = await eventually(async () => (await dir()).robots?.[HOOK]);
    expect(route).toEqual({ id: HOOK, unitId: V, kind: 'dingtalk', minSeverity: 'info' });
    await adminDb().doc(`webhooks/${HOOK}`).update({ active: false });
    await eventually(async () => !(HOOK in ((await dir()).robots ?? {})));
  });
});

describe('commands check names in the directory', () => {
  it('a grid missing from the directory is read, the report goes through, and the directory learns it', async () => {
    await eventually(async () => (await dir()).grids?.[GRID] === true);
    await adminDb()
      .doc(`directories/${COUNTY}`)
      .update({ [`grids.${GRID}`]: FieldValue.delete() });
    clearConfigCache();
    const done = await reportCaseTx(
      adminDb(),
      '621126-dir-R1',
      input('dir-R1-xxxx'),
      actor(village, 'u-dir'),
      village,
      at('2026-02-16T09:00:00'),
    );
    expect(done.created).toBe(true);
    expect((await dir()).grids?.[GRID]).toBe(true);
  });

  it('a grid neither in the directory nor stored is refused, and nothing is written', async () => {
    clearConfigCache();
    const err = await reportCaseTx(
      adminDb(),
      '621126-dir-R2',
      input('dir-R2-xxxx', `${V}077`),
      actor(village, 'u-dir'),
      village,
      at('2026-02-16T09:00:00'),
    ).catch((e) => e);
    expect(err).toMatchObject({ code: 'invalid-argument', userMessage: '网格不存在' });
    expect((await adminDb().doc('cases/621126-dir-R2').get()).exists).toBe(false);
  });

  it('a department missing from the directory is read for a dispatch, and learnt; one of another county is refused', async () => {
    await adminDb().doc(`departments/${DEPT}`).set({ id: DEPT, name: '测试法庭', kind: 'court', countyId: COUNTY, townId: null });
    await eventually(async () => (await dir()).departments?.[DEPT] === 'court');
    await adminDb()
      .doc(`directories/${COUNTY}`)
      .update({ [`departments.${DEPT}`]: FieldValue.delete() });
    clearConfigCache();
    const id = '621126-dir-R1';
    await act(id, '2026-02-16T10:00:00', { action: 'escalate', reason: '需乡镇协调' }, village);
    await act(id, '2026-02-16T11:00:00', { action: 'accept' }, town);
    const dispatch = (departmentIds: string[]) =>
      act(id, '2026-02-16T12:00:00', { action: 'dispatch', departmentIds, emergency: false }, town);
    expect(await dispatch(['621125-police-x']).catch((e) => e)).toMatchObject({
      code: 'invalid-argument',
      userMessage: '所选部门不存在或不在本县范围内',
    });
    expect((await dispatch([DEPT])).state).toBe('in_progress');
    expect((await dir()).departments?.[DEPT]).toBe('court');
    // Through to 归档, so no clock is left running for other files' sweeps.
    await act(id, '2026-02-16T13:00:00', { action: 'resolve', outcome: 'withdrawn', note: '撤回' }, town);
    await act(id, '2026-02-16T14:00:00', { action: 'callback', satisfaction: 'satisfied' }, town);
    expect((await act(id, '2026-02-16T15:00:00', { action: 'close' }, town)).state).toBe('closed');
  });
});

describe('events carry the robots their alerts go to', () => {
  it("with the directory's robots complete, the report's event names the village's robot and its fan-out queues it, webhooks unread", async () => {
    await robot('wecom', null);
    await eventually(async () => (await dir()).robots?.[HOOK]);
    expect((await dir()).robotsSince).toBeTruthy(); // the seed wrote it complete
    clearConfigCache();
    const id = '621126-dir-R3';
    await reportCaseTx(adminDb(), id, input('dir-R3-xxxx'), actor(village, 'u-dir'), village, at('2026-02-17T09:00:00'));
    const events = (await adminDb().collection(`cases/${id}/events`).get()).docs.map((d) => d.data());
    const withAlert = events.find((e) => (e.robots ?? []).length > 0)!;
    expect(withAlert.robots).toEqual([{ id: HOOK, unitId: V, kind: 'wecom', minSeverity: 'info' }]);
    // The fan-out of every event queues exactly the robots its event names.
    for (const e of events) await fanOutCaseEvent(adminDb(), id, (await refs(adminDb()).caseEvent(id, e.seq).get()).data()!);
    const queued = (await adminDb().collection('outbox').where('webhookId', '==', HOOK).get()).docs.map((d) => d.data());
    expect(queued.filter((o) => o.alertId.startsWith(id))).toHaveLength(events.reduce((n, e) => n + (e.robots?.length ?? 0), 0));
    await adminDb().doc(`webhooks/${HOOK}`).update({ active: false });
    // Leaves no clock running for other files' sweeps (not_accept is terminal).
    if ((await adminDb().doc(`cases/${id}`).get()).get('state') === 'reported')
      await act(id, '2026-02-17T10:00:00', { action: 'not_accept', reason: '测试', referral: 'other' }, village);
  });

  it('a rebuild makes the directory from the documents, robots complete', async () => {
    await eventually(async () => !(HOOK in ((await dir()).robots ?? {})));
    const before = await dir();
    const counts = await rebuildDirectory(adminDb(), COUNTY, new Date('2026-02-18T00:00:00Z'));
    const after = await dir();
    expect(counts.grids).toBe(Object.keys(after.grids).length);
    expect(after.grids[GRID]).toBe(true);
    expect(after.departments['621126-police-minyang']).toBe('police');
    expect(after.robotsSince.toDate()).toEqual(new Date('2026-02-18T00:00:00Z'));
    expect(Object.keys(after.grids).sort()).toEqual(Object.keys(before.grids).sort());
  });
});
