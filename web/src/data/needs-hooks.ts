/**
 * 排查事项 list and 需求清单 in the console (issue 14): one kind of a unit's items, live, newest
 * first — a village's, town's or county's (`units` array-contains the unit; the rules need the
 * `kind` filter to leave 涉稳信息 out), 涉稳信息 by county for county staff and leaders. Specs:
 * ./query-specs.ts (patrolItems.byUnitKind, patrolItems.byUnitKindDates,
 * patrolItems.stabilityByCountyDates).
 */
import { type ItemKind, type PatrolItemDoc, endOfLocalDay } from '@domain';
import { DateTime } from 'luxon';
import {
  type DocumentData,
  type Firestore,
  type FirestoreDataConverter,
  type Query,
  type QueryDocumentSnapshot,
  collection,
  limit,
  orderBy,
  query,
  where,
} from 'firebase/firestore';
import { fb } from '../firebase';
import { toDates } from './convert';
import { useLiveQuery } from './hooks';

export const ITEM_LIST_LIMIT = 50;

const itemConv: FirestoreDataConverter<PatrolItemDoc> = {
  toFirestore() {
    throw new Error('the console never writes documents; use a callable');
  },
  fromFirestore: (snap: QueryDocumentSnapshot) => toDates(snap.data()) as PatrolItemDoc,
};

/** The instant a local (Asia/Shanghai) date starts. */
const startOfLocalDay = (date: string) => DateTime.fromISO(date, { zone: 'Asia/Shanghai' }).startOf('day').toJSDate();

/** patrolItems.byUnitKind / byUnitKindDates / stabilityByCountyDates. */
export function itemsQuery(
  db: Firestore,
  scope: { unitId: string } | { countyId: string },
  kind: ItemKind,
  dates: { from: string; to: string } | null,
  n = ITEM_LIST_LIMIT,
): Query<DocumentData> {
  const col = collection(db, 'patrolItems');
  const range = dates ? [where('createdAt', '>=', startOfLocalDay(dates.from)), where('createdAt', '<', endOfLocalDay(dates.to))] : [];
  const filter =
    'unitId' in scope
      ? [where('units', 'array-contains', scope.unitId), where('kind', '==', kind)]
      : [where('countyId', '==', scope.countyId), where('kind', '==', 'stability')];
  return query(col, ...filter, ...range, orderBy('createdAt', 'desc'), limit(n));
}

/** One kind of the unit's items (or the county's 涉稳信息), live. */
export function useItemList(unitId: string | null, countyId: string, kind: ItemKind, dates: { from: string; to: string } | null) {
  const stability = kind === 'stability';
  const key = unitId ? `${stability ? `c${countyId}` : `u${unitId}`}:${kind}:${dates ? `${dates.from}..${dates.to}` : 'all'}` : null;
  const label = stability ? 'patrolItems.stabilityByCountyDates' : dates ? 'patrolItems.byUnitKindDates' : 'patrolItems.byUnitKind';
  return useLiveQuery(key, label, () =>
    itemsQuery(fb().db, stability ? { countyId } : { unitId: unitId! }, kind, dates).withConverter(itemConv),
  );
}
