/** Writes the demo county (and, for benchmarks, a large synthetic one) through the Admin SDK. */
import type { Auth } from 'firebase-admin/auth';
import type { Firestore } from 'firebase-admin/firestore';
import { increments, refs, writeIncrements } from '../lib/db';
import { incrementsOf } from '../lib/counters';
import { bumpConfigVersion } from '../lib/config';
import { countiesQuery } from '../lib/queries';
import { type CounterDoc, type DepartmentDoc, type GridDoc, type StatsDayMeta, counterWrites, statsDelta } from '../domain';
import { statsDayTargets, unitStatsDelta } from '../lib/stats';
import { searchDocFor, searchKey, writeSearchDoc } from '../lib/search-index';
import { seedAccounts } from './tiers-seed';
import {
  DEMO_ACCOUNTS,
  DEMO_COUNTY,
  type DemoAccount,
  demoDepartments,
  demoGrids,
  demoIntakeSources,
  demoMediationOrgs,
  demoMediators,
  demoRegions,
} from './demo-county';
import { generateCase } from './generate';
import { CalendarYearDoc, WorkCalendar, defaultPolicy, directoryOf } from '../domain';
import { fromSource, sourceVersion } from '../cli/calendar-sources';
import { sealMaskMaterial } from '../lib/mask-seal';

/** The holiday calendar (chinese-days, 2004 → latest) and the county's default deadline policy. */
export async function seedCalendarAndPolicy(db: Firestore): Promise<WorkCalendar> {
  const r = refs(db);
  const years = [];
  for (let y = 2004; y <= new Date().getFullYear() + 1; y++) {
    const data = fromSource('chinese-days', y);
    if (data) years.push(data);
  }
  const w = db.bulkWriter();
  for (const y of years)
    void w.set(
      r.calendarYear(y.year),
      CalendarYearDoc.parse({ ...y, source: sourceVersion('chinese-days'), importedAt: new Date(), importedBy: 'seed' }),
    );
  void w.set(r.policy(DEMO_COUNTY.id), defaultPolicy(DEMO_COUNTY.id));
  bumpConfigVersion(db, w, 'seed');
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
  // The county's directory, complete (no robots yet); the triggers on grids and departments agree.
  void w.set(r.directory(DEMO_COUNTY.id), directoryOf(DEMO_COUNTY.id, demoGrids(), demoDepartments(), [], new Date()));
  for (const x of demoGrids()) void w.set(r.grid(x.id), x);
  for (const x of demoDepartments()) void w.set(r.department(x.id), x);
  for (const x of demoIntakeSources()) void w.set(r.intakeSource(x.id), x);
  await w.close();
  await seedGeoOfCounties(db);
}

/** 一张图: schematic boundaries for every county the seed has written (seed/geo.ts). */
export async function seedGeoOfCounties(db: Firestore): Promise<void> {
  const { seedGeo } = await import('./geo');
  for (const c of (await countiesQuery(db).get()).docs) await seedGeo(db, c.id);
}

/** The mediation registry; a mediator with a demo account is linked to it (figures start at zero). */
export async function seedMediationRegistry(db: Firestore, uids: Record<string, string>): Promise<void> {
  const r = refs(db);
  const w = db.bulkWriter();
  const updatedAt = new Date();
  for (const x of demoMediationOrgs()) void w.set(r.mediationOrg(x.id), { ...x, updatedAt });
  for (const x of demoMediators(uids)) void w.set(r.mediator(x.id), { ...x, updatedAt });
  await w.close();
}

/** The demo county's accounts (the same path as every profile: tiers-seed.ts seedAccounts). */
export async function seedUsers(db: Firestore, auth: Auth): Promise<Record<string, string>> {
  return seedAccounts(db, auth, DEMO_ACCOUNTS);
}

/** One county's org for `seedCases`: 岷县 by default; `seed --counties 3` passes the added ones. */
export interface SeedCountyOrg {
  countyId: string;
  grids: GridDoc[];
  departments: DepartmentDoc[];
  accounts: DemoAccount[];
}

