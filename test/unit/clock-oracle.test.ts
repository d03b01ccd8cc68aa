// An independent day-stepping oracle for every statutory clock (issue 13). Written apart from the
// clock engine: it uses none of its helpers (no addDays, isWorkday, nextWorkday, addWorkingDays,
// localDate, endOfLocalDay), only the loaded calendar data (offDays / workdays per year) and the
// public functions under test (`deadlineFrom`, `extendedDue`, the policy's durations).
//
// 民法典 arts. 200–204: a limit in days does not count the day it starts (art. 201); its last day
// ends at 24:00 (art. 203); a last day that is a statutory rest day moves to the next working day
// (art. 203). Working days follow the State Council's schedule (weekends, holidays, 调休).
import { describe, expect, it } from 'vitest';
import { fromSource } from '../../functions/src/cli/calendar-sources';
import { CalendarRangeError, type Duration, WorkCalendar, deadlineFrom, defaultPolicy, extendedDue } from '../../functions/src/domain';

const YEARS = [2025, 2026];
const data = YEARS.map((y) => fromSource('chinese-days', y)!);
const engineCal = new WorkCalendar(data);

// ── the oracle's own calendar: plain dates as [y, m, d], stepped by hand ──
type Ymd = [number, number, number];
const daysInMonth = (y: number, m: number): number =>
  [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
function nextDay([y, m, d]: Ymd): Ymd {
  if (d < daysInMonth(y, m)) return [y, m, d + 1];
  if (m < 12) return [y, m + 1, 1];
  return [y + 1, 1, 1];
}
const iso = ([y, m, d]: Ymd) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
/** Day of week by Zeller's congruence (0 = Saturday … 6 = Friday). */
function zeller([y, m, d]: Ymd): number {
  const mm = m < 3 ? m + 12 : m;
  const yy = m < 3 ? y - 1 : y;
  const k = yy % 100;
  const j = Math.floor(yy / 100);
  return (d + Math.floor((13 * (mm + 1)) / 5) + k + Math.floor(k / 4) + Math.floor(j / 4) + 5 * j) % 7;
}
const OFF = new Set(data.flatMap((y) => Object.keys(y.offDays)));
const WORK = new Set(data.flatMap((y) => Object.keys(y.workdays)));
class OutOfCalendar extends Error {}
function working(day: Ymd): boolean {
  if (!YEARS.includes(day[0])) throw new OutOfCalendar(iso(day));
  const s = iso(day);
  if (WORK.has(s)) return true;
  if (OFF.has(s)) return false;
  const dow = zeller(day);
  return dow !== 0 && dow !== 1; // not Saturday, not Sunday
}

/** The last day of a limit of `d` starting on `start` (the start day not counted). */
function lastDay(start: Ymd, d: Duration): Ymd {
  let day = start;
  if (d.unit === 'calendar_days') {
    for (let i = 0; i < d.amount; i++) day = nextDay(day);
    while (!working(day)) day = nextDay(day);
    return day;
  }
  let left = d.amount;
  while (left > 0) {
    day = nextDay(day);
    if (working(day)) left--;
  }
  return day;
}
/** 24:00 Asia/Shanghai of a last day, i.e. 16:00 UTC that day. */
const endOf = ([y, m, d]: Ymd) => Date.UTC(y, m - 1, d, 16, 0, 0);

const p = defaultPolicy('621126');
const CLOCKS: [string, Duration][] = [
  ['信访 受理告知 15 days (条例 arts. 22–23)', p.petition.accept],
  ['信访 办理 60 days (art. 34)', p.petition.handle],
  ['复查/复核 request window 30 days (arts. 35–36)', p.petition.review],
  ['复查/复核 decision 30 days (arts. 35–36)', p.petition.reviewAnswer],
  ['诉前委派调解 30 days (特邀调解规定 art. 27)', p.courtMediation],
  ['司法确认 application 30 days (人民调解法 art. 33)', p.judicialConfirmation],
  ['回访 7 days', p.callback],
  ['grid tier (working days)', p.tier.grid.general],
  ['village tier (working days)', p.tier.village.general],
  ['town tier', p.tier.town.general],
  ['county tier', p.tier.county.general],
  ['department check-in (working days)', p.deptCheckIn],
  ['department feedback (working days)', p.deptFeedback],
];

/** Every day of 2025–2026, started at its first and its last minute, local time (UTC+8). */
const STARTS: { day: Ymd; at: Date }[] = [];
for (let day: Ymd = [2025, 1, 1]; day[0] <= 2026; day = nextDay(day)) {
  const [y, m, d] = day;
  for (const [h, mi] of [
    [0, 0],
    [23, 59],
  ] as const)
    STARTS.push({ day, at: new Date(Date.UTC(y, m - 1, d, h - 8, mi)) });
}

/** What the oracle says: the due time, or 'out' when the count leaves the loaded years. */
function oracle(f: () => Ymd): number | 'out' {
  try {
    return endOf(f());
  } catch (e) {
    if (e instanceof OutOfCalendar) return 'out';
    throw e;
  }
}
function engine(f: () => Date): number | 'out' {
  try {
    return f().getTime();
  } catch (e) {
    if (e instanceof CalendarRangeError) return 'out';
    throw e;
  }
}

describe('every statutory clock, every start day of 2025–2026, against day stepping', () => {
  it('the oracle’s own calendar is right on known days', () => {
    expect(zeller([2026, 11, 29])).toBe(1); // a Sunday
    expect(working([2026, 2, 14])).toBe(true); // Saturday, 春节 make-up day
    expect(working([2026, 10, 7])).toBe(false); // 国庆
    expect(working([2026, 10, 8])).toBe(true);
    expect(iso(lastDay([2026, 9, 28], p.petition.accept))).toBe('2026-10-13');
  });

  it.each(CLOCKS)('%s', (_, d) => {
    const wrong: string[] = [];
    let compared = 0;
    for (const s of STARTS) {
      const want = oracle(() => lastDay(s.day, d));
      const got = engine(() => deadlineFrom(s.at, d, engineCal));
      // The engine may know a date the oracle cannot reach (a working-day count inside the years);
      // both must agree wherever the oracle has an answer, and refuse where it has none.
      if (want !== got)
        wrong.push(
          `${s.at.toISOString()}: want ${want === 'out' ? 'refusal' : new Date(want).toISOString()}, got ${got === 'out' ? 'refusal' : new Date(got).toISOString()}`,
        );
      if (want !== 'out') compared++;
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(compared).toBeGreaterThan(STARTS.length * 0.85);
  });

  it('信访 extension: 30 days more from the (moved) last day of the 60-day limit', () => {
    const wrong: string[] = [];
    for (const s of STARTS) {
      const want = oracle(() => lastDay(lastDay(s.day, p.petition.handle), p.petition.extension));
      const got = engine(() => extendedDue(deadlineFrom(s.at, p.petition.handle, engineCal), p.petition.extension, engineCal));
      if (want !== got) wrong.push(`${s.at.toISOString()}: want ${want}, got ${got}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('a limit ends at 24:00 of its last day: one minute before is inside, 24:00 is past', () => {
    // Answered Fri 4 Sep 2026: the 30th day is Sun 4 Oct (国庆, off to 7 Oct) → Thu 8 Oct, 24:00.
    const due = deadlineFrom(new Date('2026-09-04T02:00:00Z'), p.petition.review, engineCal);
    expect(due.toISOString()).toBe('2026-10-08T16:00:00.000Z');
    expect(endOf(lastDay([2026, 9, 4], p.petition.review))).toBe(due.getTime());
  });
});
