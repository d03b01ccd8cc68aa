import { z } from 'zod';
import { GuardError } from './case-machine';
import { DocId, Uid } from './input';
import { anyRegionCode, chainOf, isAreaCode, regionCode } from './regions';
import { type Claims, ROLE_SCOPE_LEVELS, RoleSchema, type UserProfile } from './roles';

/** The payload of `upsertUser`: an administrator creates or edits a user. */
export const UpsertUserInput = z.strictObject({
  uid: Uid.optional(),
  email: z.string().max(254, '邮箱不能超过254个字符').pipe(z.email('邮箱格式不正确')),
  password: z.string().min(8, '密码至少8位').max(64).optional(),
  displayName: z.string().trim().min(1, '姓名不能为空').max(40),
  phone: z
    .string()
    .regex(/^1\d{10}$/, '手机号应为11位')
    .nullable()
    .default(null),
  title: z.string().trim().max(40).nullable().default(null),
  role: RoleSchema,
  scopeId: DocId.pipe(z.string().min(2, '管辖范围编码不正确').max(60)),
  active: z.boolean().default(true),
});
export type UpsertUserInput = z.infer<typeof UpsertUserInput>;

/**
 * The county a scope belongs to (regions by their code, departments by their ID prefix) — for a
 * city or province scope, that code itself (the user's home area; users/{uid}.countyId).
 */
export function countyOfScope(scopeId: string): string {
  if (isAreaCode(scopeId)) return scopeId;
  if (regionCode.safeParse(scopeId).success) return chainOf(scopeId).countyId;
  const m = /^(\d{6})-/.exec(scopeId);
  if (!m) throw new GuardError('invalid-argument', '管辖范围编码不正确', `bad scope id ${scopeId}`);
  return m[1]!;
}

/**
 * Guards an administrator's change to a user: only administrators, only inside their county, and
 * nobody changes their own role, scope or active flag (so nobody can raise or widen their own).
 */
/**
 * Whether an administrator manages users of a home area (users/{uid}.countyId: a county, or a
 * city or province code): a county administrator their county only; a city or province
 * administrator (claims without `c`, unit = the city or province code) every home area inside
 * theirs — the city center and its counties; the province, its cities and counties. Never a
 * sibling, never above. The rules' `adminOf` says the same.
 */
export function adminManages(actor: Claims, home: string): boolean {
  if (actor.r !== 'admin') return false;
  if (actor.c) return home === actor.c;
  return isAreaCode(actor.u) && home.startsWith(actor.u);
}

export const outsideAreaMsg = (actor: Claims) => (actor.c ? '只能管理本县（区）范围内的用户' : '只能管理本市（省）范围内的用户');

export function guardUserUpsert(actor: Claims, actorUid: string, existing: UserProfile | null, input: UpsertUserInput): void {
  if (actor.r !== 'admin') throw new GuardError('permission-denied', '只有管理员可以管理用户', `role ${actor.r} may not manage users`);
  if (!adminManages(actor, countyOfScope(input.scopeId))) {
    throw new GuardError('permission-denied', outsideAreaMsg(actor), `scope ${input.scopeId} outside admin area ${actor.c || actor.u}`);
  }
  if (existing && !adminManages(actor, countyOfScope(existing.scopeId))) {
    throw new GuardError('permission-denied', outsideAreaMsg(actor), `user ${existing.uid} outside admin area`);
  }
  const self = existing?.uid === actorUid || input.uid === actorUid;
  if (self && existing && (existing.role !== input.role || existing.scopeId !== input.scopeId || existing.active !== input.active)) {
    throw new GuardError('permission-denied', '不能修改自己的角色、管辖范围或启用状态', `admin ${actorUid} tried to change own role/scope`);
  }
  const allowed = ROLE_SCOPE_LEVELS[input.role];
  if (allowed.includes('department') !== !anyRegionCode.safeParse(input.scopeId).success) {
    throw new GuardError('invalid-argument', '该角色的管辖范围类型不正确', `role ${input.role} with scope ${input.scopeId}`);
  }
}
