import { z } from 'zod';
import { CalendarRangeError, type WorkCalendar, addDays, endOfLocalDay, localDate } from './calendar';
import type { CaseDoc, CaseEventDraft, Tier } from './case-model';
import { type DeadlinePolicy, type Duration, deadlineFrom } from './deadlines';

/**
 * The clocks a case runs against, stored on the case (`clocks`), with two denormalised fields:
 * `nextDeadlineAt` (the earliest running limit, for people) and `sweepAt` (the earliest moment
 * the sweep has something to do: a warning or a breach; indexed, so the sweep reads only cases
 * that are due).
 */
export const CLOCK_KINDS = [
  'tier',
  'petition_accept',
  'petition_handle',
  'court_mediation',
  'dept_checkin',
  'dept_feedback',
  'callback',
  'judicial_confirmation',
  'supervision',
  'recheck',
  'petition_review',
] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

export const CLOCK_LABELS: Record<ClockKind, string> = {
  tier: '层级办理时限',
  petition_accept: '信访受理告知时限',
  petition_handle: '信访办理时限',
  court_mediation: '诉前委派调解时限',
  dept_checkin: '部门报到时限',
  dept_feedback: '部门反馈时限',
  callback: '回访时限',
  judicial_confirmation: '司法确认申请期限',
  supervision: '督办答复时限',
  recheck: '回头看',
  petition_review: '信访复查（复核）办理时限',
};

export const CaseClock = z.strictObject({
  /** Unique per clock instance: kind, subject and the event that started it. */
  id: z.string(),
  kind: z.enum(CLOCK_KINDS),
  /** The tier (tier clocks) or department ID (department clocks). */
  subject: z.string().nullable(),
  startedAt: z.date(),
  dueAt: z.date().nullable(),
  warnAt: z.date().nullable(),
  state: z.enum(['running', 'paused', 'met', 'breached', 'stopped']),
  /** While paused: the time that was left. */
  remainingMs: z.number().nullable(),
  warnedAt: z.date().nullable(),
  breachedAt: z.date().nullable(),
  endedAt: z.date().nullable(),
  /** The limit needs a calendar year that is not loaded yet: flagged, never guessed. */
  calendarGap: z.boolean(),
});
export type CaseClock = z.infer<typeof CaseClock>;

/** The case's own limits: met when the case is resolved. */
const CASE_LIMITS: ReadonlySet<ClockKind> = new Set([
  'tier',
  'petition_accept',
  'petition_handle',
  'court_mediation',
  'dept_checkin',
  'dept_feedback',
]);

/**
 * Which clocks stop while a case is suspended (中止). Not the 信访 limits: 信访工作条例 provides no
 * suspension of its 15- and 60-day limits, only one extension of up to 30 days (art. 34; see
 * docs/calendar.md), so they keep running. Not the follow-up clocks either.
 */
const PAUSABLE: ReadonlySet<ClockKind> = new Set(['tier', 'court_mediation', 'dept_checkin', 'dept_feedback']);

/** How often a clock with a calendar gap is looked at again (after a new year is imported). */
export const GAP_RECHECK_MS = 6 * 3_600_000;

function startClock(
  kind: ClockKind,
  subject: string | null,
  seq: number,
  at: Date,
  d: Duration,
  warnHours: number,
  cal: WorkCalendar,
): CaseClock {
  let dueAt: Date | null = null;
  let gap = false;
  try {
    dueAt = deadlineFrom(at, d, cal);
  } catch (e) {
    if (!(e instanceof CalendarRangeError)) throw e;
    gap = true;
  }
  const warnAt = dueAt ? new Date(Math.max(at.getTime(), dueAt.getTime() - warnHours * 3_600_000)) : null;
  return {
    id: `${kind}${subject ? `:${subject}` : ''}:${seq}`,
    kind,
    subject,
    startedAt: at,
    dueAt,
    warnAt,
    state: 'running',
    remainingMs: null,
    warnedAt: null,
    breachedAt: null,
    endedAt: null,
    calendarGap: gap,
  };
}

const end = (c: CaseClock, state: 'met' | 'stopped', at: Date): CaseClock =>
  c.state === 'running' || c.state === 'paused' ? { ...c, state, endedAt: at, remainingMs: null } : c;

function endWhere(clocks: CaseClock[], pred: (c: CaseClock) => boolean, state: 'met' | 'stopped', at: Date): CaseClock[] {
  return clocks.map((c) => (pred(c) ? end(c, state, at) : c));
}

