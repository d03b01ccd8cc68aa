/**
 * `fengqiao search verify|rebuild`: finds cases whose search data is missing or stale — the
 * title tokens on the case (`searchTokens`) and the parties' keyed hashes in `caseSearch/{id}`
 * (made with the key in force) — and rebuilds them (cases from before search, or after the key
 * changed). Pages through the cases by document ID like `fengqiao access rebuild`.
 */
import type { Firestore } from 'firebase-admin/firestore';
import { CasePrivateDoc, titleTokens } from '../domain';
import { refs, uncheckedRefs } from './db';
import { forEachCasePage } from './case-pages';
import { keyId, searchDocFor, searchKey, writeSearchDoc } from './search-index';

export interface SearchReport {
  casesRead: number;
  /** Cases whose title tokens differ from their title. */
  staleTokens: number;
  /** Cases whose search document is missing, of another key, or differs from their parties. */
  staleKeys: number;
  /** Cases without a readable private part (nothing to hash). */
  noParties: number;
  repaired: number;
}

export async function verifySearch(
  db: Firestore,
  opts: { repair?: boolean; countyId?: string; pageSize?: number } = {},
): Promise<SearchReport> {
  const r = refs(db);
  const key = searchKey();
  const kid = keyId(key);
  const report: SearchReport = { casesRead: 0, staleTokens: 0, staleKeys: 0, noParties: 0, repaired: 0 };
  report.repaired = await forEachCasePage(db, opts, async (page, batch) => {
    const [privates, searches] = await Promise.all([
      Promise.all(page.docs.map((d) => uncheckedRefs(db).casePrivate(d.id).get())),
      Promise.all(page.docs.map((d) => r.caseSearch(d.id).get())),
    ]);
    let writes = 0;
    page.docs.forEach((d, i) => {
      const c = d.data();
      report.casesRead++;
      const tokens = titleTokens(c.title);
      if (tokens.join('\u0000') !== c.searchTokens.join('\u0000')) {
        report.staleTokens++;
        if (opts.repair) {
          batch.update(d.ref.withConverter(null), { searchTokens: tokens });
          writes++;
        }
      }
      const p = CasePrivateDoc.safeParse(privates[i]!.data());
      if (!p.success) {
        report.noParties++;
        return;
      }
      const want = searchDocFor(p.data, key);
      const have = searches[i]!.data();
      if (!have || have.keyId !== kid || have.keys.join(',') !== want.keys.join(',') || have.countyId !== want.countyId) {
        report.staleKeys++;
        if (opts.repair) {
          writeSearchDoc(db, batch, want);
          writes++;
        }
      }
    });
    return writes;
  });
  return report;
}
