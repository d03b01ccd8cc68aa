// Rules for 重点人员/重点部位: the public record, its personal data and its visit logs — allow and
// deny for every role (the responsible grid worker vs another, village, town, county, the 包保
// leader vs another leader, department, mediator, resident, administrator).
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, orderBy, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type Claims, canReadKeyPerson } from '../../functions/src/domain';

const C = '621126',
  T = '621126100',
  V = '621126100001',
  G = '621126100001001';
const G2 = '621126100002001',
  V2 = '621126100002',
  T2 = '621126101';
const D = '621126-police-minyang';
let env: RulesTestEnvironment;
const KP = {
  id: 'kp1',
  serial: 'KP0001',
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
  gridWorkerName: '张网格',
  leaderUid: 'boss',
  leaderName: '李镇长',
  everyDays: 7,
  dueAt: new Date('2026-05-27T01:00:00Z'),
  active: true,
};
const VISIT = { id: 'v1', keyPersonId: 'kp1', countyId: C, visitedAt: new Date('2026-05-20T01:00:00Z'), note: '平稳' };

beforeAll(async () => {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: 'demo-fengqiao-keypersons',
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host!, port: Number(port) },
  });
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, 'keyPersons/kp1'), KP);
    await setDoc(doc(db, 'keyPersons/kp1/personal/data'), { name: '王某某', idNumber: '620000199001011234', phone: '13800001111' });
    await setDoc(doc(db, 'keyPersons/kp1/keyVisits/v1'), VISIT);
    await setDoc(doc(db, 'keyPersonAccess/a1'), { keyPersonId: 'kp1', countyId: C, byUid: 'gw' });
  });
});
afterAll(async () => env?.cleanup());

const as = (claims: Record<string, string> | null, uid = 'x') =>
  (claims ? env.authenticatedContext(uid, claims) : env.unauthenticatedContext()).firestore();
// [claims, uid]
const R: Record<string, [Record<string, string>, string]> = {
  grid: [{ r: 'grid_worker', u: G, c: C, t: T, v: V, g: G }, 'gw'],
  sameGridOtherWorker: [{ r: 'grid_worker', u: G, c: C, t: T, v: V, g: G }, 'gw-other'],
  otherGrid: [{ r: 'grid_worker', u: G2, c: C, t: T, v: V2, g: G2 }, 'gw2'],
  village: [{ r: 'village_staff', u: V, c: C, t: T, v: V }, 'vs'],
  otherVillage: [{ r: 'village_staff', u: V2, c: C, t: T, v: V2 }, 'vs2'],
  town: [{ r: 'town_staff', u: T, c: C, t: T }, 'ts'],
  otherTown: [{ r: 'town_staff', u: T2, c: C, t: T2 }, 'ts2'],
  county: [{ r: 'county_staff', u: C, c: C }, 'cs'],
  otherCounty: [{ r: 'county_staff', u: '620102', c: '620102' }, 'cs2'],
  baobaoLeader: [{ r: 'leader', u: T, c: C, t: T }, 'boss'],
  otherTownLeader: [{ r: 'leader', u: T, c: C, t: T }, 'boss2'],
  countyLeader: [{ r: 'leader', u: C, c: C }, 'boss3'],
  admin: [{ r: 'admin', u: C, c: C }, 'adm'],
  department: [{ r: 'department_officer', u: D, c: C, t: T, d: D }, 'gw'],
  mediator: [{ r: 'mediator', u: T, c: C, t: T }, 'med'],
  resident: [{ r: 'resident', u: C, c: C }, 'res'],
};
const READERS = ['grid', 'village', 'town', 'county', 'baobaoLeader'];
const NON_READERS = Object.keys(R).filter((k) => !READERS.includes(k));

/**
 * The list query each role's console runs, aimed at the record: by the record's grid worker, its
 * 包保 leader, or its village (a list of one's own records is always allowed — and empty for
 * those who hold none: asking for someone else's is what must fail).
 */
function listFor(k: string) {
  const [claims, uid] = R[k]!;
  const col = collection(as(claims, uid), 'keyPersons');
  if (claims.r === 'grid_worker') return query(col, where('gridWorkerUid', '==', KP.gridWorkerUid), orderBy('dueAt'));
  if (claims.r === 'leader') return query(col, where('leaderUid', '==', KP.leaderUid), orderBy('dueAt'));
  return query(col, where('units', 'array-contains', READERS.includes(k) ? claims.u : V), orderBy('dueAt'));
}

