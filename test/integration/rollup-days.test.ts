// The nightly roll-up adds one finished day at a time (issue 17): rolling a month up day by day
// gives the same month and year documents as rolling it up from scratch and as the sums of its
// days; a night run again — or twice at once — adds nothing twice (the month's marker commits in
// the same batch as the increments, on condition that it was not moved); a missed night, or a
// roll-up from scratch that took in a day not yet over, makes the next night roll the month up
// from scratch rather than add a day twice.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { rollupDay, rollupMonth, storedFigures } from '../../functions/src/lib/rollup';
import { adminDb, closeAdmin } from '../helpers/emulator';

// A month and units no other test writes.
const MONTH = '2024-08';
const YEAR = '2024';
const DAYS = ['2024-08-01', '2024-08-02', '2024-08-03', '2024-08-04', '2024-08-05'];
const UNITS = [
  { id: '629901', level: 'county', shards: [0, 5] },
  { id: '629901100', level: 'town', shards: [1] },
  { id: '629901100001', level: 'village', shards: [0] },
  { id: '6299', level: 'city', shards: [3] },
] as const;

/** What one shard of a unit's day holds (day index i): different every day, nested figures too. */
function shardFigures(unit: string, i: number, shard: number) {
  const n = i + 1 + shard;
  return {
    received: n,
    resolved: i % 2,
    receivedByCategory: { neighbour: n, labour: 1 },
    ...(unit.length === 4 ? { receivedByChild: { '629901': n } } : {}),
  };
}

/** The sums of the days up to index `k` (inclusive), flattened as `storedFigures` gives them. */
function expected(unit: (typeof UNITS)[number], k: number): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (key: string, n: number) => {
    if (n !== 0 || key in out) out[key] = (out[key] ?? 0) + n;
  };
  for (let i = 0; i <= k; i++)
    for (const s of unit.shards) {
      const f = shardFigures(unit.id, i, s);
      add('received', f.received);
      add('resolved', f.resolved);
      add('receivedByCategory.neighbour', f.receivedByCategory.neighbour);
      add('receivedByCategory.labour', 1);
      if (f.receivedByChild) add('receivedByChild.629901', f.receivedByChild['629901']);
    }
  return out;
}

async function figures() {
  const db = adminDb();
  const out: Record<string, { month: Record<string, number>; year: Record<string, number> }> = {};
  for (const u of UNITS) out[u.id] = { month: await storedFigures(db, u.id, MONTH), year: await storedFigures(db, u.id, YEAR) };
  return out;
}

const zeroless = (f: Record<string, number>) => Object.fromEntries(Object.entries(f).filter(([, n]) => n !== 0));

async function expectDaysThrough(k: number) {
  const f = await figures();
  for (const u of UNITS) {
    expect(zeroless(f[u.id]!.month), `${u.id} month`).toEqual(zeroless(expected(u, k)));
    // No other month of 2024 has figures of these units: the year is the month.
    expect(zeroless(f[u.id]!.year), `${u.id} year`).toEqual(zeroless(expected(u, k)));
  }
}

beforeEach(async () => {
  const db = adminDb();
  const w = db.bulkWriter();
  void w.delete(db.doc(`statsRollups/${MONTH}`));
  for (const u of UNITS) {
    void w.delete(db.doc(`statsPeriods/${u.id}_${MONTH}`));
    void w.delete(db.doc(`statsPeriods/${u.id}_${YEAR}`));
    DAYS.forEach((day, i) => {
      for (const s of u.shards)
        void w.set(db.doc(`statsDays/${u.id}_${day}__${s}`), {
          unitId: u.id,
          level: u.level,
          shard: s,
          period: day,
          month: MONTH,
          year: YEAR,
          ...shardFigures(u.id, i, s),
        });
    });
  }
  await w.close();
});
afterAll(closeAdmin);

