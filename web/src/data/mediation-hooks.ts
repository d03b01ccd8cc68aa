/** The console's mediation data: the county's registry, a case's mediation and sessions (live). */
import type { MediationDoc, MediationOrgDoc, MediationSessionDoc, MediatorDoc } from '@domain';
import { getDocs } from 'firebase/firestore';
import { fb } from '../firebase';
import { mediationConverters } from './convert';
import { type DocLoad, type Loadable, useLiveDoc, useLiveQuery, useOnce } from './hooks';
import { countReads } from './meter';
import { caseSessionsQuery, docs, mediationOrgsQuery, mediatorsQuery } from './queries';

export interface Registry {
  orgs: MediationOrgDoc[];
  mediators: MediatorDoc[];
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'zh-CN');

/** The county's registry (organisations and mediators with their figures), read once per `rev`. */
export function useMediationRegistry(countyId: string | null | undefined, rev = 0): Loadable<Registry> | null {
  return useOnce(countyId ? `mediationRegistry:${countyId}:${rev}` : null, async () => {
    const db = fb().db;
    const [orgs, mediators] = await Promise.all([
      getDocs(mediationOrgsQuery(db, countyId!).withConverter(mediationConverters.org)),
      getDocs(mediatorsQuery(db, countyId!).withConverter(mediationConverters.mediator)),
    ]);
    countReads('mediationOrgs.byCounty', orgs.size);
    countReads('mediators.byCounty', mediators.size);
    return { orgs: orgs.docs.map((d) => d.data()).sort(byName), mediators: mediators.docs.map((d) => d.data()).sort(byName) };
  });
}

/** One case's mediation record, live (missing until a registry mediator or an agreement is recorded). */
export function useMediation(caseId: string): DocLoad<MediationDoc> {
  return useLiveDoc(caseId, 'mediation', () => docs.mediation(fb().db, caseId).withConverter(mediationConverters.mediation));
}

/** A case's mediation sessions, live, in order. */
export function useSessions(caseId: string): Loadable<MediationSessionDoc[]> {
  return (
    useLiveQuery(caseId, 'case.sessions', () => caseSessionsQuery(fb().db, caseId).withConverter(mediationConverters.session)).value ?? {
      status: 'loading',
    }
  );
}
