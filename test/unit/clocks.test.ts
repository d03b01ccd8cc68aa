// Clocks on cases: started, stopped, paused and resumed by transitions; warnings and breaches
// fired once; the denormalised sweepAt / nextDeadlineAt fields.
import { describe, expect, it } from 'vitest';
import {
  type CaseCommand,
  type CaseDoc,
  type Claims,
  WorkCalendar,
  applyCommand,
  clockSummary,
  defaultPolicy,
  fireDueClocks,
  withClocks,
  planReport,
  ReportCaseInput,
} from '../../functions/src/domain';
import { fromSource } from '../../functions/src/cli/calendar-sources';
import { actorOf, draft, townStaff, villageStaff } from '../helpers/cases';

const cal = new WorkCalendar([2025, 2026].map((y) => fromSource('chinese-days', y)!));
const policy = defaultPolicy('621126');
const POLICE = '621126-police-minyang';
const police: Claims = { r: 'department_officer', u: POLICE, c: '621126', t: '621126100', d: POLICE };

function report(over = {}, by: Claims = villageStaff, at = '2026-09-28T02:00:00Z'): CaseDoc {
  const plan = planReport(ReportCaseInput.parse(draft(over)), 'case-1', actorOf(by), by, new Date(at));
  return withClocks(null, plan.caseDoc, plan.event, policy, cal);
}
function act(c: CaseDoc, cmd: CaseCommand, who: Claims, at: string): CaseDoc {
  const t = applyCommand(c, cmd, actorOf(who), who, new Date(at));
  return withClocks(c, t.next, t.event, policy, cal);
}
const running = (c: CaseDoc) => c.clocks.filter((k) => k.state === 'running');

describe('clocks follow the case', () => {
  it('starts the village tier clock at report: 3 working days across 国庆', () => {
    const c = report();
    expect(running(c).map((k) => [k.kind, k.subject])).toEqual([['tier', 'village']]);
    // Mon 28 Sep: 29, 30 Sep, then 国庆 1–7 Oct off, 8 Oct → the 3rd working day.
    expect(c.nextDeadlineAt!.toISOString()).toBe('2026-10-08T16:00:00.000Z');
    expect(c.sweepAt!.toISOString()).toBe('2026-10-07T16:00:00.000Z'); // 黄灯 24 h before
  });

  it("escalation stops the old tier clock and starts the new tier's", () => {
    let c = report();
    c = act(c, { action: 'escalate', reason: '提级' }, villageStaff, '2026-09-29T02:00:00Z');
    expect(c.clocks.find((k) => k.subject === 'village')!.state).toBe('stopped');
    expect(running(c).map((k) => k.subject)).toEqual(['town']);
    expect(c.nextDeadlineAt!.toISOString()).toBe('2026-10-08T16:00:00.000Z'); // 7 calendar days → 6 Oct, a holiday → 8 Oct
  });

  it('petitions run the statutory acceptance then handling limits', () => {
    let c = report({ source: 'petition' }, townStaff, '2026-03-02T02:00:00Z');
    expect(
      running(c)
        .map((k) => k.kind)
        .sort(),
    ).toEqual(['petition_accept', 'tier']);
    expect(c.clocks.find((k) => k.kind === 'petition_accept')!.dueAt!.toISOString()).toBe('2026-03-17T16:00:00.000Z'); // 15 days
    c = act(c, { action: 'accept' }, townStaff, '2026-03-05T02:00:00Z');
    expect(c.clocks.find((k) => k.kind === 'petition_accept')!.state).toBe('met');
    expect(c.clocks.find((k) => k.kind === 'petition_handle')!.dueAt!.toISOString()).toBe('2026-05-06T16:00:00.000Z'); // 60 days from 5 Mar = 4 May (劳动节 off) → 6 May
  });

  it('suspension pauses the clocks and resumption restores the time left', () => {
    let c = report({}, townStaff, '2026-03-02T02:00:00Z');
    c = act(c, { action: 'accept' }, townStaff, '2026-03-02T03:00:00Z');
    const due = c.nextDeadlineAt!.getTime();
    c = act(c, { action: 'suspend', reason: '等待鉴定' }, townStaff, '2026-03-03T02:00:00Z');
    expect(c.clocks.find((k) => k.kind === 'tier')!.state).toBe('paused');
    expect(c.sweepAt).toBeNull();
    c = act(c, { action: 'resume' }, townStaff, '2026-03-13T02:00:00Z');
    expect(c.nextDeadlineAt!.getTime()).toBe(due + 10 * 86_400_000);
  });

  it('dispatch runs check-in and feedback clocks per department; emergencies get 2 hours', () => {
    let c = report({}, townStaff, '2026-03-02T02:00:00Z');
    c = act(c, { action: 'accept' }, townStaff, '2026-03-02T03:00:00Z');
    c = act(c, { action: 'dispatch', departmentIds: [POLICE], emergency: true }, townStaff, '2026-03-02T04:00:00Z');
    const checkin = c.clocks.find((k) => k.kind === 'dept_checkin')!;
    expect(checkin.dueAt!.toISOString()).toBe('2026-03-02T06:00:00.000Z');
    c = act(c, { action: 'check_in', departmentId: POLICE }, police, '2026-03-02T05:00:00Z');
    expect(c.clocks.find((k) => k.kind === 'dept_checkin')!.state).toBe('met');
    expect(c.clocks.find((k) => k.kind === 'dept_feedback')!.state).toBe('running');
  });

  it('a department that never checked in is not shown as on time when the case is resolved without it', () => {
    let c = report({}, townStaff, '2026-03-02T02:00:00Z');
    c = act(c, { action: 'accept' }, townStaff, '2026-03-02T03:00:00Z');
    c = act(c, { action: 'dispatch', departmentIds: [POLICE], emergency: false }, townStaff, '2026-03-02T04:00:00Z');
    c = act(c, { action: 'resolve', outcome: 'explained', note: '已解释' }, townStaff, '2026-03-02T05:00:00Z');
    expect(c.clocks.filter((k) => k.kind === 'dept_checkin' || k.kind === 'dept_feedback').map((k) => k.state)).toEqual([
      'stopped',
      'stopped',
    ]);
    expect(c.clocks.find((k) => k.kind === 'tier' && k.subject === 'town')!.state).toBe('met');
  });

  it('resolution meets the limits and starts the 回访 clock; closing stops everything', () => {
    let c = report({}, villageStaff, '2026-03-02T02:00:00Z');
    c = act(c, { action: 'accept' }, villageStaff, '2026-03-02T03:00:00Z');
    c = act(c, { action: 'resolve', outcome: 'mediated_agreement', note: '协议' }, villageStaff, '2026-03-03T03:00:00Z');
    expect(c.clocks.find((k) => k.kind === 'tier')!.state).toBe('met');
    expect(
      running(c)
        .map((k) => k.kind)
        .sort(),
    ).toEqual(['callback', 'recheck', 'recheck']); // 司法确认 counts from the agreement (mediations/{caseId}), not here
    c = act(c, { action: 'callback', satisfaction: 'satisfied' }, villageStaff, '2026-03-04T03:00:00Z');
    c = act(c, { action: 'close' }, villageStaff, '2026-03-04T04:00:00Z');
    // Archiving stops the work but not the 回头看 re-checks at 30 and 90 days.
    expect(running(c).map((k) => [k.kind, k.subject])).toEqual([
      ['recheck', '30'],
      ['recheck', '90'],
    ]);
    expect(running(c)[0]!.dueAt!.toISOString()).toBe('2026-04-02T16:00:00.000Z'); // 3 Mar + 30 days = 2 Apr
    c = act(c, { action: 'recheck', result: 'stable', note: '回访双方，未再发生纠纷' }, villageStaff, '2026-04-02T03:00:00Z');
    c = act(c, { action: 'recheck', result: 'stable', note: '九十天回头看，稳定' }, villageStaff, '2026-06-01T03:00:00Z');
    expect(running(c)).toEqual([]);
    expect(clockSummary(c.clocks, new Date())).toEqual({ nextDeadlineAt: null, sweepAt: null });
  });
});

