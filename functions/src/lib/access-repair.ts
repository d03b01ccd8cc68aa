/**
 * `fengqiao access verify|rebuild`: finds cases whose stored relation (the access lists the
 * rules check) differs from what `caseAccess` computes from the case itself, and private
 * documents that still carry access lists of their own (from before one model), and repairs
 * them. Pages through the cases by document ID, one read each; repairs in batches.
 */
import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import { caseAccess, sameAccess } from '../domain';
import { uncheckedRefs } from './db';
import { casesById } from './queries';

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
  const pageSize = opts.pageSize ?? 300;
  const report: AccessReport = { casesRead: 0, drifted: [], driftedCount: 0, staleCopies: 0, repaired: 0 };
  let after: string | null = null;
  for (;;) {
    let q = casesById(db, opts.countyId).limit(pageSize);
    if (after) q = q.startAfter(after);
    const page = await q.get();
    if (page.empty) break;
    // Raw: a private document of an older release may carry fields the schema no longer has.
    const privates = await db.getAll(...page.docs.map((d) => unchecked.casePrivate(d.id)));
    const batch = db.batch();
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
    if (writes) {
      await batch.commit();
      report.repaired += writes;
    }
    after = page.docs[page.docs.length - 1]!.id;
    if (page.size < pageSize) break;
  }
  return report;
}
