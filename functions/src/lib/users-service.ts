import type { Firestore } from 'firebase-admin/firestore';
import type { Auth } from 'firebase-admin/auth';
import {
  type Claims,
  type UpsertUserInput,
  type UserDoc,
  ProfileError,
  claimsForProfile,
  claimsSize,
  CLAIMS_MAX_BYTES,
  countyOfScope,
  guardUserUpsert,
  sameClaims,
  regionCode,
  GuardError,
} from '../domain';
import { refs } from './db';

/** Creates or updates a user's Auth account and profile. `by` is an admin, or 'cli' (operators). */
export async function upsertUser(db: Firestore, auth: Auth, input: UpsertUserInput, by: { claims: Claims; uid: string } | 'cli'): Promise<{ uid: string; created: boolean }> {
  const r = refs(db);
  let uid = input.uid;
  if (!uid) {
    uid = await auth.getUserByEmail(input.email).then((u) => u.uid, () => undefined);
  }
  const existing = uid ? (await r.user(uid).get()).data() ?? null : null;
  if (by !== 'cli') guardUserUpsert(by.claims, by.uid, existing, { ...input, uid });
  if (!regionCode.safeParse(input.scopeId).success) {
    const dept = await r.department(input.scopeId).get();
    if (!dept.exists) throw new GuardError('invalid-argument', '部门不存在', `department ${input.scopeId} not found`);
  } else if (input.scopeId.length < 15) {
    const region = await r.region(input.scopeId).get();
    if (!region.exists) throw new GuardError('invalid-argument', '区划不存在', `region ${input.scopeId} not found`);
  } else if (!(await r.grid(input.scopeId).get()).exists) {
    throw new GuardError('invalid-argument', '网格不存在', `grid ${input.scopeId} not found`);
  }
  let created = false;
  if (uid) {
    await auth.updateUser(uid, { email: input.email, displayName: input.displayName, disabled: !input.active, ...(input.password ? { password: input.password } : {}) });
  } else {
    if (!input.password) throw new GuardError('invalid-argument', '新用户须设置初始密码', 'password required for a new user');
    uid = (await auth.createUser({ email: input.email, password: input.password, displayName: input.displayName, disabled: !input.active })).uid;
    created = true;
  }
  const doc: UserDoc = {
    uid,
    displayName: input.displayName,
    email: input.email,
    phone: input.phone,
    title: input.title,
    role: input.role,
    scopeId: input.scopeId,
    active: input.active,
    countyId: countyOfScope(input.scopeId),
    updatedAt: new Date(),
    updatedBy: by === 'cli' ? 'cli' : by.uid,
  };
  await r.user(uid).set(doc);
  return { uid, created };
}

/**
 * Makes a user's custom claims match their profile. Idempotent: when the claims already match,
 * nothing is written, so a replayed trigger changes nothing.
 */
export async function syncClaims(db: Firestore, auth: Auth, uid: string): Promise<'updated' | 'unchanged' | 'no-account' | 'invalid'> {
  const r = refs(db);
  const user = await auth.getUser(uid).catch(() => null);
  if (!user) return 'no-account';
  const snap = await r.user(uid).get().catch((e) => {
    if (e?.name === 'ZodError') return null; // an invalid profile grants nothing
    throw e;
  });
  const profile = snap?.data() ?? null;
  let claims: Claims | null = null;
  let error: string | null = snap === null ? 'invalid profile' : null;
  if (profile) {
    try {
      const dept = regionCode.safeParse(profile.scopeId).success ? null : (await r.department(profile.scopeId).get()).data() ?? null;
      claims = claimsForProfile(profile, dept);
      if (claimsSize(claims) > CLAIMS_MAX_BYTES) throw new ProfileError('claims too large');
    } catch (e) {
      if (!(e instanceof ProfileError)) throw e;
      error = e.message;
      claims = null;
    }
  }
  if (sameClaims(user.customClaims as Partial<Claims> | undefined, claims) && !(error && user.customClaims && Object.keys(user.customClaims).length)) {
    return error ? 'invalid' : 'unchanged';
  }
  await auth.setCustomUserClaims(uid, claims as Record<string, unknown> | null);
  await r.userMeta(uid).set({ claims: (claims as unknown as Record<string, string>) ?? null, refreshAt: new Date(), error });
  return error ? 'invalid' : 'updated';
}
