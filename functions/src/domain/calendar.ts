import { DateTime } from 'luxon';
import { z } from 'zod';
import { ZONE } from './clock';

/**
 * China's working-day calendar: statutory holidays and 调休 make-up workdays, one document per
 * year (calendarYears/{year}), imported by an administrator. A date is a working day when it is
 * a make-up workday, or a Monday–Friday that is not a day off. Years that are not loaded are
 * refused, never guessed: the State Council publishes each year's schedule in November.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const CalendarYearDoc = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  /** Every day off of the schedule (including weekend days inside a holiday), with its name. */
  offDays: z.record(isoDate, z.string()),
  /** Weekend days that are working days (调休补班), with the holiday they make up for. */
  workdays: z.record(isoDate, z.string()),
  source: z.string(),
  importedAt: z.date(),
  importedBy: z.string(),
});
export type CalendarYearDoc = z.infer<typeof CalendarYearDoc>;
export type CalendarYearData = Pick<CalendarYearDoc, 'year' | 'offDays' | 'workdays'>;

/**
 * config/version: bumped whenever a calendar year or a policy is written, a record of
 * configuration changes. Function instances listen to the documents themselves (lib/config.ts).
 */
export const ConfigVersionDoc = z.object({
  version: z.number().int().nonnegative(),
  changed: z.string().default(''),
  updatedAt: z.date().nullable().default(null),
});
export type ConfigVersionDoc = z.infer<typeof ConfigVersionDoc>;

const realDate = (d: string) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
};
const dayNames = (what: string) =>
  z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${what}的日期应为“年-月-日”`), z.string().trim().min(1, '请写明节日名称').max(40));

/**
 * One year of a calendar file (what `fengqiao calendar import --file` and the `importCalendar`
 * callable both accept): the year, its days off and its make-up workdays, each date a real date
 * of that year.
 */
export const CalendarYearInput = z
  .strictObject({
    year: z.number('年份应为数字').int().min(2000, '年份应在2000年至2100年之间').max(2100, '年份应在2000年至2100年之间'),
    offDays: dayNames('放假日期'),
    workdays: dayNames('调休上班日期'),
  })
  .superRefine((y, ctx) => {
    for (const key of ['offDays', 'workdays'] as const)
      for (const d of Object.keys(y[key])) {
        if (!realDate(d)) ctx.addIssue({ code: 'custom', path: [key, d], message: `${d}不是有效日期` });
        else if (!d.startsWith(`${y.year}-`)) ctx.addIssue({ code: 'custom', path: [key, d], message: `${d}不属于${y.year}年` });
      }
    for (const d of Object.keys(y.workdays))
      if (y.offDays[d] !== undefined) ctx.addIssue({ code: 'custom', path: ['workdays', d], message: `${d}不能既放假又上班` });
  });
export type CalendarYearInput = z.infer<typeof CalendarYearInput>;

/** A calendar file: one year, or several (each year once). */
export const CalendarFile = z
  .preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(CalendarYearInput).min(1, '文件中没有任何年份').max(10, '一次最多导入10个年份'))
  .superRefine((ys, ctx) => {
    const seen = new Set<number>();
    for (const y of ys) {
      if (seen.has(y.year)) ctx.addIssue({ code: 'custom', path: [], message: `${y.year}年在文件中出现了两次` });
      seen.add(y.year);
    }
  });

/** The payload of `importCalendar`: the file's JSON as read, and its name (kept as the source). */
export const ImportCalendarInput = z.strictObject({
  calendar: CalendarFile,
  filename: z.string().trim().min(1).max(120).default('日历文件'),
});

export class CalendarRangeError extends Error {
  constructor(
    readonly year: number,
    readonly covered: [number, number] | null,
  ) {
    super(
      `no working-day calendar for ${year} (loaded: ${covered ? `${covered[0]}–${covered[1]}` : 'none'}); import it with \`fengqiao calendar import\``,
    );
  }
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export class WorkCalendar {
  private readonly years = new Map<number, CalendarYearData>();
  /** Years a computation asked for that are not loaded (lib/config.ts loads them and computes again). */
  readonly misses = new Set<number>();

  constructor(years: CalendarYearData[]) {
    for (const y of years) {
      for (const d of [...Object.keys(y.offDays), ...Object.keys(y.workdays)]) {
        if (!d.startsWith(`${y.year}-`)) throw new Error(`calendar ${y.year} lists ${d}`);
      }
      this.years.set(y.year, y);
    }
  }

  get range(): [number, number] | null {
    const ys = [...this.years.keys()].sort((a, b) => a - b);
    return ys.length ? [ys[0]!, ys[ys.length - 1]!] : null;
  }

  covers(year: number): boolean {
    return this.years.has(year);
  }

  private year(date: string): CalendarYearData {
    const y = Number(date.slice(0, 4));
    const data = this.years.get(y);
    if (!data) {
      this.misses.add(y);
      throw new CalendarRangeError(y, this.range);
    }
    return data;
  }

  kind(date: string): DayKind {
    const y = this.year(date);
    if (y.workdays[date]) return 'makeup_workday';
    if (y.offDays[date]) return 'holiday';
    return isoWeekday(date) >= 6 ? 'weekend' : 'workday';
  }

  /** The holiday's name (for a day off) or the make-up workday's (for 补班), else null. */
  nameOf(date: string): string | null {
    const y = this.year(date);
    return y.offDays[date] ?? y.workdays[date] ?? null;
  }

  isWorkday(date: string): boolean {
    const k = this.kind(date);
    return k === 'workday' || k === 'makeup_workday';
  }

  /** The first working day strictly after `date`. */
  nextWorkday(date: string): string {
    let d = date;
    do d = addDays(d, 1);
    while (!this.isWorkday(d));
    return d;
  }

  /** The n-th working day after `date` (the start day is not counted). */
  addWorkingDays(date: string, n: number): string {
    let d = date;
    for (let i = 0; i < n; i++) d = this.nextWorkday(d);
    return d;
  }

  /** Working days in (from, to]: how many working days after `from` up to and including `to`. */
  workingDaysBetween(from: string, to: string): number {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkday(d)) n++;
    return n;
  }
}

/** Calendar-date arithmetic (no time zone involved: a date is a date). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + n)).toISOString().slice(0, 10);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay() || 7;
}

/** The local (Asia/Shanghai) date of an instant. */
export function localDate(at: Date): string {
  return DateTime.fromJSDate(at, { zone: ZONE }).toISODate()!;
}

/** The instant a local date ends (24:00 Asia/Shanghai, i.e. the next day's 00:00). */
export function endOfLocalDay(date: string): Date {
  return DateTime.fromISO(date, { zone: ZONE }).plus({ days: 1 }).startOf('day').toJSDate();
}
