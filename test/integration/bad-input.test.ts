// Issue 10 "Bad input is a clear error, never internal, and writes nothing": the exact inputs
// that were reported, each answered with its 4xx code and a Chinese message, nothing written;
// deactivation; the intake's 403; a burst of identical reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryOnContention } from '../../functions/src/lib/errors';
import { reportCaseTx } from '../../functions/src/lib/case-service';
import { caseIdFor } from '../../functions/src/lib/ids';
import { sign } from '../../functions/src/lib/hmac';
import { ReportCaseInput } from '../../functions/src/domain';
import { localIntakeKeys } from '../../scripts/lib/local-secrets.mjs';
import {
  type Client,
  FUNCTIONS_ORIGIN,
  PROJECT_ID,
  REGION,
  adminAuth,
  adminDb,
  callError,
  closeAdmin,
  requestId,
  signInAs,
  signInWith,
} from '../helpers/emulator';
import { idTokenOf, quietSnapshot, rawCall, snapshotDiff, snapshotDocs } from '../helpers/fuzz';

const HAN = /\p{Script=Han}/u;
let village: Client, admin: Client, town: Client, countyLeader: Client;
let caseId = '';
let townCase = '';
const report = (over: Record<string, unknown> = {}) => ({
  requestId: requestId(),
  gridId: '621126100001001',
  category: 'neighbour',
  title: '坏输入测试',
  description: '用于坏输入测试的案件',
  parties: [{ role: 'applicant', name: '测试丙', phone: null, idNumber: null, address: null }],
  ...over,
});

beforeAll(async () => {
  [village, admin, town, countyLeader] = await Promise.all([
    signInAs('village'),
    signInAs('admin'),
    signInAs('town'),
    signInAs('county-leader'),
  ]);
  caseId = (await village.call<{ caseId: string }>('reportCase', report())).caseId;
  // A town-tier case, accepted, where dispatch and assignments are allowed.
  townCase = (await town.call<{ caseId: string }>('reportCase', report({ flags: { crossVillage: true } }))).caseId;
  await town.call('caseAction', { caseId: townCase, expectedVersion: 1, command: { action: 'accept' } });
});
afterAll(closeAdmin);

/** Expects the call to be refused with `code`, a Chinese message, no IDs for non-admins, nothing written. */
async function refused(c: Client, name: string, data: unknown, code: string) {
  const before = await snapshotDocs();
  const users = (await adminAuth().listUsers(1000)).users.length;
  const err = await callError(c, name, data);
  expect(err.code, `${name} ${JSON.stringify(data).slice(0, 120)}: ${err.message}`).toBe(code);
  expect(err.message).toMatch(HAN);
  expect(snapshotDiff(before, await snapshotDocs())).toEqual([]);
  expect((await adminAuth().listUsers(1000)).users.length).toBe(users);
  return err;
}

/** Waits until a document exists and has not changed for 1.5 s (a trigger's writes are done). */
async function settled(path: string): Promise<void> {
  const end = Date.now() + 30_000;
  let last = '';
  while (Date.now() < end) {
    const snap = await adminDb().doc(path).get();
    const now = snap.exists ? snap.updateTime!.toMillis().toString() : '';
    if (now && now === last) return;
    last = now;
    await new Promise((r) => setTimeout(r, 1500));
  }
  throw new Error(`${path} did not settle`);
}