function tierClock(c: CaseDoc, tier: Tier, seq: number, at: Date, p: DeadlinePolicy, cal: WorkCalendar): CaseClock {
  return startClock('tier', tier, seq, at, p.tier[tier][c.caseClass], p.warnHoursBefore[tier], cal);
}

/** Whole calendar days from one date to another (both YYYY-MM-DD). */
function daysFrom(from: string, to: string): number {
  const t = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((t(to) - t(from)) / 86_400_000);
}

/** The last day a limit ends on (its `dueAt` is 24:00 of that day). */
const lastDayOf = (dueAt: Date): string => localDate(new Date(dueAt.getTime() - 1));

/** That day, or the next working day when it is a rest day (民法典 art. 203). */
const offRestDay = (date: string, cal: WorkCalendar): string => (cal.isWorkday(date) ? date : cal.nextWorkday(date));

/**
 * An extension (延期) counts from the original last day, not from 24:00 after it: 60 days ending
 * 2026-04-13 extended by 30 end 2026-05-13 (moved off a rest day like any last day).
 */
export function extendedDue(dueAt: Date, d: Duration, cal: WorkCalendar): Date {
  if (d.unit === 'hours') return new Date(dueAt.getTime() + d.amount * 3_600_000);
  const last = lastDayOf(dueAt);
  return endOfLocalDay(d.unit === 'working_days' ? cal.addWorkingDays(last, d.amount) : offRestDay(addDays(last, d.amount), cal));
}

/**
 * When a paused clock falls due after resuming at `at`: the time that was left when it was
 * suspended, counted again in the limit's own unit — working days stay working days, calendar
 * days stay calendar days (the suspension day counts as used). Hours are exact. If the calendar
 * does not cover the dates, the exact time left is used.
 */
export function resumedDue(c: Pick<CaseClock, 'dueAt' | 'remainingMs'>, at: Date, unit: Duration['unit'], cal: WorkCalendar): Date {
  const due = c.dueAt!;
  const left = c.remainingMs ?? 0;
  const exact = new Date(at.getTime() + left);
  if (unit === 'hours') return exact;
  const suspendedOn = localDate(new Date(due.getTime() - left));
  const last = lastDayOf(due);
  const today = localDate(at);
  try {
    if (unit === 'working_days') {
      const n = cal.workingDaysBetween(suspendedOn, last);
      return endOfLocalDay(n > 0 ? cal.addWorkingDays(today, n) : offRestDay(today, cal));
    }
    return endOfLocalDay(offRestDay(addDays(today, Math.max(0, daysFrom(suspendedOn, last))), cal));
  } catch (e) {
    if (!(e instanceof CalendarRangeError)) throw e;
    return exact;
  }
}

/**
 * The clocks after one transition (pure). `prev` is the case before the event (null for the
 * report), `next` after it.
 */
