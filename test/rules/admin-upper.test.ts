// The administration console of a city or province administrator (issue 16): it reads — never
// writes — the configuration its counties keep (the deadline policy, the mediation registry),
// read-only (firestore.rules upperAdminReads). Allow and deny rows: the upper administrators of
// the county's city and province read; a city's staff and leaders, a sibling city's
// administrator, another province's and a sibling county's administrator do not; nobody writes.
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, doc, getDoc, getDocs, query, setDoc, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, it } from 'vitest';

const MIN = '621126'; // 岷县 of 定西市 6211, 甘肃省 62
const WEI = '621123'; // 渭源县, a sibling county
const LZ = '620102'; // 城关区 of 兰州市 6201

const ACTORS: Record<string, { claims: Record<string, string>; reads: string[] }> = {
  'county admin 岷县': { claims: { r: 'admin', u: MIN, c: MIN }, reads: [MIN] },
  'county admin 渭源县': { claims: { r: 'admin', u: WEI, c: WEI }, reads: [WEI] },
  'city admin 定西市': { claims: { r: 'admin', u: '6211' }, reads: [MIN, WEI] },
  'province admin 甘肃省': { claims: { r: 'admin', u: '62' }, reads: [MIN, WEI, LZ] },
  'city admin 兰州市': { claims: { r: 'admin', u: '6201' }, reads: [LZ] },
  'province admin 青海省': { claims: { r: 'admin', u: '63' }, reads: [] },
  'city staff 定西市': { claims: { r: 'city_staff', u: '6211' }, reads: [] },
  'city leader 定西市': { claims: { r: 'leader', u: '6211' }, reads: [] },
  'province staff 甘肃省': { claims: { r: 'province_staff', u: '62' }, reads: [] },
  // A department's administrator-looking token with a department claim is not an upper user.
  'admin 6211 with a department claim': { claims: { r: 'admin', u: '6211', d: '621126-police' }, reads: [] },
};

let env: RulesTestEnvironment;
beforeAll(async () => {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: 'demo-fengqiao-admin-upper',
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host!, port: Number(port) },
  });
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    for (const c of [MIN, WEI, LZ]) {
      await setDoc(doc(db, `policies/${c}`), { countyId: c, recheckDays: [30] });
      await setDoc(doc(db, `mediationOrgs/${c}-med-cj`), { id: `${c}-med-cj`, countyId: c, name: '人民调解委员会', unitId: `${c}100001` });
      await setDoc(doc(db, `mediators/${c}-wang`), { id: `${c}-wang`, countyId: c, orgId: `${c}-med-cj`, name: '王调解', uid: null });
    }
  });
});
afterAll(async () => env?.cleanup());

const allow = (yes: boolean, p: Promise<unknown>) => (yes ? assertSucceeds(p) : assertFails(p));

describe.each(Object.entries(ACTORS))('%s', (name, { claims, reads }) => {
  const db = () => env.authenticatedContext(`uid-${name}`, claims).firestore();
  for (const c of [MIN, WEI, LZ]) {
    const yes = reads.includes(c);
    it(`policy of ${c} → ${yes ? 'allow' : 'deny'}`, () => allow(yes, getDoc(doc(db(), `policies/${c}`))));
    it(`mediation registry of ${c} (one entry each) → ${yes ? 'allow' : 'deny'}`, async () => {
      await allow(yes, getDoc(doc(db(), `mediationOrgs/${c}-med-cj`)));
      await allow(yes, getDoc(doc(db(), `mediators/${c}-wang`)));
    });
    it(`mediation registry of ${c} (the county's list) → ${yes ? 'allow' : 'deny'}`, async () => {
      await allow(yes, getDocs(query(collection(db(), 'mediationOrgs'), where('countyId', '==', c))));
      await allow(yes, getDocs(query(collection(db(), 'mediators'), where('countyId', '==', c))));
    });
  }
  it('write a policy or a registry entry → deny (the county administrator keeps them through callables)', async () => {
    await assertFails(setDoc(doc(db(), `policies/${MIN}`), { countyId: MIN, recheckDays: [] }));
    await assertFails(setDoc(doc(db(), `mediationOrgs/${MIN}-med-x`), { id: `${MIN}-med-x`, countyId: MIN, name: '新' }));
    await assertFails(setDoc(doc(db(), `mediators/${MIN}-li`), { id: `${MIN}-li`, countyId: MIN, name: '李' }));
  });
  it('list every policy → deny', () => assertFails(getDocs(collection(db(), 'policies'))));
});

describe('signed out', () => {
  it('reads no policy and no registry', async () => {
    const db = env.unauthenticatedContext().firestore();
    await assertFails(getDoc(doc(db, `policies/${MIN}`)));
    await assertFails(getDoc(doc(db, `mediationOrgs/${MIN}-med-cj`)));
  });
});
