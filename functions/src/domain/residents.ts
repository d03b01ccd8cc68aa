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
