/**
 * `registerResident`: the account of someone who signed in with a phone number and SMS code
 * becomes a resident's (profile users/{uid}, role resident, scope their county; claims as for an
 * account an administrator makes). Idempotent for residents; refused for anyone with another role.
 */
import type { Auth } from 'firebase-admin/auth';
import type { Firestore } from 'firebase-admin/firestore';
import { GuardError, type RegisterResidentInput, type UserDoc, mobileFromE164 } from '../domain';
import { refs } from './db';
import { countiesQuery } from './queries';
import { syncClaims } from './users-service';

export async function registerResident(
  db: Firestore,
  auth: Auth,
  uid: string,
  input: RegisterResidentInput,
): Promise<{ uid: string; created: boolean }> {
  const r = refs(db);
  const account = await auth.getUser(uid);
  if (!account.phoneNumber) {
    throw new GuardError('failed-precondition', '请先用手机号和短信验证码登录', `account ${uid} has no verified phone number`);
  }
  const existing = (await r.user(uid).get()).data();
  if (existing) {
    if (existing.role !== 'resident')
      throw new GuardError('failed-precondition', '该账号已有其他角色，无需注册', `account ${uid} is a ${existing.role}`);
    await syncClaims(db, auth, uid);
    return { uid, created: false };
  }
  let countyId = input.countyId;
  if (countyId) {
    const region = (await r.region(countyId).get()).data();
    if (region?.level !== 'county') throw new GuardError('invalid-argument', '所选县（区）不存在', `no county ${countyId}`);
  } else {
    const counties = (await countiesQuery(db).limit(2).get()).docs;
    if (counties.length !== 1)
      throw new GuardError('invalid-argument', '请选择所在县（区）', `${counties.length} counties: the resident must name one`);
    countyId = counties[0]!.id;
  }
  const doc: UserDoc = {
    uid,
    displayName: input.displayName,
    email: account.email ?? null,
    phone: mobileFromE164(account.phoneNumber),
    title: null,
    role: 'resident',
    scopeId: countyId,
    active: true,
    countyId,
    updatedAt: new Date(),
    updatedBy: uid,
  };
  await r.user(uid).create(doc);
  await auth.updateUser(uid, { displayName: input.displayName });
  // The trigger does this too; doing it here makes the answer final.
  await syncClaims(db, auth, uid);
  return { uid, created: true };
}
