/**
 * Server-written documents of duty, visits, typical cases and statistics, as readers see them
 * (Timestamps as Dates): zod schemas that the data-access layer's converters validate with
 * (functions/src/lib/db.ts). Shared by the functions that write them and the console that reads them.
 */
import { z } from 'zod';
import { TIERS } from './case-model';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const unitCode = z.string().regex(/^(\d{6}|\d{9})$/);

/** One day of a roster (a generated or effective assignment). */
export const AssignmentDoc = z.strictObject({
  date: isoDate,
  kind: z.enum(['weekday', 'duty']),
  uid: z.string().min(1),
  /** The holiday's name on a statutory holiday (for display and fair spreading). */
  holiday: z.string().nullable(),
});

/** One day handed from one leader to another by an approved leave or swap. */
export const RosterChangeEffect = z.strictObject({ date: isoDate, fromUid: z.string().min(1), toUid: z.string().min(1) });

/** rosters/{unitId}/versions/{from}: a published, immutable roster. */
export const RosterVersionDoc = z.strictObject({
  unitId: unitCode,
  from: isoDate,
  to: isoDate,
  assignments: z.array(AssignmentDoc),
  publishedAt: z.date(),
  publishedBy: z.string().min(1),
});
export type RosterVersionDoc = z.infer<typeof RosterVersionDoc>;

/** rosters/{unitId}/changes/{id}: a leader's leave or swap request and, once approved, its effect. */
export const RosterChangeDoc = z.strictObject({
  id: z.string().min(1),
  unitId: unitCode,
  kind: z.enum(['leave', 'swap']),
  uid: z.string().min(1),
  dates: z.array(isoDate),
  withUid: z.string().nullable(),
  withDate: isoDate.nullable(),
  reason: z.string(),
  status: z.enum(['requested', 'approved', 'rejected']),
  requestedBy: z.string().min(1),
  requestedAt: z.date(),
  decidedBy: z.string().nullable(),
  decidedAt: z.date().nullable(),
  effect: z.array(RosterChangeEffect),
});
export type RosterChangeDoc = z.infer<typeof RosterChangeDoc>;

/** publicDuty/{unitId}: the next 35 days, names and titles only. */
export const PublicDutyDoc = z.strictObject({
  unitId: unitCode,
  unitName: z.string(),
  updatedAt: z.date(),
  /** The roster's handoff time (HH:mm): the console reads "today's" leader with `dutyDateAt` as the server does. */
  handoff: z.string().default('08:30'),
  days: z.array(
    z.strictObject({
      date: isoDate,
      kind: z.enum(['weekday', 'duty']),
      holiday: z.string().nullable(),
      name: z.string(),
      title: z.string(),
    }),
  ),
});
export type PublicDutyDoc = z.infer<typeof PublicDutyDoc>;

/** visits/{id}: a linkage visit (联值走访). */
export const VisitDoc = z.strictObject({
  id: z.string().min(1),
  leaderUid: z.string().min(1),
  leaderName: z.string().nullable(),
  countyId: z.string().regex(/^\d{6}$/),
  villageId: z.string(),
  date: isoDate,
  found: z.string(),
  caseId: z.string().nullable(),
  loggedAt: z.date(),
});
export type VisitDoc = z.infer<typeof VisitDoc>;

/** typicalCases/{caseId}: an anonymised, closed case published for the county. */
export const TypicalCaseDoc = z.strictObject({
  caseId: z.string().min(1),
  countyId: z.string().regex(/^\d{6}$/),
  title: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  tier: z.enum(TIERS),
  outcome: z.string().nullable(),
  summary: z.string(),
  resolution: z.string(),
  lesson: z.string(),
  publishedAt: z.date(),
  publishedBy: z.string().min(1),
});
export type TypicalCaseDoc = z.infer<typeof TypicalCaseDoc>;
