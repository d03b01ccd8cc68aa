// Rules for 研判 and meetings: a meeting is read by town and county staff and leaders of the
// holding unit and the units above (`units`), by nobody else; its tasks by the territorial staff of
// `units` (issuer, the unit above, an owning unit) and the owning department's officers. No client
// writes either.
import { readFileSync } from 'node:fs';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, getDoc, getDocs, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, it } from 'vitest';

let env: RulesTestEnvironment;
const MEETING = '621126-meetingAAAA';
const TASK_UNIT = `${MEETING}-01`;
const TASK_DEPT = `${MEETING}-02`;
const town = { r: 'town_staff', u: '621126100', c: '621126', t: '621126100' };
const town2 = { r: 'town_staff', u: '621126101', c: '621126', t: '621126101' };
const county = { r: 'county_staff', u: '621126', c: '621126' };
const leader = { r: 'leader', u: '621126100', c: '621126', t: '621126100' };
const village = { r: 'village_staff', u: '621126100001', c: '621126', t: '621126100', v: '621126100001' };
const village2 = { r: 'village_staff', u: '621126100002', c: '621126', t: '621126100', v: '621126100002' };
const grid = { r: 'grid_worker', u: '621126100001001', c: '621126', t: '621126100', v: '621126100001', g: '621126100001001' };
const police = { r: 'department_officer', u: '621126-police-minyang', c: '621126', d: '621126-police-minyang' };
const justice = { r: 'department_officer', u: '621126-justice-minyang', c: '621126', d: '621126-justice-minyang' };
const mediator = { r: 'mediator', u: '621126100', c: '621126', t: '621126100' };
const admin = { r: 'admin', u: '621126', c: '621126' };
const resident = { r: 'resident', u: '621126', c: '621126' };
const otherCounty = { r: 'county_staff', u: '621125', c: '621125' };

beforeAll(async () => {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: 'demo-fengqiao-meetings',
    firestore: { rules: readFileSync('firestore.rules', 'utf8'), host: host!, port: Number(port) },
  });
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, `meetings/${MEETING}`), { id: MEETING, units: ['621126100', '621126'], state: 'draft', title: '专题研判' });
    await setDoc(doc(db, `meetingTasks/${TASK_UNIT}`), {
      id: TASK_UNIT,
      units: ['621126100', '621126', '621126100001'],
      ownerDept: null,
      state: 'open',
    });
    await setDoc(doc(db, `meetingTasks/${TASK_DEPT}`), {
      id: TASK_DEPT,
      units: ['621126100', '621126'],
      ownerDept: '621126-police-minyang',
      state: 'open',
    });
  });
});
afterAll(async () => env?.cleanup());

const as = (claims: Record<string, string> | null) =>
  (claims ? env.authenticatedContext('u1', claims) : env.unauthenticatedContext()).firestore();

describe('meetings', () => {
  it('town staff and leaders of the holding town and county staff read it, one by one and by unit', async () => {
    for (const c of [town, leader, county]) {
      await assertSucceeds(getDoc(doc(as(c), `meetings/${MEETING}`)));
      await assertSucceeds(getDocs(query(collection(as(c), 'meetings'), where('units', 'array-contains', c.u))));
    }
  });
  it('nobody else: another town, another county, village, grid, departments, mediators, administrators, residents, signed out', async () => {
    for (const c of [town2, otherCounty, village, grid, police, mediator, admin, resident, null])
      await assertFails(getDoc(doc(as(c), `meetings/${MEETING}`)));
    await assertFails(getDocs(query(collection(as(town2), 'meetings'), where('units', 'array-contains', '621126100'))));
  });
  it('no client writes a meeting, not even its unit', async () => {
    for (const c of [town, county, leader, admin]) {
      const db = as(c);
      await assertFails(updateDoc(doc(db, `meetings/${MEETING}`), { state: 'closed' }));
      await assertFails(setDoc(doc(db, 'meetings/621126-new'), { id: 'x', units: [c.u] }));
      await assertFails(deleteDoc(doc(db, `meetings/${MEETING}`)));
    }
  });
});

describe('meeting tasks', () => {
  it('the issuer, the unit above and an owning village read a unit task; the owning department reads its own', async () => {
    for (const c of [town, leader, county, village]) await assertSucceeds(getDoc(doc(as(c), `meetingTasks/${TASK_UNIT}`)));
    await assertSucceeds(getDocs(query(collection(as(village), 'meetingTasks'), where('units', 'array-contains', village.u))));
    await assertSucceeds(getDoc(doc(as(police), `meetingTasks/${TASK_DEPT}`)));
    await assertSucceeds(getDocs(query(collection(as(police), 'meetingTasks'), where('ownerDept', '==', police.d))));
  });
  it('nobody else: another village or town, another department, grid, mediators, administrators, residents, signed out', async () => {
    for (const c of [village2, town2, otherCounty, police, grid, mediator, admin, resident, null])
      await assertFails(getDoc(doc(as(c), `meetingTasks/${TASK_UNIT}`)));
    for (const c of [justice, village, town2, grid, admin, resident, null])
      await assertFails(getDoc(doc(as(c), `meetingTasks/${TASK_DEPT}`)));
    await assertFails(getDocs(query(collection(as(justice), 'meetingTasks'), where('ownerDept', '==', police.d))));
  });
  it('no client writes a task, not even its owner (replies go through replyMeetingTask)', async () => {
    for (const c of [town, village, police, county]) {
      const db = as(c);
      await assertFails(updateDoc(doc(db, `meetingTasks/${TASK_UNIT}`), { state: 'replied' }));
      await assertFails(updateDoc(doc(db, `meetingTasks/${TASK_DEPT}`), { state: 'replied' }));
      await assertFails(setDoc(doc(db, 'meetingTasks/x-01'), { units: [c.u], ownerDept: null }));
    }
  });
});
