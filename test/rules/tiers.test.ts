// City and province tiers (issue 16): the rules scope upper-tier users by the prefix of their
// unit code, and a county never reaches a sibling county. Allow and deny rows for each
// collection the tiers touch; case reads are compared with domain/access.ts canReadCase.
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, doc, getDoc, getDocs, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseDoc, type Claims, canReadCase, caseAccess, seesUnit } from '../../functions/src/domain';

const MIN = '621126'; // 岷县
const WEI = '621123'; // 渭源县 (sibling county, same city)
const LZ = '620102'; // 兰州 城关区 (another city 6201)
const CITY = '6211'; // 定西市
const OTHER_CITY = '6201'; // 兰州市
const PROV = '62'; // 甘肃省

const county = (c: string) => ({ r: 'county_staff', u: c, c });
const countyAdmin = (c: string) => ({ r: 'admin', u: c, c });
const ACTORS: Record<string, Claims> = {
  'county admin 岷县': countyAdmin(MIN) as Claims,
  'county staff 岷县': county(MIN) as Claims,
  'town staff 岷县': { r: 'town_staff', u: `${MIN}100`, c: MIN, t: `${MIN}100` },
  'county staff 渭源县': county(WEI) as Claims,
  'city staff 定西市': { r: 'city_staff', u: CITY } as Claims,
  'city leader 定西市': { r: 'leader', u: CITY } as Claims,
  'city admin 定西市': { r: 'admin', u: CITY } as Claims,
  'city staff 兰州市': { r: 'city_staff', u: OTHER_CITY } as Claims,
  'city admin 兰州市': { r: 'admin', u: OTHER_CITY } as Claims,
  'province staff 甘肃省': { r: 'province_staff', u: PROV } as Claims,
  'province admin 甘肃省': { r: 'admin', u: PROV } as Claims,
  'province staff 青海省': { r: 'province_staff', u: '63' } as Claims,
};

const region = (id: string, level: string, parentId: string | null, countyId: string | null, townId: string | null = null) => ({
  id,
  level,
  name: `区划${id}`,
  parentId,
  countyId,
  townId,
});
const user = (uid: string, countyId: string, scopeId: string, role: string) => ({
  uid,
  displayName: `用户${uid}`,
  email: `${uid}@example.cn`,
  phone: null,
  title: null,
  role,
  scopeId,
  active: true,
  countyId,
  updatedAt: new Date(),
  updatedBy: 'cli',
});

function caseOf(id: string, countyId: string, tier: 'county' | 'city', supervisedByCity = false) {
  const base = {
    id,
    countyId,
    townId: `${countyId}100`,
    villageId: `${countyId}100001`,
    gridId: `${countyId}100001001`,
    tier,
    unitId: tier === 'city' ? countyId.slice(0, 4) : countyId,
    state: 'reported',
    departmentIds: [],
    mediatorUids: [],
    leaderUid: null,
    handlerUid: null,
    reporter: { uid: 'rep', role: 'county_staff' as const, unitId: countyId, name: null },
    petition: null,
    supervisions: [],
    supervisedByCity,
  };
  return { ...base, ...caseAccess(base as unknown as CaseDoc) };
}
const CASES = {
  'city-tier 岷县 case': caseOf('621126-c1', MIN, 'city'),
  'county-tier 岷县 case': caseOf('621126-c2', MIN, 'county'),
  '市级督办 岷县 case': caseOf('621126-c3', MIN, 'county', true),
  'city-tier 兰州 case': caseOf('620102-c4', LZ, 'city'),
  'county-tier 渭源 case': caseOf('621123-c5', WEI, 'county'),
};

