/**
 * 一张图 data: the boundary document of the level shown (`geoShapes/{unit}_{level}`, one read,
 * decoded in the browser) and the figures of its regions — taken from what the server already
 * keeps, never from lists of cases or people:
 *   - cases: the live counters of each region (counters/{unitId}__{shard}: open, blue/orange/red,
 *     overdue); above the county (a province's cities, a city's counties) the area's own shards,
 *     which carry the figures per child (`child.{code}.open`…): a fixed number of reads;
 *   - patrol coverage today: the shown unit's day document (patrolDays/{unit}_{today}, one read)
 *     against its grids;
 *   - hazards not yet rectified and active key persons: count() aggregations (a number per
 *     region, no document leaves the server), scoped by the viewer's own unit as the rules ask.
 */
import { type GeoShapeDoc, localDate } from '@domain';
import { type DocumentData, type Query, collection, doc, getCountFromServer, getDoc, query, where } from 'firebase/firestore';
import type { Firestore } from 'firebase/firestore';
import { useEffect, useState } from 'react';
import { fb } from '../firebase';
import { toDates } from './convert';
import { type CounterSum, type Loadable, codeOf, useOnce } from './hooks';
import { countReads } from './meter';
import { useUnitGrids, usePatrolDay } from './patrol-hooks';

export type MapLevel = 'city' | 'county' | 'town' | 'village' | 'grid';
/** The levels inside a county, where 排查 items and key persons carry the region's code. */
export type CountyMapLevel = 'town' | 'village' | 'grid';

/** The levels above the county (a province's cities, a city's counties): figures from the area's own shards. */
export const isAreaMapLevel = (level: MapLevel | null): level is 'city' | 'county' => level === 'city' || level === 'county';

/**
 * The level shown inside a unit: a province's cities, a city's counties (issue 16), a county's
 * towns, a town's villages, a village's grids.
 */
export function mapLevelOf(unitId: string): MapLevel | null {
  if (/^\d{2}$/.test(unitId)) return 'city';
  if (/^\d{4}$/.test(unitId)) return 'county';
  if (/^\d{6}$/.test(unitId)) return 'town';
  if (/^\d{9}$/.test(unitId)) return 'village';
  if (/^\d{12}$/.test(unitId)) return 'grid';
  return null;
}

/** The field of a 排查 item or key-person record naming the region at a level. */
const FIELD: Record<CountyMapLevel, 'townId' | 'villageId' | 'gridId'> = { town: 'townId', village: 'villageId', grid: 'gridId' };

/**
 * The figures of each city of a province, or each county of a city, from the area's own counter
 * shards (`child.{code}.…`, domain/upper.ts): the shards are read once for all the regions shown
 * (city 16, province 64 documents, however many counties and cases). undefined while loading.
 */
export function areaChildCounts(
  area: Loadable<CounterSum | null> | null,
  regionIds: string[] | null,
): Record<string, MapCounts | null | undefined> {
  const out: Record<string, MapCounts | null | undefined> = {};
  for (const id of regionIds ?? []) {
    if (!area || area.status === 'loading') out[id] = undefined;
    else if (area.status === 'error') out[id] = null;
    else {
      const c = area.data?.child?.[id] ?? {};
      out[id] = {
        open: c.open ?? 0,
        overdue: c.overdue ?? 0,
        total: c.total ?? 0,
        colour: { blue: c.blue ?? 0, orange: c.orange ?? 0, red: c.red ?? 0 },
      };
    }
  }
  return out;
}

/** The case figures a region is coloured and described by (a unit's counters, or a child's figures in its area's shards). */
export interface MapCounts {
  open: number;
  overdue: number;
  total: number;
  colour: { blue?: number; orange?: number; red?: number };
}

export const countsOf = (c: CounterSum | null | undefined): MapCounts | null | undefined =>
  c ? { open: c.open ?? 0, overdue: c.overdue ?? 0, total: c.total ?? 0, colour: c.colour ?? {} } : c;

