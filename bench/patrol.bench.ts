// Benchmark (issue 14): 网格巡查 at 土右旗's scale — 1,173 grids, one patrol per grid per day.
// The logs are written by the seed's path (lib/patrol-service writePatrol through a BulkWriter:
// the same log, day-coverage increments and campaign counting the callable writes in its
// transaction), first 10 days (11,730 logs), then 20 more (35,190). At each size the coverage
// view's first load (the console's reads: policy, the unit's grids, today's day document live,
// this week's and this month's day documents) is read the way the console reads it and counted;
// then patrols go through the real `recordPatrol` callable (its exported function, run in this
// process with a grid worker's claims, so every read and write is counted), without and with a
// running campaign. The calls run one after another (each counted on its own); nothing here
// calls the functions emulator, so its memory is not at stake.
//   npm run bench -- patrol          (BENCH_PATROL_GRIDS, BENCH_PATROL_CALLS to scale down)
import type { CallableRequest } from 'firebase-functions/v2/https';
import { it } from 'vitest';
import { recordPatrol } from '../functions/src/api/patrol/recordPatrol';
import {
  type Claims,
  type GridDoc,
  type PatrolDoc,
  type RegionDoc,
  addDays,
  datesBetween,
  defaultPolicy,
  localDate,
  patrolDayId,
  weekStart,
} from '../functions/src/domain';
import { db } from '../functions/src/lib/admin';
import { launchCampaign } from '../functions/src/lib/campaign-service';
import { refs, uncheckedRefs } from '../functions/src/lib/db';
import { caseIdFor } from '../functions/src/lib/ids';
import { writePatrol } from '../functions/src/lib/patrol-service';
import { counts, resetCounts } from './lib/count';
import { report } from './lib/report';

const COUNTY = '150221'; // 土默特右旗
const GRIDS = Number(process.env.BENCH_PATROL_GRIDS ?? 1_173);
const CALLS = Number(process.env.BENCH_PATROL_CALLS ?? 20);
const TOWNS = 9;
const PER_VILLAGE = 3;

function county(): { regions: RegionDoc[]; grids: GridDoc[] } {
  const regions: RegionDoc[] = [{ id: COUNTY, level: 'county', name: '土默特右旗', parentId: null, countyId: COUNTY, townId: null }];
  const grids: GridDoc[] = [];
  const villages = Math.ceil(GRIDS / PER_VILLAGE);
  for (let v = 0; v < villages; v++) {
    const townId = `${COUNTY}${100 + (v % TOWNS)}`;
    const villageId = `${townId}${String(Math.floor(v / TOWNS) + 1).padStart(3, '0')}`;
    if (v < TOWNS) regions.push({ id: townId, level: 'town', name: `第${v + 1}镇`, parentId: COUNTY, countyId: COUNTY, townId });
    regions.push({ id: villageId, level: 'village', name: `村${v + 1}`, parentId: townId, countyId: COUNTY, townId });
    for (let g = 1; g <= PER_VILLAGE && grids.length < GRIDS; g++)
      grids.push({
        id: `${villageId}${String(g).padStart(3, '0')}`,
        name: `村${v + 1}第${g}网格`,
        countyId: COUNTY,
        townId,
        villageId,
        households: 150 + ((v * 7 + g) % 80),
      });
  }
  return { regions, grids };
}

/** One patrol per grid for each date, through writePatrol (grid by grid: full batches). */
async function patrolDays(grids: GridDoc[], dates: string[]): Promise<number> {
  const w = db.bulkWriter({ throttling: false });
  let n = 0;
  for (const g of grids)
    for (const date of dates) {
      const at = new Date(`${date}T09:00:00+08:00`);
      const log: PatrolDoc = {
        id: caseIdFor(COUNTY, `patrol:bench-${g.id}`, `bench-${date}`),
        countyId: COUNTY,
        townId: g.townId,
        villageId: g.villageId,
        gridId: g.id,
        workerUid: `bench-${g.id}`,
        workerName: '网格员',
        date,
        patrolledAt: at,
        householdsVisited: 20,
        households: g.households,
        zeroReport: true,
        note: null,
        itemIds: [],
        createdAt: at,
      };
      writePatrol(db, w, g, [], log, []);
      if (++n % 5_000 === 0) await w.flush();
    }
  await w.close();
  return n;
}

/** The coverage view's first load of a unit (web/src/pages/patrol/PatrolPage.tsx CoverageView). */
async function coverageFirstLoad(unitId: string, today: string) {
  resetCounts();
  const r = refs(db);
  await r.policy(COUNTY).get(); // usePolicy
  const col = db.collection('grids').where('countyId', '==', COUNTY); // useUnitGrids (grids.byVillage/byTown/byCounty)
  const grids = await (unitId.length === 12
    ? col.where('villageId', '==', unitId)
    : unitId.length === 9
      ? col.where('townId', '==', unitId)
      : col
  ).get();
  const todayDoc = await r.patrolDay(patrolDayId(unitId, today)).get(); // usePatrolDay (live)
  const days = [...datesBetween(weekStart(today), today), ...datesBetween(`${today.slice(0, 8)}01`, today)]; // usePatrolDays ×2
  await Promise.all(days.map((d) => r.patrolDay(patrolDayId(unitId, d)).get()));
  const bytes = Buffer.byteLength(JSON.stringify(todayDoc.data() ?? {}));
  return { reads: counts.reads, grids: grids.size, dayDocs: 1 + days.length, bytes };
}

