// The dashboard's tiles and lists count the same cases: for every unit, its counters (summed
// over its shards) equal what its board and overdue list query — read in one transaction, so
// the two are one snapshot — through report, escalation by the deadline sweep up to county
// supervision (逾期), closing, and a change of the county's shard policy; then `counters
// verify|rebuild` folds the shards into the new count. A county of its own (629999) at fixed
// dates in January 2026, so nothing else in the emulator touches its figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseCommand, type Claims, OPEN_STATES, ReportCaseInput, defaultPolicy, sumCounters } from '../../functions/src/domain';
import { applyCaseCommand, reportCaseTx } from '../../functions/src/lib/case-service';
import { clearConfigCache } from '../../functions/src/lib/config';
import { rebuildCounters } from '../../functions/src/lib/counters';
import { refs } from '../../functions/src/lib/db';
import { runSweep } from '../../functions/src/lib/sweep';
import { adminDb, closeAdmin } from '../helpers/emulator';

const C = '629999';
const T = '629999100';
const V = '629999100001';
const G = '629999100001001';
const UNITS = [C, T, V, G];
const village: Claims = { r: 'village_staff', u: V, c: C, t: T, v: V };
const actor = (c: Claims) => ({ uid: `u-counters-${c.r}`, role: c.r, unitId: c.u, name: null });
const at = (s: string) => () => new Date(`${s}+08:00`);

async function report(key: string, when: string) {
  const input = ReportCaseInput.parse({
    requestId: `counters-${key}-xxxx`,
    gridId: G,
    category: 'neighbour',
    title: `${key}号纠纷`,
    description: '两户因排水沟发生争执',
    parties: [{ role: 'applicant', name: '测试甲', phone: null, idNumber: null, address: null }],
  });
  const id = `${C}-counters-${key}`;
  await reportCaseTx(adminDb(), id, input, actor(village), village, at(when));
  return id;
}
async function act(id: string, when: string, cmd: CaseCommand, by: Claims) {
  const v = (await adminDb().doc(`cases/${id}`).get()).get('version');
  return applyCaseCommand(adminDb(), id, v, cmd, actor(by), by, at(when));
}
const load = async (id: string) => (await adminDb().doc(`cases/${id}`).get()).data()!;
const tierDue = (c: FirebaseFirestore.DocumentData): Date =>
  c.clocks
    .find((k: { kind: string; state: string; subject: string }) => k.kind === 'tier' && k.state === 'running' && k.subject === c.tier)
    .dueAt.toDate();

/** Tile = list, for each unit: counters and the queries the console's board and lists run, one snapshot. */
async function expectAgreement() {
  const db = adminDb();
  const out: Record<string, { total: number; open: number; overdue: number }> = {};
  await db.runTransaction(async (tx) => {
    for (const u of UNITS) {
      const shards = await tx.get(db.collection('counters').where('unitId', '==', u));
      const sum = sumCounters(shards.docs.map((d) => d.data() as never));
      const cases = await tx.get(db.collection('cases').where('accessUnits', 'array-contains', u));
      const overdueList = await tx.get(db.collection('cases').where('accessUnits', 'array-contains', u).where('overdue', '==', true));
      const open = cases.docs.filter((d) => OPEN_STATES.includes(d.get('state')));
      expect({ unit: u, total: sum?.total ?? 0 }).toEqual({ unit: u, total: cases.size });
      expect({ unit: u, open: sum?.open ?? 0 }).toEqual({ unit: u, open: open.length });
      expect({ unit: u, overdue: sum?.overdue ?? 0 }).toEqual({ unit: u, overdue: overdueList.size });
      for (const s of ['reported', 'accepted', 'in_progress', 'resolved', 'closed'] as const)
        expect({ unit: u, s, n: sum?.state[s] ?? 0 }).toEqual({ unit: u, s, n: cases.docs.filter((d) => d.get('state') === s).length });
      out[u] = { total: cases.size, open: open.length, overdue: overdueList.size };
    }
  });
  return out;
}

