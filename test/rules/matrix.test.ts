// The rules matrix: role × scope relation × operation × collection, with allow and deny cases.
// The expected answer for reads comes from the domain's access relation (functions/src/domain/
// access.ts), so rules and domain are checked against each other; writes are always denied.
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, limit, query, setDoc, updateDoc, where, type Firestore } from 'firebase/firestore';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  type CaseDoc,
  type Claims,
  ROLES,
  adminManages,
  canReadAlert,
  canReadCase,
  caseAccess,
  claimsForProfile,
  isUpperClaims,
} from '../../functions/src/domain';

const C = '621126',
  T = '621126100',
  V = '621126100001',
  G = '621126100001001';
const D1 = '621126-police-minyang',
  D2 = '621126-justice-puma';
const D3 = '621126-petition-office';
const CASE_BASE = {
  id: 'case-m',
  countyId: C,
  townId: T,
  villageId: V,
  gridId: G,
  tier: 'village' as const,
  unitId: V,
  state: 'accepted',
  departmentIds: [D1],
  mediatorUids: ['med-assigned'],
  leaderUid: 'leader-assigned',
  handlerUid: null,
  updatedAt: new Date('2026-05-01T00:00:00Z'),
  reporter: { uid: 'rep-1', role: 'grid_worker' as const, unitId: G, name: null },
  petition: null,
  // A 督办件 assigned to a department that was never dispatched: it must read the case it answers.
  supervisions: [
    {
      id: 's1',
      instruction: '请限期答复',
      leaderUid: 'leader-instructing',
      assigneeUnit: D3,
      dueDate: '2026-05-10',
      state: 'open',
      reply: null,
      petitionerReply: null,
      repliedAt: null,
      repliedBy: null,
      createdAt: new Date('2026-05-01T00:00:00Z'),
    },
  ],
};
const CASE = { ...CASE_BASE, ...caseAccess(CASE_BASE as unknown as CaseDoc) };
const PRIVATE = {
  caseId: 'case-m',
  countyId: C,
  parties: [{ role: 'applicant', name: '张三', phone: '13812345678', idNumber: null, address: null }],
  description: '',
  address: null,
};

const ALERTS = {
  'to-village': { recipientUnit: V, recipientUid: null, recipientDept: null },
  'to-mediator': { recipientUnit: null, recipientUid: 'med-assigned', recipientDept: null },
  'to-police': { recipientUnit: null, recipientUid: null, recipientDept: D1 },
} as const;
const alertDoc = (id: string, to: (typeof ALERTS)[keyof typeof ALERTS]) => ({
  id,
  countyId: C,
  caseId: 'case-m',
  kind: 'case_escalated',
  severity: 'warning',
  ...to,
  title: '【邻里】下级上报案件待受理',
  body: '案件 case-m',
  createdAt: new Date(),
  readBy: [] as string[],
});

/** Scopes, each with its relation to the case's handling unit (the village V). */
const SCOPES: { id: string; relation: string; dept?: { id: string; countyId: string; townId: string | null } }[] = [
  { id: G, relation: 'child' },
  { id: '621126100002001', relation: 'sibling' },
  { id: V, relation: 'same' },
  { id: '621126100002', relation: 'sibling' },
  { id: T, relation: 'parent' },
  { id: '621126101', relation: 'sibling' },
  { id: C, relation: 'parent' },
  { id: '620102', relation: 'other-county' },
  // Above the county (issue 16): the case's city and province, and another city.
  { id: '6211', relation: 'city' },
  { id: '62', relation: 'province' },
  { id: '6201', relation: 'other-city' },
  { id: D1, relation: 'dispatched', dept: { id: D1, countyId: C, townId: T } },
  { id: D2, relation: 'not-dispatched', dept: { id: D2, countyId: C, townId: '621126101' } },
  { id: D3, relation: 'supervision-assignee', dept: { id: D3, countyId: C, townId: null } },
];

interface ActorCase {
  label: string;
  uid: string;
  claims: Claims;
}

function actors(): ActorCase[] {
  const out: ActorCase[] = [];
  for (const role of ROLES) {
    for (const s of SCOPES) {
      let claims: Claims | null = null;
      try {
        claims = claimsForProfile(
          { uid: 'x', displayName: 'x', email: null, phone: null, title: null, role, scopeId: s.id, active: true },
          s.dept ?? null,
        );
      } catch {
        continue;
      }
      if (!claims) continue;
      out.push({ label: `${role}@${s.relation}(${s.id})`, uid: `u-${role}-${s.id}`, claims });
      if (role === 'mediator' && s.id === T) out.push({ label: `${role}@assigned`, uid: 'med-assigned', claims });
      if (role === 'leader' && s.id === '621126101') out.push({ label: `${role}@in-charge(other town)`, uid: 'leader-assigned', claims });
      if (role === 'leader' && s.id === C) out.push({ label: `${role}@instructing(county)`, uid: 'leader-instructing', claims });
      if (role === 'village_staff' && s.id === '621126100002') out.push({ label: `${role}@reporter(other village)`, uid: 'rep-1', claims });
    }
  }
  return out;
}

