/**
 * React hooks over the queries in ./queries.ts. Live data uses onSnapshot and detaches on
 * unmount or when its key changes; permission errors become states, never crashes.
 */
import type { CaseDoc, CaseEvent, CasePrivateDoc, GridDoc, RegionDoc } from '@domain';
import { getDoc, getDocs, onSnapshot } from 'firebase/firestore';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { fb } from '../firebase';
import { converters } from './convert';
import { type ListableScope, caseBoardQuery, caseEventsQuery, docs, gridsByVillageQuery, regionsByParentQuery } from './queries';

export type Loadable<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; code: string; message: string };

/** The error's code (FirestoreError and FirebaseError); `instanceof` is unreliable across the SDK's bundles. */
export function codeOf(e: unknown): string {
  const code = e && typeof e === 'object' && 'code' in e ? (e as { code: unknown }).code : null;
  return typeof code === 'string' ? code : 'unknown';
}

function errorState(e: unknown): { status: 'error'; code: string; message: string } {
  return { status: 'error', code: codeOf(e), message: e instanceof Error ? e.message : String(e) };
}

/** The live, role-scoped case board. */
export function useCaseBoard(scope: ListableScope): Loadable<CaseDoc[]> {
  const key = `${scope.query}:${scope.value}`;
  const [state, setState] = useState<{ key: string; value: Loadable<CaseDoc[]> }>({ key, value: { status: 'loading' } });
  useEffect(() => {
    setState({ key, value: { status: 'loading' } });
    const q = caseBoardQuery(fb().db, scope).withConverter(converters.case);
    return onSnapshot(
      q,
      (snap) => setState({ key, value: { status: 'ready', data: snap.docs.map((d) => d.data()) } }),
      (e) => setState({ key, value: errorState(e) }),
    );
    // `key` says everything the query depends on.
  }, [key]);
  return state.key === key ? state.value : { status: 'loading' };
}

export type CaseLoad =
  | { status: 'loading' }
  | { status: 'ready'; data: CaseDoc }
  | { status: 'missing' }
  | { status: 'denied' }
  | { status: 'error'; code: string; message: string };

/** One case, live. */
export function useCase(caseId: string): CaseLoad {
  const [state, setState] = useState<{ id: string; value: CaseLoad }>({ id: caseId, value: { status: 'loading' } });
  useEffect(() => {
    setState({ id: caseId, value: { status: 'loading' } });
    return onSnapshot(
      docs.case(fb().db, caseId).withConverter(converters.case),
      (snap) => setState({ id: caseId, value: snap.exists() ? { status: 'ready', data: snap.data() } : { status: 'missing' } }),
      (e) => setState({ id: caseId, value: e.code === 'permission-denied' ? { status: 'denied' } : errorState(e) }),
    );
  }, [caseId]);
  return state.id === caseId ? state.value : { status: 'loading' };
}

/** A case's history, live, in order. */
export function useCaseEvents(caseId: string): Loadable<CaseEvent[]> {
  const [state, setState] = useState<{ id: string; value: Loadable<CaseEvent[]> }>({ id: caseId, value: { status: 'loading' } });
  useEffect(() => {
    setState({ id: caseId, value: { status: 'loading' } });
    return onSnapshot(
      caseEventsQuery(fb().db, caseId).withConverter(converters.event),
      (snap) => setState({ id: caseId, value: { status: 'ready', data: snap.docs.map((d) => d.data()) } }),
      (e) => setState({ id: caseId, value: errorState(e) }),
    );
  }, [caseId]);
  return state.id === caseId ? state.value : { status: 'loading' };
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
      (snap) => live && setState({ key, value: snap.exists() ? { status: 'private', data: snap.data() } : { status: 'masked' } }),
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
  if (!state || !state.key.startsWith(`${caseId}@`)) return { status: 'loading' };
  return state.value;
}

const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);

/** Towns of a county or villages of a town (one-shot: the org model changes rarely). */
export function useRegionChildren(countyId: string, parentId: string | null | undefined): Loadable<RegionDoc[]> | null {
  return useOnce(parentId ? `regions:${countyId}:${parentId}` : null, async () => {
    const snap = await getDocs(regionsByParentQuery(fb().db, countyId, parentId!).withConverter(converters.region));
    return snap.docs.map((d) => d.data()).sort(byId);
  });
}

/** Grids of a village (one-shot). */
export function useVillageGrids(countyId: string, villageId: string | null | undefined): Loadable<GridDoc[]> | null {
  return useOnce(villageId ? `grids:${countyId}:${villageId}` : null, async () => {
    const snap = await getDocs(gridsByVillageQuery(fb().db, countyId, villageId!).withConverter(converters.grid));
    return snap.docs.map((d) => d.data()).sort(byId);
  });
}

function useOnce<T>(key: string | null, load: () => Promise<T>): Loadable<T> | null {
  const [state, setState] = useState<{ key: string; value: Loadable<T> } | null>(null);
  useEffect(() => {
    if (!key) return undefined;
    let live = true;
    setState({ key, value: { status: 'loading' } });
    load().then(
      (data) => live && setState({ key, value: { status: 'ready', data } }),
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

// ── names of regions, grids and departments (cached for the session) ───────────────────────

export type NameKind = 'region' | 'grid' | 'department';

/** The kind of document a unit code names: 6/9/12 digits a region, 15 a grid, else a department. */
export function kindOfUnit(code: string): NameKind {
  if (/^\d{15}$/.test(code)) return 'grid';
  if (/^(\d{6}|\d{9}|\d{12})$/.test(code)) return 'region';
  return 'department';
}

/** name, or null when unknown/unreadable; absent while loading. */
const names = new Map<string, string | null>();
const inflight = new Set<string>();
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

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
  const ref = kind === 'grid' ? docs.grid(db, id) : kind === 'region' ? docs.region(db, id) : docs.department(db, id);
  getDoc(ref)
    .then(
      (snap) => {
        const name = snap.get('name');
        names.set(key, typeof name === 'string' ? name : null);
      },
      () => names.set(key, null),
    )
    .finally(() => {
      inflight.delete(key);
      notify();
    });
}

/** Forget cached names (on sign-out: the next user may see other units). */
export function clearNameCache() {
  names.clear();
  notify();
}

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
