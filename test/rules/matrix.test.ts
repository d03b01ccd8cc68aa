// The rules matrix: role × scope relation × operation × collection, with allow and deny cases.
// The expected answer for reads comes from the domain's access relation (functions/src/domain/
// access.ts), so rules and domain are checked against each other; writes are always denied.
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, limit, query, setDoc, updateDoc, where, type Firestore } from 'firebase/firestore';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type Claims, type Role, ROLES, canReadAlert, canReadCase, canReadParties, claimsForProfile } from '../../functions/src/domain';

const C = '621126', T = '621126100', V = '621126100001', G = '621126100001001';
const D1 = '621126-police-minyang', D2 = '621126-justice-puma';
const CASE = {
  id: 'case-m', countyId: C, townId: T, villageId: V, gridId: G, tier: 'village', unitId: V, state: 'accepted',
  departmentIds: [D1], mediatorUids: ['med-assigned'], leaderUid: 'leader-assigned', updatedAt: new Date('2026-05-01T00:00:00Z'),
  reporter: { uid: 'rep-1', role: 'grid_worker', unitId: G, name: null },
};
const PRIVATE = { caseId: 'case-m', countyId: C, parties: [{ role: 'applicant', name: '张三', phone: '13812345678', idNumber: null, address: null }], address: null, accessUnits: [G, V], accessUids: ['leader-assigned', 'med-assigned', 'rep-1'], accessDepartments: [D1] };

const ALERTS = {
  'to-village': { recipientUnit: V, recipientUid: null, recipientDept: null },
  'to-mediator': { recipientUnit: null, recipientUid: 'med-assigned', recipientDept: null },
  'to-police': { recipientUnit: null, recipientUid: null, recipientDept: D1 },
} as const;
const alertDoc = (id: string, to: (typeof ALERTS)[keyof typeof ALERTS]) => ({ id, countyId: C, caseId: 'case-m', kind: 'case_escalated', severity: 'warning', ...to, title: '【邻里】下级上报案件待受理', body: '案件 case-m', createdAt: new Date(), readBy: [] as string[] });

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
  { id: D1, relation: 'dispatched', dept: { id: D1, countyId: C, townId: T } },
  { id: D2, relation: 'not-dispatched', dept: { id: D2, countyId: C, townId: '621126101' } },
];

interface ActorCase { label: string; uid: string; claims: Claims }

function actors(): ActorCase[] {
  const out: ActorCase[] = [];
  for (const role of ROLES) {
    for (const s of SCOPES) {
      let claims: Claims | null = null;
      try {
        claims = claimsForProfile({ uid: 'x', displayName: 'x', email: null, phone: null, title: null, role, scopeId: s.id, active: true }, s.dept ?? null);
      } catch { continue; }
      if (!claims) continue;
      out.push({ label: `${role}@${s.relation}(${s.id})`, uid: `u-${role}-${s.id}`, claims });
      if (role === 'mediator' && s.id === T) out.push({ label: `${role}@assigned`, uid: 'med-assigned', claims });
      if (role === 'leader' && s.id === '621126101') out.push({ label: `${role}@in-charge(other town)`, uid: 'leader-assigned', claims });
    }
  }
  return out;
}

/** The queries the console runs for a role: its scope filter, and a leader's 包案 cases. */
function boardQueries(db: Firestore, a: ActorCase) {
  const col = collection(db, 'cases');
  const k = a.claims;
  const byRole: Partial<Record<Role, () => ReturnType<typeof query>>> = {
    county_staff: () => query(col, where('countyId', '==', k.c)),
    town_staff: () => query(col, where('townId', '==', k.t)),
    village_staff: () => query(col, where('villageId', '==', k.v)),
    grid_worker: () => query(col, where('gridId', '==', k.g)),
    leader: () => (k.t ? query(col, where('townId', '==', k.t)) : query(col, where('countyId', '==', k.c))),
    mediator: () => query(col, where('mediatorUids', 'array-contains', a.uid)),
    department_officer: () => query(col, where('departmentIds', 'array-contains', k.d)),
  };
  const scoped = byRole[k.r]?.();
  if (!scoped) return [];
  return k.r === 'leader' ? [scoped, query(col, where('leaderUid', '==', a.uid))] : [scoped];
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
    await setDoc(doc(db, 'regions/620102001'), { id: '620102001', level: 'town', name: '外县镇', parentId: '620102', countyId: '620102', townId: '620102001' });
    for (const [id, to] of Object.entries(ALERTS)) await setDoc(doc(db, `alerts/${id}`), alertDoc(id, to));
    await setDoc(doc(db, 'requests/case-m'), { caseId: 'case-m', residentUid: 'u-resident-621126', countyId: C, title: 't', state: 'reported' });
    await setDoc(doc(db, 'users/u-other'), { uid: 'u-other', countyId: C, role: 'village_staff', displayName: 'x' });
  });
});
afterAll(async () => env?.cleanup());

const expectAllowed = (allowed: boolean, p: Promise<unknown>) => (allowed ? assertSucceeds(p) : assertFails(p));

