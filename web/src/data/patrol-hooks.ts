/**
 * 网格巡查 in the console (issue 14): a unit's grids, today's coverage live, a week's and a
 * month's day documents (one-shot: 7 and up to 31 reads, however many logs), a grid's latest logs.
 */
import { type GridDoc, type PatrolDayDoc, PatrolDoc, type PatrolItemDoc, datesBetween } from '@domain';
import { type FirestoreDataConverter, type QueryDocumentSnapshot, getDoc, getDocs } from 'firebase/firestore';
import { fb } from '../firebase';
import { converters, toDates } from './convert';
import { type DocLoad, type Loadable, useLiveDoc, useLiveQuery, useOnce } from './hooks';
import { countReads } from './meter';
import { gridsOfUnitQuery, hazardsOfDeptQuery, hazardsOfUnitQuery, patrolDayRef, patrolsOfGridQuery } from './patrol-queries';

function reader<T>(): FirestoreDataConverter<T> {
  return {
    toFirestore() {
      throw new Error('the console never writes documents; use a callable');
    },
    fromFirestore: (snap: QueryDocumentSnapshot) => toDates(snap.data()) as T,
  };
}
const dayConv = reader<PatrolDayDoc>();
const patrolConv: FirestoreDataConverter<PatrolDoc> = {
  toFirestore() {
    throw new Error('the console never writes documents; use a callable');
  },
  fromFirestore: (snap: QueryDocumentSnapshot) => {
    const raw = toDates(snap.data());
    const r = PatrolDoc.safeParse(raw);
    return (r.success ? r.data : raw) as PatrolDoc;
  },
};

const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);

/** Every grid of a unit (village, town or county), one-shot. */
export function useUnitGrids(countyId: string, unitId: string | null): Loadable<GridDoc[]> | null {
  return useOnce(unitId ? `patrol-grids:${countyId}:${unitId}` : null, async () => {
    const snap = await getDocs(gridsOfUnitQuery(fb().db, countyId, unitId!).withConverter(converters.grid));
    countReads(unitId!.length === 12 ? 'grids.byVillage' : unitId!.length === 9 ? 'grids.byTown' : 'grids.byCounty', snap.size);
    return snap.docs.map((d) => d.data()).sort(byId);
  });
}

/** A unit's patrols of a day, live. */
export function usePatrolDay(unitId: string | null, date: string): DocLoad<PatrolDayDoc> {
  return useLiveDoc(unitId ? `${unitId}_${date}` : null, 'patrolDays', () => patrolDayRef(fb().db, unitId!, date).withConverter(dayConv));
}

/** A unit's day documents from `from` to `to` (one read each; missing days are absent). */
export function usePatrolDays(unitId: string | null, from: string, to: string): Loadable<Map<string, PatrolDayDoc>> | null {
  return useOnce(unitId ? `patrol-days:${unitId}:${from}:${to}` : null, async () => {
    const dates = datesBetween(from, to);
    const snaps = await Promise.all(dates.map((d) => getDoc(patrolDayRef(fb().db, unitId!, d).withConverter(dayConv))));
    countReads('patrolDays', dates.length);
    const out = new Map<string, PatrolDayDoc>();
    snaps.forEach((s, i) => {
      const data = s.data();
      if (data) out.set(dates[i]!, data);
    });
    return out;
  });
}

/** A grid's latest logs, newest first, live. */
export function useGridPatrols(gridId: string | null) {
  return useLiveQuery(gridId, 'patrols.byGrid', () => patrolsOfGridQuery(fb().db, gridId!).withConverter(patrolConv));
}

const itemConv = reader<PatrolItemDoc>();

/** Hazards of a unit or grid, or of a department, live (latest 50). */
export function useHazards(scope: { unitId: string } | { departmentId: string } | null) {
  const key = scope ? ('unitId' in scope ? `u:${scope.unitId}` : `d:${scope.departmentId}`) : null;
  return useLiveQuery(key, scope && 'departmentId' in scope ? 'patrolItems.hazardsByDept' : 'patrolItems.hazardsByUnit', () =>
    (scope && 'departmentId' in scope
      ? hazardsOfDeptQuery(fb().db, scope.departmentId)
      : hazardsOfUnitQuery(fb().db, (scope as { unitId: string }).unitId)
    ).withConverter(itemConv),
  );
}
