/**
 * 研判 and meetings in the console (issue 15): a unit's meetings (newest first), the tasks it
 * issued or owns, a department's tasks — live. Specs: ./query-specs.ts (meetings.byUnit,
 * meetingTasks.byUnit, meetingTasks.byDept); the rules need exactly these filters. Changes go
 * through the callables (saveMeeting, closeMeeting, replyMeetingTask, handleSignal judge).
 */
import type { Claims, MeetingDoc, MeetingTaskDoc } from '@domain';
import { type FirestoreDataConverter, type QueryDocumentSnapshot, collection, limit, orderBy, query, where } from 'firebase/firestore';
import { fb } from '../firebase';
import { toDates } from './convert';
import { type Loadable, useLiveQuery } from './hooks';

export const MEETINGS_LIMIT = 100;
export const TASKS_LIMIT = 200;

function reader<T>(): FirestoreDataConverter<T> {
  return {
    toFirestore() {
      throw new Error('the console never writes documents; use a callable');
    },
    fromFirestore: (snap: QueryDocumentSnapshot) => toDates(snap.data()) as T,
  };
}
const meetingConv = reader<MeetingDoc>();
const taskConv = reader<MeetingTaskDoc>();

/** Who holds and reads meetings (firestore.rules meetings): town and county staff and leaders. */
export const holdsMeetings = (claims: Claims): boolean =>
  ['town_staff', 'county_staff', 'leader'].includes(claims.r) && !claims.v && !claims.d;
/** Who reads tasks (firestore.rules meetingTasks): those who hold meetings, villages, departments. */
export const readsMeetingTasks = (claims: Claims): boolean =>
  holdsMeetings(claims) || claims.r === 'village_staff' || claims.r === 'department_officer';

export function useMeetings(claims: Claims): Loadable<MeetingDoc[]> | null {
  return useLiveQuery(holdsMeetings(claims) ? `meetings:${claims.u}` : null, 'meetings.byUnit', () =>
    query(
      collection(fb().db, 'meetings'),
      where('units', 'array-contains', claims.u),
      orderBy('date', 'desc'),
      limit(MEETINGS_LIMIT),
    ).withConverter(meetingConv),
  ).value;
}

/** The tasks a unit issued, oversees or owns — or a department owns — soonest limit first. */
export function useMeetingTasks(claims: Claims): Loadable<MeetingTaskDoc[]> | null {
  const dept = claims.r === 'department_officer' ? (claims.d ?? null) : null;
  const key = !readsMeetingTasks(claims) ? null : dept ? `mtasks:d:${dept}` : `mtasks:u:${claims.u}`;
  return useLiveQuery(key, dept ? 'meetingTasks.byDept' : 'meetingTasks.byUnit', () => {
    const col = collection(fb().db, 'meetingTasks');
    const q = dept
      ? query(col, where('ownerDept', '==', dept), orderBy('dueAt', 'asc'), limit(TASKS_LIMIT))
      : query(col, where('units', 'array-contains', claims.u), orderBy('dueAt', 'asc'), limit(TASKS_LIMIT));
    return q.withConverter(taskConv);
  }).value;
}
