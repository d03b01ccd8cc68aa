// Rules for the 排查考核 figures (patrolFigures/{unitId}_{date}__{shard}): read like the case
// statistics — by the staff, leaders and administrators of the unit and the units above it (a
// grid worker of its grid only: never a village's figures), by nobody of another town or
// county, never by departments, mediators or residents; written by no client.
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, it } from 'vitest';

let env: RulesTestEnvironment;
const VILLAGE_DOC = 'patrolFigures/621126100001_2026-05-04__0';
const TOWN_DOC = 'patrolFigures/621126100_2026-05-04__1';
const village = { r: 'village_staff', u: '621126100001', c: '621126', t: '621126100', v: '621126100001' };
const village2 = { r: 'village_staff', u: '621126100002', c: '621126', t: '621126100', v: '621126100002' };
const town = { r: 'town_staff', u: '621126100', c: '621126', t: '621126100' };
const town2 = { r: 'town_staff', u: '621126101', c: '621126', t: '621126101' };
const county = { r: 'county_staff', u: '621126', c: '621126' };
const leader = { r: 'leader', u: '621126100', c: '621126', t: '621126100' };
const admin = { r: 'admin', u: '621126', c: '621126' };
const grid = { r: 'grid_worker', u: '621126100001001', c: '621126', t: '621126100', v: '621126100001', g: '621126100001001' };
const dept = { r: 'department_officer', u: '621126-police', c: '621126', d: '621126-police' };
const mediator = { r: 'mediator', u: '621126100', c: '621126' };
const resident = { r: 'resident', u: '621126', c: '621126' };
const otherCounty = { r: 'county_staff', u: '621125', c: '621125' };

const meta = (unitId: string, level: string, shard: number) => ({
  unitId,
  level,
  countyId: '621126',
  date: '2026-05-04',
  month: '2026-05',
  shard,
  items: { hazard: 2 },
  hazardsDue: 1,
});

beforeAll(async () => {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: 'demo-fengqiao-patrol-figures',
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host!, port: Number(port) },
  });
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, VILLAGE_DOC), meta('621126100001', 'village', 0));
    await setDoc(doc(db, TOWN_DOC), meta('621126100', 'town', 1));
  });
});
afterAll(async () => env?.cleanup());

const as = (claims: Record<string, string> | null) =>
  (claims ? env.authenticatedContext('u1', claims) : env.unauthenticatedContext()).firestore();
const ofUnit = (db: ReturnType<typeof as>, u: string) =>
  query(collection(db, 'patrolFigures'), where('unitId', '==', u), where('date', '>=', '2026-05-01'), where('date', '<=', '2026-05-31'));

describe('patrolFigures', () => {
  it('the village, its town, county, leader and administrator read a village day, one by one and by month', async () => {
    for (const c of [village, town, county, leader, admin]) {
      await assertSucceeds(getDoc(doc(as(c), VILLAGE_DOC)));
      await assertSucceeds(getDocs(ofUnit(as(c), '621126100001')));
    }
    await assertSucceeds(getDocs(ofUnit(as(town), '621126100')));
  });

  it('another village, town or county, a grid worker, departments, mediators, residents and strangers do not', async () => {
    for (const c of [village2, town2, otherCounty, grid, dept, mediator, resident, null]) {
      await assertFails(getDoc(doc(as(c), VILLAGE_DOC)));
      await assertFails(getDocs(ofUnit(as(c), '621126100001')));
    }
    // A village does not read its town's figures.
    await assertFails(getDoc(doc(as(village), TOWN_DOC)));
    await assertFails(getDocs(ofUnit(as(village), '621126100')));
  });

  it('no client writes them, not even the county or an administrator', async () => {
    for (const c of [county, admin, town, village]) {
      await assertFails(setDoc(doc(as(c), VILLAGE_DOC), meta('621126100001', 'village', 0)));
      await assertFails(updateDoc(doc(as(c), VILLAGE_DOC), { hazardsDue: 99 }));
      await assertFails(deleteDoc(doc(as(c), VILLAGE_DOC)));
      await assertFails(setDoc(doc(as(c), 'patrolFigures/621126100001_2026-05-05__0'), meta('621126100001', 'village', 0)));
    }
  });
});
