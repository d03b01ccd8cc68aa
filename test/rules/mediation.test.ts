// Rules for the mediation chain: the registry (mediationOrgs, mediators), a case's sessions
// (cases/{id}/sessions) and its mediation (mediations/{caseId}): allow and deny for each.
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseDoc, caseAccess } from '../../functions/src/domain';

let env: RulesTestEnvironment;
const C = '621126';
const T = '621126100';
const V = '621126100001';
const G = '621126100001001';
const CASE_BASE = {
  id: '621126-medcase1',
  countyId: C,
  townId: T,
  villageId: V,
  gridId: G,
  tier: 'village' as const,
  unitId: V,
  state: 'resolved',
  departmentIds: [] as string[],
  mediatorUids: ['med-assigned'],
  leaderUid: null,
  handlerUid: 'handler-1',
  reporter: { uid: 'rep-1', role: 'grid_worker' as const, unitId: G, name: null },
  petition: null,
  supervisions: [],
};
const CASE = { ...CASE_BASE, ...caseAccess(CASE_BASE as unknown as CaseDoc) };
const org = (id: string, countyId: string) => ({
  id,
  countyId,
  name: '城郊村人民调解委员会',
  kind: 'village_committee',
  unitId: `${countyId}100001`,
});
const mediator = (id: string, countyId: string) => ({
  id,
  countyId,
  orgId: `${countyId}-med-cj`,
  name: '王调解',
  title: '金牌调解员',
  uid: null,
});

beforeAll(async () => {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: 'demo-fengqiao-mediation',
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host!, port: Number(port) },
  });
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, `cases/${CASE.id}`), CASE);
    await setDoc(doc(db, `cases/${CASE.id}/sessions/s-202610101430`), { id: 's-202610101430', caseId: CASE.id, summary: '双方到场' });
    await setDoc(doc(db, `mediations/${CASE.id}`), { caseId: CASE.id, countyId: C, agreement: { parties: [{ name: '张三' }] } });
    await setDoc(doc(db, 'mediationOrgs/621126-med-cj'), org('621126-med-cj', C));
    await setDoc(doc(db, 'mediationOrgs/620102-med-x'), org('620102-med-x', '620102'));
    await setDoc(doc(db, 'mediators/621126-wang'), mediator('621126-wang', C));
    await setDoc(doc(db, 'mediators/620102-li'), mediator('620102-li', '620102'));
  });
});
afterAll(async () => env?.cleanup());

const as = (uid: string, claims: Record<string, string> | null) =>
  (claims ? env.authenticatedContext(uid, claims) : env.unauthenticatedContext()).firestore();
const village = { r: 'village_staff', u: V, c: C, t: T, v: V };
const town = { r: 'town_staff', u: T, c: C, t: T };
const siblingVillage = { r: 'village_staff', u: '621126100002', c: C, t: T, v: '621126100002' };
const assignedMediator = { r: 'mediator', u: T, c: C, t: T };
const otherMediator = { r: 'mediator', u: T, c: C, t: T };
const dept = { r: 'department_officer', u: '621126-police-minyang', c: C, t: T, d: '621126-police-minyang' };
const admin = { r: 'admin', u: C, c: C };
const resident = { r: 'resident', u: C, c: C };
const otherCounty = { r: 'county_staff', u: '620102', c: '620102' };

describe('mediation registry (mediationOrgs, mediators)', () => {
  it("the county's staff, departments, mediators and administrators read it (one entry, or the county's list)", async () => {
    for (const c of [village, town, dept, assignedMediator, admin]) {
      for (const col of ['mediationOrgs', 'mediators']) {
        const list = await assertSucceeds(getDocs(query(collection(as('me', c), col), where('countyId', '==', C))));
        expect(list.size).toBe(1);
      }
      await assertSucceeds(getDoc(doc(as('me', c), 'mediationOrgs/621126-med-cj')));
      await assertSucceeds(getDoc(doc(as('me', c), 'mediators/621126-wang')));
    }
  });
  it('residents, anonymous visitors and other counties do not; an unfiltered list is refused', async () => {
    for (const c of [resident, null, otherCounty]) {
      await assertFails(getDoc(doc(as('me', c), 'mediationOrgs/621126-med-cj')));
      await assertFails(getDoc(doc(as('me', c), 'mediators/621126-wang')));
    }
    await assertFails(getDoc(doc(as('me', town), 'mediators/620102-li')));
    await assertFails(getDoc(doc(as('me', town), 'mediationOrgs/620102-med-x')));
    await assertFails(getDocs(collection(as('me', town), 'mediators')));
  });
  it('nobody writes it from a client, administrators included (callables do)', async () => {
    await assertFails(setDoc(doc(as('A', admin), 'mediationOrgs/621126-med-new'), org('621126-med-new', C)));
    await assertFails(updateDoc(doc(as('A', admin), 'mediationOrgs/621126-med-cj'), { name: '改名' }));
    await assertFails(setDoc(doc(as('A', admin), 'mediators/621126-new'), mediator('621126-new', C)));
    await assertFails(updateDoc(doc(as('A', admin), 'mediators/621126-wang'), { figures: { open: 0 } }));
    await assertFails(deleteDoc(doc(as('A', admin), 'mediators/621126-wang')));
  });
});

describe("a case's sessions and mediation", () => {
  it('those who read the case read them: the handling village, the handler, the assigned mediator', async () => {
    for (const [uid, c] of [
      ['x', village],
      ['handler-1', village],
      ['med-assigned', assignedMediator],
    ] as const) {
      await assertSucceeds(getDoc(doc(as(uid, c), `cases/${CASE.id}/sessions/s-202610101430`)));
      await assertSucceeds(getDocs(collection(as(uid, c), `cases/${CASE.id}/sessions`)));
      await assertSucceeds(getDoc(doc(as(uid, c), `mediations/${CASE.id}`)));
    }
  });
  it('nobody else: the town above a village-tier case, a sibling village, another mediator, an undispatched department, administrators, residents', async () => {
    for (const [uid, c] of [
      ['x', town],
      ['x', siblingVillage],
      ['med-other', otherMediator],
      ['x', dept],
      ['x', admin],
      ['rep-1', resident],
      ['x', otherCounty],
      ['x', null],
    ] as const) {
      await assertFails(getDoc(doc(as(uid, c), `cases/${CASE.id}/sessions/s-202610101430`)));
      await assertFails(getDocs(collection(as(uid, c), `cases/${CASE.id}/sessions`)));
      await assertFails(getDoc(doc(as(uid, c), `mediations/${CASE.id}`)));
    }
  });
  it('mediations are read one by one (no list), and nobody writes sessions or mediations from a client', async () => {
    await assertFails(getDocs(query(collection(as('x', village), 'mediations'), where('countyId', '==', C))));
    await assertFails(setDoc(doc(as('handler-1', village), `cases/${CASE.id}/sessions/s-1`), { summary: 'x' }));
    await assertFails(updateDoc(doc(as('handler-1', village), `cases/${CASE.id}/sessions/s-202610101430`), { summary: 'x' }));
    await assertFails(updateDoc(doc(as('handler-1', village), `mediations/${CASE.id}`), { judicial: null }));
    await assertFails(setDoc(doc(as('med-assigned', assignedMediator), `mediations/${CASE.id}`), { caseId: CASE.id }));
  });
});