describe.each(actors())('$label', (a) => {
  const db = () => env.authenticatedContext(a.uid, a.claims as unknown as Record<string, string>).firestore();
  const readsCase = canReadCase(a.claims, a.uid, CASE);
  const readsParties = canReadParties(a.claims, a.uid, PRIVATE);

  it(`get case → ${readsCase ? 'allow' : 'deny'}`, () => expectAllowed(readsCase, getDoc(doc(db(), 'cases/case-m'))));
  it(`get history → ${readsCase ? 'allow' : 'deny'}`, () => expectAllowed(readsCase, getDoc(doc(db(), 'cases/case-m/events/000001'))));
  it(`list history → ${readsCase ? 'allow' : 'deny'}`, () => expectAllowed(readsCase, getDocs(collection(db(), 'cases/case-m/events'))));
  it(`get parties → ${readsParties ? 'allow' : 'deny'}`, () => expectAllowed(readsParties, getDoc(doc(db(), 'cases/case-m/private/parties'))));
  it('list parties → deny', () => assertFails(getDocs(collection(db(), 'cases/case-m/private'))));

  const hasBoard = !['admin', 'resident'].includes(a.claims.r);
  it(`list cases with own scope filter → ${hasBoard ? `allow, ${readsCase ? 'includes' : 'excludes'} the case` : 'deny'}`, async () => {
    const qs = boardQueries(db(), a);
    if (!qs.length) {
      await assertFails(getDocs(query(collection(db(), 'cases'), where('countyId', '==', a.claims.c))));
      return;
    }
    const ids: string[] = [];
    for (const q of qs) ids.push(...(await assertSucceeds(getDocs(q))).docs.map((d) => d.id));
    if (readsCase !== ids.includes('case-m')) throw new Error(`list returned ${JSON.stringify(ids)}, expected the case ${readsCase ? 'in' : 'out'}`);
  });
  it('list cases without a scope filter → deny', () => assertFails(getDocs(query(collection(db(), 'cases'), limit(10)))));

  it('create case → deny', () => assertFails(setDoc(doc(db(), 'cases/new-one'), { ...CASE, id: 'new-one' })));
  it('update case state/tier/deadline → deny', () => assertFails(updateDoc(doc(db(), 'cases/case-m'), { state: 'closed', tier: 'county', nextDeadlineAt: null })));
  it('delete case → deny', () => assertFails(deleteDoc(doc(db(), 'cases/case-m'))));
  it('append history → deny', () => assertFails(setDoc(doc(db(), 'cases/case-m/events/000002'), { seq: 2, action: 'close' })));
  it('rewrite history → deny', () => assertFails(updateDoc(doc(db(), 'cases/case-m/events/000001'), { action: 'accept' })));
  it('write parties → deny', () => assertFails(setDoc(doc(db(), 'cases/case-m/private/parties'), { ...PRIVATE, accessUnits: [a.claims.u] })));

  for (const [id, to] of Object.entries(ALERTS)) {
    const mine = canReadAlert(a.claims, a.uid, to);
    it(`get alert ${id} → ${mine ? 'allow' : 'deny'}`, () => expectAllowed(mine, getDoc(doc(db(), `alerts/${id}`))));
    it(`mark alert ${id} read → ${mine ? 'allow' : 'deny'}`, async () => {
      await env.withSecurityRulesDisabled((ctx) => setDoc(doc(ctx.firestore(), `alerts/${id}`), alertDoc(id, to)));
      await expectAllowed(mine, updateDoc(doc(db(), `alerts/${id}`), { readBy: [a.uid] }));
    });
    it(`rewrite alert ${id} → deny`, () => assertFails(updateDoc(doc(db(), `alerts/${id}`), { title: '改', readBy: [a.uid] })));
  }
  it('mark an alert read for someone else → deny', () => assertFails(updateDoc(doc(db(), 'alerts/to-village'), { readBy: ['someone-else'] })));
  it('create or delete an alert → deny', async () => {
    await assertFails(setDoc(doc(db(), 'alerts/forged'), alertDoc('forged', ALERTS['to-village'])));
    await assertFails(deleteDoc(doc(db(), 'alerts/to-village')));
  });
  const ownRequest = a.uid === 'u-resident-621126';
  it(`get resident request → ${ownRequest ? 'allow' : 'deny'}`, () => expectAllowed(ownRequest, getDoc(doc(db(), 'requests/case-m'))));
  it('write resident request → deny', () => assertFails(setDoc(doc(db(), 'requests/case-m'), { state: 'closed' }, { merge: true })));

  const sameCounty = a.claims.c === C;
  it(`get region in the case's county → ${sameCounty ? 'allow' : 'deny'}`, () => expectAllowed(sameCounty, getDoc(doc(db(), `regions/${V}`))));
  it('write region → deny', () => assertFails(setDoc(doc(db(), `regions/${V}`), { name: '改名' }, { merge: true })));
  const adminHere = a.claims.r === 'admin' && sameCounty;
  it(`get another user's profile → ${adminHere ? 'allow' : 'deny'}`, () => expectAllowed(adminHere, getDoc(doc(db(), 'users/u-other'))));
  it('get own profile → allow (if any)', () => assertSucceeds(getDoc(doc(db(), `users/${a.uid}`))));
  it('write own profile (raise own role) → deny', () => assertFails(setDoc(doc(db(), `users/${a.uid}`), { role: 'admin', scopeId: C })));
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
