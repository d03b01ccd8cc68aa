import { z } from 'zod';
import { type WorkCalendar, localDate } from './calendar';
import { type CaseDoc, CaseEvent, type CaseEventDraft, type EventAction, type EventData } from './case-model';

/**
 * Statistics (考核). Every counted figure is a flow of events in a period; each event carries, at
 * the moment it is written, the facts the figures need (`withStatsFacts`), so the increments
 * (`statsDelta`) follow from the event alone: written with it, rebuilt from events, verified
 * against events. Formulas: docs/metrics.md.
 */

/**
 * An event made whole with the facts its figures need (pure): every event gets the case's
 * category and source; a report its 信访 facts; a resolution its tier, whether on time and its
 * cycle in working days; an escalation or 督办 whether the sweep made it (overdue).
 */
/** The limits whose breach makes a resolution late (按期办结率). */
const ON_TIME_LIMITS: ReadonlySet<string> = new Set(['tier', 'petition_accept', 'petition_handle']);

export function withStatsFacts(next: CaseDoc, e: CaseEventDraft, cal: WorkCalendar): CaseEvent {
  const facts: Record<string, unknown> = { category: next.category, source: next.source } satisfies Pick<
    EventData<EventAction>,
    'category' | 'source'
  >;
  switch (e.action) {
    case 'report':
      Object.assign(facts, {
        petition: next.petition ? { repeat: next.petition.repeat, skipLevel: next.petition.skipLevel, group: next.flags.group } : null,
      } satisfies Pick<EventData<'report'>, 'petition'>);
      break;
    case 'resolve': {
      // On time (按期办结): no tier limit (this tier's or a lower one's) and no 信访 statutory limit
      // (受理告知, 办理) was breached.
      const onTime = !next.clocks.some((k) => k.state === 'breached' && ON_TIME_LIMITS.has(k.kind));
      let days: number | null = null;
      try {
        days = cal.workingDaysBetween(localDate(next.createdAt), localDate(e.at));
      } catch {
        days = null; // past the loaded calendar: not counted, never guessed
      }
      Object.assign(facts, { tier: next.tier, onTime, cycleWorkingDays: days } satisfies Pick<
        EventData<'resolve'>,
        'tier' | 'onTime' | 'cycleWorkingDays'
      >);
      break;
    }
    case 'escalate':
    case 'supervise':
      Object.assign(facts, { overdue: e.actor.role === 'system' } satisfies EventData<'escalate' | 'supervise'>);
      break;
    default:
      break;
  }
  // Validated against the action's schema: what is written is what readers are typed to read.
  return CaseEvent.parse({ ...e, data: { ...e.data, ...facts } });
}

/** The increments one event makes to its period's figures (flat keys; maps as `a.b`). */
export function statsDelta(e: CaseEvent): Record<string, number> {
  const out: Record<string, number> = {};
  const inc = (k: string, n = 1) => (out[k] = (out[k] ?? 0) + n);
  switch (e.action) {
    case 'report': {
      const d = e.data;
      inc('received');
      inc(`receivedByCategory.${d.category}`);
      inc(`receivedBySource.${d.source}`);
      if (d.reporterRole === 'grid_worker' && typeof d.reporterUid === 'string') inc(`entries.${d.reporterUid}`);
      const p = d.petition;
      if (p) {
        inc('petitions');
        if (p.repeat) inc('petitionsRepeat');
        if (p.group) inc('petitionsGroup');
        if (p.skipLevel) inc('petitionsSkipLevel');
      }
      if (d.source === 'court_referral') inc('courtReceived');
      break;
    }
    case 'accept':
      if (e.data.firstAccept) inc('accepted');
      break;
    case 'not_accept':
      inc('notAccepted');
      break;
    case 'resolve': {
      const d = e.data;
      inc('resolved');
      inc(`resolvedByTier.${d.tier}`);
      inc(`resolvedByOutcome.${d.outcome}`);
      if (['mediated_agreement', 'referred_litigation', 'referred_arbitration'].includes(d.outcome)) inc('mediations');
      if (d.outcome === 'mediated_agreement') inc('mediationSuccess');
      if (d.onTime) inc('onTime');
      if (typeof d.cycleWorkingDays === 'number') {
        inc('cycleCases');
        inc('cycleWorkingDays', d.cycleWorkingDays);
      }
      if (d.tier === 'grid' || d.tier === 'village') inc('resolvedLow');
      if (d.source === 'court_referral') {
        inc('courtResolved');
        if (d.outcome === 'mediated_agreement') inc('courtDiverted');
      }
      break;
    }
    case 'take_over':
      // 接管 is the village's acceptance (办结率's denominator), counted apart as a take-over, and
      // as overdue when the grid worker's limit had run out (like the sweep's overdue escalation).
      if (e.data.firstAccept) inc('accepted');
      inc('takenOver');
      if (e.data.overdue) inc('overdue');
      break;
    case 'close':
      inc('closed');
      break;
    case 'escalate':
    case 'supervise':
      if (e.data.overdue) inc('overdue');
      break;
    case 'callback':
      inc('callbacks');
      inc(`satisfaction.${e.data.satisfaction}`);
      break;
    case 'recheck':
      inc('rechecks');
      if (e.data.result === 'relapse') inc('relapses');
      break;
    // 诉调/警调/访调对接 (domain/legal.ts): referrals in by kind, and per court for 分流率.
    case 'record_origin':
      inc(`referredIn.${e.data.kind}`);
      if (e.data.kind === 'court') inc(`courtReferredBy.${e.data.departmentId}`);
      break;
    case 'report_back':
      inc(`referralResults.${e.data.result}`);
      break;
    case 'send_to_court':
      inc('sentToCourt');
      break;
    case 'request_review':
      inc(`petitionReviews.${e.data.stage}`);
      break;
    case 'decide_review':
      inc(`petitionReviewOutcomes.${e.data.stage}_${e.data.outcome}`);
      break;
    case 'refer_service':
      inc(`serviceReferrals.${e.data.service}`);
      break;
    case 'record_service_result':
      inc(`serviceResults.${e.data.result}`);
      break;
    default:
      break;
  }
  return out;
}

