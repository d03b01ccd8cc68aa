import { z } from 'zod';
import { GuardError } from './case-machine';
import { DEPARTMENT_KINDS, gridCode, townCode, villageCode } from './regions';
import type { Claims } from './roles';

/** Administrators (管理员) maintain their county's grids, departments and deadline policy. */
export const SaveGridInput = z.strictObject({
  id: gridCode,
  name: z.string().trim().min(1, '网格名称不能为空').max(40),
  villageId: villageCode,
  households: z.number().int().min(0).max(100000).nullable().default(null),
});
export type SaveGridInput = z.infer<typeof SaveGridInput>;

export const SaveDepartmentInput = z.strictObject({
  id: z.string().regex(/^\d{6}-[a-z0-9-]{2,40}$/, '部门编号格式应为 县代码-英文标识'),
  name: z.string().trim().min(1, '部门名称不能为空').max(40),
  kind: z.enum(DEPARTMENT_KINDS),
  townId: townCode.nullable().default(null),
});
export type SaveDepartmentInput = z.infer<typeof SaveDepartmentInput>;

export function requireAdminOf(claims: Claims, countyId: string): void {
  if (claims.r !== 'admin') throw new GuardError('permission-denied', '只有管理员可以执行此操作', `role ${claims.r} is not admin`);
  if (claims.c !== countyId)
    throw new GuardError('permission-denied', '只能管理本县（区）的数据', `admin of ${claims.c} acting on ${countyId}`);
}

export function guardGrid(claims: Claims, g: SaveGridInput): void {
  requireAdminOf(claims, g.villageId.slice(0, 6));
  if (!g.id.startsWith(g.villageId))
    throw new GuardError('invalid-argument', '网格编码应以所属村（社区）代码开头', `grid ${g.id} not under village ${g.villageId}`);
}

export function guardDepartment(claims: Claims, d: SaveDepartmentInput): void {
  requireAdminOf(claims, d.id.slice(0, 6));
  if (d.townId && !d.townId.startsWith(d.id.slice(0, 6)))
    throw new GuardError('invalid-argument', '所属乡镇不在本县', `town ${d.townId} outside ${d.id.slice(0, 6)}`);
}
