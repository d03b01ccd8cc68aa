import type { CaseDoc, Tier } from './case-model';
import { TIERS, higherTier, tierRank, unitForTier } from './case-model';
import type { Claims } from './roles';
import { scopeLevelOf } from './roles';

/**
 * Who may read a case — the same relation firestore.rules enforces (keep the two in step; the
 * rules matrix test checks them against each other).
 */
export function canReadCase(claims: Claims, uid: string, c: Pick<CaseDoc, 'countyId' | 'townId' | 'villageId' | 'gridId' | 'departmentIds' | 'mediatorUids' | 'leaderUid'>): boolean {
  switch (claims.r) {
    case 'county_staff':
      return claims.c === c.countyId;
    case 'town_staff':
      return claims.t === c.townId;
    case 'village_staff':
      return claims.v === c.villageId;
    case 'grid_worker':
      return claims.g === c.gridId;
    case 'leader':
      return (scopeLevelOf(claims) === 'county' ? claims.c === c.countyId : claims.t === c.townId) || c.leaderUid === uid;
    case 'department_officer':
      return !!claims.d && c.departmentIds.includes(claims.d);
    case 'mediator':
      return c.mediatorUids.includes(uid);
    default:
      return false;
  }
}

/** Units that handle a case: its territorial chain from the grid up to its current tier. */
export function handlingUnits(c: Pick<CaseDoc, 'countyId' | 'townId' | 'villageId' | 'gridId'>, tier: Tier): string[] {
  return TIERS.filter((t) => tierRank(t) <= tierRank(tier)).map((t) => unitForTier(c, t));
}

/**
 * The access lists stored beside the parties' personal data. The village center is always
 * included: it manages its grid workers and is the first center to take a grid report.
 */
export function privateAccess(c: Pick<CaseDoc, 'countyId' | 'townId' | 'villageId' | 'gridId' | 'tier' | 'reporter' | 'handlerUid' | 'mediatorUids' | 'leaderUid' | 'departmentIds'>) {
  const uids = new Set<string>([c.reporter.uid, ...c.mediatorUids]);
  if (c.handlerUid) uids.add(c.handlerUid);
  if (c.leaderUid) uids.add(c.leaderUid);
  return {
    accessUnits: handlingUnits(c, higherTier(c.tier, 'village')),
    accessUids: [...uids].sort(),
    accessDepartments: [...c.departmentIds].sort(),
  };
}

/** Staff roles whose unit membership (claim u) can grant access to personal data. */
export const UNIT_HANDLER_ROLES = ['grid_worker', 'village_staff', 'town_staff', 'county_staff', 'leader'] as const;

export function canReadParties(claims: Claims, uid: string, p: { accessUnits: string[]; accessUids: string[]; accessDepartments: string[] }): boolean {
  if ((UNIT_HANDLER_ROLES as readonly string[]).includes(claims.r) && p.accessUnits.includes(claims.u)) return true;
  if (p.accessUids.includes(uid)) return true;
  return claims.r === 'department_officer' && !!claims.d && p.accessDepartments.includes(claims.d);
}

/** Who reads an alert (firestore.rules `alertForMe`). */
export function canReadAlert(claims: Claims, uid: string, a: { recipientUnit: string | null; recipientUid: string | null; recipientDept: string | null }): boolean {
  if ((UNIT_HANDLER_ROLES as readonly string[]).includes(claims.r) && a.recipientUnit !== null && a.recipientUnit === claims.u) return true;
  if (a.recipientUid !== null && a.recipientUid === uid) return true;
  return claims.r === 'department_officer' && a.recipientDept !== null && a.recipientDept === claims.d;
}
