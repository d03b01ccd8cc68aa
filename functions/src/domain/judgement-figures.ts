/**
 * 研判预警 figures on the statistics page and in the monthly report (issue 15): the month
 * documents the signals job and the notices write (`signalFigures/{unitId}_{YYYY-MM}`,
 * `noticeFigures/{unitId}_{YYYY-MM}`) summed over the months of a period, and their rates
 * (docs/metrics.md "研判预警 on the statistics page"). Counts only: no names, no cases.
 */
import { NOTICE_FIGURES, type NoticeFigure, type NoticeFiguresDoc, onTimeRate } from './notices';
import { SIGNAL_FIGURES, type SignalFigure, type SignalFiguresDoc, repeatRate } from './signals';

export type JudgementTotals = Record<SignalFigure | NoticeFigure, number>;

/** Units that keep these figures: towns (9 digits) and counties (6); villages and grids do not. */
export const keepsJudgementFigures = (unitId: string): boolean => unitId.length === 6 || unitId.length === 9;

/** The months of a period: a month (`YYYY-MM`) is itself, a year (`YYYY`) its twelve months. */
export function monthsOfPeriod(period: string): string[] {
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return [period];
  if (/^\d{4}$/.test(period)) return Array.from({ length: 12 }, (_, i) => `${period}-${String(i + 1).padStart(2, '0')}`);
  throw new Error(`not a month or a year: ${period}`);
}

/** The months of a period that can have figures by `nowMonth` (YYYY-MM): none after it. */
export const judgementMonths = (period: string, nowMonth: string): string[] => monthsOfPeriod(period).filter((m) => m <= nowMonth);

const count = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);

/** Sums month documents (any number, missing fields as 0; other fields are ignored). */
export function sumJudgementFigures(
  signals: readonly Partial<Pick<SignalFiguresDoc, SignalFigure>>[],
  notices: readonly Partial<Pick<NoticeFiguresDoc, NoticeFigure>>[],
): JudgementTotals {
  const t = Object.fromEntries([...SIGNAL_FIGURES, ...NOTICE_FIGURES].map((k) => [k, 0])) as JudgementTotals;
  for (const d of signals) for (const k of SIGNAL_FIGURES) t[k] += count(d[k]);
  for (const d of notices) for (const k of NOTICE_FIGURES) t[k] += count(d[k]);
  return t;
}

export const JUDGEMENT_RATES = ['handledRate', 'signedOnTimeRate', 'answeredOnTimeRate', 'repeatRate'] as const;
export type JudgementRate = (typeof JUDGEMENT_RATES)[number];

/** Each rate's numerator and denominator (null rate when the denominator is zero). */
export function judgementRateParts(t: JudgementTotals): Record<JudgementRate, { a: number; b: number }> {
  return {
    handledRate: { a: t.handled, b: t.raised },
    signedOnTimeRate: { a: t.signedOnTime, b: t.signed },
    answeredOnTimeRate: { a: t.answeredOnTime, b: t.answered },
    repeatRate: { a: t.repeatVisits, b: t.petitions },
  };
}

/**
 * 处置率 = handled ÷ raised (flows of the period: can exceed 100% when signals raised earlier are
 * handled in it); 按期签收率 = signedOnTime ÷ signed; 按期反馈率 = answeredOnTime ÷ answered;
 * 重访率 = repeatVisits ÷ petitions.
 */
export function judgementRates(t: JudgementTotals): Record<JudgementRate, number | null> {
  return {
    handledRate: t.raised > 0 ? t.handled / t.raised : null,
    signedOnTimeRate: onTimeRate(t.signedOnTime, t.signed),
    answeredOnTimeRate: onTimeRate(t.answeredOnTime, t.answered),
    repeatRate: repeatRate(t),
  };
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(2)}%`);

/** The monthly report's 研判预警 sheet: its header row. */
export const JUDGEMENT_REPORT_COLUMNS = [
  '单位',
  '风险信号（条）',
  '已处置（条）',
  '处置率',
  '预警提示单发出（份）',
  '签收（份）',
  '其中按期签收',
  '按期签收率',
  '反馈（份）',
  '其中按期反馈',
  '按期反馈率',
  '签收逾期（份）',
  '反馈逾期（份）',
  '信访件（比对）',
  '重访（件）',
  '重访率',
  '越级访（件）',
] as const;

/** One row of the sheet: a unit's totals with its rates ("—" when a rate has no denominator). */
export function judgementReportRow(unitName: string, t: JudgementTotals): (string | number)[] {
  const r = judgementRates(t);
  return [
    unitName,
    t.raised,
    t.handled,
    pct(r.handledRate),
    t.issued,
    t.signed,
    t.signedOnTime,
    pct(r.signedOnTimeRate),
    t.answered,
    t.answeredOnTime,
    pct(r.answeredOnTimeRate),
    t.signOverdue,
    t.feedbackOverdue,
    t.petitions,
    t.repeatVisits,
    pct(r.repeatRate),
    t.skipLevelVisits,
  ];
}
