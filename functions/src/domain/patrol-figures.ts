import { z } from 'zod';
import { localDate } from './calendar';
import { ITEM_KINDS, ITEM_KIND_ZH, type ItemKind, type PatrolItemDoc } from './patrol-items';
import { type Coverage, type PatrolDayDoc, patrolUnits } from './patrol';

/**
 * 排查考核 figures (issue 14) beside the case statistics: items found by kind, the hazards'
 * 整改 and 按期整改, key-person visits on time — per unit (village, town, county) and local day,
 * in their own documents `patrolFigures/{unitId}_{date}__{shard}` (never in statsDays, which
 * `fengqiao stats rebuild` rewrites from case events only). Each is written in the same
 * transaction as the event that moves it, by the difference between what the source document
 * counted for before and after (`datedDelta`): a resend that changes nothing moves nothing, and
 * `fengqiao stats patrol-rebuild` recomputes every document from the sources (items, hazards,
 * visit logs). Patrols and zero reports are NOT repeated here: they are the coverage documents'
 * (`patrolDays`) figures, and 巡查覆盖率 is computed from those (`coverage`, domain/patrol.ts).
 */

/** Shards per level: a county's day takes the county's items, hazard steps and visits. */
export const PATROL_FIGURE_SHARDS = { village: 1, town: 2, county: 4 } as const;
type FigureLevel = keyof typeof PATROL_FIGURE_SHARDS;

/** The figures one document holds (flat keys; `items.{kind}` nested when stored). */
export const PATROL_FIGURE_KEYS = [
  'hazardsDue',
  'hazardsDone',
  'hazardsRectified',
  'hazardsOnTime',
  'keyVisits',
  'keyVisitsOnTime',
] as const;

const count = z.number().int().default(0);

/** patrolFigures/{unitId}_{date}__{shard}: created and moved by increments. */
export const PatrolFiguresDoc = z.strictObject({
  unitId: z.string(),
  level: z.enum(['village', 'town', 'county']),
  countyId: z.string(),
  date: z.string(),
  month: z.string(),
  shard: z.number().int().min(0),
  items: z.record(z.string(), z.number().int()).default({}),
  hazardsDue: count,
  hazardsDone: count,
  hazardsRectified: count,
  hazardsOnTime: count,
  keyVisits: count,
  keyVisitsOnTime: count,
});
export type PatrolFiguresDoc = z.infer<typeof PatrolFiguresDoc>;
export type PatrolFiguresMeta = Pick<PatrolFiguresDoc, 'unitId' | 'level' | 'countyId' | 'date' | 'month' | 'shard'>;

export const patrolFiguresId = (unitId: string, date: string, shard: number) => `${unitId}_${date}__${shard}`;

/** A day's flat figures (`items.hazard`, `hazardsDue` …) by local date. */
export type DatedFigures = Map<string, Record<string, number>>;

function add(m: DatedFigures, date: string, key: string, n: number): void {
  if (!n) return;
  const cur = m.get(date) ?? {};
  cur[key] = (cur[key] ?? 0) + n;
  m.set(date, cur);
}

/** What an item counts for: `items.{kind}` on its day (its patrol's day when it names one, else the day it was recorded). */
export function itemContribution(item: Pick<PatrolItemDoc, 'kind' | 'createdAt'>, patrolDate: string | null): DatedFigures {
  const m: DatedFigures = new Map();
  add(m, patrolDate ?? localDate(item.createdAt), `items.${item.kind}`, 1);
  return m;
}

/**
 * What a hazard counts for, from its state block (null: nothing):
 *  - on the local day of its due date (dueAt, set by 交办): `hazardsDue` 1, and `hazardsDone` 1
 *    while it is rectified or verified (整改率's cohort: the hazards due in the period);
 *  - on the day it was rectified (rectifiedAt, cleared by 退回整改): `hazardsRectified` 1 and
 *    `hazardsOnTime` 1 when done by the limit (按期整改率).
 */
