/**
 * React hooks over the queries in ./queries.ts. Live data uses onSnapshot, shared by key and
 * kept for a few minutes after its page unmounts (./live-pool.ts: returning to a page bills only
 * what changed); permission errors become states, never crashes. Every read is counted by
 * ./meter.ts.
 */
import {
  type AlertDoc,
  type CalendarYearDoc,
  type CaseDoc,
  type CaseEvent,
  type CasePrivateDoc,
  type CounterDoc,
  type DeadlinePolicy,
  type DepartmentDoc,
  type GridDoc,
  type RegionDoc,
  type ResidentRequestDoc,
  type StaffDoc,
  type UserDoc,
  sumCounters,
} from '@domain';
import {
  type DocumentReference,
  type FirestoreDataConverter,
  type Query,
  type QueryDocumentSnapshot,
  type QuerySnapshot,
  arrayUnion,
  getDoc,
  getDocs,
  onSnapshot,
  updateDoc,
} from 'firebase/firestore';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Claims } from '@domain';
import { fb } from '../firebase';
import { ALERT_BADGE_LIMIT, BOARD_PAGE_SIZE } from './budget';
import { converters } from './convert';
import { dropKeptListeners, keepOnce, keptOnce, subscribeKept } from './live-pool';
import { countReads, countUpdates } from './meter';
import {
  type BoardParams,
  type ListableScope,
  alertRecipients,
  alertsQuery,
  boardQuery,
  calendarYearsQuery,
  caseEventsQuery,
  countersQuery,
  deadlineListQuery,
  departmentsQuery,
  docs,
  gridsByVillageQuery,
  myRequestsQuery,
  regionsByParentQuery,
  areaChildrenQuery,
  staffQuery,
  usersQuery,
} from './queries';

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; code: string; message: string };

/** The error's code (FirestoreError and FirebaseError); `instanceof` is unreliable across the SDK's bundles. */
export function codeOf(e: unknown): string {
  const code = e && typeof e === 'object' && 'code' in e ? (e as { code: unknown }).code : null;
  return typeof code === 'string' ? code : 'unknown';
}

function errorState(e: unknown): { status: 'error'; code: string; message: string } {
  return { status: 'error', code: codeOf(e), message: e instanceof Error ? e.message : String(e) };
}

/** Counts a snapshot's billed reads: the whole result first, then what changed. */
function meterSnapshot(label: string) {
  let first = true;
  return (snap: QuerySnapshot) => {
    if (snap.metadata.fromCache && snap.empty) return; // nothing billed yet
    if (first) countReads(label, snap.size);
    else countUpdates(snap.docChanges().filter((c) => c.type !== 'removed').length);
    first = false;
  };
}

/**
 * A live query. `key` names everything the query depends on (null: no query); while a new key
 * loads, the previous data stays visible (`stale`), so lists do not jump.
 */
export function useLiveQuery<T>(key: string | null, label: string, build: () => Query<T>): { value: Loadable<T[]> | null; stale: boolean } {
  const [state, setState] = useState<{ key: string; value: Loadable<T[]> } | null>(null);
  const buildRef = useRef(build);
  buildRef.current = build;
  useEffect(() => {
    if (!key) return undefined;
    // Shared and kept for a while after the page leaves (./live-pool.ts): a return bills only changes.
    return subscribeKept<Loadable<T[]>>(
      `q|${label}|${key}`,
      (emit) => {
        const meter = meterSnapshot(label);
        return onSnapshot(
          buildRef.current(),
          (snap) => {
            meter(snap as unknown as QuerySnapshot);
            emit({ status: 'ready', data: snap.docs.map((d) => d.data()) });
          },
          (e) => emit(errorState(e), true),
        );
      },
      (value) => setState({ key, value }),
    );
    // `key` says everything the query depends on.
  }, [key, label]);
  if (!key) return { value: null, stale: false };
  if (state?.key === key) return { value: state.value, stale: false };
  return { value: state?.value.status === 'ready' ? state.value : { status: 'loading' }, stale: !!state };
}