let env: RulesTestEnvironment;
beforeAll(async () => {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: 'demo-fengqiao-tiers',
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host!, port: Number(port) },
  });
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    const regions = [
      region(PROV, 'province', null, null),
      region(CITY, 'city', PROV, null),
      region(OTHER_CITY, 'city', PROV, null),
      region(MIN, 'county', CITY, MIN),
      region(WEI, 'county', CITY, WEI),
      region(LZ, 'county', OTHER_CITY, LZ),
      region(`${MIN}100`, 'town', MIN, MIN, `${MIN}100`),
      region(`${WEI}100`, 'town', WEI, WEI, `${WEI}100`),
      region(`${LZ}100`, 'town', LZ, LZ, `${LZ}100`),
    ];
    for (const r of regions) await setDoc(doc(db, `regions/${r.id}`), r);
    await setDoc(doc(db, 'users/u-min'), user('u-min', MIN, `${MIN}100`, 'town_staff'));
    await setDoc(doc(db, 'users/u-wei'), user('u-wei', WEI, WEI, 'county_staff'));
    await setDoc(doc(db, 'users/u-lz'), user('u-lz', LZ, LZ, 'county_staff'));
    await setDoc(doc(db, 'users/u-city'), user('u-city', CITY, CITY, 'city_staff'));
    await setDoc(doc(db, 'users/u-prov'), user('u-prov', PROV, PROV, 'province_staff'));
    for (const u of [MIN, WEI, LZ, CITY, OTHER_CITY, PROV]) {
      await setDoc(doc(db, `counters/${u}__0`), { unitId: u, shard: 0, open: 1 });
      await setDoc(doc(db, `statsDays/${u}_2026-05-01`), { unitId: u, date: '2026-05-01' });
    }
    for (const [c, d] of [
      [MIN, `${MIN}-police`],
      [WEI, `${WEI}-police`],
      [LZ, `${LZ}-police`],
    ]) {
      await setDoc(doc(db, `departments/${d}`), { id: d, name: '派出所', kind: 'police', countyId: c, townId: null });
      await setDoc(doc(db, `staff/s-${c}`), { uid: `s-${c}`, displayName: '某', countyId: c, unitId: c, role: 'county_staff' });
    }
    for (const c of Object.values(CASES)) await setDoc(doc(db, `cases/${c.id}`), c);
  });
});
afterAll(async () => env?.cleanup());

const dbOf = (name: string, claims: Claims) =>
  env.authenticatedContext(`uid-${name}`, claims as unknown as Record<string, string>).firestore();
const allow = (yes: boolean, p: Promise<unknown>) => (yes ? assertSucceeds(p) : assertFails(p));

/** What each actor reaches, by the area each document belongs to. */
function reaches(claims: Claims, area: string): boolean {
  if (claims.c) return area.startsWith(claims.c) && area.length >= 6; // a county user: its county and below
  return area.startsWith(claims.u); // a city or province user: by prefix
}
const adminReaches = (claims: Claims, home: string) => claims.r === 'admin' && (claims.c ? home === claims.c : home.startsWith(claims.u));

describe.each(Object.entries(ACTORS))('%s', (name, claims) => {
  const db = () => dbOf(name, claims);

  for (const [label, c] of Object.entries(CASES)) {
    const yes = canReadCase(claims, `uid-${name}`, c);
    it(`get ${label} → ${yes ? 'allow' : 'deny'}`, () => allow(yes, getDoc(doc(db(), `cases/${c.id}`))));
  }
  if (claims.r === 'admin')
    it('list cases by its own unit → deny (administrators read no cases)', () =>
      assertFails(getDocs(query(collection(db(), 'cases'), where('accessUnits', 'array-contains', claims.u)))));
  else
    it('list cases by its own unit → allowed, exactly the cases the domain says', async () => {
      const got = await assertSucceeds(getDocs(query(collection(db(), 'cases'), where('accessUnits', 'array-contains', claims.u))));
      const want = Object.values(CASES)
        .filter((c) => c.accessUnits.includes(claims.u) && canReadCase(claims, `uid-${name}`, c))
        .map((c) => c.id);
      expect(got.docs.map((d) => d.id).sort()).toEqual(want.sort());
    });
  it('list cases by a unit not its own → deny', () =>
    assertFails(getDocs(query(collection(db(), 'cases'), where('accessUnits', 'array-contains', claims.u === CITY ? OTHER_CITY : CITY)))));

  for (const unit of [MIN, WEI, LZ, CITY, OTHER_CITY, PROV]) {
    const yes = seesUnit(claims, unit);
    it(`counters of ${unit} → ${yes ? 'allow' : 'deny'}`, () => allow(yes, getDoc(doc(db(), `counters/${unit}__0`))));
    it(`statistics of ${unit} → ${yes ? 'allow' : 'deny'}`, () => allow(yes, getDoc(doc(db(), `statsDays/${unit}_2026-05-01`))));
  }

  for (const id of [PROV, CITY, OTHER_CITY, MIN, WEI, LZ, `${MIN}100`, `${WEI}100`]) {
    const yes = reaches(claims, id);
    it(`region ${id} → ${yes ? 'allow' : 'deny'}`, () => allow(yes, getDoc(doc(db(), `regions/${id}`))));
  }
  for (const c of [MIN, WEI, LZ]) {
    const yes = reaches(claims, c);
    it(`list regions of county ${c} → ${yes ? 'allow' : 'deny'}`, () =>
      allow(yes, getDocs(query(collection(db(), 'regions'), where('countyId', '==', c)))));
    it(`departments of ${c} → ${yes ? 'allow' : 'deny'}`, () => allow(yes, getDoc(doc(db(), `departments/${c}-police`))));
    it(`staff directory of ${c} → ${yes ? 'allow' : 'deny'}`, () =>
      allow(yes, getDocs(query(collection(db(), 'staff'), where('countyId', '==', c)))));
  }
  if (!claims.c) {
    it('list the regions below its own (by parentId) → allow', () =>
      assertSucceeds(getDocs(query(collection(db(), 'regions'), where('parentId', '==', claims.u)))));
  }

  for (const [uid, home] of [
    ['u-min', MIN],
    ['u-wei', WEI],
    ['u-lz', LZ],
    ['u-city', CITY],
    ['u-prov', PROV],
  ] as const) {
    const yes = adminReaches(claims, home);
    it(`user ${uid} (of ${home}) → ${yes ? 'allow' : 'deny'}`, () => allow(yes, getDoc(doc(db(), `users/${uid}`))));
    it(`list users of ${home} → ${yes ? 'allow' : 'deny'}`, () =>
      allow(yes, getDocs(query(collection(db(), 'users'), where('countyId', '==', home)))));
  }

  it('write a region, a counter or a case → deny', async () => {
    await assertFails(setDoc(doc(db(), `regions/${CITY}`), region(CITY, 'city', PROV, null)));
    await assertFails(setDoc(doc(db(), `counters/${CITY}__0`), { unitId: CITY, shard: 0, open: 0 }));
    await assertFails(updateDoc(doc(db(), 'cases/621126-c1'), { accessUnits: [claims.u] }));
  });
});

