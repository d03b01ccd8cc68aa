/**
 * `fengqiao access verify|rebuild`: finds cases whose stored relation (the access lists the
 * rules check) differs from what `caseAccess` computes from the case itself, and private
 * documents that still carry access lists of their own (from before one model), and repairs
 * them. Pages through the cases by document ID, one read each; repairs in batches.
 */
import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import { caseAccess, sameAccess } from '../domain';
import { uncheckedRefs } from './db';
import { forEachCasePage } from './case-pages';

export interface AccessReport {
  casesRead: number;
  /** Cases whose stored lists differ from their relation (IDs, at most 100 listed). */
  drifted: string[];
  driftedCount: number;
  /** Private documents that still carry their own access lists. */
  staleCopies: number;
  repaired: number;
}

export async function verifyAccess(
  db: Firestore,
  opts: { repair?: boolean; countyId?: string; pageSize?: number } = {},
): Promise<AccessReport> {
  const unchecked = uncheckedRefs(db);
  const report: AccessReport = { casesRead: 0, drifted: [], driftedCount: 0, staleCopies: 0, repaired: 0 };
  report.repaired = await forEachCasePage(db, opts, async (page, batch) => {
    // Raw: a private document of an older release may carry fields the schema no longer has.
    const privates = await db.getAll(...page.docs.map((d) => unchecked.casePrivate(d.id)));
    let writes = 0;
    page.docs.forEach((d, i) => {
      const c = d.data();
      report.casesRead++;
      const want = caseAccess(c);
      if (!sameAccess(want, c)) {
        report.driftedCount++;
        if (report.drifted.length < 100) report.drifted.push(c.id);
        if (opts.repair) {
          batch.update(d.ref.withConverter(null), { ...want });
          writes++;
        }
      }
      const p = privates[i]!.data();
      if (p && ('accessUnits' in p || 'accessUids' in p || 'accessDepartments' in p)) {
        report.staleCopies++;
        if (opts.repair) {
          batch.update(privates[i]!.ref, {
            accessUnits: FieldValue.delete(),
            accessUids: FieldValue.delete(),
            accessDepartments: FieldValue.delete(),
          });
          writes++;
        }
      }
    });
    return writes;
  });
  return report;
}
