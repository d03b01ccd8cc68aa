// Time counted as the law counts it (issue 13's clock defects): each case here failed before the fix.
import { describe, expect, it } from 'vitest';
import { fromSource } from '../../functions/src/cli/calendar-sources';
import {
  type CaseCommand,
  type CaseDoc,
  type Claims,
  ReportCaseInput,
  WorkCalendar,
  applyCommand,
  defaultPolicy,
  fireDueClocks,
  planReport,
  withClocks,
  withStatsFacts,
} from '../../functions/src/domain';
import { actorOf, draft, townStaff, villageStaff } from '../helpers/cases';

const years = [2025, 2026].map((y) => fromSource('chinese-days', y)!);
const cal = new WorkCalendar(years);
const policy = defaultPolicy('621126');
const townLeader: Claims = { r: 'leader', u: '621126100', c: '621126', t: '621126100' };

function report(over: object, by: Claims, at: string, calendar = cal): CaseDoc {
  const plan = planReport(ReportCaseInput.parse(draft(over)), 'case-1', actorOf(by), by, new Date(at));
  return withClocks(null, plan.caseDoc, plan.event, policy, calendar);
}
function act(c: CaseDoc, cmd: CaseCommand, who: Claims, at: string, calendar = cal): CaseDoc {
  const t = applyCommand(c, cmd, actorOf(who), who, new Date(at));
  return withClocks(c, t.next, t.event, policy, calendar);
}
const clock = (c: CaseDoc, kind: string) => c.clocks.find((k) => k.kind === kind && k.state !== 'stopped')!;
const EXTEND: CaseCommand = { action: 'extend_petition', reason: '案情复杂', approvedBy: '刘芳', petitionerNotified: true };

/** A 信访 accepted on `acceptAt`, with the town's leader in charge (who may extend it). */
function acceptedPetition(reportAt: string, acceptAt: string): CaseDoc {
  const c = act(report({ source: 'petition' }, townStaff, reportAt), { action: 'accept' }, townStaff, acceptAt);
  return { ...c, leaderUid: actorOf(townLeader).uid };
}

describe('信访 extension (延期) counts from the last day', () => {
  it('60 days ending Mon 13 Apr 2026, extended by 30, end Wed 13 May (not 14 May)', () => {
    let c = acceptedPetition('2026-02-12T01:00:00Z', '2026-02-12T02:00:00Z');
    expect(clock(c, 'petition_handle').dueAt!.toISOString()).toBe('2026-04-13T16:00:00.000Z'); // 24:00 of 13 Apr
    c = act(c, EXTEND, townLeader, '2026-04-01T02:00:00Z');
    expect(clock(c, 'petition_handle').dueAt!.toISOString()).toBe('2026-05-13T16:00:00.000Z');
  });

  it('a new last day on a rest day moves to the next working day', () => {
    // Accepted Mon 2 Mar: 60 days → Fri 1 May (劳动节) → Wed 6 May; +30 → Fri 5 Jun.
    let c = acceptedPetition('2026-03-01T01:00:00Z', '2026-03-02T02:00:00Z');
    expect(clock(c, 'petition_handle').dueAt!.toISOString()).toBe('2026-05-06T16:00:00.000Z');
    c = act(c, EXTEND, townLeader, '2026-04-20T02:00:00Z');
    expect(clock(c, 'petition_handle').dueAt!.toISOString()).toBe('2026-06-05T16:00:00.000Z');
    // Accepted Thu 13 Aug: 60 days → Mon 12 Oct; +30 → Wed 11 Nov.
    let d = acceptedPetition('2026-08-13T01:00:00Z', '2026-08-13T02:00:00Z');
    expect(clock(d, 'petition_handle').dueAt!.toISOString()).toBe('2026-10-12T16:00:00.000Z');
    d = act(d, EXTEND, townLeader, '2026-09-01T02:00:00Z');
    expect(clock(d, 'petition_handle').dueAt!.toISOString()).toBe('2026-11-11T16:00:00.000Z');
  });

  it('into a year without a calendar: flagged as a gap (never internal), filled in once the year is imported', () => {
    // Accepted Tue 20 Oct 2026: 60 days → Sat 19 Dec → Mon 21 Dec; +30 → 20 Jan 2027, not loaded.
    let c = acceptedPetition('2026-10-20T01:00:00Z', '2026-10-20T02:00:00Z');
    expect(clock(c, 'petition_handle').dueAt!.toISOString()).toBe('2026-12-21T16:00:00.000Z');
    c = act(c, EXTEND, townLeader, '2026-11-10T02:00:00Z');
    const gap = clock(c, 'petition_handle');
    expect(gap).toMatchObject({ state: 'running', dueAt: null, calendarGap: true });
    expect(c.petitionExtended).toBe(true);
    // The sweep looks again; with 2027 loaded it fills in the extended limit, not the original one.
    const y2027 = { year: 2027, offDays: { '2027-01-01': '元旦' }, workdays: {} };
    const { clocks } = fireDueClocks(c.clocks, new Date('2026-11-11T02:00:00Z'), policy, new WorkCalendar([...years, y2027]), c);
    expect(clocks.find((k) => k.kind === 'petition_handle')).toMatchObject({ calendarGap: false, state: 'running' });
    expect(clocks.find((k) => k.kind === 'petition_handle')!.dueAt!.toISOString()).toBe('2027-01-20T16:00:00.000Z');
  });
});

