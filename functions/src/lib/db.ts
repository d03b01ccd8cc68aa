/**
 * The one module that owns every Firestore path, converter and query. Queries used by the app are
 * declared in QUERIES so a test can check each against firestore.indexes.json (the emulator does
 * not enforce composite indexes; production does).
 */
import {
  type DocumentData,
  type Firestore,
  type FirestoreDataConverter,
  type QueryDocumentSnapshot,
  Timestamp,
} from 'firebase-admin/firestore';
import type { z } from 'zod';
import { CalendarYearDoc, OutboxDoc, IntakeSourceDoc, AlertDoc, CaseDoc, CaseEvent, CasePrivateDoc, DepartmentDoc, GridDoc, RegionDoc, ResidentRequestDoc, UserDoc, UserMetaDoc, eventId } from '../domain';


/** Firestore Timestamps → Dates, recursively (the domain speaks Date). */
export function toDates(v: unknown): unknown {
  if (v instanceof Timestamp) return v.toDate();
  if (Array.isArray(v)) return v.map(toDates);
  if (v && typeof v === 'object' && v.constructor === Object) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toDates(x)]));
  }
  return v;
}

/** A converter that validates with the document's zod schema on the way in and out. */
export function zodConverter<S extends z.ZodType<DocumentData>>(schema: S): FirestoreDataConverter<z.infer<S>> {
  return {
    toFirestore: (doc) => schema.parse(doc) as DocumentData,
    fromFirestore: (snap: QueryDocumentSnapshot) => schema.parse(toDates(snap.data())),
  };
}

export const COLLECTIONS = {
  regions: 'regions',
  grids: 'grids',
  departments: 'departments',
  users: 'users',
  userMeta: 'userMeta',
  cases: 'cases',
  requests: 'requests',
  alerts: 'alerts',
  intakeSources: 'intakeSources',
  calendarYears: 'calendarYears',
  policies: 'policies',
  webhooks: 'webhooks',
  outbox: 'outbox',
  deadLetters: 'deadLetters',
} as const;

const conv = {
  region: zodConverter(RegionDoc),
  grid: zodConverter(GridDoc),
  department: zodConverter(DepartmentDoc),
  user: zodConverter(UserDoc),
  userMeta: zodConverter(UserMetaDoc),
  case: zodConverter(CaseDoc),
  casePrivate: zodConverter(CasePrivateDoc),
  event: zodConverter(CaseEvent),
  alert: zodConverter(AlertDoc),
  request: zodConverter(ResidentRequestDoc),
  intakeSource: zodConverter(IntakeSourceDoc),
  calendarYear: zodConverter(CalendarYearDoc),
  outbox: zodConverter(OutboxDoc),
};

export function refs(db: Firestore) {
  return {
    region: (id: string) => db.collection(COLLECTIONS.regions).doc(id).withConverter(conv.region),
    regions: () => db.collection(COLLECTIONS.regions).withConverter(conv.region),
    grid: (id: string) => db.collection(COLLECTIONS.grids).doc(id).withConverter(conv.grid),
    grids: () => db.collection(COLLECTIONS.grids).withConverter(conv.grid),
    department: (id: string) => db.collection(COLLECTIONS.departments).doc(id).withConverter(conv.department),
    departments: () => db.collection(COLLECTIONS.departments).withConverter(conv.department),
    user: (uid: string) => db.collection(COLLECTIONS.users).doc(uid).withConverter(conv.user),
    users: () => db.collection(COLLECTIONS.users).withConverter(conv.user),
    userMeta: (uid: string) => db.collection(COLLECTIONS.userMeta).doc(uid).withConverter(conv.userMeta),
    case: (id: string) => db.collection(COLLECTIONS.cases).doc(id).withConverter(conv.case),
    cases: () => db.collection(COLLECTIONS.cases).withConverter(conv.case),
    casePrivate: (id: string) => db.collection(COLLECTIONS.cases).doc(id).collection('private').doc('parties').withConverter(conv.casePrivate),
    caseEvent: (id: string, seq: number) => db.collection(COLLECTIONS.cases).doc(id).collection('events').doc(eventId(seq)).withConverter(conv.event),
    alert: (id: string) => db.collection(COLLECTIONS.alerts).doc(id).withConverter(conv.alert),
    alerts: () => db.collection(COLLECTIONS.alerts).withConverter(conv.alert),
    calendarYear: (year: number) => db.collection(COLLECTIONS.calendarYears).doc(String(year)).withConverter(conv.calendarYear),
    calendarYears: () => db.collection(COLLECTIONS.calendarYears).withConverter(conv.calendarYear),
    policy: (countyId: string) => db.collection(COLLECTIONS.policies).doc(countyId),
    webhook: (id: string) => db.collection(COLLECTIONS.webhooks).doc(id),
    outbox: (id: string) => db.collection(COLLECTIONS.outbox).doc(id).withConverter(conv.outbox),
    outboxes: () => db.collection(COLLECTIONS.outbox).withConverter(conv.outbox),
    deadLetter: (id: string) => db.collection(COLLECTIONS.deadLetters).doc(id),
    intakeSource: (id: string) => db.collection(COLLECTIONS.intakeSources).doc(id).withConverter(conv.intakeSource),
    request: (caseId: string) => db.collection(COLLECTIONS.requests).doc(caseId).withConverter(conv.request),
    caseEvents: (id: string) => db.collection(COLLECTIONS.cases).doc(id).collection('events').withConverter(conv.event),
  };
}

export { QUERIES, type DeclaredQuery } from './queries';
