/**
 * The `notices` block of a county's policy (预警提示单 limits): its own module so the deadline policy
 * can embed it without importing domain/notices.ts.
 */
import { z } from 'zod';

/** policies/{countyId}.notices: defaults for a new 预警提示单; older policies get `defaultNoticePolicy`. */
export const NoticePolicy = z.strictObject({
  /** 处置时限: calendar days to report back (反馈), when the issuer sets none. */
  limitDays: z.number().int().min(1).max(90).default(7),
  /** 签收时限: hours to sign for the notice (签收). */
  signHours: z.number().int().min(1).max(168).default(24),
  /** 黄灯 before the signing limit runs out (hours). */
  signWarnHours: z.number().int().min(0).max(72).default(4),
  /** 黄灯 before the feedback limit runs out (hours). */
  feedbackWarnHours: z.number().int().min(0).max(240).default(24),
  /** A report sent back (退回) gets this many more calendar days. */
  returnDays: z.number().int().min(1).max(30).default(3),
});
export type NoticePolicy = z.infer<typeof NoticePolicy>;

export const defaultNoticePolicy = (): NoticePolicy => ({
  limitDays: 7,
  signHours: 24,
  signWarnHours: 4,
  feedbackWarnHours: 24,
  returnDays: 3,
});
