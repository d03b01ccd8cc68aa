// Rules for 需求清单 and the 排查事项 list (issue 14): the queries the console runs — one kind of a
// unit's items (units array-contains, kind ==, createdAt range, newest first) and 涉稳信息 by
// county — allow and deny for every role; nobody writes a need's state directly (needAction).
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, doc, getDoc, getDocs, limit, orderBy, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { C, T, V, G, ROLES } from '../helpers/rule-roles';

const AT = new Date('2026-05-20T02:00:00Z');
const NEED = {
  state: 'in_progress',
  responsibleUid: 'vs',
  responsibleName: '王村干',
  responsibleUnitName: '城郊村',
  reason: null,
  result: null,
  closedAt: null,
  history: [],
};
const item = (id: string, kind: string) => ({
  id,
  kind,
  countyId: C,
  townId: T,
  villageId: V,
  gridId: G,
  units: [G, V, T, C],
  hazardDept: null,
  title: '事项',
  description: '情况',
  caseId: null,
  hazard: null,
  createdAt: AT,
  updatedAt: AT,
  version: 2,
  ...(kind === 'demand' ? { need: NEED } : {}),
});

let env: RulesTestEnvironment;
beforeAll(async () => {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: 'demo-fengqiao-needs',
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host!, port: Number(port) },
  });
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, 'patrolItems/demand'), item('demand', 'demand'));
    await setDoc(doc(db, 'patrolItems/security'), item('security', 'security'));
    await setDoc(doc(db, 'patrolItems/stability'), item('stability', 'stability'));
  });
});
afterAll(async () => env?.cleanup());

const as = (claims: Record<string, string> | null, uid = 'x') =>
  (claims ? env.authenticatedContext(uid, claims) : env.unauthenticatedContext()).firestore();
const { admin: _admin, ...R } = ROLES;
type Who = keyof typeof R;

const unitKind = (who: Who, unit: string, kind: string) =>
  getDocs(
    query(
      collection(as(R[who]), 'patrolItems'),
      where('units', 'array-contains', unit),
      where('kind', '==', kind),
      where('createdAt', '>=', new Date('2026-05-01T00:00:00Z')),
      where('createdAt', '<', new Date('2026-06-01T00:00:00Z')),
      orderBy('createdAt', 'desc'),
      limit(100),
    ),
  );
const needsList = (who: Who, unit: string) =>
  getDocs(
    query(
      collection(as(R[who]), 'patrolItems'),
      where('units', 'array-contains', unit),
      where('kind', '==', 'demand'),
      orderBy('createdAt', 'desc'),
      limit(100),
    ),
  );
const stabilityList = (who: Who, county: string) =>
  getDocs(
    query(
      collection(as(R[who]), 'patrolItems'),
      where('countyId', '==', county),
      where('kind', '==', 'stability'),
      where('createdAt', '>=', new Date('2026-05-01T00:00:00Z')),
      orderBy('createdAt', 'desc'),
      limit(100),
    ),
  );
const own = (who: Who) => (R[who] as { u: string }).u;

describe('需求清单: a village’s 群众诉求 with their state', () => {
  const readers: Who[] = ['grid', 'village', 'town', 'townLeader', 'county', 'countyLeader'];
  const nonReaders: Who[] = ['otherGrid', 'otherVillage', 'otherTown', 'otherCounty', 'department', 'mediator', 'resident'];
  for (const k of readers) {
    it(`${k} reads a need in scope and lists its unit's needs → allow`, async () => {
      await assertSucceeds(getDoc(doc(as(R[k]), 'patrolItems/demand')));
      await assertSucceeds(needsList(k, own(k)));
    });
  }
  for (const k of nonReaders) {
    it(`${k} reads the need, or lists the village's needs → deny`, async () => {
      await assertFails(getDoc(doc(as(R[k]), 'patrolItems/demand')));
      await assertFails(needsList(k, V));
    });
  }
  it('anonymous → deny', () => assertFails(getDoc(doc(as(null), 'patrolItems/demand'))));
  it('nobody sets a need’s state directly: not the village, not the town, not the county', async () => {
    for (const k of ['village', 'town', 'townLeader', 'county', 'grid'] as Who[]) {
      await assertFails(updateDoc(doc(as(R[k]), 'patrolItems/demand'), { 'need.state': 'met' }));
      await assertFails(updateDoc(doc(as(R[k]), 'patrolItems/demand'), { need: { ...NEED, state: 'unmet', reason: '无' } }));
      await assertFails(setDoc(doc(as(R[k]), 'patrolItems/new-demand'), item('new-demand', 'demand')));
    }
  });
});

describe('排查事项 list: one kind of a unit’s items in a date range', () => {
  it('village, town and county list their 治安问题 → allow', async () => {
    for (const k of ['village', 'town', 'townLeader', 'county', 'countyLeader'] as Who[])
      await assertSucceeds(unitKind(k, own(k), 'security'));
  });
  it('another village, another town, a department, a mediator, a resident list the village’s → deny', async () => {
    for (const k of ['otherVillage', 'otherTown', 'department', 'mediator', 'resident'] as Who[])
      await assertFails(unitKind(k, V, 'security'));
  });
  it('a list without the kind filter → deny (it could hold 涉稳信息)', () =>
    assertFails(
      getDocs(
        query(collection(as(R.village), 'patrolItems'), where('units', 'array-contains', V), orderBy('createdAt', 'desc'), limit(10)),
      ),
    ));
  it('涉稳信息 by county: county staff and county leaders → allow', async () => {
    await assertSucceeds(stabilityList('county', C));
    await assertSucceeds(stabilityList('countyLeader', C));
    await assertSucceeds(getDoc(doc(as(R.county), 'patrolItems/stability')));
  });
  it('涉稳信息: the grid, village, town, town leader, another county, a department → deny, by county or by unit', async () => {
    for (const k of ['grid', 'village', 'town', 'townLeader', 'department', 'mediator'] as Who[]) {
      await assertFails(stabilityList(k, C));
      await assertFails(unitKind(k, own(k), 'stability'));
      await assertFails(getDoc(doc(as(R[k]), 'patrolItems/stability')));
    }
    await assertFails(stabilityList('otherCounty', C));
  });
});
