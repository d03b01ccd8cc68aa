// City and province tiers (issue 16) through the real callables: 上报市级 from the county, the
// city accepts and resolves (or returns), a sibling city and a sibling county cannot read it,
// 市级督办 of a county case, and administrators scoped to their county, city or province.
import { doc, getDoc } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAuth, adminDb, callError, closeAdmin, type Client, eventually, requestId, signInWith } from '../helpers/emulator';
import { seedSiblingCity } from '../helpers/upper-regions';
import { DEMO_ACCOUNTS } from '../../functions/src/seed/demo-county';
import { TIER_ACCOUNTS, seedCityOfThree } from '../../functions/src/seed/tiers-seed';

const GRID = '621126100001001';
const ALL = [...DEMO_ACCOUNTS, ...TIER_ACCOUNTS];
const login = (key: string) => {
  const a = ALL.find((x) => x.key === key)!;
  return signInWith(a.email, a.password);
};
const OTHER_CITY_EMAIL = 'lz-city@test.fengqiao.cn';

let county: Client, countyAdmin: Client, city: Client, cityLeader: Client, cityAdmin: Client, otherCity: Client, wyCounty: Client;
let province: Client;

const version = async (caseId: string) => (await adminDb().doc(`cases/${caseId}`).get()).get('version') as number;
const act = async (c: Client, caseId: string, command: Record<string, unknown>) =>
  c.call<{ version: number; state: string; tier: string }>('caseAction', { caseId, expectedVersion: await version(caseId), command });
const actError = async (c: Client, caseId: string, command: Record<string, unknown>) =>
  callError(c, 'caseAction', { caseId, expectedVersion: await version(caseId), command });
const report = (c: Client) =>
  c.call<{ caseId: string }>('reportCase', {
    requestId: requestId(),
    gridId: GRID,
    category: 'expropriation',
    title: '跨县征地补偿纠纷',
    description: '征地补偿标准涉及相邻两县，群众多次到县反映',
    parties: [{ role: 'applicant', name: '李四', phone: '13912345670', idNumber: null, address: null }],
  });
const reads = async (c: Client, caseId: string) =>
  getDoc(doc(c.db, 'cases', caseId)).then(
    () => true,
    () => false,
  );

beforeAll(async () => {
  const db = adminDb();
  const auth = adminAuth();
  await seedCityOfThree(db, auth);
  // Another city of the province (兰州市 6201), with a center user: the sibling city.
  await seedSiblingCity(db, auth, OTHER_CITY_EMAIL);
  [county, countyAdmin, city, cityLeader, cityAdmin, wyCounty, province] = await Promise.all(
    ['county', 'admin', 'city', 'city-leader', 'city-admin', 'wy-county', 'province'].map(login),
  );
  otherCity = await signInWith(OTHER_CITY_EMAIL, 'Fengqiao@2026');
});
afterAll(closeAdmin);

describe('upper-tier accounts', () => {
  it('carry { r, u } with no county, and see the unit name in the directory', async () => {
    const u = await adminAuth().getUser(city.uid);
    expect(u.customClaims).toEqual({ r: 'city_staff', u: '6211' });
    expect((await adminAuth().getUser(province.uid)).customClaims).toEqual({ r: 'province_staff', u: '62' });
    const staff = (await adminDb().doc(`staff/${city.uid}`).get()).data()!;
    expect(staff).toMatchObject({ unitName: '定西市', countyId: '6211', roleLabel: '市综治中心' });
  });
});

describe('上报市级 (county → city)', () => {
  it('the county escalates, the city accepts and resolves; a sibling city and county cannot read it', async () => {
    const { caseId } = await report(county);
    expect(await act(county, caseId, { action: 'accept' })).toMatchObject({ tier: 'county', state: 'accepted' });
    expect(await reads(city, caseId)).toBe(false);
    expect(await act(county, caseId, { action: 'escalate', reason: '涉及相邻县，需市级协调' })).toMatchObject({
      tier: 'city',
      state: 'reported',
    });
    const c = (await adminDb().doc(`cases/${caseId}`).get()).data()!;
    expect(c.unitId).toBe('6211');
    expect(c.accessUnits).toContain('6211');
    expect(await reads(city, caseId)).toBe(true);
    expect(await reads(county, caseId)).toBe(true); // the county follows its case
    expect(await reads(otherCity, caseId)).toBe(false);
    expect(await reads(wyCounty, caseId)).toBe(false);
    expect(await reads(province, caseId)).toBe(false);
    expect((await actError(otherCity, caseId, { action: 'accept' })).code).toBe('not-found');
    expect((await actError(county, caseId, { action: 'accept' })).code).toBe('permission-denied');
    expect(await act(city, caseId, { action: 'accept' })).toMatchObject({ tier: 'city', state: 'accepted' });
    expect(await act(city, caseId, { action: 'resolve', outcome: 'mediated_agreement', note: '市级协调两县统一补偿标准' })).toMatchObject({
      state: 'resolved',
    });
    const events = (await adminDb().collection(`cases/${caseId}/events`).orderBy('seq').get()).docs.map((d) => d.data());
    expect(events.map((e) => e.action)).toEqual(['report', 'accept', 'escalate', 'accept', 'resolve']);
    expect(events[2]!.to).toEqual({ state: 'reported', tier: 'city' });
    // The city tier runs its own limit (30 calendar days by default).
    expect(c.clocks.some((k: { kind: string; subject: string }) => k.kind === 'tier' && k.subject === 'city')).toBe(true);
  });

  it('the city sends a case back to the county; the city tier is the top', async () => {
    const { caseId } = await report(county);
    await act(county, caseId, { action: 'accept' });
    await act(county, caseId, { action: 'escalate', reason: '需市级协调' });
    expect(await act(city, caseId, { action: 'return', reason: '属县级职责范围，请县里办理' })).toMatchObject({ tier: 'county' });
    await act(county, caseId, { action: 'accept' });
    await act(county, caseId, { action: 'escalate', reason: '再次上报' });
    await act(city, caseId, { action: 'accept' });
    const err = await actError(city, caseId, { action: 'escalate', reason: '再上报' });
    expect(err.code).toBe('failed-precondition');
    expect(err.message).toMatch(/市级为最高层级/);
  });
});

