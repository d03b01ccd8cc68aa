/**
 * The outbox: forms that create things (上报案件, 来访登记, and the patrol forms after them) send
 * through `submitOrQueue(name, input)`. Online, it is `call(name, input)`. Offline — or when the
 * call fails for want of a network (no answer from the server) — the payload is kept in this
 * browser, listed as pending (OutboxIndicator in the shell), and sent again when the network
 * returns (the `online` event, and retries with a growing delay). Every queued payload carries the
 * requestId its form made once, and the callables derive the new document's ID from (user,
 * requestId): a resend after a lost answer never creates a second case (reportCase and
 * recordWalkIn answer `created: false`).
 *
 * What is stored, where, for how long, who sees it (docs/architecture.md "Offline outbox"):
 * localStorage, one key per signed-in account (`fengqiao.outbox.v1.<uid>`), only the payloads
 * not yet accepted by the server; each is removed the moment the server accepts it, or when its
 * user discards it. Only that account, signed in again in this browser, sees or sends them; on a
 * shared office PC another account sees nothing of them.
 */
import type { CallableInput, CallableResult } from '@domain';
import { useSyncExternalStore } from 'react';
import { coreIfReady } from '../firebase';
import { call, codeOfError, errorMessage, isFirebaseError, isNoResponse } from './callables';
import type { Translate } from '../i18n';

/** The callables a form may queue: each has a requestId the server is idempotent on. */
export const QUEUEABLE = {
  reportCase: { kind: 'offline.kind.reportCase' },
  recordWalkIn: { kind: 'offline.kind.recordWalkIn' },
  recordPatrol: { kind: 'offline.kind.recordPatrol' },
  recordItem: { kind: 'offline.kind.recordItem' },
  recordKeyPersonVisit: { kind: 'offline.kind.recordKeyPersonVisit' },
} as const;
export type QueueableName = keyof typeof QUEUEABLE;

export type OutboxState = 'waiting' | 'sending' | 'rejected';

export interface OutboxItem<N extends QueueableName = QueueableName> {
  /** The payload's requestId: resending it is safe. */
  id: string;
  name: N;
  input: CallableInput<N>;
  /** What the user typed as its title, for the pending list. */
  title: string;
  queuedAt: number;
  state: OutboxState;
  /** Failed sends so far (network). */
  attempts: number;
  /** The next automatic try (ms since the epoch). */
  nextAt: number;
  /** Why the server refused it (state rejected), in the server's Chinese. */
  error?: string;
}

/** What `submitOrQueue` did. */
export type Submitted<N extends QueueableName> = { queued: false; result: CallableResult<N> } | { queued: true; item: OutboxItem<N> };

/** Something that happened to an item, for the toasts of the indicator. */
export type OutboxEvent =
  | { type: 'queued'; item: OutboxItem }
  | { type: 'sent'; item: OutboxItem; caseId: string | null; created: boolean; result?: unknown }
  | { type: 'rejected'; item: OutboxItem };

const KEY_PREFIX = 'fengqiao.outbox.v1.';
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 5 * 60_000;

/** The delay before try number `attempts + 1`: 2 s, 4 s, 8 s … up to 5 min, ±20 %. */
export function retryDelay(attempts: number, random = Math.random()): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random));
}

/**
 * True when the call never got an answer from the server, so the same payload may simply be sent
 * again: the browser is offline, fetch failed (TypeError), the SDK gave up waiting
 * (deadline-exceeded / unavailable), or its bare "internal" / "internal [0]" (no response at all).
 */
export function isNetworkFailure(e: unknown): boolean {
  if (e instanceof TypeError) return true;
  if (!isFirebaseError(e)) return false;
  const code = codeOfError(e);
  return code === 'unavailable' || code === 'deadline-exceeded' || code === 'network-request-failed' || isNoResponse(e);
}

const offline = () => typeof navigator !== 'undefined' && navigator.onLine === false;
const currentUid = () => coreIfReady()?.auth.currentUser?.uid ?? null;
const storageKey = (uid: string) => `${KEY_PREFIX}${uid}`;

