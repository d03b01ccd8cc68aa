/**
 * Statistics roll-ups, verification and repair.
 *   statsDays/{unitId}_{day}__{shard}  written with each event (lib/stats.ts)
 *   statsPeriods/{unitId}_{YYYY-MM}     a month: each finished day added nightly (rollupDay), or
 *                                        summed from its days on demand (rollupMonth)
 *   statsPeriods/{unitId}_{YYYY}        a year: the same days added nightly, or summed from its months
 *   statsRollups/{YYYY-MM}              which days the month holds (the nightly run's marker)
 * `verifyStats` recomputes key figures from the events with aggregation queries; `rebuildStats`
 * rewrites a unit's days from its events and rolls them up again.
 */
import { AggregateField, type Firestore, type Query } from 'firebase-admin/firestore';
import {
  CHILD_STATS_FIGURES,
  type StatsDayDoc,
  type StatsDayMeta,
  type StatsFigures,
  type StatsPeriodDoc,
  addDays,
  addInto,
  childOf,
  flatten,
  localDate,
  upperLevelOf,
} from '../domain';
import { incrementsOf } from './counters';
import { increments, refs, writeIncrements } from './db';
import {
  countiesQuery,
  statsDaysInRange,
  statsDaysOfDay,
  statsDaysOfMonth,
  statsDaysOfUnit,
  statsMonthsOfYear,
  unitEvents,
  unitEventsByAction,
  unitFirstAccepts,
  unitOverdueEvents,
} from './queries';
import { statsDayTargets, unitStatsDelta } from './stats';
import { isWriteConflict } from './case-write';

const META = new Set(['unitId', 'level', 'shard', 'period', 'month', 'year', 'kind', 'rolledUpAt']);

function figuresOf(data: StatsDayDoc | StatsPeriodDoc): Record<string, number> {
  return Object.fromEntries(Object.entries(flatten(Object.fromEntries(Object.entries(data).filter(([k]) => !META.has(k))))));
}

/** Sums documents' figures per unit. */
function sumByUnit(docs: { data(): StatsDayDoc | StatsPeriodDoc }[]): Map<string, { level: StatsDayDoc['level']; figures: StatsFigures }> {
  const byUnit = new Map<string, { level: StatsDayDoc['level']; figures: StatsFigures }>();
  for (const d of docs) {
    const data = d.data();
    const u = byUnit.get(data.unitId) ?? { level: data.level, figures: {} };
    addInto(u.figures, figuresOf(data));
    byUnit.set(data.unitId, u);
  }
  return byUnit;
}

/**
 * Rolls a month up from scratch: sums every unit's day documents of the month into month
 * documents (overwritten), then the year from its months, and records which days that took in
 * (statsRollups/{month}). Idempotent. `through`: only the days up to it (the nightly run);
 * without it, every day written so far — a day not yet over is then marked as taken in partly,
 * so the next nightly run rolls the month up from scratch again rather than add that day twice.
 */
export async function rollupMonth(
  db: Firestore,
  month: string,
  opts: { through?: string; now?: Date } = {},
): Promise<{ units: number; dayDocs: number; through: string | null }> {
  const r = refs(db);
  const { firstDay, lastDay } = periodRange(month);
  const yesterday = addDays(localDate(opts.now ?? new Date()), -1);
  const upTo = opts.through ?? yesterday;
  // ISO dates compare as strings: the earlier of `upTo` and the month's last day, none before its first.
  const through = upTo < firstDay ? null : [upTo, lastDay].sort()[0]!;
  // First mark the month as being rolled up: a nightly run meanwhile (or after a crash before the
  // end) finds it partial and rolls it up from scratch instead of adding a day to it.
  await r.statsRollup(month).set({ month, through: null, partial: true, updatedAt: new Date() });
  const snap = await statsDaysOfMonth(db, month).get();
  const docs = opts.through === undefined ? snap.docs : snap.docs.filter((d) => d.data().period <= opts.through!);
  const partial = docs.some((d) => through === null || d.data().period > through);
  const byUnit = sumByUnit(docs);
  const w = db.bulkWriter();
  for (const [unitId, u] of byUnit) {
    void w.set(r.statsPeriod(`${unitId}_${month}`), {
      unitId,
      level: u.level,
      kind: 'month',
      period: month,
      year: month.slice(0, 4),
      rolledUpAt: new Date(),
      ...u.figures,
    });
  }
  await w.close();
  await rollupYear(db, month.slice(0, 4));
  await r.statsRollup(month).set({ month, through, partial, updatedAt: new Date() });
  return { units: byUnit.size, dayDocs: docs.length, through };
}

