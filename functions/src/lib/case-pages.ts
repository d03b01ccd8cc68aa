/**
 * The paging the repair commands share (`fengqiao access|search verify|rebuild`): every case
 * (of a county, or all), by document ID, a page at a time — one read per case — with one write
 * batch per page that is committed only when the page wrote something.
 */
import type { Firestore, QuerySnapshot, WriteBatch } from 'firebase-admin/firestore';
import type { CaseDoc } from '../domain';
import { casesById } from './queries';

/**
 * Calls `visit` for each page of cases; `visit` adds its repairs to `batch` and says how many.
 * Returns how many writes were committed.
 */
export async function forEachCasePage(
  db: Firestore,
  opts: { countyId?: string; pageSize?: number },
  visit: (page: QuerySnapshot<CaseDoc>, batch: WriteBatch) => Promise<number>,
): Promise<number> {
  const pageSize = opts.pageSize ?? 300;
  let committed = 0;
  let after: string | null = null;
  for (;;) {
    let q = casesById(db, opts.countyId).limit(pageSize);
    if (after) q = q.startAfter(after);
    const page = await q.get();
    if (page.empty) break;
    const batch = db.batch();
    const writes = await visit(page, batch);
    if (writes) {
      await batch.commit();
      committed += writes;
    }
    after = page.docs[page.docs.length - 1]!.id;
    if (page.size < pageSize) break;
  }
  return committed;
}
