import { describe, expect, it } from 'vitest';
import {
  type Claims,
  DeadlinePolicy,
  type KeyPersonDoc,
  SaveKeyPersonInput,
  canReadKeyPerson,
  keyPersonAlerts,
  mayManageKeyPersons,
  maySetRisk,
  sweepKeyPerson,
  visitClock,
} from '../../functions/src/domain';

const C = '621126',
  T = '621126100',
  V = '621126100001',
  G = '621126100001001';
const DAY = 86_400_000;
const at = new Date('2026-05-20T01:00:00Z');
const kp = (over: Partial<KeyPersonDoc> = {}): KeyPersonDoc => ({
  id: '621126-abcdefABCDEF',
  serial: 'ABCDEF',
  kind: 'person',
  category: '社区矫正对象',
  risk: 'red',
  countyId: C,
  townId: T,
  villageId: V,
  gridId: G,
  gridName: '城郊村第1网格',
  units: [V, T, C],
  gridWorkerUid: 'gw',
  gridWorkerName: '周强',
  leaderUid: 'boss',
  leaderName: '刘芳',
  everyDays: 7,
  lastVisitAt: null,
  visits: 0,
  visitsOnTime: 0,
  ...visitClock(at, 7, 2),
  cases: [],
  active: true,
  createdByUid: 'vs',
  createdAt: at,
  updatedAt: at,
  version: 1,
  ...over,
});

describe('key persons: who reads', () => {
  const cases: [Claims, string, boolean][] = [
    [{ r: 'grid_worker', u: G, c: C, t: T, v: V, g: G }, 'gw', true],
    [{ r: 'grid_worker', u: G, c: C, t: T, v: V, g: G }, 'gw-other', false],
    [{ r: 'village_staff', u: V, c: C, t: T, v: V }, 'x', true],
    [{ r: 'village_staff', u: '621126100002', c: C, t: T, v: '621126100002' }, 'x', false],
    [{ r: 'town_staff', u: T, c: C, t: T }, 'x', true],
    [{ r: 'county_staff', u: C, c: C }, 'x', true],
    [{ r: 'leader', u: T, c: C, t: T }, 'boss', true],
    [{ r: 'leader', u: C, c: C }, 'other-leader', false],
    [{ r: 'admin', u: C, c: C }, 'x', false],
    [{ r: 'department_officer', u: 'd', c: C, d: 'd' }, 'gw', false],
    [{ r: 'mediator', u: T, c: C, t: T }, 'x', false],
    [{ r: 'resident', u: C, c: C }, 'x', false],
  ];
  for (const [claims, uid, expected] of cases)
    it(`${claims.r} ${claims.u} ${uid} → ${expected}`, () => expect(canReadKeyPerson(claims, uid, kp())).toBe(expected));
  it('only staff above the grid manage; staff and the 包保 leader set the risk', () => {
    expect(mayManageKeyPersons({ r: 'village_staff', u: V, c: C }, G)).toBe(true);
    expect(mayManageKeyPersons({ r: 'grid_worker', u: G, c: C, g: G }, G)).toBe(false);
    expect(mayManageKeyPersons({ r: 'leader', u: T, c: C, t: T }, G)).toBe(false);
    expect(maySetRisk({ r: 'leader', u: T, c: C, t: T }, 'boss', kp())).toBe(true);
    expect(maySetRisk({ r: 'grid_worker', u: G, c: C, g: G }, 'gw', kp())).toBe(false);
  });
});