describe('resuming (恢复) counts the time left in the limit’s own unit', () => {
  it('a village case (3 working days) suspended 24 Sep and resumed 30 Sep falls due 9 Oct, after 国庆', () => {
    // Reported Wed 23 Sep: 24, (25 is 中秋), 28, 29 Sep → last day Tue 29 Sep.
    let c = report({}, villageStaff, '2026-09-23T02:00:00Z');
    c = act(c, { action: 'accept' }, villageStaff, '2026-09-23T03:00:00Z');
    expect(clock(c, 'tier').dueAt!.toISOString()).toBe('2026-09-29T16:00:00.000Z');
    c = act(c, { action: 'suspend', reason: '等待当事人返乡' }, villageStaff, '2026-09-24T02:00:00Z');
    c = act(c, { action: 'resume' }, villageStaff, '2026-09-30T02:00:00Z');
    // Two working days were left (28 and 29 Sep): 8 and 9 Oct, after the holiday (1–7 Oct).
    expect(clock(c, 'tier').dueAt!.toISOString()).toBe('2026-10-09T16:00:00.000Z');
    expect(c.nextDeadlineAt!.toISOString()).toBe('2026-10-09T16:00:00.000Z');
  });

  it('calendar days stay calendar days, and a last day on a holiday moves off it', () => {
    // Town general: 7 calendar days from Mon 14 Sep → Mon 21 Sep.
    let c = report({}, townStaff, '2026-09-14T02:00:00Z');
    c = act(c, { action: 'accept' }, townStaff, '2026-09-14T03:00:00Z');
    expect(clock(c, 'tier').dueAt!.toISOString()).toBe('2026-09-21T16:00:00.000Z');
    c = act(c, { action: 'suspend', reason: '等待鉴定' }, townStaff, '2026-09-16T02:00:00Z'); // 5 days left
    c = act(c, { action: 'resume' }, townStaff, '2026-09-28T02:00:00Z'); // 28 Sep + 5 = 3 Oct (国庆) → 8 Oct
    expect(clock(c, 'tier').dueAt!.toISOString()).toBe('2026-10-08T16:00:00.000Z');
  });

  it('信访 limits keep running through a suspension: 信访工作条例 has no 中止', () => {
    let c = acceptedPetition('2026-03-02T01:00:00Z', '2026-03-02T02:00:00Z');
    const due = clock(c, 'petition_handle').dueAt!.toISOString();
    c = act(c, { action: 'suspend', reason: '等待鉴定' }, townStaff, '2026-03-03T02:00:00Z');
    expect(clock(c, 'petition_handle').state).toBe('running');
    expect(clock(c, 'tier').state).toBe('paused');
    c = act(c, { action: 'resume' }, townStaff, '2026-03-20T02:00:00Z');
    expect(clock(c, 'petition_handle').dueAt!.toISOString()).toBe(due);
  });
});

describe('every 信访 channel starts the statutory clocks', () => {
  it.each([
    ['petition', 'online'],
    ['letter', 'letter'],
    ['phone', 'phone'],
    ['walk_in', 'walk_in'],
  ] as const)('source %s → channel %s, 15-day acceptance clock', (source, channel) => {
    const c = report({ source }, townStaff, '2026-03-02T02:00:00Z');
    expect(c.petition?.channel).toBe(channel);
    expect(clock(c, 'petition_accept').dueAt!.toISOString()).toBe('2026-03-17T16:00:00.000Z');
  });

  it.each(['grid_patrol', 'hotline_12345', 'resident_app', 'court_referral'] as const)('source %s is not 信访', (source) => {
    const c = report({ source }, townStaff, '2026-03-02T02:00:00Z');
    expect(c.petition).toBeNull();
    expect(c.clocks.some((k) => k.kind.startsWith('petition'))).toBe(false);
  });
});

describe('按期办结率 counts 信访 breaches', () => {
  const resolveLate = (breach: string) => {
    let c = acceptedPetition('2026-03-02T01:00:00Z', '2026-03-02T02:00:00Z');
    c = { ...c, clocks: c.clocks.map((k) => (k.kind === breach && k.state === 'running' ? { ...k, state: 'breached' as const } : k)) };
    const t = applyCommand(
      c,
      { action: 'resolve', outcome: 'explained', note: '已答复信访人' },
      actorOf(townStaff),
      townStaff,
      new Date('2026-03-05T02:00:00Z'),
    );
    const e = withStatsFacts(withClocks(c, t.next, t.event, policy, cal), t.event, cal);
    return e.action === 'resolve' && e.data.onTime;
  };
  it('a breached 信访 handling limit makes the resolution late', () => expect(resolveLate('petition_handle')).toBe(false));
  it('a breached tier limit makes it late', () => expect(resolveLate('tier')).toBe(false));
  it('no breach: on time', () => expect(resolveLate('none')).toBe(true));
});
