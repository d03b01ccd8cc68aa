/**
 * Residents who sign in with a phone number and SMS code (find, issue 12). Staff accounts are
 * made by administrators; a resident makes their own by signing in with their phone and giving
 * their name (`registerResident`), which gives the same profile and claims (role resident, the
 * county as scope) as an account an administrator creates by e-mail.
 */
import { z } from 'zod';
import { countyCode } from './regions';

export const RegisterResidentInput = z.strictObject({
  displayName: z.string({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(40, '姓名不能超过40个字'),
  /** The county (区县) the resident lives in; left out where the deployment serves one county. */
  countyId: countyCode.optional(),
});
export type RegisterResidentInput = z.infer<typeof RegisterResidentInput>;

/** A Chinese mobile number from an E.164 phone (+8613800001111 → 13800001111), or null. */
export function mobileFromE164(phone: string | null | undefined): string | null {
  const m = /^\+86(1\d{10})$/.exec(phone ?? '');
  return m ? m[1]! : null;
}

/**
 * 一案一码: a petitioner who came in person (walk-in) follows their case by scanning the receipt's
 * QR code and signing in with the phone number they gave. `trackCase` links the case to their
 * resident account when that verified number is an applicant's (申请人/来访人) on the case.
 */
export const TrackCaseInput = z.strictObject({
  caseId: z.string({ error: '请提供案件编号' }).regex(/^[0-9]{6}-[A-Za-z0-9-]{4,40}$/, '案件编号格式不正确'),
});
export type TrackCaseInput = z.infer<typeof TrackCaseInput>;

/**
 * Failed links one account may make per day (Asia/Shanghai). Case numbers are random (71 bits)
 * and the phone is SMS-verified, so this only bounds probing with a known number; a petitioner
 * who mistypes nothing never meets it.
 */
export const TRACK_FAILURES_PER_DAY = 10;

/** trackAttempts/{uid} (server-only): failed links of one account on one day. */
export const TrackAttemptsDoc = z.strictObject({
  uid: z.string(),
  /** yyyy-MM-dd in Asia/Shanghai. */
  day: z.string(),
  failures: z.number().int().nonnegative(),
  updatedAt: z.date(),
});
export type TrackAttemptsDoc = z.infer<typeof TrackAttemptsDoc>;

/** Failures counted today so far (a record of an earlier day counts none). */
export const failuresToday = (doc: TrackAttemptsDoc | undefined, day: string): number => (doc && doc.day === day ? doc.failures : 0);

/** The one refusal for "no such case" and "not your case": it reveals neither. */
export const TRACK_REFUSAL =
  '未能关联该案件：案件编号与您登录的手机号不匹配。请核对回执上的编号，并用登记时留下的手机号登录；如有疑问，请凭回执到受理窗口咨询。';