describe('key persons: the visit clock', () => {
  it('is due everyDays after the start, warned warnDaysBefore earlier', () => {
    const c = visitClock(at, 7, 2);
    expect(c.dueAt.getTime() - at.getTime()).toBe(7 * DAY);
    expect(c.dueAt.getTime() - c.warnAt.getTime()).toBe(2 * DAY);
    expect(c.sweepAt).toEqual(c.warnAt);
    expect(visitClock(at, 1, 5).warnAt).toEqual(at); // the warning never precedes the start
  });
  it('warns once, breaches once, then stops', () => {
    const k = kp();
    expect(sweepKeyPerson(k, new Date(k.warnAt.getTime() - 1)).fired).toBeNull();
    const w = sweepKeyPerson(k, k.warnAt);
    expect(w.fired).toBe('warning');
    expect(w.next.sweepAt).toEqual(k.dueAt);
    expect(sweepKeyPerson(w.next, new Date(k.dueAt.getTime() - 1)).fired).toBeNull();
    const b = sweepKeyPerson(w.next, k.dueAt);
    expect(b.fired).toBe('breach');
    expect(b.next).toMatchObject({ overdue: true, sweepAt: null });
    // Swept late, past the due date, straight from the start: one breach, no warning first.
    expect(sweepKeyPerson(k, new Date(k.dueAt.getTime() + DAY)).fired).toBe('breach');
    expect(sweepKeyPerson(kp({ active: false }), k.dueAt)).toMatchObject({ fired: null, next: { sweepAt: null } });
  });
  it('alerts name no person: to the grid worker; a breach also to the leader and the village', () => {
    const k = kp();
    const w = keyPersonAlerts(k, 'warning', at, '2026-05-27 09:00');
    expect(w.map((a) => a.recipientUid)).toEqual(['gw']);
    const b = keyPersonAlerts(k, 'breach', at, '2026-05-27 09:00');
    expect(b.map((a) => a.recipientUid ?? a.recipientUnit)).toEqual(['gw', 'boss', V]);
    expect(new Set(b.map((a) => a.id)).size).toBe(3);
    expect(b[0]!.body).toContain('社区矫正对象');
    expect(b[0]!.body).toContain('ABCDEF');
  });
});

describe('key persons: input and policy', () => {
  it('a creation needs the personal data; an edit needs the version', () => {
    const base = { requestId: 'req-00000001', kind: 'person', category: '吸毒人员', gridId: G, risk: 'red', gridWorkerUid: 'gw' };
    expect(SaveKeyPersonInput.safeParse(base).success).toBe(false);
    expect(SaveKeyPersonInput.safeParse({ ...base, personal: { name: '王某' } }).success).toBe(true);
    expect(SaveKeyPersonInput.safeParse({ ...base, id: '621126-x' }).success).toBe(false);
    expect(SaveKeyPersonInput.safeParse({ ...base, id: '621126-x', expectedVersion: 1 }).success).toBe(true);
    expect(SaveKeyPersonInput.safeParse({ ...base, personal: { name: '王某', idNumber: '123' } }).success).toBe(false);
  });
  it('a policy saved before the registry gets its defaults', () => {
    const p = DeadlinePolicy.parse({
      countyId: C,
      tier: Object.fromEntries(
        ['grid', 'village', 'town', 'county'].map((t) => [
          t,
          Object.fromEntries(['general', 'complex', 'difficult'].map((c) => [c, { amount: 1, unit: 'working_days' }])),
        ]),
      ),
      warnHoursBefore: { grid: 4, village: 24, town: 48, county: 72, other: 24 },
      petition: {
        accept: { amount: 15, unit: 'calendar_days' },
        handle: { amount: 60, unit: 'calendar_days' },
        extension: { amount: 30, unit: 'calendar_days' },
        review: { amount: 30, unit: 'calendar_days' },
        reviewAnswer: { amount: 30, unit: 'calendar_days' },
      },
      courtMediation: { amount: 30, unit: 'calendar_days' },
      judicialConfirmation: { amount: 30, unit: 'calendar_days' },
      deptCheckIn: { amount: 1, unit: 'working_days' },
      deptCheckInEmergency: { amount: 2, unit: 'hours' },
      deptFeedback: { amount: 5, unit: 'working_days' },
      callback: { amount: 7, unit: 'calendar_days' },
      recheckDays: [30, 90],
      sweep: { batchSize: 200, maxBatches: 50 },
    });
    expect(p.keyPersons.visitEveryDays).toEqual({ green: 30, yellow: 14, red: 7 });
    expect(p.keyPersons.categories.person).toContain('社区矫正对象');
  });
});
