import { z } from 'zod';
import { type CaseDoc, CASE_STATES, OPEN_STATES, TIERS } from './case-model';
import { isOverdue } from './clocks';
import { DEFAULT_COUNTER_SHARDS } from './deadlines';
import { UPPER_SHARDS, addPath, childCounterDelta, childOf, upperLevelOf, upperUnitsOf } from './upper';

/**
 * Live counters for the dashboard (一图统览): per unit, how many of the cases its staff can open
 * (the case's `accessUnits`, the very filter of the unit's board and lists) are in each state,
 * and — of the open ones — at each tier, of each colour, and overdue (the case's `overdue`
 * flag, the filter of the overdue list). So a tile and the list behind it count the same cases:
 * a county's 逾期 tile counts exactly the cases its overdue list can show. Figures for the
 * whole territory (every case of the county, whoever handles it) are the statistics
 * (statsDays/statsPeriods, lib/stats.ts), which count by the territorial chain.
 *
 * They change in the same transaction as the case, so they are exact and a retried call cannot
 * count twice. A unit's counter is split into shards (counters/{unitId}__{shard}) so that no
 * document takes more than about one write a second at the unit's peak; the console sums
 * whatever shards a unit has, so changing the number of shards (the county's policy,
 * `counterShards`) keeps every sum right — each increment lands in some shard of the unit —
 * and `fengqiao counters rebuild` folds old shards away.
 */
export type CounterShards = Record<'grid' | 'village' | 'town' | 'county', number>;

/** Shards of the daily statistics (statsDays), by the territorial chain: fixed. */
export const SHARDS: CounterShards = { grid: 1, village: 1, town: 8, county: 32 };

// Shards are created by increments, so a key appears once something was counted under it.
const counts = z.record(z.string(), z.number().int());

export const CounterDoc = z.strictObject({
  unitId: z.string(),
  level: z.enum(['grid', 'village', 'town', 'county', 'city', 'province']),
  shard: z.number().int().nonnegative(),
  total: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  state: counts,
  tier: counts,
  colour: counts,
  /** City and province only (domain/upper.ts): the figures per unit one level down, `child.{code}.{figure}`. */
  child: z.record(z.string(), counts).optional(),
});
export type CounterDoc = z.infer<typeof CounterDoc>;
/** counters/{unitId}__{shard} as stored: created by increments, so a figure is missing until something is counted. */
export const CounterShardDoc = CounterDoc.partial({ total: true, open: true, overdue: true, state: true, tier: true, colour: true });

/** Adds a counter delta (dotted paths, `child.{code}.{figure}` included) into a counter document. */
export function addCounterDelta(doc: CounterDoc, delta: Record<string, number>): CounterDoc {
  for (const [path, n] of Object.entries(delta)) addPath(doc as unknown as Record<string, unknown>, path, n);
  return doc;
}

export function emptyCounter(unitId: string, level: CounterDoc['level'], shard: number): CounterDoc {
  const zero = <T extends readonly string[]>(keys: T) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<T[number], number>;
  return {
    unitId,
    level,
    shard,
    total: 0,
    open: 0,
    overdue: 0,
    state: zero(CASE_STATES),
    tier: zero(TIERS),
    colour: zero(['blue', 'orange', 'red'] as const),
  };
}

/** Field increments (dotted paths) that take a unit's counters from `before` to `after` (a unit both count). */
export function counterDelta(before: CaseDoc | null, after: CaseDoc | null): Record<string, number> {
  const d: Record<string, number> = {};
  const add = (k: string, n: number) => (d[k] = (d[k] ?? 0) + n);
  for (const [c, sign] of [
    [before, -1],
    [after, 1],
  ] as const) {
    if (!c) continue;
    add('total', sign);
    add(`state.${c.state}`, sign);
    if (OPEN_STATES.includes(c.state)) {
      add('open', sign);
      add(`tier.${c.tier}`, sign);
      add(`colour.${c.colour}`, sign);
      // The stored flag when there is one (what the overdue list filters by).
      if (c.overdue ?? isOverdue(c)) add('overdue', sign);
    }
  }
  return Object.fromEntries(Object.entries(d).filter(([, n]) => n !== 0));
}

type Level = CounterDoc['level'];
export interface CounterTarget {
  id: string;
  unitId: string;
  level: Level;
  shard: number;
}

/** A unit's level: by its place in the case's chain, else by the length of its code. */
function levelOf(c: Pick<CaseDoc, 'countyId' | 'townId' | 'villageId' | 'gridId'>, unitId: string): Level {
  if (unitId === c.gridId) return 'grid';
  if (unitId === c.villageId) return 'village';
  if (unitId === c.townId) return 'town';
  if (unitId === c.countyId) return 'county';
  const upper = upperLevelOf(unitId);
  if (upper) return upper;
  return unitId.length <= 6 ? 'county' : unitId.length <= 9 ? 'town' : unitId.length <= 12 ? 'village' : 'grid';
}

