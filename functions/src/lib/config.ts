/**
 * Policy, calendar and webhook configuration, read from Firestore and cached per function
 * instance (per Firestore client) until it changes. Every writer of a calendar year or a policy
 * (callables, CLI, seed) bumps config/version (`bumpConfigVersion`, in the same batch); webhooks
 * are written by hand, and take effect at the next bump (docs/operations.md). Each instance keeps a
 * listener on that one document (one read when it starts, one per bump) and drops its cache when
 * the version moves. No timer: a warm instance reads no configuration at all, and a change is
 * seen as soon as the listener delivers it (normally well under a second).
 *
 * Calendar years are read by ID, only those a computation asks for (`withCalendar`).
 */
import { type BulkWriter, FieldValue, type Firestore, type Transaction, type WriteBatch } from 'firebase-admin/firestore';
import { CalendarRangeError, type CalendarYearData, type DeadlinePolicy, WorkCalendar, defaultPolicy } from '../domain';
import { increments, refs, writeIncrements } from './db';
import type { WebhookDoc } from '../domain/webhooks';
import { activeWebhooks } from './queries';

type State = {
  /** The version the cached entries belong to: its number and write time (null: not known yet). */
  version: string | null;
  entries: Map<string, Promise<unknown>>;
  ready: Promise<void> | null;
  stop: (() => void) | null;
};
const states = new Map<Firestore, State>();

function stateOf(db: Firestore): State {
  let s = states.get(db);
  if (!s) {
    s = { version: null, entries: new Map(), ready: null, stop: null };
    states.set(db, s);
  }
  return s;
}

/** Starts this client's listener on config/version once; resolves at its first snapshot. */
function watch(db: Firestore, s: State): Promise<void> {
  if (s.ready) return s.ready;
  s.ready = new Promise<void>((resolve) => {
    let first = true;
    const settle = () => {
      if (first) {
        first = false;
        resolve();
      }
    };
    s.stop = refs(db)
      .configVersion()
      .onSnapshot(
        (snap) => {
          // The write time too: a reset that deletes and re-creates the document moves it.
          const v = `${snap.data()?.version ?? 0}@${snap.updateTime?.toMillis() ?? 0}`;
          if (v !== s.version) {
            s.entries.clear();
            s.version = v;
          }
          settle();
        },
        () => {
          // The listener failed: cache nothing, and start again at the next call.
          s.entries.clear();
          s.version = null;
          s.ready = null;
          s.stop = null;
          settle();
        },
      );
  });
  return s.ready;
}

async function cached<T>(db: Firestore, key: string, load: () => Promise<T>): Promise<T> {
  const s = stateOf(db);
  await watch(db, s);
  const hit = s.entries.get(key) as Promise<T> | undefined;
  if (hit) return hit;
  const version = s.version;
  const p = load();
  if (version !== null) s.entries.set(key, p);
  try {
    const value = await p;
    // A bump while loading: the value may be older than the bump; the next call reads again.
    if (s.version !== version && s.entries.get(key) === p) s.entries.delete(key);
    return value;
  } catch (e) {
    if (s.entries.get(key) === p) s.entries.delete(key);
    throw e;
  }
}

/** Forget cached configuration and stop the listeners (tests; the CLI after an import). */
export function clearConfigCache() {
  for (const s of states.values()) s.stop?.();
  states.clear();
}

/**
 * Marks the configuration as changed, in the writer that changes it (so both commit together):
 * every instance's listener sees the new version and drops its cache.
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

export function loadPolicy(db: Firestore, countyId: string): Promise<DeadlinePolicy> {
  return cached(db, `policy:${countyId}`, async () => (await refs(db).policy(countyId).get()).data() ?? defaultPolicy(countyId));
}

/** The calendar of these years, each read by its ID (a year not imported is simply absent). */
export async function loadCalendar(db: Firestore, years: Iterable<number>): Promise<WorkCalendar> {
  const ys = [...new Set(years)].filter((y) => Number.isInteger(y) && y >= 2000 && y <= 2100);
  const loaded = await Promise.all(
    ys.map((y) =>
      cached<CalendarYearData | null>(db, `year:${y}`, async () => {
        const d = (await refs(db).calendarYear(y).get()).data();
        return d ? { year: d.year, offDays: d.offDays, workdays: d.workdays } : null;
      }),
    ),
  );
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

export function loadWebhooks(db: Firestore): Promise<WebhookDoc[]> {
  return cached(db, 'webhooks', async () => (await activeWebhooks(db).get()).docs.map((d) => d.data()));
}
