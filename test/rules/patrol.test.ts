// Rules for 网格巡查: patrol logs and the units' day coverage — allow and deny for every role.
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { C, T, V, G, D, ROLES } from '../helpers/rule-roles';

let env: RulesTestEnvironment;
const PATROL = {
  id: 'p1',
  countyId: C,
  townId: T,
  villageId: V,
  gridId: G,
  workerUid: 'gw',
  workerName: '张网格',
  date: '2026-05-20',
  patrolledAt: new Date('2026-05-20T01:00:00Z'),
  householdsVisited: 10,
  households: 120,
  zeroReport: true,
  note: null,
  itemIds: [],
  createdAt: new Date('2026-05-20T01:00:00Z'),
};
const item = (id: string, kind: string, hazardDept: string | null) => ({
  id,
  kind,
  countyId: C,
  townId: T,
  villageId: V,
  gridId: G,
  units: [G, V, T, C],
  hazardDept,
  title: '事项',
  description: '情况',
  hazard: kind === 'hazard' ? { state: 'assigned', responsibleKind: 'department', responsibleId: D } : null,
});
const day = (unitId: string, level: string) => ({
  unitId,
  level,
  countyId: C,
  date: '2026-05-20',
  patrols: 1,
  zeroReports: 1,
  householdsVisited: 10,
  grids: {},
});

beforeAll(async () => {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: 'demo-fengqiao-patrol',
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host!, port: Number(port) },
  });
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, 'patrols/p1'), PATROL);
    await setDoc(doc(db, `patrolDays/${V}_2026-05-20`), day(V, 'village'));
    await setDoc(doc(db, `patrolDays/${T}_2026-05-20`), day(T, 'town'));
    await setDoc(doc(db, `patrolDays/${C}_2026-05-20`), day(C, 'county'));
    await setDoc(doc(db, 'patrolItems/security'), item('security', 'security', null));
    await setDoc(doc(db, 'patrolItems/hazard'), item('hazard', 'hazard', D));
    await setDoc(doc(db, 'patrolItems/stability'), item('stability', 'stability', null));
  });
});
afterAll(async () => env?.cleanup());

const as = (claims: Record<string, string> | null, uid = 'x') =>
  (claims ? env.authenticatedContext(uid, claims) : env.unauthenticatedContext()).firestore();
const R = ROLES;

describe('patrols', () => {
  const readers = ['grid', 'village', 'town', 'townLeader', 'county', 'countyLeader', 'admin'] as const;
  const nonReaders = ['otherGrid', 'otherVillage', 'otherTown', 'otherCounty', 'department', 'mediator', 'resident'] as const;
  for (const k of readers) {
    it(`${k} reads a log of a grid in scope, and lists the grid's logs → allow`, async () => {
      await assertSucceeds(getDoc(doc(as(R[k]), 'patrols/p1')));
      await assertSucceeds(getDocs(query(collection(as(R[k]), 'patrols'), where('gridId', '==', G))));
    });
  }
  for (const k of nonReaders) {
    it(`${k} reads or lists the log → deny`, async () => {
      await assertFails(getDoc(doc(as(R[k]), 'patrols/p1')));
      await assertFails(getDocs(query(collection(as(R[k]), 'patrols'), where('gridId', '==', G))));
    });
  }
  it('anonymous → deny', () => assertFails(getDoc(doc(as(null), 'patrols/p1'))));
  it('a list without a scope filter → deny, even for the county', () => assertFails(getDocs(collection(as(R.grid), 'patrols'))));
  it('nobody writes logs directly: not the grid worker, not administrators', async () => {
    for (const c of [R.grid, R.village, R.admin, R.county]) {
      await assertFails(setDoc(doc(as(c, 'gw'), 'patrols/p2'), { ...PATROL, id: 'p2' }));
      await assertFails(updateDoc(doc(as(c, 'gw'), 'patrols/p1'), { householdsVisited: 99 }));
      await assertFails(deleteDoc(doc(as(c, 'gw'), 'patrols/p1')));
    }
  });
});