export async function seedCases(
  db: Firestore,
  uids: Record<string, string>,
  opts: SeedOptions,
  org: SeedCountyOrg = { countyId: DEMO_COUNTY.id, grids: demoGrids(), departments: demoDepartments(), accounts: DEMO_ACCOUNTS },
): Promise<Record<string, number>> {
  const r = refs(db);
  const grids = org.grids;
  const departmentsByTown: Record<string, string[]> = {};
  for (const d of org.departments) (departmentsByTown[d.townId ?? ''] ??= []).push(d.id);
  const person = (a: DemoAccount) => ({ uid: uids[a.key] ?? `seed-${a.key}`, name: a.displayName });
  const countyLeader = org.accounts.find((a) => a.role === 'leader' && a.scopeId === org.countyId)!;
  const leaders = {
    county: person(countyLeader),
    byTown: Object.fromEntries(
      org.accounts.filter((a) => a.role === 'leader' && a.scopeId.length === 9).map((a) => [a.scopeId, person(a)]),
    ) as Record<string, { uid: string; name: string }>,
  };
  const gridWorkers: Record<string, { uid: string; name: string }> = {};
  for (const a of org.accounts)
    if (a.role === 'grid_worker' && uids[a.key]) gridWorkers[a.scopeId] = { uid: uids[a.key]!, name: a.displayName };
  const counts: Record<string, number> = {};
  const totals: Record<string, { unitId: string; level: CounterDoc['level']; shard: number; delta: Record<string, number> }> = {};
  const dayTotals: Record<string, { meta: StatsDayMeta; delta: Record<string, number> }> = {};
  const policy = defaultPolicy(org.countyId);
  const w = db.bulkWriter();
  w.onWriteError((e) => e.failedAttempts < 5);
  const key = searchKey();
  for (let i = 0; i < opts.cases; i++) {
    const g = generateCase(i, {
      seed: opts.seed,
      now: opts.now,
      grids,
      departmentsByTown,
      leaders,
      days: opts.days,
      skew: true,
      gridWorkers,
      clocks: { policy, cal: opts.cal },
      openOnly: opts.openOnly,
    });
    counts[g.caseDoc.state] = (counts[g.caseDoc.state] ?? 0) + 1;
    void w.set(r.case(g.caseDoc.id), { ...g.caseDoc, maskSeal: sealMaskMaterial(g.caseDoc.id, g.privateDoc) });
    // Counters are summed here and written once at the end (not four writes per case).
    for (const t of counterWrites(null, g.caseDoc, policy.counterShards)) {
      const acc = (totals[t.id] ??= { unitId: t.unitId, level: t.level, shard: t.shard, delta: {} });
      for (const [k, n] of Object.entries(t.delta)) acc.delta[k] = (acc.delta[k] ?? 0) + n;
    }
    void w.set(r.casePrivate(g.caseDoc.id), g.privateDoc);
    writeSearchDoc(db, w, searchDocFor(g.privateDoc, key));
    for (const e of g.events) {
      void w.set(r.caseEvent(g.caseDoc.id, e.seq), e);
      const sd = statsDelta(e);
      if (Object.keys(sd).length) {
        for (const t of statsDayTargets(g.caseDoc.id, e)) {
          const acc = (dayTotals[t.id] ??= {
            meta: { unitId: t.unitId, level: t.level, shard: t.shard, period: t.day, month: t.month, year: t.year },
            delta: {},
          });
          for (const [k, n] of Object.entries(unitStatsDelta(t.unitId, e, sd))) acc.delta[k] = (acc.delta[k] ?? 0) + n;
        }
      }
    }
    if (i % 500 === 499) {
      await w.flush();
      opts.progress?.(i + 1, opts.cases);
    }
  }
  const inc = increments(db);
  for (const [id, t] of Object.entries(dayTotals)) writeIncrements(w, inc.statsDay(id), t.meta, incrementsOf(t.delta));
  for (const [id, t] of Object.entries(totals))
    writeIncrements(w, inc.counter(id), { unitId: t.unitId, level: t.level, shard: t.shard }, incrementsOf(t.delta));
  await w.close();
  opts.progress?.(opts.cases, opts.cases);
  return counts;
}

export { DEMO_COUNTY };

/** Duty rosters for 岷阳镇 and the county, published for this month and the next; a linkage. */
export async function seedDuty(db: Firestore, uids: Record<string, string>, now: Date): Promise<void> {
  const { publishRoster } = await import('../lib/roster-service');
  const { localDate, addDays, RosterConfig } = await import('../domain');
  const L = (uid: string, name: string, title: string, never: number[] = []) => ({ uid, name, title, neverWeekdays: never });
  const town = RosterConfig.parse({
    unitId: '621126100',
    countyId: DEMO_COUNTY.id,
    unitName: '岷阳镇',
    weekday: [
      L(uids['town-leader'] ?? 'demo-l1', '刘芳', '镇党委书记'),
      L('demo-town-l2', '何建军', '镇长'),
      L('demo-town-l3', '罗敏', '党委副书记'),
      L('demo-town-l4', '梁志远', '副镇长', [1]),
      L('demo-town-l5', '宋春燕', '政法委员'),
    ],
    duty: [L('demo-town-d1', '郑海', '武装部长'), L('demo-town-d2', '谢文', '人大主席'), L('demo-town-d3', '韩冬', '组织委员')],
  });
  const county = RosterConfig.parse({
    unitId: DEMO_COUNTY.id,
    countyId: DEMO_COUNTY.id,
    unitName: '岷县',
    weekday: [
      L(uids['county-leader'] ?? 'demo-c1', '赵志刚', '县委副书记'),
      L('demo-county-l2', '唐国华', '副县长'),
      L('demo-county-l3', '冯丽', '县委政法委书记'),
    ],
    duty: [L('demo-county-d1', '于洋', '县委常委'), L('demo-county-d2', '董平', '副县长')],
  });
  const today = localDate(now);
  const monthStart = `${today.slice(0, 7)}-01`;
  const nextMonth = `${addDays(monthStart, 32).slice(0, 7)}-01`;
  const end = addDays(`${addDays(nextMonth, 32).slice(0, 7)}-01`, -1);
  for (const cfg of [town, county]) {
    await refs(db)
      .roster(cfg.unitId)
      .set({ ...cfg, updatedAt: now, updatedBy: 'seed' });
    try {
      await publishRoster(db, cfg.unitId, monthStart, end, 'seed');
    } catch (e) {
      console.error(`roster ${cfg.unitId} not published: ${(e as Error).message}`);
    }
  }
  if (uids['county-leader']) {
    await refs(db)
      .linkage(uids['county-leader'])
      .set({
        leaderUid: uids['county-leader'],
        leaderName: '赵志刚',
        countyId: DEMO_COUNTY.id,
        townId: '621126100',
        villageIds: ['621126100001', '621126100002', '621126100003'],
        visitWeekday: 2,
      });
  }
}
