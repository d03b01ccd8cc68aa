// Rules for the risk signals: a signal is read by town and county staff and leaders of a unit it
// belongs to (`units`), by nobody else, and written by no client; the monthly figures by unit like
// the statistics; the job's aggregates (town facts, person hashes, red cases, case links, cursor)
// are server-only for every role.
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, it } from 'vitest';

let env: RulesTestEnvironment;
const SIG = 'cluster-0123456789abcdef01234567';
const units = ['621126', '621126100', '621126100001'];
const town = { r: 'town_staff', u: '621126100', c: '621126', t: '621126100' };
const town2 = { r: 'town_staff', u: '621126101', c: '621126', t: '621126101' };
const county = { r: 'county_staff', u: '621126', c: '621126' };
const leader = { r: 'leader', u: '621126100', c: '621126', t: '621126100' };
const village = { r: 'village_staff', u: '621126100001', c: '621126', t: '621126100', v: '621126100001' };
const grid = { r: 'grid_worker', u: '621126100001001', c: '621126', t: '621126100', v: '621126100001', g: '621126100001001' };
const dept = { r: 'department_officer', u: '621126-police', c: '621126', d: '621126-police' };
const admin = { r: 'admin', u: '621126', c: '621126' };
const resident = { r: 'resident', u: '621126', c: '621126' };
const otherCounty = { r: 'county_staff', u: '621125', c: '621125' };
const HASH = 'b'.repeat(64);
const AGGREGATES = [`signalTowns/621126100`, `signalPersons/${HASH}`, 'signalRed/621126', 'signalCases/621126-x1', 'signalCursor/cases'];

beforeAll(async () => {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: 'demo-fengqiao-signals',
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host!, port: Number(port) },
  });
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, `signals/${SIG}`), { id: SIG, units, state: 'open', summary: '7天内同一村（社区）发生劳动争议纠纷3件' });
    await setDoc(doc(db, 'signalFigures/621126100_2026-05'), { unitId: '621126100', month: '2026-05', raised: 1 });
    for (const p of AGGREGATES) await setDoc(doc(db, p), { countyId: '621126', facts: [] });
  });
});
afterAll(async () => env?.cleanup());

const as = (claims: Record<string, string> | null) =>
  (claims ? env.authenticatedContext('u1', claims) : env.unauthenticatedContext()).firestore();
const byUnit = (db: ReturnType<typeof as>, u: string) => query(collection(db, 'signals'), where('units', 'array-contains', u));

describe('signals', () => {
  it('town and county staff and leaders of its units read it, one by one and by their unit', async () => {
    for (const c of [town, county, leader]) {
      await assertSucceeds(getDoc(doc(as(c), `signals/${SIG}`)));
      await assertSucceeds(getDocs(byUnit(as(c), c.u)));
    }
  });
  it('nobody else: another town, another county, village, grid, departments, administrators, residents, signed out', async () => {
    for (const c of [town2, otherCounty, village, grid, dept, admin, resident, null]) {
      await assertFails(getDoc(doc(as(c), `signals/${SIG}`)));
    }
    await assertFails(getDocs(byUnit(as(town2), '621126100'))); // a query for another unit's signals
  });
  it('no client writes a signal, not even its readers', async () => {
    for (const c of [town, county, leader, admin]) {
      await assertFails(updateDoc(doc(as(c), `signals/${SIG}`), { state: 'dismissed' }));
      await assertFails(setDoc(doc(as(c), 'signals/new'), { id: 'new', units }));
      await assertFails(deleteDoc(doc(as(c), `signals/${SIG}`)));
    }
  });
});

describe('signal figures', () => {
  it('read by staff of the unit and above, not by another town or residents; never written', async () => {
    await assertSucceeds(getDoc(doc(as(town), 'signalFigures/621126100_2026-05')));
    await assertSucceeds(getDoc(doc(as(county), 'signalFigures/621126100_2026-05')));
    await assertFails(getDoc(doc(as(town2), 'signalFigures/621126100_2026-05')));
    await assertFails(getDoc(doc(as(resident), 'signalFigures/621126100_2026-05')));
    await assertFails(setDoc(doc(as(county), 'signalFigures/621126100_2026-05'), { unitId: '621126100', raised: 0 }));
  });
});

describe('signal aggregates', () => {
  it('are server-only for every role', async () => {
    for (const c of [town, county, leader, admin, null]) {
      for (const p of AGGREGATES) {
        await assertFails(getDoc(doc(as(c), p)));
        await assertFails(setDoc(doc(as(c), p), { countyId: '621126' }));
      }
      await assertFails(getDocs(collection(as(c), 'signalPersons')));
    }
  });
});
