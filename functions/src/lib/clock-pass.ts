/**
 * The loop every clock pass of the deadline sweep shares (hazards, key-person visits, mediations):
 * page through an indexed "something is due" range query (never a scan), handle each document once
 * in its own transaction, and write the alerts it raises with their robot deliveries in that same
 * transaction. Alert and delivery IDs are deterministic, so a rerun writes nothing twice.
 */
import type { Firestore, Query, Transaction, WriteBatch } from 'firebase-admin/firestore';
import { type AlertDoc, type WebhookDoc, outboxFor, webhooksFor } from '../domain';
import { loadWebhooks } from './config';
import { refs } from './db';

export interface ClockPassTally {
  /** Documents the due query returned, over all pages. */
  read: number;
  alerts: number;
  webhooksQueued: number;
  /** The batch budget ran out with documents still due: the next run goes on. */
  more: boolean;
}

export interface ClockPass<T> {
  /** The due query at `now` (ordered by the due field; limited here). */
  due: (db: Firestore, now: Date) => Query;
  /** One document's transaction; `raise` writes alerts (and their deliveries) in it. */
  handle: (tx: Transaction, id: string, raise: (alerts: Iterable<AlertDoc>) => void) => Promise<T>;
  /** What the committed transaction returned (counted once, whatever the retries). */
  committed?: (result: T) => void;
}

export async function sweepClockPass<T>(
  db: Firestore,
  now: Date,
  pass: ClockPass<T>,
  batchSize = 200,
  maxBatches = 50,
): Promise<ClockPassTally> {
  const tally: ClockPassTally = { read: 0, alerts: 0, webhooksQueued: 0, more: false };
  const hooks = await loadWebhooks(db);
  const seen = new Set<string>();
  for (let b = 0; b < maxBatches; b++) {
    const snap = await pass.due(db, now).limit(batchSize).get();
    tally.read += snap.size;
    const ids = snap.docs.map((d) => d.id).filter((id) => !seen.has(id));
    if (!ids.length) return tally;
    for (const id of ids) {
      seen.add(id);
      const done = await db.runTransaction(async (tx) => {
        // Counted per attempt and kept from the one that committed.
        const n = { alerts: 0, webhooksQueued: 0 };
        const result = await pass.handle(tx, id, (raised) => {
          const w = writeAlerts(db, tx, raised, hooks, now);
          n.alerts += w.alerts;
          n.webhooksQueued += w.webhooksQueued;
        });
        return { n, result };
      });
      tally.alerts += done.n.alerts;
      tally.webhooksQueued += done.n.webhooksQueued;
      pass.committed?.(done.result);
    }
    if (snap.size < batchSize) return tally;
  }
  tally.more = true;
  return tally;
}

/** Alerts and, for each robot that takes it, its delivery: written in the caller's transaction. */
export function writeAlerts(
  db: Firestore,
  tx: Transaction | WriteBatch,
  alerts: Iterable<AlertDoc>,
  hooks: WebhookDoc[],
  now: Date,
): { alerts: number; webhooksQueued: number } {
  const r = refs(db);
  const n = { alerts: 0, webhooksQueued: 0 };
  // A transaction's and a batch's `set` take the same arguments.
  const w = tx as WriteBatch;
  for (const a of alerts) {
    w.set(r.alert(a.id), a);
    n.alerts++;
    for (const hook of webhooksFor(a, hooks)) {
      const o = outboxFor(a, hook, now);
      w.set(r.outbox(o.id), o);
      n.webhooksQueued++;
    }
  }
  return n;
}
