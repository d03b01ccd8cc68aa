// Benchmark: writes per second on the busiest aggregate document when a county takes 10 new
// cases a second (and, in a second scenario, 20 further transitions a second), with the real
// shard assignment (counters and daily statistics); and the dashboard's read cost.
import { it } from 'vitest';
import { type CounterShards, DEFAULT_COUNTER_SHARDS, SHARDS, chainTargets } from '../functions/src/domain';
import { demoGrids } from '../functions/src/seed/demo-county';
import { report } from './lib/report';

function simulate(reportsPerSecond: number, transitionsPerSecond: number, seconds: number, counterShards: CounterShards) {
  const grids = demoGrids();
  const perDocSecond = new Map<string, number>();
  const open: string[] = [];
  let n = 0;
  let rnd = 12345;
  const next = () => (rnd = (rnd * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let s = 0; s < seconds; s++) {
    const touch = (caseId: string, gridId: string) => {
      const chain = { id: caseId, countyId: gridId.slice(0, 6), townId: gridId.slice(0, 9), villageId: gridId.slice(0, 12), gridId };
      // Each counted change writes one counter shard and one daily-statistics shard per unit
      // (counters: at most the whole chain — a case counts at the county only once it is there).
      for (const [kind, shards] of [
        ['counters', counterShards],
        ['statsDays', SHARDS],
      ] as const)
        for (const t of chainTargets(chain, shards)) {
          const key = `${kind}/${t.id}@${s}`;
          perDocSecond.set(key, (perDocSecond.get(key) ?? 0) + 1);
        }
    };
    for (let i = 0; i < reportsPerSecond; i++) {
      const g = grids[Math.floor(next() * grids.length)]!;
      const id = `621126-${(n++).toString(36).padStart(10, '0')}${Math.floor(next() * 1e6).toString(36)}`;
      open.push(`${id}|${g.id}`);
      touch(id, g.id);
    }
    for (let i = 0; i < transitionsPerSecond && open.length; i++) {
      const [id, g] = open[Math.floor(next() * open.length)]!.split('|');
      touch(id!, g!);
    }
  }
  const counts = [...perDocSecond.entries()];
  const level = (k: string) =>
    `${k.split('/')[0]}:${k.includes('/621126__') || k.includes('/621126_') ? 'county' : /\/\d{9}_/.test(k) ? 'town' : 'other'}`;
  const stat = (lv: string) => {
    const xs = counts.filter(([k]) => level(k) === lv).map(([, v]) => v);
    const docs = new Set(counts.filter(([k]) => level(k) === lv).map(([k]) => k.split('@')[0])).size;
    const total = xs.reduce((a, b) => a + b, 0);
    return { max: Math.max(...xs), mean: total / (docs * seconds), docs };
  };
  return { county: stat('counters:county'), town: stat('counters:town'), statsCounty: stat('statsDays:county') };
}

it('busiest aggregate documents at 10 new cases a second', () => {
  const big = { ...DEFAULT_COUNTER_SHARDS, county: 32, town: 8 };
  const rows = [
    ['10 new cases/s', 10, 0],
    ['10 new cases/s + 20 transitions/s', 10, 20],
    ['1 new case/s + 2 transitions/s', 1, 2],
  ] as const;
  const row = (name: string, shards: CounterShards, r: ReturnType<typeof simulate>) =>
    `| ${name} | county ${shards.county}, town ${shards.town} | ${r.county.mean.toFixed(2)} | ${r.county.max} | ${r.town.mean.toFixed(2)} | ${r.town.max} |`;
  report('hotdocs', [
    `\n## Aggregate documents under load (live counters: policy \`counterShards\`, default county ${DEFAULT_COUNTER_SHARDS.county}, town ${DEFAULT_COUNTER_SHARDS.town}, village ${DEFAULT_COUNTER_SHARDS.village}, grid ${DEFAULT_COUNTER_SHARDS.grid}; daily statistics: county ${SHARDS.county}, town ${SHARDS.town})\n`,
    'Ten minutes simulated, one second at a time, with the real shard assignment (a hash of the case ID). Worst case for the counters: every change counted at the county (a case counts there only once it reaches county tier).\n',
    '| load (county-wide) | counter shards | county shard: mean writes/s | county shard: busiest second | town shard: mean writes/s | town shard: busiest second |',
    '|---|---|---:|---:|---:|---:|',
    ...rows.flatMap(([name, a, b]) => [
      row(name, DEFAULT_COUNTER_SHARDS, simulate(a, b, 600, DEFAULT_COUNTER_SHARDS)),
      row(name, big, simulate(a, b, 600, big)),
    ]),
    '',
    `A county whose busiest second exceeds a few writes per shard raises \`counterShards\` in its policy (then \`fengqiao counters rebuild\`). Dashboard read cost for a county leader: the county's counter shards (${DEFAULT_COUNTER_SHARDS.county} by default; live listeners) + the bounded due-soon and overdue lists; statistics pages read one month document per unit and month (12 for a year of trend) — independent of the number of cases.`,
  ]);
});
