import { z } from 'zod';
import { type CaseDoc, CASE_STATES, OPEN_STATES, TIERS } from './case-model';
import { isOverdue } from './clocks';

/**
 * Live counters for the dashboard (一图统览): per unit of a case's territorial chain (grid,
 * village, town, county), how many cases are in each state, and — of the open ones — at each
 * tier, of each colour, and overdue. They change in the same transaction as the case, so they
 * are exact and a retried call cannot count twice. A unit's counter is split into shards
 * (counters/{unitId}__{shard}) so that no document takes more than about one write a second
 * at a county's peak; the console sums a unit's shards.
 */
export const SHARDS: Record<'grid' | 'village' | 'town' | 'county', number> = { grid: 1, village: 1, town: 8, county: 32 };

// Shards are created by increments, so a key appears once something was counted under it.
const counts = z.record(z.string(), z.number().int());

export const CounterDoc = z.strictObject({
  unitId: z.string(),
  level: z.enum(['grid', 'village', 'town', 'county']),
  shard: z.number().int().nonnegative(),
  total: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  state: counts,
  tier: counts,
  colour: counts,
});
export type CounterDoc = z.infer<typeof CounterDoc>;
/** counters/{unitId}__{shard} as stored: created by increments, so a figure is missing until something is counted. */
export const CounterShardDoc = CounterDoc.partial({ total: true, open: true, overdue: true, state: true, tier: true, colour: true });

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

/** Field increments (dotted paths) that take a unit's counters from `before` to `after`. */
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
      if (isOverdue(c)) add('overdue', sign);
    }
  }
  return Object.fromEntries(Object.entries(d).filter(([, n]) => n !== 0));
}

/** The counter documents a case change touches: one shard per unit of its chain. */
export function counterTargets(
  c: Pick<CaseDoc, 'id' | 'countyId' | 'townId' | 'villageId' | 'gridId'>,
): { id: string; unitId: string; level: CounterDoc['level']; shard: number }[] {
  // The shard is fixed per case, so a case's own changes never contend across shards.
  const h = hash(c.id);
  return (
    [
      ['grid', c.gridId],
      ['village', c.villageId],
      ['town', c.townId],
      ['county', c.countyId],
    ] as const
  ).map(([level, unitId]) => {
    const shard = h % SHARDS[level];
    return { id: `${unitId}__${shard}`, unitId, level, shard };
  });
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
  }
  const { shard: _s, ...rest } = out;
  return rest;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
