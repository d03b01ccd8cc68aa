// The duty-roster generator's guarantees, property-tested over random rotations, restrictions,
// leave and periods — on the real 2026 calendar with its holidays and 调休 Saturdays.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Assignment,
  type RosterConfig,
  RosterConfig as Schema,
  RosterError,
  WorkCalendar,
  applyLeave,
  datesIn,
  dutyDateAt,
  effectiveRoster,
  generateRoster,
  rosterIcs,
} from '../../functions/src/domain';
import { fromSource } from '../../functions/src/cli/calendar-sources';

const cal = new WorkCalendar([2025, 2026].map((y) => fromSource('chinese-days', y)!));
const leader = (i: number, never: number[] = []) => ({ uid: `L${i}`, name: `领导${i}`, title: '副镇长', neverWeekdays: never });

const configArb = fc
  .record({
    weekday: fc.integer({ min: 3, max: 7 }),
    duty: fc.integer({ min: 2, max: 5 }),
    restricted: fc.array(fc.record({ who: fc.nat(6), day: fc.integer({ min: 1, max: 5 }) }), { maxLength: 2 }),
  })
  .map(
    ({ weekday, duty, restricted }): RosterConfig =>
      Schema.parse({
        unitId: '621126100',
        countyId: '621126',
        unitName: '岷阳镇',
        weekday: Array.from({ length: weekday }, (_, i) =>
          leader(
            i,
            restricted.filter((r) => r.who === i).map((r) => r.day),
          ),
        ),
        duty: Array.from({ length: duty }, (_, i) => leader(100 + i)),
      }),
  );
const periodArb = fc.record({ start: fc.integer({ min: 0, max: 300 }), days: fc.integer({ min: 28, max: 62 }) }).map(({ start, days }) => {
  const from = datesIn('2026-01-01', '2026-12-31')[start]!;
  const to = datesIn(from, '2026-12-31')[Math.min(days, datesIn(from, '2026-12-31').length - 1)]!;
  return { from, to };
});

const countsOf = (r: Assignment[], kind: Assignment['kind'], pred: (a: Assignment) => boolean = () => true) => {
  const m = new Map<string, number>();
  for (const a of r) if (a.kind === kind && pred(a)) m.set(a.uid, (m.get(a.uid) ?? 0) + 1);
  return m;
};
const spread = (m: Map<string, number>, all: string[]) => {
  const xs = all.map((u) => m.get(u) ?? 0);
  return Math.max(...xs) - Math.min(...xs);
};

