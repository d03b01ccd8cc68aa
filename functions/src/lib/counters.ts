import { FieldValue, type Firestore, type Transaction, type WriteBatch, type BulkWriter } from 'firebase-admin/firestore';
import { type CaseDoc, counterDelta, counterTargets } from '../domain';
import { increments, writeIncrements } from './db';

/** Nested increments from dotted paths ({'state.reported': -1} → {state: {reported: increment(-1)}}). */
export function incrementsOf(delta: Record<string, number>): Record<string, unknown> {
  const out: Record<string, Record<string, unknown> | unknown> = {};
  for (const [path, n] of Object.entries(delta)) {
    const [a, b] = path.split('.');
    if (b) ((out[a!] ??= {}) as Record<string, unknown>)[b] = FieldValue.increment(n);
    else out[a!] = FieldValue.increment(n);
  }
  return out;
}

/**
 * Writes the dashboard counters for a case change inside the caller's transaction (or batch):
 * exactly once with the change itself.
 */
export function writeCounters(
  db: Firestore,
  w: Transaction | WriteBatch | BulkWriter,
  before: CaseDoc | null,
  after: CaseDoc | null,
): number {
  const delta = counterDelta(before, after);
  if (!Object.keys(delta).length) return 0;
  const targets = counterTargets((after ?? before)!);
  const inc = increments(db);
  for (const t of targets) writeIncrements(w, inc.counter(t.id), { unitId: t.unitId, level: t.level, shard: t.shard }, incrementsOf(delta));
  return targets.length;
}
