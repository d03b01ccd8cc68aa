// Rules for 预警提示单: a notice is read by staff and leaders of the issuing unit and its county,
// by the recipient town's staff and leaders and the recipient department's officers (their unit
// or department is in `readers`), by nobody else, and written by no client; the monthly figures
// by unit like the statistics; the numbering counters are server-only for every role.
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, it } from 'vitest';

let env: RulesTestEnvironment;
const C = '621126',
  T = '621126100',
  D = '621126-police-minyang';
// Issued by the town to its police station: the town, the county and the station read it.
const NT = `${T}-treq0000001`;
const readers = [T, C, D];
const town = { r: 'town_staff', u: T, c: C, t: T };
const townLeader = { r: 'leader', u: T, c: C, t: T };
const town2 = { r: 'town_staff', u: '621126101', c: C, t: '621126101' };
const county = { r: 'county_staff', u: C, c: C };
const countyLeader = { r: 'leader', u: C, c: C };
const police = { r: 'department_officer', u: D, c: C, d: D, t: T };
const justice = { r: 'department_officer', u: '621126-justice-minyang', c: C, d: '621126-justice-minyang', t: T };
const village = { r: 'village_staff', u: '621126100001', c: C, t: T, v: '621126100001' };
const grid = { r: 'grid_worker', u: '621126100001001', c: C, t: T, v: '621126100001', g: '621126100001001' };
const mediator = { r: 'mediator', u: T, c: C, t: T };
const admin = { r: 'admin', u: C, c: C };
const resident = { r: 'resident', u: C, c: C };
const otherCounty = { r: 'county_staff', u: '621125', c: '621125' };

beforeAll(async () => {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: 'demo-fengqiao-notices',
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host!, port: Number(port) },
  });
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, `notices/${NT}`), { id: NT, readers, state: 'issued', number: '〔2026〕1号', issuedAt: new Date() });
    await setDoc(doc(db, `noticeFigures/${T}_2026-05`), { unitId: T, month: '2026-05', issued: 1 });
    await setDoc(doc(db, `noticeCounters/${T}_2026`), { unitId: T, year: 2026, last: 1 });
  });
});
afterAll(async () => env?.cleanup());

const as = (claims: Record<string, string> | null) =>
  (claims ? env.authenticatedContext('u1', claims) : env.unauthenticatedContext()).firestore();
const byReader = (db: ReturnType<typeof as>, u: string) => query(collection(db, 'notices'), where('readers', 'array-contains', u));

describe('notices', () => {
  it('the issuing town, its county (staff and leaders) and the recipient department read it, one by one and by their unit', async () => {
    for (const c of [town, townLeader, county, countyLeader, police]) {
      await assertSucceeds(getDoc(doc(as(c), `notices/${NT}`)));
      await assertSucceeds(getDocs(byReader(as(c), c.u)));
    }
  });
  it('nobody else: another town, another department, village, grid, mediator, administrator, resident, another county, signed out', async () => {
    for (const c of [town2, justice, village, grid, mediator, admin, resident, otherCounty, null]) {
      await assertFails(getDoc(doc(as(c), `notices/${NT}`)));
    }
    await assertFails(getDocs(byReader(as(town2), T))); // a query for another unit's notices
    await assertFails(getDocs(byReader(as(justice), D)));
  });
  it('no client writes a notice, not even its readers', async () => {
    for (const c of [town, county, police, admin]) {
      await assertFails(updateDoc(doc(as(c), `notices/${NT}`), { state: 'signed' }));
      await assertFails(setDoc(doc(as(c), 'notices/new'), { id: 'new', readers }));
      await assertFails(deleteDoc(doc(as(c), `notices/${NT}`)));
    }
  });
});

describe('notice figures', () => {
  it('read by staff of the unit and above, not by another town, a department or residents; never written', async () => {
    await assertSucceeds(getDoc(doc(as(town), `noticeFigures/${T}_2026-05`)));
    await assertSucceeds(getDoc(doc(as(county), `noticeFigures/${T}_2026-05`)));
    await assertSucceeds(getDocs(query(collection(as(county), 'noticeFigures'), where('unitId', '==', T))));
    await assertFails(getDoc(doc(as(town2), `noticeFigures/${T}_2026-05`)));
    await assertFails(getDoc(doc(as(police), `noticeFigures/${T}_2026-05`)));
    await assertFails(getDoc(doc(as(resident), `noticeFigures/${T}_2026-05`)));
    await assertFails(setDoc(doc(as(county), `noticeFigures/${T}_2026-05`), { unitId: T, issued: 0 }));
  });
});

describe('notice counters', () => {
  it('are server-only for every role', async () => {
    for (const c of [town, county, countyLeader, admin, police, null]) {
      await assertFails(getDoc(doc(as(c), `noticeCounters/${T}_2026`)));
      await assertFails(setDoc(doc(as(c), `noticeCounters/${T}_2026`), { unitId: T, year: 2026, last: 0 }));
    }
  });
});