describe('patrolDays (coverage)', () => {
  it('a unit and the units above read its day → allow', async () => {
    await assertSucceeds(getDoc(doc(as(R.village), `patrolDays/${V}_2026-05-20`)));
    for (const c of [R.town, R.townLeader, R.county, R.countyLeader, R.admin]) {
      await assertSucceeds(getDoc(doc(as(c), `patrolDays/${V}_2026-05-20`)));
      await assertSucceeds(getDoc(doc(as(c), `patrolDays/${T}_2026-05-20`)));
    }
    await assertSucceeds(getDocs(query(collection(as(R.town), 'patrolDays'), where('unitId', '==', V))));
  });
  it('a unit below, a sibling, a department, a mediator, a resident, another county → deny', async () => {
    for (const c of [R.grid, R.otherVillage, R.otherTown, R.department, R.mediator, R.resident, R.otherCounty]) {
      await assertFails(getDoc(doc(as(c), `patrolDays/${V}_2026-05-20`)));
    }
    await assertFails(getDoc(doc(as(R.village), `patrolDays/${T}_2026-05-20`)));
    await assertFails(getDoc(doc(as(R.town), `patrolDays/${C}_2026-05-20`)));
    await assertFails(getDocs(query(collection(as(R.otherVillage), 'patrolDays'), where('unitId', '==', V))));
  });
  it('nobody writes coverage directly', async () => {
    for (const c of [R.village, R.admin, R.county]) {
      await assertFails(setDoc(doc(as(c), `patrolDays/${V}_2026-05-21`), day(V, 'village')));
      await assertFails(updateDoc(doc(as(c), `patrolDays/${V}_2026-05-20`), { patrols: 99 }));
    }
  });
});

describe('patrolItems (排查事项)', () => {
  const scoped = ['grid', 'village', 'town', 'townLeader', 'county', 'countyLeader', 'admin'] as const;
  for (const k of scoped) {
    it(`${k} reads the grid's ordinary items and hazards, and lists them by unit → allow`, async () => {
      await assertSucceeds(getDoc(doc(as(R[k]), 'patrolItems/security')));
      await assertSucceeds(getDoc(doc(as(R[k]), 'patrolItems/hazard')));
      await assertSucceeds(
        getDocs(query(collection(as(R[k]), 'patrolItems'), where('units', 'array-contains', R[k].u), where('kind', '==', 'hazard'))),
      );
    });
  }
  for (const k of ['otherGrid', 'otherVillage', 'otherTown', 'otherCounty', 'mediator', 'resident'] as const) {
    it(`${k} reads no item → deny`, async () => {
      for (const id of ['security', 'hazard', 'stability']) await assertFails(getDoc(doc(as(R[k]), `patrolItems/${id}`)));
    });
  }
  it('the department rectifying a hazard reads it and lists its hazards; not other items → allow/deny', async () => {
    await assertSucceeds(getDoc(doc(as(R.department), 'patrolItems/hazard')));
    await assertSucceeds(getDocs(query(collection(as(R.department), 'patrolItems'), where('hazardDept', '==', D))));
    await assertFails(getDoc(doc(as(R.department), 'patrolItems/security')));
    await assertFails(getDoc(doc(as(R.department), 'patrolItems/stability')));
    const other = { r: 'department_officer', u: '621126-justice-puma', c: C, d: '621126-justice-puma' };
    await assertFails(getDoc(doc(as(other), 'patrolItems/hazard')));
    await assertFails(getDocs(query(collection(as(other), 'patrolItems'), where('hazardDept', '==', D))));
  });
  it('涉稳信息: county staff and county leaders → allow (get and list by county and kind)', async () => {
    for (const c of [R.county, R.countyLeader]) {
      await assertSucceeds(getDoc(doc(as(c), 'patrolItems/stability')));
      await assertSucceeds(getDocs(query(collection(as(c), 'patrolItems'), where('countyId', '==', C), where('kind', '==', 'stability'))));
    }
  });
  it('涉稳信息: the grid that found it, the village, the town, its leader, administrators, departments → deny', async () => {
    for (const c of [R.grid, R.village, R.town, R.townLeader, R.admin, R.department, R.mediator, R.resident, R.otherCounty]) {
      await assertFails(getDoc(doc(as(c), 'patrolItems/stability')));
    }
    // A unit's list that does not exclude 涉稳信息 is refused as a whole.
    await assertFails(getDocs(query(collection(as(R.village), 'patrolItems'), where('units', 'array-contains', V))));
  });
  it('nobody writes items directly', async () => {
    for (const c of [R.grid, R.village, R.county, R.admin, R.department]) {
      await assertFails(setDoc(doc(as(c), 'patrolItems/new'), item('new', 'hazard', null)));
      await assertFails(updateDoc(doc(as(c), 'patrolItems/hazard'), { 'hazard.state': 'verified' }));
      await assertFails(deleteDoc(doc(as(c), 'patrolItems/security')));
    }
  });
});
