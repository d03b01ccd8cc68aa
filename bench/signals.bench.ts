// Benchmark: the signals job's incremental run reads what changed, not the county. Two counties'
// worth of history (small and large, each in its own emulator database) are seeded as already
// read by the job (its cursor after them); then the same 50 new cases arrive in each, and one run
// of `runSignals` is measured. Reads must be about the same for both sizes. 排查 items go the same
// way: a quarter as many items of history (read already), then the same 20 new items.
import { initializeApp } from 'firebase-admin/app';
import { type Firestore, getFirestore } from 'firebase-admin/firestore';
import { it } from 'vitest';
import { CalendarYearDoc, WorkCalendar, defaultPolicy, type CaseDoc } from '../functions/src/domain';
import { fromSource } from '../functions/src/cli/calendar-sources';
import { refs } from '../functions/src/lib/db';
import { clearConfigCache } from '../functions/src/lib/config';
import { runSignals } from '../functions/src/lib/signals-service';
import { demoDepartments, demoGrids, demoRegions } from '../functions/src/seed/demo-county';
import { generateCase } from '../functions/src/seed/generate';
import { newItemDoc } from '../functions/src/lib/patrol-service';
import { counts, resetCounts } from './lib/count';
import { report } from './lib/report';

const SMALL = Number(process.env.BENCH_SIGNALS_SMALL ?? 2_000);
const LARGE = Number(process.env.BENCH_SIGNALS_LARGE ?? 20_000);
const NEW = 50;
const NEW_ITEMS = 20;
const ITEM_KINDS = ['hazard', 'security', 'demand', 'stability'] as const;
const project = process.env.GCLOUD_PROJECT ?? 'demo-fengqiao';

async function county(dbName: string, n: number) {
  const db: Firestore = getFirestore(initializeApp({ projectId: project }, `bench-signals-${dbName}`), dbName);
  await fetch(`http://${process.env.FIRESTORE_EMULATOR_HOST}/emulator/v1/projects/${project}/databases/${dbName}/documents`, {
    method: 'DELETE',
  });
  clearConfigCache();
  const r = refs(db);
  const years = [2025, 2026, 2027].map((y) => fromSource('chinese-days', y)).filter((y) => y !== null);
  for (const y of years)
    await r.calendarYear(y.year).set(CalendarYearDoc.parse({ ...y, source: 'bench', importedAt: new Date(), importedBy: 'bench' }));
  const policy = defaultPolicy('621126');
  await r.policy('621126').set(policy);
  for (const reg of demoRegions()) await r.region(reg.id).set(reg);
  const cal = new WorkCalendar(years);
  const t0 = new Date('2026-11-20T02:00:00Z');
  const departmentsByTown: Record<string, string[]> = {};
  for (const d of demoDepartments()) (departmentsByTown[d.townId ?? ''] ??= []).push(d.id);
  const opts = (now: Date, seed: number) => ({
    seed,
    now,
    grids: demoGrids(),
    departmentsByTown,
    leaders: { county: { uid: 'L', name: 'L' }, byTown: {} },
    days: 30,
    skew: true,
    clocks: { policy, cal },
    openOnly: true,
  });
  const w = db.bulkWriter();
  let last: CaseDoc | null = null;
  for (let i = 0; i < n; i++) {
    const g = generateCase(i, opts(t0, 7));
    const c = { ...g.caseDoc, updatedAt: new Date(Math.min(g.caseDoc.updatedAt.getTime(), t0.getTime() - 1000)) };
    void w.set(r.case(c.id), c);
    void w.set(r.casePrivate(c.id), g.privateDoc);
    if (!last || c.updatedAt > last.updatedAt) last = c;
    if (i % 5000 === 4999) await w.flush();
  }
  await w.close();
  // The job has read this history already: its cursor after the last change.
  await r.signalCursor().set({
    updatedAt: last!.updatedAt,
    caseId: last!.id,
    runAt: t0,
    lastRun: { changed: 0, reads: 0, raised: 0, updated: 0 },
  });
  // 排查 items of history, read already (the items stream's cursor after them).
  const grids = demoGrids();
  const itemAt = (i: number, at: Date) =>
    newItemDoc(
      `bench-item-${i}`,
      grids[i % grids.length]!,
      {
        kind: ITEM_KINDS[i % ITEM_KINDS.length]!,
        patrolId: null,
        title: `排查发现第${i}项`,
        description: '巡查发现',
        dispute: null,
        location: null,
      },
      { uid: 'bench', name: '网格员' },
      null,
      at,
    );
  const wi = db.bulkWriter();
  const itemHistory = Math.floor(n / 4);
  let lastItem = itemAt(0, t0);
  for (let i = 0; i < itemHistory; i++) {
    const it = itemAt(i, new Date(t0.getTime() - (itemHistory - i) * 60_000));
    void wi.set(r.patrolItem(it.id), it);
    lastItem = it;
  }
  await wi.close();
  await r.signalCursor('items').set({
    updatedAt: lastItem.updatedAt,
    caseId: lastItem.id,
    runAt: t0,
    lastRun: { changed: 0, reads: 0, raised: 0, updated: 0 },
  });
  await r
    .signalCursor('keyPersons')
    .set({ updatedAt: t0, caseId: 'none', runAt: t0, lastRun: { changed: 0, reads: 0, raised: 0, updated: 0 } });
  // 50 new cases after the cursor (the same ones in both counties).
  const t1 = new Date(t0.getTime() + 3_600_000);
  const bi = db.bulkWriter();
  for (let i = 0; i < NEW_ITEMS; i++) {
    const it = itemAt(1_000_000 + i, t1);
    void bi.set(r.patrolItem(it.id), it);
  }
  await bi.close();
  const b = db.bulkWriter();
  for (let i = 0; i < NEW; i++) {
    const g = generateCase(1_000_000 + i, opts(t1, 11));
    const c = { ...g.caseDoc, createdAt: t1, updatedAt: t1 };
    void b.set(r.case(c.id), c);
    void b.set(r.casePrivate(c.id), g.privateDoc);
  }
  await b.close();
  resetCounts();
  const s0 = performance.now();
  const run = await runSignals(db, new Date(t1.getTime() + 60_000));
  return { n, items: itemHistory, run, ops: { ...counts }, ms: performance.now() - s0 };
}

it(`signals: ${NEW} new cases over ${SMALL} and ${LARGE} cases of history`, async () => {
  const rows = [await county('bench-signals-small', SMALL), await county('bench-signals-large', LARGE)];
  report('signals', [
    `\n## Signals job: reads follow new cases and items, not the county (${NEW} new cases, ${NEW_ITEMS} new 排查 items)\n`,
    '| cases in the county | 排查 items in the county | changed cases read | changed items read | document reads | document writes | signals raised | wall time |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (x) =>
        `| ${x.n.toLocaleString('en')} | ${x.items.toLocaleString('en')} | ${x.run.changed} | ${x.run.items} | ${x.ops.reads.toLocaleString('en')} | ${x.ops.writes.toLocaleString('en')} | ${x.run.raised} | ${(x.ms / 1000).toFixed(1)} s |`,
    ),
    '',
    'Reads: the 50 changed cases, their `signalCases` links and parties, the touched towns and person hashes, one policy and one red aggregate per county, the 20 changed items (stability items are read and skipped) and their towns, the three cursors, and the drafted signals — the same for both sizes.',
  ]);
});
