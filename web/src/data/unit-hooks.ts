/**
 * Figures of the units below the user's own (the dashboard's table per town, village or grid,
 * and the wall screen's): one live counters query per unit.
 */
import { type Claims, sumCounters } from '@domain';
import { type QuerySnapshot, onSnapshot } from 'firebase/firestore';
import { useEffect, useMemo, useState } from 'react';
import { fb } from '../firebase';
import { MAX_CHILD_UNITS } from './budget';
import { converters } from './convert';
import { type CounterSum, rememberNames, useRegionChildren, useVillageGrids } from './hooks';
import { subscribeKept } from './live-pool';
import { countReads, countUpdates } from './meter';
import { countersQuery } from './queries';

export type ChildLevel = 'town' | 'village' | 'grid';

/** The level one below the user's unit (a county's towns, a town's villages, a village's grids). */
export function childLevelOf(claims: Claims): ChildLevel | null {
  const u = claims.u;
  if (/^\d{6}$/.test(u)) return 'town';
  if (/^\d{9}$/.test(u)) return 'village';
  if (/^\d{12}$/.test(u)) return 'grid';
  return null;
}

/**
 * The units one level below the user's own (at most MAX_CHILD_UNITS, by name) with their live
 * counters: `units` is null until the list has loaded; `list` tells loading from error.
 */
export function useChildUnits(claims: Claims, level: ChildLevel) {
  const regions = useRegionChildren(claims.c, level === 'grid' ? null : claims.u);
  const grids = useVillageGrids(claims.c, level === 'grid' ? claims.u : null);
  const list = level === 'grid' ? grids : regions;
  const units = useMemo(
    () => (list?.status === 'ready' ? list.data.slice(0, MAX_CHILD_UNITS).map((x) => ({ id: x.id, name: x.name })) : null),
    [list],
  );
  useEffect(() => {
    if (units) rememberNames(level === 'grid' ? 'grid' : 'region', units);
  }, [units, level]);
  const counts = useManyCounters(units ? units.map((u) => u.id) : null);
  return { list, units, counts };
}

/** Counters of several units, live: one query per unit (callers keep the list short). */
export function useManyCounters(unitIds: string[] | null): Record<string, CounterSum | null | undefined> {
  const key = unitIds ? unitIds.join(',') : '';
  const [state, setState] = useState<Record<string, CounterSum | null>>({});
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by value (a string key of the inputs), so a new object with the same content does not re-subscribe
  useEffect(() => {
    if (!unitIds) return undefined;
    const unsubs = unitIds.map((id) =>
      subscribeKept<CounterSum | null>(
        `q|counters.child|${id}`,
        (emit) => {
          let first = true;
          return onSnapshot(
            countersQuery(fb().db, id).withConverter(converters.counter),
            (snap) => {
              if (first) countReads('counters.child', snap.size);
              else countUpdates((snap as unknown as QuerySnapshot).docChanges().length);
              first = false;
              emit(sumCounters(snap.docs.map((d) => d.data())));
            },
            () => emit(null, true),
          );
        },
        (v) => setState((s) => ({ ...s, [id]: v })),
      ),
    );
    return () =>
      unsubs.forEach((u) => {
        u();
      });
  }, [key]);
  return state;
}