describe('IDs used as document paths are refused by the schema', () => {
  for (const bad of ['a/b', '621126-police-minyang/x', '..', '.', '__x__', '__proto__', '', 'x'.repeat(129)]) {
    it(`dispatch, assignments, duplicates, users, linkages, roster changes: ${JSON.stringify(bad.slice(0, 20))}`, async () => {
      const act = (command: Record<string, unknown>) =>
        refused(town, 'caseAction', { caseId: townCase, expectedVersion: 2, command }, 'invalid-argument');
      await act({ action: 'dispatch', departmentIds: [bad], emergency: false });
      await act({ action: 'assign_handler', handlerUid: bad });
      await act({ action: 'assign_mediator', mediatorUid: bad });
      await act({ action: 'assign_leader', leaderUid: bad, leaderName: null, team: [], plan: '方案', dueDate: '2026-12-20' });
      await act({ action: 'mark_duplicate', duplicateOf: bad });
      await act({
        action: 'instruct',
        instruction: '批示',
        assignments: [{ unitId: bad.length >= 6 ? bad : `${bad}/xxxxxx`, dueDate: '2026-12-20' }],
      });
      await refused(
        admin,
        'upsertUser',
        { uid: bad, email: 'x@test.fengqiao.cn', displayName: 'x', role: 'village_staff', scopeId: '621126100001' },
        'invalid-argument',
      );
      await refused(
        admin,
        'saveLinkage',
        { leaderUid: bad, leaderName: 'x', countyId: '621126', townId: null, villageIds: [] },
        'invalid-argument',
      );
      await refused(admin, 'decideRosterChange', { unitId: '621126100', changeId: bad, approve: true }, 'invalid-argument');
    });
  }
  it('real IDs still pass: a department ID, a seeded uid, an Auth uid', async () => {
    // Refused for what they are (not in the county / not a leader), never for their shape.
    const e1 = await callError(town, 'caseAction', {
      caseId: townCase,
      expectedVersion: 2,
      command: { action: 'assign_handler', handlerUid: 'demo-town-l2' },
    });
    expect(e1.code).toBe('invalid-argument');
    expect(e1.message).toContain('承办人');
    const r = await town.call<{ version: number }>('caseAction', {
      caseId: townCase,
      expectedVersion: 2,
      command: { action: 'assign_handler', handlerUid: town.uid },
    });
    expect(r.version).toBe(3);
    await quietSnapshot(); // the transition's alerts (a trigger) are written before the next checks
  });
  it('an unknown uid for upsertUser is not-found', async () => {
    await refused(
      admin,
      'upsertUser',
      { uid: 'no-such-uid-anywhere', email: 'nobody@test.fengqiao.cn', displayName: 'x', role: 'village_staff', scopeId: '621126100001' },
      'not-found',
    );
  });
});

describe('dates are real calendar dates in the supported range', () => {
  it('refuses 2026-13-45 and 2026-02-30 everywhere a date is given', async () => {
    for (const d of ['2026-13-45', '2026-02-30', '2025-02-29', '1999-12-31', '2101-01-01']) {
      await refused(village, 'exportLedger', { unitId: '621126100001', from: d, to: '2026-12-31' }, 'invalid-argument');
      await refused(
        town,
        'caseAction',
        {
          caseId: townCase,
          expectedVersion: 3,
          command: { action: 'assign_leader', leaderUid: countyLeader.uid, leaderName: null, team: [], plan: '方案', dueDate: d },
        },
        'invalid-argument',
      );
      await refused(
        countyLeader,
        'requestRosterChange',
        { unitId: '621126', kind: 'leave', dates: [d], reason: '请假' },
        'invalid-argument',
      );
      await refused(admin, 'publishRoster', { unitId: '621126100', from: d, to: '2026-12-31' }, 'invalid-argument');
    }
    await refused(village, 'exportMonthlyReport', { unitId: '621126100001', month: '2026-13' }, 'invalid-argument');
  });
  it('publishRoster for a year with no working-day calendar is failed-precondition naming the year', async () => {
    const err = await refused(admin, 'publishRoster', { unitId: '621126100', from: '2027-01-01', to: '2027-01-31' }, 'failed-precondition');
    expect(err.message).toContain('2027');
    expect(err.message).toMatch(/工作日历|节假日/);
  });
});