/** The boundary document of a unit's children (null: none stored; the page says so). */
export function useGeoShapes(unitId: string | null): Loadable<GeoShapeDoc | null> | null {
  const level = unitId ? mapLevelOf(unitId) : null;
  return useOnce(unitId && level ? `geo:${unitId}_${level}` : null, async () => {
    const snap = await getDoc(doc(fb().db, 'geoShapes', `${unitId}_${level}`));
    countReads('geoShapes', 1);
    return snap.exists() ? (toDates(snap.data()) as GeoShapeDoc) : null;
  });
}

/** Hazards not yet rectified (reported, assigned, rectifying) in a region, as the viewer may count them. */
export const OPEN_HAZARD_STATES = ['reported', 'assigned', 'rectifying'] as const;

export function hazardCountQuery(db: Firestore, viewerUnit: string, level: CountyMapLevel, regionId: string): Query<DocumentData> {
  return query(
    collection(db, 'patrolItems'),
    where('units', 'array-contains', viewerUnit),
    where('kind', '==', 'hazard'),
    where(FIELD[level], '==', regionId),
    where('hazard.state', 'in', [...OPEN_HAZARD_STATES]),
  );
}

export function keyPersonCountQuery(db: Firestore, viewerUnit: string, level: CountyMapLevel, regionId: string): Query<DocumentData> {
  return query(
    collection(db, 'keyPersons'),
    where('units', 'array-contains', viewerUnit),
    where('active', '==', true),
    where(FIELD[level], '==', regionId),
  );
}

/** A figure per region, or 'denied' when the viewer's role may not count it (the rules say no). */
export type Counts = Record<string, number> | 'denied' | null;

/** count() per region: one aggregation each (1 read per 1,000 matches), no documents fetched. */
export function useRegionCounts(
  kind: 'hazards' | 'keyPersons' | null,
  viewerUnit: string,
  level: CountyMapLevel | null,
  regionIds: string[] | null,
): Counts {
  const key = kind && level && regionIds ? `${kind}:${viewerUnit}:${level}:${regionIds.join(',')}` : null;
  const [state, setState] = useState<{ key: string; value: Counts } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by value (a string key of the inputs)
  useEffect(() => {
    if (!key || !kind || !level || !regionIds) return undefined;
    let live = true;
    const build = kind === 'hazards' ? hazardCountQuery : keyPersonCountQuery;
    Promise.all(regionIds.map((id) => getCountFromServer(build(fb().db, viewerUnit, level, id)).then((s) => [id, s.data().count] as const)))
      .then((pairs) => {
        countReads(kind === 'hazards' ? 'patrolItems.hazardCount' : 'keyPersons.count', pairs.length);
        if (live) setState({ key, value: Object.fromEntries(pairs) });
      })
      .catch((e) => {
        if (live) setState({ key, value: codeOf(e) === 'permission-denied' ? 'denied' : null });
      });
    return () => {
      live = false;
    };
  }, [key]);
  return state?.key === key ? state.value : null;
}

/** Today's patrol coverage of each region shown: grids patrolled today / grids (null while loading). */
export function usePatrolCoverage(
  countyId: string,
  unitId: string | null,
  regionIds: string[] | null,
): Record<string, { patrolled: number; grids: number }> | 'denied' | null {
  const today = localDate(new Date());
  const day = usePatrolDay(unitId, today);
  const grids = useUnitGrids(countyId, unitId);
  if (!regionIds || !grids || grids.status === 'loading' || day.status === 'loading') return null;
  if (day.status === 'denied' || (day.status === 'error' && day.code === 'permission-denied')) return 'denied';
  if (grids.status !== 'ready') return null;
  const done = day.status === 'ready' ? Object.entries(day.data.grids).filter(([, g]) => g.patrols > 0 || g.zeroReports > 0) : [];
  const out: Record<string, { patrolled: number; grids: number }> = {};
  for (const id of regionIds)
    out[id] = {
      grids: grids.data.filter((g) => g.id.startsWith(id)).length,
      patrolled: done.filter(([g]) => g.startsWith(id)).length,
    };
  return out;
}
