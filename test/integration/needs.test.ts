// 需求清单 through the emulators (issue 14): a 群众诉求 found on patrol is a need of its village,
// open; the village takes it (or the town makes one of its own people responsible), then marks it
// met (what was done) or cannot be met (why). Compare-and-set on the item's version in one
// transaction: a stale page is refused, a resend of the step just done changes nothing, of two
// people closing at once exactly one wins. Who may work it: the village and town only.
import { collection, doc, getDoc, getDocs, limit, orderBy, query, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, adminDb, callError, closeAdmin, requestId, signInAs } from '../helpers/emulator';

const T = '621126100',
  V = '621126100001',
  G = '621126100001001';
let grid: Client, village: Client, village2: Client, town: Client, townLeader: Client, county: Client, police: Client;
type Step = { itemId: string; version: number; state: string; changed: boolean };

beforeAll(async () => {
  [grid, village, village2, town, townLeader, county, police] = await Promise.all(
    ['grid', 'village', 'village2', 'town', 'town-leader', 'county', 'police'].map(signInAs),
  );
});
afterAll(async () => closeAdmin());

const stored = async (id: string) => (await adminDb().doc(`patrolItems/${id}`).get()).data()!;
async function newDemand(title = '村道路灯不亮，群众要求维修'): Promise<string> {
  const r = await grid.call<{ itemId: string }>('recordItem', {
    requestId: requestId(),
    gridId: G,
    kind: 'demand',
    title,
    description: '村民赵六（电话13912345678）反映村道路灯坏了三个月',
  });
  return r.itemId;
}
const act = (c: Client, itemId: string, expectedVersion: number, command: unknown) =>
  c.call<Step>('needAction', { itemId, expectedVersion, command });

