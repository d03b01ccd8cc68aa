// 网格巡查 through the emulators: a grid worker's patrol log lands exactly once (resends and a
// burst of identical resends), counts in the day coverage of its village, town and county, and
// is refused — with nothing written — for another grid, a non-grid worker, more households than
// the grid has, a future time, and a blank result while the county requires zero reports.
import { doc, getDoc } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, adminDb, callError, closeAdmin, requestId, signInAs } from '../helpers/emulator';

const C = '621126',
  T = '621126100',
  V = '621126100001',
  G = '621126100001001';
let grid: Client, grid2: Client, village: Client, village2: Client, admin: Client;

// A time earlier today in Shanghai is always valid; its local date is the coverage day.
const at = () => new Date(Date.now() - 60_000).toISOString();
const localDate = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const dayDoc = async (unitId: string, date: string) => (await adminDb().doc(`patrolDays/${unitId}_${date}`).get()).data() ?? null;
const figures = async (date: string) => {
  const out: Record<string, { patrols: number; zero: number; households: number; grid: number }> = {};
  for (const u of [V, T, C]) {
    const d = await dayDoc(u, date);
    out[u] = {
      patrols: d?.patrols ?? 0,
      zero: d?.zeroReports ?? 0,
      households: d?.householdsVisited ?? 0,
      grid: d?.grids?.[G]?.patrols ?? 0,
    };
  }
  return out;
};
const patrolCount = async () => (await adminDb().collection('patrols').where('gridId', '==', G).count().get()).data().count;

beforeAll(async () => {
  [grid, grid2, village, village2, admin] = await Promise.all(['grid', 'grid2', 'village', 'village2', 'admin'].map(signInAs));
});
afterAll(async () => closeAdmin());

describe('recordPatrol', () => {
  it('logs a zero report once and counts it in the village, town and county coverage of its day', async () => {
    const patrolledAt = at();
    const date = localDate(patrolledAt);
    const before = await figures(date);
    const input = { requestId: requestId(), gridId: G, patrolledAt, householdsVisited: 15, zeroReport: true, note: null };
    const r = await grid.call<{ patrolId: string; created: boolean; date: string }>('recordPatrol', input);
    expect(r).toMatchObject({ created: true, date });
    const after = await figures(date);
    for (const u of [V, T, C]) {
      expect(after[u]!.patrols - before[u]!.patrols, u).toBe(1);
      expect(after[u]!.zero - before[u]!.zero, u).toBe(1);
      expect(after[u]!.households - before[u]!.households, u).toBe(15);
      expect(after[u]!.grid - before[u]!.grid, u).toBe(1);
    }
    const log = (await adminDb().doc(`patrols/${r.patrolId}`).get()).data()!;
    expect(log).toMatchObject({
      gridId: G,
      villageId: V,
      townId: T,
      countyId: C,
      workerUid: grid.uid,
      workerName: '周强',
      date,
      zeroReport: true,
    });
    expect(log.households).toBeGreaterThan(0);

    // The same request again (a phone resending after a lost answer), and a burst of three: one log.
    const n = await patrolCount();
    expect(await grid.call('recordPatrol', input)).toEqual({ patrolId: r.patrolId, created: false, date });
    const burst = await Promise.all([1, 2, 3].map(() => grid.call<{ created: boolean }>('recordPatrol', input)));
    expect(burst.every((b) => !b.created)).toBe(true);
    expect(await patrolCount()).toBe(n);
    expect(await figures(date)).toEqual(after);
  });

  it('a burst of new identical requests creates exactly one log', async () => {
    const patrolledAt = at();
    const date = localDate(patrolledAt);
    const before = await figures(date);
    const input = { requestId: requestId(), gridId: G, patrolledAt, householdsVisited: 3, zeroReport: true, note: null };
    const rs = await Promise.all([1, 2, 3, 4].map(() => grid.call<{ created: boolean; patrolId: string }>('recordPatrol', input)));
    expect(rs.filter((x) => x.created)).toHaveLength(1);
    expect(new Set(rs.map((x) => x.patrolId)).size).toBe(1);
    const after = await figures(date);
    expect(after[V]!.patrols - before[V]!.patrols).toBe(1);
  });

  it('a finding is stored masked (a phone number in the note)', async () => {
    const r = await grid.call<{ patrolId: string }>('recordPatrol', {
      requestId: requestId(),
      gridId: G,
      patrolledAt: at(),
      householdsVisited: 8,
      zeroReport: false,
      note: '村民张某反映邻居占道，电话13812345678',
    });
    const log = (await adminDb().doc(`patrols/${r.patrolId}`).get()).data()!;
    expect(log.note).not.toContain('13812345678');
    expect(log.note).toContain('占道');
  });

  it('refuses, with nothing written: another grid, a village staff, too many households, a future time, a blank result', async () => {
    const n = await patrolCount();
    const base = { gridId: G, patrolledAt: at(), householdsVisited: 5, zeroReport: true, note: null };
    expect((await callError(grid2, 'recordPatrol', { ...base, requestId: requestId() })).code).toBe('permission-denied');
    expect((await callError(village, 'recordPatrol', { ...base, requestId: requestId() })).code).toBe('permission-denied');
    const many = await callError(grid, 'recordPatrol', { ...base, requestId: requestId(), householdsVisited: 100000 });
    expect(many.code).toBe('failed-precondition');
    expect(many.message).toMatch(/走访户数不能超过本网格户数/);
    const future = await callError(grid, 'recordPatrol', {
      ...base,
      requestId: requestId(),
      patrolledAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future.code).toBe('failed-precondition');
    expect(future.message).toMatch(/^巡查时间不能晚于当前时间/);
    const blank = await callError(grid, 'recordPatrol', { ...base, requestId: requestId(), zeroReport: null });
    expect(blank.code).toBe('failed-precondition');
    expect(blank.message).toMatch(/零报告/);
    expect((await callError(grid, 'recordPatrol', { ...base, requestId: 'x' })).code).toBe('invalid-argument');
    expect(await patrolCount()).toBe(n);
  });

  it("a blank result is accepted once the county's policy does not require zero reports", async () => {
    const stored = (await adminDb().doc(`policies/${C}`).get()).data()!;
    try {
      await admin.call('savePolicy', { ...stored, patrol: { ...(stored.patrol ?? {}), zeroReportRequired: false } });
      const r = await grid.call<{ created: boolean; patrolId: string }>('recordPatrol', {
        requestId: requestId(),
        gridId: G,
        patrolledAt: at(),
        householdsVisited: 5,
      });
      expect(r.created).toBe(true);
      expect((await adminDb().doc(`patrols/${r.patrolId}`).get()).data()).toMatchObject({ zeroReport: null, note: null });
    } finally {
      await admin.call('savePolicy', stored);
    }
  });

  it('the village reads its coverage and its grid’s logs; another village does not', async () => {
    const patrolledAt = at();
    await grid.call('recordPatrol', { requestId: requestId(), gridId: G, patrolledAt, householdsVisited: 1, zeroReport: true });
    const id = `${V}_${localDate(patrolledAt)}`;
    const snap = await getDoc(doc(village.db, 'patrolDays', id));
    expect(snap.data()?.grids?.[G]?.patrols).toBeGreaterThan(0);
    await expect(getDoc(doc(village2.db, 'patrolDays', id))).rejects.toThrow();
  });
});