/** A live document. */
export type DocLoad<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'missing' }
  | { status: 'denied' }
  | { status: 'error'; code: string; message: string };

export function useLiveDoc<T>(key: string | null, label: string, ref: () => DocumentReference<T>): DocLoad<T> {
  const [state, setState] = useState<{ key: string; value: DocLoad<T> } | null>(null);
  const refFn = useRef(ref);
  refFn.current = ref;
  useEffect(() => {
    if (!key) return undefined;
    return subscribeKept<DocLoad<T>>(
      `d|${label}|${key}`,
      (emit) => {
        let first = true;
        return onSnapshot(
          refFn.current(),
          (snap) => {
            if (snap.metadata.fromCache) return emit(snap.exists() ? { status: 'ready', data: snap.data() } : { status: 'missing' });
            if (first) countReads(label, 1);
            else countUpdates(1);
            first = false;
            emit(snap.exists() ? { status: 'ready', data: snap.data() } : { status: 'missing' });
          },
          (e) => emit(e.code === 'permission-denied' ? { status: 'denied' } : errorState(e), true),
        );
      },
      (value) => setState({ key, value }),
    );
  }, [key, label]);
  return state?.key === key ? state.value : { status: 'loading' };
}

// ── cases ──────────────────────────────────────────────────────────────────────────────────

export interface BoardPage {
  rows: CaseDoc[];
  hasNext: boolean;
}

/**
 * The live case board, one page at a time with cursor pagination: only the page on screen has a
 * listener. New and changed cases on that page appear without a reload; while the next page
 * loads, the previous rows stay (marked stale) so the list does not jump.
 */
export function useBoardPage(scope: ListableScope, params: BoardParams) {
  const paramsKey = JSON.stringify([scope.field, scope.value, params.sort, params.filter, params.overdue]);
  // cursors[i] is the last document of page i; the page shown is cursors.length.
  const [paging, setPaging] = useState<{ key: string; cursors: QueryDocumentSnapshot[] }>({ key: paramsKey, cursors: [] });
  const cursors = paging.key === paramsKey ? paging.cursors : [];
  const page = cursors.length;
  const after = page > 0 ? cursors[page - 1]! : null;
  const key = `${paramsKey}@${page}:${after?.id ?? ''}`;
  const [state, setState] = useState<{ key: string; value: Loadable<BoardPage & { last: QueryDocumentSnapshot | null }> } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by value (a string key of the inputs), so a new object with the same content does not re-subscribe
  useEffect(() => {
    const { name, q } = boardQuery(fb().db, scope, params, after);
    const meter = meterSnapshot(name);
    return onSnapshot(
      q.withConverter(converters.case),
      (snap) => {
        meter(snap as unknown as QuerySnapshot);
        const shown = snap.docs.slice(0, BOARD_PAGE_SIZE);
        setState({
          key,
          value: {
            status: 'ready',
            data: { rows: shown.map((d) => d.data()), hasNext: snap.size > BOARD_PAGE_SIZE, last: shown[shown.length - 1] ?? null },
          },
        });
      },
      (e) => setState({ key, value: errorState(e) }),
    );
    // `key` says everything the query depends on.
  }, [key]);
  const current = state?.key === key ? state.value : null;
  const value: Loadable<BoardPage> = current ?? (state?.value.status === 'ready' ? state.value : { status: 'loading' });
  const stale = !current && !!state;
  const next = useCallback(() => {
    if (current?.status === 'ready' && current.data.last && current.data.hasNext)
      setPaging({ key: paramsKey, cursors: [...cursors, current.data.last] });
  }, [current, paramsKey, cursors]);
  const prev = useCallback(() => setPaging({ key: paramsKey, cursors: cursors.slice(0, -1) }), [paramsKey, cursors]);
  const first = useCallback(() => setPaging({ key: paramsKey, cursors: [] }), [paramsKey]);
  return { value, stale, page, next, prev, first };
}