describe('needAction', () => {
  it('a 群众诉求 is open on the village’s list; the village takes it, the town reassigns, the village closes it met', async () => {
    const id = await newDemand();
    const first = await stored(id);
    expect(first.need).toMatchObject({ state: 'open', responsibleUid: null, history: [] });
    expect(first.description).not.toContain('13912345678');
    // On the village's list, live query as the console runs it.
    const list = await getDocs(
      query(
        collection(village.db, 'patrolItems'),
        where('units', 'array-contains', V),
        where('kind', '==', 'demand'),
        orderBy('createdAt', 'desc'),
        limit(100),
      ),
    );
    expect(list.docs.map((d) => d.id)).toContain(id);

    const taken = await act(village, id, 1, { action: 'take', responsibleUid: null });
    expect(taken).toEqual({ itemId: id, version: 2, state: 'in_progress', changed: true });
    let it = await stored(id);
    expect(it.need).toMatchObject({ state: 'in_progress', responsibleUid: village.uid, responsibleUnitName: '城郊村' });
    expect(typeof it.need.responsibleName).toBe('string');
    expect(it.need.responsibleName).not.toBe(village.uid);

    // The town makes one of its own people responsible.
    const re = await act(town, id, 2, { action: 'take', responsibleUid: townLeader.uid });
    expect(re).toMatchObject({ version: 3, state: 'in_progress', changed: true });
    it = await stored(id);
    expect(it.need.responsibleUid).toBe(townLeader.uid);
    expect(it.need.responsibleUnitName).toBe('岷阳镇');

    const met = await act(village, id, 3, { action: 'met', result: '已报镇里，路灯三盏已修复' });
    expect(met).toMatchObject({ version: 4, state: 'met', changed: true });
    it = await stored(id);
    expect(it.need).toMatchObject({ state: 'met', result: '已报镇里，路灯三盏已修复', reason: null });
    expect(it.need.closedAt).toBeTruthy();
    expect(it.need.history.map((h: { action: string }) => h.action)).toEqual(['take', 'take', 'met']);

    // Closed: no further step.
    const again = await callError(town, 'needAction', { itemId: id, expectedVersion: 4, command: { action: 'unmet', reason: '无' } });
    expect(again.code).toBe('failed-precondition');
    expect(again.message).toContain('已满足');
  });

  it('a resend of the step just done answers changed: false and writes nothing; a stale page is refused', async () => {
    const id = await newDemand('群众要求修缮村文化广场');
    const cmd = { action: 'take', responsibleUid: null };
    const a = await act(village, id, 1, cmd);
    const before = await stored(id);
    const b = await act(village, id, 1, cmd);
    expect(b).toEqual({ ...a, changed: false });
    const after = await stored(id);
    expect(after.version).toBe(before.version);
    expect(after.need.history).toHaveLength(1);
    // Another step on the old version: someone else's change is not overwritten.
    const stale = await callError(village, 'needAction', {
      itemId: id,
      expectedVersion: 1,
      command: { action: 'unmet', reason: '经费不足' },
    });
    expect(stale.code).toBe('failed-precondition');
    expect((await stored(id)).need.state).toBe('in_progress');
  });

  it('of two people closing it at once exactly one wins', async () => {
    const id = await newDemand('群众要求增设公交站牌');
    await act(village, id, 1, { action: 'take', responsibleUid: null });
    const results = await Promise.allSettled([
      act(village, id, 2, { action: 'met', result: '已协调交通局增设' }),
      act(town, id, 2, { action: 'unmet', reason: '线路规划不经过该村' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const it = await stored(id);
    expect(it.version).toBe(3);
    expect(it.need.history).toHaveLength(2);
    expect(['met', 'unmet']).toContain(it.need.state);
  });

  it('cannot be met from open, with the reason; the reason is required', async () => {
    const id = await newDemand('群众要求将村道拓宽');
    expect(
      (await callError(village, 'needAction', { itemId: id, expectedVersion: 1, command: { action: 'unmet', reason: ' ' } })).code,
    ).toBe('invalid-argument');
    expect(
      (await callError(village, 'needAction', { itemId: id, expectedVersion: 1, command: { action: 'met', result: '已办' } })).code,
    ).toBe('failed-precondition');
    const r = await act(town, id, 1, { action: 'unmet', reason: '涉及基本农田，不符合规划' });
    expect(r).toMatchObject({ state: 'unmet', changed: true });
    expect((await stored(id)).need).toMatchObject({ state: 'unmet', reason: '涉及基本农田，不符合规划', responsibleUid: null });
  });

  it('refuses who does not work the need, and a responsible person outside the village and town; nothing written', async () => {
    const id = await newDemand('群众要求调整低保');
    // The county reads it but does not work it; the grid worker records, the village works.
    expect(
      (await callError(county, 'needAction', { itemId: id, expectedVersion: 1, command: { action: 'take', responsibleUid: null } })).code,
    ).toBe('permission-denied');
    expect(
      (await callError(grid, 'needAction', { itemId: id, expectedVersion: 1, command: { action: 'take', responsibleUid: null } })).code,
    ).toBe('permission-denied');
    // Another village and a department do not even learn it exists.
    for (const c of [village2, police])
      expect(
        (await callError(c, 'needAction', { itemId: id, expectedVersion: 1, command: { action: 'take', responsibleUid: null } })).code,
      ).toBe('not-found');
    // Someone of another village is not a responsible person here; nor is an unknown account.
    for (const uid of [village2.uid, 'no-such-user'])
      expect(
        (await callError(village, 'needAction', { itemId: id, expectedVersion: 1, command: { action: 'take', responsibleUid: uid } })).code,
      ).toBe('invalid-argument');
    const it = await stored(id);
    expect(it.version).toBe(1);
    expect(it.need.state).toBe('open');
    // Another village cannot read it either.
    await expect(getDoc(doc(village2.db, 'patrolItems', id))).rejects.toThrow();
    expect((await getDoc(doc(town.db, 'patrolItems', id))).get('need.state')).toBe('open');
  });

  it('a hazard, a missing item are not needs: not-found', async () => {
    const h = await grid.call<{ itemId: string }>('recordItem', {
      requestId: requestId(),
      gridId: G,
      kind: 'hazard',
      title: '河边护栏缺失',
      description: '河边护栏缺了一段',
    });
    for (const itemId of [h.itemId, '621126-NoSuchItem00'])
      expect(
        (await callError(village, 'needAction', { itemId, expectedVersion: 1, command: { action: 'take', responsibleUid: null } })).code,
      ).toBe('not-found');
  });

  it('a 群众诉求 recorded before the needs list (no need block) reads as open and can be taken', async () => {
    const id = await newDemand('群众要求解决饮水问题');
    const ref = adminDb().doc(`patrolItems/${id}`);
    const { need: _need, ...old } = (await ref.get()).data()!;
    await ref.set(old);
    const r = await act(town, id, 1, { action: 'take', responsibleUid: null });
    expect(r).toMatchObject({ state: 'in_progress', version: 2 });
    expect((await stored(id)).need).toMatchObject({ state: 'in_progress', responsibleUid: town.uid, responsibleUnitName: '岷阳镇' });
    expect(T).toBe((await stored(id)).townId);
  });
});