describe('the nightly roll-up, one day at a time', () => {
  it('day by day equals the sums of the days and the month rolled up from scratch; a night run again adds nothing', async () => {
    const db = adminDb();
    expect((await rollupDay(db, DAYS[0]!)).mode).toBe('day');
    await expectDaysThrough(0);
    expect((await rollupDay(db, DAYS[1]!)).mode).toBe('day');
    expect((await rollupDay(db, DAYS[2]!)).mode).toBe('day');
    await expectDaysThrough(2);

    // The same night again: the marker says the day is in.
    expect(await rollupDay(db, DAYS[2]!)).toMatchObject({ mode: 'already', dayDocs: 0 });
    expect((await rollupDay(db, DAYS[1]!)).mode).toBe('already');
    await expectDaysThrough(2);

    // Two runs of the same night at once: one adds the day, the other finds it in.
    const both = await Promise.all([rollupDay(db, DAYS[3]!), rollupDay(db, DAYS[3]!)]);
    expect(both.map((x) => x.mode).sort()).toEqual(['already', 'day']);
    await expectDaysThrough(3);

    const last = await rollupDay(db, DAYS[4]!);
    expect(last).toMatchObject({ mode: 'day', units: UNITS.length, dayDocs: 5 });
    await expectDaysThrough(4);
    const byDay = await figures();
    const marker = (await db.doc(`statsRollups/${MONTH}`).get()).data()!;
    expect(marker).toMatchObject({ month: MONTH, through: DAYS[4], partial: false });

    // The month from scratch (every day of it: the month is over) gives the same documents.
    const scratch = await rollupMonth(db, MONTH);
    expect(scratch).toMatchObject({ through: '2024-08-31', dayDocs: DAYS.length * 5 });
    const fromScratch = await figures();
    for (const u of UNITS) {
      expect(zeroless(fromScratch[u.id]!.month)).toEqual(zeroless(byDay[u.id]!.month));
      expect(zeroless(fromScratch[u.id]!.year)).toEqual(zeroless(byDay[u.id]!.year));
    }
    expect((await db.doc(`statsRollups/${MONTH}`).get()).data()).toMatchObject({ through: '2024-08-31', partial: false });
  });

  it('after a roll-up from scratch that took in a day not yet over, the next night rolls the month up again', async () => {
    const db = adminDb();
    // Run at noon on the 3rd: days 1 and 2 are over, the 3rd (and, here, the 4th and 5th) are taken in as they are.
    const x = await rollupMonth(db, MONTH, { now: new Date('2024-08-03T12:00:00+08:00') });
    expect(x.through).toBe(DAYS[1]);
    expect((await db.doc(`statsRollups/${MONTH}`).get()).data()).toMatchObject({ through: DAYS[1], partial: true });
    await expectDaysThrough(4);

    // That night the 3rd is rolled up: the month from scratch up to it, not the 3rd added again.
    expect((await rollupDay(db, DAYS[2]!)).mode).toBe('month');
    await expectDaysThrough(2);
    expect((await db.doc(`statsRollups/${MONTH}`).get()).data()).toMatchObject({ through: DAYS[2], partial: false });
    // And the next night adds its day only.
    expect((await rollupDay(db, DAYS[3]!)).mode).toBe('day');
    await expectDaysThrough(3);
  });

  it('a missed night: the next one rolls the month up to its day', async () => {
    const db = adminDb();
    expect((await rollupDay(db, DAYS[0]!)).mode).toBe('day');
    expect((await rollupDay(db, DAYS[1]!)).mode).toBe('day');
    // The 3rd's run never happened.
    expect((await rollupDay(db, DAYS[3]!)).mode).toBe('month');
    await expectDaysThrough(3);
    expect((await rollupDay(db, DAYS[4]!)).mode).toBe('day');
    await expectDaysThrough(4);
  });

  it('the first night of a month with no marker but not its first day rolls the month up from scratch', async () => {
    const db = adminDb();
    expect((await rollupDay(db, DAYS[2]!)).mode).toBe('month');
    await expectDaysThrough(2);
  });
});
