// 网格巡查: the patrol checks (policy, clock, households, 零报告) and the coverage arithmetic
// (daily and N-a-week grids, gaps, extra patrols that must not make up for another grid's gaps).
import { describe, expect, it } from 'vitest';
import {
  DeadlinePolicy,
  type PatrolPolicy,
  PatrolError,
  RecordPatrolInput,
  checkPatrol,
  coverage,
  datesBetween,
  defaultPatrolPolicy,
  defaultPolicy,
  frequencyOf,
  mayRecordPatrol,
  missingGrids,
  patrolUnits,
  weekStart,
} from '../../functions/src/domain';

const G1 = '621126100001001';
const G2 = '621126100001002';
const now = new Date('2026-05-20T10:00:00+08:00');
const input = (over: Partial<Record<string, unknown>> = {}) =>
  RecordPatrolInput.parse({
    requestId: 'req-00001',
    gridId: G1,
    patrolledAt: '2026-05-20T09:00:00+08:00',
    householdsVisited: 12,
    zeroReport: true,
    ...over,
  });
const policy = (over: Partial<PatrolPolicy> = {}): PatrolPolicy => ({ ...defaultPatrolPolicy(), ...over });
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof PatrolError) return e.zh;
    throw e;
  }
  return null;
};

describe('patrol policy', () => {
  it('a policy stored before patrols existed gets the defaults (daily, zero reports required)', () => {
    const { patrol, ...old } = defaultPolicy('621126');
    expect(DeadlinePolicy.parse(old).patrol).toEqual(defaultPatrolPolicy());
    expect(patrol.frequency).toEqual({ kind: 'daily' });
  });
  it('a grid may have its own frequency', () => {
    const p = policy({ gridFrequency: { [G2]: { kind: 'weekly', times: 3 } } });
    expect(frequencyOf(p, G1)).toEqual({ kind: 'daily' });
    expect(frequencyOf(p, G2)).toEqual({ kind: 'weekly', times: 3 });
    expect(frequencyOf(p, 'toString')).toEqual({ kind: 'daily' });
  });
  it('refuses a weekly frequency outside 1–7 and a grid key that is not a grid code', () => {
    expect(
      DeadlinePolicy.safeParse({ ...defaultPolicy('621126'), patrol: policy({ frequency: { kind: 'weekly', times: 8 } }) }).success,
    ).toBe(false);
    expect(
      DeadlinePolicy.safeParse({ ...defaultPolicy('621126'), patrol: policy({ gridFrequency: { '621126100001': { kind: 'daily' } } }) })
        .success,
    ).toBe(false);
  });
});

describe('checkPatrol', () => {
  it('counts the patrol on its local (Asia/Shanghai) date', () => {
    expect(checkPatrol(input({ patrolledAt: '2026-05-19T17:30:00Z' }), policy(), 40, now).date).toBe('2026-05-20');
    expect(checkPatrol(input({ patrolledAt: '2026-05-19T15:30:00Z' }), policy(), 40, now).date).toBe('2026-05-19');
  });
  it('refuses a time in the future beyond five minutes of skew, and one older than the policy allows', () => {
    expect(refusal(() => checkPatrol(input({ patrolledAt: '2026-05-20T10:04:00+08:00' }), policy(), 40, now))).toBeNull();
    expect(refusal(() => checkPatrol(input({ patrolledAt: '2026-05-20T10:06:00+08:00' }), policy(), 40, now))).toBe(
      '巡查时间不能晚于当前时间',
    );
    expect(refusal(() => checkPatrol(input({ patrolledAt: '2026-05-13T08:00:00+08:00' }), policy(), 40, now))).toBeNull();
    expect(refusal(() => checkPatrol(input({ patrolledAt: '2026-05-12T23:00:00+08:00' }), policy(), 40, now))).toBe('只能补登7天内的巡查');
  });
  it('refuses more households than the grid has (unknown count: any)', () => {
    expect(refusal(() => checkPatrol(input({ householdsVisited: 41 }), policy(), 40, now))).toBe('走访户数不能超过本网格户数（40户）');
    expect(refusal(() => checkPatrol(input({ householdsVisited: 41 }), policy(), null, now))).toBeNull();
  });
  it('零报告: a blank result is refused when required, accepted when not; a finding needs words', () => {
    const blank = input({ zeroReport: null, note: null });
    expect(refusal(() => checkPatrol(blank, policy(), 40, now))).toMatch(/零报告/);
    expect(refusal(() => checkPatrol(blank, policy({ zeroReportRequired: false }), 40, now))).toBeNull();
    expect(refusal(() => checkPatrol(input({ zeroReport: false, note: null }), policy({ zeroReportRequired: false }), 40, now))).toBe(
      '发现问题时请填写巡查情况',
    );
    expect(refusal(() => checkPatrol(input({ zeroReport: false, note: '村口路灯损坏' }), policy(), 40, now))).toBeNull();
  });
  it('the schema refuses a bad requestId, a negative count and unknown fields', () => {
    expect(RecordPatrolInput.safeParse({ ...input(), requestId: 'short' }).success).toBe(false);
    expect(RecordPatrolInput.safeParse({ ...input(), householdsVisited: -1 }).success).toBe(false);
    expect(RecordPatrolInput.safeParse({ ...input(), extra: 1 }).success).toBe(false);
  });
});

