import { type Claims, GuardError } from '../domain';

/** Figures and ledgers of a unit: its own staff and leaders, those above it, and administrators. */
export function requireSeesUnit(claims: Claims, unitId: string): void {
  const roles = ['grid_worker', 'village_staff', 'town_staff', 'county_staff', 'leader', 'admin'];
  if (!roles.includes(claims.r) || !unitId.startsWith(claims.u)) {
    throw new GuardError('permission-denied', '只能查看本辖区的统计和台账', `${claims.r}@${claims.u} asked for unit ${unitId}`);
  }
}
