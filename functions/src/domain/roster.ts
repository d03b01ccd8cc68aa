import { DateTime } from 'luxon';
import { z } from 'zod';
import { type WorkCalendar, addDays, isoWeekday } from './calendar';
import { ZONE } from './clock';
import { Uid, own } from './input';

/**
 * Leaders' petition-reception duty (领导接访). Each town and county publishes a roster: on every
 * working day (a 调休 Saturday included) one leader of the weekday rotation receives visitors; on
 * weekends and holidays a duty leader (值班领导) of the separate duty rotation. Like on-call
 * tools: a generated, published version, with leave and swaps layered on top as overrides.
 */
export const RosterLeader = z.strictObject({
  uid: Uid,
  name: z.string().min(1).max(40),
  title: z.string().max(40),
  /** ISO weekdays (1 = Monday … 7 = Sunday) this leader is never assigned. */
  neverWeekdays: z.array(z.number().int().min(1).max(7)).max(6).default([]),
});
export type RosterLeader = z.infer<typeof RosterLeader>;

export const RosterConfig = z.strictObject({
  unitId: z.string().regex(/^(\d{6}|\d{9})$/, '值班表只属于乡镇或县'),
  countyId: z.string().regex(/^\d{6}$/),
  unitName: z.string().min(1).max(40),
  weekday: z.array(RosterLeader).min(1, '至少需要一名接访领导').max(30),
  duty: z.array(RosterLeader).min(1, '至少需要一名值班领导').max(30),
  /** The duty day changes hands at this local time (a visit at 07:00 belongs to the day before). */
  handoff: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default('08:30'),
  /** 每周二联值: the weekday of linked-village visits (2 = Tuesday). */
  visitWeekday: z.number().int().min(1).max(7).default(2),
});
export type RosterConfig = z.infer<typeof RosterConfig>;
/** rosters/{unitId} as stored: the config plus who changed it when. */
export const RosterDoc = RosterConfig.extend({ updatedAt: z.date().optional(), updatedBy: z.string().optional() });

export interface Assignment {
  date: string;
  kind: 'weekday' | 'duty';
  uid: string;
  /** The holiday's name on a statutory holiday (for display and fair spreading). */
  holiday: string | null;
}

/** Leave: dates a leader cannot take. */
export type Leaves = Record<string, readonly string[]>; // uid → dates

function eligible(l: RosterLeader, date: string, leaves: Leaves): boolean {
  return !l.neverWeekdays.includes(isoWeekday(date)) && !(own(leaves, l.uid) ?? []).includes(date);
}

