// Rules for the staff directory (staff/{uid}) and the profiles it is derived from: allow and deny.
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let env: RulesTestEnvironment;
const C = '621126';
const T = '621126100';
const entry = (uid: string, countyId: string) => ({
  uid,
  displayName: `姓名${uid}`,
  title: '综治专干',
  role: 'town_staff',
  roleLabel: '乡镇综治中心',
  unitId: `${countyId}100`,
  unitName: '岷阳镇',
  countyId,
  active: true,
  updatedAt: new Date(),
});
beforeAll(async () => {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: 'demo-fengqiao-staff',
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host!, port: Number(port) },
  });
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, 'staff/S1'), entry('S1', C));
    await setDoc(doc(db, 'staff/S2'), entry('S2', C));
    await setDoc(doc(db, 'staff/X1'), entry('X1', '620102'));
    await setDoc(doc(db, 'users/S1'), { ...entry('S1', C), phone: '13800000000', email: 's1@example.cn' });
  });
});
afterAll(async () => env?.cleanup());

const as = (uid: string, claims: Record<string, string> | null) =>
  (claims ? env.authenticatedContext(uid, claims) : env.unauthenticatedContext()).firestore();
const grid = { r: 'grid_worker', u: '621126100001001', c: C, t: T, v: '621126100001', g: '621126100001001' };
const town = { r: 'town_staff', u: T, c: C, t: T };
const leader = { r: 'leader', u: C, c: C };
const dept = { r: 'department_officer', u: '621126-police-minyang', c: C, t: T, d: '621126-police-minyang' };
const mediator = { r: 'mediator', u: T, c: C, t: T };
const admin = { r: 'admin', u: C, c: C };
const resident = { r: 'resident', u: C, c: C };
const otherCounty = { r: 'county_staff', u: '620102', c: '620102' };

describe('staff directory', () => {
  it("every staff role reads the county's directory, one entry or the county's list", async () => {
    for (const c of [grid, town, leader, dept, mediator, admin]) {
      await assertSucceeds(getDoc(doc(as('me', c), 'staff/S1')));
      const list = await assertSucceeds(getDocs(query(collection(as('me', c), 'staff'), where('countyId', '==', C))));
      expect(list.docs.map((d) => d.id).sort()).toEqual(['S1', 'S2']);
    }
  });
  it('residents, anonymous visitors and other counties do not', async () => {
    await assertFails(getDoc(doc(as('me', resident), 'staff/S1')));
    await assertFails(getDocs(query(collection(as('me', resident), 'staff'), where('countyId', '==', C))));
    await assertFails(getDoc(doc(as('me', null), 'staff/S1')));
    await assertFails(getDoc(doc(as('me', otherCounty), 'staff/S1')));
    await assertFails(getDoc(doc(as('me', town), 'staff/X1')));
    // A list without the county filter cannot be proven readable.
    await assertFails(getDocs(collection(as('me', town), 'staff')));
  });
  it('nobody writes it from a client — not administrators, not the person themselves', async () => {
    for (const [uid, c] of [
      ['S1', town],
      ['A', admin],
    ] as const) {
      await assertFails(setDoc(doc(as(uid, c), 'staff/S1'), entry('S1', C)));
      await assertFails(updateDoc(doc(as(uid, c), 'staff/S1'), { displayName: '改名' }));
      await assertFails(setDoc(doc(as(uid, c), 'staff/NEW'), entry('NEW', C)));
      await assertFails(deleteDoc(doc(as(uid, c), 'staff/S2')));
    }
  });
  it('phone numbers stay on the profile: administrators of the county read it, other staff do not', async () => {
    const snap = await assertSucceeds(getDoc(doc(as('A', admin), 'users/S1')));
    expect(snap.get('phone')).toBe('13800000000');
    await assertFails(getDoc(doc(as('me', town), 'users/S1')));
    await assertFails(getDoc(doc(as('me', leader), 'users/S1')));
    await assertFails(getDoc(doc(as('me', { ...admin, c: '620102', u: '620102' }), 'users/S1')));
  });
});
