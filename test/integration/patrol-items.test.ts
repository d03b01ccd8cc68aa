// 排查事项 through the emulators: a hazard from report to on-site verification (and sent back),
// each step by whom it belongs to, with its limit from the county's policy and the sweep's
// warning and breach (alerts to the responsible department and the town, once); a 矛盾纠纷 that
// becomes a case (the same case a report with that requestId makes, linked both ways); 涉稳信息
// that only the county reads. Resends create nothing twice.
import { doc, getDoc } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepHazards } from '../../functions/src/lib/hazard-sweep';
import { type Client, adminDb, callError, closeAdmin, requestId, signInAs } from '../helpers/emulator';

const T = '621126100',
  V = '621126100001',
  G = '621126100001001';
const D = '621126-police-minyang';
let grid: Client, grid2: Client, village: Client, town: Client, county: Client, countyLeader: Client, police: Client, mediator: Client;
type Item = { itemId: string; created: boolean; caseId: string | null };
type Step = { itemId: string; version: number; state: string };

beforeAll(async () => {
  [grid, grid2, village, town, county, countyLeader, police, mediator] = await Promise.all(
    ['grid', 'grid2', 'village', 'town', 'county', 'county-leader', 'police', 'mediator'].map(signInAs),
  );
});
afterAll(async () => closeAdmin());

const hazardInput = () => ({
  requestId: requestId(),
  gridId: G,
  kind: 'hazard',
  title: '村口电线老化',
  description: '电线裸露，住户王五电话13812345678反映',
});
const stored = async (id: string) => (await adminDb().doc(`patrolItems/${id}`).get()).data()!;

describe('recordItem', () => {
  it('records a hazard once (resends answer created: false), masked, read by the grid and above', async () => {
    const input = hazardInput();
    const r = await grid.call<Item>('recordItem', input);
    expect(r).toMatchObject({ created: true, caseId: null });
    expect(await grid.call<Item>('recordItem', input)).toEqual({ ...r, created: false });
    const burst = await Promise.all([1, 2, 3].map(() => grid.call<Item>('recordItem', input)));
    expect(burst.every((b) => b.itemId === r.itemId && !b.created)).toBe(true);
    const it = await stored(r.itemId);
    expect(it).toMatchObject({ kind: 'hazard', gridId: G, units: [G, V, T, '621126'], hazardDept: null, version: 1 });
    expect(it.hazard.state).toBe('reported');
    expect(it.description).not.toContain('13812345678');
    expect((await getDoc(doc(village.db, 'patrolItems', r.itemId))).exists()).toBe(true);
    await expect(getDoc(doc(grid2.db, 'patrolItems', r.itemId))).rejects.toThrow();
    await expect(getDoc(doc(police.db, 'patrolItems', r.itemId))).rejects.toThrow();
    await expect(getDoc(doc(mediator.db, 'patrolItems', r.itemId))).rejects.toThrow();
  });

  it('refuses another grid, a town staff, and a patrol log of another grid; nothing written', async () => {
    expect((await callError(grid2, 'recordItem', hazardInput())).code).toBe('permission-denied');
    expect((await callError(town, 'recordItem', hazardInput())).code).toBe('permission-denied');
    expect((await callError(grid, 'recordItem', { ...hazardInput(), patrolId: 'no-such-patrol' })).code).toBe('invalid-argument');
    expect((await callError(grid, 'recordItem', { ...hazardInput(), kind: 'dispute' })).code).toBe('invalid-argument');
  });

  it('links an item to the patrol it was found on', async () => {
    const p = await grid.call<{ patrolId: string }>('recordPatrol', {
      requestId: requestId(),
      gridId: G,
      patrolledAt: new Date(Date.now() - 60_000).toISOString(),
      householdsVisited: 4,
      zeroReport: false,
      note: '发现电线老化',
    });
    const r = await grid.call<Item>('recordItem', { ...hazardInput(), patrolId: p.patrolId });
    expect((await adminDb().doc(`patrols/${p.patrolId}`).get()).get('itemIds')).toEqual([r.itemId]);
    expect((await stored(r.itemId)).patrolId).toBe(p.patrolId);
  });

  it('a 矛盾纠纷 becomes a case, linked both ways; a resend finds the same case', async () => {
    const input = {
      requestId: requestId(),
      gridId: G,
      kind: 'dispute',
      title: '排查发现宅基地纠纷',
      description: '张三与李四因宅基地边界争执',
      dispute: {
        category: 'housing_land',
        parties: [{ role: 'applicant', name: '张三', phone: '13912345678', idNumber: null, address: null }],
      },
    };
    const r = await grid.call<Item>('recordItem', input);
    expect(r.caseId).toBeTruthy();
    const c = (await adminDb().doc(`cases/${r.caseId}`).get()).data()!;
    expect(c).toMatchObject({ gridId: G, source: 'grid_patrol', tier: 'village' });
    expect(c.reporter.uid).toBe(grid.uid);
    // The way back: the case's item.
    const back = await adminDb().collection('patrolItems').where('caseId', '==', r.caseId).get();
    expect(back.docs.map((d) => d.id)).toEqual([r.itemId]);
    expect((await stored(r.itemId)).title).not.toContain('张三');
    expect(await grid.call<Item>('recordItem', input)).toEqual({ ...r, created: false });
    expect((await adminDb().collection('cases').where('title', '==', c.title).where('gridId', '==', G).get()).size).toBe(1);
  });

  it('涉稳信息: the county staff and leaders read it; the grid that found it, the village and the town do not', async () => {
    const r = await grid.call<Item>('recordItem', {
      requestId: requestId(),
      gridId: G,
      kind: 'stability',
      title: '涉稳线索',
      description: '有人串联准备集体上访',
    });
    expect((await getDoc(doc(county.db, 'patrolItems', r.itemId))).exists()).toBe(true);
    expect((await getDoc(doc(countyLeader.db, 'patrolItems', r.itemId))).exists()).toBe(true);
    for (const c of [grid, village, town]) await expect(getDoc(doc(c.db, 'patrolItems', r.itemId))).rejects.toThrow();
  });
});

