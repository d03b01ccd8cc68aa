/**
 * The deadline sweep's hazard pass (隐患整改时限): finds hazards with something due (an indexed
 * range query on `hazard.sweepAt`, never a scan) and for each, in one transaction, marks the
 * warning (黄灯) or the breach (逾期), writes its alerts and their robot deliveries (deterministic
 * IDs: a rerun writes nothing twice). Run by `runSweep` (lib/sweep.ts) after the cases.
 */
import type { Firestore } from 'firebase-admin/firestore';
import { DateTime } from 'luxon';
import { ZONE, hazardAlerts, outboxFor, sweepHazard, webhooksFor } from '../domain';
import { loadWebhooks } from './config';
import { refs } from './db';
import { hazardsDue } from './queries';

export interface HazardSweepReport {
  hazardsRead: number;
  hazardWarnings: number;
  hazardBreaches: number;
  alerts: number;
  webhooksQueued: number;
}

export async function sweepHazards(
  db: Firestore,
  now: Date,
  batchSize = 200,
  maxBatches = 50,
): Promise<HazardSweepReport & { more: boolean }> {
  const out = { hazardsRead: 0, hazardWarnings: 0, hazardBreaches: 0, alerts: 0, webhooksQueued: 0, more: false };
  const hooks = await loadWebhooks(db);
  const r = refs(db);
  const seen = new Set<string>();
  for (let b = 0; b < maxBatches; b++) {
    const snap = await hazardsDue(db, now).limit(batchSize).get();
    out.hazardsRead += snap.size;
    const ids = snap.docs.map((d) => d.id).filter((id) => !seen.has(id));
    if (!ids.length) return out;
    for (const id of ids) {
      seen.add(id);
      await db.runTransaction(async (tx) => {
        const item = (await tx.get(r.patrolItem(id))).data();
        const h = item?.hazard;
        if (!item || !h?.sweepAt || h.sweepAt > now) return; // moved on since the query
        const { next, fired } = sweepHazard(h, now);
        tx.set(r.patrolItem(id), { ...item, hazard: next, updatedAt: now, version: item.version + 1 });
        if (!fired) return;
        if (fired === 'warning') out.hazardWarnings++;
        else out.hazardBreaches++;
        const due = h.dueAt ? DateTime.fromJSDate(h.dueAt, { zone: ZONE }).toFormat('yyyy-LL-dd HH:mm') : '';
        for (const a of hazardAlerts(item, h, fired, now, due)) {
          tx.set(r.alert(a.id), a);
          out.alerts++;
          for (const hook of webhooksFor(a, hooks)) {
            const o = outboxFor(a, hook, now);
            tx.set(r.outbox(o.id), o);
            out.webhooksQueued++;
          }
        }
      });
    }
    if (snap.size < batchSize) return out;
  }
  out.more = true;
  return out;
}