/** Writes in one batch (the day's month and year increments and the marker); more falls back to the month from scratch. */
const DAY_BATCH_LIMIT = 500;

/**
 * The nightly roll-up of one finished day (Asia/Shanghai): its day documents (all units, all
 * shards: one query, reads proportional to that day) are added by increments to each unit's month
 * and year documents, and the month's marker moves to that day — all in one batch, on condition
 * that the marker is still the one read (or still absent), so a night run twice, or two runs at
 * once, adds the day once. When the month's documents do not hold exactly the days before this
 * one (a night missed, a roll-up from scratch that took in a day not yet over, the first night
 * after an upgrade), the month is rolled up from scratch up to this day instead.
 */
export async function rollupDay(
  db: Firestore,
  day: string,
): Promise<{ day: string; mode: 'already' | 'day' | 'month'; units: number; dayDocs: number }> {
  const r = refs(db);
  const month = day.slice(0, 7);
  const year = day.slice(0, 4);
  for (let attempt = 0; ; attempt++) {
    const markRef = r.statsRollup(month);
    const mark = await markRef.get();
    const m = mark.data();
    const valid = !m?.partial;
    const through = m?.through ?? null;
    if (valid && through !== null && through >= day) return { day, mode: 'already', units: 0, dayDocs: 0 };
    const next = valid && (through === null ? day === `${month}-01` : through === addDays(day, -1));
    const snap = next ? await statsDaysOfDay(db, day).get() : null;
    const byUnit = snap ? sumByUnit(snap.docs) : new Map();
    if (!snap || byUnit.size * 2 + 1 > DAY_BATCH_LIMIT) {
      const x = await rollupMonth(db, month, { through: day });
      return { day, mode: 'month', units: x.units, dayDocs: x.dayDocs };
    }
    const at = new Date();
    const inc = increments(db);
    const b = db.batch();
    for (const [unitId, u] of byUnit) {
      const figures = incrementsOf(flatten(u.figures));
      writeIncrements(
        b,
        inc.statsPeriod(`${unitId}_${month}`),
        { unitId, level: u.level, kind: 'month', period: month, year, rolledUpAt: at },
        figures,
      );
      writeIncrements(
        b,
        inc.statsPeriod(`${unitId}_${year}`),
        { unitId, level: u.level, kind: 'year', period: year, year, rolledUpAt: at },
        figures,
      );
    }
    const marker = { month, through: day, partial: false, updatedAt: at };
    if (mark.exists) b.update(markRef, marker, { lastUpdateTime: mark.updateTime! });
    else b.create(markRef, marker);
    try {
      await b.commit();
    } catch (e) {
      // The marker moved (or appeared) since it was read: nothing was written; look again.
      if (!isWriteConflict(e) || attempt >= 3) throw e;
      continue;
    }
    return { day, mode: 'day', units: byUnit.size, dayDocs: snap.size };
  }
}

export async function rollupYear(db: Firestore, year: string): Promise<number> {
  const snap = await statsMonthsOfYear(db, year).get();
  const byUnit = sumByUnit(snap.docs);
  const w = db.bulkWriter();
  for (const [unitId, u] of byUnit)
    void w.set(refs(db).statsPeriod(`${unitId}_${year}`), {
      unitId,
      level: u.level,
      kind: 'year',
      period: year,
      year,
      rolledUpAt: new Date(),
      ...u.figures,
    });
  await w.close();
  return byUnit.size;
}