describe('hazardAction', () => {
  it('assign → start → rectified → sent back → rectified → verified, each by its own people', async () => {
    const { itemId } = await grid.call<Item>('recordItem', hazardInput());
    const act = (c: Client, version: number, command: unknown) =>
      c.call<Step>('hazardAction', { itemId, expectedVersion: version, command });
    const deny = async (c: Client, version: number, command: unknown) =>
      (await callError(c, 'hazardAction', { itemId, expectedVersion: version, command })).code;

    expect(await deny(grid, 1, { action: 'assign', responsible: { kind: 'department', id: D } })).toBe('permission-denied');
    expect(await act(town, 1, { action: 'assign', responsible: { kind: 'department', id: D }, note: '请限期整改' })).toMatchObject({
      version: 2,
      state: 'assigned',
    });
    let it = await stored(itemId);
    expect(it.hazardDept).toBe(D);
    expect(it.hazard.responsibleName).toBe('岷阳派出所');
    // The limit from the policy (default 15 calendar days, ending at 24:00 Shanghai).
    const days = (it.hazard.dueAt.toMillis() - it.hazard.assignedAt.toMillis()) / 86_400_000;
    expect(days).toBeGreaterThan(14);
    expect(days).toBeLessThan(20);
    // The department reads what it rectifies now.
    expect((await getDoc(doc(police.db, 'patrolItems', itemId))).exists()).toBe(true);

    expect(await deny(police, 1, { action: 'start' })).toBe('failed-precondition'); // stale version
    expect(await deny(village, 2, { action: 'start' })).toBe('permission-denied');
    await act(police, 2, { action: 'start' });
    await act(police, 3, { action: 'rectified', note: '已更换电线' });
    expect(await deny(grid2, 4, { action: 'verify' })).toBe('permission-denied');
    expect(await deny(village, 4, { action: 'verify' })).toBe('permission-denied');
    await act(grid, 4, { action: 'send_back', reason: '未彻底整改' });
    await act(police, 5, { action: 'rectified', note: '再次整改完成' });
    expect(await act(grid, 6, { action: 'verify', note: '现场复核合格' })).toMatchObject({ state: 'verified', version: 7 });
    it = await stored(itemId);
    expect(it.hazard).toMatchObject({ state: 'verified', sendBacks: 1, onTime: true, sweepAt: null });
    expect(it.hazard.history.map((h: { action: string }) => h.action)).toEqual([
      'report',
      'assign',
      'start',
      'rectified',
      'send_back',
      'rectified',
      'verify',
    ]);
    expect(
      (await callError(grid, 'hazardAction', { itemId: 'no-such-item', expectedVersion: 1, command: { action: 'verify' } })).code,
    ).toBe('not-found');
  });

  it('the sweep warns, then breaches, once each, with alerts to the department and the town', async () => {
    const { itemId } = await grid.call<Item>('recordItem', hazardInput());
    await town.call('hazardAction', {
      itemId,
      expectedVersion: 1,
      command: { action: 'assign', responsible: { kind: 'department', id: D } },
    });
    const h = (await stored(itemId)).hazard;
    const warnAt = h.warnAt.toDate() as Date;
    const dueAt = h.dueAt.toDate() as Date;
    const w = await sweepHazards(adminDb(), warnAt);
    expect(w.hazardWarnings).toBeGreaterThanOrEqual(1);
    expect((await adminDb().doc(`alerts/hz-${itemId}-warning-${D}`).get()).get('kind')).toBe('hazard_warning');
    expect((await stored(itemId)).hazard).toMatchObject({ warned: true, overdue: false });
    await sweepHazards(adminDb(), new Date(dueAt.getTime() + 1000));
    const after = (await stored(itemId)).hazard;
    expect(after).toMatchObject({ overdue: true, sweepAt: null });
    const breach = await adminDb().collection('alerts').where('kind', '==', 'hazard_breach').get();
    const mine = breach.docs
      .filter((d) => d.id.startsWith(`hz-${itemId}-breach-`))
      .map((d) => d.get('recipientUnit') ?? d.get('recipientDept'));
    expect(mine.sort()).toEqual([D, T].sort());
    // Again: nothing new.
    const again = await sweepHazards(adminDb(), new Date(dueAt.getTime() + 2000));
    expect((await adminDb().collection('alerts').where('kind', '==', 'hazard_breach').get()).size).toBe(breach.size);
    expect(again.hazardBreaches).toBe(0);
    // The department sees its alert.
    expect((await getDoc(doc(police.db, 'alerts', `hz-${itemId}-breach-${D}`))).exists()).toBe(true);
    // Rectified now (the sweep ran on a later clock; the real one is before dueAt): on time.
    await police.call('hazardAction', {
      itemId,
      expectedVersion: (await stored(itemId)).version,
      command: { action: 'rectified', note: '已整改' },
    });
    expect((await stored(itemId)).hazard.onTime).toBe(true); // the real clock is before dueAt
  });
});
