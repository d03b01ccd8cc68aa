// `fengqiao seed` (run before the emulated suite) wrote 60 days of 排查 for the demo county: the
// aggregates it left agree with the documents they aggregate — every unit's day coverage with a
// recount of the patrol logs, each campaign's progress (and the finished one's summary) with a
// recount of the patrols and items in its period, each key person's visit figures with its visit
// log — and the data shows what a demo needs: gaps and zero reports, hazards in every state (some
// overdue), a finished and a running campaign, key persons and places in every risk level (some
// overdue), personal data only in the private documents.
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPatrolFigures } from '../../functions/src/lib/patrol-figures';
import { adminDb, closeAdmin } from '../helpers/emulator';

const C = '621126';
const DAY = 86_400_000;
const HOUR = 3_600_000;
// Reads every patrol log of the county (about 7,000) and its day documents: slow on a loaded machine.
const SLOW = 240_000;
const localDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

type Fig = { patrols: number; zeroReports: number; householdsVisited: number };
const add = (m: Map<string, Fig>, k: string, zero: boolean, hh: number) => {
  const f = m.get(k) ?? { patrols: 0, zeroReports: 0, householdsVisited: 0 };
  f.patrols++;
  if (zero) f.zeroReports++;
  f.householdsVisited += hh;
  m.set(k, f);
};

async function patrols() {
  return (await adminDb().collection('patrols').where('countyId', '==', C).get()).docs.map((d) => d.data());
}

afterAll(async () => closeAdmin());

