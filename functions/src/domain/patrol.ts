import { z } from 'zod';
import { addDays, isoWeekday, localDate } from './calendar';
import { DocId, IsoDateTime, Text } from './input';
import { countyCode, gridCode, townCode, villageCode } from './regions';
import type { Claims } from './roles';

/**
 * 网格巡查 (日巡查): a grid worker walks the grid and logs it — households visited against the
 * grid's households, and what was found or 无异常 (零报告). Coverage (巡查覆盖率) is read from
 * one document per unit and day (`patrolDays/{unitId}_{date}`), written in the same transaction as the log: a unit's
 * view of today reads one of them (plus its grids), a week 7 and a month up to 31, however many
 * logs there are.
 */

/** How often each grid is expected to patrol: every day, or N times a (Monday–Sunday) week. */
export const PatrolFrequency = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('daily') }),
  z.strictObject({ kind: z.literal('weekly'), times: z.number().int().min(1).max(7) }),
]);
export type PatrolFrequency = z.infer<typeof PatrolFrequency>;

/**
 * The county's patrol policy (part of policies/{countyId}, `savePolicy`): the default frequency,
 * per-grid exceptions (a grid ID → its own frequency), and whether a patrol that found nothing
 * must say so explicitly (零报告: 无异常) rather than leave the result blank.
 */
export const PatrolPolicy = z.strictObject({
  frequency: PatrolFrequency.default({ kind: 'daily' }),
  gridFrequency: z
    .record(gridCode, PatrolFrequency)
    .refine((r) => Object.keys(r).length <= 2000, '单独设置频次的网格不能超过2000个')
    .default({}),
  zeroReportRequired: z.boolean().default(true),
  /** How many days back a patrol may be logged (an offline phone sends late). */
  backdateDays: z.number().int().min(0).max(31).default(7),
  /**
   * 隐患整改时限: from the assignment (交办) to 整改完成; the same shape as the policy's other
   * limits (domain/deadlines.ts Duration, repeated here: deadlines.ts imports this module).
   */
  hazardLimit: z
    .strictObject({
      amount: z.number().int().min(0).max(3650),
      unit: z.enum(['calendar_days', 'working_days', 'hours']),
    })
    .default({ amount: 15, unit: 'calendar_days' }),
});
export type PatrolPolicy = z.infer<typeof PatrolPolicy>;

export const defaultPatrolPolicy = (): PatrolPolicy => ({
  frequency: { kind: 'daily' },
  gridFrequency: {},
  zeroReportRequired: true,
  backdateDays: 7,
  hazardLimit: { amount: 15, unit: 'calendar_days' },
});

export function frequencyOf(policy: PatrolPolicy, gridId: string): PatrolFrequency {
  return Object.hasOwn(policy.gridFrequency, gridId) ? policy.gridFrequency[gridId]! : policy.frequency;
}

/** The most items a campaign's checklist (集中排查, domain/campaign.ts) has. */
export const CAMPAIGN_MAX_CHECKLIST = 20;

/** A patrol's ticks of one campaign's checklist (indexes into its checklist). */
export const CampaignChecks = z.strictObject({
  campaignId: DocId,
  items: z
    .array(
      z
        .number()
        .int()
        .min(0)
        .max(CAMPAIGN_MAX_CHECKLIST - 1),
    )
    .max(CAMPAIGN_MAX_CHECKLIST),
});
export type CampaignChecks = z.infer<typeof CampaignChecks>;

/** The payload of `recordPatrol`. */
export const RecordPatrolInput = z.strictObject({
  /** Client-made idempotency key: resending the same key never logs a second patrol. */
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId 应为8-64位字母数字'),
  gridId: gridCode,
  /** When the patrol was walked (the phone's clock, with offset). */
  patrolledAt: IsoDateTime,
  householdsVisited: z.number().int().min(0, '走访户数不能为负').max(100000),
  /** 无异常: nothing found (零报告). `null`: not stated (allowed only when the policy does not require zero reports). */
  zeroReport: z.boolean().nullable().default(null),
  /** What was found, in words (masked before others read it). Required when not a zero report. */
  note: Text(1000).nullable().default(null),
  /**
   * 集中排查: the checklist items this patrol looked at, per running campaign (indexes into the
   * campaign's checklist). Ticks for a campaign that does not count the patrol are ignored.
   */
  checks: z.array(CampaignChecks).max(5).default([]),
});
export type RecordPatrolInput = z.infer<typeof RecordPatrolInput>;

/** patrols/{id}: one log. */
export const PatrolDoc = z.strictObject({
  id: z.string(),
  countyId: countyCode,
  townId: townCode,
  villageId: villageCode,
  gridId: gridCode,
  workerUid: z.string(),
  workerName: z.string().nullable(),
  /** Local (Asia/Shanghai) date of `patrolledAt`: the coverage day it counts for. */
  date: z.string(),
  patrolledAt: z.date(),
  householdsVisited: z.number().int().min(0),
  /** The grid's household count when the patrol was logged (null: unknown). */
  households: z.number().int().min(0).nullable(),
  zeroReport: z.boolean().nullable(),
  note: z.string().nullable(),
  /** Items found (排查事项) logged with it. */
  itemIds: z.array(z.string()).default([]),
  createdAt: z.date(),
});
export type PatrolDoc = z.infer<typeof PatrolDoc>;

/** One grid's figures inside a unit's day. */
export const GridPatrolFigures = z.strictObject({
  patrols: z.number().int().min(0),
  zeroReports: z.number().int().min(0),
  householdsVisited: z.number().int().min(0),
  lastAt: z.date().nullable().default(null),
});
export type GridPatrolFigures = z.infer<typeof GridPatrolFigures>;

