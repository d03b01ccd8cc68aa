/**
 * The deadline sweep's second pass: mediations (mediations/{caseId}) with a 司法确认 application
 * clock or a 履行 task due (an indexed range query on `sweepAt`, never a scan). Each mediation in
 * one transaction: marks on the document and alerts with deterministic IDs commit together, so a
 * sweep run again writes nothing twice. It does not look at the case's state: the clock and the
 * tasks survive the case being resolved or archived.
 */
import type { Firestore } from 'firebase-admin/firestore';
import { fireMediation, mediationAlerts, outboxFor, webhooksFor } from '../domain';
import { loadCalendar, loadWebhooks } from './config';
import { refs } from './db';
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
  const report: MediationSweepReport = {
    mediationsChanged: 0,
    warnings: 0,
    breaches: 0,
    tasksOpened: 0,
    alerts: 0,
    webhooksQueued: 0,
    more: false,
  };
  const cal = await loadCalendar(db);
  const hooks = await loadWebhooks(db);
  const seen = new Set<string>();
  for (let b = 0; b < maxBatches; b++) {
    const snap = await mediationsDue(db, now).limit(batchSize).get();
    const ids = snap.docs.map((d) => d.id).filter((id) => !seen.has(id));
    if (ids.length === 0) return report;
    for (const id of ids) {
      seen.add(id);
      await db.runTransaction(async (tx) => {
        const m = (await tx.get(r.mediation(id))).data();
        if (!m?.sweepAt || m.sweepAt > now) return; // moved on since the query
        const c = (await tx.get(r.case(id))).data();
        let mediatorUid: string | null = null;
        if (m.mediatorId) mediatorUid = (await tx.get(r.mediator(m.mediatorId))).data()?.uid ?? null;
        const { next, fired } = fireMediation(m, now, cal);
        tx.set(r.mediation(id), next);
        report.mediationsChanged++;
        if (!c) return;
        for (const f of fired) {
          if (f.phase === 'warning') report.warnings++;
          else if (f.phase === 'breach') report.breaches++;
          else report.tasksOpened++;
          for (const a of mediationAlerts(c, mediatorUid, f, now)) {
            tx.set(r.alert(a.id), a);
            report.alerts++;
            for (const h of webhooksFor(a, hooks)) {
              const o = outboxFor(a, h, now);
              tx.set(r.outbox(o.id), o);
              report.webhooksQueued++;
            }
          }
        }
      });
    }
    if (snap.size < batchSize) return report;
  }
  report.more = true;
  return report;
}