describe('firing', () => {
  it('warns once, then breaches once', () => {
    const c = report({}, villageStaff, '2026-03-02T02:00:00Z');
    const due = c.nextDeadlineAt!;
    const warnTime = new Date(due.getTime() - 3_600_000 * 2);
    const w = fireDueClocks(c.clocks, warnTime, policy, cal, c);
    expect(w.fired.map((f) => f.phase)).toEqual(['warning']);
    expect(fireDueClocks(w.clocks, warnTime, policy, cal, c).fired).toEqual([]);
    const b = fireDueClocks(w.clocks, due, policy, cal, c);
    expect(b.fired.map((f) => f.phase)).toEqual(['breach']);
    expect(fireDueClocks(b.clocks, new Date(due.getTime() + 3_600_000), policy, cal, c).fired).toEqual([]);
  });

  it('flags a limit past the loaded calendar, and fills it once the year is imported', () => {
    const only2026 = new WorkCalendar([fromSource('chinese-days', 2026)!]);
    const plan = planReport(
      ReportCaseInput.parse(draft()),
      'case-1',
      actorOf(villageStaff),
      villageStaff,
      new Date('2026-12-30T02:00:00Z'),
    );
    const c = withClocks(null, plan.caseDoc, plan.event, policy, only2026);
    expect(c.clocks[0]).toMatchObject({ calendarGap: true, dueAt: null });
    expect(c.sweepAt).not.toBeNull(); // it will be looked at again
    const with2027 = new WorkCalendar(
      [2026, 2027].map((y) => ({
        year: y,
        offDays: y === 2027 ? { '2027-01-01': '元旦' } : fromSource('chinese-days', 2026)!.offDays,
        workdays: y === 2027 ? {} : fromSource('chinese-days', 2026)!.workdays,
      })),
    );
    const f = fireDueClocks(c.clocks, new Date('2026-12-31T02:00:00Z'), policy, with2027, c);
    expect(f.clocks[0]).toMatchObject({ calendarGap: false });
    expect(f.clocks[0]!.dueAt!.toISOString()).toBe('2027-01-05T16:00:00.000Z'); // 31 Dec, (1 Jan off), (2–3 weekend), 4 Jan, 5 Jan
  });
});