describe('seeded 排查 (fengqiao seed)', () => {
  it('the 排查考核 figures of a seeded month agree with their sources (as `fengqiao stats patrol-verify` checks)', {
    timeout: SLOW,
  }, async () => {
    const month = localDate(new Date(Date.now() - 35 * DAY)).slice(0, 7);
    const rows = await verifyPatrolFigures(adminDb(), C, month);
    expect(rows.filter((r) => r.stored !== r.expected)).toEqual([]);
    // The seed's items and visits are in them (not an empty month).
    expect(rows.some((r) => r.unitId === C && r.expected > 0 && r.figure !== 'patrols' && r.figure !== 'zeroReports')).toBe(true);
  });

  it('the day coverage documents agree with a recount of the patrol logs, and the logs have gaps and zero reports', {
    timeout: SLOW,
  }, async () => {
    const logs = await patrols();
    const days = (await adminDb().collection('patrolDays').where('countyId', '==', C).get()).docs.map((d) => d.data());
    expect(logs.length).toBeGreaterThan(5000);
    // Recount: per unit and day, and per grid inside it.
    const unitDay = new Map<string, Fig>();
    const gridDay = new Map<string, Fig>();
    for (const p of logs)
      for (const u of [p.villageId, p.townId, p.countyId]) {
        add(unitDay, `${u}_${p.date}`, p.zeroReport === true, p.householdsVisited);
        add(gridDay, `${u}_${p.date}|${p.gridId}`, p.zeroReport === true, p.householdsVisited);
      }
    expect(days.length).toBe(unitDay.size);
    for (const d of days) {
      const id = `${d.unitId}_${d.date}`;
      expect({ patrols: d.patrols, zeroReports: d.zeroReports, householdsVisited: d.householdsVisited }, id).toEqual(unitDay.get(id));
      for (const [g, f] of Object.entries(d.grids as Record<string, Fig>))
        expect({ patrols: f.patrols, zeroReports: f.zeroReports, householdsVisited: f.householdsVisited }, `${id} ${g}`).toEqual(
          gridDay.get(`${id}|${g}`),
        );
      expect(Object.keys(d.grids).length, id).toBe([...gridDay.keys()].filter((k) => k.startsWith(`${id}|`)).length);
    }
    // 60 days; some grids miss days (the county's days do not all list all 132 grids), some zero reports, some findings.
    const grids = (await adminDb().collection('grids').where('countyId', '==', C).get()).size;
    const countyDays = days.filter((d) => d.level === 'county');
    expect(countyDays.length).toBeGreaterThanOrEqual(59);
    expect(countyDays.filter((d) => Object.keys(d.grids).length < grids).length).toBeGreaterThan(50);
    const zero = logs.filter((p) => p.zeroReport === true).length;
    expect(zero / logs.length).toBeGreaterThan(0.6);
    expect(zero).toBeLessThan(logs.length);
    const daysOfGrid = new Map<string, number>();
    for (const p of logs) daysOfGrid.set(p.gridId, (daysOfGrid.get(p.gridId) ?? 0) + 1);
    expect(Math.min(...daysOfGrid.values())).toBeLessThan(45);
    // A patrol's itemIds name items of its grid that name it back.
    const items = (await adminDb().collection('patrolItems').where('countyId', '==', C).get()).docs.map((d) => d.data());
    const byId = new Map(items.map((i) => [i.id, i]));
    for (const p of logs)
      for (const id of p.itemIds) {
        expect(byId.get(id)?.patrolId, `${p.id} → ${id}`).toBe(p.id);
        expect(byId.get(id)?.gridId).toBe(p.gridId);
      }
  });

  it('hazards are in every state, some sent back and some overdue with their alerts', { timeout: SLOW }, async () => {
    const hazards = (await adminDb().collection('patrolItems').where('countyId', '==', C).where('kind', '==', 'hazard').get()).docs.map(
      (d) => d.data(),
    );
    const states = new Set(hazards.map((h) => h.hazard.state));
    for (const s of ['reported', 'assigned', 'rectifying', 'rectified', 'verified']) expect(states, s).toContain(s);
    expect(hazards.some((h) => h.hazard.sendBacks > 0 && h.hazard.state === 'rectifying')).toBe(true);
    expect(hazards.some((h) => h.hazard.sendBacks > 0 && h.hazard.state === 'verified')).toBe(true);
    // Every open hazard past its limit was breached by the seed's sweep, with its alert (other
    // tests may sweep as of a later moment: they only add to these).
    const pastDue = hazards.filter(
      (h) =>
        h.createdAt.toDate().getTime() < Date.now() - DAY && // the seed's (other tests' hazards are never swept by it)
        ['assigned', 'rectifying'].includes(h.hazard.state) &&
        h.hazard.dueAt &&
        h.hazard.dueAt.toDate().getTime() < Date.now() - HOUR,
    );
    expect(pastDue.length).toBeGreaterThanOrEqual(2);
    for (const h of pastDue) {
      expect(h.hazard.overdue, h.id).toBe(true);
      expect((await adminDb().doc(`alerts/hz-${h.id}-breach-${h.hazard.responsibleId}`).get()).exists, h.id).toBe(true);
    }
    // A rectified-late hazard is counted as not on time; a department's hazard names it for the rules.
    expect(hazards.some((h) => h.hazard.onTime === false)).toBe(true);
    for (const h of hazards) expect(h.hazardDept).toBe(h.hazard.responsibleKind === 'department' ? h.hazard.responsibleId : null);
    // Other kinds were found too.
    const kinds = new Set((await adminDb().collection('patrolItems').where('countyId', '==', C).get()).docs.map((d) => d.data().kind));
    for (const k of ['hazard', 'security', 'demand', 'stability']) expect(kinds, k).toContain(k);
  });

  it('campaign progress (and the finished campaign summary) agrees with a recount of the patrols and items in its period', {
    timeout: SLOW,
  }, async () => {
    const campaigns = (await adminDb().collection('campaigns').where('countyId', '==', C).get()).docs.map((d) => d.data());
    const closed = campaigns.find((c) => c.state === 'closed' && c.topic.includes('平安岷县'));
    const running = campaigns.find((c) => c.state === 'running' && c.topic === '冬季安全隐患拉网式排查');
    expect(closed?.summary).toBeTruthy();
    expect(running).toBeTruthy();
    const logs = await patrols();
    const items = (await adminDb().collection('patrolItems').where('countyId', '==', C).get()).docs.map((d) => d.data());
    const patrolDate = new Map(logs.map((p) => [p.id, p.date]));
    for (const c of [closed!, running!]) {
      const covers = (gridId: string) => (c.units as string[]).some((u) => gridId.startsWith(u));
      const inPeriod = (d: string) => c.from <= d && d <= c.to;
      // Patrols logged before the launch are not counted: the seed launches before its patrols.
      const counted = logs.filter((p) => covers(p.gridId) && inPeriod(p.date) && p.createdAt.toDate() >= c.launchedAt.toDate());
      const progress = (await adminDb().collection('campaignProgress').where('campaignId', '==', c.id).get()).docs.map((d) => d.data());
      const byGrid = new Map<string, number>();
      for (const p of progress)
        for (const [g, f] of Object.entries(p.grids as Record<string, { patrols: number }>)) byGrid.set(g, f.patrols);
      const recount = new Map<string, number>();
      for (const p of counted) recount.set(p.gridId, (recount.get(p.gridId) ?? 0) + 1);
      expect(byGrid.size, c.topic).toBe(c.grids);
      for (const [g, n] of byGrid) expect(n, `${c.topic} ${g}`).toBe(recount.get(g) ?? 0);
      const itemKinds: Record<string, number> = {};
      for (const i of items) {
        const d = (i.patrolId && patrolDate.get(i.patrolId)) ?? localDate(i.createdAt.toDate());
        if (covers(i.gridId) && inPeriod(d) && i.createdAt.toDate() >= c.launchedAt.toDate())
          itemKinds[i.kind] = (itemKinds[i.kind] ?? 0) + 1;
      }
      const stored: Record<string, number> = {};
      for (const p of progress)
        for (const [k, n] of Object.entries((p.itemsByKind ?? {}) as Record<string, number>)) stored[k] = (stored[k] ?? 0) + n;
      expect(stored, c.topic).toEqual(itemKinds);
      if (c.state === 'closed') {
        expect(c.summary.patrols).toBe(counted.length);
        expect(c.summary.gridsDone).toBe(recount.size);
        expect(c.summary.grids).toBe(c.grids);
        expect(c.summary.itemsByKind).toEqual(itemKinds);
        expect(c.summary.gridsDone).toBeLessThanOrEqual(c.grids);
      } else {
        expect(counted.length).toBeGreaterThan(0);
        expect(recount.size).toBeLessThan(c.grids * 2);
      }
    }
  });

  it('key persons and places: every risk level, visit figures agree with the visit logs, some overdue, personal data only in the private document', {
    timeout: SLOW,
  }, async () => {
    const kps = (await adminDb().collection('keyPersons').where('countyId', '==', C).get()).docs.map((d) => d.data());
    const seeded = kps.filter((k) => k.createdAt.toDate().getTime() < Date.now() - DAY);
    for (const risk of ['green', 'yellow', 'red']) {
      expect(
        seeded.some((k) => k.risk === risk && k.kind === 'person'),
        `person ${risk}`,
      ).toBe(true);
      expect(
        seeded.some((k) => k.risk === risk && k.kind === 'place'),
        `place ${risk}`,
      ).toBe(true);
    }
    // Every record past its visit's due date was breached by the seed's sweep (other tests only add).
    const pastDue = seeded.filter((k) => k.active && k.dueAt.toDate().getTime() < Date.now() - HOUR);
    expect(pastDue.length).toBeGreaterThanOrEqual(2);
    for (const k of pastDue) expect(k.overdue, k.id).toBe(true);
    for (const k of seeded) {
      const visits = (await adminDb().collection(`keyPersons/${k.id}/keyVisits`).get()).docs.map((d) => d.data());
      expect(k.visits, k.id).toBe(visits.length);
      expect(k.visitsOnTime, k.id).toBe(visits.filter((v) => v.onTime).length);
      if (visits.length) {
        const last = Math.max(...visits.map((v) => v.visitedAt.toDate().getTime()));
        expect(k.lastVisitAt.toDate().getTime()).toBe(last);
        expect(k.dueAt.toDate().getTime()).toBe(last + k.everyDays * DAY);
      }
      const personal = (await adminDb().doc(`keyPersons/${k.id}/personal/data`).get()).data();
      expect(personal?.name, k.id).toBeTruthy();
      const open = JSON.stringify({ k, visits });
      for (const v of [personal!.name, personal!.phone, personal!.idNumber]) if (v) expect(open, k.id).not.toContain(v);
      expect(
        (await adminDb().collection('keyPersonAccess').where('keyPersonId', '==', k.id).where('action', '==', 'create').get()).size,
      ).toBe(1);
    }
    expect(seeded.some((k) => k.visitsOnTime < k.visits)).toBe(true);
  });
});