describe('keyPersons: the public record', () => {
  for (const k of READERS) {
    it(`${k} reads the record and lists it → allow`, async () => {
      const [claims, uid] = R[k]!;
      await assertSucceeds(getDoc(doc(as(claims, uid), 'keyPersons/kp1')));
      await assertSucceeds(getDocs(listFor(k)));
    });
  }
  for (const k of NON_READERS) {
    it(`${k} reads or lists the record → deny`, async () => {
      const [claims, uid] = R[k]!;
      await assertFails(getDoc(doc(as(claims, uid), 'keyPersons/kp1')));
      await assertFails(getDocs(listFor(k)));
    });
  }
  it('a grid worker or leader lists their own records (none here) → allow, empty', async () => {
    for (const k of ['otherGrid', 'otherTownLeader']) {
      const [claims, uid] = R[k]!;
      const field = claims.r === 'grid_worker' ? 'gridWorkerUid' : 'leaderUid';
      const snap = await assertSucceeds(
        getDocs(query(collection(as(claims, uid), 'keyPersons'), where(field, '==', uid), orderBy('dueAt'))),
      );
      if (snap.size !== 0) throw new Error(`${k} listed another's record`);
    }
  });
  it('the domain agrees with the rules for every role (canReadKeyPerson)', () => {
    for (const [k, [claims, uid]] of Object.entries(R))
      if (canReadKeyPerson(claims as unknown as Claims, uid, KP) !== READERS.includes(k))
        throw new Error(`domain and rules differ for ${k}`);
  });
  it('a department officer whose uid is the grid worker’s still cannot read (departments never)', () =>
    assertFails(getDoc(doc(as(R.department![0], 'gw'), 'keyPersons/kp1'))));
  it('anonymous → deny', () => assertFails(getDoc(doc(as(null), 'keyPersons/kp1'))));
  it('a list without a scope filter → deny, even for the county', () =>
    assertFails(getDocs(collection(as(R.county![0], 'cs'), 'keyPersons'))));
  it('nobody writes records directly: not the grid worker, the village, the county or administrators', async () => {
    for (const k of ['grid', 'village', 'county', 'admin', 'baobaoLeader']) {
      const [claims, uid] = R[k]!;
      await assertFails(setDoc(doc(as(claims, uid), 'keyPersons/kp2'), { ...KP, id: 'kp2' }));
      await assertFails(updateDoc(doc(as(claims, uid), 'keyPersons/kp1'), { risk: 'green' }));
      await assertFails(deleteDoc(doc(as(claims, uid), 'keyPersons/kp1')));
    }
  });
});

describe('keyPersons: personal data and the access log', () => {
  for (const k of Object.keys(R)) {
    it(`${k} reads the personal data directly → deny (only openKeyPerson, logged)`, async () => {
      const [claims, uid] = R[k]!;
      await assertFails(getDoc(doc(as(claims, uid), 'keyPersons/kp1/personal/data')));
      await assertFails(setDoc(doc(as(claims, uid), 'keyPersons/kp1/personal/data'), { name: 'x' }));
    });
  }
  it('the server writes and reads the personal data (rules disabled) → allow', async () => {
    await env.withSecurityRulesDisabled(async (ctx) => {
      await assertSucceeds(getDoc(doc(ctx.firestore(), 'keyPersons/kp1/personal/data')));
    });
  });
  for (const k of ['grid', 'county', 'admin', 'countyLeader']) {
    it(`${k} reads or writes the access log → deny`, async () => {
      const [claims, uid] = R[k]!;
      await assertFails(getDoc(doc(as(claims, uid), 'keyPersonAccess/a1')));
      await assertFails(getDocs(query(collection(as(claims, uid), 'keyPersonAccess'), where('keyPersonId', '==', 'kp1'))));
      await assertFails(deleteDoc(doc(as(claims, uid), 'keyPersonAccess/a1')));
      await assertFails(setDoc(doc(as(claims, uid), 'keyPersonAccess/a2'), { keyPersonId: 'kp1' }));
    });
  }
});

describe('keyPersons: visit logs', () => {
  for (const k of READERS) {
    it(`${k} reads the visit logs → allow`, async () => {
      const [claims, uid] = R[k]!;
      await assertSucceeds(getDoc(doc(as(claims, uid), 'keyPersons/kp1/keyVisits/v1')));
      await assertSucceeds(getDocs(query(collection(as(claims, uid), 'keyPersons/kp1/keyVisits'), orderBy('visitedAt', 'desc'))));
    });
  }
  for (const k of NON_READERS) {
    it(`${k} reads the visit logs → deny`, async () => {
      const [claims, uid] = R[k]!;
      await assertFails(getDoc(doc(as(claims, uid), 'keyPersons/kp1/keyVisits/v1')));
      await assertFails(getDocs(collection(as(claims, uid), 'keyPersons/kp1/keyVisits')));
    });
  }
  it('nobody writes a visit directly (the grid worker neither)', async () => {
    const [claims, uid] = R.grid!;
    await assertFails(setDoc(doc(as(claims, uid), 'keyPersons/kp1/keyVisits/v2'), { ...VISIT, id: 'v2' }));
    await assertFails(updateDoc(doc(as(claims, uid), 'keyPersons/kp1/keyVisits/v1'), { note: 'x' }));
  });
});
