/**
 * Leader duty (领导接访) data: a unit's rotations, its published versions and change requests
 * (live), the public view (publicDuty), holiday calendars, 督办 lists, linkages and visit logs.
 * Only the lazily loaded duty pages and the dashboard's "on duty today" card import this.
 */
import {
  type CalendarYearDoc,
  type CaseDoc,
  type Claims,
  type LinkageDoc,
  type RosterConfig,
  WorkCalendar,
  effectiveDays,
  publishedDays,
  seesUnit,
} from '@domain';
import { getDoc } from 'firebase/firestore';
import { useMemo } from 'react';
import { fb } from '../firebase';
import { converters } from './convert';
import type { PublicDutyDoc, RosterChangeDoc, RosterVersionDoc, VisitDoc } from './docs';
import { type DocLoad, type Loadable, useLiveDoc, useLiveQuery, useOnce } from './hooks';
import { countReads } from './meter';
import { type ListableScope, docs, linkagesQuery, rosterChangesQuery, rosterVersionsQuery, supervisionQuery, visitsQuery } from './queries';

export function useRosterConfig(unitId: string | null): DocLoad<RosterConfig> {
  return useLiveDoc(unitId ? `roster:${unitId}` : null, 'roster.config', () =>
    docs.roster(fb().db, unitId!).withConverter(converters.roster),
  );
}

export function usePublicDuty(unitId: string | null, label = 'duty.public'): DocLoad<PublicDutyDoc> {
  return useLiveDoc(unitId ? `publicDuty:${unitId}` : null, label, () =>
    docs.publicDuty(fb().db, unitId!).withConverter(converters.publicDuty),
  );
}

/** Published versions that may cover [from, to], live (a publication shows up at once). */
export function useRosterVersions(unitId: string | null, from: string, to: string): Loadable<RosterVersionDoc[]> | null {
  const live = useLiveQuery(unitId ? `versions:${unitId}:${to}` : null, 'roster.versions', () =>
    rosterVersionsQuery(fb().db, unitId!, to).withConverter(converters.rosterVersion),
  ).value;
  return useMemo(() => (live?.status === 'ready' ? { status: 'ready', data: live.data.filter((v) => v.to >= from) } : live), [live, from]);
}

export function useRosterChanges(unitId: string | null): Loadable<RosterChangeDoc[]> | null {
  return useLiveQuery(unitId ? `changes:${unitId}` : null, 'roster.changes', () =>
    rosterChangesQuery(fb().db, unitId!).withConverter(converters.rosterChange),
  ).value;
}

/** One day of the effective roster, with who was on it before leave or a swap changed it. */
export interface DutyDay {
  date: string;
  kind: 'weekday' | 'duty';
  uid: string | null;
  name: string;
  title: string;
  holiday: string | null;
  /** The leader the published version had, when an approved change moved the day. */
  changedFrom: { uid: string; name: string } | null;
}

export function leaderOf(cfg: RosterConfig | null, uid: string): { name: string; title: string } {
  const l = cfg ? [...cfg.weekday, ...cfg.duty].find((x) => x.uid === uid) : undefined;
  return { name: l?.name ?? '—', title: l?.title ?? '' }; // never an account ID
}

/** The effective roster (domain `effectiveDays`, as the functions compute it), with names and what changed. */
export function dutyDays(
  cfg: RosterConfig | null,
  versions: RosterVersionDoc[],
  changes: RosterChangeDoc[],
  from: string,
  to: string,
): Map<string, DutyDay> {
  const eff = effectiveDays(versions, changes, from, to);
  const before = new Map(publishedDays(versions, from, to).map((a) => [a.date, a.uid]));
  const out = new Map<string, DutyDay>();
  for (const a of eff) {
    const orig = before.get(a.date);
    const who = leaderOf(cfg, a.uid);
    out.set(a.date, {
      date: a.date,
      kind: a.kind,
      uid: a.uid,
      name: who.name,
      title: who.title,
      holiday: a.holiday,
      changedFrom: orig && orig !== a.uid ? { uid: orig, name: leaderOf(cfg, orig).name } : null,
    });
  }
  return out;
}

export type RosterView =
  | { status: 'loading' }
  | { status: 'error'; message: string; code: string }
  | { status: 'missing' }
  | {
      status: 'ready';
      full: boolean;
      cfg: RosterConfig | null;
      days: Map<string, DutyDay>;
      versions: RosterVersionDoc[];
      changes: RosterChangeDoc[];
      unitName: string | null;
      publicUntil: string | null;
    };

