// 集中排查 (domain/campaign.ts): who launches and closes, what a launch may cover, which patrols
// count, ticks, and the summary's arithmetic (grids done, items by kind and by town, ticks).
import { describe, expect, it } from 'vitest';
import {
  CampaignError,
  LaunchCampaignInput,
  campaignCounts,
  checkLaunch,
  completion,
  mayCloseCampaign,
  mayRunCampaign,
  summarize,
  ticksFor,
} from '../../functions/src/domain';

const town = { r: 'town_staff' as const, u: '621126100', c: '621126', t: '621126100' };
const county = { r: 'county_staff' as const, u: '621126', c: '621126' };
const input = (over: Partial<Record<string, unknown>> = {}) =>
  LaunchCampaignInput.parse({
    requestId: 'req-00000001',
    topic: '节前集中排查',
    from: '2026-09-25',
    to: '2026-09-30',
    units: ['621126100001', '621126100'],
    checklist: ['邻里纠纷', '消防隐患'],
    ...over,
  });

describe('launch', () => {
  it('towns, counties and their leaders launch; villages, grid workers, departments, administrators do not', () => {
    expect(mayRunCampaign(town, town.u)).toBe(true);
    expect(mayRunCampaign({ ...county, r: 'leader' }, county.u)).toBe(true);
    expect(mayRunCampaign({ r: 'village_staff', u: '621126100001', c: '621126' }, '621126100001')).toBe(false);
    expect(mayRunCampaign({ r: 'admin', u: '621126', c: '621126' }, '621126')).toBe(false);
    expect(mayRunCampaign({ r: 'department_officer', u: '621126-police', c: '621126', d: '621126-police' }, '621126-police')).toBe(false);
  });
  it('drops units a selected town already covers; refuses units outside the area and a period that ended', () => {
    expect(checkLaunch(input(), town, '2026-09-25')).toEqual(['621126100']);
    expect(() => checkLaunch(input({ units: ['621126101001'] }), town, '2026-09-25')).toThrow(CampaignError);
    expect(() => checkLaunch(input(), town, '2026-10-01')).toThrow(/period ends 2026-09-30 before 2026-10-01/);
  });
  it('the schema refuses a reversed or too long period and an empty checklist', () => {
    expect(LaunchCampaignInput.safeParse({ ...input(), to: '2026-09-01' }).success).toBe(false);
    expect(LaunchCampaignInput.safeParse({ ...input(), to: '2027-09-01' }).success).toBe(false);
    expect(LaunchCampaignInput.safeParse({ ...input(), checklist: [] }).success).toBe(false);
    // A malformed date is refused by its own check, never a crash in the period check (fuzz found it).
    expect(LaunchCampaignInput.safeParse({ ...input(), from: 'x', to: '2026-13-45' }).success).toBe(false);
  });
  it("the owner closes; a county closes its towns' campaigns; another town does not", () => {
    const c = { ownerUnit: '621126100', countyId: '621126' };
    expect(mayCloseCampaign(town, c)).toBe(true);
    expect(mayCloseCampaign(county, c)).toBe(true);
    expect(mayCloseCampaign({ ...town, u: '621126101', t: '621126101' }, c)).toBe(false);
    expect(mayCloseCampaign(town, { ownerUnit: '621126', countyId: '621126' })).toBe(false);
  });
});

describe('counting', () => {
  const c = { state: 'running' as const, from: '2026-09-25', to: '2026-09-30', units: ['621126100001'] };
  it('counts a covered grid inside the period only, while running', () => {
    expect(campaignCounts(c, '621126100001002', '2026-09-25')).toBe(true);
    expect(campaignCounts(c, '621126100001002', '2026-09-30')).toBe(true);
    expect(campaignCounts(c, '621126100001002', '2026-10-01')).toBe(false);
    expect(campaignCounts(c, '621126100002001', '2026-09-26')).toBe(false);
    expect(campaignCounts({ ...c, state: 'closed' }, '621126100001002', '2026-09-26')).toBe(false);
  });
  it('ticks: this campaign only, deduplicated, inside the checklist', () => {
    const checks = [
      { campaignId: 'a', items: [2, 0, 2, 9] },
      { campaignId: 'b', items: [1] },
    ];
    expect(ticksFor(checks, 'a', 3)).toEqual([0, 2]);
    expect(ticksFor(checks, 'c', 3)).toEqual([]);
  });
  it('summarizes grids done, items by kind and by town, and ticks per checklist item', () => {
    const g = (patrols: number, items: number, checked: Record<string, number> = {}) => ({
      name: 'x',
      patrols,
      zeroReports: patrols,
      items,
      checked,
      lastAt: null,
    });
    const progress: { townId: string; grids: Record<string, ReturnType<typeof g>>; itemsByKind: Record<string, number> }[] = [
      { townId: '621126100', grids: { a: g(2, 1, { '0': 2 }), b: g(0, 0) }, itemsByKind: { hazard: 1 } },
      { townId: '621126101', grids: { c: g(1, 2, { '0': 1, '1': 1 }) }, itemsByKind: { demand: 1, security: 1, bogus: 5 } },
    ];
    const s = summarize({ checklist: ['甲', '乙'] }, progress, (t) => (t === '621126100' ? '岷阳镇' : '蒲麻镇'));
    expect(s).toMatchObject({ grids: 3, gridsDone: 2, patrols: 3, zeroReports: 3, items: 3, checked: [2, 1] });
    expect(s.itemsByKind).toEqual({ hazard: 1, demand: 1, security: 1 });
    expect(s.byTown['621126100']).toEqual({ name: '岷阳镇', grids: 2, gridsDone: 1, patrols: 2, items: 1, itemsByKind: { hazard: 1 } });
    expect(completion(progress)).toEqual({ grids: 3, done: 2, rate: 2 / 3 });
  });
});
