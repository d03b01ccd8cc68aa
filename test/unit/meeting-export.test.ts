// The meetings export's pure parts (domain/meeting-export.ts): a row of a closed 综治例会 with
// attendance, agenda, decisions and their tasks' states; a draft 研判 (no attendance, no minutes);
// the task-state words; and that no account ID or region code reaches a row.
import { describe, expect, it } from 'vitest';
import {
  MEETING_COLUMNS,
  type MeetingDoc,
  type MeetingTaskDoc,
  attendanceText,
  meetingRow,
  participantLabel,
  taskStateText,
} from '../../functions/src/domain';

const at = new Date('2026-05-20T02:00:00Z');
const meeting = (over: Partial<MeetingDoc> = {}): MeetingDoc => ({
  id: '621126-M1',
  countyId: '621126',
  townId: '621126100',
  unitId: '621126100',
  unitName: '岷阳镇',
  level: 'town',
  kind: 'town_weekly',
  title: '第20周综治例会',
  date: '2026-05-20',
  state: 'closed',
  participants: [
    { kind: 'staff', id: 'uid-zhang-0001', name: '张伟', title: '岷阳镇综治中心主任', unitName: '岷阳镇', present: true },
    { kind: 'staff', id: 'uid-yang-0002', name: '杨军', title: null, unitName: '城郊村', present: false },
    { kind: 'department', id: '621126-police-minyang', name: '岷阳派出所', title: null, unitName: '岷阳派出所', present: true },
  ],
  signalIds: ['cluster-abc'],
  agenda: {
    draftedAt: at,
    openSignals: 1,
    overdueCases: 1,
    redCases: 0,
    items: [
      { kind: 'signal', ref: 'cluster-abc', no: '矛盾聚集', text: '30天内同一村（社区）发生消费纠纷3件（阈值3件）', category: null },
      { kind: 'overdue_case', ref: '621126-2026-000123', no: '2026-000123', text: '预付卡退费', category: '消费纠纷' },
    ],
  },
  minutes: '通报本周排查情况',
  decisions: [
    { taskId: '621126-M1-01', text: '逐户登记', owner: { kind: 'unit', id: '621126100001', name: '城郊村' }, dueDate: '2026-05-27' },
    {
      taskId: '621126-M1-02',
      text: '加强巡逻',
      owner: { kind: 'department', id: '621126-police-minyang', name: '岷阳派出所' },
      dueDate: '2026-05-22',
    },
  ],
  units: ['621126100', '621126'],
  createdBy: { uid: 'uid-zhang-0001', name: '张伟' },
  lastRequestId: 'r1',
  closeRequestId: 'r2',
  version: 2,
  createdAt: at,
  updatedAt: at,
  closedAt: at,
  ...over,
});
const task = (id: string, over: Partial<MeetingTaskDoc>) =>
  ({ id, state: 'open', repliedLate: null, supervised: false, ...over }) as MeetingTaskDoc;

describe('meetingRow', () => {
  it('a closed 综治例会: participants, attendance, agenda, decisions with their tasks, in the columns order', () => {
    const tasks = new Map([
      ['621126-M1-01', task('621126-M1-01', { state: 'replied', repliedLate: false })],
      ['621126-M1-02', task('621126-M1-02', { supervised: true })],
    ]);
    const row = meetingRow(meeting(), tasks);
    expect(row).toHaveLength(MEETING_COLUMNS.length);
    expect(row).toEqual([
      '2026-05-20',
      '综治例会',
      '第20周综治例会',
      '岷阳镇',
      '已结束',
      '张伟 · 岷阳镇综治中心主任 · 岷阳镇；杨军 · 城郊村；岷阳派出所',
      '出席2人，缺席1人（杨军）',
      '1. 【风险信号】矛盾聚集：30天内同一村（社区）发生消费纠纷3件（阈值3件）\n2. 【超期案件】2026-000123：预付卡退费（消费纠纷）',
      '1',
      '通报本周排查情况',
      '1. 逐户登记（承办：城郊村；期限：2026-05-27）\n2. 加强巡逻（承办：岷阳派出所；期限：2026-05-22）',
      '1. 城郊村：已答复\n2. 岷阳派出所：逾期未答复（督办）',
      '张伟',
    ]);
    const all = row.join('|');
    for (const secret of ['uid-zhang-0001', 'uid-yang-0002', '621126100001', '621126-police-minyang']) expect(all).not.toContain(secret);
  });

  it('a draft 研判: no attendance, no minutes, no decisions; a missing task leaves a dash', () => {
    const draft = meeting({
      kind: 'topical',
      state: 'draft',
      minutes: null,
      closedAt: null,
      participants: meeting().participants.map((p) => ({ ...p, present: null })),
    });
    const row = meetingRow({ ...draft, decisions: [] }, new Map());
    expect(row[1]).toBe('专题研判');
    expect(row[4]).toBe('草稿');
    expect(row[6]).toBe('');
    expect(row[9]).toBe('');
    expect(row[10]).toBe('');
    expect(meetingRow(draft, new Map())[11]).toBe('1. 城郊村：—\n2. 岷阳派出所：—');
  });
});

describe('attendance, participants, task states', () => {
  it('attendance only for the regular meetings once recorded', () => {
    expect(attendanceText(meeting({ kind: 'topical' }))).toBe('');
    expect(attendanceText(meeting({ participants: meeting().participants.map((p) => ({ ...p, present: null })) }))).toBe('');
    expect(attendanceText(meeting({ participants: meeting().participants.map((p) => ({ ...p, present: true })) }))).toBe(
      '出席3人，缺席0人',
    );
  });
  it('a department is named once; a staff member by name, title and unit', () => {
    expect(participantLabel(meeting().participants[2]!)).toBe('岷阳派出所');
    expect(participantLabel(meeting().participants[0]!)).toBe('张伟 · 岷阳镇综治中心主任 · 岷阳镇');
  });
  it('task states in words', () => {
    expect(taskStateText(undefined)).toBe('');
    expect(taskStateText({ state: 'open', repliedLate: null, supervised: false })).toBe('办理中');
    expect(taskStateText({ state: 'open', repliedLate: null, supervised: true })).toBe('逾期未答复（督办）');
    expect(taskStateText({ state: 'replied', repliedLate: true, supervised: true })).toBe('逾期答复');
    expect(taskStateText({ state: 'replied', repliedLate: false, supervised: false })).toBe('已答复');
  });
});
