// 排查考核 figures: what each source counts for (items, hazards through their states, visits),
// the difference written per event (a step that changes nothing writes nothing; a hazard's whole
// life sums to what it counts for at its end), the targets (units, shards), sums and rates (null
// on an empty denominator), the report rows and the ledger rows (masked, no key person).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  type DatedFigures,
  ITEM_LEDGER_COLUMNS,
  PATROL_FIGURE_SHARDS,
  PATROL_LEDGER_COLUMNS,
  PatrolLedgerInput,
  type PatrolDoc,
  type PatrolItemDoc,
  applyHazard,
  datedDelta,
  flatPatrolFigures,
  hazardContribution,
  itemContribution,
  itemLedgerRow,
  newHazard,
  patrolFigureTargets,
  patrolLedgerRow,
  patrolRates,
  patrolReportRows,
  sumPatrolFigures,
  visitContribution,
} from '../../functions/src/domain';

const GRID = '621126100001001';
const at = (s: string) => new Date(s);
const plain = (m: DatedFigures) => Object.fromEntries([...m].map(([d, f]) => [d, { ...f }]));
const actor = { uid: 'u-staff', name: '张干事' };
const village = { r: 'village_staff', u: '621126100001', c: '621126', t: '621126100', v: '621126100001' } as const;
const worker = { r: 'grid_worker', u: GRID, c: '621126', t: '621126100', v: '621126100001', g: GRID } as const;
const LIMIT = { amount: 15, unit: 'calendar_days' as const };
const plusDays = (from: Date, d: { amount: number }) => new Date(from.getTime() + d.amount * 86_400_000);

function hazardItem(createdAt: Date): PatrolItemDoc {
  return {
    id: '621126-h1',
    kind: 'hazard',
    countyId: '621126',
    townId: '621126100',
    villageId: '621126100001',
    gridId: GRID,
    units: [GRID, '621126100001', '621126100', '621126'],
    hazardDept: null,
    patrolId: null,
    reporterUid: 'u-grid',
    reporterName: '李网格员',
    title: '村口电线老化',
    description: '电线裸露',
    caseId: null,
    hazard: newHazard({ uid: 'u-grid', name: '李网格员' }, createdAt),
    createdAt,
    updatedAt: createdAt,
    version: 1,
  };
}

describe('what a source counts for', () => {
  it('an item counts once by kind, on its patrol day, else on the local day it was recorded', () => {
    expect(plain(itemContribution({ kind: 'hazard', createdAt: at('2026-05-03T17:00:00Z') }, null))).toEqual({
      '2026-05-04': { 'items.hazard': 1 },
    });
    expect(plain(itemContribution({ kind: 'demand', createdAt: at('2026-05-03T01:00:00Z') }, '2026-05-01'))).toEqual({
      '2026-05-01': { 'items.demand': 1 },
    });
  });

  it('a reported hazard counts for nothing; assigned it is due on its due day; rectified it is done there and rectified on its day', () => {
    const item = hazardItem(at('2026-05-01T02:00:00Z'));
    expect(hazardContribution(item.hazard).size).toBe(0);
    const assigned = applyHazard(
      item,
      { action: 'assign', responsible: { kind: 'unit', id: '621126100001' }, note: null },
      village,
      actor,
      at('2026-05-01T03:00:00Z'),
      LIMIT,
      plusDays,
      24,
      '某村',
    );
    expect(plain(hazardContribution(assigned))).toEqual({ '2026-05-16': { hazardsDue: 1 } });
    const rectified = applyHazard(
      { ...item, hazard: assigned },
      { action: 'rectified', note: '已更换' },
      village,
      actor,
      at('2026-05-10T03:00:00Z'),
      LIMIT,
      plusDays,
      24,
      null,
    );
    expect(plain(hazardContribution(rectified))).toEqual({
      '2026-05-16': { hazardsDue: 1, hazardsDone: 1 },
      '2026-05-10': { hazardsRectified: 1, hazardsOnTime: 1 },
    });
  });

  it('a visit counts on its local day, on time or not', () => {
    expect(plain(visitContribution({ visitedAt: at('2026-05-04T16:30:00Z'), onTime: false }))).toEqual({ '2026-05-05': { keyVisits: 1 } });
    expect(plain(visitContribution({ visitedAt: at('2026-05-04T01:00:00Z'), onTime: true }))).toEqual({
      '2026-05-04': { keyVisits: 1, keyVisitsOnTime: 1 },
    });
  });
});

