/**
 * 重点人员/重点部位 in the console (issue 14): the records the signed-in user reads — a grid worker
 * those they are responsible for, a leader those they 包保, village/town/county staff their
 * unit's — next visit due first, live; a record and its visit logs, live. Specs:
 * ./query-specs.ts (keyPersons.byGridWorker, keyPersons.byLeader, keyPersons.byUnit,
 * keyPersons.visits); the rules need exactly these filters. Personal data never comes from here:
 * only `openKeyPerson` returns it (and logs the opening).
 */
import type { Claims, KeyPersonDoc, KeyPersonVisitDoc } from '@domain';
import { type FirestoreDataConverter, type QueryDocumentSnapshot, collection, doc, limit, orderBy, query, where } from 'firebase/firestore';
import { fb } from '../firebase';
import { toDates } from './convert';
import { useLiveDoc, useLiveQuery } from './hooks';

function reader<T>(): FirestoreDataConverter<T> {
  return {
    toFirestore() {
      throw new Error('the console never writes documents; use a callable');
    },
    fromFirestore: (snap: QueryDocumentSnapshot) => toDates(snap.data()) as T,
  };
}
const kpConv = reader<KeyPersonDoc>();
const visitConv = reader<KeyPersonVisitDoc>();

/** Who sees the registry at all (firestore.rules canReadKeyPerson): never departments, mediators, residents, administrators. */
export const readsKeyPersons = (claims: Claims): boolean =>
  !claims.d && ['grid_worker', 'leader', 'village_staff', 'town_staff', 'county_staff'].includes(claims.r);

/** The records the user reads, next visit due first (up to 200), live. */
export function useKeyPersons(claims: Claims, uid: string) {
  const by = claims.r === 'grid_worker' ? 'gridWorker' : claims.r === 'leader' ? 'leader' : 'unit';
  const key = readsKeyPersons(claims) ? `kp:${by}:${by === 'unit' ? claims.u : uid}` : null;
  return useLiveQuery(
    key,
    by === 'gridWorker' ? 'keyPersons.byGridWorker' : by === 'leader' ? 'keyPersons.byLeader' : 'keyPersons.byUnit',
    () => {
      const col = collection(fb().db, 'keyPersons');
      const q =
        by === 'gridWorker'
          ? query(col, where('gridWorkerUid', '==', uid), orderBy('dueAt'), limit(200))
          : by === 'leader'
            ? query(col, where('leaderUid', '==', uid), orderBy('dueAt'), limit(200))
            : query(col, where('units', 'array-contains', claims.u), orderBy('dueAt'), limit(200));
      return q.withConverter(kpConv);
    },
  );
}

/** One record, live. */
export function useKeyPerson(id: string | null) {
  return useLiveDoc(id, 'keyPerson', () => doc(fb().db, 'keyPersons', id!).withConverter(kpConv));
}

/** A record's latest visits (20), newest first, live. */
export function useKeyPersonVisits(id: string | null) {
  return useLiveQuery(id ? `kpv:${id}` : null, 'keyPersons.visits', () =>
    query(collection(fb().db, 'keyPersons', id!, 'keyVisits'), orderBy('visitedAt', 'desc'), limit(20)).withConverter(visitConv),
  );
}
