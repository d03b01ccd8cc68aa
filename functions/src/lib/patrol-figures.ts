import type { BulkWriter, Firestore, Transaction } from 'firebase-admin/firestore';
import {
  type DatedFigures,
  type KeyPersonDoc,
  type PatrolDayDoc,
  type PatrolItemDoc,
  type PatrolTotals,
  coverage,
  datesBetween,
  datedDelta,
  flatPatrolFigures,
  hazardContribution,
  itemContribution,
  localDate,
  patrolDayId,
  patrolFigureTargets,
  patrolUnits,
  sumPatrolFigures,
  visitContribution,
} from '../domain';
import { loadPolicy } from './config';
import { incrementsOf } from './counters';
import { increments, refs, writeIncrements } from './db';
import {
  gridsOfCounty,
  keyPersonsOfCounty,
  patrolFiguresOfCounty,
  patrolFiguresOfUnit,
  patrolItemsOfCounty,
  patrolsOfCountyRange,
} from './queries';
import { periodRange } from './rollup';

/**
 * 排查考核 figures (domain/patrol-figures.ts): written in the transaction of the event that moves
 * them (recordItem, hazardAction, recordKeyPersonVisit), read for the statistics page, the
 * monthly report and the 排查台账, rebuilt and verified from their sources by the CLI
 * (`fengqiao stats patrol-verify|patrol-rebuild --county C`).
 */

/** Writes a delta of one source document (`key`) of a grid; returns the documents written. */
export function writePatrolFigures(db: Firestore, w: Transaction | BulkWriter, gridId: string, key: string, delta: DatedFigures): number {
  const inc = increments(db);
  const targets = patrolFigureTargets(gridId, key, delta);
  for (const t of targets) writeIncrements(w, inc.patrolFigures(t.id), t.meta, incrementsOf(t.delta));
  return targets.length;
}

/** A hazard's change (before → after state blocks) into the figures, inside the caller's transaction. */
export function writeHazardFigures(
  db: Firestore,
  tx: Transaction,
  item: Pick<PatrolItemDoc, 'id' | 'gridId'>,
  before: PatrolItemDoc['hazard'],
  after: PatrolItemDoc['hazard'],
): number {
  return writePatrolFigures(db, tx, item.gridId, item.id, datedDelta(hazardContribution(before), hazardContribution(after)));
}

/**
 * A unit's totals for the days `from`…`to`: the figure shards, the coverage day documents, and
 * 巡查覆盖率 over the unit's grids as the county's policy expects them (days after today expect
 * nothing). Reads: the shards (≤ days × 4), one day document per day, the county's grids.
 */
export async function patrolTotalsOfRange(
  db: Firestore,
  unitId: string,
  from: string,
  to: string,
  now = new Date(),
): Promise<PatrolTotals> {
  const countyId = unitId.slice(0, 6);
  const today = localDate(now);
  const last = to < today ? to : today;
  const dates = from <= last ? datesBetween(from, last) : [];
  const r = refs(db);
  const [figs, daySnaps, grids, policy] = await Promise.all([
    patrolFiguresOfUnit(db, unitId, from, to).get(),
    dates.length ? db.getAll(...dates.map((d) => r.patrolDay(patrolDayId(unitId, d)))) : Promise.resolve([]),
    gridsOfCounty(db, countyId).get(),
    loadPolicy(db, countyId),
  ]);
  const days = new Map<string, PatrolDayDoc>();
  for (const s of daySnaps) {
    const d = s.data() as PatrolDayDoc | undefined;
    if (d) days.set(d.date, d);
  }
  const unitGrids = grids.docs.map((d) => d.data()).filter((g) => g.id.startsWith(unitId));
  const cov = dates.length ? coverage(unitGrids, policy.patrol, from, last, days) : { expected: 0, done: 0, rate: 1 };
  return sumPatrolFigures(
    figs.docs.map((d) => d.data()),
    [...days.values()],
    cov,
  );
}

/** A unit's totals for a day (YYYY-MM-DD), month (YYYY-MM) or year. */
export function patrolTotals(db: Firestore, unitId: string, period: string, now = new Date()): Promise<PatrolTotals> {
  const { firstDay, lastDay } = periodRange(period);
  return patrolTotalsOfRange(db, unitId, firstDay, lastDay, now);
}

// ── rebuild and verify from the sources ─────────────────────────────────────

type Expected = Map<string, { gridId: string; key: string; delta: DatedFigures }>;