// ── storage (one list per account) ───────────────────────────────────────────

const cache = new Map<string, OutboxItem[]>();
const listeners = new Set<() => void>();
const eventListeners = new Set<(e: OutboxEvent) => void>();
const EMPTY: OutboxItem[] = [];

function read(uid: string): OutboxItem[] {
  const hit = cache.get(uid);
  if (hit) return hit;
  let items: OutboxItem[] = EMPTY;
  try {
    const raw = localStorage.getItem(storageKey(uid));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed)) {
      // A send cut short by a reload is waiting again.
      items = (parsed as OutboxItem[]).map((i) => (i.state === 'sending' ? { ...i, state: 'waiting' as const } : i));
    }
  } catch {
    items = EMPTY;
  }
  cache.set(uid, items);
  return items;
}

function write(uid: string, items: OutboxItem[]) {
  cache.set(uid, items);
  try {
    if (items.length) localStorage.setItem(storageKey(uid), JSON.stringify(items));
    else localStorage.removeItem(storageKey(uid)); // nothing left behind once all is sent
  } catch (e) {
    console.warn('[fengqiao] outbox: could not save', e);
  }
  for (const l of listeners) l();
}

function update(uid: string, f: (items: OutboxItem[]) => OutboxItem[]) {
  write(uid, f(read(uid)));
}

function emit(e: OutboxEvent) {
  for (const l of eventListeners) l(e);
}

if (typeof window !== 'undefined') {
  // Another tab of the same browser changed a list.
  window.addEventListener('storage', (e) => {
    if (e.key?.startsWith(KEY_PREFIX)) {
      cache.delete(e.key.slice(KEY_PREFIX.length));
      for (const l of listeners) l();
    }
  });
}

/** The signed-in account's pending items, oldest first (empty for anyone else). */
export function pendingItems(uid: string): OutboxItem[] {
  return read(uid);
}

/** The pending list of an account, live. */
export function useOutbox(uid: string): OutboxItem[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => read(uid),
  );
}

/** Subscribes to queued/sent/rejected events (the indicator's toasts). */
export function onOutboxEvent(l: (e: OutboxEvent) => void): () => void {
  eventListeners.add(l);
  return () => eventListeners.delete(l);
}

// ── submitting ───────────────────────────────────────────────────────────────

function titleOf(input: unknown): string {
  const t = (input as { title?: unknown }).title;
  return typeof t === 'string' ? t.trim() : '';
}

/** What must be fixed when an item is queued rather than sent: a walk-in left without a time happened now, not when it is sent. */
function atQueueTime<N extends QueueableName>(name: N, input: CallableInput<N>): CallableInput<N> {
  if (name === 'recordWalkIn') {
    const w = input as CallableInput<'recordWalkIn'>;
    if (!w.receivedAt) return { ...w, receivedAt: new Date().toISOString() } as CallableInput<N>;
  }
  return input;
}

function enqueue<N extends QueueableName>(uid: string, name: N, input: CallableInput<N>, attempts: number): OutboxItem<N> {
  const now = Date.now();
  const item: OutboxItem<N> = {
    id: (input as { requestId: string }).requestId,
    name,
    input: atQueueTime(name, input),
    title: titleOf(input),
    queuedAt: now,
    state: 'waiting',
    attempts,
    nextAt: now + (attempts ? retryDelay(attempts) : 0),
  };
  // The same requestId again (a second press while offline) replaces, never doubles.
  update(uid, (items) => [...items.filter((i) => i.id !== item.id), item as OutboxItem]);
  emit({ type: 'queued', item: item as OutboxItem });
  schedule(uid);
  return item;
}

/**
 * Sends now, or keeps it for later when there is no network. Errors the server answered with
 * (invalid input, permission…) are thrown to the form as before: only a missing network queues.
 */
