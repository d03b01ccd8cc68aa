/**
 * The meetings export (`exportMeetings`, issue 15): the 研判, 综治例会 and 联席会议 a town or the
 * county held in a year, one CSV row each — kind, date, state, participants by name, title and
 * unit (attendance for the regular meetings), the agenda (signals by kind and summary, cases by
 * number and masked title), minutes and decisions with owner, limit and the task's state. The same
 * masked texts everyone reading the meeting sees; no account IDs, no region codes, no parties.
 *
 * Pure: the services (lib/meeting-export.ts) read the meetings and their tasks.
 */
import { z } from 'zod';
import { MEETING_KIND_LABELS, type MeetingDoc, type MeetingTaskDoc, takesAttendance } from './meetings';

/** `exportMeetings`: the meetings the caller's unit held in a year (by the meeting's date). */
export const ExportMeetingsInput = z.strictObject({
  year: z.number().int().min(2000).max(2100),
});
export type ExportMeetingsInput = z.infer<typeof ExportMeetingsInput>;

export const MEETING_COLUMNS = [
  '日期',
  '会议类型',
  '会议名称',
  '召开单位',
  '状态',
  '参会人员',
  '出席情况',
  '议题',
  '纳入研判的风险信号',
  '会议纪要',
  '决定事项',
  '交办任务办理情况',
  '记录人',
] as const;

const AGENDA_ZH = { signal: '风险信号', overdue_case: '超期案件', red_case: '红色案件' } as const;

/** A participant as people read it: name · title · unit (a department: its name). */
export const participantLabel = (p: MeetingDoc['participants'][number]): string =>
  [p.name, p.title, p.kind === 'staff' ? p.unitName : null].filter(Boolean).join(' · ');

/** Attendance of a closed regular meeting: 出席 n 人、缺席 m 人（names）; '' when it takes none or is open. */
export function attendanceText(m: Pick<MeetingDoc, 'kind' | 'participants'>): string {
  if (!takesAttendance(m.kind) || m.participants.every((p) => p.present === null)) return '';
  const present = m.participants.filter((p) => p.present);
  const absent = m.participants.filter((p) => p.present === false);
  return `出席${present.length}人，缺席${absent.length}人${absent.length ? `（${absent.map((p) => p.name).join('、')}）` : ''}`;
}

/** A task's state in words: 已答复 / 逾期答复 / 逾期未答复（督办） / 办理中. */
export function taskStateText(t: Pick<MeetingTaskDoc, 'state' | 'repliedLate' | 'supervised'> | undefined): string {
  if (!t) return '';
  if (t.state === 'replied') return t.repliedLate ? '逾期答复' : '已答复';
  return t.supervised ? '逾期未答复（督办）' : '办理中';
}

/** One export row. `tasks`: the meeting's tasks by ID (missing ones leave their state blank). */
export function meetingRow(m: MeetingDoc, tasks: ReadonlyMap<string, MeetingTaskDoc>): string[] {
  const numbered = <T>(xs: readonly T[], f: (x: T) => string) => xs.map((x, i) => `${i + 1}. ${f(x)}`).join('\n');
  return [
    m.date,
    MEETING_KIND_LABELS[m.kind],
    m.title,
    m.unitName,
    m.state === 'closed' ? '已结束' : '草稿',
    m.participants.map(participantLabel).join('；'),
    attendanceText(m),
    numbered(m.agenda.items, (i) => `【${AGENDA_ZH[i.kind]}】${i.no}：${i.text}${i.category ? `（${i.category}）` : ''}`),
    String(m.signalIds.length),
    m.minutes ?? '',
    numbered(m.decisions, (d) => `${d.text}（承办：${d.owner.name}；期限：${d.dueDate}）`),
    numbered(m.decisions, (d) => `${d.owner.name}：${taskStateText(tasks.get(d.taskId)) || '—'}`),
    m.createdBy.name ?? '',
  ];
}