/** The dashboard's overdue or due-soon list (bounded by DEADLINE_LIST_LIMIT, or `max`). */
export function useDeadlineList(
  scope: ListableScope | null,
  kind: 'overdue' | 'dueSoon',
  now: Date,
  horizon: Date,
  max?: number,
): Loadable<CaseDoc[]> | null {
  const key = scope ? `${kind}:${scope.field}:${scope.value}:${now.getTime()}:${horizon.getTime()}:${max ?? ''}` : null;
  return useLiveQuery(key, `deadlines.${kind}`, () =>
    deadlineListQuery(fb().db, scope!, kind, now, horizon, max).withConverter(converters.case),
  ).value;
}

/**
 * Cases dispatched to a department (the department view), live: by next deadline (what is
 * running, pending check-ins first) or newest first (everything, finished ones too).
 */
export function useDepartmentCases(
  departmentId: string,
  max: number,
  sort: 'deadline' | 'updated',
): { value: Loadable<CaseDoc[]>; stale: boolean } {
  const scope: ListableScope = { kind: 'scope', field: 'accessDepartments', value: departmentId };
  const built = boardQuery(fb().db, scope, { sort, filter: null, overdue: false }, null, max);
  const live = useLiveQuery(`dept:${departmentId}:${max}:${sort}`, built.name, () => built.q.withConverter(converters.case));
  return { value: live.value ?? { status: 'loading' }, stale: live.stale };
}

/** One case, live. */
export function useCase(caseId: string): DocLoad<CaseDoc> {
  return useLiveDoc(caseId, 'case', () => docs.case(fb().db, caseId).withConverter(converters.case));
}

/** A case's history, live, in order. */
export function useCaseEvents(caseId: string): Loadable<CaseEvent[]> {
  return (
    useLiveQuery(caseId, 'case.events', () => caseEventsQuery(fb().db, caseId).withConverter(converters.event)).value ?? {
      status: 'loading',
    }
  );
}

export type PartiesState = { status: 'loading' } | { status: 'private'; data: CasePrivateDoc } | { status: 'masked' };

/**
 * The parties' personal data when this user handles the case; otherwise 'masked' (the rules deny
 * the read, and the caller shows the case's partiesMasked). Re-read when the case changes, since
 * handling (tier, handler, dispatch) may have changed.
 */
export function useCaseParties(caseId: string, caseVersion: number | null): PartiesState {
  const key = `${caseId}@${caseVersion ?? ''}`;
  const [state, setState] = useState<{ key: string; value: PartiesState } | null>(null);
  useEffect(() => {
    if (caseVersion === null) return undefined;
    let live = true;
    getDoc(docs.caseParties(fb().db, caseId).withConverter(converters.caseParties)).then(
      (snap) => {
        countReads('case.parties', 1);
        if (live) setState({ key, value: snap.exists() ? { status: 'private', data: snap.data() } : { status: 'masked' } });
      },
      (e: unknown) => {
        if (codeOf(e) !== 'permission-denied') console.warn('[fengqiao] parties', e);
        if (live) setState({ key, value: { status: 'masked' } });
      },
    );
    return () => {
      live = false;
    };
  }, [caseId, caseVersion, key]);
  // While a newer version of the same case is fetched, keep showing what we had: no flicker.
  if (!state?.key.startsWith(`${caseId}@`)) return { status: 'loading' };
  return state.value;
}

// ── dashboard ──────────────────────────────────────────────────────────────────────────────

export type CounterSum = Omit<CounterDoc, 'shard'>;

/** A unit's counters (its shards summed), live. null data: nothing counted yet. */
export function useUnitCounters(unitId: string | null): Loadable<CounterSum | null> | null {
  const live = useLiveQuery(unitId ? `counters:${unitId}` : null, 'counters', () =>
    countersQuery(fb().db, unitId!).withConverter(converters.counter),
  ).value;
  return useMemo(() => (live?.status === 'ready' ? { status: 'ready', data: sumCounters(live.data) } : live), [live]);
}

// ── alerts ─────────────────────────────────────────────────────────────────────────────────

