/**
 * 排查考核 figures in the console (issue 14): a unit's day shards of a month
 * (`patrolFigures where unitId == … and date in the month`, spec patrolFigures.unitMonth in
 * ./query-specs.ts; at most 31 × 4 documents however many events) — the coverage documents
 * and grids come from ./patrol-hooks.ts.
 */
import type { PatrolFiguresDoc } from '@domain';
import { type DocumentData, type Query, collection, getDocs, query, where } from 'firebase/firestore';
import type { Firestore } from 'firebase/firestore';
import { fb } from '../firebase';
import { toDates } from './convert';
import { type Loadable, useOnce } from './hooks';
import { countReads } from './meter';

/** patrolFigures.unitMonth: a unit's shards of the days from `from` to `to`. */
export function patrolFiguresQuery(db: Firestore, unitId: string, from: string, to: string): Query<DocumentData> {
  return query(collection(db, 'patrolFigures'), where('unitId', '==', unitId), where('date', '>=', from), where('date', '<=', to));
}

export function usePatrolFigures(unitId: string | null, from: string, to: string): Loadable<PatrolFiguresDoc[]> | null {
  return useOnce(unitId ? `patrol-figures:${unitId}:${from}:${to}` : null, async () => {
    const snap = await getDocs(patrolFiguresQuery(fb().db, unitId!, from, to));
    countReads('patrolFigures.unitMonth', snap.size);
    return snap.docs.map((d) => toDates(d.data()) as PatrolFiguresDoc);
  });
}
