// The thin slice through every layer: a grid worker reports through the callable; the case is
// stored with its chain; the village sees it live; others cannot; clients cannot bend it.
import { collection, doc, getDoc, getDocs, onSnapshot, query, setDoc, updateDoc, where, deleteDoc } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, adminDb, callError, closeAdmin, requestId, signInAs } from '../helpers/emulator';

const GRID = '621126100001001';
const report = (over: Record<string, unknown> = {}) => ({
  requestId: requestId(),
  gridId: GRID,
  category: 'neighbour',
  title: '邻里排水沟堵塞纠纷',
  description: '两户因排水沟堵塞发生争执，需调解，联系电话13812345678',
  parties: [
    { role: 'applicant', name: '张三丰', phone: '13812345678', idNumber: '62112619800101123X', address: '城郊村3号' },
    { role: 'respondent', name: '李四', phone: null, idNumber: null, address: null },
  ],
  ...over,
});

let grid: Client, village: Client, grid2: Client, town2: Client, town: Client, county: Client;

beforeAll(async () => {
  [grid, village, grid2, town2, town, county] = await Promise.all(['grid', 'village', 'grid2', 'town2', 'town', 'county'].map(signInAs));
});
afterAll(closeAdmin);

describe('reportCase', () => {
  it('stores the case with its full region chain, private parties and first event', async () => {
    const res = await grid.call<{ caseId: string; created: boolean }>('reportCase', report());
    expect(res.created).toBe(true);
    const snap = await adminDb().doc(`cases/${res.caseId}`).get();
    expect(snap.data()).toMatchObject({
      countyId: '621126',
      townId: '621126100',
      villageId: '621126100001',
      gridId: GRID,
      tier: 'grid',
      state: 'reported',
      version: 1,
    });
    expect(JSON.stringify(snap.data())).not.toMatch(/张三丰|13812345678|62112619800101123X/);
    const priv = await adminDb().doc(`cases/${res.caseId}/private/parties`).get();
    expect(priv.get('parties')[0].name).toBe('张三丰');
    const events = await adminDb().collection(`cases/${res.caseId}/events`).get();
    expect(events.docs.map((d) => d.get('action'))).toEqual(['report']);
  });

  it('appears live at the village center, without reload', async () => {
    const seen: string[] = [];
    let resolveSeen: (id: string) => void;
    const arrived = new Promise<string>((r) => (resolveSeen = r));
    const q = query(collection(village.db, 'cases'), where('accessUnits', 'array-contains', '621126100001'));
    let expected: string | null = null;
    const unsub = onSnapshot(q, (s) => {
      for (const ch of s.docChanges()) {
        seen.push(ch.doc.id);
        if (ch.type === 'added' && ch.doc.id === expected) resolveSeen(ch.doc.id);
      }
    });
    // Let the listener attach before the report, so the case arrives as a change.
    await new Promise((r) => setTimeout(r, 500));
    const res = await grid.call<{ caseId: string }>('reportCase', report());
    expected = res.caseId;
    if (seen.includes(res.caseId)) resolveSeen!(res.caseId);
    expect(await arrived).toBe(res.caseId);
    unsub();
  });

  it('lets the handling chain up to its tier read it and nobody else', async () => {
    const { caseId } = await grid.call<{ caseId: string }>('reportCase', report());
    await expect(getDoc(doc(village.db, 'cases', caseId))).resolves.toBeTruthy();
    // A grid-tier case: the town and the county have no relation to it yet.
    await expect(getDoc(doc(town.db, 'cases', caseId))).rejects.toMatchObject({ code: 'permission-denied' });
    await expect(getDoc(doc(county.db, 'cases', caseId))).rejects.toMatchObject({ code: 'permission-denied' });
    // A grid worker of another village, and staff of another town, are refused.
    await expect(getDoc(doc(grid2.db, 'cases', caseId))).rejects.toMatchObject({ code: 'permission-denied' });
    await expect(getDoc(doc(town2.db, 'cases', caseId))).rejects.toMatchObject({ code: 'permission-denied' });
    // Their own scoped lists do not contain it.
    const other = await getDocs(query(collection(town2.db, 'cases'), where('accessUnits', 'array-contains', '621126101')));
    expect(other.docs.map((d) => d.id)).not.toContain(caseId);
    // An unscoped list, or one by territory alone, is refused outright.
    await expect(getDocs(collection(town2.db, 'cases'))).rejects.toMatchObject({ code: 'permission-denied' });
    await expect(getDocs(query(collection(town.db, 'cases'), where('townId', '==', '621126100')))).rejects.toMatchObject({
      code: 'permission-denied',
    });
  });

  it('keeps personal data for those handling the case, and the case with it', async () => {
    const { caseId } = await grid.call<{ caseId: string }>('reportCase', report());
    const mine = await getDoc(doc(grid.db, 'cases', caseId, 'private', 'parties'));
    expect(mine.get('parties')[0].phone).toBe('13812345678');
    const theirs = await getDoc(doc(village.db, 'cases', caseId, 'private', 'parties'));
    expect(theirs.get('parties')[0].name).toBe('张三丰');
    // The county reads neither the case nor the parties while the case sits at grid tier.
    await expect(getDoc(doc(county.db, 'cases', caseId, 'private', 'parties'))).rejects.toMatchObject({ code: 'permission-denied' });
    await expect(getDoc(doc(county.db, 'cases', caseId))).rejects.toMatchObject({ code: 'permission-denied' });
    const masked = await getDoc(doc(village.db, 'cases', caseId));
    expect(masked.get('partiesMasked')[0]).toEqual({ role: 'applicant', name: '张**', phone: '138****5678' });
  });

  it('refuses client writes to server-owned fields and history', async () => {
    const { caseId } = await grid.call<{ caseId: string }>('reportCase', report());
    for (const c of [grid, village, county]) {
      await expect(
        updateDoc(doc(c.db, 'cases', caseId), { accessUnits: ['621126', '621126100', '621126100001'], accessUids: [] }),
      ).rejects.toMatchObject({ code: 'permission-denied' });
      await expect(updateDoc(doc(c.db, 'cases', caseId), { state: 'closed' })).rejects.toMatchObject({ code: 'permission-denied' });
      await expect(updateDoc(doc(c.db, 'cases', caseId), { tier: 'county', version: 99, nextDeadlineAt: null })).rejects.toMatchObject({
        code: 'permission-denied',
      });
      await expect(setDoc(doc(c.db, 'cases', caseId, 'events', '000002'), { action: 'close' })).rejects.toMatchObject({
        code: 'permission-denied',
      });
      await expect(deleteDoc(doc(c.db, 'cases', caseId, 'events', '000001'))).rejects.toMatchObject({ code: 'permission-denied' });
      await expect(setDoc(doc(c.db, 'cases', 'forged'), { state: 'reported', villageId: '621126100001' })).rejects.toMatchObject({
        code: 'permission-denied',
      });
    }
    expect((await adminDb().doc(`cases/${caseId}`).get()).get('state')).toBe('reported');
  });

  it('is idempotent: a resent request makes no second case', async () => {
    const payload = report();
    const a = await grid.call<{ caseId: string; created: boolean }>('reportCase', payload);
    const b = await grid.call<{ caseId: string; created: boolean }>('reportCase', payload);
    expect(b).toEqual({ caseId: a.caseId, created: false, state: 'reported', tier: 'grid' });
    const events = await adminDb().collection(`cases/${a.caseId}/events`).get();
    expect(events.size).toBe(1);
  });

  it("refuses a grid outside the reporter's scope with permission-denied", async () => {
    const err = await callError(grid, 'reportCase', report({ gridId: '621126100002001' }));
    expect(err.code).toBe('permission-denied');
    expect(err.message).toMatch(/本辖区/);
  });

  it.each([
    ['wrong types', { title: 42 }],
    ['missing fields', { category: undefined }],
    ['huge strings', { description: '纠'.repeat(100_000) }],
    ['unknown fields', { state: 'closed' }],
    ['injection-looking text in an ID', { gridId: "621126100001001' OR '1'='1" }],
    ['a non-object payload', null],
  ])('rejects %s with invalid-argument and writes nothing', async (_, over) => {
    const payload = over === null ? null : report(over as Record<string, unknown>);
    const before = (await adminDb().collection('cases').count().get()).data().count;
    const err = await callError(grid, 'reportCase', payload);
    expect(err.code).toBe('invalid-argument');
    expect(err.message).toMatch(/提交的内容有误/);
    expect((await adminDb().collection('cases').count().get()).data().count).toBe(before);
  });
});
