// Live counters count, per unit, the cases its lists show (the case's accessUnits and its
// overdue flag), and every sum stays right when a county changes its number of shards.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CaseDoc,
  type CounterShards,
  DEFAULT_COUNTER_SHARDS,
  DeadlinePolicy,
  OPEN_STATES,
  counterDelta,
  counterTargets,
  counterWrites,
  defaultPolicy,
} from '../../functions/src/domain';
import { reported } from '../helpers/cases';

const base = reported();
const UNITS = ['621126', '621126100', '621126100001', '621126100001001', '621126101'] as const;
const STATES = ['reported', 'accepted', 'in_progress', 'resolved', 'closed', 'suspended'] as const;

const version = fc.record({
  accessUnits: fc.subarray([...UNITS], { minLength: 1 }),
  state: fc.constantFrom(...STATES),
  tier: fc.constantFrom('grid', 'village', 'town', 'county' as const),
  colour: fc.constantFrom('blue', 'orange', 'red' as const),
  overdue: fc.boolean(),
});
const shards = fc.record({
  grid: fc.integer({ min: 1, max: 3 }),
  village: fc.integer({ min: 1, max: 3 }),
  town: fc.integer({ min: 1, max: 8 }),
  county: fc.integer({ min: 1, max: 32 }),
});

type Store = Map<string, { unitId: string; figures: Record<string, number> }>;
function apply(store: Store, before: CaseDoc | null, after: CaseDoc | null, s: CounterShards) {
  for (const w of counterWrites(before, after, s)) {
    const doc = store.get(w.id) ?? { unitId: w.unitId, figures: {} };
    for (const [k, n] of Object.entries(w.delta)) doc.figures[k] = (doc.figures[k] ?? 0) + n;
    store.set(w.id, doc);
  }
}
function sumOf(store: Store, unitId: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of store.values()) if (d.unitId === unitId) for (const [k, n] of Object.entries(d.figures)) out[k] = (out[k] ?? 0) + n;
  return Object.fromEntries(Object.entries(out).filter(([, n]) => n !== 0));
}

describe('live counters', () => {
  it("count a case in each unit of its accessUnits (the board's and the lists' filter), nowhere else", () => {
    const c: CaseDoc = { ...base, accessUnits: ['621126100001', '621126100001001'] };
    // …and in its city and province (every case of their counties: domain/upper.ts).
    expect(counterTargets(c).map((t) => [t.unitId, t.level])).toEqual([
      ['621126100001', 'village'],
      ['621126100001001', 'grid'],
      ['6211', 'city'],
      ['62', 'province'],
    ]);
    // The territory above does not count a case it cannot open.
    expect(counterTargets(c).some((t) => t.unitId === '621126')).toBe(false);
  });

  it('count overdue by the flag the overdue list filters by', () => {
    const open: CaseDoc = { ...base, state: 'in_progress', overdue: true };
    expect(counterDelta(null, open).overdue).toBe(1);
    expect(counterDelta(null, { ...open, overdue: false }).overdue).toBeUndefined();
  });

  it('escalation moves a case into the town counters; leaving a unit takes it out', () => {
    const village: CaseDoc = { ...base, tier: 'village', accessUnits: ['621126100001', '621126100001001'] };
    const town: CaseDoc = { ...village, tier: 'town', accessUnits: ['621126100', '621126100001', '621126100001001'] };
    const w = Object.fromEntries(counterWrites(village, town).map((x) => [x.unitId, x.delta]));
    expect(w['621126100']).toMatchObject({ total: 1, open: 1, 'tier.town': 1 });
    // The village still counts it, now at town tier.
    expect(w['621126100001']).toEqual({ 'tier.village': -1, 'tier.town': 1 });
    expect(counterWrites(town, village).find((x) => x.unitId === '621126100')?.delta).toMatchObject({ total: -1, open: -1 });
  });

  it('every sum is the cases of the unit after any changes, whatever shard counts the policy had at each step', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(version, shards), { minLength: 1, maxLength: 12 }), (steps) => {
        const store: Store = new Map();
        let prev: CaseDoc | null = null;
        for (const [v, s] of steps) {
          const next: CaseDoc = { ...base, ...v };
          apply(store, prev, next, s);
          prev = next;
        }
        const last = prev!;
        for (const u of UNITS) {
          const want = last.accessUnits.includes(u) ? counterDelta(null, last) : {};
          expect(sumOf(store, u)).toEqual(want);
        }
        const open = OPEN_STATES.includes(last.state);
        for (const u of last.accessUnits) expect(sumOf(store, u).overdue ?? 0).toBe(open && last.overdue ? 1 : 0);
      }),
    );
  });

  it("shards are the county's policy: a small default, and stored policies without it read the default", () => {
    expect(defaultPolicy('621126').counterShards).toEqual(DEFAULT_COUNTER_SHARDS);
    const { counterShards: _omit, ...old } = defaultPolicy('621126');
    expect(DeadlinePolicy.parse(old).counterShards).toEqual(DEFAULT_COUNTER_SHARDS);
    expect(DEFAULT_COUNTER_SHARDS.county).toBeLessThanOrEqual(4);
  });
});