export function updateClocks(prev: CaseDoc | null, next: CaseDoc, e: CaseEventDraft, p: DeadlinePolicy, cal: WorkCalendar): CaseClock[] {
  const at = e.at;
  const warn = p.warnHoursBefore.other;
  let clocks = [...(prev?.clocks ?? next.clocks ?? [])];
  const isRunning = (k: ClockKind) => (c: CaseClock) => c.kind === k && (c.state === 'running' || c.state === 'paused');
  switch (e.action) {
    case 'report':
      clocks = [tierClock(next, next.tier, e.seq, at, p, cal)];
      if (next.petition) clocks.push(startClock('petition_accept', null, e.seq, at, p.petition.accept, warn, cal));
      if (next.source === 'court_referral') clocks.push(startClock('court_mediation', null, e.seq, at, p.courtMediation, warn, cal));
      break;
    case 'accept':
      if (clocks.some(isRunning('petition_accept'))) {
        clocks = endWhere(clocks, isRunning('petition_accept'), 'met', at);
        clocks.push(startClock('petition_handle', null, e.seq, at, p.petition.handle, warn, cal));
      }
      break;
    case 'escalate':
    case 'return':
      clocks = endWhere(clocks, isRunning('tier'), 'stopped', at);
      clocks.push(tierClock(next, next.tier, e.seq, at, p, cal));
      break;
    case 'take_over':
      // The village's own limit starts; the grid worker's stops (a breach already recorded stays).
      clocks = endWhere(clocks, isRunning('tier'), 'stopped', at);
      clocks.push(tierClock(next, next.tier, e.seq, at, p, cal));
      if (clocks.some(isRunning('petition_accept'))) {
        clocks = endWhere(clocks, isRunning('petition_accept'), 'met', at);
        clocks.push(startClock('petition_handle', null, e.seq, at, p.petition.handle, warn, cal));
      }
      break;
    case 'dispatch': {
      const d = e.data;
      for (const dept of d.departmentIds) {
        clocks.push(
          startClock('dept_checkin', dept, e.seq, at, d.emergency ? p.deptCheckInEmergency : p.deptCheckIn, d.emergency ? 0.5 : warn, cal),
        );
        clocks.push(startClock('dept_feedback', dept, e.seq, at, p.deptFeedback, warn, cal));
      }
      break;
    }
    case 'check_in':
      clocks = endWhere(clocks, (c) => isRunning('dept_checkin')(c) && c.subject === e.data.departmentId, 'met', at);
      break;
    case 'department_feedback':
      clocks = endWhere(clocks, (c) => isRunning('dept_feedback')(c) && c.subject === e.data.departmentId, 'met', at);
      break;
    case 'resolve':
      // A department that never checked in (or reported back) did not meet its limit: its clock
      // stops unmet when the case is resolved without it; the case's own limits were met.
      clocks = endWhere(
        clocks,
        (c) => (c.kind === 'dept_checkin' || c.kind === 'dept_feedback') && (c.state === 'running' || c.state === 'paused'),
        'stopped',
        at,
      );
      clocks = endWhere(clocks, (c) => CASE_LIMITS.has(c.kind) && (c.state === 'running' || c.state === 'paused'), 'met', at);
      clocks.push(startClock('callback', null, e.seq, at, p.callback, warn, cal));
      // 回头看: re-checks after resolution (e.g. 30 and 90 days), so disputes do not flare up again.
      for (const days of p.recheckDays)
        clocks.push(startClock('recheck', String(days), e.seq, at, { amount: days, unit: 'calendar_days' }, 72, cal));
      // 司法确认's 30 days run from the agreement's effective date, not from the resolution: the
      // agreement's own clock (mediations/{caseId}, domain/mediation.ts judicialClock) counts them.
      break;
    case 'suspend':
      clocks = clocks.map((c) =>
        PAUSABLE.has(c.kind) && c.state === 'running'
          ? { ...c, state: 'paused' as const, remainingMs: c.dueAt ? Math.max(0, c.dueAt.getTime() - at.getTime()) : null }
          : c,
      );
      break;
    case 'resume':
      clocks = clocks.map((c) => {
        if (c.state !== 'paused') return c;
        if (c.remainingMs === null || !c.dueAt) return { ...c, state: 'running' as const, remainingMs: null };
        // What was left when suspended runs again from now, in the limit's own unit.
        const dueAt = resumedDue(c, at, durationFor(c, p, next).unit, cal);
        const lead = c.warnAt ? c.dueAt.getTime() - c.warnAt.getTime() : 0;
        return {
          ...c,
          state: 'running' as const,
          remainingMs: null,
          dueAt,
          warnAt: c.warnedAt ? c.warnAt : new Date(Math.max(at.getTime(), dueAt.getTime() - lead)),
        };
      });
      break;
    case 'callback':
      clocks = endWhere(clocks, isRunning('callback'), 'met', at);
      if (next.state === 'in_progress') {
        // 不满意 reopened it: work again at its tier; re-checks wait for the next resolution.
        clocks = endWhere(clocks, (c) => c.kind === 'recheck' && c.state === 'running', 'stopped', at);
        clocks.push(tierClock(next, next.tier, e.seq, at, p, cal));
      }
      break;
    case 'reopen':
      clocks = endWhere(clocks, (c) => c.state === 'running' || c.state === 'paused', 'stopped', at);
      clocks.push(tierClock(next, next.tier, e.seq, at, p, cal));
      break;
    case 'extend_petition':
      clocks = clocks.map((c) => {
        // A clock still waiting for its calendar (dueAt null) gets the extension when it is filled in.
        if (!isRunning('petition_handle')(c) || !c.dueAt) return c;
        try {
          const dueAt = extendedDue(c.dueAt, p.petition.extension, cal);
          return { ...c, dueAt, warnAt: new Date(Math.max(at.getTime(), dueAt.getTime() - warn * 3_600_000)), warnedAt: null };
        } catch (err) {
          if (!(err instanceof CalendarRangeError)) throw err;
          // The new last day is in a year whose calendar is not loaded: flagged, filled in by the
          // sweep once `calendar import` adds it (fireDueClocks), never guessed.
          return { ...c, dueAt: null, warnAt: null, warnedAt: null, calendarGap: true };
        }
      });
      break;
    case 'instruct':
      for (const item of e.data.items) {
        const due = new Date(new Date(`${item.dueDate}T00:00:00+08:00`).getTime() + 86_400_000); // 24:00 of the due date
        clocks.push({
          id: `supervision:${item.id}`,
          kind: 'supervision',
          subject: item.id,
          startedAt: at,
          dueAt: due,
          warnAt: new Date(Math.max(at.getTime(), due.getTime() - warn * 3_600_000)),
          state: 'running',
          remainingMs: null,
          warnedAt: null,
          breachedAt: null,
          endedAt: null,
          calendarGap: false,
        });
      }
      break;
    case 'recheck': {
      // The earliest running re-check is done; a relapse reopens the case at its tier.
      const first = clocks.filter(isRunning('recheck')).sort((a, b) => (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0))[0];
      if (first) clocks = endWhere(clocks, (c) => c.id === first.id, 'met', at);
      if (next.state === 'in_progress') {
        clocks = endWhere(clocks, (c) => c.kind === 'recheck' && (c.state === 'running' || c.state === 'paused'), 'stopped', at);
        clocks.push(tierClock(next, next.tier, e.seq, at, p, cal));
      }
      break;
    }
    case 'reply_supervision':
      clocks = endWhere(
        clocks,
        (c) => c.kind === 'supervision' && c.subject === e.data.supervisionId && (c.state === 'running' || c.state === 'paused'),
        'met',
        at,
      );
      break;
    case 'close':
      // Archiving ends the case's work, not its 回头看 re-checks nor a 复查/复核 under way.
      clocks = endWhere(
        clocks,
        (c) => c.kind !== 'recheck' && c.kind !== 'petition_review' && (c.state === 'running' || c.state === 'paused'),
        'stopped',
        at,
      );
      break;
    case 'record_origin':
      // 委派调解 runs 30 days from the referral's receipt (特邀调解规定 art. 27), once per case.
      if (e.data.kind === 'court' && !clocks.some((c) => c.kind === 'court_mediation'))
        clocks.push(startClock('court_mediation', null, e.seq, at, p.courtMediation, warn, cal));
      break;
    case 'report_back':
      clocks = endWhere(clocks, isRunning('court_mediation'), 'met', at);
      break;
    case 'request_review':
      // 复查/复核 decided within 30 days of the request (信访工作条例 arts. 35–36).
      clocks.push(startClock('petition_review', e.data.stage, e.seq, at, p.petition.reviewAnswer, warn, cal));
      break;
    case 'decide_review':
      clocks = endWhere(clocks, isRunning('petition_review'), 'met', at);
      break;
    case 'not_accept':
    case 'mark_duplicate':
      clocks = endWhere(clocks, (c) => c.state === 'running' || c.state === 'paused', 'stopped', at);
      break;
    default:
      break;
  }
  return clocks;
}