beforeAll(async () => {
  clearConfigCache();
  const db = adminDb();
  const r = refs(db);
  // Earlier runs of this file.
  for (const d of (await db.collection('cases').where('countyId', '==', C).get()).docs) await db.recursiveDelete(d.ref);
  for (const d of (await db.collection('counters').where('unitId', 'in', UNITS).get()).docs) await d.ref.delete();
  await db.doc(`policies/${C}`).delete();
  await r.region(C).set({ id: C, level: 'county', name: '测试县', parentId: null, countyId: C, townId: null });
  await r.region(T).set({ id: T, level: 'town', name: '测试镇', parentId: C, countyId: C, townId: T });
  await r.region(V).set({ id: V, level: 'village', name: '测试村', parentId: T, countyId: C, townId: T });
  await r.grid(G).set({ id: G, name: '测试第一网格', countyId: C, townId: T, villageId: V, households: null });
});
afterAll(async () => {
  await adminDb().doc(`policies/${C}`).delete();
  clearConfigCache();
  await closeAdmin();
});

describe('tiles and lists agree', () => {
  it('through report, escalation to county, overdue supervision and a change of shards', async () => {
    const a = await report('A', '2026-01-05T09:00:00');
    const b = await report('B', '2026-01-05T09:05:00');
    const c = await report('C', '2026-01-05T09:10:00');
    let n = await expectAgreement();
    // Village-tier cases: the village and the grid count them; the town and county cannot open them and count none.
    expect(n[V]).toMatchObject({ total: 3, open: 3 });
    expect(n[T]!.total).toBe(0);
    expect(n[C]!.total).toBe(0);

    await act(a, '2026-01-05T10:00:00', { action: 'accept' }, village);
    await act(a, '2026-01-06T10:00:00', { action: 'resolve', outcome: 'explained', note: '解释疏导' }, village);
    await act(c, '2026-01-05T11:00:00', { action: 'escalate', reason: '涉及多个村，需镇级协调' }, village);
    n = await expectAgreement();
    expect(n[T]!.total).toBe(1);

    // A county of more traffic: more shards from now on (the old ones keep their counts).
    await adminDb()
      .doc(`policies/${C}`)
      .set({ ...defaultPolicy(C), counterShards: { grid: 2, village: 3, town: 4, county: 8 } });
    clearConfigCache();

    // The sweep: B's village limit runs out → town → county → overdue at county: supervision (督办), 逾期.
    for (let i = 0; i < 3; i++) {
      await runSweep(adminDb(), new Date(tierDue(await load(b)).getTime() + 1000));
      await expectAgreement();
    }
    const overdue = await load(b);
    expect(overdue).toMatchObject({ tier: 'county', supervised: true, overdue: true });
    n = await expectAgreement();
    expect(n[C]!.overdue).toBeGreaterThanOrEqual(1);
    expect(n[V]!.overdue).toBe(n[C]!.overdue); // the village still sees its case, overdue too

    // Fewer shards again, then fold: verify finds nothing wrong, rebuild leaves the policy's count.
    await adminDb()
      .doc(`policies/${C}`)
      .set({ ...defaultPolicy(C), counterShards: { grid: 1, village: 1, town: 1, county: 1 } });
    clearConfigCache();
    await act(a, '2026-01-20T10:00:00', { action: 'callback', satisfaction: 'satisfied' }, village);
    await expectAgreement();
    const before = await rebuildCounters(adminDb(), { countyId: C });
    expect(before).toMatchObject({ wrongCount: 0, casesRead: 3 });
    expect(before.shardsBefore).toBeGreaterThan(UNITS.length);
    const after = await rebuildCounters(adminDb(), { countyId: C, repair: true });
    expect(after.shardsAfter).toBe(UNITS.length);
    expect((await adminDb().collection('counters').where('unitId', 'in', UNITS).get()).size).toBe(UNITS.length);
    await expectAgreement();

    // Drift (a hand edit, or access lists repaired without the counters): verify says which units.
    await adminDb().doc(`counters/${C}__0`).update({ overdue: 99 });
    expect(await rebuildCounters(adminDb(), { countyId: C })).toMatchObject({ wrongCount: 1, wrongUnits: [C] });
    await rebuildCounters(adminDb(), { countyId: C, repair: true });
    await expectAgreement();
  });
});
