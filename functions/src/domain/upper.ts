/**
 * Figures above the county (issue 16: city and province tiers). Codes nest by prefix: a county
 * 621126 lies in the city 6211 and the province 62. A case counts, besides its own units, in its
 * city and its province — for the live counters (counters/{6211|62}__{shard}) and the daily
 * statistics (statsDays/{6211|62}_{day}__{shard}) — in the same transaction as the change, so
 * they are exact and a retried call cannot count twice (the county's design, docs/statistics.md).
 *
 * No hot documents: a city's and a province's figures are sharded (UPPER_SHARDS, a hash of the
 * case ID), and each shard also carries the figures per unit one level down (a city's counties,
 * a province's cities: `child.{code}.…` in counters, `{figure}ByChild.{code}` in statistics), so
 * a city or province dashboard, comparison table included, reads its own shards only — a number
 * of documents fixed by UPPER_SHARDS, whatever the number of counties and cases
 * (docs/architecture.md "Figures above the county").
 */
export const UPPER_LEVELS = ['city', 'province'] as const;
export type UpperLevel = (typeof UPPER_LEVELS)[number];

/**
 * Shards per city and province, for the live counters and the daily statistics alike. Fixed
 * (not a county's policy: every county of a province writes into the same documents). Sized in
 * docs/architecture.md ("Figures above the county"): a province of 122 counties at 秦安's
 * 182,000 cases a year each, 5 counted changes a case, in working hours with a peak-hour factor
 * of 3, makes about 46 counted changes a second: under 1 write a second on each of 64 province
 * shards; a city (at most a sixth of a province's cases) under 0.5 on each of 16.
 */
export const UPPER_SHARDS: Record<UpperLevel, number> = { city: 16, province: 64 };

/** The city (4 digits) and province (2 digits) of a county code, with the unit one level below each. */
export function upperUnitsOf(countyId: string): { unitId: string; level: UpperLevel; child: string }[] {
  if (!/^\d{6}$/.test(countyId)) return [];
  return [
    { unitId: countyId.slice(0, 4), level: 'city', child: countyId },
    { unitId: countyId.slice(0, 2), level: 'province', child: countyId.slice(0, 4) },
  ];
}

/** A unit code's level above the county, or null (county and below). */
export function upperLevelOf(unitId: string): UpperLevel | null {
  return /^\d{4}$/.test(unitId) ? 'city' : /^\d{2}$/.test(unitId) ? 'province' : null;
}

/** The units one level down from a city or province a county code belongs to (a county: none). */
export function childOf(unitId: string, countyId: string): string | null {
  const level = upperLevelOf(unitId);
  if (!level || !countyId.startsWith(unitId)) return null;
  return level === 'city' ? countyId : countyId.slice(0, 4);
}

/** The live-counter figures kept per child unit in a city's or province's shards (`child.{code}.{figure}`). */
export const CHILD_COUNTER_FIGURES = ['total', 'open', 'overdue', 'blue', 'orange', 'red', 'reported', 'resolved'] as const;
export type ChildCounterFigure = (typeof CHILD_COUNTER_FIGURES)[number];

/** A counter delta (flat keys: `open`, `colour.red`, `state.resolved`) as the child's figures. */
export function childCounterDelta(delta: Record<string, number>, child: string): Record<string, number> {
  const out: Record<string, number> = {};
  const map: Record<string, ChildCounterFigure> = {
    total: 'total',
    open: 'open',
    overdue: 'overdue',
    'colour.blue': 'blue',
    'colour.orange': 'orange',
    'colour.red': 'red',
    'state.reported': 'reported',
    'state.resolved': 'resolved',
  };
  for (const [k, n] of Object.entries(delta)) {
    const f = map[k];
    if (f) out[`child.${child}.${f}`] = n;
  }
  return out;
}

/** The statistics figures kept per child unit in a city's or province's day documents (`{figure}ByChild.{code}`). */
export const CHILD_STATS_FIGURES = [
  'received',
  'accepted',
  'resolved',
  'closed',
  'onTime',
  'overdue',
  'mediations',
  'mediationSuccess',
  'callbacks',
  'petitions',
] as const;

export function childStatsDelta(delta: Record<string, number>, child: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of CHILD_STATS_FIGURES) if (delta[f]) out[`${f}ByChild.${child}`] = delta[f]!;
  return out;
}

/** Adds a dotted path's increment into a nested object (`child.621126.open` → o.child['621126'].open). */
export function addPath(target: Record<string, unknown>, path: string, n: number): void {
  const parts = path.split('.');
  let o = target;
  for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
  const last = parts[parts.length - 1]!;
  o[last] = ((o[last] as number | undefined) ?? 0) + n;
}

/** One row of a comparison table: a child unit's figures from the summed shards' `child` map. */
export type ChildFigures = Partial<Record<ChildCounterFigure, number>>;
