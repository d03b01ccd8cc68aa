// The staff directory follows the profiles (create, rename, move, disable, resident, unit renamed,
// rebuild), is readable by the county's staff only, and administrators reset forgotten passwords.
import { collection, doc, getDoc, getDocs, query, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../functions/src/seed/demo-county';
import { rebuildStaff } from '../../functions/src/lib/staff';
import { type Client, adminAuth, adminDb, callError, closeAdmin, eventually, signInAs, signInWith } from '../helpers/emulator';

let admin: Client, town: Client, resident: Client, county: Client;
const email = () => `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@test.fengqiao.cn`;
const staffDoc = async (uid: string) => (await adminDb().doc(`staff/${uid}`).get()).data() ?? null;

beforeAll(async () => {
  [admin, town, resident, county] = await Promise.all([signInAs('admin'), signInAs('town'), signInAs('resident'), signInAs('county')]);
});
afterAll(closeAdmin);

async function newUser(over: Record<string, unknown> = {}) {
  const e = email();
  const input = {
    email: e,
    password: 'Passw0rd!x',
    displayName: '欧阳明',
    role: 'village_staff',
    scopeId: '621126100003',
    title: '综治专干',
    phone: '13900001111',
    ...over,
  };
  const { uid } = await admin.call<{ uid: string }>('upsertUser', input);
  return { uid, input };
}

/** The administrator edits a user: the same fields, some changed, no new password. */
async function edit(uid: string, input: Record<string, unknown>, over: Record<string, unknown>) {
  const { password: _keep, ...rest } = input;
  await admin.call('upsertUser', { ...rest, uid, ...over });
}

describe('the staff directory follows the profiles', () => {
  it('the seed wrote an entry for every demo staff account, and none for the resident', async () => {
    for (const a of DEMO_ACCOUNTS) {
      const uid = (await adminAuth().getUserByEmail(a.email)).uid;
      const s = await staffDoc(uid);
      if (a.role === 'resident') expect(s).toBeNull();
      else expect(s).toMatchObject({ displayName: a.displayName, title: a.title, role: a.role, unitId: a.scopeId, active: true });
    }
  });

  it('a new user appears with title, unit name and role label — and no phone or e-mail', async () => {
    const { uid, input } = await newUser();
    const s = (await staffDoc(uid))!;
    expect(s).toMatchObject({
      uid,
      displayName: '欧阳明',
      title: '综治专干',
      role: 'village_staff',
      roleLabel: '村(社区)综治中心',
      unitId: '621126100003',
      unitName: '西街社区',
      countyId: '621126',
      active: true,
    });
    expect(Object.keys(s).sort()).toEqual(
      ['uid', 'displayName', 'title', 'role', 'roleLabel', 'unitId', 'unitName', 'countyId', 'active', 'updatedAt'].sort(),
    );
    expect(JSON.stringify(s)).not.toContain(input.phone);
    expect(JSON.stringify(s)).not.toContain(input.email);
  });

  it('a rename, a move and a deactivation show at once; a resident is removed', async () => {
    const { uid, input } = await newUser();
    await edit(uid, input, { displayName: '欧阳明华' });
    expect((await staffDoc(uid))!.displayName).toBe('欧阳明华');
    await edit(uid, input, { displayName: '欧阳明华', role: 'town_staff', scopeId: '621126101' });
    expect(await staffDoc(uid)).toMatchObject({ role: 'town_staff', unitId: '621126101', unitName: '蒲麻镇', roleLabel: '乡镇综治中心' });
    await edit(uid, input, { role: 'town_staff', scopeId: '621126101', active: false });
    expect(await staffDoc(uid)).toMatchObject({ active: false, displayName: '欧阳明' });
    await edit(uid, input, { role: 'resident', scopeId: '621126', active: true, title: null });
    expect(await staffDoc(uid)).toBeNull();
  });

  it('a profile written any other way (operator, console) is followed by the trigger', async () => {
    const { uid } = await newUser();
    await adminDb().doc(`users/${uid}`).update({ displayName: '欧阳改', title: '副主任' });
    await eventually(async () => (await staffDoc(uid))?.displayName === '欧阳改');
    expect((await staffDoc(uid))!.title).toBe('副主任');
    await adminDb().doc(`users/${uid}`).delete();
    await eventually(async () => (await staffDoc(uid)) === null);
  });

  it('renaming a department renames the unit of its people', async () => {
    const id = `621126-t${Date.now().toString(36)}`;
    await admin.call('saveDepartment', { id, name: '岷阳测试所', kind: 'other', townId: '621126100' });
    const { uid } = await newUser({ role: 'department_officer', scopeId: id });
    expect((await staffDoc(uid))!.unitName).toBe('岷阳测试所');
    await admin.call('saveDepartment', { id, name: '岷阳市场监管所', kind: 'other', townId: '621126100' });
    expect((await staffDoc(uid))!.unitName).toBe('岷阳市场监管所');
  });

  it('`staff rebuild` restores lost entries and removes stray ones, and a second run changes nothing', async () => {
    const { uid } = await newUser();
    // The profile trigger (syncUserClaims → syncProfile) may still write the entry after the call
    // answered: wait until its own write (userMeta) has settled, so the deletion below sticks.
    for (let last = '', end = Date.now() + 30_000; Date.now() < end; ) {
      const snap = await adminDb().doc(`userMeta/${uid}`).get();
      const now = snap.exists ? snap.updateTime!.toMillis().toString() : '';
      if (now && now === last) break;
      last = now;
      await new Promise((r) => setTimeout(r, 1500));
    }
    await adminDb().doc(`staff/${uid}`).delete();
    await adminDb().doc('staff/stray-account').set({
      uid: 'stray-account',
      displayName: '已删除',
      title: null,
      role: 'town_staff',
      roleLabel: '乡镇综治中心',
      unitId: '621126100',
      unitName: '岷阳镇',
      countyId: '621126',
      active: true,
      updatedAt: new Date(),
    });
    const first = await rebuildStaff(adminDb(), '621126');
    expect(first.written).toBeGreaterThanOrEqual(1);
    expect(first.deleted).toBeGreaterThanOrEqual(1);
    expect((await staffDoc(uid))!.displayName).toBe('欧阳明');
    expect(await staffDoc('stray-account')).toBeNull();
    const second = await rebuildStaff(adminDb(), '621126');
    expect(second.written).toBe(0);
  });

  it("staff read the county's directory; residents do not; phones stay with administrators", async () => {
    const list = await getDocs(query(collection(town.db, 'staff'), where('countyId', '==', '621126')));
    const names = list.docs.map((d) => d.get('displayName'));
    expect(names).toContain('刘芳');
    expect(names).not.toContain('胡秀英');
    expect(list.docs.every((d) => d.get('phone') === undefined)).toBe(true);
    await expect(getDocs(query(collection(resident.db, 'staff'), where('countyId', '==', '621126')))).rejects.toThrow();
    await expect(getDoc(doc(town.db, 'users', admin.uid))).rejects.toThrow();
    expect((await getDoc(doc(admin.db, 'users', town.uid))).exists()).toBe(true);
  });
});

describe('resetUserPassword', () => {
  it('an administrator sets a temporary password: it works, the old one does not', async () => {
    const { uid, input } = await newUser();
    // Revocation moves tokensValidAfterTime (one-second resolution) to the reset: wait past the creation's second.
    await new Promise((r) => setTimeout(r, 1100));
    const resetFrom = Math.floor(Date.now() / 1000) * 1000;
    expect(await admin.call('resetUserPassword', { uid, password: 'Temp2026pw' })).toEqual({ uid });
    const c = await signInWith(input.email, 'Temp2026pw');
    expect(c.uid).toBe(uid);
    await expect(signInWith(input.email, input.password)).rejects.toThrow();
    expect(new Date((await adminAuth().getUser(uid)).tokensValidAfterTime!).getTime()).toBeGreaterThanOrEqual(resetFrom);
  });

  it('refuses non-administrators, residents, their own account, other counties and bad passwords', async () => {
    const { uid } = await newUser();
    expect(await callError(county, 'resetUserPassword', { uid, password: 'Temp2026pw' })).toMatchObject({
      code: 'permission-denied',
      message: expect.stringContaining('只有管理员可以重置密码'),
    });
    expect(await callError(admin, 'resetUserPassword', { uid: resident.uid, password: 'Temp2026pw' })).toMatchObject({
      code: 'permission-denied',
      message: expect.stringContaining('群众账号的密码由本人找回，管理员不能重置'),
    });
    expect(await callError(admin, 'resetUserPassword', { uid: admin.uid, password: 'Temp2026pw' })).toMatchObject({
      code: 'failed-precondition',
    });
    expect((await callError(admin, 'resetUserPassword', { uid: 'no-such-user', password: 'Temp2026pw' })).code).toBe('not-found');
    expect((await callError(admin, 'resetUserPassword', { uid, password: 'short' })).code).toBe('invalid-argument');
    // A user of another county (written by an operator).
    const other = await adminAuth().createUser({ email: email(), password: 'Passw0rd!x' });
    await adminDb().doc(`users/${other.uid}`).set({
      uid: other.uid,
      displayName: '外县',
      email: null,
      phone: null,
      title: null,
      role: 'county_staff',
      scopeId: '620102',
      active: true,
      countyId: '620102',
      updatedAt: new Date(),
      updatedBy: 'cli',
    });
    expect(await callError(admin, 'resetUserPassword', { uid: other.uid, password: 'Temp2026pw' })).toMatchObject({
      code: 'permission-denied',
      message: expect.stringContaining('只能管理本县（区）范围内的用户'),
    });
  });
});

describe('exports are named by unit name', () => {
  it('the ledger of 岷阳镇 is 台账_岷阳镇_…', async () => {
    const f = await county.call<{ filename: string }>('exportLedger', {
      unitId: '621126100',
      from: '2026-11-01',
      to: '2026-11-30',
      format: 'csv',
    });
    expect(f.filename).toBe('台账_岷阳镇_2026-11-01_2026-11-30.csv');
    const r = await county.call<{ filename: string }>('exportMonthlyReport', { unitId: '621126100', month: '2026-11' });
    expect(r.filename).toBe('月报_岷阳镇_2026-11.xlsx');
  });
});
