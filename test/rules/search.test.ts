// Rules for the search data: the parties' keyed hashes (caseSearch) are server-only — denied to
// every role, also to one who reads the case and its parties; the case's title tokens are read
// with the case.
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, query, setDoc, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, it } from 'vitest';

let env: RulesTestEnvironment;
const ID = '621126-searchrules1';
const village = { r: 'village_staff', u: '621126100001', c: '621126', t: '621126100', v: '621126100001' };
const town2 = { r: 'town_staff', u: '621126101', c: '621126', t: '621126101' };
const admin = { r: 'admin', u: '621126', c: '621126' };
const resident = { r: 'resident', u: '621126', c: '621126' };
const HASH = 'a'.repeat(64);

beforeAll(async () => {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: 'demo-fengqiao-search',
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host!, port: Number(port) },
  });
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, `cases/${ID}`), {
      id: ID,
      countyId: '621126',
      accessUnits: ['621126100001', '621126100001001'],
      accessUids: [],
      accessDepartments: [],
      searchTokens: ['排水'],
    });
    await setDoc(doc(db, `cases/${ID}/private/parties`), { caseId: ID, countyId: '621126', parties: [] });
    await setDoc(doc(db, `caseSearch/${ID}`), { caseId: ID, countyId: '621126', keys: [HASH], keyId: 'k1' });
  });
});
afterAll(async () => env?.cleanup());

const as = (claims: Record<string, string> | null) =>
  (claims ? env.authenticatedContext('u1', claims) : env.unauthenticatedContext()).firestore();

describe('caseSearch', () => {
  it('a handler reads the case (with its title tokens) and its parties', async () => {
    await assertSucceeds(getDoc(doc(as(village), `cases/${ID}`)));
    await assertSucceeds(getDoc(doc(as(village), `cases/${ID}/private/parties`)));
    await assertSucceeds(getDocs(query(collection(as(village), 'cases'), where('accessUnits', 'array-contains', village.u))));
  });
  it('but nobody reads, queries or writes the keyed hashes — not the handler, other staff, admins, residents or anyone signed out', async () => {
    for (const c of [village, town2, admin, resident, null]) {
      const db = as(c);
      await assertFails(getDoc(doc(db, `caseSearch/${ID}`)));
      await assertFails(getDocs(query(collection(db, 'caseSearch'), where('countyId', '==', '621126'))));
      await assertFails(getDocs(query(collection(db, 'caseSearch'), where('keys', 'array-contains', HASH))));
      await assertFails(setDoc(doc(db, `caseSearch/${ID}`), { caseId: ID, countyId: '621126', keys: [], keyId: 'x' }));
      await assertFails(deleteDoc(doc(db, `caseSearch/${ID}`)));
    }
  });
  it("another town's staff do not read the case", async () => {
    await assertFails(getDoc(doc(as(town2), `cases/${ID}`)));
  });
});