/** [start, end) instants of a day, month or year in Asia/Shanghai. */
export function periodRange(period: string): { start: Date; end: Date; firstDay: string; lastDay: string } {
  const [y, m, d] = period.split('-').map(Number);
  const firstDay = d ? period : m ? `${period}-01` : `${period}-01-01`;
  const nextFirst = d
    ? addDays(period, 1)
    : m
      ? m === 12
        ? `${y! + 1}-01-01`
        : `${y}-${String(m + 1).padStart(2, '0')}-01`
      : `${y! + 1}-01-01`;
  return {
    start: new Date(`${firstDay}T00:00:00+08:00`),
    end: new Date(`${nextFirst}T00:00:00+08:00`),
    firstDay,
    lastDay: addDays(nextFirst, -1),
  };
}

/** The figures of a unit and period summed from its day documents (all shards): what each event writes. */
export async function dayFigures(db: Firestore, unitId: string, period: string): Promise<Record<string, number>> {
  const snap = await statsDaysOfUnit(db, unitId, period).get();
  const f: StatsFigures = {};
  for (const d of snap.docs) addInto(f, figuresOf(d.data()));
  return flatten(f);
}

/** The stored figures of a unit and period: a day sums its shards; months and years are roll-ups. */
export async function storedFigures(db: Firestore, unitId: string, period: string): Promise<Record<string, number>> {
  if (period.length === 10) return dayFigures(db, unitId, period);
  const doc = await refs(db).statsPeriod(`${unitId}_${period}`).get();
  return doc.exists ? figuresOf(doc.data()!) : {};
}

export interface VerifyRow {
  /** A figure (`received`), or a roll-up's figure (`rollup.received`). */
  figure: string;
  stored: number;
  /** What it should be: from the events for a figure, from the days for a roll-up. */
  expected: number;
  /** Kept for callers of the first version: the same as `expected`. */
  fromEvents: number;
}

/**
 * Recomputes the key figures of a unit and period from the events (aggregation queries: one
 * round trip each, billed per 1,000 index entries) and compares them, like with like:
 *  - the events with the day documents they wrote (always current);
 *  - a month or year roll-up with its days, only when the roll-up was made after the period
 *    ended — the current month is rolled up nightly, so an earlier roll-up is not a difference.
 */
/** The key figures of a county (or a unit below it) and period, from its events (aggregation queries). */
async function eventFigures(db: Firestore, unitId: string, start: Date, end: Date): Promise<Record<string, number>> {
  const count = async <T>(q: Query<T>) => (await q.count().get()).data().count;
  const byAction = (action: string) => unitEventsByAction(db, unitId, action, start, end);
  return {
    received: await count(byAction('report')),
    accepted: await count(unitFirstAccepts(db, unitId, start, end)),
    resolved: await count(byAction('resolve')),
    closed: await count(byAction('close')),
    overdue: await count(unitOverdueEvents(db, unitId, start, end)),
    callbacks: await count(byAction('callback')),
    cycleWorkingDays: Number(
      (
        await byAction('resolve')
          .aggregate({ s: AggregateField.sum('data.cycleWorkingDays') })
          .get()
      ).data().s ?? 0,
    ),
  };
}

/** The counties a city or province covers (region documents of level county, by code prefix). */
export async function countiesUnder(db: Firestore, unitId: string): Promise<string[]> {
  const snap = await countiesQuery(db).get();
  return snap.docs
    .map((d) => d.id)
    .filter((id) => id.startsWith(unitId))
    .sort();
}

