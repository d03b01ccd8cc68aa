/**
 * The deadline sweep's 研判交办 pass: finds meeting tasks with something due (an indexed range
 * query on `sweepAt`, never a scan) and for each, in one transaction, marks the warning or the
 * breach (督办), writes its alerts and their robot deliveries (deterministic IDs: a rerun writes
 * nothing twice). Run by `runSweep` (lib/sweep.ts) after the cases.
 */
import type { Firestore } from 'firebase-admin/firestore';
import { DateTime } from 'luxon';
import { ZONE, meetingTaskAlerts, outboxFor, sweepMeetingTask, webhooksFor } from '../domain';
import { loadWebhooks } from './config';
import { refs } from './db';
import { meetingTasksDue } from './queries';

export interface MeetingSweepReport {
  tasksRead: number;
  taskWarnings: number;
  taskBreaches: number;
  alerts: number;
  webhooksQueued: number;
}

export const dueText = (dueAt: Date) => DateTime.fromJSDate(new Date(dueAt.getTime() - 1), { zone: ZONE }).toFormat('yyyy-LL-dd');

export async function sweepMeetingTasks(
  db: Firestore,
  now: Date,
  batchSize = 200,
  maxBatches = 50,
): Promise<MeetingSweepReport & { more: boolean }> {
  const out = { tasksRead: 0, taskWarnings: 0, taskBreaches: 0, alerts: 0, webhooksQueued: 0, more: false };
  const hooks = await loadWebhooks(db);
  const r = refs(db);
  const seen = new Set<string>();
  for (let b = 0; b < maxBatches; b++) {
    const snap = await meetingTasksDue(db, now).limit(batchSize).get();
    out.tasksRead += snap.size;
    const ids = snap.docs.map((d) => d.id).filter((id) => !seen.has(id));
    if (!ids.length) return out;
    for (const id of ids) {
      seen.add(id);
      await db.runTransaction(async (tx) => {
        const t = (await tx.get(r.meetingTask(id))).data();
        if (!t?.sweepAt || t.sweepAt > now) return; // moved on since the query
        const { next, fired } = sweepMeetingTask(t, now);
        tx.set(r.meetingTask(id), next);
        if (!fired) return;
        if (fired === 'warning') out.taskWarnings++;
        else out.taskBreaches++;
        for (const a of meetingTaskAlerts(next, fired, now, dueText(t.dueAt))) {
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