export interface AlertsState {
  status: 'loading' | 'ready' | 'error';
  alerts: AlertDoc[];
  error: string | null;
}

/**
 * A user's alerts: one live query per recipient kind (unit, uid, department), merged newest
 * first — ONE feed per signed-in user, shared by the header badge and the inbox, so both count
 * the same alerts the same way (`unreadCount`). The feed reads the latest ALERT_BADGE_LIMIT per
 * recipient; while the inbox is open it asks for ALERTS_LIMIT, and the badge counts those too.
 */
export interface AlertFeed extends AlertsState {
  /** Unread alerts in the feed. */
  unread: number;
  /** Older alerts may exist beyond the feed (a recipient's query came back full): show "n+". */
  more: boolean;
  /** How the badge and the inbox print the unread count ("3", "10+"). */
  unreadLabel: string;
}

type FeedStore = {
  key: string;
  parts: Record<string, Loadable<AlertDoc[]>>;
  limit: number;
  unsubs: (() => void)[];
  snapshot: AlertFeed;
};
const LOADING_FEED: AlertFeed = { status: 'loading', alerts: [], error: null, unread: 0, more: false, unreadLabel: '0' };
let feed: FeedStore | null = null;
const feedListeners = new Set<() => void>();
const feedDemands = new Map<symbol, number>();

function feedSnapshot(parts: Record<string, Loadable<AlertDoc[]>>, fields: string[], limit: number, uid: string): AlertFeed {
  const vals = fields.map((f) => parts[f]);
  const err = vals.find((v) => v?.status === 'error');
  const loading = vals.some((v) => !v || v.status === 'loading');
  const seen = new Set<string>();
  const alerts: AlertDoc[] = [];
  for (const v of vals)
    if (v?.status === 'ready')
      for (const a of v.data)
        if (!seen.has(a.id)) {
          seen.add(a.id);
          alerts.push(a);
        }
  alerts.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const unread = unreadCount(alerts, uid);
  const more = vals.some((v) => v?.status === 'ready' && v.data.length >= limit) && unread > 0;
  return {
    status: err ? 'error' : loading ? 'loading' : 'ready',
    alerts,
    error: err?.status === 'error' ? err.message : null,
    unread,
    more,
    unreadLabel: more ? `${unread}+` : String(unread),
  };
}

/** Unread alerts of a user (the one rule the badge and the inbox share). */
export const unreadCount = (alerts: AlertDoc[], uid: string): number => alerts.filter((a) => !a.readBy.includes(uid)).length;

function syncFeed(claims: Claims, uid: string) {
  const recipients = alertRecipients(claims, uid);
  const limit = Math.max(ALERT_BADGE_LIMIT, ...feedDemands.values());
  const key = JSON.stringify([recipients, uid, limit]);
  if (feed?.key === key) return;
  for (const u of feed?.unsubs ?? []) u();
  // Keep what was shown while the wider (or narrower) queries load: the count does not blink.
  const kept = feed?.snapshot ?? LOADING_FEED;
  const store: FeedStore = { key, parts: {}, limit, unsubs: [], snapshot: kept };
  feed = store;
  const fields = recipients.map((r) => r.field);
  store.unsubs = recipients.map((r) => {
    const meter = meterSnapshot(`alerts.${r.field}`);
    return onSnapshot(
      alertsQuery(fb().db, r, limit).withConverter(converters.alert),
      (snap) => {
        meter(snap as unknown as QuerySnapshot);
        store.parts = { ...store.parts, [r.field]: { status: 'ready', data: snap.docs.map((d) => d.data()) } };
        if (fields.every((f) => store.parts[f])) store.snapshot = feedSnapshot(store.parts, fields, limit, uid);
        if (feed === store) for (const l of feedListeners) l();
      },
      (e) => {
        store.parts = { ...store.parts, [r.field]: errorState(e) };
        store.snapshot = feedSnapshot(store.parts, fields, limit, uid);
        if (feed === store) for (const l of feedListeners) l();
      },
    );
  });
}