describe('市级督办', () => {
  it('the city supervises a county case of its own city, then follows it; another city cannot', async () => {
    const { caseId } = await report(county);
    await act(county, caseId, { action: 'accept' });
    expect(await reads(cityLeader, caseId)).toBe(false);
    expect((await actError(otherCity, caseId, { action: 'supervise', reason: '督办' })).code).toBe('not-found');
    expect((await actError(province, caseId, { action: 'supervise', reason: '督办' })).code).toBe('not-found');
    await act(cityLeader, caseId, { action: 'supervise', reason: '群众多次反映，市级督办' });
    const c = (await adminDb().doc(`cases/${caseId}`).get()).data()!;
    expect(c).toMatchObject({ supervised: true, supervisedByCity: true, tier: 'county' });
    expect(await reads(city, caseId)).toBe(true);
    expect(await reads(otherCity, caseId)).toBe(false);
    expect((await actError(city, caseId, { action: 'supervise', reason: '再督办' })).message).toMatch(/市级已督办/);
    // The city supervises; the county still handles it.
    expect((await actError(city, caseId, { action: 'resolve', outcome: 'explained', note: 'x' })).code).toBe('permission-denied');
  });

  it('its alert to the county says 市级督办, with no personal data', async () => {
    const { caseId } = await report(county);
    await act(county, caseId, { action: 'accept' });
    await act(cityLeader, caseId, { action: 'supervise', reason: '群众多次反映，请县里限期办结' });
    const alerts = await eventually(async () => {
      const snap = await adminDb().collection('alerts').where('caseId', '==', caseId).get();
      const found = snap.docs.map((d) => d.data()).filter((a) => a.kind === 'case_supervised');
      return found.length ? found : null;
    });
    expect(alerts.map((a) => a.recipientUnit)).toContain('621126');
    for (const a of alerts) {
      expect(a.title).toContain('市级督办');
      expect(a.body).toContain('市级督办');
      for (const personal of ['李四', '13912345670', cityLeader.uid]) expect(JSON.stringify(a)).not.toContain(personal);
    }
  });
});

describe('administrators by area', () => {
  const newUser = (scopeId: string, role: string) => ({
    email: `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@test.fengqiao.cn`,
    password: 'Passw0rd!x',
    displayName: '新用户',
    role,
    scopeId,
  });
  it('a county administrator cannot create users in a sibling county or above', async () => {
    expect((await callError(countyAdmin, 'upsertUser', newUser('621123100', 'town_staff'))).code).toBe('permission-denied');
    expect((await callError(countyAdmin, 'upsertUser', newUser('6211', 'city_staff'))).code).toBe('permission-denied');
    expect((await callError(countyAdmin, 'upsertUser', newUser('62', 'province_staff'))).code).toBe('permission-denied');
  });
  it("a city administrator creates its city's users and its counties' users, not another city's", async () => {
    const made = await cityAdmin.call<{ uid: string }>('upsertUser', newUser('6211', 'city_staff'));
    expect((await adminAuth().getUser(made.uid)).customClaims).toEqual({ r: 'city_staff', u: '6211' });
    const wy = await cityAdmin.call<{ uid: string }>('upsertUser', newUser('621123100', 'town_staff'));
    expect((await adminAuth().getUser(wy.uid)).customClaims).toMatchObject({ r: 'town_staff', c: '621123' });
    expect((await callError(cityAdmin, 'upsertUser', newUser('6201', 'city_staff'))).code).toBe('permission-denied');
    expect((await callError(cityAdmin, 'upsertUser', newUser('62', 'leader'))).code).toBe('permission-denied');
    // Role and scope must fit: a city scope for a county role is refused.
    expect((await callError(cityAdmin, 'upsertUser', newUser('6211', 'county_staff'))).code).toBe('invalid-argument');
    // It reads its counties' profiles, not another city's.
    expect((await getDoc(doc(cityAdmin.db, 'users', wy.uid))).get('countyId')).toBe('621123');
    expect(
      await getDoc(doc(cityAdmin.db, 'users', otherCity.uid)).then(
        () => true,
        () => false,
      ),
    ).toBe(false);
  });
});