describe('the difference each hazard step writes', () => {
  it('follows a hazard through assign, late rectification, send back, re-rectification and verification', () => {
    const item = hazardItem(at('2026-05-01T02:00:00Z'));
    const steps: [Parameters<typeof applyHazard>[1], typeof village | typeof worker, string][] = [
      [{ action: 'assign', responsible: { kind: 'unit', id: '621126100001' }, note: null }, village, '2026-05-01T03:00:00Z'],
      [{ action: 'start', note: null }, village, '2026-05-02T03:00:00Z'],
      [{ action: 'rectified', note: '已整改' }, village, '2026-05-20T03:00:00Z'],
      [{ action: 'send_back', reason: '未彻底整改' }, worker, '2026-05-21T03:00:00Z'],
      [{ action: 'rectified', note: '再次整改' }, village, '2026-05-25T03:00:00Z'],
      [{ action: 'verify', note: null }, worker, '2026-05-26T03:00:00Z'],
    ];
    let h = item.hazard!;
    const deltas: Record<string, Record<string, number>>[] = [];
    for (const [cmd, who, when] of steps) {
      const next = applyHazard({ ...item, hazard: h }, cmd, who, actor, at(when), LIMIT, plusDays, 24, '某村');
      deltas.push(plain(datedDelta(hazardContribution(h), hazardContribution(next))));
      h = next;
    }
    expect(deltas).toEqual([
      { '2026-05-16': { hazardsDue: 1 } },
      {},
      { '2026-05-16': { hazardsDone: 1 }, '2026-05-20': { hazardsRectified: 1 } },
      { '2026-05-16': { hazardsDone: -1 }, '2026-05-20': { hazardsRectified: -1 } },
      { '2026-05-16': { hazardsDone: 1 }, '2026-05-25': { hazardsRectified: 1 } },
      {},
    ]);
  });

  it('property: the deltas of any sequence of states sum to the last state’s contribution', () => {
    const state = fc.record({
      due: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
      rect: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
      done: fc.boolean(),
      onTime: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(state, { minLength: 1, maxLength: 8 }), (states) => {
        const day = (n: number) => new Date(Date.UTC(2026, 4, 1 + n, 2));
        const toH = (s: (typeof states)[number]) =>
          ({
            ...newHazard(actor, day(0)),
            state: s.done ? 'verified' : 'rectifying',
            dueAt: s.due === null ? null : day(s.due),
            rectifiedAt: s.rect === null ? null : day(s.rect),
            onTime: s.onTime,
          }) as NonNullable<PatrolItemDoc['hazard']>;
        const sum = new Map<string, Record<string, number>>();
        let prev: NonNullable<PatrolItemDoc['hazard']> | null = null;
        for (const s of states) {
          const h = toH(s);
          for (const [d, f] of datedDelta(hazardContribution(prev), hazardContribution(h))) {
            const cur = sum.get(d) ?? {};
            for (const [k, n] of Object.entries(f)) cur[k] = (cur[k] ?? 0) + n;
            sum.set(d, cur);
          }
          prev = h;
        }
        const clean = (m: Map<string, Record<string, number>>) =>
          Object.fromEntries(
            [...m]
              .map(([d, f]) => [d, Object.fromEntries(Object.entries(f).filter(([, n]) => n !== 0))] as const)
              .filter(([, f]) => Object.keys(f).length),
          );
        expect(clean(sum)).toEqual(clean(hazardContribution(prev)));
      }),
    );
  });
});

describe('targets', () => {
  it('one shard of the village, town and county per day; the same source always lands in the same shards', () => {
    const delta: DatedFigures = new Map<string, Record<string, number>>([
      ['2026-05-04', { 'items.hazard': 1 }],
      ['2026-05-16', { hazardsDue: 1 }],
    ]);
    const t = patrolFigureTargets(GRID, '621126-h1', delta);
    expect(t).toHaveLength(6);
    expect(t.map((x) => x.meta.unitId)).toEqual(['621126100001', '621126100', '621126', '621126100001', '621126100', '621126']);
    for (const x of t) {
      expect(x.meta.shard).toBeLessThan(PATROL_FIGURE_SHARDS[x.meta.level]);
      expect(x.id).toBe(`${x.meta.unitId}_${x.meta.date}__${x.meta.shard}`);
      expect(x.meta.month).toBe(x.meta.date.slice(0, 7));
    }
    expect(patrolFigureTargets(GRID, '621126-h1', delta).map((x) => x.id)).toEqual(t.map((x) => x.id));
    // Different sources spread over the county's shards.
    const shards = new Set(Array.from({ length: 40 }, (_, i) => patrolFigureTargets(GRID, `src-${i}`, delta)[2]!.meta.shard));
    expect(shards.size).toBe(PATROL_FIGURE_SHARDS.county);
  });
});

