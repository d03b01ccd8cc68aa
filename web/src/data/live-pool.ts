/**
 * Listeners kept alive across navigation (wall (issue 12)): when a page unmounts, its live
 * queries keep listening for KEEP_MS, so coming back within that time shows the latest result
 * at once and bills only what changed meanwhile (Firestore bills a listener's changes, not a
 * new full read). Memory only — no persistent cache of personal data on shared office PCs —
 * and dropped on sign-out (`dropKeptListeners`).
 */
export const KEEP_MS = 5 * 60_000;

type Listener<V> = (v: V) => void;
interface Entry<V> {
  value: V | undefined;
  subs: Set<Listener<V>>;
  stop: () => void;
  timer: ReturnType<typeof setTimeout> | null;
  /** A failed listener is not kept (Firestore ends it; the next visit starts afresh). */
  failed: boolean;
}

const pool = new Map<string, Entry<unknown>>();

/**
 * Subscribes to the shared listener `id` (starting it with `start` when there is none); `onValue`
 * gets the latest value at once when there is one. Returns the unsubscribe.
 */
export function subscribeKept<V>(
  id: string,
  start: (emit: (v: V, failed?: boolean) => void) => () => void,
  onValue: Listener<V>,
): () => void {
  let e = pool.get(id) as Entry<V> | undefined;
  if (!e) {
    const entry: Entry<V> = { value: undefined, subs: new Set(), stop: () => undefined, timer: null, failed: false };
    pool.set(id, entry as Entry<unknown>);
    entry.stop = start((v, failed = false) => {
      entry.value = v;
      entry.failed = failed;
      for (const s of entry.subs) s(v);
    });
    e = entry;
  } else if (e.timer) {
    clearTimeout(e.timer);
    e.timer = null;
  }
  const entry = e;
  entry.subs.add(onValue);
  if (entry.value !== undefined) onValue(entry.value);
  return () => {
    entry.subs.delete(onValue);
    if (entry.subs.size) return;
    const drop = () => {
      if (pool.get(id) === entry) pool.delete(id);
      entry.stop();
    };
    if (entry.failed) drop();
    else entry.timer = setTimeout(drop, KEEP_MS);
  };
}

/** One-shot results (regions, grids, departments…), kept as long: a page opened again reads nothing. */
const once = new Map<string, { data: unknown; at: number }>();

export function keptOnce(key: string): unknown {
  const e = once.get(key);
  if (!e) return undefined;
  if (Date.now() - e.at > KEEP_MS) {
    once.delete(key);
    return undefined;
  }
  return e.data;
}

export function keepOnce(key: string, data: unknown) {
  once.set(key, { data, at: Date.now() });
}

/** Stops every kept listener and forgets kept results (sign-out: the next user of the PC starts with nothing). */
export function dropKeptListeners() {
  once.clear();
  for (const [id, e] of pool) {
    if (e.timer) clearTimeout(e.timer);
    e.stop();
    pool.delete(id);
  }
}

/** How many listeners are kept or in use (the browser test reads it). */
export function keptListeners(): number {
  return pool.size;
}
