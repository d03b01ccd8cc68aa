/**
 * 案件查询 (searchCases): finds cases by number, title words and a party's name, phone or ID
 * number, and answers only those the caller may read (`canReadCase`, the rules' relation).
 * Personal data is matched by keyed hash (lib/search-index.ts) in the server-only `caseSearch`
 * collection; the caller's query never reaches a client-readable index.
 */
import type { Firestore } from 'firebase-admin/firestore';
import {
  type CaseDoc,
  type CaseSummary,
  type Claims,
  type SearchMatch,
  SEARCH_LIMIT,
  canReadCase,
  matchesTokens,
  planSearch,
  unitForTier,
} from '../domain';
import { refs } from './db';
import { casesWithKey, casesWithToken } from './queries';
import { hashTerm } from './search-index';

/** How many candidates one query reads before the relation filters them. */
const CANDIDATES = 100;

export async function searchCases(db: Firestore, claims: Claims, uid: string, query: string): Promise<{ cases: CaseSummary[] }> {
  const r = refs(db);
  const plan = planSearch(query);
  const found = new Map<string, { c: CaseDoc; matched: Set<SearchMatch> }>();
  const add = (c: CaseDoc | undefined, how: SearchMatch) => {
    if (!c || !canReadCase(claims, uid, c)) return;
    const hit = found.get(c.id) ?? { c, matched: new Set<SearchMatch>() };
    hit.matched.add(how);
    found.set(c.id, hit);
  };
  if (plan.kind === 'number') {
    add((await r.case(plan.caseId).get()).data(), 'number');
  } else {
    const county = claims.c;
    // Personal data: the keyed hash of each term, in the county's search documents.
    const ids = new Set<string>();
    for (const term of plan.partyTerms) {
      for (const d of (await casesWithKey(db, county, hashTerm(term)).limit(CANDIDATES).get()).docs) ids.add(d.id);
    }
    if (ids.size) {
      for (const s of await Promise.all([...ids].map((id) => r.case(id).get()))) add(s.data(), 'party');
    }
    // Title words: one token in the query, the others filter.
    if (plan.tokens.length) {
      const snap = await casesWithToken(db, county, plan.tokens[0]!).limit(CANDIDATES).get();
      for (const d of snap.docs) {
        const c = d.data();
        if (matchesTokens(c.searchTokens, plan.tokens)) add(c, 'title');
      }
    }
  }
  const hits = [...found.values()].sort((a, b) => b.c.updatedAt.getTime() - a.c.updatedAt.getTime()).slice(0, SEARCH_LIMIT);
  const names = await unitNames(
    db,
    hits.map((h) => h.c),
  );
  return {
    cases: hits.map(({ c, matched }) => ({
      id: c.id,
      title: c.title,
      state: c.state,
      tier: c.tier,
      unitId: c.unitId,
      unitName: names.get(c.unitId) ?? '',
      updatedAt: c.updatedAt.toISOString(),
      matched: [...matched].sort(),
    })),
  };
}

/** Names of the units handling these cases (regions, or grids for grid-tier cases). */
async function unitNames(db: Firestore, cases: CaseDoc[]): Promise<Map<string, string>> {
  const r = refs(db);
  const out = new Map<string, string>();
  const grids = [...new Set(cases.filter((c) => c.tier === 'grid').map((c) => c.gridId))];
  const regions = [...new Set(cases.filter((c) => c.tier !== 'grid').map((c) => unitForTier(c, c.tier)))];
  const snaps = await Promise.all([...grids.map((id) => r.grid(id).get()), ...regions.map((id) => r.region(id).get())]);
  for (const s of snaps) {
    const d = s.data();
    if (d) out.set(s.id, d.name);
  }
  return out;
}