describe('sums and rates', () => {
  it('adds shards and days; every rate is its numerator over its denominator', () => {
    const t = sumPatrolFigures(
      [
        { items: { hazard: 2, dispute: 1 }, hazardsDue: 3, hazardsDone: 2, keyVisits: 4, keyVisitsOnTime: 3 },
        { items: { hazard: 1 }, hazardsRectified: 4, hazardsOnTime: 3 },
      ],
      [
        { patrols: 10, zeroReports: 6 },
        { patrols: 10, zeroReports: 2 },
      ],
      { expected: 40, done: 30, rate: 0.75 },
    );
    expect(t.items).toEqual({ dispute: 1, hazard: 3, security: 0, demand: 0, stability: 0 });
    expect(patrolRates(t)).toEqual({
      coverageRate: 0.75,
      zeroReportRate: 0.4,
      rectifyRate: 2 / 3,
      onTimeRectifyRate: 0.75,
      visitOnTimeRate: 0.75,
    });
  });

  it('every rate is null on an empty denominator (nothing expected, no patrols, nothing due, nothing rectified, no visits)', () => {
    const t = sumPatrolFigures([], [], { expected: 0, done: 0, rate: 1 });
    expect(patrolRates(t)).toEqual({
      coverageRate: null,
      zeroReportRate: null,
      rectifyRate: null,
      onTimeRectifyRate: null,
      visitOnTimeRate: null,
    });
    expect(patrolReportRows(t).find((r) => r[0] === '隐患整改率')![1]).toBe('—');
  });

  it('report rows: the rates as percentages with their parts, items by kind', () => {
    const t = sumPatrolFigures([{ items: { stability: 1 }, hazardsDue: 4, hazardsDone: 1 }], [{ patrols: 3, zeroReports: 1 }], {
      expected: 8,
      done: 6,
      rate: 0.75,
    });
    const rows = Object.fromEntries(patrolReportRows(t));
    expect(rows['巡查覆盖率']).toBe('75.00%');
    expect(rows['零报告率']).toBe('33.33%');
    expect(rows['隐患整改率']).toBe('25.00%');
    expect(rows['按期整改率']).toBe('—');
    expect(rows['　涉稳信息']).toBe(1);
    expect(rows['排查事项（件）']).toBe(1);
  });

  it('flattens a stored document for verify, zeros left out', () => {
    expect(flatPatrolFigures({ items: { hazard: 2, demand: 0 }, hazardsDue: 1, keyVisits: 0 })).toEqual({
      'items.hazard': 2,
      hazardsDue: 1,
    });
  });
});

describe('the 排查台账 rows', () => {
  const names = { '621126100': '岷阳镇', '621126100001': '东关村', [GRID]: '东关村第一网格' };
  it('a patrol row: names, not codes; the note masked again', () => {
    const p: PatrolDoc = {
      id: 'p1',
      countyId: '621126',
      townId: '621126100',
      villageId: '621126100001',
      gridId: GRID,
      workerUid: 'u-grid',
      workerName: '李网格员',
      date: '2026-05-04',
      patrolledAt: at('2026-05-04T01:30:00Z'),
      householdsVisited: 40,
      households: 120,
      zeroReport: false,
      note: '联系人电话13912345678，反映路灯不亮',
      itemIds: ['i1'],
      createdAt: at('2026-05-04T01:31:00Z'),
    };
    const row = patrolLedgerRow(1, p, names);
    expect(row).toHaveLength(PATROL_LEDGER_COLUMNS.length);
    expect(row.slice(0, 10)).toEqual([
      1,
      '2026-05-04',
      '2026-05-04 09:30',
      '岷阳镇',
      '东关村',
      '东关村第一网格',
      '李网格员',
      40,
      120,
      '否（有发现）',
    ]);
    expect(String(row[10])).not.toContain('13912345678');
    expect(row[11]).toBe(1);
  });

  it('an item row: the hazard’s state, responsible, limit and 按期; text masked', () => {
    const item = hazardItem(at('2026-05-01T02:00:00Z'));
    const h = applyHazard(
      item,
      { action: 'assign', responsible: { kind: 'unit', id: '621126100001' }, note: null },
      village,
      actor,
      at('2026-05-01T03:00:00Z'),
      LIMIT,
      plusDays,
      24,
      '东关村',
    );
    const row = itemLedgerRow(1, { ...item, description: '身份证号620102199001011234 的住户门前', hazard: h }, names);
    expect(row).toHaveLength(ITEM_LEDGER_COLUMNS.length);
    expect(row[2]).toBe('安全隐患');
    expect(row[10]).toBe('已交办');
    expect(row[11]).toBe('东关村');
    expect(row[12]).toBe('2026-05-16 11:00');
    expect(String(row[8])).not.toContain('620102199001011234');
  });

  it('input: a unit code, two dates, a format', () => {
    expect(PatrolLedgerInput.parse({ unitId: '621126100', from: '2026-05-01', to: '2026-05-31' }).format).toBe('xlsx');
    expect(PatrolLedgerInput.safeParse({ unitId: '62112', from: '2026-05-01', to: '2026-05-31' }).success).toBe(false);
    expect(PatrolLedgerInput.safeParse({ unitId: '621126', from: '2026-05-01', to: '2026-05-31', extra: 1 }).success).toBe(false);
  });
});
