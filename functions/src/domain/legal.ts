import { z } from 'zod';
import { IsoDate, isWellFormed } from './input';

/**
 * The legal chain around a case (issue 13): 诉调对接 both ways (a court's pre-filing referral 委派
 * and what went back to it; a case the center sends to the court), 警调 and 访调 referrals, 信访
 * 复查/复核 after the answer, and one-stop referrals (一站式: 法律援助, 法律咨询, 心理咨询).
 * Pure schemas and rules; the actions live in the case state machine (domain/case-machine.ts).
 */

/** Who referred a dispute to the center: a court (诉调), a police station (警调), a 信访 office (访调). */
export const ORIGIN_KINDS = ['court', 'police', 'petition'] as const;
export type OriginKind = (typeof ORIGIN_KINDS)[number];
export const ORIGIN_LABELS: Record<OriginKind, string> = { court: '法院诉前委派', police: '公安警调对接', petition: '信访访调对接' };

/** What went back to the referrer. Court: 调解成功 → 司法确认 or 撤诉; 调解不成 → 立案. Others: 化解 / 未化解. */
export const ORIGIN_RESULTS = ['mediated_confirmation', 'mediated_withdrawal', 'failed_filing', 'mediated', 'failed'] as const;
export type OriginResult = (typeof ORIGIN_RESULTS)[number];
export const ORIGIN_RESULT_LABELS: Record<OriginResult, string> = {
  mediated_confirmation: '调解成功，申请司法确认',
  mediated_withdrawal: '调解成功，当事人撤诉',
  failed_filing: '调解不成，退回法院立案',
  mediated: '已化解',
  failed: '未化解',
};
/** The results each referrer takes. */
export const RESULTS_FOR: Record<OriginKind, readonly OriginResult[]> = {
  court: ['mediated_confirmation', 'mediated_withdrawal', 'failed_filing'],
  police: ['mediated', 'failed'],
  petition: ['mediated', 'failed'],
};

/** The department kinds (regions.ts DEPARTMENT_KINDS) that refer disputes, and what they are. */
export const originKindOf = (departmentKind: string): OriginKind | null =>
  (ORIGIN_KINDS as readonly string[]).includes(departmentKind) ? (departmentKind as OriginKind) : null;

const note = (max: number) =>
  z.string().trim().min(1, '请填写说明').max(max, `不能超过${max}字`).refine(isWellFormed, '含有无法识别的字符');

/** The referrer's reference (案号/警情编号/信访件编号). */
export const OriginRef = z
  .string()
  .trim()
  .min(1, '请填写委派方编号（如法院案号）')
  .max(60, '编号不能超过60字')
  .refine(isWellFormed, '含有无法识别的字符');

/** cases/{id}.origin: where a referred dispute came from, and what went back. */
export const CaseOrigin = z.strictObject({
  kind: z.enum(ORIGIN_KINDS),
  departmentId: z.string(),
  ref: z.string(),
  /** The referral date (local date, as on the referrer's letter). */
  referredOn: IsoDate,
  recordedAt: z.date(),
  result: z
    .strictObject({
      result: z.enum(ORIGIN_RESULTS),
      note: z.string(),
      /** The referrer's follow-up number, e.g. the 司法确认 or 立案 case number, if known. */
      followUpRef: z.string().nullable(),
      returnedAt: z.date(),
      returnedBy: z.string().nullable(),
    })
    .nullable(),
});
export type CaseOrigin = z.infer<typeof CaseOrigin>;

/** cases/{id}.sentToCourt: the other way — what the center sent to the court (移送/引导诉讼). */
export const SentToCourt = z.strictObject({
  departmentId: z.string(),
  note: z.string(),
  sentAt: z.date(),
  sentBy: z.string().nullable(),
});
export type SentToCourt = z.infer<typeof SentToCourt>;

// ── 信访 复查 / 复核 (信访工作条例 arts. 35–36) ──

export const REVIEW_STAGES = ['review', 'recheck'] as const; // 复查, 复核
export type ReviewStage = (typeof REVIEW_STAGES)[number];
export const REVIEW_LABELS: Record<ReviewStage, string> = { review: '复查', recheck: '复核' };
export const REVIEW_OUTCOMES = ['upheld', 'changed', 'revoked'] as const; // 维持, 变更, 撤销
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];
export const REVIEW_OUTCOME_LABELS: Record<ReviewOutcome, string> = { upheld: '维持', changed: '变更', revoked: '撤销' };

export const ReviewStep = z.strictObject({
  body: z.string(), // 复查/复核机关
  requestedAt: z.date(),
  decidedAt: z.date().nullable(),
  outcome: z.enum(REVIEW_OUTCOMES).nullable(),
  opinion: z.string().nullable(),
});
export type ReviewStep = z.infer<typeof ReviewStep>;