export function hazardContribution(h: PatrolItemDoc['hazard'] | null | undefined): DatedFigures {
  const m: DatedFigures = new Map();
  if (!h) return m;
  if (h.dueAt) {
    const d = localDate(h.dueAt);
    add(m, d, 'hazardsDue', 1);
    add(m, d, 'hazardsDone', h.state === 'rectified' || h.state === 'verified' ? 1 : 0);
  }
  if (h.rectifiedAt) {
    const d = localDate(h.rectifiedAt);
    add(m, d, 'hazardsRectified', 1);
    add(m, d, 'hazardsOnTime', h.onTime ? 1 : 0);
  }
  return m;
}

/** A key-person visit: `keyVisits` 1 and `keyVisitsOnTime` when on time, on the local day it was made. */
export function visitContribution(v: { visitedAt: Date; onTime: boolean }): DatedFigures {
  const m: DatedFigures = new Map();
  const d = localDate(v.visitedAt);
  add(m, d, 'keyVisits', 1);
  add(m, d, 'keyVisitsOnTime', v.onTime ? 1 : 0);
  return m;
}

/** after − before, day by day, without zeros (an empty map: nothing to write). */
export function datedDelta(before: DatedFigures, after: DatedFigures): DatedFigures {
  const out: DatedFigures = new Map();
  for (const [d, f] of after) for (const [k, n] of Object.entries(f)) add(out, d, k, n);
  for (const [d, f] of before) for (const [k, n] of Object.entries(f)) add(out, d, k, -n);
  for (const [d, f] of out) {
    for (const [k, n] of Object.entries(f)) if (n === 0) delete f[k];
    if (!Object.keys(f).length) out.delete(d);
  }
  return out;
}

/** Deterministic small hash (the shard of a source document: its own changes never spread). */
function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h;
}

export interface PatrolFigureTarget {
  id: string;
  meta: PatrolFiguresMeta;
  delta: Record<string, number>;
}

/** The documents a delta of a grid's source (`key`: its document ID) is written to: its village, town and county, one shard each. */
export function patrolFigureTargets(gridId: string, key: string, delta: DatedFigures): PatrolFigureTarget[] {
  const countyId = gridId.slice(0, 6);
  const h = hash(key);
  const out: PatrolFigureTarget[] = [];
  for (const [date, f] of delta)
    for (const u of patrolUnits(gridId)) {
      const shard = h % PATROL_FIGURE_SHARDS[u.level as FigureLevel];
      out.push({
        id: patrolFiguresId(u.unitId, date, shard),
        meta: { unitId: u.unitId, level: u.level, countyId, date, month: date.slice(0, 7), shard },
        delta: f,
      });
    }
  return out;
}

// ── reading: sums and rates ─────────────────────────────────────────────────

export interface PatrolTotals {
  /** From patrolDays: patrols logged and zero reports among them. */
  patrols: number;
  zeroReports: number;
  /** From patrolFigures. */
  items: Record<ItemKind, number>;
  hazardsDue: number;
  hazardsDone: number;
  hazardsRectified: number;
  hazardsOnTime: number;
  keyVisits: number;
  keyVisitsOnTime: number;
  /** 巡查覆盖率's parts (domain/patrol.ts coverage); null when not computed. */
  coverage: Coverage | null;
}

export const emptyPatrolTotals = (): PatrolTotals => ({
  patrols: 0,
  zeroReports: 0,
  items: Object.fromEntries(ITEM_KINDS.map((k) => [k, 0])) as Record<ItemKind, number>,
  hazardsDue: 0,
  hazardsDone: 0,
  hazardsRectified: 0,
  hazardsOnTime: 0,
  keyVisits: 0,
  keyVisitsOnTime: 0,
  coverage: null,
});

type FigureFields = Partial<Pick<PatrolFiguresDoc, (typeof PATROL_FIGURE_KEYS)[number] | 'items'>>;

