// The working-day calendar and deadline arithmetic, against the 2026 State Council schedule and
// against an independent oracle: the raw chinese-days dataset read directly, and plain UTC+8
// day stepping without luxon, over every year the data covers.
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CalendarRangeError, WorkCalendar, deadlineFrom, defaultPolicy } from '../../functions/src/domain';
import { compareYears, fromSource } from '../../functions/src/cli/calendar-sources';

const require = createRequire(import.meta.url);
const RAW = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
const YEARS = Array.from({ length: 2026 - 2004 + 1 }, (_, i) => 2004 + i);
const cal = new WorkCalendar(YEARS.map((y) => fromSource('chinese-days', y)!));

// ---- the oracle: no luxon, no WorkCalendar ----
const DAY = 86_400_000;
const OFFSET = 8 * 3_600_000; // Asia/Shanghai has had no daylight saving since 1991
const toDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const fromDate = (d: string) => Date.parse(`${d}T00:00:00Z`);
function oracleWorkday(d: string): boolean {
  if (RAW.workdays[d]) return true;
  if (RAW.holidays[d]) return false;
  const wd = new Date(fromDate(d)).getUTCDay();
  return wd !== 0 && wd !== 6;
}
const localOf = (at: Date) => toDate(at.getTime() + OFFSET);
const endOf = (d: string) => new Date(fromDate(d) + DAY - OFFSET);
function oracleWorkingDays(start: Date, n: number): Date {
  let d = localOf(start);
  for (let k = 0; k < n; ) {
    d = toDate(fromDate(d) + DAY);
    if (oracleWorkday(d)) k++;
  }
  return endOf(d);
}
function oracleCalendarDays(start: Date, n: number): Date {
  let d = toDate(fromDate(localOf(start)) + n * DAY);
  while (!oracleWorkday(d)) d = toDate(fromDate(d) + DAY);
  return endOf(d);
}

describe('the 2026 schedule', () => {
  it.each(['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'])(
    '春节: %s is off',
    (d) => {
      expect(cal.isWorkday(d)).toBe(false);
    },
  );
  it.each(['2026-02-14', '2026-02-28', '2026-09-20', '2026-10-10'])('调休: %s (a weekend day) is a working day', (d) => {
    expect(cal.kind(d)).toBe('makeup_workday');
  });
  it.each(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'])('国庆: %s is off', (d) => {
    expect(cal.isWorkday(d)).toBe(false);
  });
  it('counts across 国庆 and its make-up Saturday', () => {
    // Reported Wednesday 30 Sep 2026 at 10:00: 3 working days → 8 Oct (Thu), 9 Oct (Fri), 10 Oct (Sat, 调休).
    expect(deadlineFrom(new Date('2026-09-30T02:00:00Z'), { amount: 3, unit: 'working_days' }, cal).toISOString()).toBe(
      '2026-10-10T16:00:00.000Z',
    );
    // 7 calendar days from 28 Sep end on 5 Oct, a holiday: moved to 8 Oct, the next working day.
    expect(deadlineFrom(new Date('2026-09-28T02:00:00Z'), { amount: 7, unit: 'calendar_days' }, cal).toISOString()).toBe(
      '2026-10-08T16:00:00.000Z',
    );
    // 2 hours is 2 hours, holiday or not.
    expect(deadlineFrom(new Date('2026-10-01T02:00:00Z'), { amount: 2, unit: 'hours' }, cal).toISOString()).toBe(
      '2026-10-01T04:00:00.000Z',
    );
  });
});

describe('past the loaded years', () => {
  it('refuses, never guesses', () => {
    const only2026 = new WorkCalendar([fromSource('chinese-days', 2026)!]);
    expect(() => only2026.isWorkday('2027-01-04')).toThrow(CalendarRangeError);
    expect(() => deadlineFrom(new Date('2026-12-30T02:00:00Z'), { amount: 5, unit: 'working_days' }, only2026)).toThrow(
      /no working-day calendar for 2027/,
    );
    expect(() => deadlineFrom(new Date('2026-12-30T02:00:00Z'), { amount: 5, unit: 'calendar_days' }, only2026)).toThrow(
      CalendarRangeError,
    );
  });
});

describe('against the independent oracle', () => {
  const instant = fc
    .integer({ min: Date.parse('2004-01-01T00:00:00Z'), max: Date.parse('2026-11-30T00:00:00Z') })
    .map((ms) => new Date(ms));
  it('agrees on every day of every covered year', () => {
    for (const y of YEARS)
      for (let d = `${y}-01-01`; d.startsWith(`${y}-`); d = toDate(fromDate(d) + DAY)) expect(cal.isWorkday(d), d).toBe(oracleWorkday(d));
  });
  it('agrees on working-day deadlines', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 20 }), (start, n) => {
        expect(deadlineFrom(start, { amount: n, unit: 'working_days' }, cal).getTime()).toBe(oracleWorkingDays(start, n).getTime());
      }),
      { numRuns: 2000 },
    );
  });
  it('agrees on calendar-day deadlines (start day not counted, rolled past days off)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 30 }), (start, n) => {
        expect(deadlineFrom(start, { amount: n, unit: 'calendar_days' }, cal).getTime()).toBe(oracleCalendarDays(start, n).getTime());
      }),
      { numRuns: 2000 },
    );
  });
  it('never ends a day limit before the start, and always at 24:00 Shanghai on a working day', () => {
    const early = fc
      .integer({ min: Date.parse('2004-01-01T00:00:00Z'), max: Date.parse('2026-09-01T00:00:00Z') })
      .map((ms) => new Date(ms));
    fc.assert(
      fc.property(
        early,
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom('working_days', 'calendar_days') as fc.Arbitrary<'working_days' | 'calendar_days'>,
        (start, n, unit) => {
          const due = deadlineFrom(start, { amount: n, unit }, cal);
          expect(due.getTime()).toBeGreaterThan(start.getTime());
          expect((due.getTime() + OFFSET) % DAY).toBe(0);
          expect(cal.isWorkday(localOf(new Date(due.getTime() - 1)))).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('the two npm datasets', () => {
  it.each(Array.from({ length: 2026 - 2019 + 1 }, (_, i) => 2019 + i))('agree on every working day of %i', (y) => {
    expect(compareYears(fromSource('chinese-days', y)!, fromSource('holiday-calendar', y)!)).toEqual([]);
  });
});

describe('the default policy', () => {
  it('has the documented default limits (defaultPolicy, domain/deadlines.ts)', () => {
    const p = defaultPolicy('621126');
    expect(p.tier.village.general).toEqual({ amount: 3, unit: 'working_days' });
    expect(p.tier.county.difficult).toEqual({ amount: 15, unit: 'calendar_days' });
    expect(p.petition).toMatchObject({
      accept: { amount: 15, unit: 'calendar_days' },
      handle: { amount: 60, unit: 'calendar_days' },
      extension: { amount: 30, unit: 'calendar_days' },
    });
    expect(p.deptCheckInEmergency).toEqual({ amount: 2, unit: 'hours' });
    expect(p.callback).toEqual({ amount: 7, unit: 'calendar_days' });
  });
});
