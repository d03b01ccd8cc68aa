/**
 * Policy, calendar and webhook configuration, read from Firestore and kept per function instance
 * (per Firestore client) by a listener on exactly what was asked for: a county's policy document,
 * each calendar year by its ID (only the years a computation needs: `withCalendar`), the active
 * webhooks query. A cold instance reads each of them once, when first asked (one read a document;
 * the webhooks query one read when empty); a warm one reads nothing; a change — by a callable, the
 * CLI, the seed or by hand in the Firebase console — reaches each instance listening to that
 * document as one read, normally well under a second after it is written. No timer, and no
 * other document is read to learn that something changed.
 *
 * config/version is still bumped by every writer of a calendar year or a policy (in the same
 * batch) as a record of configuration changes; instances no longer read it.
 */
import {
  type BulkWriter,
  type DocumentReference,
  type DocumentSnapshot,
  FieldValue,
  type Firestore,
  type QuerySnapshot,
  type Transaction,
  type WriteBatch,
} from 'firebase-admin/firestore';
import {
  CalendarRangeError,
  type CalendarYearData,
  type DeadlinePolicy,
  type DirectoryDoc,
  type DirectoryPatch,
  WorkCalendar,
  defaultPolicy,
  emptyDirectory,
} from '../domain';
import { increments, refs, writeIncrements } from './db';
import type { WebhookDoc } from '../domain/webhooks';
import { activeWebhooks } from './queries';

type Watched = {
  /** Resolves at the listener's first snapshot (or its failure). */
  ready: Promise<void>;
  /** The latest snapshot's value, once there is one. */
  value: { v: unknown } | null;
  stop: (() => void) | null;
};
const states = new Map<Firestore, Map<string, Watched>>();

/**
 * The value under `key`, kept current by a listener started at the first call (`listen` hands it
 * each snapshot's value, or a failure). A failed listener (or one whose snapshot could not be
 * read, e.g. a malformed document) is dropped and `once` answers instead; the next call starts a
 * listener again.
 */
async function watched<T>(
  db: Firestore,
  key: string,
  listen: (next: (v: T) => void, fail: () => void) => () => void,
  once: () => Promise<T>,
): Promise<T> {
  let m = states.get(db);
  if (!m) {
    m = new Map();
    states.set(db, m);
  }
  const map = m;
  let w = map.get(key);
  if (!w) {
    const entry: Watched = { ready: Promise.resolve(), value: null, stop: null };
    entry.ready = new Promise<void>((resolve) => {
      entry.stop = listen(
        (v) => {
          entry.value = { v };
          resolve();
        },
        () => {
          entry.value = null;
          entry.stop?.();
          if (map.get(key) === entry) map.delete(key);
          resolve();
        },
      );
    });
    map.set(key, entry);
    w = entry;
  }
  await w.ready;
  return w.value ? (w.value.v as T) : once();
}

/** A listener callback that turns a snapshot into a value, and a failure to read it into `fail`. */
function reading<S, T>(map: (snap: S) => T, next: (v: T) => void, fail: () => void): (snap: S) => void {
  return (snap) => {
    let v: T;
    try {
      v = map(snap);
    } catch {
      fail();
      return;
    }
    next(v);
  };
}

/** Stop every configuration listener and forget what they held (tests; the CLI after an import). */
export function clearConfigCache() {
  for (const m of states.values()) for (const w of m.values()) w.stop?.();
  states.clear();
}

/**
 * Records a configuration change (config/version: a counter, what changed and when), in the
 * writer that makes it so both commit together. Instances do not need it to see the change: they
 * listen to the documents themselves.
 */
export function bumpConfigVersion(db: Firestore, w: WriteBatch | Transaction | BulkWriter, changed: string): void {
  writeIncrements(w, increments(db).configVersion(), { changed, updatedAt: new Date() }, { version: FieldValue.increment(1) });
}

/** The same, on its own (a writer that commits by itself). */
export async function bumpConfigVersionNow(db: Firestore, changed: string): Promise<void> {
  const b = db.batch();
  bumpConfigVersion(db, b, changed);
  await b.commit();
}

