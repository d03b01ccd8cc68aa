/**
 * `exportMeetings` (domain/meeting-export.ts): the CSV of the meetings the caller's unit held in a
 * year, with their tasks' states — the masked texts every reader of the meetings sees.
 */
import type { Firestore } from 'firebase-admin/firestore';
import {
  type Claims,
  type ExportFile,
  GuardError,
  MEETING_COLUMNS,
  type MeetingTaskDoc,
  meetingLevelOf,
  meetingRow,
  toCsv,
} from '../domain';
import { refs } from './db';
import { meetingsOfUnitDates } from './queries';

export async function exportMeetings(db: Firestore, year: number, claims: Claims): Promise<ExportFile & { rows: number }> {
  if (!meetingLevelOf(claims))
    throw new GuardError(
      'permission-denied',
      '只有乡镇、县综治中心工作人员和领导可以导出会议记录',
      `${claims.r} ${claims.u} may not export meetings`,
    );
  const r = refs(db);
  const meetings = (await meetingsOfUnitDates(db, claims.u, `${year}-01-01`, `${year}-12-31`).get()).docs.map((d) => d.data());
  const taskRefs = meetings.flatMap((m) => m.decisions.map((d) => r.meetingTask(d.taskId)));
  const tasks = new Map<string, MeetingTaskDoc>();
  for (let i = 0; i < taskRefs.length; i += 300)
    for (const s of await db.getAll(...taskRefs.slice(i, i + 300))) {
      const t = s.data() as MeetingTaskDoc | undefined;
      if (t) tasks.set(t.id, t);
    }
  const unit = (await r.region(claims.u).get()).data()?.name ?? claims.u;
  const csv = toCsv([[...MEETING_COLUMNS], ...meetings.map((m) => meetingRow(m, tasks))]);
  return {
    filename: `研判会议记录_${unit.replace(/[\\/:*?"<>|\s]+/g, '-')}_${year}.csv`,
    mimeType: 'text/csv;charset=utf-8',
    base64: Buffer.from(csv, 'utf8').toString('base64'),
    rows: meetings.length,
  };
}
