// 研判 and meetings (domain/meetings.ts): who holds which kind, the agenda drafted without personal
// data, decisions → tasks, the task clock (warning and breach once each, 督办 on breach), replies
// by the owner only, and the alerts with their deterministic IDs.
import { describe, expect, it } from 'vitest';
import {
  type Claims,
  CloseMeetingInput,
  GuardError,
  type MeetingDoc,
  type MeetingTaskDoc,
  SaveMeetingInput,
  type SignalDoc,
  canSeeMeeting,
  canSeeTask,
  checkDueDates,
  checkEditable,
  checkOwner,
  draftAgenda,
  handleSignal,
  kindFitsLevel,
  meetingLevelOf,
  meetingTaskAlerts,
  meetingUnits,
  replyTask,
  sweepMeetingTask,
  tasksOf,
  weekOf,
  withAttendance,
} from '../../functions/src/domain';

const NOW = new Date('2026-05-20T04:00:00Z'); // 12:00 in 岷县
const T = '621126100';
const C = '621126';
const town: Claims = { r: 'town_staff', u: T, c: C, t: T };
const town2: Claims = { r: 'town_staff', u: '621126101', c: C, t: '621126101' };
const county: Claims = { r: 'county_staff', u: C, c: C };
const village: Claims = { r: 'village_staff', u: `${T}001`, c: C, t: T, v: `${T}001` };
const police: Claims = { r: 'department_officer', u: `${C}-police-minyang`, c: C, d: `${C}-police-minyang` };
const grid: Claims = { r: 'grid_worker', u: `${T}001001`, c: C, t: T, v: `${T}001`, g: `${T}001001` };

const meeting = (p: Partial<MeetingDoc> = {}): MeetingDoc => ({
  id: `${C}-m1`,
  countyId: C,
  townId: T,
  unitId: T,
  unitName: '岷阳镇',
  level: 'town',
  kind: 'topical',
  title: '劳资纠纷专题研判',
  date: '2026-05-20',
  state: 'draft',
  participants: [
    { kind: 'staff', id: 'u-a', name: '张伟', title: '主任', unitName: '岷阳镇', present: null },
    { kind: 'department', id: `${C}-police-minyang`, name: '岷阳派出所', title: null, unitName: '岷阳派出所', present: null },
  ],
  signalIds: [],
  agenda: { draftedAt: NOW, openSignals: 0, overdueCases: 0, redCases: 0, items: [] },
  minutes: null,
  decisions: [],
  units: meetingUnits(T),
  createdBy: { uid: 'u-a', name: '张伟' },
  lastRequestId: 'req-00000001',
  closeRequestId: null,
  version: 3,
  createdAt: NOW,
  updatedAt: NOW,
  closedAt: null,
  ...p,
});

const task = (owner: MeetingTaskDoc['owner'], dueDate = '2026-05-25', m = meeting()): MeetingTaskDoc =>
  tasksOf(m, [{ text: '约谈企业负责人，联系13812345678的工人代表', owner, dueDate }], NOW)[0]!;