/** Days between two dates (inclusive). */
export function datesIn(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** [from, to] cut at calendar-month boundaries. */
function monthsOf(from: string, to: string): [string, string][] {
  const out: [string, string][] = [];
  let a = from;
  while (a <= to) {
    const [y, m] = a.split('-').map(Number);
    const monthEnd = addDays(`${m === 12 ? y! + 1 : y}-${String(m === 12 ? 1 : m! + 1).padStart(2, '0')}-01`, -1);
    const b = monthEnd < to ? monthEnd : to;
    out.push([a, b]);
    a = addDays(b, 1);
  }
  return out;
}

/** `total` days split among leaders within one; the extra days to the highest `priority`, ties in rotation order. */
function split(total: number, leaders: readonly RosterLeader[], priority: (l: RosterLeader) => number): Map<string, number> {
  const base = Math.floor(total / leaders.length);
  const extra = total % leaders.length;
  const order = leaders.map((l, i) => ({ l, i })).sort((a, b) => priority(b.l) - priority(a.l) || a.i - b.i);
  return new Map(order.map(({ l }, k) => [l.uid, base + (k < extra ? 1 : 0)]));
}

/**
 * A roster for [from, to] (pure, deterministic), fair within every calendar month:
 * - working days (weekday rotation) are split into quotas that differ by at most one within every
 *   calendar month, the month's extra days going to whoever has had fewest so far, so the period
 *   is within one too; statutory holidays and ordinary weekends (duty rotation) are split into
 *   quotas within one over the period, and the day-by-day choice below spreads them evenly;
 * - each day goes to the eligible leader with quota left who is most behind: who still owes the
 *   largest share of their remaining eligible days (so a leader restricted on some weekdays gets
 *   their share spread over the days they can, not in a block), ties in rotation order;
 * - nobody takes a third working day in a row (in the sequence of working days, so Friday and
 *   Monday are consecutive) while another eligible leader is free that day.
 * Leave is not an input here: it is applied to a published roster by `applyLeave`, which changes
 * only what it must.
 */
export function generateRoster(cfg: RosterConfig, cal: WorkCalendar, from: string, to: string): Assignment[] {
  const months = monthsOf(from, to).map(([mFrom, mTo]) =>
    datesIn(mFrom, mTo).map((date) => {
      const working = cal.isWorkday(date);
      const holiday = !working && cal.kind(date) === 'holiday' ? cal.nameOf(date) : null;
      return {
        date,
        kind: (working ? 'weekday' : 'duty') as Assignment['kind'],
        holiday,
        cls: working ? 'weekday' : holiday ? 'holiday' : 'weekend',
      };
    }),
  );
  const all = months.flat();
  // Duty days (holidays, weekends): quotas over the period, within one; the extra total days go
  // to those with more holidays first, so that nobody's total falls below their holiday share.
  const holidayQ = split(all.filter((d) => d.cls === 'holiday').length, cfg.duty, () => 0);
  const dutyTotal = split(all.filter((d) => d.cls !== 'weekday').length, cfg.duty, (l) => holidayQ.get(l.uid) ?? 0);
  const dutyLeft: Record<string, Map<string, number>> = {
    holiday: holidayQ,
    weekend: new Map(cfg.duty.map((l) => [l.uid, Math.max(0, dutyTotal.get(l.uid)! - holidayQ.get(l.uid)!)])),
  };
  const eligibleIn = (cls: string) =>
    new Map(cfg.duty.map((l) => [l.uid, all.filter((d) => d.cls === cls && eligible(l, d.date, {})).length]));
  const dutyEligible = { holiday: eligibleIn('holiday'), weekend: eligibleIn('weekend') };
  const weekdaySoFar = new Map<string, number>();
  const next = { weekday: 0, duty: 0 };
  const recentWorking: string[] = []; // the last two working days' leaders
  const out: Assignment[] = [];
  for (const days of months) {
    const byClass = (cls: string) => days.filter((d) => d.cls === cls);
    // Working days: quotas within one in every month; the month's extra days to whoever has had
    // fewest so far in the period (so the period stays within one too), among those who can
    // take at least one of them.
    const working = byClass('weekday');
    const canThisMonth = cfg.weekday.filter((l) => working.some((d) => eligible(l, d.date, {})));
    // Ties go to whoever can take fewest working days from here to the end of the period (a
    // restricted leader may have no chance to catch up later).
    const ahead = all.filter((d) => d.cls === 'weekday' && d.date >= days[0]!.date);
    const chances = (l: RosterLeader) => ahead.filter((d) => eligible(l, d.date, {})).length;
    const weekdayQ = split(
      working.length,
      canThisMonth.length ? canThisMonth : cfg.weekday,
      (l) => -(weekdaySoFar.get(l.uid) ?? 0) * 100_000 - chances(l),
    );
    for (const cls of ['weekday', 'holiday', 'weekend'] as const) {
      const rotationKey = cls === 'weekday' ? 'weekday' : 'duty';
      const rotation = cls === 'weekday' ? cfg.weekday : cfg.duty;
      const classDays = byClass(cls);
      const left = cls === 'weekday' ? new Map(rotation.map((l) => [l.uid, weekdayQ.get(l.uid) ?? 0])) : dutyLeft[cls]!;
      const eligibleLeft =
        cls === 'weekday'
          ? new Map(rotation.map((l) => [l.uid, classDays.filter((d) => eligible(l, d.date, {})).length]))
          : dutyEligible[cls];
      for (const d of classDays) {
        const can = rotation.map((l, i) => ({ l, i })).filter(({ l }) => eligible(l, d.date, {}));
        if (!can.length) throw new RosterError(`no ${d.kind} leader can take ${d.date} (all restricted)`);
        const order = (i: number) => (i - next[rotationKey] + rotation.length) % rotation.length;
        // A third working day in a row only when nobody else eligible is free that day.
        const tired = cls === 'weekday' && recentWorking.length === 2 && recentWorking[0] === recentWorking[1] ? recentWorking[0] : null;
        const rested = can.filter(({ l }) => l.uid !== tired);
        const candidates = rested.length ? rested : can;
        const withQuota = candidates.filter(({ l }) => left.get(l.uid)! > 0);
        const pool = withQuota.length ? withQuota : candidates; // quotas infeasible under the rules: fall back
        // Most behind first: the largest share of their remaining eligible days still owed
        // (a restricted leader owes a larger share), ties in rotation order.
        const owed = (l: RosterLeader) => [Math.max(0, left.get(l.uid)!), Math.max(1, eligibleLeft.get(l.uid)!)] as const;
        pool.sort((a, b) => {
          const [la, ea] = owed(a.l);
          const [lb, eb] = owed(b.l);
          return lb * ea - la * eb || order(a.i) - order(b.i);
        });
        const pick = pool[0]!;
        left.set(pick.l.uid, left.get(pick.l.uid)! - 1);
        for (const { l } of can) eligibleLeft.set(l.uid, eligibleLeft.get(l.uid)! - 1);
        next[rotationKey] = (pick.i + 1) % rotation.length;
        if (cls === 'weekday') {
          weekdaySoFar.set(pick.l.uid, (weekdaySoFar.get(pick.l.uid) ?? 0) + 1);
          recentWorking.push(pick.l.uid); // working days come in date order, month after month
          if (recentWorking.length > 2) recentWorking.shift();
        }
        out.push({ date: d.date, kind: d.kind, uid: pick.l.uid, holiday: d.holiday });
      }
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

export class RosterError extends Error {}

export interface RosterChange {
  date: string;
  fromUid: string;
  toUid: string;
}

/**
 * Applies a leader's leave to a roster, changing only what must change: each leave day goes to
 * the eligible colleague of the same rotation with the fewest assignments; to keep the load
 * balanced, the colleague then gives back their next day of that rotation on which the leader
 * on leave is available. Returns the changes (the stable rest of the roster is untouched).
 */
export function applyLeave(roster: Assignment[], cfg: RosterConfig, uid: string, leaveDates: readonly string[]): RosterChange[] {
  const current = new Map(roster.map((a) => [a.date, { ...a }]));
  const changes: RosterChange[] = [];
  const leaves: Leaves = { [uid]: leaveDates };
  const set = (date: string, to: string) => {
    const a = current.get(date)!;
    changes.push({ date, fromUid: a.uid, toUid: to });
    a.uid = to;
  };
  const counts = (kind: Assignment['kind']) => {
    const m = new Map<string, number>();
    for (const a of current.values()) if (a.kind === kind) m.set(a.uid, (m.get(a.uid) ?? 0) + 1);
    return m;
  };
  for (const date of [...leaveDates].sort()) {
    const a = current.get(date);
    if (!a || a.uid !== uid) continue;
    const rotation = a.kind === 'weekday' ? cfg.weekday : cfg.duty;
    const c = counts(a.kind);
    const subs = rotation
      .filter((l) => l.uid !== uid && eligible(l, date, leaves))
      .sort((x, y) => (c.get(x.uid) ?? 0) - (c.get(y.uid) ?? 0) || rotation.indexOf(x) - rotation.indexOf(y));
    const sub = subs[0];
    if (!sub) throw new RosterError(`nobody can cover ${date} for ${uid}`);
    set(date, sub.uid);
    // Give back: the substitute's next day of the same rotation that the leader can take.
    const me = rotation.find((l) => l.uid === uid)!;
    const back = [...current.values()]
      .filter((x) => x.kind === a.kind && x.uid === sub.uid && x.date > date && eligible(me, x.date, leaves))
      .sort((x, y) => x.date.localeCompare(y.date))[0];
    if (back) set(back.date, uid);
  }
  return changes;
}

/** A swap: two leaders exchange two days of the same rotation. */
export function applySwap(roster: Assignment[], a: { uid: string; date: string }, b: { uid: string; date: string }): RosterChange[] {
  const x = roster.find((r) => r.date === a.date);
  const y = roster.find((r) => r.date === b.date);
  if (!x || !y || x.uid !== a.uid || y.uid !== b.uid) throw new RosterError('swap does not match the roster');
  if (x.kind !== y.kind) throw new RosterError('swaps stay within one rotation');
  return [
    { date: a.date, fromUid: a.uid, toUid: b.uid },
    { date: b.date, fromUid: b.uid, toUid: a.uid },
  ];
}

/** The roster with approved changes applied in order. */
export function effectiveRoster(roster: Assignment[], changes: RosterChange[][]): Assignment[] {
  const byDate = new Map(roster.map((a) => [a.date, { ...a }]));
  for (const set of changes)
    for (const ch of set) {
      const a = byDate.get(ch.date);
      if (a) a.uid = ch.toUid;
    }
  return [...byDate.values()].sort((x, y) => x.date.localeCompare(y.date));
}

/** The days of the published versions within [from, to], by date. */
export function publishedDays(versions: readonly { to: string; assignments: Assignment[] }[], from: string, to: string): Assignment[] {
  return versions
    .filter((v) => v.to >= from)
    .flatMap((v) => v.assignments)
    .filter((a) => a.date >= from && a.date <= to)
    .sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The effective roster over [from, to]: the published versions with the approved changes applied
 * in the order they were decided. The functions (who receives a walk-in, reminders, the public
 * view) and the console's calendar both use it.
 */
export function effectiveDays(
  versions: readonly { to: string; assignments: Assignment[] }[],
  changes: readonly { status: string; decidedAt: Date | null; effect: RosterChange[] }[],
  from: string,
  to: string,
): Assignment[] {
  const approved = changes
    .filter((c) => c.status === 'approved' && c.decidedAt)
    .sort((a, b) => a.decidedAt!.getTime() - b.decidedAt!.getTime());
  return effectiveRoster(
    publishedDays(versions, from, to),
    approved.map((c) => c.effect),
  );
}

/** The duty date a moment belongs to: before the handoff time it is still the day before. */
export function dutyDateAt(at: Date, handoff: string): string {
  const local = DateTime.fromJSDate(at, { zone: ZONE });
  const [h, m] = handoff.split(':').map(Number);
  const date = local.toISODate()!;
  return local.hour * 60 + local.minute < h! * 60 + m! ? addDays(date, -1) : date;
}

/**
 * The day of a roster that is on duty at a moment (handoff respected): the one function both the
 * walk-in (who receives it) and the console's 今日值班领导 cards use, so they always agree.
 */
export function dutyDayAt<D extends { date: string }>(days: readonly D[], at: Date, handoff: string): D | undefined {
  const date = dutyDateAt(at, handoff);
  return days.find((d) => d.date === date);
}

/** iCalendar (RFC 5545) for a roster: one all-day event per day, name and title only. */
export function rosterIcs(
  unitName: string,
  unitId: string,
  days: { date: string; name: string; title: string; kind: 'weekday' | 'duty' }[],
  stamp: Date,
): string {
  const esc = (s: string) => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
  const d = (iso: string) => iso.replace(/-/g, '');
  const ts = DateTime.fromJSDate(stamp, { zone: 'utc' }).toFormat("yyyyLLdd'T'HHmmss'Z'");
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Fengqiao//Leader duty//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${esc(`${unitName}领导接访值班表`)}`,
    'X-WR-TIMEZONE:Asia/Shanghai',
  ];
  for (const x of days) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${unitId}-${x.date}@fengqiao`,
      `DTSTAMP:${ts}`,
      `DTSTART;VALUE=DATE:${d(x.date)}`,
      `DTEND;VALUE=DATE:${d(addDays(x.date, 1))}`,
      `SUMMARY:${esc(`${x.kind === 'weekday' ? '接访' : '值班'}：${x.name}（${x.title}）`)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  // RFC 5545: CRLF line ends, lines folded at 75 octets.
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

const utf8 = (s: string) => new TextEncoder().encode(s).length;

function fold(line: string): string {
  if (utf8(line) <= 75) return line;
  const parts: string[] = [];
  let cur = '';
  for (const ch of line) {
    if (utf8(cur + ch) > (parts.length ? 74 : 75)) {
      parts.push(cur);
      cur = '';
    }
    cur += ch;
  }
  parts.push(cur);
  return parts.join('\r\n ');
}