describe('the headline rows (issue 16)', () => {
  it('a county administrator cannot reach a sibling county: users, regions, cases, counters, statistics', async () => {
    const db = dbOf('adm', countyAdmin(MIN) as Claims);
    await assertFails(getDoc(doc(db, 'users/u-wei')));
    await assertFails(getDocs(query(collection(db, 'users'), where('countyId', '==', WEI))));
    await assertFails(getDoc(doc(db, `regions/${WEI}`)));
    await assertFails(getDocs(query(collection(db, 'regions'), where('countyId', '==', WEI))));
    await assertFails(getDoc(doc(db, 'cases/621123-c5')));
    await assertFails(getDoc(doc(db, `counters/${WEI}__0`)));
    await assertFails(getDoc(doc(db, `statsDays/${WEI}_2026-05-01`)));
    // … nor its city above it
    await assertFails(getDoc(doc(db, 'users/u-city')));
    await assertFails(getDoc(doc(db, `counters/${CITY}__0`)));
    // while its own county is fine
    await assertSucceeds(getDoc(doc(db, 'users/u-min')));
    await assertSucceeds(getDoc(doc(db, `counters/${MIN}__0`)));
  });
  it("a city user sees its counties but not another city's", async () => {
    const db = dbOf('city', ACTORS['city staff 定西市']!);
    await assertSucceeds(getDoc(doc(db, `counters/${MIN}__0`)));
    await assertSucceeds(getDoc(doc(db, `counters/${WEI}__0`)));
    await assertSucceeds(getDoc(doc(db, `statsDays/${CITY}_2026-05-01`)));
    await assertSucceeds(getDoc(doc(db, 'cases/621126-c1')));
    await assertFails(getDoc(doc(db, `counters/${LZ}__0`)));
    await assertFails(getDoc(doc(db, `statsDays/${OTHER_CITY}_2026-05-01`)));
    await assertFails(getDoc(doc(db, 'cases/620102-c4')));
    await assertFails(getDoc(doc(db, `counters/${PROV}__0`)));
  });
  it('a province user sees the province and its cities, not another province', async () => {
    const db = dbOf('prov', ACTORS['province staff 甘肃省']!);
    await assertSucceeds(getDoc(doc(db, `counters/${PROV}__0`)));
    await assertSucceeds(getDoc(doc(db, `counters/${CITY}__0`)));
    await assertSucceeds(getDoc(doc(db, `counters/${LZ}__0`)));
    await assertFails(getDoc(doc(dbOf('qh', ACTORS['province staff 青海省']!), `counters/${PROV}__0`)));
  });
});
