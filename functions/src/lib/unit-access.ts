import { type Claims, GuardError, seesUnit } from '../domain';

/** Figures and ledgers of a unit: who `seesUnit` (domain/access.ts). */
export function requireSeesUnit(claims: Claims, unitId: string): void {
  if (!seesUnit(claims, unitId)) {
    throw new GuardError('permission-denied', '只能查看本辖区的统计和台账', `${claims.r}@${claims.u} asked for unit ${unitId}`);
  }
}
