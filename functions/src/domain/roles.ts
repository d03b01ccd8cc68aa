import { z } from 'zod';
import { chainOf, levelOf, regionCode, type Level } from './regions';

/** Roles (docs/architecture.md, "Identity and scope"). */
export const ROLES = [
  'grid_worker', // 网格员
  'village_staff', // 村/社区综治中心
  'town_staff', // 乡镇综治中心
  'county_staff', // 县综治中心
  'leader', // 领导 (班子成员), town or county
  'department_officer', // 部门
  'mediator', // 调解员
  'admin', // 管理员
  'resident', // 群众
] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

/** Which kind of scope each role holds. A leader may be at town or county level. */
export const ROLE_SCOPE_LEVELS: Record<Role, readonly (Level | 'department')[]> = {
  grid_worker: ['grid'],
  village_staff: ['village'],
  town_staff: ['town'],
  county_staff: ['county'],
  leader: ['town', 'county'],
  department_officer: ['department'],
  mediator: ['village', 'town', 'county'],
  admin: ['county'],
  resident: ['county'],
};

/** A user's profile, managed by an administrator (users/{uid}). */
export const UserProfile = z.strictObject({
  uid: z.string().min(1).max(128),
  displayName: z.string().trim().min(1, '姓名不能为空').max(40),
  email: z.email().nullable(),
  phone: z
    .string()
    .regex(/^1\d{10}$/, '手机号应为11位')
    .nullable(),
  title: z.string().max(40).nullable(), // 职务, e.g. 镇党委书记
  role: RoleSchema,
  /** A region code (grid/village/town/county) or, for department officers, a department ID. */
  scopeId: z.string().min(6).max(60),
  active: z.boolean(),
});
export type UserProfile = z.infer<typeof UserProfile>;

/**
 * Custom claims: compact on purpose (Firebase caps them at 1,000 bytes and they ride in every
 * ID token). r = role, u = own unit (the scope), c/t/v/g = the region chain, d = department.
 */
export interface Claims {
  r: Role;
  u: string;
  c: string;
  t?: string;
  v?: string;
  g?: string;
  d?: string;
}

export const CLAIMS_MAX_BYTES = 1000;

export interface DepartmentRef {
  id: string;
  countyId: string;
  townId: string | null;
}

export class ProfileError extends Error {}

/** Turns a profile into claims; throws ProfileError when role and scope do not fit. */
export function claimsForProfile(profile: UserProfile, department?: DepartmentRef | null): Claims | null {
  if (!profile.active) return null;
  const allowed = ROLE_SCOPE_LEVELS[profile.role];
  if (allowed.includes('department')) {
    if (!department || department.id !== profile.scopeId) {
      throw new ProfileError(`role ${profile.role} needs an existing department as scope, got ${profile.scopeId}`);
    }
    const claims: Claims = { r: profile.role, u: department.id, c: department.countyId, d: department.id };
    if (department.townId) claims.t = department.townId;
    return claims;
  }
  if (!regionCode.safeParse(profile.scopeId).success) {
    throw new ProfileError(`scope ${profile.scopeId} is not a region code`);
  }
  const level = levelOf(profile.scopeId);
  if (!allowed.includes(level)) {
    throw new ProfileError(`role ${profile.role} cannot have a ${level} scope`);
  }
  const chain = chainOf(profile.scopeId);
  const claims: Claims = { r: profile.role, u: profile.scopeId, c: chain.countyId };
  if (chain.townId) claims.t = chain.townId;
  if (chain.villageId) claims.v = chain.villageId;
  if (chain.gridId) claims.g = chain.gridId;
  return claims;
}

export function claimsSize(claims: Claims | null): number {
  return new TextEncoder().encode(JSON.stringify(claims ?? {})).length;
}

export function sameClaims(a: Partial<Claims> | null | undefined, b: Claims | null): boolean {
  const norm = (x: Partial<Claims> | null | undefined) =>
    JSON.stringify(
      Object.entries(x ?? {})
        .filter(([k]) => 'rucdtvg'.includes(k) && k.length === 1)
        .sort(),
    );
  return norm(a) === norm(b);
}

/** The level of an actor's scope, for guards. */
export function scopeLevelOf(claims: Claims): Level | 'department' {
  if (claims.d) return 'department';
  if (claims.g) return 'grid';
  if (claims.v) return 'village';
  if (claims.t) return 'town';
  return 'county';
}

/** users/{uid} as stored: the profile plus server-derived fields. */
export const UserDoc = UserProfile.extend({
  countyId: z.string().regex(/^\d{6}$/),
  updatedAt: z.date(),
  updatedBy: z.string(),
});
export type UserDoc = z.infer<typeof UserDoc>;

/** userMeta/{uid}: written when claims change, so the console refreshes its ID token. */
export const UserMetaDoc = z.strictObject({
  claims: z.record(z.string(), z.string()).nullable(),
  refreshAt: z.date(),
  error: z.string().nullable(),
});
export type UserMetaDoc = z.infer<typeof UserMetaDoc>;
