import { z } from 'zod';
import { type WorkCalendar, addDays, endOfLocalDay, localDate } from './calendar';
import { PatrolPolicy, defaultPatrolPolicy } from './patrol';
import { SignalPolicy, defaultSignalPolicy } from './signal-policy';
import { KeyPersonPolicy, defaultKeyPersonPolicy } from './keypersons';
import { NoticePolicy, defaultNoticePolicy } from './notice-policy';

/**
 * Time limits (限时化解). Days in a statute are calendar days unless it says 工作日; the start day
 * is not counted; a calendar-day limit ending on a day off moves to the next working day (民法典
 * arts. 200–204). A limit ends at 24:00 Asia/Shanghai of its last day.
 */
export const Duration = z.strictObject({
  amount: z.number().int().min(0).max(3650),
  unit: z.enum(['calendar_days', 'working_days', 'hours']),
});
export type Duration = z.infer<typeof Duration>;

const cd = (amount: number): Duration => ({ amount, unit: 'calendar_days' });
const wd = (amount: number): Duration => ({ amount, unit: 'working_days' });
const h = (amount: number): Duration => ({ amount, unit: 'hours' });

/** When a limit of `d` that starts at `start` runs out. Throws CalendarRangeError past the loaded years. */
export function deadlineFrom(start: Date, d: Duration, cal: WorkCalendar): Date {
  switch (d.unit) {
    case 'hours':
      return new Date(start.getTime() + d.amount * 3_600_000);
    case 'working_days':
      return endOfLocalDay(cal.addWorkingDays(localDate(start), d.amount));
    case 'calendar_days': {
      const last = addDays(localDate(start), d.amount);
      return endOfLocalDay(cal.isWorkday(last) ? last : cal.nextWorkday(last));
    }
  }
}

const ByClass = z.strictObject({ general: Duration, complex: Duration, difficult: Duration });

/**
 * The city tier's limit (市级, issue 16) when a county's policy sets none: 30 calendar days for
 * every class — twice the county's 15, the time a city center needs to convene the departments a
 * county could not (and half the 60 days 信访工作条例 art. 34 allows for a petition). Warned 72
 * hours before, like the county.
 */
export const DEFAULT_CITY_LIMIT = { amount: 30, unit: 'calendar_days' } as const satisfies Duration;
export const DEFAULT_CITY_WARN_HOURS = 72;

/** Counter shards when a county sets none: a county of ordinary traffic (under ~3 counted changes a second). */
export const DEFAULT_COUNTER_SHARDS = { grid: 1, village: 1, town: 2, county: 4 } as const;

/** policies/{countyId}: a county's time limits, validated; the defaults are `defaultPolicy` below. */
export const DeadlinePolicy = z.strictObject({
  countyId: z.string().regex(/^\d{6}$/),
  /** Resolution limit per tier and class (一般/复杂/疑难); an overdue tier escalates. */
  tier: z.strictObject({
    grid: ByClass,
    village: ByClass,
    town: ByClass,
    county: ByClass,
    /** A case the county escalated to its city (上报市级); policies saved before it get the default. */
    city: ByClass.default({ general: DEFAULT_CITY_LIMIT, complex: DEFAULT_CITY_LIMIT, difficult: DEFAULT_CITY_LIMIT }),
  }),
  /** 黄灯: how long before a limit runs out the warning goes (hours, so it is the same in any unit). */
  warnHoursBefore: z.strictObject({
    grid: z.number().min(0),
    village: z.number().min(0),
    town: z.number().min(0),
    county: z.number().min(0),
    city: z.number().min(0).default(DEFAULT_CITY_WARN_HOURS),
    other: z.number().min(0),
  }),
  petition: z.strictObject({
    accept: Duration, // 信访工作条例 art. 22/23: decide and notify within 15 days
    handle: Duration, // art. 34: 60 days
    extension: Duration, // once, 30 days, with approval and a notice to the petitioner
    review: Duration, // arts. 35–36: 复查/复核 requested within 30 days
    reviewAnswer: Duration, // answered within 30 days
  }),
  courtMediation: Duration, // 特邀调解规定 art. 27: 30 days
  judicialConfirmation: Duration, // 人民调解法 art. 33: apply within 30 days
  deptCheckIn: Duration, // 报到: 1 working day
  deptCheckInEmergency: Duration, // 2 hours
  deptFeedback: Duration,
  callback: Duration, // 回访 within 7 days of resolution
  /** 回头看: calendar days after resolution to re-check (default 30 and 90). */
  recheckDays: z.array(z.number().int().min(1).max(730)).max(5).default([30, 90]),
  sweep: z.strictObject({ batchSize: z.number().int().min(1).max(500), maxBatches: z.number().int().min(1).max(1000) }),
  /**
   * Live-counter shards per unit level (domain/counters.ts), sized to the unit's traffic: each
   * shard takes about one write a second at most, and a dashboard reads every shard of its unit.
   * A county with more than ~3 counted changes a second at peak raises `county`.
   */
  counterShards: z
    .strictObject({
      grid: z.number().int().min(1).max(64),
      village: z.number().int().min(1).max(64),
      town: z.number().int().min(1).max(64),
      county: z.number().int().min(1).max(64),
    })
    .default({ ...DEFAULT_COUNTER_SHARDS }),
  /** 网格巡查: expected frequency per grid and 零报告 (domain/patrol.ts); policies saved before it get the defaults. */
  patrol: PatrolPolicy.prefault({}),
  /** 风险信号 thresholds and the 敏感节点 calendar (domain/signals.ts); defaults when unset. */
  signals: SignalPolicy.default(defaultSignalPolicy),
  /** 重点人员/重点部位: categories and visit frequency per risk level (domain/keypersons.ts); older policies get the defaults. */
  keyPersons: KeyPersonPolicy.prefault({}),
  /** 预警提示单: default limits for signing and feedback (domain/notices.ts); older policies get the defaults. */
  notices: NoticePolicy.prefault({}),
});
export type DeadlinePolicy = z.infer<typeof DeadlinePolicy>;

export function defaultPolicy(countyId: string): DeadlinePolicy {
  const same = (d: Duration) => ({ general: d, complex: d, difficult: d });
  return {
    countyId,
    tier: { grid: same(wd(1)), village: same(wd(3)), town: same(cd(7)), county: same(cd(15)), city: same(DEFAULT_CITY_LIMIT) },
    warnHoursBefore: { grid: 4, village: 24, town: 48, county: 72, city: DEFAULT_CITY_WARN_HOURS, other: 24 },
    petition: { accept: cd(15), handle: cd(60), extension: cd(30), review: cd(30), reviewAnswer: cd(30) },
    courtMediation: cd(30),
    judicialConfirmation: cd(30),
    deptCheckIn: wd(1),
    deptCheckInEmergency: h(2),
    deptFeedback: wd(5),
    callback: cd(7),
    recheckDays: [30, 90],
    sweep: { batchSize: 200, maxBatches: 50 },
    counterShards: { ...DEFAULT_COUNTER_SHARDS },
    patrol: defaultPatrolPolicy(),
    signals: defaultSignalPolicy(),
    keyPersons: defaultKeyPersonPolicy(),
    notices: defaultNoticePolicy(),
  };
}
