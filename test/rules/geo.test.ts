// Rules for 一张图 boundaries (geoShapes/{parentCode}_{level}): allow and deny.
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { shapeDoc } from '../helpers/geo-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let env: RulesTestEnvironment;
const C = '621126';
const T = '621126100';
const V = '621126100001';
const OTHER = '620102';

beforeAll(async () => {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: 'demo-fengqiao-geo',
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host!, port: Number(port) },
  });
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, `geoShapes/${C}_town`), shapeDoc(`${C}_town`, 'town', C, C));
    await setDoc(doc(db, `geoShapes/${T}_village`), shapeDoc(`${T}_village`, 'village', T, C));
    await setDoc(doc(db, `geoShapes/${V}_grid`), shapeDoc(`${V}_grid`, 'grid', V, C));
    await setDoc(doc(db, 'geoShapes/6211_county'), shapeDoc('6211_county', 'county', '6211', null));
    await setDoc(doc(db, `geoShapes/${OTHER}_town`), shapeDoc(`${OTHER}_town`, 'town', OTHER, OTHER));
  });
});
afterAll(async () => env?.cleanup());

const as = (uid: string, claims: Record<string, string> | null) =>
  (claims ? env.authenticatedContext(uid, claims) : env.unauthenticatedContext()).firestore();
const grid = { r: 'grid_worker', u: '621126100001001', c: C, t: T, v: V, g: '621126100001001' };
const village = { r: 'village_staff', u: V, c: C, t: T, v: V };
const town = { r: 'town_staff', u: T, c: C, t: T };
const county = { r: 'county_staff', u: C, c: C };
const leader = { r: 'leader', u: C, c: C };
const dept = { r: 'department_officer', u: '621126-police-minyang', c: C, t: T, d: '621126-police-minyang' };
const mediator = { r: 'mediator', u: T, c: C, t: T };
const admin = { r: 'admin', u: C, c: C };
const resident = { r: 'resident', u: C, c: C };
const otherCounty = { r: 'county_staff', u: OTHER, c: OTHER };
const otherCity = { r: 'county_staff', u: '620521', c: '620521' };

describe('geoShapes (一张图 boundaries)', () => {
  it("the county's staff of every role read its towns, villages and grids, one document or a county-filtered list", async () => {
    for (const c of [grid, village, town, county, leader, dept, mediator, admin]) {
      for (const id of [`${C}_town`, `${T}_village`, `${V}_grid`]) await assertSucceeds(getDoc(doc(as('me', c), `geoShapes/${id}`)));
      const list = await assertSucceeds(getDocs(query(collection(as('me', c), 'geoShapes'), where('countyId', '==', C))));
      expect(list.docs.map((d) => d.id).sort()).toEqual([`${C}_town`, `${T}_village`, `${V}_grid`].sort());
    }
  });
  it("the city's county outlines: read by the staff of a county of that city, not of another city", async () => {
    await assertSucceeds(getDoc(doc(as('me', county), 'geoShapes/6211_county')));
    await assertSucceeds(getDoc(doc(as('me', grid), 'geoShapes/6211_county')));
    await assertFails(getDoc(doc(as('me', otherCity), 'geoShapes/6211_county')));
    await assertFails(getDoc(doc(as('me', resident), 'geoShapes/6211_county')));
  });
  it('residents, anonymous visitors, signed-in users without a role and other counties do not read them', async () => {
    await assertFails(getDoc(doc(as('me', resident), `geoShapes/${C}_town`)));
    await assertFails(getDocs(query(collection(as('me', resident), 'geoShapes'), where('countyId', '==', C))));
    await assertFails(getDoc(doc(as('me', null), `geoShapes/${C}_town`)));
    await assertFails(getDoc(doc(env.authenticatedContext('no-claims').firestore(), `geoShapes/${C}_town`)));
    await assertFails(getDoc(doc(as('me', otherCounty), `geoShapes/${C}_town`)));
    await assertFails(getDoc(doc(as('me', town), `geoShapes/${OTHER}_town`)));
    await assertSucceeds(getDoc(doc(as('me', otherCounty), `geoShapes/${OTHER}_town`)));
    // A list without the county filter cannot be proven readable.
    await assertFails(getDocs(collection(as('me', county), 'geoShapes')));
  });
  it('no client writes them — not administrators, not county staff', async () => {
    for (const c of [admin, county, leader, town]) {
      await assertFails(setDoc(doc(as('me', c), `geoShapes/${C}_town`), shapeDoc(`${C}_town`, 'town', C, C)));
      await assertFails(updateDoc(doc(as('me', c), `geoShapes/${T}_village`), { source: '改' }));
      await assertFails(setDoc(doc(as('me', c), `geoShapes/${T}_grid`), shapeDoc(`${T}_grid`, 'grid', T, C)));
      await assertFails(deleteDoc(doc(as('me', c), `geoShapes/${V}_grid`)));
    }
  });
});
