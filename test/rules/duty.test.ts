// Rules for duty rosters, the public duty view and linkage: allow and deny.
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { doc, getDoc, setDoc, collection, getDocs } from 'firebase/firestore';
import { afterAll, beforeAll, describe, it } from 'vitest';

let env: RulesTestEnvironment;
const T = '621126100';
beforeAll(async () => {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: 'demo-fengqiao-duty',
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host!, port: Number(port) },
  });
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, `rosters/${T}`), { unitId: T, countyId: '621126', weekday: [], duty: [] });
    await setDoc(doc(db, `rosters/${T}/versions/2026-10-01`), { unitId: T, from: '2026-10-01', to: '2026-10-31' });
    await setDoc(doc(db, `rosters/${T}/changes/c1`), { unitId: T, uid: 'L1', status: 'requested' });
    await setDoc(doc(db, `publicDuty/${T}`), { unitId: T, days: [] });
    await setDoc(doc(db, 'linkages/L1'), { leaderUid: 'L1', countyId: '621126', villageIds: [] });
  });
});
afterAll(async () => env?.cleanup());

const as = (uid: string, claims: Record<string, string> | null) =>
  (claims ? env.authenticatedContext(uid, claims) : env.unauthenticatedContext()).firestore();
const townLeader = { r: 'leader', u: T, c: '621126', t: T };
const countyStaff = { r: 'county_staff', u: '621126', c: '621126' };
const otherTown = { r: 'town_staff', u: '621126101', c: '621126', t: '621126101' };
const village = { r: 'village_staff', u: '621126100001', c: '621126', t: T, v: '621126100001' };
const resident = { r: 'resident', u: '621126', c: '621126' };
const admin = { r: 'admin', u: '621126', c: '621126' };

describe('rosters', () => {
  it("the unit's leaders and the county read the rotation, versions and changes", async () => {
    for (const c of [townLeader, countyStaff, admin]) {
      await assertSucceeds(getDoc(doc(as('x', c), `rosters/${T}`)));
      await assertSucceeds(getDocs(collection(as('x', c), `rosters/${T}/versions`)));
      await assertSucceeds(getDoc(doc(as('x', c), `rosters/${T}/changes/c1`)));
    }
  });
  it('another town, a village, a resident and anonymous visitors do not', async () => {
    for (const c of [otherTown, village, resident, null]) {
      await assertFails(getDoc(doc(as('x', c), `rosters/${T}`)));
      await assertFails(getDocs(collection(as('x', c), `rosters/${T}/versions`)));
    }
  });
  it('nobody writes rotations, versions or changes directly — not even administrators or the leader', async () => {
    for (const c of [admin, townLeader, countyStaff]) {
      await assertFails(setDoc(doc(as('L1', c), `rosters/${T}`), { weekday: [] }));
      await assertFails(setDoc(doc(as('L1', c), `rosters/${T}/versions/2026-11-01`), { from: '2026-11-01' }));
      await assertFails(setDoc(doc(as('L1', c), `rosters/${T}/changes/c2`), { uid: 'L1', status: 'approved' }));
    }
  });
});

describe('public duty view', () => {
  it('is readable by anyone, writable by nobody', async () => {
    await assertSucceeds(getDoc(doc(as('x', null), `publicDuty/${T}`)));
    await assertSucceeds(getDoc(doc(as('x', resident), `publicDuty/${T}`)));
    await assertFails(setDoc(doc(as('x', admin), `publicDuty/${T}`), { days: [] }));
  });
});

describe('linkages', () => {
  it('are readable inside the county by staff, not by residents or outsiders', async () => {
    await assertSucceeds(getDoc(doc(as('x', countyStaff), 'linkages/L1')));
    await assertFails(getDoc(doc(as('x', resident), 'linkages/L1')));
    await assertFails(getDoc(doc(as('x', { r: 'county_staff', u: '620102', c: '620102' }), 'linkages/L1')));
    await assertFails(setDoc(doc(as('x', admin), 'linkages/L1'), { villageIds: [] }));
  });
});