describe('who holds which meeting', () => {
  it('town and county staff and leaders hold meetings of their level; others none', () => {
    expect(meetingLevelOf(town)).toBe('town');
    expect(meetingLevelOf(county)).toBe('county');
    expect(meetingLevelOf({ r: 'leader', u: C })).toBe('county');
    for (const c of [village, police, grid, { r: 'admin', u: C } as Claims, { r: 'mediator', u: T } as Claims])
      expect(meetingLevelOf(c)).toBeNull();
  });
  it('综治例会 is a town meeting, 联席会议 the county’s; 研判 at both', () => {
    expect(kindFitsLevel('town_weekly', 'town')).toBe(true);
    expect(kindFitsLevel('town_weekly', 'county')).toBe(false);
    expect(kindFitsLevel('joint', 'county')).toBe(true);
    expect(kindFitsLevel('joint', 'town')).toBe(false);
    for (const k of ['topical', 'urgent', 'consultation'] as const) {
      expect(kindFitsLevel(k, 'town')).toBe(true);
      expect(kindFitsLevel(k, 'county')).toBe(true);
    }
  });
  it('a town meeting is read by the town and the county, not another town', () => {
    const m = meeting();
    expect(m.units).toEqual([T, C]);
    expect(canSeeMeeting(town, m)).toBe(true);
    expect(canSeeMeeting(county, m)).toBe(true);
    expect(canSeeMeeting(town2, m)).toBe(false);
    expect(canSeeMeeting(village, m)).toBe(false);
    expect(canSeeMeeting(police, m)).toBe(false);
  });
  it('only the holding unit edits a draft, at the version it read', () => {
    expect(() => checkEditable(town, meeting(), 3)).not.toThrow();
    expect(() => checkEditable(county, meeting(), 3)).toThrow(/本单位/);
    expect(() => checkEditable(town, meeting(), 2)).toThrow(/刷新/);
    expect(() => checkEditable(town, meeting({ state: 'closed' }), 3)).toThrow(/已结束/);
    expect(() => checkEditable(town2, meeting(), 3)).toThrow(/没有找到/);
  });
  it('inputs are strict: unknown fields and bad dates are refused', () => {
    const ok = { requestId: 'req-00000001', kind: 'topical', title: '研判', date: '2026-05-20', participants: [] };
    expect(SaveMeetingInput.safeParse(ok).success).toBe(true);
    expect(SaveMeetingInput.safeParse({ ...ok, units: ['x'] }).success).toBe(false);
    expect(SaveMeetingInput.safeParse({ ...ok, date: '2026-02-30' }).success).toBe(false);
    expect(SaveMeetingInput.safeParse({ ...ok, kind: 'party' }).success).toBe(false);
    const close = { requestId: 'req-00000002', meetingId: 'm', version: 0, minutes: '纪要', decisions: [] };
    expect(CloseMeetingInput.safeParse(close).success).toBe(true);
    expect(CloseMeetingInput.safeParse({ ...close, minutes: ' ' }).success).toBe(false);
  });
});

describe('the agenda', () => {
  const sig = (id: string, summary: string): Pick<SignalDoc, 'id' | 'kind' | 'summary' | 'state'> => ({
    id,
    kind: 'cluster',
    summary,
    state: 'open',
  });
  it('lists the taken signals first, then overdue and red cases by number and masked title, a case once', () => {
    const a = draftAgenda(
      {
        signals: [sig('s-a', '7天内同一村发生劳动争议3件'), sig('s-b', '同一事项反映3件')],
        taken: ['s-b'],
        overdue: [{ id: `${C}-caseOVERDUE1`, title: '王小明（13812345678）讨薪', category: 'labour' }],
        red: [
          { id: `${C}-caseOVERDUE1`, title: '王小明讨薪', category: 'labour' },
          { id: `${C}-caseRED00001`, title: '征地补偿群体纠纷', category: 'expropriation' },
        ],
        counts: { openSignals: 2, overdueCases: 1, redCases: 2 },
      },
      NOW,
    );
    expect(a.items.map((i) => [i.kind, i.ref])).toEqual([
      ['signal', 's-b'],
      ['signal', 's-a'],
      ['overdue_case', `${C}-caseOVERDUE1`],
      ['red_case', `${C}-caseRED00001`],
    ]);
    expect(a.items[2]!.no).toBe('caseOVERDUE1');
    expect(a.items[2]!.category).toBe('劳动争议');
    expect(JSON.stringify(a)).not.toContain('13812345678');
    expect([a.openSignals, a.overdueCases, a.redCases]).toEqual([2, 1, 2]);
  });
  it('lists at most 20 of each kind; the counts stay whole', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      id: `${C}-c${String(i).padStart(3, '0')}`,
      title: `案件${i}`,
      category: 'other' as const,
    }));
    const a = draftAgenda(
      { signals: [], taken: [], overdue: many, red: [], counts: { openSignals: 0, overdueCases: 30, redCases: 0 } },
      NOW,
    );
    expect(a.items).toHaveLength(20);
    expect(a.overdueCases).toBe(30);
  });
});