/** One document kept by a listener (`watched`), mapped by `of` (an absent document too). */
function watchedDoc<D, T>(db: Firestore, key: string, ref: DocumentReference<D>, of: (d: D | undefined) => T): Promise<T> {
  return watched<T>(
    db,
    key,
    (next, fail) =>
      ref.onSnapshot(
        reading((snap: DocumentSnapshot<D>) => of(snap.data()), next, fail),
        fail,
      ),
    async () => of((await ref.get()).data()),
  );
}

export function loadPolicy(db: Firestore, countyId: string): Promise<DeadlinePolicy> {
  return watchedDoc(db, `policy:${countyId}`, refs(db).policy(countyId), (d) => d ?? defaultPolicy(countyId));
}

/**
 * A county's directory (domain/directory.ts: its grids, departments and robots), kept by a
 * listener like the policy; an absent document reads as empty (every name is then read).
 */
export function loadDirectory(db: Firestore, countyId: string): Promise<DirectoryDoc> {
  return watchedDoc(db, `directory:${countyId}`, refs(db).directory(countyId), (d) => d ?? emptyDirectory(countyId));
}

/** Writes directory entries (set or removed) in any writer: merges, no read. */
export function writeDirectoryPatches(
  db: Firestore,
  w: WriteBatch | Transaction | BulkWriter,
  patches: readonly DirectoryPatch[],
  at: Date,
): void {
  for (const p of patches) {
    writeIncrements(
      w,
      increments(db).directory(p.countyId),
      { countyId: p.countyId, updatedAt: at },
      {
        [p.field]: { [p.id]: p.value === null ? FieldValue.delete() : p.value },
      },
    );
  }
}

/** The calendar of these years, each read by its ID (a year not imported is simply absent). */
export async function loadCalendar(db: Firestore, years: Iterable<number>): Promise<WorkCalendar> {
  const ys = [...new Set(years)].filter((y) => Number.isInteger(y) && y >= 2000 && y <= 2100);
  const of = (d: CalendarYearData | undefined): CalendarYearData | null =>
    d ? { year: d.year, offDays: d.offDays, workdays: d.workdays } : null;
  const loaded = await Promise.all(ys.map((y) => watchedDoc(db, `year:${y}`, refs(db).calendarYear(y), of)));
  return new WorkCalendar(loaded.filter((y) => y !== null));
}

/** The years from `from` to `to` (instants or years), for a computation over that span. */
export function yearsOf(...at: (Date | number)[]): number[] {
  const ys = at.map((a) => (typeof a === 'number' ? a : Number(new Date(a.getTime() + 8 * 3_600_000).toISOString().slice(0, 4))));
  const out: number[] = [];
  for (let y = Math.min(...ys); y <= Math.max(...ys); y++) out.push(y);
  return out;
}

/**
 * Runs `compute` with the calendar years it needs, read by ID: first `years`; when the
 * computation asked for a year it did not have (a limit that runs into the next year), that year
 * is read — or found missing — and the computation runs again. `compute` must be pure.
 */
export async function withCalendar<T>(db: Firestore, years: number[], compute: (cal: WorkCalendar) => T): Promise<T> {
  const want = new Set(years);
  for (;;) {
    const cal = await loadCalendar(db, want);
    let out: T;
    try {
      out = compute(cal);
    } catch (e) {
      const more = [...cal.misses].filter((y) => !want.has(y));
      if (!(e instanceof CalendarRangeError) || !more.length) throw e;
      for (const y of more) want.add(y);
      continue;
    }
    const more = [...cal.misses].filter((y) => !want.has(y));
    if (!more.length) return out;
    for (const y of more) want.add(y);
  }
}

/** The active webhooks (robots), kept by a listener on the query: a change is seen without a bump. */
export function loadWebhooks(db: Firestore): Promise<WebhookDoc[]> {
  const q = activeWebhooks(db);
  return watched<WebhookDoc[]>(
    db,
    'webhooks',
    (next, fail) =>
      q.onSnapshot(
        reading((snap: QuerySnapshot<WebhookDoc>) => snap.docs.map((d) => d.data()), next, fail),
        fail,
      ),
    async () => (await q.get()).docs.map((d) => d.data()),
  );
}