const UNIT_LEVELS = ['village', 'town', 'county'] as const;

/** patrolDays/{unitId}_{date}: the unit's figures of a day, and every grid of the unit that patrolled. */
export const PatrolDayDoc = z.strictObject({
  unitId: z.string(),
  level: z.enum(UNIT_LEVELS),
  countyId: countyCode,
  date: z.string(),
  patrols: z.number().int().min(0).default(0),
  zeroReports: z.number().int().min(0).default(0),
  householdsVisited: z.number().int().min(0).default(0),
  grids: z.record(z.string(), GridPatrolFigures).default({}),
});
export type PatrolDayDoc = z.infer<typeof PatrolDayDoc>;

export const patrolDayId = (unitId: string, date: string) => `${unitId}_${date}`;

/** The units whose coverage a grid's patrol counts in: its village, town and county. */
export function patrolUnits(gridId: string): { unitId: string; level: (typeof UNIT_LEVELS)[number] }[] {
  return [
    { unitId: gridId.slice(0, 12), level: 'village' },
    { unitId: gridId.slice(0, 9), level: 'town' },
    { unitId: gridId.slice(0, 6), level: 'county' },
  ];
}

export class PatrolError extends Error {
  constructor(
    readonly zh: string,
    en: string,
  ) {
    super(en);
  }
}

/** Who may log a patrol of a grid: its own grid worker. */
export function mayRecordPatrol(claims: Claims, gridId: string): boolean {
  return claims.r === 'grid_worker' && claims.g === gridId;
}

/**
 * Checks a patrol against the policy and the clock; returns its coverage day. Refuses a future
 * time (beyond five minutes of clock skew), one older than the policy's `backdateDays`, more
 * households than the grid has, and — when zero reports are required — a patrol that neither
 * says 无异常 nor says what was found.
 */
export function checkPatrol(input: RecordPatrolInput, policy: PatrolPolicy, households: number | null, now: Date): { date: string } {
  const at = new Date(input.patrolledAt);
  if (at.getTime() > now.getTime() + 5 * 60_000) throw new PatrolError('巡查时间不能晚于当前时间', 'patrol in the future');
  const date = localDate(at);
  const today = localDate(now);
  if (date < addDays(today, -policy.backdateDays))
    throw new PatrolError(`只能补登${policy.backdateDays}天内的巡查`, `patrol dated ${date} is older than ${policy.backdateDays} days`);
  if (households !== null && input.householdsVisited > households)
    throw new PatrolError(`走访户数不能超过本网格户数（${households}户）`, 'more households than the grid has');
  if (input.zeroReport === false && input.note === null)
    throw new PatrolError('发现问题时请填写巡查情况', 'a patrol that found something has no note');
  if (input.zeroReport === null && policy.zeroReportRequired && input.note === null)
    throw new PatrolError('本县要求零报告：无异常请勾选“无异常”，有发现请填写情况', 'zero report required');
  return { date };
}

// ── coverage (巡查覆盖率) ────────────────────────────────────────────────────

export interface GridRef {
  id: string;
  name: string;
}

/** Grids of a unit that have not patrolled on a day (a unit's day document, possibly missing). */
export function missingGrids<G extends GridRef>(grids: readonly G[], day: Pick<PatrolDayDoc, 'grids'> | null): G[] {
  return grids.filter((g) => !(day && Object.hasOwn(day.grids, g.id) && day.grids[g.id]!.patrols > 0));
}

/** Monday of the ISO week of a date. */
export const weekStart = (date: string): string => addDays(date, 1 - isoWeekday(date));

/** The dates from `from` to `to` inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < 400; d = addDays(d, 1)) out.push(d);
  return out;
}

export interface Coverage {
  /** Patrols expected over the period, summed over the grids. */
  expected: number;
  /** Of those, how many were done (a grid's extra patrols do not make up for another's gaps). */
  done: number;
  /** done / expected, 0…1 (1 when nothing was expected). */
  rate: number;
}

/**
 * Coverage of `grids` over the days `from`…`to`, from the unit's day documents (missing days:
 * no patrols). A daily grid is expected once a day (a day counts once however many patrols); a
 * grid of N a week is expected N times per ISO week, prorated for a partial week, and credited up
 * to that many patrols in the week.
 */
export function coverage(
  grids: readonly GridRef[],
  policy: PatrolPolicy,
  from: string,
  to: string,
  days: ReadonlyMap<string, Pick<PatrolDayDoc, 'grids'>>,
): Coverage {
  let expected = 0;
  let done = 0;
  const dates = datesBetween(from, to);
  const weeks = new Map<string, string[]>();
  for (const d of dates) {
    const w = weekStart(d);
    weeks.set(w, [...(weeks.get(w) ?? []), d]);
  }
  for (const g of grids) {
    const f = frequencyOf(policy, g.id);
    const patrolsOn = (d: string) => {
      const day = days.get(d);
      return day && Object.hasOwn(day.grids, g.id) ? day.grids[g.id]!.patrols : 0;
    };
    if (f.kind === 'daily') {
      expected += dates.length;
      done += dates.filter((d) => patrolsOn(d) > 0).length;
    } else {
      for (const ds of weeks.values()) {
        const want = Math.ceil((f.times * ds.length) / 7);
        const got = ds.reduce((n, d) => n + patrolsOn(d), 0);
        expected += want;
        done += Math.min(want, got);
      }
    }
  }
  return { expected, done, rate: expected === 0 ? 1 : done / expected };
}
