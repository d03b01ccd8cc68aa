/**
 * The console's reads for 网格巡查 (issue 14), beside ./queries.ts: a unit's grids, a grid's
 * latest logs, a unit's day coverage (`patrolDays/{unitId}_{date}`). Specs: ./query-specs.ts
 * (grids.byTown, grids.byCounty, patrols.byGrid); the rules need exactly these filters.
 */
import {
  type DocumentData,
  type DocumentReference,
  type Firestore,
  type Query,
  collection,
  doc,
  limit,
  orderBy,
  query,
  where,
} from 'firebase/firestore';

/** grids.byVillage / grids.byTown / grids.byCounty: every grid of a unit. */
export function gridsOfUnitQuery(db: Firestore, countyId: string, unitId: string): Query<DocumentData> {
  const col = collection(db, 'grids');
  if (unitId.length === 12) return query(col, where('countyId', '==', countyId), where('villageId', '==', unitId));
  if (unitId.length === 9) return query(col, where('countyId', '==', countyId), where('townId', '==', unitId));
  return query(col, where('countyId', '==', countyId));
}

/** patrols.byGrid: a grid's latest logs, newest first. */
export function patrolsOfGridQuery(db: Firestore, gridId: string, n = 20): Query<DocumentData> {
  return query(collection(db, 'patrols'), where('gridId', '==', gridId), orderBy('patrolledAt', 'desc'), limit(n));
}

/** A unit's patrols of a day. */
export const patrolDayRef = (db: Firestore, unitId: string, date: string): DocumentReference => doc(db, 'patrolDays', `${unitId}_${date}`);

/** patrolItems.hazardsByUnit: a unit's (or grid's) hazards, latest first (kind == hazard: the rules need it to exclude 涉稳信息). */
export function hazardsOfUnitQuery(db: Firestore, unitId: string, n = 50): Query<DocumentData> {
  return query(
    collection(db, 'patrolItems'),
    where('units', 'array-contains', unitId),
    where('kind', '==', 'hazard'),
    orderBy('updatedAt', 'desc'),
    limit(n),
  );
}

/** patrolItems.hazardsByDept: the hazards a department rectifies, latest first. */
export function hazardsOfDeptQuery(db: Firestore, departmentId: string, n = 50): Query<DocumentData> {
  return query(collection(db, 'patrolItems'), where('hazardDept', '==', departmentId), orderBy('updatedAt', 'desc'), limit(n));
}
