// Benchmark: a county leader's first load of the console (一图统览) on a county of 100,000 cases,
// in headless Chromium, counted by the console's own read meter. The budget must not depend on
// the number of cases.
import { initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { it } from 'vitest';
import { WorkCalendar, counterWrites, defaultPolicy } from '../functions/src/domain';
import { fromSource } from '../functions/src/cli/calendar-sources';
import { incrementsOf } from '../functions/src/lib/counters';
import { refs } from '../functions/src/lib/db';
import { demoDepartments, demoGrids } from '../functions/src/seed/demo-county';
import { generateCase } from '../functions/src/seed/generate';
import { DASHBOARD_BUDGET_TEXT, DASHBOARD_READ_BUDGET } from '../web/src/data/budget';
import { closeBrowser, launch, newContext, signIn } from '../test/e2e/browser';
import { reads } from '../test/e2e/console';
import { report } from './lib/report';

const N = Number(process.env.BENCH_CASES ?? 100_000);

async function firstLoad() {
  const browser = await launch();
  try {
    const page = await signIn(await newContext(browser), 'county-leader');
    for (const id of ['dashboard', 'alerts-badge', 'dash-overdue', 'dash-dueSoon'])
      await page.locator(`[data-testid=${id}][data-state=ready]`).waitFor({ state: 'attached', timeout: 120_000 });
    return await reads(page);
  } finally {
    // Terminates the page's Firestore first: a browser only closed leaves its listen stream open
    // in the emulator, which then matches each of the 100,000 seeded writes against its queries.
    await closeBrowser(browser);
  }
}

it(`county leader's first load on ${N} cases`, async () => {
  // Seeded before any browser opens: a console's listen stream left open in the emulator (a
  // browser closed without terminating its Firestore client) makes the emulator match every
  // seeded write against its queries, and seeding 100,000 cases then crawls. The demo county's
  // own first load (48 cases) is asserted by test/e2e/overview.test.ts.
  const db = getFirestore(initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? 'demo-fengqiao' }, 'bench-console'));
  const r = refs(db);
  const cal = new WorkCalendar([2025, 2026].map((y) => fromSource('chinese-days', y)!));
  const departmentsByTown: Record<string, string[]> = {};
  for (const d of demoDepartments()) (departmentsByTown[d.townId ?? ''] ??= []).push(d.id);
  const now = new Date();
  const opts = {
    seed: 11,
    now,
    grids: demoGrids(),
    departmentsByTown,
    leaders: { county: { uid: 'L', name: 'L' }, byTown: {} },
    days: 120,
    skew: true,
    clocks: { policy: defaultPolicy('621126'), cal },
  };
  const totals = new Map<string, { meta: Record<string, unknown>; delta: Record<string, number> }>();
  const w = db.bulkWriter();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const c = { ...generateCase(100_000 + i, opts).caseDoc, id: `621126-load-${i.toString(36).padStart(6, '0')}` };
    void w.set(r.case(c.id), c);
    for (const t of counterWrites(null, c, opts.clocks.policy.counterShards)) {
      const acc = totals.get(t.id) ?? { meta: { unitId: t.unitId, level: t.level, shard: t.shard }, delta: {} };
      for (const [k, n] of Object.entries(t.delta)) acc.delta[k] = (acc.delta[k] ?? 0) + n;
      totals.set(t.id, acc);
    }
    if (i % 5000 === 4999) await w.flush();
  }
  for (const [id, t] of totals) void w.set(db.collection('counters').doc(id), { ...t.meta, ...incrementsOf(t.delta) }, { merge: true });
  await w.close();
  const seedSeconds = (performance.now() - t0) / 1000;
  const after = await firstLoad();
  const labels = Object.keys(after.byLabel).sort();
  report('console-budget', [
    `\n## Console: a county leader's first load (一图统览), ${N.toLocaleString('en')} more cases\n`,
    `| what is read | demo county + ${N.toLocaleString('en')} cases |`,
    '|---|---:|',
    ...labels.map((l) => `| ${l} | ${after.byLabel[l] ?? 0} |`),
    `| **total** | **${after.initial}** |`,
    '',
    `Budget: ${DASHBOARD_READ_BUDGET} documents (${DASHBOARD_BUDGET_TEXT}: web/src/data/budget.ts). Measured in headless Chromium by the console's read meter. Seeding took ${seedSeconds.toFixed(0)} s.`,
  ]);
});