/**
 * cases/{id}.petitionReview: after the written answer (the 信访 case resolved), the petitioner may
 * ask for 复查 within 30 days (`requestBy`, 24:00 of the last day; null: the calendar year is not
 * loaded — never refused for it); after the 复查 decision, for 复核 within 30 days of it.
 */
export const PetitionReview = z.strictObject({
  answeredAt: z.date(),
  /** 24:00 (Asia/Shanghai) of the last day to ask for the next stage; null when no stage is open or unknown. */
  requestBy: z.date().nullable(),
  review: ReviewStep.nullable(),
  recheck: ReviewStep.nullable(),
});
export type PetitionReview = z.infer<typeof PetitionReview>;

/** The stage a request would open now, or null when both are done or one is pending. */
export function nextReviewStage(r: PetitionReview | null): ReviewStage | 'pending' | 'done' | null {
  if (!r) return null;
  if (!r.review) return 'review';
  if (!r.review.decidedAt) return 'pending';
  if (!r.recheck) return 'recheck';
  return r.recheck.decidedAt ? 'done' : 'pending';
}

// ── 一站式 referrals ──

export const SERVICES = ['legal_aid', 'legal_consultation', 'psychological'] as const;
export type Service = (typeof SERVICES)[number];
export const SERVICE_LABELS: Record<Service, string> = {
  legal_aid: '法律援助',
  legal_consultation: '法律咨询',
  psychological: '心理咨询（社会心理服务室）',
};
export const SERVICE_RESULTS = ['served', 'declined', 'not_reached'] as const; // 已服务, 本人放弃, 未能联系
export type ServiceResult = (typeof SERVICE_RESULTS)[number];
export const SERVICE_RESULT_LABELS: Record<ServiceResult, string> = { served: '已提供服务', declined: '本人放弃', not_reached: '未能联系' };

export const ServiceReferral = z.strictObject({
  id: z.string(),
  service: z.enum(SERVICES),
  note: z.string(),
  referredAt: z.date(),
  referredBy: z.string(),
  state: z.enum(['open', 'done']),
  result: z.enum(SERVICE_RESULTS).nullable(),
  resultNote: z.string().nullable(),
  resultAt: z.date().nullable(),
});
export type ServiceReferral = z.infer<typeof ServiceReferral>;

export const LegalText = note;

// ── The court's filing count, for 分流率 ──

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

/**
 * The `saveCourtFiling` payload: per court and month, the disputes the court received (收案:
 * civil disputes brought to the court, before any diversion) and, optionally, how many it filed.
 */
export const SaveCourtFilingInput = z.strictObject({
  courtId: z.string().regex(/^\d{6}-[a-z0-9-]{2,40}$/, '法院编号格式不正确'),
  month: Month,
  incoming: z.number().int('请填写整数').min(0, '不能为负数').max(1_000_000),
  filed: z.number().int('请填写整数').min(0, '不能为负数').max(1_000_000).nullable().default(null),
});
export type SaveCourtFilingInput = z.infer<typeof SaveCourtFilingInput>;

/** courtFilings/{courtId}_{YYYY-MM}: written only by `saveCourtFiling`. */
export const CourtFilingDoc = z.strictObject({
  courtId: z.string(),
  courtName: z.string(),
  countyId: z.string().regex(/^\d{6}$/),
  month: Month,
  incoming: z.number().int().min(0),
  filed: z.number().int().min(0).nullable(),
  updatedAt: z.date(),
  updatedBy: z.string(),
  updatedByName: z.string().nullable(),
});
export type CourtFilingDoc = z.infer<typeof CourtFilingDoc>;
export const courtFilingId = (courtId: string, month: string) => `${courtId}_${month}`;

export interface DiversionRow {
  courtId: string;
  courtName: string;
  referred: number;
  incoming: number;
  rate: number | null;
}

/**
 * 分流率 = disputes a court diverted to pre-filing mediation (its referrals registered in the
 * month, `courtReferredBy.{courtId}`) ÷ the disputes it received (its filing input). Only courts
 * with an input count, in both; null when no court has an input or it received none.
 */
export function diversionRate(
  courtReferredBy: Record<string, number>,
  filings: readonly Pick<CourtFilingDoc, 'courtId' | 'courtName' | 'incoming'>[],
): { rate: number | null; referred: number; incoming: number; rows: DiversionRow[] } {
  const rows = filings.map((f) => {
    const referred = courtReferredBy[f.courtId] ?? 0;
    return { courtId: f.courtId, courtName: f.courtName, referred, incoming: f.incoming, rate: f.incoming ? referred / f.incoming : null };
  });
  const referred = rows.reduce((s, r) => s + r.referred, 0);
  const incoming = rows.reduce((s, r) => s + r.incoming, 0);
  return { rate: incoming ? referred / incoming : null, referred, incoming, rows };
}
