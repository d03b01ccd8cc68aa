/**
 * The deadline sweep's second pass: mediations (mediations/{caseId}) with a 司法确认 application
 * clock or a 履行 task due (an indexed range query on `sweepAt`, never a scan). Each mediation in
 * one transaction: marks on the document and alerts with deterministic IDs commit together, so a
 * sweep run again writes nothing twice. It does not look at the case's state: the clock and the
 * tasks survive the case being resolved or archived.
 */
import type { Firestore } from 'firebase-admin/firestore';
import { type MediationFiring, fireMediation, mediationAlerts } from '../domain';
import { loadCalendar, yearsOf } from './config';
import { refs } from './db';
import { sweepClockPass } from './clock-pass';
import { mediationsDue } from './queries';

export interface MediationSweepReport {
  mediationsChanged: number;
  warnings: number;
  breaches: number;
  tasksOpened: number;
  alerts: number;
  webhooksQueued: number;
  more: boolean;
}

export async function sweepMediations(db: Firestore, now: Date, batchSize = 200, maxBatches = 50): Promise<MediationSweepReport> {
  const r = refs(db);
  const report = { mediationsChanged: 0, warnings: 0, breaches: 0, tasksOpened: 0 };
  // Clocks started last year at the earliest and end next year at the latest: those years, by ID.
  const cal = await loadCalendar(
    db,
    yearsOf(now).flatMap((y) => [y - 1, y, y + 1]),
  );
  const t = await sweepClockPass(
    db,
    now,
    {
      due: mediationsDue,
      handle: async (tx, id, raise): Promise<MediationFiring[] | null> => {
        const m = (await tx.get(r.mediation(id))).data();
        if (!m?.sweepAt || m.sweepAt > now) return null; // moved on since the query
        const c = (await tx.get(r.case(id))).data();
        let mediatorUid: string | null = null;
        if (m.mediatorId) mediatorUid = (await tx.get(r.mediator(m.mediatorId))).data()?.uid ?? null;
        const { next, fired } = fireMediation(m, now, cal);
        tx.set(r.mediation(id), next);
        if (!c) return [];
        for (const f of fired) raise(mediationAlerts(c, mediatorUid, f, now));
        return fired;
      },
      committed: (fired) => {
        if (!fired) return;
        report.mediationsChanged++;
        for (const f of fired) {
          if (f.phase === 'warning') report.warnings++;
          else if (f.phase === 'breach') report.breaches++;
          else report.tasksOpened++;
        }
      },
    },
    batchSize,
    maxBatches,
  );
  return { ...report, alerts: t.alerts, webhooksQueued: t.webhooksQueued, more: t.more };
}
