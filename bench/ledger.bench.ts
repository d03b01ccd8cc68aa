// Benchmark: the ledger export (exportLedger's rows) over a county's month of N cases, beside a
// bare batched read of the same private documents (getAll, 500 a round trip) and the naive way
// (one round trip per private document, as before issue 17). Own emulator database ("ledger").
import { initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { it } from 'vitest';
import { WorkCalendar, defaultPolicy } from '../functions/src/domain';
import { fromSource } from '../functions/src/cli/calendar-sources';
import { refs } from '../functions/src/lib/db';
import { LEDGER_READ_CHUNK, ledgerRows } from '../functions/src/lib/exports';
import { ledgerCases } from '../functions/src/lib/queries';
import { periodRange } from '../functions/src/lib/rollup';
import { demoDepartments, demoGrids } from '../functions/src/seed/demo-county';
import { generateCase } from '../functions/src/seed/generate';
import { counts, resetCounts } from './lib/count';
import { report } from './lib/report';

const N = Number(process.env.BENCH_CASES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

it(`ledger export of ${N} cases`, async () => {
  const project = process.env.GCLOUD_PROJECT ?? 'demo-fengqiao';
  const db = getFirestore(initializeApp({ projectId: project }, 'bench-ledger'), 'ledger');
  await fetch(`http://${process.env.FIRESTORE_EMULATOR_HOST}/emulator/v1/projects/${project}/databases/ledger/documents`, {
    method: 'DELETE',
  });
  const r = refs(db);
  const cal = new WorkCalendar([2025, 2026, 2027].map((y) => fromSource('chinese-days', y)).filter((y) => y !== null));
  const departmentsByTown: Record<string, string[]> = {};
  for (const d of demoDepartments()) (departmentsByTown[d.townId ?? ''] ??= []).push(d.id);
  const now = new Date('2026-11-25T02:00:00Z');
  const opts = {
    seed: 5,
    now,
    grids: demoGrids(),
    departmentsByTown,
    leaders: { county: { uid: 'L', name: 'L' }, byTown: {} },
    days: 20,
    skew: true,
    clocks: { policy: defaultPolicy('621126'), cal },
  };
  const t0 = performance.now();
  const w = db.bulkWriter();
  for (let i = 0; i < N; i++) {
    const g = generateCase(i, opts);
    void w.set(r.case(g.caseDoc.id), g.caseDoc);
    void w.set(r.casePrivate(g.caseDoc.id), g.privateDoc);
    if (i % 5000 === 4999) await w.flush();
  }
  await w.close();
  const seedSeconds = (performance.now() - t0) / 1000;

  const input = { unitId: '621126', from: '2026-11', to: '2026-11' };
  const { start } = periodRange(input.from);
  const { end } = periodRange(input.to);
  const operator = { operator: true as const, personalData: true };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const time = async (f: () => Promise<unknown>) => {
    const out: { ms: number; reads: number }[] = [];
    for (let k = 0; k < RUNS; k++) {
      resetCounts();
      const s = performance.now();
      await f();
      out.push({ ms: performance.now() - s, reads: counts.reads });
    }
    return { ms: median(out.map((o) => o.ms)), reads: out[0]!.reads };
  };
  const ids = (await ledgerCases(db, input.unitId, start, end).get()).docs.map((d) => d.id);
  const rows = await ledgerRows(db, operator, input);
  const ledger = await time(() => ledgerRows(db, operator, input));
  const bare = await time(async () => {
    await ledgerCases(db, input.unitId, start, end).get();
    for (let k = 0; k < ids.length; k += LEDGER_READ_CHUNK)
      await db.getAll(...ids.slice(k, k + LEDGER_READ_CHUNK).map((id) => r.casePrivate(id)));
  });
  const naive = await time(async () => {
    await ledgerCases(db, input.unitId, start, end).get();
    for (const id of ids) await r.casePrivate(id).get();
  });
  report('ledger', [
    `\n## Ledger export over ${ids.length.toLocaleString('en')} cases of a month (${N.toLocaleString('en')} generated; median of ${RUNS})\n`,
    '| way | document reads | wall time | × bare batched read |',
    '|---|---:|---:|---:|',
    `| ledger rows (\`exportLedger\` without the Excel file): cases query + private documents by getAll, ${LEDGER_READ_CHUNK} a round trip | ${ledger.reads.toLocaleString('en')} | ${(ledger.ms / 1000).toFixed(2)} s | ${(ledger.ms / bare.ms).toFixed(2)} |`,
    `| bare batched read of the same documents (the query + getAll) | ${bare.reads.toLocaleString('en')} | ${(bare.ms / 1000).toFixed(2)} s | 1.00 |`,
    `| naive: one round trip per private document (before issue 17) | ${naive.reads.toLocaleString('en')} | ${(naive.ms / 1000).toFixed(2)} s | ${(naive.ms / bare.ms).toFixed(2)} |`,
    '',
    `${rows.length - 1} rows. The regions and grids names (2 small queries) are read by the ledger only. Seeding took ${seedSeconds.toFixed(0)} s.`,
  ]);
});
