// Rules for the maps above the county (issue 16): a province's cities (geoShapes/62_city) and a
// city's counties (geoShapes/6211_county), and a county's own drill-down, as city and province
// users read them — allow and deny. (The rules are unchanged: seesGeo's inMyArea.)
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { doc, getDoc, setDoc } from 'firebase/firestore';
import { shapeDoc } from '../helpers/geo-fixtures';
import { afterAll, beforeAll, describe, it } from 'vitest';

let env: RulesTestEnvironment;

beforeAll(async () => {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: 'demo-fengqiao-geo-areas',
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host!, port: Number(port) },
  });
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, 'geoShapes/62_city'), shapeDoc('62_city', 'city', '62', null, '6211'));
    await setDoc(doc(db, 'geoShapes/6211_county'), shapeDoc('6211_county', 'county', '6211', null, '621126'));
    await setDoc(doc(db, 'geoShapes/6201_county'), shapeDoc('6201_county', 'county', '6201', null, '620102'));
    await setDoc(doc(db, 'geoShapes/621126_town'), shapeDoc('621126_town', 'town', '621126', '621126', '621126100'));
    await setDoc(doc(db, 'geoShapes/65_city'), shapeDoc('65_city', 'city', '65', null, '6501'));
  });
});
afterAll(async () => env?.cleanup());

const as = (claims: Record<string, string>) => env.authenticatedContext('me', claims).firestore();
const read = (claims: Record<string, string>, id: string) => getDoc(doc(as(claims), `geoShapes/${id}`));
const cityLeader = { r: 'leader', u: '6211' };
const cityStaff = { r: 'city_staff', u: '6211' };
const provinceLeader = { r: 'leader', u: '62' };
const provinceStaff = { r: 'province_staff', u: '62' };
const otherCity = { r: 'city_staff', u: '6201' };
const countyStaff = { r: 'county_staff', u: '621126', c: '621126' };

describe('geoShapes above the county', () => {
  it("a province's users read its cities, its cities' counties and the counties' own shapes", async () => {
    for (const c of [provinceLeader, provinceStaff])
      for (const id of ['62_city', '6211_county', '6201_county', '621126_town']) await assertSucceeds(read(c, id));
  });
  it("a province's users do not read another province's cities", async () => {
    for (const c of [provinceLeader, provinceStaff]) await assertFails(read(c, '65_city'));
  });
  it("a city's users read its counties and their towns", async () => {
    for (const c of [cityLeader, cityStaff]) for (const id of ['6211_county', '621126_town']) await assertSucceeds(read(c, id));
  });
  it("a city's users do not read the province's cities nor another city's counties", async () => {
    for (const c of [cityLeader, cityStaff]) for (const id of ['62_city', '6201_county', '65_city']) await assertFails(read(c, id));
    for (const id of ['6211_county', '621126_town']) await assertFails(read(otherCity, id));
  });
  it("a county's staff read their city's counties but not the province's cities", async () => {
    await assertSucceeds(read(countyStaff, '6211_county'));
    await assertFails(read(countyStaff, '62_city'));
  });
  it('no city or province user writes them', async () => {
    for (const c of [cityLeader, provinceLeader, { r: 'admin', u: '6211' }, { r: 'admin', u: '62' }]) {
      await assertFails(setDoc(doc(as(c), 'geoShapes/6211_county'), shapeDoc('6211_county', 'county', '6211', null, '621126')));
      await assertFails(setDoc(doc(as(c), 'geoShapes/62_city'), shapeDoc('62_city', 'city', '62', null, '6211')));
    }
  });
});
