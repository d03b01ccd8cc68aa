// 集中排查 through the emulators: a town launches a campaign over two of its villages (once,
// however often the request is resent); patrols and items in covered grids during the period
// count in their village's progress exactly once (a patrol ticks checklist items), others do not;
// launches outside the caller's area or by a village are refused with nothing written; the
// campaign closes with its summary (items by kind, by town), and nothing counts after the close.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, adminDb, callError, closeAdmin, requestId, signInAs } from '../helpers/emulator';

const C = '621126',
  T = '621126100',
  V = '621126100001',
  V2 = '621126100002',
  G = '621126100001001',
  G2 = '621126100002001';
let grid: Client, grid2: Client, village: Client, town: Client, town2: Client, county: Client;

const localDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const today = localDate(new Date());
const at = () => new Date(Date.now() - 60_000).toISOString();
const progress = async (campaignId: string, villageId: string) =>
  (await adminDb().doc(`campaignProgress/${campaignId}_${villageId}`).get()).data() ?? null;
const campaignCount = async () => (await adminDb().collection('campaigns').where('countyId', '==', C).count().get()).data().count;
const gridsOf = async (villageId: string) => (await adminDb().collection('grids').where('villageId', '==', villageId).get()).size;

beforeAll(async () => {
  [grid, grid2, village, town, town2, county] = await Promise.all(['grid', 'grid2', 'village', 'town', 'town2', 'county'].map(signInAs));
});
afterAll(async () => closeAdmin());