describe('plain errors, Auth errors and lone surrogates', () => {
  it('saveRoster for a unit outside the county is invalid-argument (was a plain Error → internal)', async () => {
    const L = { uid: 'demo-x', name: '某', title: '镇长', neverWeekdays: [] };
    await refused(
      admin,
      'saveRoster',
      { unitId: '621127100', countyId: '621126', unitName: '外县', weekday: [L], duty: [L] },
      'invalid-argument',
    );
  });
  it('a 1 MB email is invalid-argument, and no Auth account is left', async () => {
    await refused(
      admin,
      'upsertUser',
      {
        email: `${'x'.repeat(1_000_000)}@test.fengqiao.cn`,
        password: 'Passw0rd!x',
        displayName: 'x',
        role: 'village_staff',
        scopeId: '621126100001',
      },
      'invalid-argument',
    );
  });
  it('an email that belongs to another account is already-exists', async () => {
    const e = `dup-${Date.now()}@test.fengqiao.cn`;
    const { uid } = await admin.call<{ uid: string }>('upsertUser', {
      email: e,
      password: 'Passw0rd!x',
      displayName: '重复邮箱',
      role: 'village_staff',
      scopeId: '621126100001',
    });
    // The profile trigger (syncUserClaims) may still write userMeta after the call has answered:
    // let it finish, so the snapshot below sees only what the refused call does.
    await settled(`userMeta/${uid}`);
    await refused(
      admin,
      'upsertUser',
      { uid, email: 'village@demo.fengqiao.cn', displayName: '重复邮箱', role: 'village_staff', scopeId: '621126100001' },
      'already-exists',
    );
  });
  it('two kinds of rejected creation leave no Auth account behind', async () => {
    const e1 = `surrogate-${Date.now()}@test.fengqiao.cn`;
    await refused(
      admin,
      'upsertUser',
      { email: e1, password: 'Passw0rd!x', displayName: '王\ud800', role: 'village_staff', scopeId: '621126100001' },
      'invalid-argument',
    );
    const e2 = `mismatch-${Date.now()}@test.fengqiao.cn`;
    // A leader's scope is a town or the county, never a village.
    await refused(
      admin,
      'upsertUser',
      { email: e2, password: 'Passw0rd!x', displayName: '错配', role: 'leader', scopeId: '621126100001' },
      'invalid-argument',
    );
    for (const e of [e1, e2]) await expect(adminAuth().getUserByEmail(e)).rejects.toMatchObject({ code: 'auth/user-not-found' });
  });
  it('lone surrogates in any text field are invalid-argument', async () => {
    await refused(village, 'reportCase', report({ title: '标题\ud800' }), 'invalid-argument');
    await refused(village, 'reportCase', report({ description: '描述内容\udc00足够长' }), 'invalid-argument');
    await refused(
      village,
      'reportCase',
      report({ parties: [{ role: 'applicant', name: '\ud83d', phone: null, idNumber: null, address: null }] }),
      'invalid-argument',
    );
    await refused(
      town,
      'caseAction',
      { caseId: townCase, expectedVersion: 3, command: { action: 'record_mediation', summary: '调解\ud800', agreementReached: false } },
      'invalid-argument',
    );
  });
});

describe('details.en names no user IDs to non-administrators', () => {
  it('a refused transition tells the caller no uid; an administrator sees it', async () => {
    const err = await callError(village, 'caseAction', {
      caseId: townCase,
      expectedVersion: 3,
      command: { action: 'suspend', reason: '测试' },
    });
    expect(err.code).toBe('permission-denied');
    const en = JSON.stringify(err.details);
    expect(en).not.toContain(village.uid);
    const hit = await callError(admin, 'upsertUser', {
      uid: admin.uid,
      email: 'admin@demo.fengqiao.cn',
      displayName: '王建国',
      role: 'county_staff',
      scopeId: '621126',
    });
    expect(hit.code).toBe('permission-denied');
    expect(JSON.stringify(hit.details)).toContain(admin.uid);
  });
});

describe('deactivation', () => {
  it('revokes refresh tokens, and every callable refuses the inactive profile at once', async () => {
    const email = `leaver-${Date.now()}@test.fengqiao.cn`;
    const { uid } = await admin.call<{ uid: string }>('upsertUser', {
      email,
      password: 'Passw0rd!x',
      displayName: '离岗人员',
      role: 'village_staff',
      scopeId: '621126100001',
    });
    // Claims follow from the profile (syncClaims runs in upsertUser).
    const leaver = await signInWith(email, 'Passw0rd!x');
    await leaver.call('exportMonthlyReport', { unitId: '621126100001', month: '2026-03' });
    await admin.call('upsertUser', { uid, email, displayName: '离岗人员', role: 'village_staff', scopeId: '621126100001', active: false });
    const user = await adminAuth().getUser(uid);
    expect(user.disabled).toBe(true);
    expect(Date.parse(user.tokensValidAfterTime!)).toBeGreaterThan(Date.now() - 60_000);
    // The ID token the client already holds is still within its hour: the callable refuses anyway.
    const err = await callError(leaver, 'exportMonthlyReport', { unitId: '621126100001', month: '2026-03' });
    expect(err.code).toBe('permission-denied');
    expect(err.message).toContain('停用');
    const err2 = await callError(leaver, 'reportCase', report());
    expect(err2.code).toBe('permission-denied');
    // A payload with a `__proto__` key is refused, not accepted without it.
    // (Sent over the wire protocol: the web SDK itself would drop the key while encoding.)
    const proto = await rawCall(
      'saveLinkage',
      await idTokenOf(admin),
      JSON.parse(
        '{"leaderUid":"proto-x","leaderName":"x","countyId":"621126","townId":null,"villageIds":[],"__proto__":"0001-01-01T00:00:00Z"}',
      ),
    );
    expect(proto.status).toBe('INVALID_ARGUMENT');
    expect((await adminDb().doc('linkages/proto-x').get()).exists).toBe(false);
  });
});