describe('who patrols', () => {
  it('only the grid worker of that grid', () => {
    expect(mayRecordPatrol({ r: 'grid_worker', u: G1, c: '621126', g: G1 }, G1)).toBe(true);
    expect(mayRecordPatrol({ r: 'grid_worker', u: G2, c: '621126', g: G2 }, G1)).toBe(false);
    expect(mayRecordPatrol({ r: 'village_staff', u: '621126100001', c: '621126', v: '621126100001' }, G1)).toBe(false);
  });
  it('a patrol counts for its village, town and county', () => {
    expect(patrolUnits(G1).map((u) => u.unitId)).toEqual(['621126100001', '621126100', '621126']);
  });
});

describe('coverage', () => {
  const grids = [
    { id: G1, name: '第1网格' },
    { id: G2, name: '第2网格' },
  ];
  const day = (counts: Record<string, number>) => ({
    grids: Object.fromEntries(
      Object.entries(counts).map(([g, n]) => [g, { patrols: n, zeroReports: 0, householdsVisited: 0, lastAt: null }]),
    ),
  });
  it('lists the grids that have not reported today', () => {
    expect(missingGrids(grids, null).map((g) => g.id)).toEqual([G1, G2]);
    expect(missingGrids(grids, day({ [G1]: 1 })).map((g) => g.id)).toEqual([G2]);
  });
  it('weeks start on Monday; a range lists its days', () => {
    expect(weekStart('2026-05-20')).toBe('2026-05-18');
    expect(weekStart('2026-05-24')).toBe('2026-05-18');
    expect(datesBetween('2026-05-30', '2026-06-02')).toEqual(['2026-05-30', '2026-05-31', '2026-06-01', '2026-06-02']);
  });
  it('daily grids: a day counts once, and one grid’s extra patrols do not cover another’s gap', () => {
    const days = new Map([
      ['2026-05-18', day({ [G1]: 3 })],
      ['2026-05-19', day({ [G1]: 1, [G2]: 1 })],
    ]);
    const c = coverage(grids, policy(), '2026-05-18', '2026-05-21', days);
    expect(c).toEqual({ expected: 8, done: 3, rate: 3 / 8 });
  });
  it('N a week: expected N per week (prorated for a partial week), credited up to N', () => {
    const p = policy({ frequency: { kind: 'weekly', times: 2 } });
    const days = new Map([
      ['2026-05-18', day({ [G1]: 2, [G2]: 1 })],
      ['2026-05-20', day({ [G1]: 1 })],
    ]);
    // a full week: 2 each expected; G1 did 3 (credited 2), G2 did 1
    expect(coverage(grids, p, '2026-05-18', '2026-05-24', days)).toEqual({ expected: 4, done: 3, rate: 3 / 4 });
    // Monday–Wednesday: ceil(2 × 3 / 7) = 1 each
    expect(coverage(grids, p, '2026-05-18', '2026-05-20', days)).toEqual({ expected: 2, done: 2, rate: 1 });
  });
  it('nothing expected is full coverage', () => {
    expect(coverage([], policy(), '2026-05-18', '2026-05-24', new Map()).rate).toBe(1);
  });
});
