// Figures above the county (issue 16): a case counts in its city and province, sharded, and each
// city/province shard carries the figures per county (city) or per city (province), so the sums
// of a city's or province's shards are exactly its counties' cases — whatever the changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CaseDoc,
  type CaseEvent,
  type CounterDoc,
  UPPER_SHARDS,
  addCounterDelta,
  chainTargets,
  childStatsDelta,
  counterDelta,
  counterWrites,
  emptyCounter,
  statsDelta,
  sumCounters,
  upperUnitsOf,
} from '../../functions/src/domain';
import { unitStatsDelta } from '../../functions/src/lib/stats';
import { reported } from '../helpers/cases';

const base = reported();
const COUNTIES = ['621126', '621123', '621125', '620102'] as const; // three of 定西市, one of 兰州市
const STATES = ['reported', 'accepted', 'in_progress', 'resolved', 'closed'] as const;

const version = fc.record({
  countyId: fc.constantFrom(...COUNTIES),
  state: fc.constantFrom(...STATES),
  tier: fc.constantFrom('grid', 'village', 'town', 'county' as const),
  colour: fc.constantFrom('blue', 'orange', 'red' as const),
  overdue: fc.boolean(),
});

function caseOf(id: string, v: { countyId: string } & Partial<CaseDoc>): CaseDoc {
  const c = v.countyId;
  return {
    ...base,
    ...v,
    id,
    townId: `${c}100`,
    villageId: `${c}100001`,
    gridId: `${c}100001001`,
    accessUnits: [`${c}100001`, `${c}100001001`],
  } as CaseDoc;
}

function store(docs: Map<string, CounterDoc>, before: CaseDoc | null, after: CaseDoc | null) {
  for (const w of counterWrites(before, after))
    docs.set(w.id, addCounterDelta(docs.get(w.id) ?? emptyCounter(w.unitId, w.level, w.shard), w.delta));
}
const sumOf = (docs: Map<string, CounterDoc>, unitId: string) => sumCounters([...docs.values()].filter((d) => d.unitId === unitId));

describe('figures above the county', () => {
  it('a county lies in its city (4 digits) and province (2 digits)', () => {
    expect(upperUnitsOf('621126')).toEqual([
      { unitId: '6211', level: 'city', child: '621126' },
      { unitId: '62', level: 'province', child: '6211' },
    ]);
    expect(upperUnitsOf('6211')).toEqual([]);
  });

  it('a case change writes one shard of its city and one of its province, each with the child figures', () => {
    const c = caseOf('case-a', { countyId: '621126', state: 'reported', colour: 'red', overdue: false });
    const w = counterWrites(null, c);
    const city = w.find((x) => x.unitId === '6211')!;
    const province = w.find((x) => x.unitId === '62')!;
    expect(city.level).toBe('city');
    expect(city.shard).toBeLessThan(UPPER_SHARDS.city);
    expect(province.shard).toBeLessThan(UPPER_SHARDS.province);
    expect(city.delta).toMatchObject({ total: 1, open: 1, 'colour.red': 1, 'child.621126.open': 1, 'child.621126.red': 1 });
    expect(province.delta).toMatchObject({ total: 1, open: 1, 'child.6211.open': 1, 'child.6211.reported': 1 });
    // The county's own units are written as before (accessUnits), the statistics chain gains two.
    expect(w.filter((x) => x.unitId.length >= 6).map((x) => x.unitId)).toEqual(c.accessUnits);
    expect(chainTargets(c).map((t) => t.level)).toEqual(['grid', 'village', 'town', 'county', 'city', 'province']);
  });

  it("a city's and a province's summed shards are exactly their counties' cases, per child too, after any changes", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), version), { minLength: 1, maxLength: 30 }), (steps) => {
        const docs = new Map<string, CounterDoc>();
        const cases = new Map<string, CaseDoc>();
        for (const [i, v] of steps) {
          const id = `case-${i}`;
          const prev = cases.get(id) ?? null;
          // A case keeps its county once reported.
          const next = caseOf(id, { ...v, countyId: prev?.countyId ?? v.countyId });
          store(docs, prev, next);
          cases.set(id, next);
        }
        const expectOf = (list: CaseDoc[]) => {
          const f = { total: 0, open: 0, overdue: 0, red: 0 };
          for (const c of list) {
            const d = counterDelta(null, c);
            f.total += d.total ?? 0;
            f.open += d.open ?? 0;
            f.overdue += d.overdue ?? 0;
            f.red += d['colour.red'] ?? 0;
          }
          return f;
        };
        for (const unit of ['6211', '6201', '62']) {
          const mine = [...cases.values()].filter((c) => c.countyId.startsWith(unit));
          const sum = sumOf(docs, unit);
          const want = expectOf(mine);
          expect({ total: sum?.total ?? 0, open: sum?.open ?? 0, overdue: sum?.overdue ?? 0, red: sum?.colour.red ?? 0 }).toEqual(want);
          // Per child: a city's counties, a province's cities.
          const childLen = unit.length === 4 ? 6 : 4;
          for (const child of new Set(mine.map((c) => c.countyId.slice(0, childLen)))) {
            const row = sum?.child?.[child] ?? {};
            const w = expectOf(mine.filter((c) => c.countyId.startsWith(child)));
            expect({ total: row.total ?? 0, open: row.open ?? 0, overdue: row.overdue ?? 0, red: row.red ?? 0 }).toEqual(w);
          }
        }
        // No shard number beyond the fixed counts.
        for (const d of docs.values())
          if (d.level === 'city' || d.level === 'province') expect(d.shard).toBeLessThan(UPPER_SHARDS[d.level]);
        // The open cases are never negative anywhere.
        for (const d of docs.values()) expect(d.open).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("statistics: a city's day document counts the event under its county, a province's under its city; a county's has no child figures", () => {
    const e = {
      action: 'report',
      at: new Date('2026-03-02T02:00:00Z'),
      scope: { countyId: '621126', townId: '621126100', villageId: '621126100001', gridId: '621126100001001' },
      data: { category: 'neighbour', source: 'grid_worker', petition: null, reporterRole: 'county_staff', reporterUid: 'u1' },
    } as unknown as CaseEvent;
    expect(statsDelta(e).received).toBe(1);
    expect(unitStatsDelta('6211', e)).toMatchObject({ received: 1, 'receivedByChild.621126': 1 });
    expect(unitStatsDelta('62', e)).toMatchObject({ received: 1, 'receivedByChild.6211': 1 });
    expect(Object.keys(unitStatsDelta('621126', e)).some((k) => k.includes('ByChild'))).toBe(false);
    // The grid workers' ranking stays a county's: no per-worker map in a city's or province's document.
    const byWorker = { ...e, data: { ...e.data, reporterRole: 'grid_worker' } } as CaseEvent;
    expect(unitStatsDelta('621126', byWorker)['entries.u1']).toBe(1);
    expect(Object.keys(unitStatsDelta('6211', byWorker)).some((k) => k.startsWith('entries.'))).toBe(false);
    expect(childStatsDelta({ resolved: 2, 'resolvedByTier.town': 2 }, '6211')).toEqual({ 'resolvedByChild.6211': 2 });
  });
});