const KEYS: Record<string, string> = localIntakeKeys();
async function intake(source: string, body: unknown) {
  const raw = JSON.stringify(body);
  const ts = String(Math.floor(Date.now() / 1000));
  const key = Object.hasOwn(KEYS, source) ? KEYS[source]! : 'x';
  const res = await fetch(`${FUNCTIONS_ORIGIN}/${PROJECT_ID}/${REGION}/intake`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'X-Fengqiao-Source': source,
      'X-Fengqiao-Timestamp': ts,
      'X-Fengqiao-Signature': sign(key, ts, raw),
    },
    body: raw,
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}
const alert = (over: Record<string, unknown> = {}) => ({
  idempotencyKey: `BAD-${requestId()}`,
  externalId: null,
  category: '0101',
  region: 'MY-CJ-01',
  title: '坏输入警情',
  description: '坏输入测试的警情内容',
  parties: [],
  ...over,
});

describe('intake: own-property lookups, 403 for unknown sources', () => {
  it('__proto__/constructor/toString as region are 400, as category they map to other, as source 403', async () => {
    for (const code of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const before = await snapshotDocs();
      expect((await intake('police-621126', alert({ region: code }))).status).toBe(400);
      expect(snapshotDiff(before, await snapshotDocs())).toEqual([]);
      expect((await intake(code, alert())).status).toBe(403);
    }
    const r = await intake('police-621126', alert({ category: 'constructor' }));
    expect(r.status).toBe(201);
    expect((await adminDb().doc(`cases/${r.body.caseId}`).get()).get('category')).toBe('other');
    await quietSnapshot();
  });
  it('an unknown source is 403 (as docs/api.md says), a bad signature 401', async () => {
    expect((await intake('nobody-621126', alert())).status).toBe(403);
    expect((await intake('police-621126/../x', alert())).status).toBe(403);
  });
  it('a lone surrogate in the body is 400', async () => {
    const before = await snapshotDocs();
    expect((await intake('police-621126', alert({ title: '标题\ud800' }))).status).toBe(400);
    expect(snapshotDiff(before, await snapshotDocs())).toEqual([]);
  });
});

describe('contention', () => {
  it('30 concurrent identical reports: one case, every call answered with the same caseId', async () => {
    const input = ReportCaseInput.parse(report());
    const actor = { uid: village.uid, role: 'village_staff' as const, unitId: '621126100001', name: null };
    const claims = { r: 'village_staff' as const, u: '621126100001', c: '621126', t: '621126100', v: '621126100001' };
    const id = caseIdFor('621126', village.uid, input.requestId);
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, () => retryOnContention(() => reportCaseTx(adminDb(), id, input, actor, claims, () => new Date()))),
    );
    const failures = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    // Whatever could not be served in time is `aborted` (a "please retry"), never an unknown error.
    for (const f of failures) expect(f).toMatchObject({ code: 'aborted' });
    const ok = results
      .filter((r) => r.status === 'fulfilled')
      .map((r) => (r as PromiseFulfilledResult<{ caseId: string; created: boolean }>).value);
    expect(ok.length).toBeGreaterThan(0);
    expect(new Set(ok.map((x) => x.caseId))).toEqual(new Set([id]));
    expect(ok.filter((x) => x.created).length).toBe(1);
    expect((await adminDb().collection(`cases/${id}/events`).get()).size).toBe(1);
  });
  it('identical resends through the callable all return the same caseId', async () => {
    const payload = report();
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => village.call<{ caseId: string; created: boolean }>('reportCase', payload)),
    );
    const codes = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason?.code));
    for (const c of codes) expect(['functions/aborted', 'functions/unavailable']).toContain(c);
    const ok = results
      .filter((r) => r.status === 'fulfilled')
      .map((r) => (r as PromiseFulfilledResult<{ caseId: string; created: boolean }>).value);
    expect(new Set(ok.map((x) => x.caseId)).size).toBe(1);
    expect(ok.filter((x) => x.created).length).toBeLessThanOrEqual(1);
    expect(caseId).not.toBe('');
  });
});
