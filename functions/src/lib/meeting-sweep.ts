/**
 * The deadline sweep's 研判交办 pass: finds meeting tasks with something due (an indexed range
 * query on `sweepAt`, never a scan) and for each, in one transaction, marks the warning or the
 * breach (督办), writes its alerts and their robot deliveries (deterministic IDs: a rerun writes
 * nothing twice). Run by `runSweep` (lib/sweep.ts) after the cases.
 */
import type { Firestore } from 'firebase-admin/firestore';
import { DateTime } from 'luxon';
import { ZONE, meetingTaskAlerts, sweepMeetingTask } from '../domain';
import { sweepClockPass } from './clock-pass';
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
  const r = refs(db);
  let taskWarnings = 0;
  let taskBreaches = 0;
  const t = await sweepClockPass(
    db,
    now,
    {
      due: meetingTasksDue,
      handle: async (tx, id, raise) => {
        const task = (await tx.get(r.meetingTask(id))).data();
        if (!task?.sweepAt || task.sweepAt > now) return null; // moved on since the query
        const { next, fired } = sweepMeetingTask(task, now);
        tx.set(r.meetingTask(id), next);
        if (!fired) return null;
        raise(meetingTaskAlerts(next, fired, now, dueText(task.dueAt)));
        return fired;
      },
      committed: (fired) => {
        if (fired === 'warning') taskWarnings++;
        else if (fired) taskBreaches++;
      },
    },
    batchSize,
    maxBatches,
  );
  return { tasksRead: t.read, taskWarnings, taskBreaches, alerts: t.alerts, webhooksQueued: t.webhooksQueued, more: t.more };
}