/** Stops the feed (sign-out). */
export function stopAlertFeed() {
  for (const u of feed?.unsubs ?? []) u();
  feed = null;
}

/** The user's alert feed; `want` asks for more alerts per recipient while the caller is mounted. */
export function useAlertFeed(claims: Claims, uid: string, want = ALERT_BADGE_LIMIT): AlertFeed {
  const claimsKey = JSON.stringify(claims);
  const [me] = useState(() => Symbol('alert-feed'));
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by value (a string key of the inputs), so a new object with the same content does not re-subscribe
  useEffect(() => {
    feedDemands.set(me, want);
    syncFeed(claims, uid);
    for (const l of feedListeners) l();
    return () => {
      feedDemands.delete(me);
      // The badge stays mounted: narrow the feed again after the inbox closes.
      if (feedDemands.size) syncFeed(claims, uid);
      else stopAlertFeed();
    };
  }, [claimsKey, uid, want, me]);
  const subscribe = useCallback((l: () => void) => {
    feedListeners.add(l);
    return () => {
      feedListeners.delete(l);
    };
  }, []);
  return useSyncExternalStore(subscribe, () => feed?.snapshot ?? LOADING_FEED);
}

/** The header badge's figures (the same feed as the inbox). */
export function useUnreadAlerts(claims: Claims, uid: string): { unread: number; more: boolean; status: AlertsState['status'] } {
  const s = useAlertFeed(claims, uid);
  return { unread: s.unread, more: s.more, status: s.status };
}

/** Adds the user to an alert's readBy (the only client write the rules allow). */
export async function markAlertRead(alertId: string, uid: string): Promise<void> {
  await updateDoc(docs.alert(fb().db, alertId), { readBy: arrayUnion(uid) });
}

// ── a resident's requests ──────────────────────────────────────────────────────────────────

export function useMyRequests(uid: string): Loadable<ResidentRequestDoc[]> {
  return (
    useLiveQuery(`requests:${uid}`, 'requests.mine', () => myRequestsQuery(fb().db, uid).withConverter(converters.request)).value ?? {
      status: 'loading',
    }
  );
}

// ── org model (one-shot, cached for the session: it changes rarely) ─────────────────────────

const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);

/** Towns of a county or villages of a town. `rev` re-reads after an administrator's change. */
export function useRegionChildren(countyId: string, parentId: string | null | undefined): Loadable<RegionDoc[]> | null {
  return useOnce(parentId ? `regions:${countyId}:${parentId}` : null, async () => {
    const snap = await getDocs(regionsByParentQuery(fb().db, countyId, parentId!).withConverter(converters.region));
    countReads('regions.byParent', snap.size);
    return snap.docs.map((d) => d.data()).sort(byId);
  });
}

/**
 * The areas a city or province administrator manages users in: its own unit, the areas below it
 * (a city's counties; a province's cities and their counties), by name — never shown as codes.
 */
export function useAdminAreas(claims: { c?: string; u: string }): Loadable<{ id: string; name: string }[]> | null {
  const upper = !claims.c && /^(\d{2}|\d{4})$/.test(claims.u);
  return useOnce(upper ? `adminAreas:${claims.u}` : null, async () => {
    const children = async (parentId: string) => {
      const snap = await getDocs(areaChildrenQuery(fb().db, parentId).withConverter(converters.region));
      countReads('regions.areaChildren', snap.size);
      return snap.docs.map((d) => d.data()).sort(byId);
    };
    const below = await children(claims.u);
    const deeper = claims.u.length === 2 ? (await Promise.all(below.map((x) => children(x.id)))).flat() : [];
    return [...below, ...deeper].map((r) => ({ id: r.id, name: r.name }));
  });
}

