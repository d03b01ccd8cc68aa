/**
 * Where a year's holiday schedule comes from, for `fengqiao calendar import`. The default is the
 * npm package `chinese-days` (maintained, covers 2004 onwards, updated when the State Council
 * publishes); `holiday-calendar` is an independent dataset used to cross-check it
 * (`--check`); `--file` takes a JSON of our own shape for a year neither package has yet.
 * See docs/calendar.md for the evaluation.
 */
import { readFileSync } from 'node:fs';
import { type CalendarYearData, WorkCalendar, addDays } from '../domain';

export type SourceName = 'chinese-days' | 'holiday-calendar';

function chineseDays(year: number): CalendarYearData | null {
  const data = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
  const pick = (m: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(m)
        .filter(([d]) => d.startsWith(`${year}-`))
        .map(([d, v]) => [d, v.split(',')[1] ?? v]),
    );
  const offDays = pick(data.holidays);
  const workdays = pick(data.workdays);
  return Object.keys(offDays).length
    ? { year, offDays, workdays: Object.fromEntries(Object.entries(workdays).map(([d, n]) => [d, `${n}补班`])) }
    : null;
}

function holidayCalendar(year: number): CalendarYearData | null {
  // Its files are grouped by holiday year (a make-up Saturday in late December can sit in the
  // next year's file): gather the dates of this calendar year from the neighbouring files too.
  const load = (y: number): { dates: { date: string; name_cn: string; type: string }[] } | null => {
    try {
      return require(`holiday-calendar/data/CN/${y}.json`);
    } catch {
      return null;
    }
  };
  if (!load(year)) return null;
  const offDays: Record<string, string> = {};
  const workdays: Record<string, string> = {};
  for (const y of [year - 1, year, year + 1]) {
    for (const d of load(y)?.dates ?? []) {
      if (d.date.startsWith(`${year}-`)) (d.type === 'transfer_workday' ? workdays : offDays)[d.date] = d.name_cn;
    }
  }
  return { year, offDays, workdays };
}

export function fromSource(source: SourceName, year: number): CalendarYearData | null {
  return source === 'chinese-days' ? chineseDays(year) : holidayCalendar(year);
}

export function fromFile(path: string): CalendarYearData[] {
  const raw = JSON.parse(readFileSync(path, 'utf8'));
  return Array.isArray(raw) ? raw : [raw];
}

export function sourceVersion(source: SourceName): string {
  return `${source}@${require(`${source}/package.json`).version}`;
}

/**
 * Dates on which two datasets disagree about whether the day is a working day — the only thing
 * deadlines depend on (they may label weekend days inside a holiday differently; that is no
 * difference).
 */
export function compareYears(a: CalendarYearData, b: CalendarYearData): string[] {
  const ca = new WorkCalendar([a]);
  const cb = new WorkCalendar([b]);
  const diff: string[] = [];
  for (let d = `${a.year}-01-01`; d.startsWith(`${a.year}-`); d = addDays(d, 1)) {
    const x = ca.isWorkday(d);
    const y = cb.isWorkday(d);
    if (x !== y) diff.push(`${d}: ${x ? 'working day' : 'day off'} in the first, ${y ? 'working day' : 'day off'} in the second`);
  }
  return diff;
}
