// 重点人员/重点部位 through the emulators: a village registers a key person (personal data only in
// the private document), exactly the responsible grid worker, the village/town/county staff and
// the 包保 leader read it; every opening of the personal data goes through openKeyPerson and is
// logged in the same request (the audit lists it by name); visits move the clock (resends
// change nothing); the risk level sets the frequency; the sweep warns and breaches the clock once.
import { collection, doc, getDoc, getDocs, orderBy, query, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../functions/src/lib/keyperson-audit';
import { sweepKeyPersons } from '../../functions/src/lib/keyperson-sweep';
import { type Client, adminDb, callError, closeAdmin, requestId, signInAs } from '../helpers/emulator';

const C = '621126',
  T = '621126100',
  V = '621126100001',
  G = '621126100001001';
const DAY = 86_400_000;
const NAME = '王小明',
  ID_NUMBER = '62112619850101123X',
  PHONE = '13987654321';
let grid: Client, grid2: Client, village: Client, village2: Client, town: Client, town2: Client, county: Client;
let townLeader: Client, countyLeader: Client, police: Client, mediator: Client, resident: Client, admin: Client;
type Saved = { id: string; serial: string; created: boolean; version: number };
type Opened = { id: string; serial: string; personal: Record<string, string | null>; accessId: string };
type Visit = { id: string; visitId: string; created: boolean; onTime: boolean; dueAt: string };

beforeAll(async () => {
  [grid, grid2, village, village2, town, town2, county, townLeader, countyLeader, police, mediator, resident, admin] = await Promise.all(
    [
      'grid',
      'grid2',
      'village',
      'village2',
      'town',
      'town2',
      'county',
      'town-leader',
      'county-leader',
      'police',
      'mediator',
      'resident',
      'admin',
    ].map(signInAs),
  );
});
afterAll(async () => closeAdmin());

const input = (over: Record<string, unknown> = {}) => ({
  requestId: requestId(),
  kind: 'person',
  category: '社区矫正对象',
  gridId: G,
  risk: 'red',
  gridWorkerUid: grid.uid,
  leaderUid: townLeader.uid,
  personal: { name: NAME, idNumber: ID_NUMBER, phone: PHONE, address: '城郊村5组12号', note: '每周报到' },
  ...over,
});
const stored = async (id: string) => (await adminDb().doc(`keyPersons/${id}`).get()).data()!;
const logsOf = async (id: string) =>
  (await adminDb().collection('keyPersonAccess').where('keyPersonId', '==', id).get()).docs.map((d) => d.data());

describe('saveKeyPerson', () => {
  it('registers once (a resend answers created: false); the public record carries no personal data', async () => {
    const { caseId } = await grid.call<{ caseId: string }>('reportCase', {
      requestId: requestId(),
      gridId: G,
      category: 'neighbour',
      title: '邻里排水沟纠纷',
      description: '两户因排水沟堵塞发生争执',
      parties: [{ role: 'applicant', name: NAME, phone: PHONE, idNumber: null, address: null }],
    });
    const data = input({ caseIds: [caseId] });
    const r = await village.call<Saved>('saveKeyPerson', data);
    expect(r).toMatchObject({ created: true, version: 1 });
    expect(await village.call<Saved>('saveKeyPerson', data)).toEqual({ ...r, created: false });
    const kp = await stored(r.id);
    expect(kp).toMatchObject({
      kind: 'person',
      category: '社区矫正对象',
      risk: 'red',
      everyDays: 7,
      units: [V, T, C],
      gridWorkerUid: grid.uid,
      gridWorkerName: '周强',
      leaderUid: townLeader.uid,
      leaderName: '刘芳',
      active: true,
      visits: 0,
    });
    expect(kp.cases).toEqual([expect.objectContaining({ id: caseId, number: caseId.slice(7) })]);
    const text = JSON.stringify(kp);
    for (const secret of [NAME, ID_NUMBER, PHONE, '城郊村5组12号']) expect(text).not.toContain(secret);
    expect((await adminDb().doc(`keyPersons/${r.id}/personal/data`).get()).get('idNumber')).toBe(ID_NUMBER);
    // The creation is logged like an opening.
    expect((await logsOf(r.id)).map((l) => [l.action, l.byUid, l.role])).toEqual([['create', village.uid, 'village_staff']]);
  });

  it('refuses a grid worker, a department, the staff of another village, a category outside the policy, a wrong grid worker or leader', async () => {
    expect((await callError(grid, 'saveKeyPerson', input())).code).toBe('permission-denied');
    expect((await callError(police, 'saveKeyPerson', input())).code).toBe('permission-denied');
    expect((await callError(village2, 'saveKeyPerson', input())).code).toBe('permission-denied');
    expect((await callError(town2, 'saveKeyPerson', input())).code).toBe('permission-denied');
    expect((await callError(village, 'saveKeyPerson', input({ category: '不存在的类别' }))).code).toBe('invalid-argument');
    expect((await callError(village, 'saveKeyPerson', input({ gridWorkerUid: grid2.uid }))).code).toBe('invalid-argument');
    expect((await callError(village, 'saveKeyPerson', input({ leaderUid: town.uid }))).code).toBe('invalid-argument');
    expect((await callError(village, 'saveKeyPerson', input({ personal: null }))).code).toBe('invalid-argument');
    expect((await callError(village, 'saveKeyPerson', input({ caseIds: ['621126-NoSuchCase01'] }))).code).toBe('invalid-argument');
  });

  it('edits with the version (personal data kept when not sent); a stale version is refused', async () => {
    const r = await town.call<Saved>('saveKeyPerson', input());
    const e = await town.call<Saved>('saveKeyPerson', { ...input({ risk: 'green', personal: null }), id: r.id, expectedVersion: 1 });
    expect(e).toMatchObject({ id: r.id, created: false, version: 2 });
    expect(await stored(r.id)).toMatchObject({ risk: 'green', everyDays: 30 });
    expect((await adminDb().doc(`keyPersons/${r.id}/personal/data`).get()).get('name')).toBe(NAME);
    const stale = await callError(town, 'saveKeyPerson', { ...input({ personal: null }), id: r.id, expectedVersion: 1 });
    expect(stale.code).toBe('failed-precondition');
    // Another village's staff cannot edit it, and learns nothing about it.
    expect(
      (
        await callError(village2, 'saveKeyPerson', {
          ...input({ personal: null, gridId: '621126100002001' }),
          id: r.id,
          expectedVersion: 2,
        })
      ).code,
    ).toBe('not-found');
  });
});

describe('who reads a record', () => {
  let id: string;
  beforeAll(async () => {
    id = (await village.call<Saved>('saveKeyPerson', input())).id;
  });

  it('the responsible grid worker, the village, town and county staff and the 包保 leader read it, and list it', async () => {
    for (const c of [grid, village, town, county, townLeader]) expect((await getDoc(doc(c.db, 'keyPersons', id))).exists()).toBe(true);
    const mine = await getDocs(query(collection(grid.db, 'keyPersons'), where('gridWorkerUid', '==', grid.uid), orderBy('dueAt')));
    expect(mine.docs.map((d) => d.id)).toContain(id);
    const led = await getDocs(query(collection(townLeader.db, 'keyPersons'), where('leaderUid', '==', townLeader.uid), orderBy('dueAt')));
    expect(led.docs.map((d) => d.id)).toContain(id);
    const vil = await getDocs(query(collection(village.db, 'keyPersons'), where('units', 'array-contains', V), orderBy('dueAt')));
    expect(vil.docs.map((d) => d.id)).toContain(id);
  });

  it('another grid worker, another village or town, a county leader without 包保, departments, mediators, residents, administrators: refused', async () => {
    for (const c of [grid2, village2, town2, countyLeader, police, mediator, resident, admin])
      await expect(getDoc(doc(c.db, 'keyPersons', id))).rejects.toMatchObject({ code: 'permission-denied' });
  });

  it('nobody reads the personal data directly, not even the responsible grid worker', async () => {
    for (const c of [grid, village, county, townLeader])
      await expect(getDoc(doc(c.db, 'keyPersons', id, 'personal', 'data'))).rejects.toMatchObject({ code: 'permission-denied' });
  });
});

describe('openKeyPerson', () => {
  it('returns the personal data to a reader and logs the opening in the same request; the audit names who opened what', async () => {
    const since = new Date(Date.now() - 1000);
    const { id } = await village.call<Saved>('saveKeyPerson', input());
    const o = await grid.call<Opened>('openKeyPerson', { id, purpose: '走访前核对住址' });
    expect(o.personal).toMatchObject({ name: NAME, idNumber: ID_NUMBER, phone: PHONE, address: '城郊村5组12号' });
    const log = (await adminDb().doc(`keyPersonAccess/${o.accessId}`).get()).data()!;
    expect(log).toMatchObject({
      keyPersonId: id,
      action: 'open',
      byUid: grid.uid,
      byName: '周强',
      role: 'grid_worker',
      unitId: G,
      purpose: '走访前核对住址',
    });
    await townLeader.call<Opened>('openKeyPerson', { id });
    await county.call<Opened>('openKeyPerson', { id, purpose: '研判' });
    expect((await logsOf(id)).filter((l) => l.action === 'open')).toHaveLength(3);
    const rows = await auditEntries(adminDb(), { record: id, since });
    expect(rows.map((r) => [r.action, r.who])).toEqual([
      ['open', '李明（县综治中心主任）'],
      ['open', '刘芳（岷阳镇党委书记）'],
      ['open', '周强（城郊村第1网格网格员）'],
      ['create', '杨军（城郊村调解委员会主任）'],
    ]);
    expect(rows[0]).toMatchObject({ role: 'county_staff', unit: expect.stringContaining('岷县'), purpose: '研判' });
    const byGrid = await auditEntries(adminDb(), { by: grid.uid, since });
    expect(byGrid.every((r) => r.byUid === grid.uid)).toBe(true);
    expect(byGrid.map((r) => r.record)).toContain(id);
  });

  it('refuses everyone else with the same answer as a missing record, and logs nothing for them', async () => {
    const { id } = await village.call<Saved>('saveKeyPerson', input());
    for (const c of [grid2, village2, town2, countyLeader, police, mediator, resident, admin]) {
      const e = await callError(c, 'openKeyPerson', { id });
      expect(e.code).toBe('not-found');
    }
    expect((await callError(grid, 'openKeyPerson', { id: '621126-NoSuchPerson' })).code).toBe('not-found');
    expect((await logsOf(id)).map((l) => l.action)).toEqual(['create']);
  });
});

describe('recordKeyPersonVisit and setKeyPersonRisk', () => {
  it('a visit moves the clock (red: 7 days), once per requestId; free text masked with the record’s own data', async () => {
    const { id } = await village.call<Saved>('saveKeyPerson', input());
    const visitedAt = new Date(Date.now() - 3_600_000);
    const v = {
      requestId: requestId(),
      id,
      visitedAt: visitedAt.toISOString(),
      met: true,
      condition: 'stable',
      note: `${NAME}在家，电话${PHONE}畅通，情绪平稳`,
      measures: '继续每周走访',
    };
    const r = await grid.call<Visit>('recordKeyPersonVisit', v);
    expect(r).toMatchObject({ id, created: true, onTime: true });
    expect(new Date(r.dueAt).getTime()).toBe(visitedAt.getTime() + 7 * DAY);
    const again = await Promise.all([1, 2].map(() => grid.call<Visit>('recordKeyPersonVisit', v)));
    expect(again.every((a) => a.visitId === r.visitId && !a.created)).toBe(true);
    const kp = await stored(id);
    expect(kp).toMatchObject({ visits: 1, visitsOnTime: 1, version: 2 });
    const visits = await getDocs(query(collection(grid.db, 'keyPersons', id, 'keyVisits'), orderBy('visitedAt', 'desc')));
    expect(visits.size).toBe(1);
    const note = visits.docs[0]!.get('note') as string;
    expect(note).not.toContain(PHONE);
    expect(note).not.toContain(NAME);
    await expect(getDocs(collection(grid2.db, 'keyPersons', id, 'keyVisits'))).rejects.toMatchObject({ code: 'permission-denied' });
    // Others cannot log a visit; a visit in the future is refused.
    expect((await callError(grid2, 'recordKeyPersonVisit', { ...v, requestId: requestId() })).code).toBe('not-found');
    expect((await callError(police, 'recordKeyPersonVisit', { ...v, requestId: requestId() })).code).toBe('not-found');
    const future = { ...v, requestId: requestId(), visitedAt: new Date(Date.now() + DAY).toISOString() };
    expect((await callError(grid, 'recordKeyPersonVisit', future)).code).toBe('invalid-argument');
  });

  it('the 包保 leader lowers the risk (the frequency follows); the grid worker and a stale version are refused', async () => {
    const { id } = await village.call<Saved>('saveKeyPerson', input());
    const created = (await stored(id)).createdAt.toDate() as Date;
    const r = await townLeader.call<{ version: number; risk: string; dueAt: string }>('setKeyPersonRisk', {
      id,
      expectedVersion: 1,
      risk: 'yellow',
      reason: '近期情绪稳定',
    });
    expect(r).toMatchObject({ version: 2, risk: 'yellow' });
    expect(new Date(r.dueAt).getTime()).toBe(created.getTime() + 14 * DAY);
    expect(await stored(id)).toMatchObject({ risk: 'yellow', everyDays: 14 });
    expect((await callError(grid, 'setKeyPersonRisk', { id, expectedVersion: 2, risk: 'red', reason: '情绪波动' })).code).toBe('not-found');
    expect((await callError(countyLeader, 'setKeyPersonRisk', { id, expectedVersion: 2, risk: 'red', reason: '情绪波动' })).code).toBe(
      'not-found',
    );
    expect((await callError(town, 'setKeyPersonRisk', { id, expectedVersion: 1, risk: 'red', reason: '情绪波动' })).code).toBe(
      'failed-precondition',
    );
    expect((await town.call<{ risk: string }>('setKeyPersonRisk', { id, expectedVersion: 2, risk: 'red', reason: '情绪波动' })).risk).toBe(
      'red',
    );
  });
});

describe('the visit clock in the sweep', () => {
  it('warns the grid worker before the due date and breaches once after it (grid worker, 包保 leader, village); a rerun writes nothing', async () => {
    const { id } = await village.call<Saved>('saveKeyPerson', input());
    const kp = await stored(id);
    const due = (kp.dueAt.toDate() as Date).getTime();
    const dueKey = due.toString(36);
    const w = await sweepKeyPersons(adminDb(), new Date(due - DAY));
    expect(w.visitWarnings).toBeGreaterThanOrEqual(1);
    const warn = (await adminDb().doc(`alerts/kp-${id}-${dueKey}-warning-p${grid.uid}`).get()).data()!;
    expect(warn).toMatchObject({ kind: 'keyperson_warning', recipientUid: grid.uid, severity: 'warning' });
    expect(JSON.stringify(warn)).not.toContain(NAME);
    expect(await stored(id)).toMatchObject({ warned: true, overdue: false });
    await sweepKeyPersons(adminDb(), new Date(due + 1000));
    expect(await stored(id)).toMatchObject({ overdue: true, sweepAt: null });
    for (const to of [`p${grid.uid}`, `p${townLeader.uid}`, `u${V}`])
      expect((await adminDb().doc(`alerts/kp-${id}-${dueKey}-breach-${to}`).get()).get('kind')).toBe('keyperson_breach');
    const before = (await adminDb().collection('alerts').where('kind', '==', 'keyperson_breach').get()).size;
    await sweepKeyPersons(adminDb(), new Date(due + 2000));
    expect((await adminDb().collection('alerts').where('kind', '==', 'keyperson_breach').get()).size).toBe(before);
    // A visit restarts the clock: no longer overdue, swept again before the next due date.
    await grid.call<Visit>('recordKeyPersonVisit', {
      requestId: requestId(),
      id,
      visitedAt: new Date().toISOString(),
      met: false,
      condition: 'attention',
      note: '未见本人，家属称外出务工',
      measures: null,
    });
    expect(await stored(id)).toMatchObject({ overdue: false, warned: false, visits: 1 });
  });
});
