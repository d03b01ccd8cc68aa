import { z } from 'zod';
import { GuardError } from './case-machine';
import { Uid } from './input';
import { type Claims, type Role, RoleSchema, type UserDoc } from './roles';
import { adminManages, outsideAreaMsg } from './users';

/** Roles in plain Chinese, as people read them (the directory stores the label with the role). */
export const ROLE_LABELS: Record<Role, string> = {
  grid_worker: '网格员',
  village_staff: '村(社区)综治中心',
  town_staff: '乡镇综治中心',
  county_staff: '县综治中心',
  leader: '领导',
  department_officer: '部门',
  mediator: '调解员',
  admin: '管理员',
  resident: '群众',
  city_staff: '市综治中心',
  province_staff: '省综治中心',
};

/**
 * staff/{uid}: the county's staff directory (通讯录 without phone numbers): who someone is, for
 * every person field (pickers) and every place a person is named. Server-maintained from
 * users/{uid} (lib/staff.ts `syncStaffEntry`, run with the claims sync on every profile write);
 * readable by the county's staff (not residents); never written by clients. No phone, no e-mail:
 * those stay on users/{uid}, which only administrators of the county read.
 */
export const StaffDoc = z.strictObject({
  uid: z.string().min(1).max(128),
  displayName: z.string().min(1).max(40),
  title: z.string().max(40).nullable(),
  role: RoleSchema,
  roleLabel: z.string(),
  /** The user's unit: a region or grid code, or a department ID (the profile's scope). */
  unitId: z.string(),
  unitName: z.string(),
  /** The county of the unit; for a city or province user, that code (users/{uid}.countyId). */
  countyId: z.string().regex(/^(\d{2}|\d{4}|\d{6})$/),
  active: z.boolean(),
  updatedAt: z.date(),
});
export type StaffDoc = z.infer<typeof StaffDoc>;

/**
 * The directory entry of a profile (pure), or null when the user is not staff (residents are not
 * listed). `unitName` is the name of the profile's scope (null: unknown, the entry says so).
 */
export function staffEntry(profile: UserDoc, unitName: string | null, now: Date): StaffDoc | null {
  if (profile.role === 'resident') return null;
  return {
    uid: profile.uid,
    displayName: profile.displayName,
    title: profile.title,
    role: profile.role,
    roleLabel: ROLE_LABELS[profile.role],
    unitId: profile.scopeId,
    unitName: unitName ?? '（单位未登记）',
    countyId: profile.countyId,
    active: profile.active,
    updatedAt: now,
  };
}

/** Two entries say the same (the time written aside): a replayed sync writes nothing. */
export function sameStaffEntry(a: StaffDoc | null, b: StaffDoc | null): boolean {
  if (!a || !b) return a === b;
  const { updatedAt: _a, ...x } = a;
  const { updatedAt: _b, ...y } = b;
  return JSON.stringify(Object.entries(x).sort()) === JSON.stringify(Object.entries(y).sort());
}

/** "name · title · unit": how a person is shown in pickers and lists. */
export function staffLabel(s: Pick<StaffDoc, 'displayName' | 'title' | 'unitName'>): string {
  return [s.displayName, s.title, s.unitName].filter((x) => !!x).join(' · ');
}

/** The payload of `resetUserPassword`: an administrator sets a temporary password for a user. */
export const ResetUserPasswordInput = z.strictObject({
  uid: Uid,
  password: z.string().min(8, '密码至少8位').max(64, '密码不能超过64位'),
});
export type ResetUserPasswordInput = z.infer<typeof ResetUserPasswordInput>;

/**
 * Who may reset whose password: administrators, for staff accounts of their own county — not
 * their own (they change it themselves, signed in), and not residents' (theirs are their own
 * accounts, recovered by the resident, never set by staff).
 */
export function guardPasswordReset(actor: Claims, actorUid: string, target: Pick<UserDoc, 'uid' | 'role' | 'countyId'> | null): void {
  if (actor.r !== 'admin') throw new GuardError('permission-denied', '只有管理员可以重置密码', `role ${actor.r} may not reset passwords`);
  if (!target) throw new GuardError('not-found', '用户不存在', 'no profile');
  if (!adminManages(actor, target.countyId)) {
    throw new GuardError('permission-denied', outsideAreaMsg(actor), `user ${target.uid} outside admin area ${actor.c || actor.u}`);
  }
  if (target.uid === actorUid) throw new GuardError('failed-precondition', '不能重置自己的密码', `admin ${actorUid} reset own password`);
  if (target.role === 'resident') {
    throw new GuardError('permission-denied', '群众账号的密码由本人找回，管理员不能重置', `user ${target.uid} is a resident`);
  }
}