describe('generateRoster', () => {
  it('covers every day with exactly one leader of the right rotation, respecting restrictions', () => {
    fc.assert(
      fc.property(configArb, periodArb, (cfg, p) => {
        const r = generateRoster(cfg, cal, p.from, p.to);
        expect(r.map((a) => a.date)).toEqual(datesIn(p.from, p.to));
        for (const a of r) {
          const working = cal.isWorkday(a.date);
          expect(a.kind).toBe(working ? 'weekday' : 'duty');
          const l = (working ? cfg.weekday : cfg.duty).find((x) => x.uid === a.uid)!;
          expect(l).toBeTruthy();
          const wd = new Date(`${a.date}T12:00:00+08:00`).getUTCDay() || 7;
          expect(l.neverWeekdays).not.toContain(wd);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('balances the load: weekday, duty and holiday counts within one of each other', () => {
    fc.assert(
      fc.property(configArb, periodArb, (cfg, p) => {
        const r = generateRoster(cfg, cal, p.from, p.to);
        expect(
          spread(
            countsOf(r, 'weekday'),
            cfg.weekday.map((l) => l.uid),
          ),
        ).toBeLessThanOrEqual(1);
        expect(
          spread(
            countsOf(r, 'duty'),
            cfg.duty.map((l) => l.uid),
          ),
        ).toBeLessThanOrEqual(1);
        expect(
          spread(
            countsOf(r, 'duty', (a) => a.holiday !== null),
            cfg.duty.map((l) => l.uid),
          ),
        ).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(configArb, periodArb, (cfg, p) => {
        expect(generateRoster(cfg, cal, p.from, p.to)).toEqual(generateRoster(cfg, cal, p.from, p.to));
      }),
      { numRuns: 50 },
    );
  });

  it('gives 调休 Saturdays a weekday leader and holidays a duty leader (2026)', () => {
    const cfg = Schema.parse({
      unitId: '621126100',
      countyId: '621126',
      unitName: '岷阳镇',
      weekday: [leader(1), leader(2), leader(3)],
      duty: [leader(101), leader(102)],
    });
    const r = generateRoster(cfg, cal, '2026-09-14', '2026-10-14');
    const on = (d: string) => r.find((a) => a.date === d)!;
    expect(on('2026-09-20')).toMatchObject({ kind: 'weekday' }); // Sunday, 调休 workday
    expect(on('2026-10-10')).toMatchObject({ kind: 'weekday' }); // Saturday, 调休 workday
    expect(on('2026-10-01')).toMatchObject({ kind: 'duty', holiday: '国庆节' });
    expect(on('2026-10-03')).toMatchObject({ kind: 'duty' });
  });
});

describe('fair within every month (2025–2026)', () => {
  // Periods of one to four months starting on any day of 2025–2026.
  const longArb = fc
    .record({ start: fc.integer({ min: 0, max: 729 }), months: fc.integer({ min: 1, max: 4 }) })
    .map(({ start, months }) => {
      const all = datesIn('2025-01-01', '2026-12-31');
      const from = all[start]!;
      return { from, to: all[Math.min(all.length - 1, start + months * 31)]! };
    });
  const monthsIn = (r: Assignment[]) => [...new Set(r.map((a) => a.date.slice(0, 7)))];

  it('each calendar month of the period: working-day counts within one (and the period within one)', () => {
    fc.assert(
      fc.property(configArb, longArb, (cfg, p) => {
        const r = generateRoster(cfg, cal, p.from, p.to);
        for (const m of monthsIn(r)) {
          const inMonth = r.filter((a) => a.date.startsWith(m));
          expect(
            spread(
              countsOf(inMonth, 'weekday'),
              cfg.weekday.map((l) => l.uid),
            ),
            `${m} weekday`,
          ).toBeLessThanOrEqual(1);
        }
        const duty = cfg.duty.map((l) => l.uid);
        expect(
          spread(
            countsOf(r, 'weekday'),
            cfg.weekday.map((l) => l.uid),
          ),
        ).toBeLessThanOrEqual(1);
        expect(spread(countsOf(r, 'duty'), duty)).toBeLessThanOrEqual(1);
        expect(
          spread(
            countsOf(r, 'duty', (a) => a.holiday !== null),
            duty,
          ),
        ).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('nobody serves a third working day in a row while another eligible leader is free', () => {
    fc.assert(
      fc.property(configArb, longArb, (cfg, p) => {
        const working = generateRoster(cfg, cal, p.from, p.to).filter((a) => a.kind === 'weekday');
        for (let i = 2; i < working.length; i++) {
          const [a, b, c] = [working[i - 2]!, working[i - 1]!, working[i]!];
          if (a.uid !== b.uid || b.uid !== c.uid) continue;
          const wd = new Date(`${c.date}T12:00:00+08:00`).getUTCDay() || 7;
          const others = cfg.weekday.filter((l) => l.uid !== c.uid && !l.neverWeekdays.includes(wd));
          expect(others, `${c.uid} on ${a.date}, ${b.date}, ${c.date}`).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the demo town in November 2026: 梁志远 (never Mondays) gets his share, not a block of days', () => {
    const L = (uid: string, never: number[] = []) => ({ uid, name: uid, title: '副镇长', neverWeekdays: never });
    const cfg = Schema.parse({
      unitId: '621126100',
      countyId: '621126',
      unitName: '岷阳镇',
      weekday: [L('刘芳'), L('何建军'), L('罗敏'), L('梁志远', [1]), L('宋春燕')],
      duty: [L('郑海'), L('谢文'), L('韩冬')],
    });
    const nov = generateRoster(cfg, cal, '2026-11-01', '2026-12-31').filter((a) => a.kind === 'weekday' && a.date.startsWith('2026-11'));
    expect(nov).toHaveLength(21);
    const counts = countsOf(nov, 'weekday');
    expect([...counts.values()].sort()).toEqual([4, 4, 4, 4, 5]);
    for (let i = 1; i < nov.length; i++) expect(nov[i]!.uid === nov[i - 1]!.uid && nov[i]!.uid === nov[i + 1]?.uid).toBe(false);
  });
});

describe('leave', () => {
  it('changes only the leave days and at most one give-back day each, and keeps the balance', () => {
    fc.assert(
      fc.property(configArb, periodArb, fc.nat(6), fc.array(fc.nat(60), { minLength: 1, maxLength: 3 }), (cfg, p, who, picks) => {
        const base = generateRoster(cfg, cal, p.from, p.to);
        const uid = cfg.weekday[who % cfg.weekday.length]!.uid;
        const mine = base.filter((a) => a.uid === uid);
        if (!mine.length) return;
        const leave = [...new Set(picks.map((i) => mine[i % mine.length]!.date))];
        // A leave day nobody else may take (everyone else restricted that weekday) is refused.
        const uncoverable = leave.some((d) => {
          const a = base.find((x) => x.date === d)!;
          const wd = new Date(`${d}T12:00:00+08:00`).getUTCDay() || 7;
          return !(a.kind === 'weekday' ? cfg.weekday : cfg.duty).some((l) => l.uid !== uid && !l.neverWeekdays.includes(wd));
        });
        if (uncoverable) {
          expect(() => applyLeave(base, cfg, uid, leave)).toThrow(RosterError);
          return;
        }
        const changes = applyLeave(base, cfg, uid, leave);
        const after = effectiveRoster(base, [changes]);
        const changed = after.filter((a, i) => a.uid !== base[i]!.uid).map((a) => a.date);
        for (const d of leave) expect(changed).toContain(d);
        expect(changed.length).toBeLessThanOrEqual(leave.length * 2);
        for (const d of leave) expect(after.find((a) => a.date === d)!.uid).not.toBe(uid);
        // Every day still covered by someone of the same rotation.
        expect(after.map((a) => a.date)).toEqual(base.map((a) => a.date));
      }),
      { numRuns: 200 },
    );
  });
});

describe('handoff and iCalendar', () => {
  it('puts a visit before the handoff time on the previous duty day', () => {
    expect(dutyDateAt(new Date('2026-10-09T23:00:00Z'), '08:30')).toBe('2026-10-09'); // 07:00 on the 10th in Shanghai
    expect(dutyDateAt(new Date('2026-10-10T01:00:00Z'), '08:30')).toBe('2026-10-10'); // 09:00
  });
  it('exports valid all-day events with names and titles only', () => {
    const ics = rosterIcs(
      '岷阳镇',
      '621126100',
      [{ date: '2026-10-10', name: '刘芳', title: '镇党委书记', kind: 'weekday' }],
      new Date('2026-10-01T00:00:00Z'),
    );
    expect(ics).toContain('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n');
    expect(ics).toContain('DTSTART;VALUE=DATE:20261010\r\nDTEND;VALUE=DATE:20261011');
    expect(ics).toContain('SUMMARY:接访：刘芳（镇党委书记）');
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });
});
