// Rules for 一案一码 (trackCase): the failed-attempt counters (trackAttempts/{uid}) are the
// server's alone — not even their own account reads or resets them; a linked walk-in's view
// (requests/{caseId}) is read by the resident it was linked to and by no other resident, and no
// client creates or claims one.
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { Timestamp, collection, deleteDoc, doc, getDoc, getDocs, query, setDoc, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, it } from 'vitest';

let env: RulesTestEnvironment;
const ID = '621126-trackrules01';
const resident = { r: 'resident', u: '621126', c: '621126' };
const village = { r: 'village_staff', u: '621126100001', c: '621126', t: '621126100', v: '621126100001' };
const admin = { r: 'admin', u: '621126', c: '621126' };

beforeAll(async () => {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: 'demo-fengqiao-track',
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host!, port: Number(port) },
  });
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, 'trackAttempts/petitioner'), { uid: 'petitioner', day: '2026-11-29', failures: 3, updatedAt: Timestamp.now() });
    await setDoc(doc(db, `requests/${ID}`), { caseId: ID, residentUid: 'petitioner', countyId: '621126', state: 'accepted' });
  });
});
afterAll(async () => env?.cleanup());

const as = (uid: string, claims: Record<string, string> | null) =>
  (claims ? env.authenticatedContext(uid, claims) : env.unauthenticatedContext()).firestore();

describe('trackAttempts', () => {
  it('nobody reads, lists, resets or deletes the counters — not the account itself, staff, admins or anyone signed out', async () => {
    for (const db of [as('petitioner', resident), as('v1', village), as('a1', admin), as('x', null)]) {
      await assertFails(getDoc(doc(db, 'trackAttempts/petitioner')));
      await assertFails(getDocs(query(collection(db, 'trackAttempts'), where('uid', '==', 'petitioner'))));
      await assertFails(setDoc(doc(db, 'trackAttempts/petitioner'), { uid: 'petitioner', day: '2026-11-29', failures: 0 }));
      await assertFails(deleteDoc(doc(db, 'trackAttempts/petitioner')));
    }
  });
});

describe('a linked walk-in’s view', () => {
  it('the resident it was linked to reads it, in their list too', async () => {
    await assertSucceeds(getDoc(doc(as('petitioner', resident), `requests/${ID}`)));
    await assertSucceeds(getDocs(query(collection(as('petitioner', resident), 'requests'), where('residentUid', '==', 'petitioner'))));
  });
  it('another resident and staff do not read it, and no client links a case by writing a view', async () => {
    await assertFails(getDoc(doc(as('other', resident), `requests/${ID}`)));
    await assertFails(getDoc(doc(as('v1', village), `requests/${ID}`)));
    await assertFails(
      setDoc(doc(as('other', resident), 'requests/621126-trackrules02'), { caseId: '621126-trackrules02', residentUid: 'other' }),
    );
    await assertFails(setDoc(doc(as('other', resident), `requests/${ID}`), { residentUid: 'other' }, { merge: true }));
  });
});
