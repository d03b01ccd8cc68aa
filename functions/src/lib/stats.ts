import type { Firestore, Transaction, BulkWriter, WriteBatch } from 'firebase-admin/firestore';
import { type CaseEvent, chainTargets, childOf, childStatsDelta, periodsOf, statsDelta } from '../domain';
import { incrementsOf } from './counters';
import { increments, writeIncrements } from './db';

/**
 * Daily statistics per unit (statsDays/{unitId}_{YYYY-MM-DD}__{shard}), written in the same
 * transaction as the event they count: exactly once. Sharded like the live counters so a busy
 * county's day document takes well under one write a second; months and years are rolled up
 * from the days (lib/rollup.ts).
 */
export function statsDayTargets(caseId: string, e: CaseEvent) {
  const { day, month, year } = periodsOf(e.at);
  return chainTargets({ id: caseId, ...e.scope }).map((t) => ({ ...t, id: `${t.unitId}_${day}__${t.shard}`, day, month, year }));
}

/**
 * An event's increments for one unit's day document: its figures, and in a city's or province's
 * document also the key figures under the county (city) or city (province) it came from
 * (`receivedByChild.621126`: the comparison table, domain/upper.ts).
 */
export function unitStatsDelta(unitId: string, e: CaseEvent, delta = statsDelta(e)): Record<string, number> {
  const child = childOf(unitId, e.scope.countyId);
  if (!child) return delta;
  // Not the grid workers' entries (月排名 is a county's ranking): a province has ~140,000 grid
  // workers, a map of them would outgrow a document (1 MiB) and its index entries.
  const own = Object.fromEntries(Object.entries(delta).filter(([k]) => !k.startsWith('entries.')));
  return { ...own, ...childStatsDelta(delta, child) };
}

export function writeStats(db: Firestore, w: Transaction | WriteBatch | BulkWriter, caseId: string, e: CaseEvent): number {
  const delta = statsDelta(e);
  if (!Object.keys(delta).length) return 0;
  const targets = statsDayTargets(caseId, e);
  const inc = increments(db);
  for (const t of targets)
    writeIncrements(
      w,
      inc.statsDay(t.id),
      { unitId: t.unitId, level: t.level, shard: t.shard, period: t.day, month: t.month, year: t.year },
      incrementsOf(unitStatsDelta(t.unitId, e, delta)),
    );
  return targets.length;
}
