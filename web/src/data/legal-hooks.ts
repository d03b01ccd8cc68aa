/** The legal chain's live reads (issue 13): a department's referrals, the courts' filing input. */
import type { CaseDoc, CourtFilingDoc } from '@domain';
import { fb } from '../firebase';
import { converters } from './convert';
import { type Loadable, useLiveQuery } from './hooks';
import { courtFilingsQuery, courtOwnFilingsQuery, departmentReferralsQuery } from './queries';

/** Cases a department referred to the center (诉调/警调/访调) or that were sent to it (移送法院), newest first. */
export function useDepartmentReferrals(departmentId: string, which: 'origin' | 'sentToCourt', max: number): Loadable<CaseDoc[]> {
  const built = departmentReferralsQuery(fb().db, departmentId, which, max);
  return (
    useLiveQuery(`ref:${which}:${departmentId}:${max}`, built.name, () => built.q.withConverter(converters.case)).value ?? {
      status: 'loading',
    }
  );
}

/** A county's court filing input of one month (the county's staff and administrators). */
export function useCourtFilings(countyId: string | null, month: string | null): Loadable<CourtFilingDoc[]> | null {
  return useLiveQuery(countyId && month ? `filings:${countyId}:${month}` : null, 'courtFilings.byCounty', () =>
    courtFilingsQuery(fb().db, countyId!, month!).withConverter(converters.courtFiling),
  ).value;
}

/** One court's own entries (its officer). */
export function useOwnFilings(courtId: string | null): Loadable<CourtFilingDoc[]> | null {
  return useLiveQuery(courtId ? `ownfilings:${courtId}` : null, 'courtFilings.byCourt', () =>
    courtOwnFilingsQuery(fb().db, courtId!).withConverter(converters.courtFiling),
  ).value;
}