/** `recordPatrol` as the functions emulator runs it (its exported function), counted. */
async function callPatrol(g: GridDoc, uid: string, i: number) {
  const claims: Claims = { r: 'grid_worker', u: g.id, c: COUNTY, t: g.townId, v: g.villageId, g: g.id };
  const data = {
    requestId: `benchcall${Date.now().toString(36)}${i}`,
    gridId: g.id,
    patrolledAt: new Date(Date.now() - 60_000).toISOString(),
    householdsVisited: 12,
    zeroReport: true,
    note: null,
  };
  const req = { data, auth: { uid, token: { ...claims, name: '网格员' } }, rawRequest: { body: { data } } } as unknown as CallableRequest;
  return await recordPatrol.run(req);
}

async function perPatrol(grids: GridDoc[], label: string) {
  let reads = 0;
  let writes = 0;
  const t0 = performance.now();
  const pick = grids.filter((_, i) => i % Math.max(1, Math.floor(grids.length / CALLS)) === 0).slice(0, CALLS);
  for (const [i, g] of pick.entries()) {
    resetCounts();
    const out = await callPatrol(g, `bench-gw-${g.id}`, i);
    if (!out.created) throw new Error('patrol not created');
    reads += counts.reads;
    writes += counts.writes;
  }
  return { label, n: pick.length, reads: reads / pick.length, writes: writes / pick.length, ms: (performance.now() - t0) / pick.length };
}

it(`patrols at 土右旗's scale: ${GRIDS} grids, one patrol a grid a day`, async () => {
  const { regions, grids } = county();
  const r = refs(db);
  const setup = db.bulkWriter({ throttling: false });
  for (const x of regions) void setup.set(r.region(x.id), x);
  for (const g of grids) void setup.set(r.grid(g.id), g);
  void setup.set(r.policy(COUNTY), defaultPolicy(COUNTY));
  for (const g of grids)
    void setup.set(uncheckedRefs(db).user(`bench-gw-${g.id}`), { uid: `bench-gw-${g.id}`, active: true, role: 'grid_worker' });
  await setup.close();

  const now = new Date();
  const today = localDate(now);
  const town = grids[0]!.townId;
  const village = grids[0]!.villageId;
  const rows: string[] = [];
  const calls: string[] = [];
  let logs = 0;
  let writeMs = 0;
  for (const [from, to] of [
    [addDays(today, -9), today],
    [addDays(today, -29), addDays(today, -10)],
  ] as const) {
    const t0 = performance.now();
    logs += await patrolDays(grids, datesBetween(from, to));
    writeMs += performance.now() - t0;
    const days = logs / grids.length;
    for (const [name, unit] of [
      ['county (旗)', COUNTY],
      ['town (镇)', town],
      ['village (村)', village],
    ] as const) {
      const m = await coverageFirstLoad(unit, today);
      rows.push(
        `| ${days} days · ${logs.toLocaleString('en')} logs | ${name} | ${m.grids} | ${m.dayDocs} | **${m.reads}** | ${(m.bytes / 1024).toFixed(1)} KB |`,
      );
    }
  }
  const c1 = await perPatrol(grids, 'no campaign running');
  await launchCampaign(
    db,
    {
      requestId: `bench-campaign-${Date.now().toString(36)}`,
      topic: '集中排查',
      from: today,
      to: addDays(today, 6),
      units: [COUNTY],
      checklist: ['消防'],
    },
    { r: 'county_staff', u: COUNTY, c: COUNTY },
    { uid: 'bench-county', name: null },
    now,
  );
  const c2 = await perPatrol(grids.slice(1), 'a county-wide campaign running');
  for (const c of [c1, c2]) calls.push(`| ${c.label} | ${c.n} | ${c.reads.toFixed(1)} | ${c.writes.toFixed(1)} | ${c.ms.toFixed(0)} ms |`);

  report('patrol', [
    `\n## 网格巡查 at 土右旗's scale (\`bench/patrol.bench.ts\`, \`npm run bench -- patrol\`)\n`,
    `${grids.length.toLocaleString('en')} grids in ${regions.length - 1 - TOWNS} villages and ${TOWNS} towns; one patrol per grid per day, written through \`writePatrol\` by a BulkWriter (${logs.toLocaleString('en')} logs and their day coverage in ${(writeMs / 1000).toFixed(0)} s).`,
    '',
    "Coverage view, first load (the console's reads: policy, the unit's grids, today's day document, this week's and this month's day documents):",
    '',
    '| logs in the county | unit | grids read | day documents read | documents read | today’s day document |',
    '|---|---|---:|---:|---:|---:|',
    ...rows,
    '',
    `Per patrol through \`recordPatrol\` (its exported function run in-process with a grid worker's claims; today ${today}):`,
    '',
    '| | patrols | reads per patrol | writes per patrol | time per patrol |',
    '|---|---:|---:|---:|---:|',
    ...calls,
  ]);
});
