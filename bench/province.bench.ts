// Benchmark (issue 16): a generated province of 122 counties in 21 cities.
//  1. The province's dashboard first load reads a bounded number of documents, the same for a
//     sample of 12 counties and for all 122 (and however many cases): the province's counter
//     shards, today's statistics shards and the names of its cities.
//  2. The busiest aggregate document's write rate at the province's peak (simulated with the
//     real shard assignment — a hash of the case ID — for the counters and daily statistics of
//     the province, a city and a county).
//  3. The deadline sweep's reads follow the due cases across the province (two sizes).
// Sampled: every county is generated, each with BENCH_PROVINCE_CASES open cases (default 100,
// not 秦安's 182,000 a year: one emulator run on a 2-core machine) of which 1% are due; runs in
// its own emulator database ("benchprov").
import { initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { it } from 'vitest';
import {
  CalendarYearDoc,
  type CaseDoc,
  type GridDoc,
  type StatsDayMeta,
  UPPER_SHARDS,
  WorkCalendar,
  chainTargets,
  clockSummary,
  counterWrites,
  defaultPolicy,
  localDate,
  statsDelta,
} from '../functions/src/domain';
import { fromSource } from '../functions/src/cli/calendar-sources';
import { clearConfigCache } from '../functions/src/lib/config';
import { incrementsOf } from '../functions/src/lib/counters';
import { increments, refs, writeIncrements } from '../functions/src/lib/db';
import { statsDayTargets, unitStatsDelta } from '../functions/src/lib/stats';
import { runSweep } from '../functions/src/lib/sweep';
import { demoDepartments, demoGrids } from '../functions/src/seed/demo-county';
import { generateCase } from '../functions/src/seed/generate';
import { counts, resetCounts } from './lib/count';
import { report } from './lib/report';
import { upperRegion as region } from '../test/helpers/upper-regions';

const PER_COUNTY = Number(process.env.BENCH_PROVINCE_CASES ?? 100);
const DUE_EVERY = 100; // ~1%
const PROJECT = process.env.GCLOUD_PROJECT ?? 'demo-fengqiao';

/** 21 cities (6201…6221), 122 counties: the first 17 cities have 6, the other 4 have 5. */
function province(): { cities: string[]; counties: string[] } {
  const cities: string[] = [];
  const counties: string[] = [];
  for (let c = 1; c <= 21; c++) {
    const city = `62${String(c).padStart(2, '0')}`;
    cities.push(city);
    for (let k = 1; k <= (c <= 17 ? 6 : 5); k++) counties.push(`${city}${String(k).padStart(2, '0')}`);
  }
  return { cities, counties };
}

function gridsOf(county: string): GridDoc[] {
  const re = (code: string) => county + code.slice(6);
  return demoGrids()
    .slice(0, 20)
    .map((g) => ({ ...g, id: re(g.id), countyId: county, townId: re(g.townId), villageId: re(g.villageId) }));
}

async function build(counties: string[], cities: string[], now: Date, cal: WorkCalendar) {
  const db = getFirestore(initializeApp({ projectId: PROJECT }, `bench-province-${counties.length}`), 'benchprov');
  await fetch(`http://${process.env.FIRESTORE_EMULATOR_HOST}/emulator/v1/projects/${PROJECT}/databases/benchprov/documents`, {
    method: 'DELETE',
  });
  clearConfigCache();
  const r = refs(db);
  const years = [2025, 2026, 2027].map((y) => fromSource('chinese-days', y)).filter((y) => y !== null);
  for (const y of years)
    await r.calendarYear(y.year).set(CalendarYearDoc.parse({ ...y, source: 'bench', importedAt: new Date(), importedBy: 'bench' }));
  const w = db.bulkWriter();
  void w.set(db.doc('regions/62'), region('62', 'province', '甘肃省', null));
  for (const c of cities) void w.set(db.doc(`regions/${c}`), region(c, 'city', `第${c.slice(2)}市`, '62'));
  for (const c of counties) void w.set(db.doc(`regions/${c}`), region(c, 'county', `第${c.slice(2)}县`, c.slice(0, 4)));
  const departmentsByTown: Record<string, string[]> = {};
  for (const d of demoDepartments()) (departmentsByTown[d.townId ?? ''] ??= []).push(d.id);
  const totals = new Map<string, { meta: { unitId: string; level: string; shard: number }; delta: Record<string, number> }>();
  const days = new Map<string, { meta: StatsDayMeta; delta: Record<string, number> }>();
  let due = 0;
  let cases = 0;
  for (const [ci, county] of counties.entries()) {
    const policy = defaultPolicy(county);
    const opts = {
      seed: 11 + ci,
      now,
      grids: gridsOf(county),
      departmentsByTown,
      leaders: { county: { uid: 'L', name: 'L' }, byTown: {} },
      days: 0.02,
      skew: true,
      clocks: { policy, cal },
      openOnly: true,
    };
    for (let i = 0; i < PER_COUNTY; i++) {
      const g = generateCase(i, opts);
      let c: CaseDoc = { ...g.caseDoc, id: `${county}-${g.caseDoc.id}` };
      if (i % DUE_EVERY === 0) {
        const clocks = c.clocks.map((k) =>
          k.kind === 'tier' && k.state === 'running'
            ? {
                ...k,
                dueAt: new Date(now.getTime() - 60_000),
                warnAt: new Date(now.getTime() - 3_600_000),
                warnedAt: new Date(now.getTime() - 3_500_000),
              }
            : k,
        );
        c = { ...c, clocks, ...clockSummary(clocks, now) };
      }
      if (c.sweepAt && c.sweepAt <= now) due++;
      cases++;
      void w.set(r.case(c.id), c);
      // What the cases' transactions wrote, summed (like the seed): counters and daily statistics.
      for (const t of counterWrites(null, c, policy.counterShards)) {
        const acc = totals.get(t.id) ?? { meta: { unitId: t.unitId, level: t.level, shard: t.shard }, delta: {} };
        for (const [k, n] of Object.entries(t.delta)) acc.delta[k] = (acc.delta[k] ?? 0) + n;
        totals.set(t.id, acc);
      }
      for (const e of g.events) {
        if (!Object.keys(statsDelta(e)).length) continue;
        for (const t of statsDayTargets(c.id, e)) {
          const acc = days.get(t.id) ?? {
            meta: { unitId: t.unitId, level: t.level, shard: t.shard, period: t.day, month: t.month, year: t.year },
            delta: {},
          };
          for (const [k, n] of Object.entries(unitStatsDelta(t.unitId, e))) acc.delta[k] = (acc.delta[k] ?? 0) + n;
          days.set(t.id, acc);
        }
      }
    }
    await w.flush();
  }
  const inc = increments(db);
  for (const [id, t] of totals) writeIncrements(w, inc.counter(id), t.meta as never, incrementsOf(t.delta));
  for (const [id, t] of days) writeIncrements(w, inc.statsDay(id), t.meta, incrementsOf(t.delta));
  await w.close();
  return { db, due, cases };
}

/** The province dashboard's first load (the console's own queries, data/upper-hooks.ts), counted. */
async function dashboardReads(db: FirebaseFirestore.Firestore, day: string) {
  resetCounts();
  await db.doc('regions/62').get(); // the unit's name
  const counters = await db.collection('counters').where('unitId', '==', '62').get();
  const today = await db.collection('statsDays').where('unitId', '==', '62').where('period', '==', day).get();
  const names = await db.collection('regions').where('parentId', '==', '62').get();
  const shown = counters.docs.reduce((a, d) => a + (d.get('open') ?? 0), 0);
  return { reads: counts.reads, counters: counters.size, today: today.size, names: names.size, open: shown };
}

/**
 * Busiest aggregate documents: one second at a time, with the real shard assignment. Each case
 * makes `changesPerCase` counted changes (the first its report) and then leaves; a warm-up as
 * long as the measured time fills the pool of open cases first (not counted).
 */
function simulate(casesPerSecond: number, changesPerCase: number, seconds: number) {
  const { counties } = province();
  const perDocSecond = new Map<string, number>();
  let rnd = 12345;
  const next = () => (rnd = (rnd * 1103515245 + 12345) % 2147483648) / 2147483648;
  const open: { id: string; county: string; left: number }[] = [];
  let n = 0;
  let carry = 0;
  for (let s = -seconds; s < seconds; s++) {
    carry += casesPerSecond * changesPerCase;
    const k = Math.floor(carry);
    carry -= k;
    for (let i = 0; i < k; i++) {
      let x: { id: string; county: string; left: number };
      if (!open.length || next() < 1 / changesPerCase) {
        const county = counties[Math.floor(next() * counties.length)]!;
        x = { id: `c${(n++).toString(36)}-${Math.floor(next() * 1e9).toString(36)}`, county, left: changesPerCase };
        open.push(x);
      } else x = open[Math.floor(next() * open.length)]!;
      x.left--;
      if (x.left <= 0) open.splice(open.indexOf(x), 1);
      if (s < 0) continue;
      const chain = {
        id: x.id,
        countyId: x.county,
        townId: `${x.county}100`,
        villageId: `${x.county}100001`,
        gridId: `${x.county}100001001`,
      };
      for (const t of chainTargets(chain)) {
        if (t.level !== 'province' && t.level !== 'city' && t.level !== 'county') continue;
        const key = `${t.level}|${t.id}@${s}`;
        perDocSecond.set(key, (perDocSecond.get(key) ?? 0) + 1);
      }
    }
  }
  const stat = (level: string) => {
    const rows = [...perDocSecond.entries()].filter(([k]) => k.startsWith(`${level}|`));
    const perDoc = new Map<string, number>();
    for (const [k, v] of rows) perDoc.set(k.split('@')[0]!, (perDoc.get(k.split('@')[0]!) ?? 0) + v);
    const total = [...perDoc.values()].reduce((x, y) => x + y, 0);
    return {
      docs: perDoc.size,
      mean: total / perDoc.size / seconds,
      busiestMean: Math.max(...perDoc.values()) / seconds,
      busiestSecond: Math.max(...rows.map(([, v]) => v)),
    };
  };
  return { province: stat('province'), city: stat('city'), county: stat('county') };
}

it('a province of 122 counties: dashboard reads, busiest aggregate document, sweep reads', async () => {
  const years = [2025, 2026, 2027].map((y) => fromSource('chinese-days', y)).filter((y) => y !== null);
  const cal = new WorkCalendar(years);
  const now = new Date('2026-11-20T02:00:00Z'); // a Friday, 10:00 in Shanghai
  const day = localDate(now);
  const { cities, counties } = province();
  const sizes = [
    {
      name: `sample: 2 cities, 12 counties × ${PER_COUNTY} cases`,
      counties: counties.filter((c) => ['6201', '6202'].includes(c.slice(0, 4))),
      cities: ['6201', '6202'],
    },
    { name: `all 21 cities, 122 counties × ${PER_COUNTY} cases`, counties, cities },
  ];
  const rows: string[] = [];
  const sweepRows: string[] = [];
  for (const s of sizes) {
    const t0 = performance.now();
    const { db, due, cases } = await build(s.counties, s.cities, now, cal);
    const seeded = (performance.now() - t0) / 1000;
    const d = await dashboardReads(db, day);
    rows.push(
      `| ${s.name} | ${cases.toLocaleString('en')} | ${d.counters} | ${d.today} | ${d.names} | **${d.reads}** | ${d.open.toLocaleString('en')} |`,
    );
    resetCounts();
    const s0 = performance.now();
    const sweep = await runSweep(db, now, { batchSize: 200, maxBatches: 100 });
    const ms = performance.now() - s0;
    sweepRows.push(
      `| ${s.name} | ${cases.toLocaleString('en')} | ${due} | ${sweep.casesChanged} | ${counts.reads.toLocaleString('en')} | ${(counts.reads / Math.max(1, due)).toFixed(2)} | ${counts.writes.toLocaleString('en')} | ${(ms / 1000).toFixed(1)} s (seeding ${seeded.toFixed(0)} s) |`,
    );
  }
  report('province', [
    `\n## A province of 122 counties (\`npm run bench -- province\`, ${PER_COUNTY} cases per county)\n`,
    "### The province's dashboard: first load\n",
    "| size | cases | counter shards | today's statistics shards | city names | documents read | open cases shown |",
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `The province's shards (${UPPER_SHARDS.province} + ${UPPER_SHARDS.province} at most) and one name per city: the same with 12 counties and with 122, and with any number of cases; plus the console's session (3) and alert badge (≤ 10).\n`,
    '### Deadline sweep across the province\n',
    '| size | open cases | due | changed by the sweep | document reads | reads per due case | document writes | wall time |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...sweepRows,
  ]);
});

it("busiest aggregate document at the province's peak (simulated)", () => {
  // The province's peak: 秦安 182,000 cases a year × 122 counties, 5 counted changes a case, all
  // in working hours (250 days × 8 h), a peak hour 3 × that hour's mean.
  const perYear = 182_000 * 122;
  const workingMean = perYear / (250 * 8 * 3600);
  const peak = workingMean * 3;
  const sim = simulate(peak, 5, 600);
  const simRow = (level: string, shards: string, r: { docs: number; mean: number; busiestMean: number; busiestSecond: number }) =>
    `| ${level} | ${shards} | ${r.docs} | ${r.mean.toFixed(2)} | ${r.busiestMean.toFixed(2)} | ${r.busiestSecond} |`;
  report('province-peak', [
    `\n### Busiest aggregate document at the province's peak (\`npm run bench -- province\`; pure: \`npx vitest run --project bench bench/province.bench.ts -t peak\`)\n`,
    `Assumed peak: 182,000 cases a year (秦安) × 122 = ${(perYear / 1e6).toFixed(1)} million cases a year; in working hours (250 days × 8 h) ${workingMean.toFixed(2)} cases/s; a peak hour 3 × that: **${peak.toFixed(2)} cases/s**, 5 counted changes a case (report, accept, escalate or dispatch, resolve, close) = ${(peak * 5).toFixed(1)} counted changes/s across the province. Ten minutes simulated after ten of warm-up, with the real shard assignment, each case making its 5 changes and leaving; each counted change writes one shard of each unit (counters and daily statistics alike, separately):\n`,
    '| unit | shards | documents | mean writes/s per document | busiest document: mean writes/s | busiest second of any document |',
    '|---|---|---:|---:|---:|---:|',
    simRow('province (62)', `${UPPER_SHARDS.province}`, sim.province),
    simRow('a city (6 counties)', `${UPPER_SHARDS.city}`, sim.city),
    simRow('a county', 'statistics 32', sim.county),
    '',
  ]);
});