/** Grids of a village (one-shot; `rev` forces a re-read). */
export function useVillageGrids(countyId: string, villageId: string | null | undefined, rev = 0): Loadable<GridDoc[]> | null {
  return useOnce(villageId ? `grids:${countyId}:${villageId}:${rev}` : null, async () => {
    const snap = await getDocs(gridsByVillageQuery(fb().db, countyId, villageId!).withConverter(converters.grid));
    countReads('grids.byVillage', snap.size);
    return snap.docs.map((d) => d.data()).sort(byId);
  });
}

/** A county's departments (one-shot; `rev` forces a re-read; null: no county picked yet, nothing read). */
export function useDepartments(countyId: string | null, rev = 0): Loadable<DepartmentDoc[]> | null {
  return useOnce(countyId === null ? null : `departments:${countyId}:${rev}`, async () => {
    const snap = await getDocs(departmentsQuery(fb().db, countyId!).withConverter(converters.department));
    countReads('departments.byCounty', snap.size);
    const list = snap.docs.map((d) => d.data()).sort(byId);
    for (const d of list) names.set(`department/${d.id}`, d.name);
    notify();
    return list;
  });
}

/** The county's deadline policy (null: none stored, the defaults apply; no county picked yet: null, nothing read). */
export function usePolicy(countyId: string | null, rev = 0): Loadable<DeadlinePolicy | null> | null {
  return useOnce(countyId === null ? null : `policy:${countyId}:${rev}`, async () => {
    const snap = await getDoc(docs.policy(fb().db, countyId!).withConverter(converters.policy));
    countReads('policy', 1);
    return snap.exists() ? snap.data() : null;
  });
}

/** Every imported holiday calendar year. */
export function useCalendarYears(): Loadable<CalendarYearDoc[]> | null {
  return useOnce('calendarYears', async () => {
    const snap = await getDocs(calendarYearsQuery(fb().db).withConverter(converters.calendarYear));
    countReads('calendarYears', snap.size);
    return snap.docs.map((d) => d.data()).sort((a, b) => a.year - b.year);
  });
}

/** Users of a county (administrators), a page at a time, live. */
export function useUsersPage(countyId: string, after: QueryDocumentSnapshot | null) {
  const key = `users:${countyId}:${after?.id ?? ''}`;
  const [state, setState] = useState<{ key: string; value: Loadable<{ users: UserDoc[]; snaps: QueryDocumentSnapshot[] }> } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by value (a string key of the inputs), so a new object with the same content does not re-subscribe
  useEffect(() => {
    const meter = meterSnapshot('users.byCounty');
    return onSnapshot(
      usersQuery(fb().db, countyId, after),
      (snap) => {
        meter(snap);
        const conv = converters.user as FirestoreDataConverter<UserDoc>;
        setState({ key, value: { status: 'ready', data: { users: snap.docs.map((d) => conv.fromFirestore(d)), snaps: snap.docs } } });
      },
      (e) => setState({ key, value: errorState(e) }),
    );
  }, [key]);
  return state?.key === key ? state.value : ({ status: 'loading' } as const);
}