/** The period keys an event counts in: its local day, month and year (Asia/Shanghai). */
export function periodsOf(at: Date): { day: string; month: string; year: string } {
  const day = localDate(at);
  return { day, month: day.slice(0, 7), year: day.slice(0, 4) };
}

const level = z.enum(['grid', 'village', 'town', 'county', 'city', 'province']);
/** A figure: a count (`received`) or a breakdown of counts (`receivedByCategory.{category}`). */
const figure = z.union([z.number(), z.record(z.string(), z.number())]);
/** What every statistics document carries besides its figures. */
export const StatsDoc = z.object({
  unitId: z.string(),
  level,
  period: z.string(), // YYYY-MM-DD, YYYY-MM or YYYY
});
/**
 * statsDays/{unitId}_{YYYY-MM-DD}__{shard}: one shard of a unit's day. Written only by increments
 * (`FieldValue.increment`, lib/stats.ts), so a figure appears once something was counted under it.
 */
export const StatsDayMeta = StatsDoc.extend({
  shard: z.number().int().nonnegative(),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  year: z.string().regex(/^\d{4}$/),
});
export type StatsDayMeta = z.infer<typeof StatsDayMeta>;
export const StatsDayDoc = StatsDayMeta.catchall(figure);
export type StatsDayDoc = z.infer<typeof StatsDayDoc>;
/** statsPeriods/{unitId}_{YYYY-MM|YYYY}: a month summed from its days, or a year from its months. */
export const StatsPeriodDoc = StatsDoc.extend({
  kind: z.enum(['month', 'year']),
  year: z.string().regex(/^\d{4}$/),
  rolledUpAt: z.date(),
}).catchall(figure);
export type StatsPeriodDoc = z.infer<typeof StatsPeriodDoc>;
/**
 * statsRollups/{YYYY-MM}: which days the month documents (and their share of the year
 * documents) hold. `through`: every day of the month up to and including it is in, and no later
 * day unless `partial` (a roll-up of the month from scratch took in a day not yet over, or is
 * under way); `through` null: no day yet. The nightly roll-up adds the day after `through` only
 * when `partial` is false; otherwise it rolls the month up from scratch (lib/rollup.ts).
 */
export const StatsRollupDoc = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  through: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  partial: z.boolean(),
  updatedAt: z.date(),
});
export type StatsRollupDoc = z.infer<typeof StatsRollupDoc>;
export type StatsFigures = Record<string, number | Record<string, number>>;

/** Adds flat increments into nested figures (what a roll-up or a rebuild does). */
export function addInto(target: StatsFigures, delta: Record<string, number>): StatsFigures {
  for (const [k, n] of Object.entries(delta)) {
    const [a, b] = k.split('.');
    if (b) {
      const m = (target[a!] ??= {}) as Record<string, number>;
      m[b] = (m[b] ?? 0) + n;
    } else target[a!] = ((target[a!] as number | undefined) ?? 0) + n;
  }
  return target;
}

/** Flattens nested figures back to `a.b` keys. */
export function flatten(f: StatsFigures | Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(f)) {
    if (typeof v === 'number') out[k] = v;
    else if (v && typeof v === 'object' && !(v instanceof Date))
      for (const [k2, v2] of Object.entries(v)) if (typeof v2 === 'number') out[`${k}.${k2}`] = v2;
  }
  return out;
}

/** The 考核 rates from a period's figures (null when the denominator is zero). */
export function rates(f: StatsFigures) {
  const n = (k: string) => (f[k] as number | undefined) ?? 0;
  const m = (k: string) => (f[k] as Record<string, number> | undefined) ?? {};
  const ratio = (a: number, b: number) => (b ? a / b : null);
  const sat = m('satisfaction');
  return {
    mediationSuccessRate: ratio(n('mediationSuccess'), n('mediations')), // 调解成功率
    closureRate: ratio(n('resolved'), n('accepted')), // 办结率
    onTimeRate: ratio(n('onTime'), n('resolved')), // 按期办结率
    averageCycleWorkingDays: ratio(n('cycleWorkingDays'), n('cycleCases')),
    satisfactionRate: ratio((sat.satisfied ?? 0) + (sat.basically_satisfied ?? 0), n('callbacks')), // 满意率
    resolvedAtVillageOrBelowShare: ratio(n('resolvedLow'), n('resolved')), // 小事不出村
    courtDiversionRate: ratio(n('courtDiverted'), n('courtResolved')), // 诉前委派调解成功率 (not 分流率: docs/metrics.md)
  };
}