describe('signals into a 研判', () => {
  const s = (state: SignalDoc['state'], analysisId: string | null = null) =>
    ({ id: 's1', state, handling: analysisId ? { by: 'u', byName: null, at: NOW, reason: null, analysisId } : null }) as SignalDoc;
  it('an open or acknowledged signal goes in_analysis', () => {
    expect(handleSignal(s('open'), { action: 'judge', signalId: 's1', meetingId: 'm1' })).toBe('in_analysis');
    expect(handleSignal(s('acknowledged'), { action: 'judge', signalId: 's1', meetingId: 'm1' })).toBe('in_analysis');
  });
  it('a signal in another 研判 is refused, and so is acknowledging one in analysis', () => {
    expect(() => handleSignal(s('in_analysis', 'm0'), { action: 'judge', signalId: 's1', meetingId: 'm1' })).toThrow(/其他研判/);
    expect(() => handleSignal(s('in_analysis', 'm0'), { action: 'acknowledge', signalId: 's1' })).toThrow(GuardError);
  });
});

describe('closing: attendance, owners, limits', () => {
  it('the regular meetings record attendance; the present must be participants', () => {
    const m = meeting({ kind: 'town_weekly' });
    const p = withAttendance('town_weekly', m.participants, ['u-a']);
    expect(p.map((x) => x.present)).toEqual([true, false]);
    expect(() => withAttendance('town_weekly', m.participants, [])).toThrow(/出席/);
    expect(() => withAttendance('town_weekly', m.participants, ['someone'])).toThrow(/参会人员/);
    expect(withAttendance('topical', m.participants, []).map((x) => x.present)).toEqual([null, null]);
  });
  it('owners: the unit itself or a town/village in its area, or a department of the county', () => {
    expect(() => checkOwner(T, { kind: 'unit', id: T }, null)).not.toThrow();
    expect(() => checkOwner(T, { kind: 'unit', id: `${T}001` }, null)).not.toThrow();
    expect(() => checkOwner(C, { kind: 'unit', id: T }, null)).not.toThrow();
    expect(() => checkOwner(T, { kind: 'unit', id: '621126101' }, null)).toThrow(/辖区/);
    expect(() => checkOwner(T, { kind: 'unit', id: `${T}001001` }, null)).toThrow(/辖区/); // a grid
    expect(() => checkOwner(T, { kind: 'department', id: 'x' }, { countyId: C })).not.toThrow();
    expect(() => checkOwner(T, { kind: 'department', id: 'x' }, { countyId: '621125' })).toThrow(/本县/);
    expect(() => checkOwner(T, { kind: 'department', id: 'x' }, null)).toThrow(/本县/);
  });
  it('a limit before today is refused (Asia/Shanghai)', () => {
    expect(() => checkDueDates([{ dueDate: '2026-05-20' }], NOW)).not.toThrow();
    expect(() => checkDueDates([{ dueDate: '2026-05-19' }], NOW)).toThrow(/早于今天/);
  });
});

