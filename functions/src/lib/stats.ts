import type { Firestore, Transaction, BulkWriter, WriteBatch } from 'firebase-admin/firestore';
import { type CaseEvent, chainTargets, periodsOf, statsDelta } from '../domain';
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
      incrementsOf(delta),
    );
  return targets.length;
}
