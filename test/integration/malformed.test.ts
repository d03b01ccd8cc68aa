// Malformed payloads for every callable: wrong types, missing fields, huge strings, unknown
// fields, injection-looking text — all `invalid-argument`, with a Chinese message, nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, adminDb, callError, closeAdmin, requestId, signInAs } from '../helpers/emulator';

let village: Client, admin: Client;
let caseId = '';
beforeAll(async () => {
  [village, admin] = await Promise.all([signInAs('village'), signInAs('admin')]);
  caseId = (
    await village.call<{ caseId: string }>('reportCase', {
      requestId: requestId(),
      gridId: '621126100001001',
      category: 'neighbour',
      title: '测试纠纷',
      description: '用于畸形请求测试',
      parties: [{ role: 'applicant', name: '测试', phone: null, idNumber: null, address: null }],
    })
  ).caseId;
});
afterAll(closeAdmin);

const HUGE = 'x'.repeat(200_000);
// biome-ignore lint/suspicious/noTemplateCurlyInString: an injection-looking string, on purpose
const INJECTION = "'; DROP TABLE cases; -- <script>alert(1)</script> ${process.env} ../../etc/passwd";

const CALLABLES: {
  name: string;
  who: () => Client;
  valid: () => Record<string, unknown>;
  variants: Record<string, (v: Record<string, unknown>) => unknown>;
}[] = [
  {
    name: 'caseAction',
    who: () => village,
    valid: () => ({ caseId, expectedVersion: 1, command: { action: 'accept' } }),
    variants: {
      'wrong type (version as string)': (v) => ({ ...v, expectedVersion: '1' }),
      'missing command': ({ command: _c, ...v }) => v,
      'unknown action': (v) => ({ ...v, command: { action: 'delete_everything' } }),
      'huge reason': (v) => ({ ...v, command: { action: 'escalate', reason: HUGE } }),
      'unknown field': (v) => ({ ...v, state: 'closed' }),
      'unknown field inside the command': (v) => ({ ...v, command: { action: 'accept', tier: 'county' } }),
      'injection-looking case ID': (v) => ({ ...v, caseId: INJECTION }),
      'array instead of object': () => [1, 2, 3],
    },
  },
  {
    name: 'reportCase',
    who: () => village,
    valid: () => ({
      requestId: requestId(),
      gridId: '621126100001001',
      category: 'neighbour',
      title: '标题',
      description: '描述内容足够长',
      parties: [{ role: 'applicant', name: '甲', phone: null, idNumber: null, address: null }],
    }),
    variants: {
      'wrong type': (v) => ({ ...v, parties: 'many' }),
      'missing title': ({ title: _t, ...v }) => v,
      'huge title': (v) => ({ ...v, title: HUGE }),
      'unknown field': (v) => ({ ...v, tier: 'county' }),
      'injection-looking request ID': (v) => ({ ...v, requestId: INJECTION }),
      'number instead of object': () => 42,
    },
  },
  {
    name: 'upsertUser',
    who: () => admin,
    valid: () => ({
      email: `m${Date.now()}@test.fengqiao.cn`,
      password: 'Passw0rd!x',
      displayName: '畸形测试',
      role: 'village_staff',
      scopeId: '621126100001',
    }),
    variants: {
      'wrong type': (v) => ({ ...v, active: 'yes' }),
      'missing role': ({ role: _r, ...v }) => v,
      'huge name': (v) => ({ ...v, displayName: HUGE }),
      'unknown field (claims smuggling)': (v) => ({ ...v, customClaims: { r: 'admin' } }),
      'unknown role': (v) => ({ ...v, role: 'superuser' }),
      'injection-looking email': (v) => ({ ...v, email: INJECTION }),
    },
  },
  {
    name: 'saveGrid',
    who: () => admin,
    valid: () => ({ id: '621126100001009', name: '测试网格', villageId: '621126100001', households: 10 }),
    variants: {
      'wrong type': (v) => ({ ...v, households: 'many' }),
      'missing village': ({ villageId: _v, ...v }) => v,
      'huge name': (v) => ({ ...v, name: HUGE }),
      'unknown field': (v) => ({ ...v, countyId: '999999' }),
      'injection-looking ID': (v) => ({ ...v, id: INJECTION }),
    },
  },
  {
    name: 'saveDepartment',
    who: () => admin,
    valid: () => ({ id: '621126-test-dept', name: '测试部门', kind: 'other', townId: null }),
    variants: {
      'unknown kind': (v) => ({ ...v, kind: 'army' }),
      'missing name': ({ name: _n, ...v }) => v,
      'unknown field': (v) => ({ ...v, secret: 'x' }),
      'injection-looking ID': (v) => ({ ...v, id: INJECTION }),
    },
  },
  {
    name: 'savePolicy',
    who: () => admin,
    valid: () => ({ countyId: '621126' }),
    variants: {
      'incomplete policy': (v) => v,
      'negative limit': (v) => ({ ...v, deptCheckIn: { amount: -1, unit: 'hours' } }),
      'wrong type': () => 'policy',
    },
  },
];

describe.each(CALLABLES)('$name', ({ name, who, valid, variants }) => {
  it.each(Object.keys(variants))('rejects %s', async (variant) => {
    const counts = async () =>
      Promise.all(
        ['cases', 'users', 'alerts', 'grids', 'departments', 'policies'].map(
          async (c) => (await adminDb().collection(c).count().get()).data().count,
        ),
      );
    const before = await counts();
    const versionBefore = (await adminDb().doc(`cases/${caseId}`).get()).get('version');
    const err = await callError(who(), name, variants[variant]!(valid()));
    expect(err.code).toBe('invalid-argument');
    expect(err.message).toMatch(/\p{Script=Han}/u);
    expect(await counts()).toEqual(before);
    expect((await adminDb().doc(`cases/${caseId}`).get()).get('version')).toBe(versionBefore);
  });
});
