/**
 * 预警提示单 in the console: the notices one's unit or department issued or received (spec
 * ./query-specs.ts notices.byReader: the rules need exactly `readers array-contains` one's unit),
 * newest first, live; one notice, live (the print view); the month's figures of one's unit.
 * Every change goes through the `issueNotice` / `noticeAction` callables.
 */
import { type NoticeDoc, type NoticeFiguresDoc, localDate } from '@domain';
import { type FirestoreDataConverter, type QueryDocumentSnapshot, collection, doc, limit, orderBy, query, where } from 'firebase/firestore';
import { fb } from '../firebase';
import { toDates } from './convert';
import { type DocLoad, type Loadable, useLiveDoc, useLiveQuery } from './hooks';

export const NOTICES_LIMIT = 100;

function reader<T>(): FirestoreDataConverter<T> {
  return {
    toFirestore() {
      throw new Error('the console never writes documents; use a callable');
    },
    fromFirestore: (snap: QueryDocumentSnapshot) => toDates(snap.data()) as T,
  };
}
const noticeConv = reader<NoticeDoc>();
const figuresConv = reader<NoticeFiguresDoc>();

/** Who reads notices at all (firestore.rules notices). */
export const readsNotices = (r: string): boolean => ['town_staff', 'county_staff', 'leader', 'department_officer'].includes(r);

/** The notices of a unit or department (issued or received), newest first, live. */
export function useNotices(unitId: string | null): Loadable<NoticeDoc[]> {
  return (
    useLiveQuery(unitId ? `notices:${unitId}` : null, 'notices.byReader', () =>
      query(
        collection(fb().db, 'notices'),
        where('readers', 'array-contains', unitId),
        orderBy('issuedAt', 'desc'),
        limit(NOTICES_LIMIT),
      ).withConverter(noticeConv),
    ).value ?? { status: 'loading' }
  );
}

/** One notice, live. */
export function useNotice(id: string): DocLoad<NoticeDoc> {
  return useLiveDoc(`notice:${id}`, 'notice', () => doc(fb().db, 'notices', id).withConverter(noticeConv));
}

/** A unit's notice figures of a month (this month by default). */
export function useNoticeFigures(unitId: string | null, month = localDate(new Date()).slice(0, 7)): DocLoad<NoticeFiguresDoc> {
  return useLiveDoc(unitId ? `noticeFigures:${unitId}:${month}` : null, 'noticeFigures', () =>
    doc(fb().db, 'noticeFigures', `${unitId}_${month}`).withConverter(figuresConv),
  );
}
