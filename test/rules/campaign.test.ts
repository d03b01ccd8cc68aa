// Rules for 集中排查: campaigns (the county's territorial staff, leaders, grid workers and
// administrators read them) and their progress by village (the village, its town and county, and
// the village's grid workers) — allow and deny for every role; nobody writes either directly.
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { C, T, V, G, V2, ROLES } from '../helpers/rule-roles';

const CAMPAIGN = {
  id: 'c1',
  countyId: C,
  ownerUnit: T,
  ownerName: '城关镇',
  topic: '节前矛盾纠纷集中排查',
  from: '2026-09-20',
  to: '2026-09-30',
  units: [V],
  villages: [V],
  checklist: ['矛盾纠纷', '消防隐患'],
  grids: 1,
  state: 'running',
  summary: null,
  version: 1,
};
const PROGRESS = {
  campaignId: 'c1',
  countyId: C,
  townId: T,
  villageId: V,
  units: [V, T, C],
  from: '2026-09-20',
  to: '2026-09-30',
  grids: { [G]: { name: '一网格', patrols: 1, zeroReports: 1, items: 0, checked: {} } },
  itemsByKind: {},
};
let env: RulesTestEnvironment;

beforeAll(async () => {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: 'demo-fengqiao-campaign',
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host!, port: Number(port) },
  });
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, 'campaigns/c1'), CAMPAIGN);
    await setDoc(doc(db, `campaignProgress/c1_${V}`), PROGRESS);
  });
});
afterAll(async () => env?.cleanup());

const as = (claims: Record<string, string> | null, uid = 'x') =>
  (claims ? env.authenticatedContext(uid, claims) : env.unauthenticatedContext()).firestore();
const R = ROLES;
type Who = keyof typeof R;

describe('campaigns', () => {
  const readers: Who[] = [
    'grid',
    'otherGrid',
    'village',
    'otherVillage',
    'town',
    'townLeader',
    'otherTown',
    'county',
    'countyLeader',
    'admin',
  ];
  for (const k of readers)
    it(`${k} reads the county's campaign and lists them by county → allow`, async () => {
      await assertSucceeds(getDoc(doc(as(R[k]), 'campaigns/c1')));
      await assertSucceeds(getDocs(query(collection(as(R[k]), 'campaigns'), where('countyId', '==', C))));
    });
  for (const k of ['otherCounty', 'department', 'mediator', 'resident'] as Who[])
    it(`${k} reads or lists the campaign → deny`, async () => {
      await assertFails(getDoc(doc(as(R[k]), 'campaigns/c1')));
      await assertFails(getDocs(query(collection(as(R[k]), 'campaigns'), where('countyId', '==', C))));
    });
  it('anonymous, and a list without the county filter → deny', async () => {
    await assertFails(getDoc(doc(as(null), 'campaigns/c1')));
    await assertFails(getDocs(collection(as(R.county), 'campaigns')));
  });
  it('nobody writes campaigns directly: not its town, not the county, not administrators', async () => {
    for (const c of [R.town, R.county, R.admin]) {
      await assertFails(setDoc(doc(as(c), 'campaigns/c2'), { ...CAMPAIGN, id: 'c2' }));
      await assertFails(updateDoc(doc(as(c), 'campaigns/c1'), { state: 'closed' }));
      await assertFails(deleteDoc(doc(as(c), 'campaigns/c1')));
    }
  });
});

describe('campaignProgress', () => {
  const id = `campaignProgress/c1_${V}`;
  for (const k of ['village', 'town', 'townLeader', 'county', 'countyLeader', 'admin'] as Who[])
    it(`${k} reads the village's progress and lists it by campaign and unit → allow`, async () => {
      await assertSucceeds(getDoc(doc(as(R[k]), id)));
      await assertSucceeds(
        getDocs(query(collection(as(R[k]), 'campaignProgress'), where('campaignId', '==', 'c1'), where('units', 'array-contains', R[k].u))),
      );
    });
  it("the village's grid worker reads it and lists it by village → allow", async () => {
    await assertSucceeds(getDoc(doc(as(R.grid), id)));
    await assertSucceeds(
      getDocs(query(collection(as(R.grid), 'campaignProgress'), where('campaignId', '==', 'c1'), where('villageId', '==', V))),
    );
  });
  for (const k of ['otherGrid', 'otherVillage', 'otherTown', 'otherCounty', 'department', 'mediator', 'resident'] as Who[])
    it(`${k} reads the village's progress → deny`, async () => {
      await assertFails(getDoc(doc(as(R[k]), id)));
      await assertFails(getDocs(query(collection(as(R[k]), 'campaignProgress'), where('campaignId', '==', 'c1'))));
    });
  it('a list by campaign alone → deny, even for the county', () =>
    assertFails(getDocs(query(collection(as(R.county), 'campaignProgress'), where('campaignId', '==', 'c1')))));
  it('nobody writes progress directly', async () => {
    for (const c of [R.grid, R.village, R.county, R.admin]) {
      await assertFails(setDoc(doc(as(c), `campaignProgress/c1_${V2}`), { ...PROGRESS, villageId: V2 }));
      await assertFails(updateDoc(doc(as(c), id), { [`grids.${G}.patrols`]: 9 }));
      await assertFails(deleteDoc(doc(as(c), id)));
    }
  });
});
