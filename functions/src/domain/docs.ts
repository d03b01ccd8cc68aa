/**
 * Server-written documents of duty, visits and typical cases, as readers see them (Timestamps
 * as Dates). Shared by the functions that write them and the console that reads them.
 */
import type { Assignment, RosterChange } from './roster';
import type { Tier } from './case-model';

/** rosters/{unitId}/versions/{from}: a published, immutable roster. */
export interface RosterVersionDoc {
  unitId: string;
  from: string;
  to: string;
  assignments: Assignment[];
  publishedAt: Date;
  publishedBy: string;
}

/** rosters/{unitId}/changes/{id}: a leader's leave or swap request and, once approved, its effect. */
export interface RosterChangeDoc {
  id: string;
  unitId: string;
  kind: 'leave' | 'swap';
  uid: string;
  dates: string[];
  withUid: string | null;
  withDate: string | null;
  reason: string;
  status: 'requested' | 'approved' | 'rejected';
  requestedBy: string;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  effect: RosterChange[];
}

/** publicDuty/{unitId}: the next 35 days, names and titles only. */
export interface PublicDutyDoc {
  unitId: string;
  unitName: string;
  updatedAt: Date;
  days: { date: string; kind: 'weekday' | 'duty'; holiday: string | null; name: string; title: string }[];
}

/** visits/{id}: a linkage visit (联值走访). */
export interface VisitDoc {
  id: string;
  leaderUid: string;
  leaderName: string | null;
  countyId: string;
  villageId: string;
  date: string;
  found: string;
  caseId: string | null;
  loggedAt: Date;
}

/** typicalCases/{caseId}: an anonymised, closed case published for the county. */
export interface TypicalCaseDoc {
  caseId: string;
  countyId: string;
  title: string;
  category: string;
  categoryLabel: string;
  tier: Tier;
  outcome: string | null;
  summary: string;
  resolution: string;
  lesson: string;
  publishedAt: Date;
  publishedBy: string;
}

/** statsPeriods/{unitId}_{period} and statsDays/{unitId}_{day}__{shard}: figures by key (maps for breakdowns). */
export interface StatsPeriodDoc {
  unitId: string;
  level: 'grid' | 'village' | 'town' | 'county';
  kind?: 'month' | 'year';
  period: string;
  [figure: string]: unknown;
}