/**
 * A unit's roster over [from, to]: the full one (config, versions, changes: live) for those who
 * see the unit, else the public view (names and titles, the next 35 days).
 */
export function useRoster(claims: Claims, unitId: string | null, from: string, to: string): RosterView {
  const full = !!unitId && seesUnit(claims, unitId);
  const cfg = useRosterConfig(full ? unitId : null);
  const versions = useRosterVersions(full ? unitId : null, from, to);
  const changes = useRosterChanges(full ? unitId : null);
  const pub = usePublicDuty(!full ? unitId : null);
  return useMemo<RosterView>(() => {
    if (!unitId) return { status: 'missing' };
    if (!full) {
      if (pub.status === 'loading') return { status: 'loading' };
      if (pub.status === 'missing') return { status: 'missing' };
      if (pub.status === 'denied') return { status: 'error', code: 'permission-denied', message: 'permission-denied' };
      if (pub.status === 'error') return { status: 'error', code: pub.code, message: pub.message };
      const days = new Map<string, DutyDay>();
      for (const d of pub.data.days) if (d.date >= from && d.date <= to) days.set(d.date, { ...d, uid: null, changedFrom: null });
      const last = pub.data.days[pub.data.days.length - 1]?.date ?? null;
      return { status: 'ready', full: false, cfg: null, days, versions: [], changes: [], unitName: pub.data.unitName, publicUntil: last };
    }
    for (const x of [versions, changes]) if (x?.status === 'error') return { status: 'error', code: x.code, message: x.message };
    if (cfg.status === 'error') return { status: 'error', code: cfg.code, message: cfg.message };
    if (cfg.status === 'denied') return { status: 'error', code: 'permission-denied', message: 'permission-denied' };
    if (cfg.status === 'loading' || !versions || versions.status !== 'ready' || !changes || changes.status !== 'ready')
      return { status: 'loading' };
    const c = cfg.status === 'ready' ? cfg.data : null;
    if (!c && !versions.data.length) return { status: 'missing' };
    return {
      status: 'ready',
      full: true,
      cfg: c,
      days: dutyDays(c, versions.data, changes.data, from, to),
      versions: versions.data,
      changes: changes.data,
      unitName: c?.unitName ?? null,
      publicUntil: null,
    };
  }, [unitId, full, cfg, versions, changes, pub, from, to]);
}

// ── holiday calendars (one small document per year, cached for the session) ─────────────────

const years = new Map<number, CalendarYearDoc | null>();

/** The holiday calendar of the years [from, to] (null for a year not imported). */
export function useWorkCalendar(fromYear: number, toYear: number): Loadable<{ cal: WorkCalendar; missing: number[] }> | null {
  return useOnce(`calendar:${fromYear}-${toYear}`, async () => {
    const want = Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i);
    await Promise.all(
      want
        .filter((y) => !years.has(y))
        .map(async (y) => {
          const snap = await getDoc(docs.calendarYear(fb().db, y).withConverter(converters.calendarYear));
          countReads('calendarYear', 1);
          years.set(y, snap.exists() ? snap.data() : null);
        }),
    );
    const loaded = want.map((y) => years.get(y)).filter((y): y is CalendarYearDoc => !!y);
    return { cal: new WorkCalendar(loaded), missing: want.filter((y) => !years.get(y)) };
  });
}

// ── 督办, linkages, visits ─────────────────────────────────────────────────────────────────

export function useSupervisionCases(scope: ListableScope | null): {
  value: Loadable<CaseDoc[]> | null;
  stale: boolean;
  name: string | null;
} {
  const built = scope ? supervisionQuery(fb().db, scope) : null;
  const live = useLiveQuery(scope ? `supervision:${scope.field}:${scope.value}` : null, built?.name ?? 'supervision', () =>
    built!.q.withConverter(converters.case),
  );
  return { ...live, name: built?.name ?? null };
}

export function useLinkages(countyId: string | null): Loadable<LinkageDoc[]> | null {
  return useLiveQuery(countyId ? `linkages:${countyId}` : null, 'linkages.byCounty', () =>
    linkagesQuery(fb().db, countyId!).withConverter(converters.linkage),
  ).value;
}

export function useVisits(countyId: string | null): Loadable<VisitDoc[]> | null {
  return useLiveQuery(countyId ? `visits:${countyId}` : null, 'visits.byCounty', () =>
    visitsQuery(fb().db, countyId!).withConverter(converters.visit),
  ).value;
}