/**
 * Territorial targets: one shard per unit of the case's chain (grid, village, town, county, and
 * above it the city and the province, domain/upper.ts) — for the statistics.
 */
export function chainTargets(
  c: Pick<CaseDoc, 'id' | 'countyId' | 'townId' | 'villageId' | 'gridId'>,
  shards: CounterShards = SHARDS,
): CounterTarget[] {
  // The shard is fixed per case, so a case's own changes never contend across shards.
  const h = hash(c.id);
  const own = (
    [
      ['grid', c.gridId],
      ['village', c.villageId],
      ['town', c.townId],
      ['county', c.countyId],
    ] as const
  ).map(([level, unitId]) => {
    const shard = h % Math.max(1, shards[level]);
    return { id: `${unitId}__${shard}`, unitId, level, shard };
  });
  const upper = upperUnitsOf(c.countyId).map(({ unitId, level }) => {
    const shard = h % UPPER_SHARDS[level];
    return { id: `${unitId}__${shard}`, unitId, level, shard };
  });
  return [...own, ...upper];
}

/**
 * The live-counter documents a case counts in: one shard per unit of its `accessUnits`, and one
 * of its city and one of its province (every case of their counties: what their staff can open;
 * domain/upper.ts). City and province shards are fixed (UPPER_SHARDS), not the county's policy.
 */
export function counterTargets(
  c: Pick<CaseDoc, 'id' | 'countyId' | 'townId' | 'villageId' | 'gridId' | 'accessUnits'>,
  shards: CounterShards = DEFAULT_COUNTER_SHARDS,
): CounterTarget[] {
  const h = hash(c.id);
  const upper = upperUnitsOf(c.countyId).map((u) => u.unitId);
  return [...new Set([...c.accessUnits, ...upper])].map((unitId) => {
    const level = levelOf(c, unitId);
    const n = level === 'city' || level === 'province' ? UPPER_SHARDS[level] : shards[level];
    const shard = h % Math.max(1, n);
    return { id: `${unitId}__${shard}`, unitId, level, shard };
  });
}

/**
 * Every counter write a case change makes: the case leaves the counters of the units it counted
 * in and enters those it counts in now (an escalation adds the town; a 督办 its assignee unit).
 * Shard documents with nothing to change are left out.
 */
export function counterWrites(
  before: CaseDoc | null,
  after: CaseDoc | null,
  shards: CounterShards = DEFAULT_COUNTER_SHARDS,
): (CounterTarget & { delta: Record<string, number> })[] {
  const out = new Map<string, CounterTarget & { delta: Record<string, number> }>();
  for (const [c, d] of [
    [before, before && counterDelta(before, null)],
    [after, after && counterDelta(null, after)],
  ] as const) {
    if (!c || !d) continue;
    for (const t of counterTargets(c, shards)) {
      const acc = out.get(t.id) ?? { ...t, delta: {} };
      // A city or province shard also counts the case under its county (city) or city (province).
      const child = childOf(t.unitId, c.countyId);
      const full = child ? { ...d, ...childCounterDelta(d, child) } : d;
      for (const [k, n] of Object.entries(full)) acc.delta[k] = (acc.delta[k] ?? 0) + n;
      out.set(t.id, acc);
    }
  }
  return [...out.values()]
    .map((t) => ({ ...t, delta: Object.fromEntries(Object.entries(t.delta).filter(([, n]) => n !== 0)) }))
    .filter((t) => Object.keys(t.delta).length > 0);
}

/** Sums a unit's shards (what the console shows). */
export function sumCounters(shards: CounterDoc[]): Omit<CounterDoc, 'shard'> | null {
  if (!shards.length) return null;
  const out = { ...emptyCounter(shards[0]!.unitId, shards[0]!.level, 0) } as CounterDoc;
  for (const s of shards) {
    out.total += s.total ?? 0;
    out.open += s.open ?? 0;
    out.overdue += s.overdue ?? 0;
    for (const k of CASE_STATES) out.state[k] = (out.state[k] ?? 0) + (s.state?.[k] ?? 0);
    for (const k of TIERS) out.tier[k] = (out.tier[k] ?? 0) + (s.tier?.[k] ?? 0);
    for (const k of ['blue', 'orange', 'red'] as const) out.colour[k] = (out.colour[k] ?? 0) + (s.colour?.[k] ?? 0);
    for (const [code, f] of Object.entries(s.child ?? {})) {
      const row = ((out.child ??= {})[code] ??= {});
      for (const [k, n] of Object.entries(f)) row[k] = (row[k] ?? 0) + n;
    }
  }
  const { shard: _s, ...rest } = out;
  return rest;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