describe('tasks (tracked like a 督办件)', () => {
  const dept = { kind: 'department' as const, id: `${C}-police-minyang`, name: '岷阳派出所' };
  const vill = { kind: 'unit' as const, id: `${T}001`, name: '城郊村' };
  it('decisions become tasks with deterministic IDs, a limit at 24:00 of the due date and masked text', () => {
    const t = task(dept);
    expect(t.id).toBe(`${C}-m1-01`);
    expect(t.dueAt.toISOString()).toBe('2026-05-25T16:00:00.000Z');
    expect(t.warnAt.toISOString()).toBe('2026-05-24T16:00:00.000Z');
    expect(t.sweepAt).toEqual(t.warnAt);
    expect(t.text).not.toContain('13812345678');
    expect(t.units).toEqual([T, C]);
    expect(t.ownerDept).toBe(dept.id);
    expect(task(vill).units).toEqual([T, C, `${T}001`]);
    expect(task(vill, '2026-05-25', meeting({ unitId: C, level: 'county', townId: null, units: [C] })).superiorUnit).toBeNull();
  });
  it('who reads a task: issuer, the unit above, the owning unit or department', () => {
    expect(canSeeTask(town, task(dept))).toBe(true);
    expect(canSeeTask(county, task(dept))).toBe(true);
    expect(canSeeTask(police, task(dept))).toBe(true);
    expect(canSeeTask(village, task(dept))).toBe(false);
    expect(canSeeTask(village, task(vill))).toBe(true);
    expect(canSeeTask(police, task(vill))).toBe(false);
    expect(canSeeTask(grid, task(vill))).toBe(false);
  });
  it('the sweep warns once, then breaches once (督办), and does nothing more', () => {
    let t = task(dept);
    const early = sweepMeetingTask(t, new Date(t.warnAt.getTime() - 1));
    expect(early.fired).toBeNull();
    const w = sweepMeetingTask(t, t.warnAt);
    expect(w.fired).toBe('warning');
    expect(w.next.sweepAt).toEqual(t.dueAt);
    t = w.next;
    expect(sweepMeetingTask(t, new Date(t.warnAt.getTime() + 60_000)).fired).toBeNull();
    const b = sweepMeetingTask(t, t.dueAt);
    expect(b.fired).toBe('breach');
    expect(b.next.supervised).toBe(true);
    expect(b.next.sweepAt).toBeNull();
    expect(sweepMeetingTask(b.next, new Date(t.dueAt.getTime() + 86_400_000)).fired).toBeNull();
  });
  it('a sweep that first runs after the limit breaches at once, with its warning implied', () => {
    const b = sweepMeetingTask(task(dept), new Date('2026-06-01T00:00:00Z'));
    expect(b.fired).toBe('breach');
    expect(b.next.warnedAt).not.toBeNull();
  });
  it('a replied task leaves the sweep', () => {
    const r = replyTask(task(dept), police, '已约谈', '孙浩', NOW, 'req-reply-001');
    expect(r.sweepAt).toBeNull();
    expect(sweepMeetingTask(r, new Date('2026-06-01T00:00:00Z')).fired).toBeNull();
  });
  it('only the owner replies, once; a reply at or after the limit is late', () => {
    expect(() => replyTask(task(dept), town, 'x', null, NOW, 'req-reply-001')).toThrow(/本单位/);
    expect(() => replyTask(task(vill), police, 'x', null, NOW, 'req-reply-001')).toThrow(/本单位/);
    const ok = replyTask(task(vill), village, '已调处 13812345678', '杨军', NOW, 'req-reply-001');
    expect(ok.repliedLate).toBe(false);
    expect(ok.reply).not.toContain('13812345678');
    expect(() => replyTask(ok, village, 'again', null, NOW, 'req-reply-002')).toThrow(/已答复/);
    const late = replyTask(task(vill), village, '已调处', null, new Date('2026-05-26T00:00:00Z'), 'req-reply-003');
    expect(late.repliedLate).toBe(true);
  });
  it('alerts: assigned and warning to the owner; breach to the owner, the issuer and the unit above; replied to the issuer', () => {
    const t = task(dept);
    const to = (phase: 'assigned' | 'warning' | 'breach' | 'replied') =>
      meetingTaskAlerts(t, phase, NOW, '2026-05-25').map((a) => a.recipientUnit ?? a.recipientDept);
    expect(to('assigned')).toEqual([dept.id]);
    expect(to('warning')).toEqual([dept.id]);
    expect(to('breach')).toEqual([dept.id, T, C]);
    expect(to('replied')).toEqual([T]);
    const ids = meetingTaskAlerts(t, 'breach', NOW, '2026-05-25').map((a) => a.id);
    expect(ids).toEqual(meetingTaskAlerts(t, 'breach', new Date(NOW.getTime() + 5000), '2026-05-25').map((a) => a.id));
    expect(new Set(ids).size).toBe(3);
    expect(JSON.stringify(meetingTaskAlerts(t, 'breach', NOW, '2026-05-25'))).not.toContain('13812345678');
    // A town task owned by the town itself: the breach reaches it once, and the county.
    const own = task({ kind: 'unit', id: T, name: '岷阳镇' });
    expect(meetingTaskAlerts(own, 'breach', NOW, 'x').map((a) => a.recipientUnit)).toEqual([T, C]);
  });
});

describe('weekOf', () => {
  it('Monday to Sunday of the date', () => {
    expect(weekOf('2026-05-20')).toEqual({ from: '2026-05-18', to: '2026-05-24' }); // a Wednesday
    expect(weekOf('2026-05-24')).toEqual({ from: '2026-05-18', to: '2026-05-24' }); // Sunday
    expect(weekOf('2026-05-18')).toEqual({ from: '2026-05-18', to: '2026-05-24' });
  });
});
