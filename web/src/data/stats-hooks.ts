/**
 * Statistics (统计) data: a unit's month documents (two years, for year on year), a year
 * document, today's live day shards, follow-up tasks, typical cases, and — for administrators
 * only, who may read profiles — grid workers' names for the ranking.
 */
import { type CaseDoc, type StatsFigures, addInto, flatten } from '@domain';
import { type QueryDocumentSnapshot, getDoc, onSnapshot } from 'firebase/firestore';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { FOLLOWUP_LIMIT } from './budget';
import { fb } from '../firebase';
import { converters } from './convert';
import type { StatsPeriodDoc, TypicalCaseDoc } from './docs';
import { type DocLoad, type Loadable, useLiveDoc, useLiveQuery, useOnce } from './hooks';
import { countReads, countUpdates } from './meter';
import { type ListableScope, docs, followupsQuery, statsMonthsQuery, statsTodayQuery, typicalCasesQuery } from './queries';

const META = new Set(['unitId', 'level', 'shard', 'period', 'month', 'year', 'kind', 'rolledUpAt']);

/** A stored document's figures (its metadata left out), nested as stored. */
export function figuresOf(d: StatsPeriodDoc | Record<string, unknown>): StatsFigures {
  const out: StatsFigures = {};
  for (const [k, v] of Object.entries(d)) {
    if (META.has(k)) continue;
    if (typeof v === 'number') out[k] = v;
    else if (v && typeof v === 'object' && !(v instanceof Date)) {
      const m: Record<string, number> = {};
      for (const [k2, v2] of Object.entries(v)) if (typeof v2 === 'number') m[k2] = v2;
      out[k] = m;
    }
  }
  return out;
}

/** A unit's months of `year` and the year before (year on year), live: the nightly roll-up shows up. */
export function useStatsMonths(unitId: string | null, year: number): Loadable<StatsPeriodDoc[]> | null {
  return useLiveQuery(unitId ? `statsMonths:${unitId}:${year}` : null, 'stats.unitMonths', () =>
    statsMonthsQuery(fb().db, unitId!, `${year - 1}-01`, `${year}-12`).withConverter(converters.stats),
  ).value;
}

/** A year document (statsPeriods/{unitId}_{YYYY}). */
export function useStatsYear(unitId: string | null, year: number | null): DocLoad<StatsPeriodDoc> {
  return useLiveDoc(unitId && year ? `statsYear:${unitId}:${year}` : null, 'stats.year', () =>
    docs.statsPeriod(fb().db, unitId!, String(year)).withConverter(converters.stats),
  );
}

/** Today's figures so far: the unit's day shards summed, live. */
export function useStatsToday(unitId: string | null, day: string): Loadable<StatsFigures> | null {
  const live = useLiveQuery(unitId ? `statsToday:${unitId}:${day}` : null, 'stats.today', () =>
    statsTodayQuery(fb().db, unitId!, day).withConverter(converters.stats),
  ).value;
  return useMemo(() => {
    if (live?.status !== 'ready') return live;
    const sum: StatsFigures = {};
    for (const d of live.data) addInto(sum, flatten(figuresOf(d)));
    return { status: 'ready', data: sum };
  }, [live]);
}

/**
 * Follow-up cases still to come or already overdue, a page at a time (`now` fixed by the caller:
 * the list stays stable): only the page on screen has a listener, like the case board.
 */
export function useFollowups(scope: ListableScope | null, due: 'upcoming' | 'overdue', now: Date) {
  const paramsKey = scope ? `followups:${scope.field}:${scope.value}:${due}:${now.getTime()}` : null;
  const [paging, setPaging] = useState<{ key: string | null; cursors: QueryDocumentSnapshot[] }>({ key: paramsKey, cursors: [] });
  const cursors = paging.key === paramsKey ? paging.cursors : [];
  const page = cursors.length;
  const after = page > 0 ? cursors[page - 1]! : null;
  const key = paramsKey ? `${paramsKey}@${page}:${after?.id ?? ''}` : null;
  const [state, setState] = useState<{
    key: string;
    cached: boolean;
    value: Loadable<{ rows: CaseDoc[]; hasNext: boolean; last: QueryDocumentSnapshot | null }>;
  } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by value (a string key of the inputs), so a new object with the same content does not re-subscribe
  useEffect(() => {
    if (!key || !scope) return undefined;
    const { name, q } = followupsQuery(fb().db, scope, due, now, after);
    let first = true;
    return onSnapshot(
      q.withConverter(converters.case),
      (snap) => {
        if (!(snap.metadata.fromCache && snap.empty)) {
          if (first) countReads(name, snap.size);
          else countUpdates(snap.docChanges().filter((c) => c.type !== 'removed').length);
          first = false;
        }
        const shown = snap.docs.slice(0, FOLLOWUP_LIMIT);
        // A first result from the local cache may be partial: shown (dimmed), but no cursor is taken from it.
        setState({
          key,
          cached: snap.metadata.fromCache,
          value: {
            status: 'ready',
            data: { rows: shown.map((d) => d.data()), hasNext: snap.size > FOLLOWUP_LIMIT, last: shown[shown.length - 1] ?? null },
          },
        });
      },
      (e) => setState({ key, cached: false, value: { status: 'error', code: e.code, message: e.message } }),
    );
    // `key` says everything the query depends on.
  }, [key]);
  const current = key && state?.key === key ? state.value : null;
  const cached = !!current && !!state?.cached;
  const value: Loadable<{ rows: CaseDoc[]; hasNext: boolean }> | null = !key
    ? null
    : (current ?? (state?.value.status === 'ready' ? state.value : { status: 'loading' }));
  const stale = !!key && ((!current && !!state) || cached);
  const next = useCallback(() => {
    if (!cached && current?.status === 'ready' && current.data.last && current.data.hasNext)
      setPaging({ key: paramsKey, cursors: [...cursors, current.data.last] });
  }, [current, cached, paramsKey, cursors]);
  const prev = useCallback(() => setPaging({ key: paramsKey, cursors: cursors.slice(0, -1) }), [paramsKey, cursors]);
  return { value, stale, page, next, prev };
}

export function useTypicalCases(countyId: string): Loadable<TypicalCaseDoc[]> {
  return (
    useLiveQuery(`typical:${countyId}`, 'typicalCases.byCounty', () =>
      typicalCasesQuery(fb().db, countyId).withConverter(converters.typicalCase),
    ).value ?? { status: 'loading' }
  );
}

/**
 * Display names of people (the grid workers of a ranking), from the county's staff directory
 * (staff/{uid}, readable by all the county's staff): one small document each, only the top rows.
 */
export function useStaffNames(uids: string[]): Record<string, string> {
  const key = uids.length ? `names:${[...uids].sort().join(',')}` : null;
  const got = useOnce(key, async () => {
    const out: Record<string, string> = {};
    await Promise.all(
      uids.map(async (uid) => {
        try {
          const snap = await getDoc(docs.staff(fb().db, uid));
          countReads('ranking.staff', 1);
          const n = snap.get('displayName');
          if (typeof n === 'string' && n) out[uid] = n;
        } catch {
          /* not readable: the ID is shown */
        }
      }),
    );
    return out;
  });
  return got?.status === 'ready' ? got.data : {};
}
