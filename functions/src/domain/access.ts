import type { CaseDoc, Tier } from './case-model';
import { TIERS, higherTier, tierRank, unitForTier } from './case-model';
import type { Claims } from './roles';

/**
 * One access model for a case (关系即权限): everyone with a relation to the case reads both the
 * case (with its history) and its parties' personal data; nobody else reads either.
 *
 * The relations are: the territorial units from the grid up to the case's current tier (the
 * village center always, since it manages its grid workers), the handler, mediators, the leader
 * in charge, the leader who received a walk-in, leaders who gave instructions, dispatched
 * departments, the department that referred the dispute (诉调/警调/访调对接) or the court it was
 * sent to, and the units and departments 督办件 are assigned to.
 *
 * The server keeps the relation on the case document as three lists (`accessUnits`,
 * `accessUids`, `accessDepartments`), recomputed by `caseAccess` in every transition
 * (`transition`, domain/transition.ts), so firestore.rules checks them with the caller's claims and no get().
 * The rules' `canReadCase` and this file's `canReadCase` must say the same; tests compare them.
 */
export interface CaseAccess {
  accessUnits: string[];
  accessUids: string[];
  accessDepartments: string[];
}

type AccessInput = Pick<
  CaseDoc,
  'countyId' | 'townId' | 'villageId' | 'gridId' | 'tier' | 'reporter' | 'handlerUid' | 'mediatorUids' | 'leaderUid' | 'departmentIds'
> &
  Partial<Pick<CaseDoc, 'petition' | 'supervisions' | 'origin' | 'sentToCourt' | 'supervisedByCity'>>;

/** Units that handle a case: its territorial chain from the grid up to its current tier. */
export function handlingUnits(c: Pick<CaseDoc, 'countyId' | 'townId' | 'villageId' | 'gridId'>, tier: Tier): string[] {
  return TIERS.filter((t) => tierRank(t) <= tierRank(tier)).map((t) => unitForTier(c, t));
}

/** A 督办件 is assigned to a unit (a region code, digits) or to a department (an ID). */
export const isRegionCode = (id: string): boolean => /^\d+$/.test(id);

/** Roles whose account acts for a unit (claim u): staff of a center and leaders (city and province centers included). */
export const UNIT_ROLES = ['grid_worker', 'village_staff', 'town_staff', 'county_staff', 'leader', 'city_staff', 'province_staff'] as const;
/** Kept for callers that used the earlier name. */
export const UNIT_HANDLER_ROLES = UNIT_ROLES;
/** Acts for a unit (claim u): staff and leaders, not mediators, departments, residents or administrators. */
export const isUnitRole = (r: string): boolean => (UNIT_ROLES as readonly string[]).includes(r);

/** Who has a relation to the case: the three lists stored on the case document (pure). */
export function caseAccess(c: AccessInput): CaseAccess {
  const units = new Set(handlingUnits(c, higherTier(c.tier, 'village')));
  const departments = new Set(c.departmentIds);
  // The court (police station, 信访 office) that referred the dispute, and a court it was sent to.
  if (c.origin) departments.add(c.origin.departmentId);
  if (c.sentToCourt) departments.add(c.sentToCourt.departmentId);
  const uids = new Set<string>(c.mediatorUids);
  // A resident reporter follows the case through requests/{id}, never the case itself; a system
  // reporter (intake, sweep) is no person.
  if (c.reporter.role !== 'resident' && c.reporter.role !== 'system' && !c.reporter.uid.startsWith('system:')) uids.add(c.reporter.uid);
  if (c.handlerUid) uids.add(c.handlerUid);
  if (c.leaderUid) uids.add(c.leaderUid);
  if (c.petition?.receivedBy?.uid) uids.add(c.petition.receivedBy.uid);
  // 市级督办: the city center that supervises a county case (its city is its code's prefix).
  if (c.supervisedByCity) units.add(unitForTier(c, 'city'));
  for (const s of c.supervisions ?? []) {
    uids.add(s.leaderUid);
    (isRegionCode(s.assigneeUnit) ? units : departments).add(s.assigneeUnit);
  }
  return { accessUnits: [...units].sort(), accessUids: [...uids].sort(), accessDepartments: [...departments].sort() };
}