/** The two denormalised fields from a case's clocks. */
export function clockSummary(clocks: CaseClock[], now: Date): { nextDeadlineAt: Date | null; sweepAt: Date | null } {
  let next: number | null = null;
  let sweep: number | null = null;
  const min = (a: number | null, b: number) => (a === null ? b : Math.min(a, b));
  for (const c of clocks) {
    if (c.state !== 'running') continue;
    if (c.calendarGap) sweep = min(sweep, now.getTime() + GAP_RECHECK_MS);
    if (!c.dueAt) continue;
    next = min(next, c.dueAt.getTime());
    if (!c.warnedAt && c.warnAt) sweep = min(sweep, c.warnAt.getTime());
    else sweep = min(sweep, c.dueAt.getTime());
  }
  return { nextDeadlineAt: next === null ? null : new Date(next), sweepAt: sweep === null ? null : new Date(sweep) };
}

export interface ClockFiring {
  clock: CaseClock;
  phase: 'warning' | 'breach';
}

/**
 * What is due at `now` (pure): warnings not yet raised, breaches not yet recorded, and gaps that a
 * newly imported calendar can now fill. Returns the updated clocks and what fired.
 */
export function fireDueClocks(
  clocks: CaseClock[],
  now: Date,
  p: DeadlinePolicy,
  cal: WorkCalendar,
  c: CaseDoc,
): { clocks: CaseClock[]; fired: ClockFiring[] } {
  const fired: ClockFiring[] = [];
  const out = clocks.map((k) => {
    if (k.state !== 'running') return k;
    let clock = k;
    if (clock.calendarGap) {
      const dur = durationFor(clock, p, c);
      try {
        const base = deadlineFrom(clock.startedAt, dur, cal);
        const dueAt = clock.kind === 'petition_handle' && c.petitionExtended ? extendedDue(base, p.petition.extension, cal) : base;
        const warnHours = clock.kind === 'tier' ? p.warnHoursBefore[clock.subject as Tier] : p.warnHoursBefore.other;
        clock = {
          ...clock,
          dueAt,
          warnAt: new Date(Math.max(clock.startedAt.getTime(), dueAt.getTime() - warnHours * 3_600_000)),
          calendarGap: false,
        };
      } catch (e) {
        if (!(e instanceof CalendarRangeError)) throw e;
        return clock;
      }
    }
    if (clock.dueAt && clock.dueAt <= now) {
      if (!clock.warnedAt) clock = { ...clock, warnedAt: now }; // a breach implies its warning
      fired.push({ clock: { ...clock, state: 'breached', breachedAt: now }, phase: 'breach' });
      return { ...clock, state: 'breached' as const, breachedAt: now };
    }
    if (clock.warnAt && clock.warnAt <= now && !clock.warnedAt) {
      clock = { ...clock, warnedAt: now };
      fired.push({ clock, phase: 'warning' });
    }
    return clock;
  });
  return { clocks: out, fired };
}