describe('launchCampaign, counting, closeCampaign', () => {
  let campaignId = '';
  const launch = {
    requestId: requestId(),
    topic: '国庆节前矛盾纠纷集中排查',
    from: today,
    to: addDays(today, 6),
    units: [V, V2],
    checklist: ['邻里纠纷', '消防隐患', '重点人员动态'],
  };

  it('a town launches a campaign over two villages once; every grid shows in its village’s progress', async () => {
    const r = await town.call<{ campaignId: string; created: boolean; grids: number }>('launchCampaign', launch);
    expect(r.created).toBe(true);
    campaignId = r.campaignId;
    const expected = (await gridsOf(V)) + (await gridsOf(V2));
    expect(r.grids).toBe(expected);
    const again = await town.call<{ campaignId: string; created: boolean }>('launchCampaign', launch);
    expect(again).toEqual({ campaignId, created: false, grids: expected });
    const c = (await adminDb().doc(`campaigns/${campaignId}`).get()).data()!;
    expect(c).toMatchObject({ countyId: C, ownerUnit: T, ownerName: '岷阳镇', state: 'running', villages: [V, V2], grids: expected });
    expect(c.launchedByName).toBe('张伟');
    const p = (await progress(campaignId, V))!;
    expect(p.units).toEqual([V, T, C]);
    expect(Object.keys(p.grids)).toContain(G);
    expect(p.grids[G].patrols).toBe(0);
    expect(Object.keys((await progress(campaignId, V2))!.grids)).toContain(G2);
  });

  it('a patrol in a covered grid counts once with its ticks; its items count by kind', async () => {
    const input = {
      requestId: requestId(),
      gridId: G,
      patrolledAt: at(),
      householdsVisited: 12,
      zeroReport: true,
      note: null,
      checks: [{ campaignId, items: [0, 2, 2, 7] }],
    };
    const r = await grid.call<{ patrolId: string; created: boolean }>('recordPatrol', input);
    expect(r.created).toBe(true);
    await grid.call('recordPatrol', input); // a resend counts nothing
    const p = (await progress(campaignId, V))!;
    expect(p.grids[G]).toMatchObject({ patrols: 1, zeroReports: 1, checked: { '0': 1, '2': 1 } });
    expect(p.grids[G].checked['7']).toBeUndefined(); // past the checklist: ignored

    const item = {
      requestId: requestId(),
      gridId: G,
      kind: 'hazard',
      patrolId: r.patrolId,
      title: '电线老化',
      description: '村口电线裸露',
    };
    await grid.call('recordItem', item);
    await grid.call('recordItem', item);
    await grid2.call('recordItem', { ...item, requestId: requestId(), gridId: G2, kind: 'security', patrolId: null, title: '夜间聚集' });
    expect((await progress(campaignId, V))!).toMatchObject({ itemsByKind: { hazard: 1 }, grids: { [G]: { items: 1 } } });
    expect((await progress(campaignId, V2))!).toMatchObject({ itemsByKind: { security: 1 }, grids: { [G2]: { items: 1, patrols: 0 } } });
  });

  it('refuses, with nothing written: a village, a unit of another town, a period that ended, a reversed period', async () => {
    const n = await campaignCount();
    const base = { ...launch, requestId: requestId() };
    expect((await callError(village, 'launchCampaign', { ...base, requestId: requestId() })).code).toBe('permission-denied');
    const outside = await callError(town, 'launchCampaign', { ...base, requestId: requestId(), units: [V, '621126101001'] });
    expect(outside.code).toBe('permission-denied');
    expect(outside.message).toMatch(/辖区/);
    const past = await callError(town, 'launchCampaign', {
      ...base,
      requestId: requestId(),
      from: addDays(today, -9),
      to: addDays(today, -2),
    });
    expect(past.code).toBe('failed-precondition');
    const reversed = await callError(town, 'launchCampaign', { ...base, requestId: requestId(), from: addDays(today, 3), to: today });
    expect(reversed.code).toBe('invalid-argument');
    const unknown = await callError(town, 'launchCampaign', { ...base, requestId: requestId(), units: ['621126100999'] });
    expect(unknown.code).toBe('invalid-argument');
    expect(await campaignCount()).toBe(n);
  });

  it('the CLI lists the running campaign with its grids reported', () => {
    const r = spawnSync('node', ['bin/fengqiao.mjs', 'campaign', 'list', '--county', C, '--state', 'running'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string; reported: number; grids: number }[];
    const mine = rows.find((x) => x.id === campaignId)!;
    expect(mine.reported).toBeGreaterThanOrEqual(1);
    expect(mine.grids).toBeGreaterThan(1);
  });

  it('another town cannot close it; the town closes it with its summary; nothing counts after', async () => {
    expect((await callError(town2, 'closeCampaign', { campaignId })).code).toBe('permission-denied');
    expect((await callError(grid, 'closeCampaign', { campaignId })).code).toBe('permission-denied');
    expect((await callError(county, 'closeCampaign', { campaignId: '621126-NoSuchOne0' })).code).toBe('not-found');
    const r = await town.call<{ closed: boolean; summary: Record<string, unknown> }>('closeCampaign', { campaignId });
    expect(r.closed).toBe(true);
    const grids = (await gridsOf(V)) + (await gridsOf(V2));
    expect(r.summary).toEqual({
      grids,
      gridsDone: 1,
      patrols: 1,
      zeroReports: 1,
      items: 2,
      itemsByKind: { hazard: 1, security: 1 },
      checked: [1, 0, 1],
      byTown: { [T]: { name: '岷阳镇', grids, gridsDone: 1, patrols: 1, items: 2, itemsByKind: { hazard: 1, security: 1 } } },
    });
    const again = await county.call<{ closed: boolean; summary: unknown }>('closeCampaign', { campaignId });
    expect(again).toEqual({ campaignId, closed: false, summary: r.summary });
    const before = (await progress(campaignId, V))!;
    await grid.call('recordPatrol', { requestId: requestId(), gridId: G, patrolledAt: at(), householdsVisited: 3, zeroReport: true });
    expect((await progress(campaignId, V))!.grids[G].patrols).toBe(before.grids[G].patrols);
    expect((await adminDb().doc(`campaigns/${campaignId}`).get()).data()).toMatchObject({ state: 'closed', closedByName: '张伟' });
  });
});