export async function submitOrQueue<N extends QueueableName>(name: N, input: CallableInput<N>): Promise<Submitted<N>> {
  const uid = currentUid();
  if (!uid) return { queued: false, result: await call(name, input) };
  if (offline()) return { queued: true, item: enqueue(uid, name, input, 0) };
  try {
    return { queued: false, result: await call(name, input) };
  } catch (e) {
    if (!isNetworkFailure(e)) throw e;
    return { queued: true, item: enqueue(uid, name, input, 1) };
  }
}

// ── sending what waits ───────────────────────────────────────────────────────

let flushing = false;
let timer: ReturnType<typeof setTimeout> | null = null;
let translate: Translate | null = null;

/** Sends every waiting item whose time has come (all of them when `all`), one at a time; one round at a time. */
export async function flush(uid: string, all = false): Promise<void> {
  if (flushing) return;
  flushing = true;
  try {
    for (;;) {
      if (offline() || currentUid() !== uid) return;
      const now = Date.now();
      const next = read(uid).find((i) => i.state === 'waiting' && (all || i.nextAt <= now));
      if (!next) return;
      // A network failure ends the round: the others would fail too; each waits for its next try.
      if (!(await sendOne(uid, next))) return;
    }
  } finally {
    flushing = false;
    schedule(uid);
  }
}

/** Sends one item; false when the network failed (it stays, with its next try). */
async function sendOne(uid: string, item: OutboxItem): Promise<boolean> {
  update(uid, (items) => items.map((i) => (i.id === item.id ? { ...i, state: 'sending' } : i)));
  try {
    const res = (await call(item.name, item.input as never)) as { caseId?: string | null; created?: boolean };
    update(uid, (items) => items.filter((i) => i.id !== item.id));
    emit({ type: 'sent', item, caseId: res.caseId ?? null, created: res.created !== false, result: res });
    return true;
  } catch (e) {
    if (isNetworkFailure(e)) {
      const attempts = item.attempts + 1;
      update(uid, (items) =>
        items.map((i) => (i.id === item.id ? { ...i, state: 'waiting', attempts, nextAt: Date.now() + retryDelay(attempts) } : i)),
      );
      return false;
    }
    const error = translate ? errorMessage(e, translate) : e instanceof Error ? e.message : String(e);
    const rejected: OutboxItem = { ...item, state: 'rejected', error };
    update(uid, (items) => items.map((i) => (i.id === item.id ? rejected : i)));
    emit({ type: 'rejected', item: rejected });
    return true;
  }
}

function schedule(uid: string) {
  if (timer) clearTimeout(timer);
  timer = null;
  // Offline, the `online` event starts the next round.
  if (currentUid() !== uid || offline()) return;
  const waiting = read(uid).filter((i) => i.state === 'waiting');
  if (!waiting.length) return;
  const at = Math.min(...waiting.map((i) => i.nextAt));
  timer = setTimeout(() => void flush(uid), Math.max(0, at - Date.now()));
}

/**
 * Starts sending the account's waiting items: now, when the browser comes back online, and at each
 * retry time. Returns the stop function (sign-out, another account).
 */
export function startOutbox(uid: string, t: Translate): () => void {
  translate = t;
  const kick = () => void flush(uid, true);
  const online = () => {
    // Back online: every waiting item is due now.
    update(uid, (items) => items.map((i) => (i.state === 'waiting' ? { ...i, nextAt: Date.now() } : i)));
    kick();
  };
  window.addEventListener('online', online);
  kick();
  return () => {
    window.removeEventListener('online', online);
    if (timer) clearTimeout(timer);
    timer = null;
  };
}

/** Sends one item again now (the user's 重新发送, also for a rejected one after fixing the cause). */
export function retryNow(uid: string, id: string) {
  update(uid, (items) => items.map((i) => (i.id === id ? { ...i, state: 'waiting', nextAt: Date.now(), error: undefined } : i)));
  void flush(uid);
}

/** Drops an item without sending it (the user's 删除). */
export function discard(uid: string, id: string) {
  update(uid, (items) => items.filter((i) => i.id !== id));
}