/** Same lists, same order: true when a stored case carries its current relation. */
export function sameAccess(a: CaseAccess, b: CaseAccess): boolean {
  const eq = (x: string[], y: string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return eq(a.accessUnits, b.accessUnits) && eq(a.accessUids, b.accessUids) && eq(a.accessDepartments, b.accessDepartments);
}

/**
 * Who may read a case, its history and its parties (firestore.rules `canReadCase`). Residents
 * and administrators never read cases (residents read their own requests/{id}).
 */
export function canReadCase(claims: Claims, uid: string, a: CaseAccess): boolean {
  if (claims.r === 'resident' || claims.r === 'admin') return false;
  if (isUnitRole(claims.r) && a.accessUnits.includes(claims.u)) return true;
  if (a.accessUids.includes(uid)) return true;
  return claims.r === 'department_officer' && !!claims.d && a.accessDepartments.includes(claims.d);
}

/**
 * The case lies in the territory of the caller's unit (its chain contains the unit). Not a read
 * relation: it lets a center above publish an anonymised typical case or export a masked ledger.
 */
export function inTerritory(claims: Claims, c: Pick<CaseDoc, 'countyId' | 'townId' | 'villageId' | 'gridId'>): boolean {
  return isUnitRole(claims.r) && [c.countyId, c.townId, c.villageId, c.gridId].includes(claims.u);
}

/** The parties' personal data: the same relation as the case (one model). */
export const canReadParties = canReadCase;

/** Who reads an alert (firestore.rules `alertForMe`). */
export function canReadAlert(
  claims: Claims,
  uid: string,
  a: { recipientUnit: string | null; recipientUid: string | null; recipientDept: string | null },
): boolean {
  if (isUnitRole(claims.r) && a.recipientUnit !== null && a.recipientUnit === claims.u) return true;
  if (a.recipientUid !== null && a.recipientUid === uid) return true;
  return claims.r === 'department_officer' && a.recipientDept !== null && a.recipientDept === claims.d;
}

// ── Who may do what, besides reading cases. The functions and the console call the same rules. ──

/** Roles of a town or county center (乡镇/县综治中心): its staff and leaders. */
const CENTER_ROLES = ['town_staff', 'county_staff', 'leader'] as const;
const isCenterRole = (r: string): boolean => (CENTER_ROLES as readonly string[]).includes(r);

/**
 * Sees a unit's figures, ledgers, dashboard counters and roster documents (firestore.rules
 * `seesUnit`): staff and leaders of the unit or of one above it, and administrators.
 */
export function seesUnit(claims: Claims, unitId: string): boolean {
  return (isUnitRole(claims.r) || claims.r === 'admin') && unitId.startsWith(claims.u);
}

/** Has figures of their own unit (dashboard, statistics). */
export const seesOwnUnit = (claims: Claims): boolean => seesUnit(claims, claims.u);

/** Has a case board: staff and leaders of a unit, and mediators (the cases they mediate). */
export const hasCaseBoard = (claims: Claims): boolean => isUnitRole(claims.r) || claims.r === 'mediator';

/**
 * Reports a case with the console's report form for their unit (residents have their own form):
 * staff and leaders of a grid, village, town or county — a case is reported where it happens, so
 * not a city or province center (cases reach the city by 上报市级).
 */
export const mayReportForUnit = (claims: Claims): boolean => isUnitRole(claims.r) && !!claims.c;

/** Records a walk-in (来访) at `unitId`: staff and leaders of that town or county center. */
export function mayRecordWalkIn(claims: Claims, unitId: string = claims.u): boolean {
  return isCenterRole(claims.r) && claims.u === unitId && /^(\d{6}|\d{9})$/.test(unitId);
}

/** Publishes a closed case as a typical case (典型案例): staff and leaders of a town or county center. */
export const mayPublishTypicalCase = (claims: Claims): boolean => isCenterRole(claims.r);

/**
 * Manages a unit's roster — rotations, publication, deciding leave and swaps: administrators of
 * its county. The functions enforce it with `requireAdminOf` (domain/admin.ts), the same test
 * with a message for each half.
 */
export const mayManageRoster = (claims: Claims, unitId: string): boolean => claims.r === 'admin' && claims.c === unitId.slice(0, 6);

/** Asks for leave or a swap (for themselves): leaders. */
export const mayRequestRosterChange = (claims: Claims): boolean => claims.r === 'leader';

/** Logs a visit to a linked village (联值走访): leaders. */
export const mayLogVisit = (claims: Claims): boolean => claims.r === 'leader';

/**
 * Who may be named on a case (the named user must also be active and of the case's county):
 * handler (承办人), mediator (调解员), leader in charge (包案领导).
 */
export const ASSIGNABLE_ROLES = {
  handler: ['grid_worker', 'village_staff', 'town_staff', 'county_staff', 'mediator', 'leader'],
  mediator: ['mediator', 'village_staff', 'town_staff'],
  leader: ['leader'],
} as const satisfies Record<string, readonly Claims['r'][]>;

/** May a user of role `role` be named `as` on a case? */
export const mayBeAssigned = (as: keyof typeof ASSIGNABLE_ROLES, role: string): boolean =>
  (ASSIGNABLE_ROLES[as] as readonly string[]).includes(role);
