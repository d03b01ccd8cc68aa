/**
 * Keeps each county's directory (domain/directory.ts) in step with its grids, departments and
 * webhooks: the triggers on those collections hand their before/after here. Idempotent (a merge
 * of what the documents say), so a retried or repeated event changes nothing more.
 */
import type { Firestore } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions';
import { DepartmentDoc, GridDoc, WebhookDoc, directoryOf, directoryPatches } from '../domain';
import { writeDirectoryPatches } from './config';
import { refs } from './db';
import { departmentsOfCounty, gridsOfCounty, webhooksOfCounty } from './queries';

const SCHEMA = { grid: GridDoc, department: DepartmentDoc, webhook: WebhookDoc } as const;

/** Applies one write of a grid, department or webhook to its county's directory; the number of entries changed. */
export async function syncDirectory(
  db: Firestore,
  what: keyof typeof SCHEMA,
  id: string,
  before: unknown,
  after: unknown,
  at = new Date(),
): Promise<number> {
  // A malformed document (a hand edit) counts as absent: the command then reads it, and refuses it.
  const parse = (d: unknown) => {
    const r = d === undefined || d === null ? null : SCHEMA[what].safeParse(d);
    return r?.success ? r.data : null;
  };
  const patches = directoryPatches(what, id, parse(before), parse(after));
  if (!patches.length) return 0;
  const b = db.batch();
  writeDirectoryPatches(db, b, patches, at);
  await b.commit();
  return patches.length;
}

/**
 * Rebuilds a county's directory from its grids, departments and webhooks, in one transaction (a
 * trigger's merge meanwhile makes it run again). Sets `robotsSince`: from then on commands write
 * on each event the robots its alerts go to. Run once per county when this release is deployed
 * (`fengqiao directory rebuild --county C`); the seed writes it for the demo counties.
 */
export async function rebuildDirectory(
  db: Firestore,
  countyId: string,
  at = new Date(),
): Promise<{ grids: number; departments: number; robots: number }> {
  return db.runTransaction(async (tx) => {
    const [grids, departments, webhooks] = await Promise.all([
      tx.get(gridsOfCounty(db, countyId)),
      tx.get(departmentsOfCounty(db, countyId)),
      tx.get(webhooksOfCounty(db, countyId)),
    ]);
    const dir = directoryOf(
      countyId,
      grids.docs.map((d) => d.data()),
      departments.docs.map((d) => d.data()),
      webhooks.docs.map((d) => d.data()),
      at,
    );
    tx.set(refs(db).directory(countyId), dir);
    return { grids: grids.size, departments: departments.size, robots: Object.keys(dir.robots).length };
  });
}

/**
 * A grid or department a command found by reading, added to the directory so the next one is not
 * read. Best effort: the command never fails for it (the trigger or the next read adds it), nor
 * for a document that does not parse (read lazily, inside the guard).
 */
export async function learnDirectoryEntry(db: Firestore, what: 'grid' | 'department', id: string, data: () => unknown): Promise<void> {
  try {
    await syncDirectory(db, what, id, null, data());
  } catch (e) {
    logger.warn('directory entry not written', { what, id, error: String(e) });
  }
}
