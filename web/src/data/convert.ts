/**
 * Firestore → domain types. Timestamps become Dates (the domain speaks Date) and documents are
 * checked against the domain's zod schemas. A document that does not match is still shown (the
 * server owns the data; a newer field must not blank the console) but is logged.
 */
import {
  AlertDoc,
  CalendarYearDoc,
  CaseDoc,
  CaseEvent,
  CasePrivateDoc,
  CounterDoc,
  DeadlinePolicy,
  DepartmentDoc,
  GridDoc,
  LinkageDoc,
  RegionDoc,
  ResidentRequestDoc,
  RosterDoc,
  UserDoc,
  StaffDoc,
  CourtFilingDoc,
  SignalDoc,
  MediationDoc,
  MediationOrgDoc,
  MediationSessionDoc,
  MediatorDoc,
} from '@domain';
import {
  type DocumentData,
  type FirestoreDataConverter,
  type QueryDocumentSnapshot,
  type SnapshotOptions,
  Timestamp,
} from 'firebase/firestore';
import type { z } from 'zod';
import type { PublicDutyDoc, RosterChangeDoc, RosterVersionDoc, SignalFiguresDoc, StatsPeriodDoc, TypicalCaseDoc, VisitDoc } from './docs';

export function toDates(v: unknown): unknown {
  if (v instanceof Timestamp) return v.toDate();
  if (Array.isArray(v)) return v.map(toDates);
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toDates(x)]));
  }
  return v;
}

export function toMillis(v: unknown): number {
  if (v instanceof Timestamp) return v.toMillis();
  if (v instanceof Date) return v.getTime();
  return 0;
}

/**
 * Fields newer than some stored cases (added to the domain later): their neutral values, so a
 * case written by an older server still works with today's state machine.
 */
const CASE_DEFAULTS = {
  supervisions: [],
  petition: null,
  petitionExtended: false,
  overdue: false,
  clocks: [],
  nextDeadlineAt: null,
  sweepAt: null,
  dispatches: [],
  departmentIds: [],
  mediatorUids: [],
  leader: null,
  leaderUid: null,
  origin: null,
  sentToCourt: null,
  petitionReview: null,
  serviceReferrals: [],
};

function readOnly<S extends z.ZodType>(
  schema: S,
  withId: boolean,
  partial = false,
  defaults: Record<string, unknown> = {},
): FirestoreDataConverter<z.infer<S>> {
  return {
    toFirestore(): DocumentData {
      throw new Error('the console never writes documents; use a callable');
    },
    fromFirestore(snap: QueryDocumentSnapshot, options?: SnapshotOptions): z.infer<S> {
      const raw = toDates(snap.data(options)) as Record<string, unknown>;
      const data = withId ? { ...defaults, id: snap.id, ...raw } : { ...defaults, ...raw };
      // Counter shards are created by increments: a key appears once something was counted.
      if (partial) return data as z.infer<S>;
      const parsed = schema.safeParse(data);
      if (parsed.success) return parsed.data;
      console.warn(`[fengqiao] ${snap.ref.path} does not match its schema`, parsed.error.issues);
      return data as z.infer<S>;
    },
  };
}

/** Documents without a domain schema (./docs.ts): dates converted, the ID added when asked. */
function plain<T>(withId = false): FirestoreDataConverter<T> {
  return {
    toFirestore(): DocumentData {
      throw new Error('the console never writes documents; use a callable');
    },
    fromFirestore(snap: QueryDocumentSnapshot, options?: SnapshotOptions): T {
      const raw = toDates(snap.data(options)) as Record<string, unknown>;
      return (withId ? { id: snap.id, ...raw } : raw) as T;
    },
  };
}

export const converters = {
  case: readOnly(CaseDoc, true, false, CASE_DEFAULTS),
  caseParties: readOnly(CasePrivateDoc, false),
  event: readOnly(CaseEvent, false),
  region: readOnly(RegionDoc, true),
  grid: readOnly(GridDoc, true),
  department: readOnly(DepartmentDoc, true),
  counter: readOnly(CounterDoc, false, true),
  alert: readOnly(AlertDoc, true),
  request: readOnly(ResidentRequestDoc, false),
  user: readOnly(UserDoc, false),
  staff: readOnly(StaffDoc, false),
  calendarYear: readOnly(CalendarYearDoc, false),
  policy: readOnly(DeadlinePolicy, false),
  roster: readOnly(RosterDoc, false),
  linkage: readOnly(LinkageDoc, false),
  rosterVersion: plain<RosterVersionDoc>(),
  rosterChange: plain<RosterChangeDoc>(true),
  publicDuty: plain<PublicDutyDoc>(),
  visit: plain<VisitDoc>(true),
  typicalCase: plain<TypicalCaseDoc>(),
  stats: plain<StatsPeriodDoc>(),
  courtFiling: readOnly(CourtFilingDoc, false),
  signal: readOnly(SignalDoc, false),
  signalFigures: plain<SignalFiguresDoc>(),
};

/** The mediation chain's documents (./mediation-hooks.ts). */
export const mediationConverters = {
  org: readOnly(MediationOrgDoc, false),
  mediator: readOnly(MediatorDoc, false),
  mediation: readOnly(MediationDoc, false),
  session: readOnly(MediationSessionDoc, false),
};