/** What every source of a county should have written: items, hazards, key-person visits. */
async function expectedOfCounty(db: Firestore, countyId: string): Promise<{ sources: Expected; items: number; visits: number }> {
  const r = refs(db);
  const sources: Expected = new Map();
  const items = (await patrolItemsOfCounty(db, countyId).get()).docs.map((d) => d.data());
  const patrolIds = [...new Set(items.map((i) => i.patrolId).filter((x): x is string => !!x))];
  const patrolDates = new Map<string, string>();
  for (let i = 0; i < patrolIds.length; i += 300) {
    const snaps = await db.getAll(...patrolIds.slice(i, i + 300).map((id) => r.patrol(id)));
    for (const s of snaps) {
      const p = s.data();
      if (p) patrolDates.set(p.id, p.date);
    }
  }
  for (const it of items) {
    const m = itemContribution(it, it.patrolId ? (patrolDates.get(it.patrolId) ?? null) : null);
    for (const [d, f] of hazardContribution(it.hazard)) m.set(d, { ...(m.get(d) ?? {}), ...f });
    sources.set(`item:${it.id}`, { gridId: it.gridId, key: it.id, delta: m });
  }
  let visits = 0;
  const kps: KeyPersonDoc[] = (await keyPersonsOfCounty(db, countyId).get()).docs.map((d) => d.data());
  for (const kp of kps) {
    for (const v of (await r.keyVisits(kp.id).get()).docs) {
      visits++;
      sources.set(`visit:${kp.id}/${v.id}`, { gridId: kp.gridId, key: `${kp.id}/${v.id}`, delta: visitContribution(v.data()) });
    }
  }
  return { sources, items: items.length, visits };
}

/** The expected flat figures per `{unitId}|{date}`. */
function expectedByUnitDay(sources: Expected): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const s of sources.values())
    for (const [date, f] of s.delta)
      for (const u of patrolUnits(s.gridId)) {
        const k = `${u.unitId}|${date}`;
        const cur = out.get(k) ?? {};
        for (const [f2, n] of Object.entries(f)) cur[f2] = (cur[f2] ?? 0) + n;
        out.set(k, cur);
      }
  return out;
}

/** Rewrites a county's patrolFigures from the sources (delete, then write the sums). */
export async function rebuildPatrolFigures(
  db: Firestore,
  countyId: string,
): Promise<{ deleted: number; written: number; items: number; visits: number }> {
  const old = await patrolFiguresOfCounty(db, countyId).get();
  const w = db.bulkWriter();
  for (const d of old.docs) void w.delete(d.ref);
  await w.flush();
  const { sources, items, visits } = await expectedOfCounty(db, countyId);
  let written = 0;
  for (const s of sources.values()) written += writePatrolFigures(db, w, s.gridId, s.key, s.delta);
  await w.close();
  return { deleted: old.size, written, items, visits };
}

export interface PatrolVerifyRow {
  unitId: string;
  figure: string;
  stored: number;
  expected: number;
}

/**
 * Compares a county's stored figures, summed per unit over a period (YYYY, YYYY-MM or a day),
 * with the figures recomputed from the sources; and the coverage day documents' patrols and
 * zero reports with the patrol logs. Returns every unit and figure that is non-zero on either side.
 */
export async function verifyPatrolFigures(db: Firestore, countyId: string, period: string): Promise<PatrolVerifyRow[]> {
  const { firstDay, lastDay } = periodRange(period);
  const inPeriod = (d: string) => d >= firstDay && d <= lastDay;
  const { sources } = await expectedOfCounty(db, countyId);
  const expected = new Map<string, number>();
  const stored = new Map<string, number>();
  const bump = (m: Map<string, number>, unitId: string, f: Record<string, number>) => {
    for (const [k, n] of Object.entries(f)) m.set(`${unitId}|${k}`, (m.get(`${unitId}|${k}`) ?? 0) + n);
  };
  for (const [k, f] of expectedByUnitDay(sources)) {
    const [unitId, date] = k.split('|') as [string, string];
    if (inPeriod(date)) bump(expected, unitId, f);
  }
  for (const d of (await patrolFiguresOfCounty(db, countyId).get()).docs) {
    const x = d.data();
    if (inPeriod(x.date)) bump(stored, x.unitId, flatPatrolFigures(x));
  }
  // Coverage documents against the logs (patrols, zero reports).
  const patrols = (await patrolsOfCountyRange(db, countyId, firstDay, lastDay).get()).docs.map((d) => d.data());
  const days = new Set<string>();
  for (const p of patrols)
    for (const u of patrolUnits(p.gridId)) {
      bump(expected, u.unitId, { patrols: 1, zeroReports: p.zeroReport === true ? 1 : 0 });
      days.add(patrolDayId(u.unitId, p.date));
    }
  const r = refs(db);
  const unitsOfCounty = new Set([...expected.keys(), ...stored.keys()].map((k) => k.split('|')[0]!));
  const dayIds = [...unitsOfCounty].flatMap((u) => datesBetween(firstDay, lastDay).map((d) => patrolDayId(u, d)));
  for (let i = 0; i < dayIds.length; i += 300) {
    const snaps = await db.getAll(...dayIds.slice(i, i + 300).map((id) => r.patrolDay(id)));
    for (const s of snaps) {
      const d = s.data() as PatrolDayDoc | undefined;
      if (d) bump(stored, d.unitId, { patrols: d.patrols, zeroReports: d.zeroReports });
    }
  }
  const keys = [...new Set([...expected.keys(), ...stored.keys()])].sort();
  return keys
    .map((k) => {
      const [unitId, figure] = k.split('|') as [string, string];
      return { unitId, figure, stored: stored.get(k) ?? 0, expected: expected.get(k) ?? 0 };
    })
    .filter((x) => x.stored !== 0 || x.expected !== 0);
}
