/**
 * 研判 and meetings in the console (issue 15): a unit's meetings (newest first), the tasks it
 * issued or owns, a department's tasks — live. Specs: ./query-specs.ts (meetings.byUnit,
 * meetingTasks.byUnit, meetingTasks.byDept); the rules need exactly these filters. Changes go
 * through the callables (saveMeeting, closeMeeting, replyMeetingTask, handleSignal judge).
 */
import type { Claims, MeetingDoc, MeetingTaskDoc } from '@domain';
import {
  type FirestoreDataConverter,
  type QueryDocumentSnapshot,
  collection,
  doc,
  getCountFromServer,
  limit,
  orderBy,
  query,
  where,
} from 'firebase/firestore';
import { useEffect, useState } from 'react';
import { fb } from '../firebase';
import { toDates } from './convert';
import { type DocLoad, type Loadable, codeOf, useLiveDoc, useLiveQuery } from './hooks';
import { countReads } from './meter';

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

/** One meeting, live (the minutes' print view); the rules decide who reads it. */
export function useMeeting(id: string): DocLoad<MeetingDoc> {
  return useLiveDoc(`meeting:${id}`, 'meeting', () => doc(fb().db, 'meetings', id).withConverter(meetingConv));
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

export interface MeetingCounts {
  openSignals: number;
  meetingsThisWeek: number;
  overdueTasks: number;
}

/**
 * The dashboard's 研判 panel: open signals, meetings this week and overdue (督办) tasks of a unit,
 * counted by the server (specs signals.openByUnit, meetings.byUnitDates,
 * meetingTasks.supervisedByUnit) when asked for (`asked`): three aggregation reads, each billed as
 * one read, outside the leader's first load (web/src/data/budget.ts), like the per-town figures.
 */
export function useMeetingCounts(claims: Claims, week: { from: string; to: string }, asked: boolean): Loadable<MeetingCounts> | null {
  const [counts, setCounts] = useState<{ key: string; value: Loadable<MeetingCounts> } | null>(null);
  const key = asked && holdsMeetings(claims) ? `${claims.u}|${week.from}|${week.to}` : null;
  useEffect(() => {
    if (!key) return undefined;
    let alive = true;
    const db = fb().db;
    const count = (label: string, q: Parameters<typeof getCountFromServer>[0]) =>
      getCountFromServer(q).then((r) => {
        countReads(label, 1); // an aggregation is billed as one read per 1,000 index entries
        return r.data().count;
      });
    Promise.all([
      count('meetings.counts', query(collection(db, 'signals'), where('units', 'array-contains', claims.u), where('state', '==', 'open'))),
      count(
        'meetings.counts',
        query(
          collection(db, 'meetings'),
          where('units', 'array-contains', claims.u),
          where('date', '>=', week.from),
          where('date', '<=', week.to),
        ),
      ),
      count(
        'meetings.counts',
        query(
          collection(db, 'meetingTasks'),
          where('units', 'array-contains', claims.u),
          where('state', '==', 'open'),
          where('supervised', '==', true),
        ),
      ),
    ]).then(
      ([openSignals, meetingsThisWeek, overdueTasks]) => {
        if (alive) setCounts({ key, value: { status: 'ready', data: { openSignals, meetingsThisWeek, overdueTasks } } });
      },
      (e: unknown) => {
        if (alive) setCounts({ key, value: { status: 'error', code: codeOf(e), message: e instanceof Error ? e.message : String(e) } });
      },
    );
    return () => {
      alive = false;
    };
  }, [key, claims.u, week.from, week.to]);
  if (!key) return null;
  return counts?.key === key ? counts.value : { status: 'loading' };
}