function durationFor(clock: CaseClock, p: DeadlinePolicy, c: CaseDoc): Duration {
  switch (clock.kind) {
    case 'tier':
      return p.tier[clock.subject as Tier][c.caseClass];
    case 'petition_accept':
      return p.petition.accept;
    case 'petition_handle':
      return p.petition.handle;
    case 'court_mediation':
      return p.courtMediation;
    case 'dept_checkin':
      return p.deptCheckIn;
    case 'dept_feedback':
      return p.deptFeedback;
    case 'callback':
      return p.callback;
    case 'judicial_confirmation':
      return p.judicialConfirmation;
    case 'supervision':
      return { amount: 0, unit: 'hours' }; // fixed due dates; never a calendar gap
    case 'recheck':
      return { amount: Number(clock.subject ?? 30), unit: 'calendar_days' };
    case 'petition_review':
      return p.petition.reviewAnswer;
  }
}

/** A transition with its clocks brought up to date (pure). */
export function withClocks(prev: CaseDoc | null, next: CaseDoc, e: CaseEventDraft, p: DeadlinePolicy, cal: WorkCalendar): CaseDoc {
  const clocks = updateClocks(prev, next, e, p, cal);
  const out = { ...next, clocks, ...clockSummary(clocks, e.at), petitionReview: reviewWindow(next, e, p, cal) };
  return { ...out, overdue: isOverdue(out) };
}

/**
 * The 复查/复核 request window (信访工作条例 arts. 35–36): 30 days from the written answer (the
 * 信访 case resolved), then 30 days from the 复查 decision, counted like every calendar-day limit
 * (`deadlineFrom`). Null `requestBy` when the calendar year is not loaded: a request is then never
 * refused for lack of data.
 */
function reviewWindow(next: CaseDoc, e: CaseEventDraft, p: DeadlinePolicy, cal: WorkCalendar): CaseDoc['petitionReview'] {
  const by = () => {
    try {
      return deadlineFrom(e.at, p.petition.review, cal);
    } catch (err) {
      if (!(err instanceof CalendarRangeError)) throw err;
      return null;
    }
  };
  if (e.action === 'resolve' && next.petition) return { answeredAt: e.at, requestBy: by(), review: null, recheck: null };
  if (e.action === 'decide_review' && e.data.stage === 'review' && next.petitionReview) return { ...next.petitionReview, requestBy: by() };
  return next.petitionReview ?? null;
}

/** A case is overdue while it is open and its current tier's limit, or a department's, has been breached. */
export function isOverdue(c: Pick<CaseDoc, 'state' | 'tier' | 'clocks'>): boolean {
  const open = c.state === 'reported' || c.state === 'accepted' || c.state === 'in_progress' || c.state === 'suspended';
  return (
    open &&
    c.clocks.some(
      (k) =>
        k.state === 'breached' &&
        (k.kind === 'dept_checkin' ||
          k.kind === 'dept_feedback' ||
          k.kind === 'supervision' ||
          k.kind === 'petition_accept' ||
          k.kind === 'petition_handle' ||
          k.kind === 'court_mediation' ||
          (k.kind === 'tier' && k.subject === c.tier)),
    )
  );
}
