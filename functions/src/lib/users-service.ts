import type { Firestore } from 'firebase-admin/firestore';
import type { Auth, UserRecord } from 'firebase-admin/auth';
import {
  type Claims,
  type DepartmentRef,
  UserDoc,
  type UpsertUserInput,
  ProfileError,
  claimsForProfile,
  claimsSize,
  CLAIMS_MAX_BYTES,
  countyOfScope,
  guardUserUpsert,
  sameClaims,
  anyRegionCode,
  GuardError,
  guardPasswordReset,
  type ResetUserPasswordInput,
} from '../domain';
import { refs, toDates, uncheckedRefs } from './db';
import { syncStaffEntry } from './staff';

const isAuthNotFound = (e: unknown) =>
  (e as { code?: string; errorInfo?: { code?: string } })?.errorInfo?.code === 'auth/user-not-found' ||
  (e as { code?: string })?.code === 'auth/user-not-found';

/**
 * Creates or updates a user's Auth account and profile. `by` is an admin, or 'cli' (operators).
 * Everything is checked first (the guard, the scope, role × scope, the e-mail not taken by
 * another account, the profile document itself); only then is the Auth account created or
 * changed, and a new account is deleted again if the profile cannot be written. Deactivating a
 * user revokes their refresh tokens.
 */
export async function upsertUser(
  db: Firestore,
  auth: Auth,
  input: UpsertUserInput,
  by: { claims: Claims; uid: string } | 'cli',
): Promise<{ uid: string; created: boolean }> {
  const r = refs(db);
  let uid = input.uid;
  let account: UserRecord | null = null;
  if (uid) {
    account = await auth.getUser(uid).catch((e) => {
      if (isAuthNotFound(e)) return null;
      throw e;
    });
    if (!account) throw new GuardError('not-found', '用户不存在', `no Auth account ${uid}`);
  } else {
    account = await auth.getUserByEmail(input.email).catch((e) => {
      if (isAuthNotFound(e)) return null;
      throw e;
    });
    uid = account?.uid;
  }
  if (account && (account.email ?? '').toLowerCase() !== input.email.toLowerCase()) {
    const other = await auth.getUserByEmail(input.email).catch((e) => {
      if (isAuthNotFound(e)) return null;
      throw e;
    });
    if (other && other.uid !== account.uid)
      throw new GuardError('already-exists', '该邮箱已被其他账号使用', `email of ${account.uid} taken by ${other.uid}`);
  }
  const existing = uid ? ((await r.user(uid).get()).data() ?? null) : null;
  if (by !== 'cli') guardUserUpsert(by.claims, by.uid, existing, { ...input, uid });
  let dept: DepartmentRef | null = null;
  if (!anyRegionCode.safeParse(input.scopeId).success) {
    const d = (await r.department(input.scopeId).get()).data();
    if (!d) throw new GuardError('invalid-argument', '部门不存在', `department ${input.scopeId} not found`);
    dept = { id: d.id, countyId: d.countyId, townId: d.townId };
  } else if (input.scopeId.length < 15) {
    const region = await r.region(input.scopeId).get();
    if (!region.exists) throw new GuardError('invalid-argument', '区划不存在', `region ${input.scopeId} not found`);
  } else if (!(await r.grid(input.scopeId).get()).exists) {
    throw new GuardError('invalid-argument', '网格不存在', `grid ${input.scopeId} not found`);
  }
  if (!uid && !input.password) throw new GuardError('invalid-argument', '新用户须设置初始密码', 'password required for a new user');
  const doc: UserDoc = {
    uid: uid ?? 'pending',
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
  try {
    claimsForProfile({ ...doc, active: true }, dept);
  } catch (e) {
    if (!(e instanceof ProfileError)) throw e;
    throw new GuardError('invalid-argument', '该角色的管辖范围类型不正确', e.message);
  }
  if (!UserDoc.safeParse(doc).success) throw new GuardError('invalid-argument', '用户资料格式不正确', 'profile failed validation');

  let created = false;
  if (uid) {
    await auth.updateUser(uid, {
      email: input.email,
      displayName: input.displayName,
      disabled: !input.active,
      ...(input.password ? { password: input.password } : {}),
    });
  } else {
    uid = (await auth.createUser({ email: input.email, password: input.password, displayName: input.displayName, disabled: !input.active }))
      .uid;
    created = true;
  }
  try {
    await r.user(uid).set({ ...doc, uid });
  } catch (e) {
    // Never leave an Auth account without its profile behind.
    if (created) await auth.deleteUser(uid).catch(() => undefined);
    throw e;
  }
  // Deactivation: refresh tokens stop working now; callables refuse the inactive profile at once.
  if (!input.active) await auth.revokeRefreshTokens(uid);
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
  const snap = await r
    .user(uid)
    .get()
    .catch((e) => {
      if (e?.name === 'ZodError') return null; // an invalid profile grants nothing
      throw e;
    });
  const profile = snap?.data() ?? null;
  let claims: Claims | null = null;
  let error: string | null = snap === null ? 'invalid profile' : null;
  if (profile) {
    try {
      const dept = anyRegionCode.safeParse(profile.scopeId).success ? null : ((await r.department(profile.scopeId).get()).data() ?? null);
      claims = claimsForProfile(profile, dept);
      if (claimsSize(claims) > CLAIMS_MAX_BYTES) throw new ProfileError('claims too large');
    } catch (e) {
      if (!(e instanceof ProfileError)) throw e;
      error = e.message;
      claims = null;
    }
  }
  if (
    sameClaims(user.customClaims as Partial<Claims> | undefined, claims) &&
    !(error && user.customClaims && Object.keys(user.customClaims).length)
  ) {
    return error ? 'invalid' : 'unchanged';
  }
  await auth.setCustomUserClaims(uid, claims as Record<string, unknown> | null);
  await r.userMeta(uid).set({ claims: (claims as unknown as Record<string, string>) ?? null, refreshAt: new Date(), error });
  return error ? 'invalid' : 'updated';
}

/**
 * Everything derived from a profile, after it is written: the custom claims and the staff
 * directory entry (staff/{uid}). The one path every profile writer takes (the syncUserClaims
 * trigger, upsertUser, the seed, the CLI), so neither can drift; both halves are idempotent.
 */
export async function syncProfile(db: Firestore, auth: Auth, uid: string): Promise<Awaited<ReturnType<typeof syncClaims>>> {
  const claims = await syncClaims(db, auth, uid);
  await syncStaffEntry(db, uid);
  return claims;
}

/**
 * An administrator sets a temporary password for a staff member of their county who forgot
 * theirs (guardPasswordReset says who may); the user's refresh tokens are revoked, so sessions
 * signed in with the old password end.
 */
export async function resetUserPassword(
  db: Firestore,
  auth: Auth,
  input: ResetUserPasswordInput,
  by: { claims: Claims; uid: string },
): Promise<{ uid: string }> {
  const raw = await uncheckedRefs(db).user(input.uid).get();
  const parsed = raw.exists ? UserDoc.safeParse(toDates(raw.data())) : null;
  const target = parsed?.success ? parsed.data : null;
  guardPasswordReset(by.claims, by.uid, target);
  const account = await auth.getUser(input.uid).catch((e) => {
    if (isAuthNotFound(e)) return null;
    throw e;
  });
  if (!account) throw new GuardError('not-found', '用户不存在', `no Auth account ${input.uid}`);
  await auth.updateUser(input.uid, { password: input.password });
  await auth.revokeRefreshTokens(input.uid);
  return { uid: input.uid };
}
