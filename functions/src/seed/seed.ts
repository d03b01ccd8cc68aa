/** Writes the demo county (and, for benchmarks, a large synthetic one) through the Admin SDK. */
import type { Auth } from 'firebase-admin/auth';
import type { Firestore } from 'firebase-admin/firestore';
import { refs } from '../lib/db';
import { incrementsOf } from '../lib/counters';
import { counterDelta, counterTargets, statsDelta } from '../domain';
import { statsDayTargets } from '../lib/stats';
import { syncClaims, upsertUser } from '../lib/users-service';
import { DEMO_ACCOUNTS, DEMO_COUNTY, demoDepartments, demoGrids, demoIntakeSources, demoRegions } from './demo-county';
import { generateCase } from './generate';
import { CalendarYearDoc, WorkCalendar, defaultPolicy } from '../domain';
import { fromSource, sourceVersion } from '../cli/calendar-sources';

/** The holiday calendar (chinese-days, 2004 → latest) and the county's default deadline policy. */
export async function seedCalendarAndPolicy(db: Firestore): Promise<WorkCalendar> {
  const r = refs(db);
  const years = [];
  for (let y = 2004; y <= new Date().getFullYear() + 1; y++) {
    const data = fromSource('chinese-days', y);
    if (data) years.push(data);
  }
  const w = db.bulkWriter();
  for (const y of years) void w.set(r.calendarYear(y.year), CalendarYearDoc.parse({ ...y, source: sourceVersion('chinese-days'), importedAt: new Date(), importedBy: 'seed' }));
  void w.set(r.policy(DEMO_COUNTY.id), defaultPolicy(DEMO_COUNTY.id));
  await w.close();
  return new WorkCalendar(years);
}

export interface SeedOptions {
  cases: number;
  cal: WorkCalendar;
  openOnly?: boolean;
  seed: number;
  now: Date;
  days: number;
  progress?: (done: number, total: number) => void;
}

export async function seedOrg(db: Firestore): Promise<void> {
  const r = refs(db);
  const w = db.bulkWriter();
  for (const x of demoRegions()) void w.set(r.region(x.id), x);
  for (const x of demoGrids()) void w.set(r.grid(x.id), x);
  for (const x of demoDepartments()) void w.set(r.department(x.id), x);
  for (const x of demoIntakeSources()) void w.set(r.intakeSource(x.id), x);
  await w.close();
}

export async function seedUsers(db: Firestore, auth: Auth): Promise<Record<string, string>> {
  const uids: Record<string, string> = {};
  for (const a of DEMO_ACCOUNTS) {
    const { uid } = await upsertUser(db, auth, { email: a.email, password: a.password, displayName: a.displayName, phone: null, title: a.title, role: a.role, scopeId: a.scopeId, active: true }, 'cli');
    await syncClaims(db, auth, uid);
    uids[a.key] = uid;
  }
  return uids;
}

export async function seedCases(db: Firestore, uids: Record<string, string>, opts: SeedOptions): Promise<Record<string, number>> {
  const r = refs(db);
  const grids = demoGrids();
  const departmentsByTown: Record<string, string[]> = {};
  for (const d of demoDepartments()) (departmentsByTown[d.townId ?? ''] ??= []).push(d.id);
  const name = (key: string) => DEMO_ACCOUNTS.find((a) => a.key === key)!.displayName;
  const leaders = {
    county: { uid: uids['county-leader'] ?? 'seed-county-leader', name: name('county-leader') },
    byTown: { '621126100': { uid: uids['town-leader'] ?? 'seed-town-leader', name: name('town-leader') } } as Record<string, { uid: string; name: string }>,
  };
  const gridWorkers: Record<string, { uid: string; name: string }> = {};
  for (const a of DEMO_ACCOUNTS) if (a.role === 'grid_worker' && uids[a.key]) gridWorkers[a.scopeId] = { uid: uids[a.key]!, name: a.displayName };
  const counts: Record<string, number> = {};
  const totals: Record<string, { unitId: string; level: string; shard: number; delta: Record<string, number> }> = {};
  const dayTotals: Record<string, { meta: Record<string, unknown>; delta: Record<string, number> }> = {};
  const policy = defaultPolicy(DEMO_COUNTY.id);
  const w = db.bulkWriter();
  w.onWriteError((e) => e.failedAttempts < 5);
  for (let i = 0; i < opts.cases; i++) {
    const g = generateCase(i, { seed: opts.seed, now: opts.now, grids, departmentsByTown, leaders, days: opts.days, skew: true, gridWorkers, clocks: { policy, cal: opts.cal }, openOnly: opts.openOnly });
    counts[g.caseDoc.state] = (counts[g.caseDoc.state] ?? 0) + 1;
    void w.set(r.case(g.caseDoc.id), g.caseDoc);
    // Counters are summed here and written once at the end (not four writes per case).
    const delta = counterDelta(null, g.caseDoc);
    for (const t of counterTargets(g.caseDoc)) {
      const acc = (totals[t.id] ??= { unitId: t.unitId, level: t.level, shard: t.shard, delta: {} });
      for (const [k, n] of Object.entries(delta)) acc.delta[k] = (acc.delta[k] ?? 0) + n;
    }
    void w.set(r.casePrivate(g.caseDoc.id), g.privateDoc);
    for (const e of g.events) {
      void w.set(r.caseEvent(g.caseDoc.id, e.seq), e);
      const sd = statsDelta(e);
      if (Object.keys(sd).length) {
        for (const t of statsDayTargets(g.caseDoc.id, e)) {
          const acc = (dayTotals[t.id] ??= { meta: { unitId: t.unitId, level: t.level, shard: t.shard, period: t.day, month: t.month, year: t.year }, delta: {} });
          for (const [k, n] of Object.entries(sd)) acc.delta[k] = (acc.delta[k] ?? 0) + n;
        }
      }
    }
    if (i % 500 === 499) {
      await w.flush();
      opts.progress?.(i + 1, opts.cases);
    }
  }
  for (const [id, t] of Object.entries(dayTotals)) void w.set(db.collection('statsDays').doc(id), { ...t.meta, ...incrementsOf(t.delta) }, { merge: true });
  for (const [id, t] of Object.entries(totals)) void w.set(db.collection('counters').doc(id), { unitId: t.unitId, level: t.level, shard: t.shard, ...incrementsOf(t.delta) }, { merge: true });
  await w.close();
  opts.progress?.(opts.cases, opts.cases);
  return counts;
}

export { DEMO_COUNTY };