export async function verifyStats(db: Firestore, unitId: string, period: string): Promise<VerifyRow[]> {
  const { start, end } = periodRange(period);
  const days = await dayFigures(db, unitId, period);
  let fromEvents: Record<string, number>;
  const rows: VerifyRow[] = [];
  if (upperLevelOf(unitId)) {
    // A city or province: the sum of its counties' events, and each county's (city) or city's
    // (province) share of it against the `…ByChild` figures of the stored days.
    fromEvents = {};
    const byChild = new Map<string, Record<string, number>>();
    for (const county of await countiesUnder(db, unitId)) {
      const f = await eventFigures(db, county, start, end);
      const child = childOf(unitId, county)!;
      const c = byChild.get(child) ?? {};
      for (const [k, n] of Object.entries(f)) {
        fromEvents[k] = (fromEvents[k] ?? 0) + n;
        c[k] = (c[k] ?? 0) + n;
      }
      byChild.set(child, c);
    }
    for (const [child, f] of byChild)
      for (const figure of CHILD_STATS_FIGURES)
        if (figure in f) {
          const key = `${figure}ByChild.${child}`;
          rows.push({ figure: key, stored: days[key] ?? 0, expected: f[figure]!, fromEvents: f[figure]! });
        }
  } else fromEvents = await eventFigures(db, unitId, start, end);
  rows.unshift(
    ...Object.entries(fromEvents).map(([figure, n]) => ({
      figure,
      stored: days[figure] ?? 0,
      expected: n,
      fromEvents: n,
    })),
  );
  if (period.length < 10) {
    const doc = await refs(db).statsPeriod(`${unitId}_${period}`).get();
    const rolledUpAt = doc.data()?.rolledUpAt ?? null;
    if (rolledUpAt instanceof Date && rolledUpAt >= end) {
      const rolled = figuresOf(doc.data()!);
      for (const figure of Object.keys(fromEvents))
        rows.push({ figure: `rollup.${figure}`, stored: rolled[figure] ?? 0, expected: days[figure] ?? 0, fromEvents: days[figure] ?? 0 });
    }
  }
  return rows;
}

/** Rewrites a unit's day documents for a period from its events, then rolls the months up again. */
export async function rebuildStats(db: Firestore, unitId: string, period: string): Promise<{ events: number; days: number }> {
  const { start, end, firstDay, lastDay } = periodRange(period);
  // Remove the unit's day documents in the period (all shards).
  const old = await statsDaysInRange(db, unitId, firstDay, lastDay).get();
  const w = db.bulkWriter();
  for (const d of old.docs) void w.delete(d.ref);
  await w.flush();
  // A city's or province's events are its counties' (one query each).
  const sources = upperLevelOf(unitId) ? await countiesUnder(db, unitId) : [unitId];
  const days = new Map<string, { meta: StatsDayMeta; delta: Record<string, number> }>();
  let eventCount = 0;
  for (const source of sources) {
    const events = await unitEvents(db, source, start, end).get();
    eventCount += events.size;
    for (const d of events.docs) {
      const e = d.data();
      const caseId = d.ref.parent.parent!.id;
      const t = statsDayTargets(caseId, e).find((x) => x.unitId === unitId)!;
      const cur = days.get(t.id) ?? {
        meta: { unitId, level: t.level, shard: t.shard, period: t.day, month: t.month, year: t.year },
        delta: {},
      };
      for (const [k, n] of Object.entries(unitStatsDelta(unitId, e))) cur.delta[k] = (cur.delta[k] ?? 0) + n;
      days.set(t.id, cur);
    }
  }
  const inc = increments(db);
  for (const [id, x] of days) if (Object.keys(x.delta).length) writeIncrements(w, inc.statsDay(id), x.meta, incrementsOf(x.delta));
  await w.close();
  const months = new Set<string>();
  for (let d = firstDay; d <= lastDay; d = addDays(d, 28)) months.add(d.slice(0, 7));
  months.add(lastDay.slice(0, 7));
  for (const m of months) await rollupMonth(db, m);
  return { events: eventCount, days: days.size };
}
