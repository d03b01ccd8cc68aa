// Rules for the legal chain (issue 13): the courts' filing input (courtFilings) and the court
// officer's view of its referrals (cases whose origin is the court, through accessDepartments).
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, orderBy, query, setDoc, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, it } from 'vitest';

let env: RulesTestEnvironment;
const COURT = '621126-court-minyang';
const FILING = `${COURT}_2026-03`;
const CASE = '621126-legalrules1';
const court = { r: 'department_officer', u: COURT, c: '621126', d: COURT };
const police = { r: 'department_officer', u: '621126-police-minyang', c: '621126', d: '621126-police-minyang' };
const countyStaff = { r: 'county_staff', u: '621126', c: '621126' };
const admin = { r: 'admin', u: '621126', c: '621126' };
const otherAdmin = { r: 'admin', u: '621127', c: '621127' };
const town = { r: 'town_staff', u: '621126100', c: '621126', t: '621126100' };
const resident = { r: 'resident', u: '621126', c: '621126' };

beforeAll(async () => {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: 'demo-fengqiao-legal',
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host!, port: Number(port) },
  });
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, `courtFilings/${FILING}`), {
      courtId: COURT,
      courtName: '岷阳人民法庭',
      countyId: '621126',
      month: '2026-03',
      incoming: 266,
      filed: 161,
      updatedAt: new Date(),
      updatedBy: 'u-admin',
      updatedByName: '管理员',
    });
    await setDoc(doc(db, `cases/${CASE}`), {
      id: CASE,
      countyId: '621126',
      origin: { kind: 'court', departmentId: COURT, ref: '(2026)甘1126民诉前调1号', referredOn: '2026-03-02', result: null },
      accessUnits: ['621126100', '621126100001', '621126100001001'],
      accessUids: [],
      accessDepartments: [COURT],
      updatedAt: new Date(),
    });
    await setDoc(doc(db, `cases/${CASE}/private/parties`), { caseId: CASE, countyId: '621126', parties: [] });
  });
});
afterAll(async () => env?.cleanup());

const as = (claims: Record<string, string> | null) =>
  (claims ? env.authenticatedContext('u1', claims) : env.unauthenticatedContext()).firestore();
const byCounty = (db: ReturnType<typeof as>) => getDocs(query(collection(db, 'courtFilings'), where('countyId', '==', '621126')));
const byCourt = (db: ReturnType<typeof as>) => getDocs(query(collection(db, 'courtFilings'), where('courtId', '==', COURT)));

describe('courtFilings', () => {
  it('the county’s staff and administrators read and list them', async () => {
    for (const c of [countyStaff, admin]) {
      await assertSucceeds(getDoc(doc(as(c), `courtFilings/${FILING}`)));
      await assertSucceeds(byCounty(as(c)));
    }
  });
  it('the court’s own officer reads its figures', async () => {
    await assertSucceeds(getDoc(doc(as(court), `courtFilings/${FILING}`)));
    await assertSucceeds(byCourt(as(court)));
  });
  it('another department, a town, another county, a resident or nobody do not', async () => {
    for (const c of [police, town, otherAdmin, resident, null]) {
      await assertFails(getDoc(doc(as(c), `courtFilings/${FILING}`)));
      await assertFails(byCounty(as(c)));
    }
    await assertFails(byCourt(as(police)));
  });
  it('nobody writes them (only saveCourtFiling)', async () => {
    for (const c of [admin, court, countyStaff]) {
      await assertFails(setDoc(doc(as(c), `courtFilings/${FILING}`), { incoming: 1 }, { merge: true }));
      await assertFails(deleteDoc(doc(as(c), `courtFilings/${FILING}`)));
      await assertFails(
        setDoc(doc(as(c), `courtFilings/${COURT}_2026-04`), { courtId: COURT, countyId: '621126', month: '2026-04', incoming: 1 }),
      );
    }
  });
});

describe('the court officer’s referrals', () => {
  it('the court lists the cases it referred, with their parties', async () => {
    const q = query(
      collection(as(court), 'cases'),
      where('accessDepartments', 'array-contains', COURT),
      where('origin.departmentId', '==', COURT),
      orderBy('updatedAt', 'desc'),
    );
    await assertSucceeds(getDocs(q));
    await assertSucceeds(getDoc(doc(as(court), `cases/${CASE}`)));
    await assertSucceeds(getDoc(doc(as(court), `cases/${CASE}/private/parties`)));
  });
  it('another department reads neither the case nor its parties, and cannot list the court’s referrals', async () => {
    await assertFails(getDoc(doc(as(police), `cases/${CASE}`)));
    await assertFails(getDoc(doc(as(police), `cases/${CASE}/private/parties`)));
    await assertFails(getDocs(query(collection(as(police), 'cases'), where('origin.departmentId', '==', COURT))));
  });
  it('the court does not change the case', async () => {
    await assertFails(setDoc(doc(as(court), `cases/${CASE}`), { origin: null }, { merge: true }));
  });
});
