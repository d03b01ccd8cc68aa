/**
 * The deadline sweep's key-person pass (重点人员走访频次): finds records whose visit clock has
 * something due (an indexed range query on `sweepAt`, never a scan) and for each, in one
 * transaction, marks the warning (黄灯) or the breach (逾期) and writes its alerts and their robot
 * deliveries (deterministic IDs: a rerun writes nothing twice). Run by `runSweep` (lib/sweep.ts).
 */
import type { Firestore } from 'firebase-admin/firestore';
import { DateTime } from 'luxon';
import { ZONE, keyPersonAlerts, outboxFor, sweepKeyPerson, webhooksFor } from '../domain';
import { loadWebhooks } from './config';
import { refs } from './db';
import { keyPersonsDue } from './queries';

export interface KeyPersonSweepReport {
  keyPersonsRead: number;
  visitWarnings: number;
  visitBreaches: number;
  alerts: number;
  webhooksQueued: number;
  more: boolean;
}

export async function sweepKeyPersons(db: Firestore, now: Date, batchSize = 200, maxBatches = 50): Promise<KeyPersonSweepReport> {
  const out = { keyPersonsRead: 0, visitWarnings: 0, visitBreaches: 0, alerts: 0, webhooksQueued: 0, more: false };
  const hooks = await loadWebhooks(db);
  const r = refs(db);
  const seen = new Set<string>();
  for (let b = 0; b < maxBatches; b++) {
    const snap = await keyPersonsDue(db, now).limit(batchSize).get();
    out.keyPersonsRead += snap.size;
    const ids = snap.docs.map((d) => d.id).filter((id) => !seen.has(id));
    if (!ids.length) return out;
    for (const id of ids) {
      seen.add(id);
      await db.runTransaction(async (tx) => {
        const kp = (await tx.get(r.keyPerson(id))).data();
        if (!kp?.sweepAt || kp.sweepAt > now) return; // moved on since the query
        const { next, fired } = sweepKeyPerson(kp, now);
        // The sweep's marks do not bump `version`: a staff member's open edit form stays valid.
        tx.set(r.keyPerson(id), next);
        if (!fired) return;
        if (fired === 'warning') out.visitWarnings++;
        else out.visitBreaches++;
        const due = DateTime.fromJSDate(kp.dueAt, { zone: ZONE }).toFormat('yyyy-LL-dd HH:mm');
        for (const a of keyPersonAlerts(kp, fired, now, due)) {
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
