// Benchmark: writes per second on the busiest aggregate document when a county takes 10 new
// cases a second (and, in a second scenario, 20 further transitions a second), with the real
// shard assignment (counters and daily statistics); and the dashboard's read cost.
import { it } from 'vitest';
import { SHARDS, counterTargets } from '../functions/src/domain';
import { demoGrids } from '../functions/src/seed/demo-county';
import { report } from './lib/report';

function simulate(reportsPerSecond: number, transitionsPerSecond: number, seconds: number) {
  const grids = demoGrids();
  const perDocSecond = new Map<string, number>();
  const open: string[] = [];
  let n = 0;
  let rnd = 12345;
  const next = () => (rnd = (rnd * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let s = 0; s < seconds; s++) {
    const touch = (caseId: string, gridId: string) => {
      const chain = { id: caseId, countyId: gridId.slice(0, 6), townId: gridId.slice(0, 9), villageId: gridId.slice(0, 12), gridId };
      // Each counted change writes one counter shard and one daily-statistics shard per unit.
      for (const t of counterTargets(chain))
        for (const kind of ['counters', 'statsDays']) {
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
  const level = (k: string) => (k.includes('/621126__') || k.includes('/621126_') ? 'county' : /\/\d{9}_/.test(k) ? 'town' : 'other');
  const stat = (lv: string) => {
    const xs = counts.filter(([k]) => level(k) === lv).map(([, v]) => v);
    const docs = new Set(counts.filter(([k]) => level(k) === lv).map(([k]) => k.split('@')[0])).size;
    const total = xs.reduce((a, b) => a + b, 0);
    return { max: Math.max(...xs), mean: total / (docs * seconds), docs };
  };
  return { county: stat('county'), town: stat('town') };
}

it('busiest aggregate documents at 10 new cases a second', () => {
  const a = simulate(10, 0, 600);
  const b = simulate(10, 20, 600);
  const row = (name: string, r: ReturnType<typeof simulate>) =>
    `| ${name} | ${r.county.mean.toFixed(2)} | ${r.county.max} | ${r.town.mean.toFixed(2)} | ${r.town.max} |`;
  report('hotdocs', [
    `\n## Aggregate documents under load (shards: county ${SHARDS.county}, town ${SHARDS.town}, village ${SHARDS.village}, grid ${SHARDS.grid})\n`,
    'Ten minutes simulated, one second at a time, with the real shard assignment (a hash of the case ID).\n',
    '| load (county-wide) | county shard: mean writes/s | county shard: busiest second | town shard: mean writes/s | town shard: busiest second |',
    '|---|---:|---:|---:|---:|',
    row('10 new cases/s', a),
    row('10 new cases/s + 20 transitions/s', b),
    '',
    `Dashboard read cost for a county leader: ${SHARDS.county} counter shards (live listeners) + the bounded due-soon and overdue lists; statistics pages read one month document per unit and month (12 for a year of trend) — independent of the number of cases.`,
  ]);
});