export function useOnce<T>(key: string | null, load: () => Promise<T>): Loadable<T> | null {
  const [state, setState] = useState<{ key: string; value: Loadable<T> } | null>(() => {
    const kept = key ? keptOnce(key) : undefined;
    return kept && key ? { key, value: { status: 'ready', data: kept as T } } : null;
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by value (a string key of the inputs), so a new object with the same content does not re-subscribe
  useEffect(() => {
    if (!key) return undefined;
    // Read within the last few minutes (another visit to this page): no new read.
    const kept = keptOnce(key);
    if (kept !== undefined) {
      setState({ key, value: { status: 'ready', data: kept as T } });
      return undefined;
    }
    let live = true;
    setState((s) => (s?.key === key ? s : { key, value: { status: 'loading' } }));
    load().then(
      (data) => {
        keepOnce(key, data);
        if (live) setState({ key, value: { status: 'ready', data } });
      },
      (e: unknown) => live && setState({ key, value: errorState(e) }),
    );
    return () => {
      live = false;
    };
    // `key` says everything the load depends on.
  }, [key]);
  if (!key) return null;
  return state?.key === key ? state.value : { status: 'loading' };
}

// ── names of regions, grids, departments and people (cached for the session) ──────────────

/** `staff`: a person of the county's staff directory (staff/{uid}), by account. */
export type NameKind = 'region' | 'grid' | 'department' | 'staff';

/** The kind of document a unit code names: 6/9/12 digits a region, 15 a grid, else a department. */
export function kindOfUnit(code: string): NameKind {
  if (/^\d{15}$/.test(code)) return 'grid';
  if (/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(code)) return 'region';
  return 'department';
}

/** name, or null when unknown/unreadable; absent while loading. */
const names = new Map<string, string | null>();
const inflight = new Set<string>();
const listeners = new Set<() => void>();
const notify = () =>
  listeners.forEach((l) => {
    l();
  });

function subscribeNames(l: () => void) {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
}

function loadName(kind: NameKind, id: string) {
  const key = `${kind}/${id}`;
  if (names.has(key) || inflight.has(key)) return;
  inflight.add(key);
  const db = fb().db;
  const ref =
    kind === 'grid'
      ? docs.grid(db, id)
      : kind === 'region'
        ? docs.region(db, id)
        : kind === 'staff'
          ? docs.staff(db, id)
          : docs.department(db, id);
  getDoc(ref)
    .then(
      (snap) => {
        countReads(`name.${kind}`, 1);
        const name = snap.get(kind === 'staff' ? 'displayName' : 'name');
        names.set(key, typeof name === 'string' ? name : null);
      },
      () => names.set(key, null),
    )
    .finally(() => {
      inflight.delete(key);
      notify();
    });
}

/** Seeds the cache with names already read (lists of regions or grids). */
export function rememberNames(kind: NameKind, list: { id: string; name: string }[]) {
  let changed = false;
  for (const x of list) {
    const key = `${kind}/${x.id}`;
    if (names.get(key) !== x.name) {
      names.set(key, x.name);
      changed = true;
    }
  }
  if (changed) notify();
}

/** Forget cached names, the staff directory and kept listeners (on sign-out: the next user may see other units). */
export function clearNameCache() {
  dropKeptListeners();
  names.clear();
  directories.clear();
  notify();
}

// ── the county's staff directory (person pickers) ─────────────────────────────────────────

/** Loaded once per county and session (a few hundred small documents at most), shared by every picker. */
const directories = new Map<string, Promise<StaffDoc[]>>();

function loadDirectory(countyId: string): Promise<StaffDoc[]> {
  let p = directories.get(countyId);
  if (!p) {
    p = getDocs(staffQuery(fb().db, countyId).withConverter(converters.staff)).then(
      (snap) => {
        countReads('staff.byCounty', Math.max(1, snap.size));
        const list = snap.docs.map((d) => d.data()).sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
        rememberNames(
          'staff',
          list.map((x) => ({ id: x.uid, name: x.displayName })),
        );
        return list;
      },
      (e: unknown) => {
        directories.delete(countyId); // a later picker tries again
        throw e;
      },
    );
    directories.set(countyId, p);
  }
  return p;
}

/** The county's staff directory, by name (loaded when a picker first needs it). */
export function useStaffDirectory(countyId: string | null | undefined): Loadable<StaffDoc[]> | null {
  return useOnce(countyId ? `staff:${countyId}` : null, () => loadDirectory(countyId!));
}

/** What people read for a name from `useEntityName`: the name, "…" while it loads, "—" when unknown — never the code. */
export const shownName = (name: string | null | undefined): string => name ?? (name === undefined ? '…' : '—');

/**
 * The display name of a region, grid or department: undefined while loading, null when it cannot
 * be read (the caller shows the code).
 */
export function useEntityName(kind: NameKind, id: string | null | undefined): string | null | undefined {
  const key = id ? `${kind}/${id}` : '';
  const value = useSyncExternalStore(subscribeNames, () => (key ? names.get(key) : null));
  useEffect(() => {
    if (id) loadName(kind, id);
  }, [kind, id]);
  return value;
}
