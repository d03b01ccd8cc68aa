/**
 * The deadline sweep's key-person pass (重点人员走访频次): finds records whose visit clock has
 * something due (an indexed range query on `sweepAt`, never a scan) and for each, in one
 * transaction, marks the warning (黄灯) or the breach (逾期) and writes its alerts and their robot
 * deliveries (deterministic IDs: a rerun writes nothing twice). Run by `runSweep` (lib/sweep.ts).
 */
import type { Firestore } from 'firebase-admin/firestore';
import { DateTime } from 'luxon';
import { ZONE, keyPersonAlerts, sweepKeyPerson } from '../domain';
import { refs } from './db';
import { sweepClockPass } from './clock-pass';
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
  const r = refs(db);
  let visitWarnings = 0;
  let visitBreaches = 0;
  const t = await sweepClockPass(
    db,
    now,
    {
      due: keyPersonsDue,
      handle: async (tx, id, raise) => {
        const kp = (await tx.get(r.keyPerson(id))).data();
        if (!kp?.sweepAt || kp.sweepAt > now) return null; // moved on since the query
        const { next, fired } = sweepKeyPerson(kp, now);
        // The sweep's marks do not bump `version`: a staff member's open edit form stays valid. A
        // breach moves `updatedAt` so the signals job (its key-person stream) sees the missed visit.
        tx.set(r.keyPerson(id), fired === 'breach' ? { ...next, updatedAt: now } : next);
        if (!fired) return null;
        const due = DateTime.fromJSDate(kp.dueAt, { zone: ZONE }).toFormat('yyyy-LL-dd HH:mm');
        raise(keyPersonAlerts(kp, fired, now, due));
        return fired;
      },
      committed: (fired) => {
        if (fired === 'warning') visitWarnings++;
        else if (fired) visitBreaches++;
      },
    },
    batchSize,
    maxBatches,
  );
  return { keyPersonsRead: t.read, visitWarnings, visitBreaches, alerts: t.alerts, webhooksQueued: t.webhooksQueued, more: t.more };
}