/** Sums day shards (any number, any days) and day coverage documents into totals. */
export function sumPatrolFigures(
  figures: readonly FigureFields[],
  days: readonly Pick<PatrolDayDoc, 'patrols' | 'zeroReports'>[],
  coverage: Coverage | null = null,
): PatrolTotals {
  const t = emptyPatrolTotals();
  for (const f of figures) {
    for (const k of PATROL_FIGURE_KEYS) t[k] += f[k] ?? 0;
    for (const [kind, n] of Object.entries(f.items ?? {})) if (kind in t.items) t.items[kind as ItemKind] += n;
  }
  for (const d of days) {
    t.patrols += d.patrols ?? 0;
    t.zeroReports += d.zeroReports ?? 0;
  }
  t.coverage = coverage;
  return t;
}

export interface PatrolRates {
  /** 巡查覆盖率 = grid-patrols done as the policy expects ÷ expected (null: nothing expected). */
  coverageRate: number | null;
  /** 零报告率 = zero reports ÷ patrols. */
  zeroReportRate: number | null;
  /** 隐患整改率 = hazards due in the period now rectified or verified ÷ hazards due in the period. */
  rectifyRate: number | null;
  /** 按期整改率 = rectified by the limit ÷ rectified in the period. */
  onTimeRectifyRate: number | null;
  /** 重点人员走访按期率 = visits on time ÷ visits. */
  visitOnTimeRate: number | null;
}

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);

export function patrolRates(t: PatrolTotals): PatrolRates {
  return {
    coverageRate: t.coverage && t.coverage.expected > 0 ? t.coverage.done / t.coverage.expected : null,
    zeroReportRate: ratio(t.zeroReports, t.patrols),
    rectifyRate: ratio(t.hazardsDone, t.hazardsDue),
    onTimeRectifyRate: ratio(t.hazardsOnTime, t.hazardsRectified),
    visitOnTimeRate: ratio(t.keyVisitsOnTime, t.keyVisits),
  };
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(2)}%`);

/** The 排查 rows of the monthly report and of the 排查台账's summary (label, value): counts only. */
export function patrolReportRows(t: PatrolTotals): [string, string | number][] {
  const r = patrolRates(t);
  const itemsTotal = ITEM_KINDS.reduce((n, k) => n + t.items[k], 0);
  return [
    ['巡查覆盖率', pct(r.coverageRate)],
    ['　应巡查（网格·次）', t.coverage?.expected ?? '—'],
    ['　已巡查（网格·次）', t.coverage?.done ?? '—'],
    ['巡查记录（条）', t.patrols],
    ['零报告（条）', t.zeroReports],
    ['零报告率', pct(r.zeroReportRate)],
    ['排查事项（件）', itemsTotal],
    ...ITEM_KINDS.map((k): [string, number] => [`　${ITEM_KIND_ZH[k]}`, t.items[k]]),
    ['到期应整改隐患（件）', t.hazardsDue],
    ['　其中已整改（含已复核）', t.hazardsDone],
    ['隐患整改率', pct(r.rectifyRate)],
    ['整改完成隐患（件）', t.hazardsRectified],
    ['　其中按期整改', t.hazardsOnTime],
    ['按期整改率', pct(r.onTimeRectifyRate)],
    ['重点人员走访（次）', t.keyVisits],
    ['　其中按期走访', t.keyVisitsOnTime],
    ['走访按期率', pct(r.visitOnTimeRate)],
  ];
}

/** Flattens a document's figures (for verify: `items.hazard`, `hazardsDue` …), zeros left out. */
export function flatPatrolFigures(f: FigureFields): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of PATROL_FIGURE_KEYS) if (f[k]) out[k] = f[k]!;
  for (const [kind, n] of Object.entries(f.items ?? {})) if (n) out[`items.${kind}`] = n;
  return out;
}
