// User management: an administrator's profile change becomes compact custom claims, and nobody
// can raise their own role or widen their own scope.
import { doc, getDoc, setDoc, updateDoc } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, adminAuth, adminDb, callError, closeAdmin, eventually, signInAs, signInWith } from '../helpers/emulator';

let admin: Client, county: Client;
const email = () => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@test.fengqiao.cn`;

beforeAll(async () => {
  [admin, county] = await Promise.all([signInAs('admin'), signInAs('county')]);
});
afterAll(closeAdmin);

describe('upsertUser', () => {
  it('creates a user whose claims carry role and scope chain', async () => {
    const e = email();
    const res = await admin.call<{ uid: string; created: boolean }>('upsertUser', {
      email: e,
      password: 'Passw0rd!x',
      displayName: '新网格员',
      role: 'grid_worker',
      scopeId: '621126100003001',
    });
    expect(res.created).toBe(true);
    const user = await adminAuth().getUser(res.uid);
    expect(user.customClaims).toEqual({
      r: 'grid_worker',
      u: '621126100003001',
      c: '621126',
      t: '621126100',
      v: '621126100003',
      g: '621126100003001',
    });
    expect(Buffer.byteLength(JSON.stringify(user.customClaims))).toBeLessThan(200);
    const meta = await adminDb().doc(`userMeta/${res.uid}`).get();
    expect(meta.get('claims')).toEqual(user.customClaims);
    // The new user signs in and reads their own profile and claims signal.
    const c = await signInWith(e, 'Passw0rd!x');
    expect((await getDoc(doc(c.db, 'users', res.uid))).get('role')).toBe('grid_worker');
    expect((await getDoc(doc(c.db, 'userMeta', res.uid))).exists()).toBe(true);
  });

  it('refuses non-administrators', async () => {
    const err = await callError(county, 'upsertUser', {
      email: email(),
      password: 'Passw0rd!x',
      displayName: 'x',
      role: 'admin',
      scopeId: '621126',
    });
    expect(err.code).toBe('permission-denied');
  });

  it('refuses an administrator changing their own role or scope', async () => {
    const me = (await adminDb().doc(`users/${admin.uid}`).get()).data()!;
    const base = { uid: admin.uid, email: me.email, displayName: me.displayName, title: me.title, phone: me.phone };
    expect((await callError(admin, 'upsertUser', { ...base, role: 'county_staff', scopeId: '621126' })).code).toBe('permission-denied');
    expect((await callError(admin, 'upsertUser', { ...base, role: 'admin', scopeId: '621127' })).code).toBe('permission-denied');
    expect((await adminAuth().getUser(admin.uid)).customClaims).toMatchObject({ r: 'admin', c: '621126' });
  });

  it("refuses users outside the administrator's county and unknown scopes", async () => {
    expect(
      (
        await callError(admin, 'upsertUser', {
          email: email(),
          password: 'Passw0rd!x',
          displayName: 'x',
          role: 'county_staff',
          scopeId: '620102',
        })
      ).code,
    ).toBe('permission-denied');
    expect(
      (
        await callError(admin, 'upsertUser', {
          email: email(),
          password: 'Passw0rd!x',
          displayName: 'x',
          role: 'village_staff',
          scopeId: '621126100999',
        })
      ).code,
    ).toBe('invalid-argument');
    expect(
      (await callError(admin, 'upsertUser', { email: 'not-an-email', displayName: 'x', role: 'village_staff', scopeId: '621126100001' }))
        .code,
    ).toBe('invalid-argument');
  });

  it("refuses any client write to profiles, including one's own role", async () => {
    await expect(updateDoc(doc(county.db, 'users', county.uid), { role: 'admin' })).rejects.toMatchObject({ code: 'permission-denied' });
    await expect(setDoc(doc(admin.db, 'users', county.uid), { role: 'admin' }, { merge: true })).rejects.toMatchObject({
      code: 'permission-denied',
    });
    await expect(setDoc(doc(county.db, 'userMeta', county.uid), { claims: { r: 'admin' } })).rejects.toMatchObject({
      code: 'permission-denied',
    });
  });
});

describe('syncUserClaims trigger', () => {
  it('follows a profile changed by an operator, and a replay changes nothing', async () => {
    const e = email();
    const { uid } = await admin.call<{ uid: string }>('upsertUser', {
      email: e,
      password: 'Passw0rd!x',
      displayName: '调动人员',
      role: 'village_staff',
      scopeId: '621126100001',
    });
    await adminDb().doc(`users/${uid}`).update({ scopeId: '621126100002' });
    const claims = await eventually(async () => {
      const c = (await adminAuth().getUser(uid)).customClaims;
      return c?.v === '621126100002' ? c : null;
    });
    expect(claims).toMatchObject({ r: 'village_staff', u: '621126100002', v: '621126100002' });
    const meta1 = (await adminDb().doc(`userMeta/${uid}`).get()).get('refreshAt').toMillis();
    // Replay: write the same profile again (an at-least-once redelivery looks the same).
    await adminDb().doc(`users/${uid}`).update({ updatedAt: new Date() });
    await new Promise((r) => setTimeout(r, 3000));
    expect((await adminDb().doc(`userMeta/${uid}`).get()).get('refreshAt').toMillis()).toBe(meta1);
  });

  it('removes all claims when a profile is deactivated', async () => {
    const { uid } = await admin.call<{ uid: string }>('upsertUser', {
      email: email(),
      password: 'Passw0rd!x',
      displayName: '离岗人员',
      role: 'village_staff',
      scopeId: '621126100001',
    });
    await adminDb().doc(`users/${uid}`).update({ active: false });
    await eventually(async () => Object.keys((await adminAuth().getUser(uid)).customClaims ?? {}).length === 0);
  });
});
