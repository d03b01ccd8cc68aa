import { z } from 'zod';
import { type AreaLevel, areaLevelOf, chainOf, isAreaCode, levelOf, regionCode, type Level } from './regions';

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
  'city_staff', // 市综治中心 (issue 16)
  'province_staff', // 省综治中心 (issue 16)
] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

/**
 * Which kind of scope each role holds. A leader may be at town, county, city or province level;
 * an administrator at county, city or province level (a city administrator manages the city's
 * users, a province administrator the province's).
 */
export const ROLE_SCOPE_LEVELS: Record<Role, readonly (Level | AreaLevel | 'department')[]> = {
  grid_worker: ['grid'],
  village_staff: ['village'],
  town_staff: ['town'],
  county_staff: ['county'],
  leader: ['town', 'county', 'city', 'province'],
  department_officer: ['department'],
  mediator: ['village', 'town', 'county'],
  admin: ['county', 'city', 'province'],
  resident: ['county'],
  city_staff: ['city'],
  province_staff: ['province'],
};

/** Roles of the upper tiers' centers (they act for their unit: claim u is a city or province code). */
export const UPPER_ROLES = ['city_staff', 'province_staff'] as const;

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
  /** A region code (grid/village/town/county, or city/province for upper tiers) or, for department officers, a department ID. */
  scopeId: z.string().min(2).max(60),
  active: z.boolean(),
});
export type UserProfile = z.infer<typeof UserProfile>;

/**
 * Custom claims: compact on purpose (Firebase caps them at 1,000 bytes and they ride in every
 * ID token). r = role, u = own unit (the scope), c/t/v/g = the region chain, d = department.
 * A city or province user's token is `{ r, u }` with no `c` (they belong to no county); the
 * server reads it with c = '' (lib/errors.ts), so no county comparison ever matches them.
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
  if (isAreaCode(profile.scopeId)) {
    const level = areaLevelOf(profile.scopeId);
    if (!allowed.includes(level)) throw new ProfileError(`role ${profile.role} cannot have a ${level} scope`);
    // No `c`: a city or province user belongs to no county (tiers-design.md).
    return { r: profile.role, u: profile.scopeId } as Claims;
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
export function scopeLevelOf(claims: Claims): Level | AreaLevel | 'department' {
  if (claims.d) return 'department';
  if (!claims.c && isAreaCode(claims.u)) return areaLevelOf(claims.u);
  if (claims.g) return 'grid';
  if (claims.v) return 'village';
  if (claims.t) return 'town';
  return 'county';
}

/** An upper-tier user's claims (city or province scope, no county). */
export const isUpperClaims = (claims: Pick<Claims, 'c' | 'u' | 'd'>): boolean => !claims.c && !claims.d && isAreaCode(claims.u);

/**
 * users/{uid} as stored: the profile plus server-derived fields. `countyId` is the county of the
 * scope — or, for a city or province user, the city or province code itself (their "home area":
 * county administrators, who match countyId to their county, never see them).
 */
export const UserDoc = UserProfile.extend({
  countyId: z.string().regex(/^(\d{2}|\d{4}|\d{6})$/),
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
