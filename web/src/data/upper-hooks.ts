/**
 * A city's or province's dashboard (issue 16, domain/upper.ts): its counter shards (the figures
 * and, in each shard, the figures per county or city), today's statistics shards (new and
 * resolved today, per county or city too) and the names of the units below (one query). The
 * first load reads a fixed number of documents, however many counties and cases:
 *   session documents     3   users/{uid}, userMeta/{uid}, the unit's name (regions/{code})
 *   counters              UPPER_SHARDS (city 16, province 64)
 *   today's statistics    UPPER_SHARDS (city 16, province 64)
 *   names of the units below   a city's counties, a province's cities (at most MAX_CHILD_UNITS)
 *   alert badge          10   ALERT_BADGE_LIMIT × 2 recipient queries (unit, uid)
 */
import { type ChildFigures, UPPER_SHARDS, type UpperLevel, localDate } from '@domain';
import { getDocs } from 'firebase/firestore';
import { fb } from '../firebase';
import { ALERT_BADGE_LIMIT, MAX_CHILD_UNITS, SESSION_READS } from './budget';
import { type Loadable, rememberNames, useOnce } from './hooks';
import { countReads } from './meter';
import { areaChildrenQuery } from './queries';

export { useStatsToday } from './stats-hooks';
export { useUnitCounters } from './hooks';

/** The most documents a city's or province's dashboard reads on its first load. */
export function upperDashboardBudget(level: UpperLevel): number {
  return SESSION_READS + 2 * UPPER_SHARDS[level] + MAX_CHILD_UNITS + 2 * ALERT_BADGE_LIMIT;
}

export interface ChildUnit {
  id: string;
  name: string;
}

/** The units one level down (a city's counties, a province's cities), by name (one query, read once). */
export function useUnitsUnder(unitId: string | null): Loadable<ChildUnit[]> | null {
  return useOnce(unitId ? `regions.areaChildren:${unitId}` : null, async () => {
    const snap = await getDocs(areaChildrenQuery(fb().db, unitId!));
    countReads('regions.areaChildren', snap.size);
    const list = snap.docs
      .map((d) => ({ id: d.id, name: String(d.get('name') ?? '') }))
      .filter((x) => x.name)
      .sort((a, b) => a.id.localeCompare(b.id))
      .slice(0, MAX_CHILD_UNITS);
    rememberNames('region', list);
    return list;
  });
}

export const today = () => localDate(new Date());

export type { ChildFigures };