/** The queries the console runs for a role: its unit's or department's cases, and its own (包案, 调解, 承办). */
function boardQueries(db: Firestore, a: ActorCase) {
  const col = collection(db, 'cases');
  const k = a.claims;
  if (k.r === 'admin' || k.r === 'resident') return [];
  const own = query(col, where('accessUids', 'array-contains', a.uid));
  if (k.r === 'department_officer') return [query(col, where('accessDepartments', 'array-contains', k.d)), own];
  if (k.r === 'mediator') return [own];
  return [query(col, where('accessUnits', 'array-contains', k.u)), own];
}

let env: RulesTestEnvironment;
beforeAll(async () => {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: 'demo-fengqiao-rules',
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host!, port: Number(port) },
  });
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, 'cases/case-m'), CASE);
    await setDoc(doc(db, 'cases/case-m/private/parties'), PRIVATE);
    await setDoc(doc(db, 'cases/case-m/events/000001'), { seq: 1, action: 'report' });
    await setDoc(doc(db, `regions/${V}`), { id: V, level: 'village', name: '城郊村', parentId: T, countyId: C, townId: T });
    await setDoc(doc(db, 'regions/620102001'), {
      id: '620102001',
      level: 'town',
      name: '外县镇',
      parentId: '620102',
      countyId: '620102',
      townId: '620102001',
    });
    for (const [id, to] of Object.entries(ALERTS)) await setDoc(doc(db, `alerts/${id}`), alertDoc(id, to));
    await setDoc(doc(db, 'requests/case-m'), {
      caseId: 'case-m',
      residentUid: 'u-resident-621126',
      countyId: C,
      title: 't',
      state: 'reported',
    });
    await setDoc(doc(db, 'users/u-other'), { uid: 'u-other', countyId: C, role: 'village_staff', displayName: 'x' });
    await setDoc(doc(db, `geoShapes/${C}_town`), { id: `${C}_town`, level: 'town', parentId: C, countyId: C, shapes: {} });
    await setDoc(doc(db, 'geoShapes/620102_town'), {
      id: '620102_town',
      level: 'town',
      parentId: '620102',
      countyId: '620102',
      shapes: {},
    });
  });
});
afterAll(async () => env?.cleanup());

const expectAllowed = (allowed: boolean, p: Promise<unknown>) => (allowed ? assertSucceeds(p) : assertFails(p));

