/**
 * The deadline sweep's hazard pass (隐患整改时限): finds hazards with something due (an indexed
 * range query on `hazard.sweepAt`, never a scan) and for each, in one transaction, marks the
 * warning (黄灯) or the breach (逾期), writes its alerts and their robot deliveries (deterministic
 * IDs: a rerun writes nothing twice). Run by `runSweep` (lib/sweep.ts) after the cases.
 */
import type { Firestore } from 'firebase-admin/firestore';
import { DateTime } from 'luxon';
import { ZONE, hazardAlerts, sweepHazard } from '../domain';
import { refs } from './db';
import { sweepClockPass } from './clock-pass';
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
  const r = refs(db);
  let hazardWarnings = 0;
  let hazardBreaches = 0;
  const t = await sweepClockPass(
    db,
    now,
    {
      due: hazardsDue,
      handle: async (tx, id, raise) => {
        const item = (await tx.get(r.patrolItem(id))).data();
        const h = item?.hazard;
        if (!item || !h?.sweepAt || h.sweepAt > now) return null; // moved on since the query
        const { next, fired } = sweepHazard(h, now);
        tx.set(r.patrolItem(id), { ...item, hazard: next, updatedAt: now, version: item.version + 1 });
        if (!fired) return null;
        const due = h.dueAt ? DateTime.fromJSDate(h.dueAt, { zone: ZONE }).toFormat('yyyy-LL-dd HH:mm') : '';
        raise(hazardAlerts(item, h, fired, now, due));
        return fired;
      },
      committed: (fired) => {
        if (fired === 'warning') hazardWarnings++;
        else if (fired) hazardBreaches++;
      },
    },
    batchSize,
    maxBatches,
  );
  return { hazardsRead: t.read, hazardWarnings, hazardBreaches, alerts: t.alerts, webhooksQueued: t.webhooksQueued, more: t.more };
}