describe.each(actors())('$label', (a) => {
  const db = () => env.authenticatedContext(a.uid, a.claims as unknown as Record<string, string>).firestore() as unknown as Firestore;
  const readsCase = canReadCase(a.claims, a.uid, CASE);
  const readsParties = readsCase; // one model: the parties go with the case

  it(`get case → ${readsCase ? 'allow' : 'deny'}`, () => expectAllowed(readsCase, getDoc(doc(db(), 'cases/case-m'))));
  it(`get history → ${readsCase ? 'allow' : 'deny'}`, () => expectAllowed(readsCase, getDoc(doc(db(), 'cases/case-m/events/000001'))));
  it(`list history → ${readsCase ? 'allow' : 'deny'}`, () => expectAllowed(readsCase, getDocs(collection(db(), 'cases/case-m/events'))));
  it(`get parties → ${readsParties ? 'allow' : 'deny'}`, () =>
    expectAllowed(readsParties, getDoc(doc(db(), 'cases/case-m/private/parties'))));
  it('list parties → deny', () => assertFails(getDocs(collection(db(), 'cases/case-m/private'))));

  const hasBoard = !['admin', 'resident'].includes(a.claims.r);
  it(`list cases with own scope filter → ${hasBoard ? `allow, ${readsCase ? 'includes' : 'excludes'} the case` : 'deny'}`, async () => {
    const qs = boardQueries(db(), a);
    if (!qs.length) {
      await assertFails(getDocs(query(collection(db(), 'cases'), where('countyId', '==', a.claims.c ?? a.claims.u))));
      return;
    }
    const ids: string[] = [];
    for (const q of qs) ids.push(...(await assertSucceeds(getDocs(q))).docs.map((d) => d.id));
    if (readsCase !== ids.includes('case-m'))
      throw new Error(`list returned ${JSON.stringify(ids)}, expected the case ${readsCase ? 'in' : 'out'}`);
  });
  it('list cases without a scope filter → deny', () => assertFails(getDocs(query(collection(db(), 'cases'), limit(10)))));

  it('create case → deny', () => assertFails(setDoc(doc(db(), 'cases/new-one'), { ...CASE, id: 'new-one' })));
  it('update case state/tier/deadline → deny', () =>
    assertFails(updateDoc(doc(db(), 'cases/case-m'), { state: 'closed', tier: 'county', nextDeadlineAt: null })));
  it('delete case → deny', () => assertFails(deleteDoc(doc(db(), 'cases/case-m'))));
  it('append history → deny', () => assertFails(setDoc(doc(db(), 'cases/case-m/events/000002'), { seq: 2, action: 'close' })));
  it('rewrite history → deny', () => assertFails(updateDoc(doc(db(), 'cases/case-m/events/000001'), { action: 'accept' })));
  it('write parties → deny', () =>
    assertFails(setDoc(doc(db(), 'cases/case-m/private/parties'), { ...PRIVATE, accessUnits: [a.claims.u] })));
  it('add oneself to the access lists → deny', () =>
    assertFails(updateDoc(doc(db(), 'cases/case-m'), { accessUnits: [a.claims.u], accessUids: [a.uid] })));

  for (const [id, to] of Object.entries(ALERTS)) {
    const mine = canReadAlert(a.claims, a.uid, to);
    it(`get alert ${id} → ${mine ? 'allow' : 'deny'}`, () => expectAllowed(mine, getDoc(doc(db(), `alerts/${id}`))));
    it(`mark alert ${id} read → ${mine ? 'allow' : 'deny'}`, async () => {
      await env.withSecurityRulesDisabled((ctx) => setDoc(doc(ctx.firestore(), `alerts/${id}`), alertDoc(id, to)));
      await expectAllowed(mine, updateDoc(doc(db(), `alerts/${id}`), { readBy: [a.uid] }));
    });
    it(`rewrite alert ${id} → deny`, () => assertFails(updateDoc(doc(db(), `alerts/${id}`), { title: '改', readBy: [a.uid] })));
  }
  it('mark an alert read for someone else → deny', () =>
    assertFails(updateDoc(doc(db(), 'alerts/to-village'), { readBy: ['someone-else'] })));
  it('create or delete an alert → deny', async () => {
    await assertFails(setDoc(doc(db(), 'alerts/forged'), alertDoc('forged', ALERTS['to-village'])));
    await assertFails(deleteDoc(doc(db(), 'alerts/to-village')));
  });
  const ownRequest = a.uid === 'u-resident-621126';
  it(`get resident request → ${ownRequest ? 'allow' : 'deny'}`, () => expectAllowed(ownRequest, getDoc(doc(db(), 'requests/case-m'))));
  it('write resident request → deny', () => assertFails(setDoc(doc(db(), 'requests/case-m'), { state: 'closed' }, { merge: true })));

  const sameCounty = a.claims.c === C || (isUpperClaims(a.claims) && C.startsWith(a.claims.u));
  it(`get region in the case's county → ${sameCounty ? 'allow' : 'deny'}`, () =>
    expectAllowed(sameCounty, getDoc(doc(db(), `regions/${V}`))));
  it('write region → deny', () => assertFails(setDoc(doc(db(), `regions/${V}`), { name: '改名' }, { merge: true })));
  const adminHere = adminManages(a.claims, C);
  it(`get another user's profile → ${adminHere ? 'allow' : 'deny'}`, () => expectAllowed(adminHere, getDoc(doc(db(), 'users/u-other'))));
  it('get own profile → allow (if any)', () => assertSucceeds(getDoc(doc(db(), `users/${a.uid}`))));
  it('write own profile (raise own role) → deny', () => assertFails(setDoc(doc(db(), `users/${a.uid}`), { role: 'admin', scopeId: C })));
  // 一张图 boundaries: the county's staff of every role but residents; never another county's; nobody writes.
  const seesMap = sameCounty && a.claims.r !== 'resident';
  it(`get the county's town boundaries → ${seesMap ? 'allow' : 'deny'}`, () =>
    expectAllowed(seesMap, getDoc(doc(db(), `geoShapes/${C}_town`))));
  // …and a city's or province's staff those of their own area (620102 is in 6201 and 62).
  const seesOther = a.claims.r !== 'resident' && (a.claims.c === '620102' || (isUpperClaims(a.claims) && '620102'.startsWith(a.claims.u)));
  it(`get another county's boundaries → ${seesOther ? 'allow' : 'deny'}`, () =>
    expectAllowed(seesOther, getDoc(doc(db(), 'geoShapes/620102_town'))));
  it('write boundaries → deny', () => assertFails(setDoc(doc(db(), `geoShapes/${C}_town`), { shapes: {} }, { merge: true })));
});

describe('without a role', () => {
  it('an anonymous visitor reads nothing', async () => {
    const db = env.unauthenticatedContext().firestore();
    await assertFails(getDoc(doc(db, 'cases/case-m')));
    await assertFails(getDoc(doc(db, `regions/${V}`)));
  });
  it('a signed-in user without claims reads nothing', async () => {
    const db = env.authenticatedContext('no-claims').firestore();
    await assertFails(getDoc(doc(db, 'cases/case-m')));
    await assertFails(getDocs(query(collection(db, 'cases'), where('villageId', '==', V))));
    await assertFails(getDoc(doc(db, `regions/${V}`)));
  });
  it('a token with forged extra keys gains nothing beyond its role', async () => {
    const db = env.authenticatedContext('forger', { r: 'resident', u: C, c: C, v: V, t: T }).firestore();
    await assertFails(getDoc(doc(db, 'cases/case-m')));
  });
});
