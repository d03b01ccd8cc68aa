// 风险信号 from 排查 and the key-person register, against the emulators: three 治安问题 in one
// village raise an item cluster; a key person's risk rising to red raises a signal (a record first
// seen at yellow does not); a hazard past its limit and a missed visit, marked by the sweeps at a
// later instant, raise one signal each — with the items and records as evidence, named by masked
// title or register label, and no personal data in any signal, alert or aggregate. The runs at
// later instants come last: they move the streams' cursors past the real clock.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { doc, getDoc } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepHazards } from '../../functions/src/lib/hazard-sweep';
import { sweepKeyPersons } from '../../functions/src/lib/keyperson-sweep';
import { type Client, adminDb, closeAdmin, requestId, signInAs } from '../helpers/emulator';

const run = promisify(execFile);
type Report = { raised: number; items: number; keyPersons: number; reads: number };
const cli = async (at: Date) => {
  const x = await run(process.execPath, ['bin/fengqiao.mjs', 'signals', 'run', '--at', at.toISOString()], {
    env: { ...process.env, METADATA_SERVER_DETECTION: 'none' },
  });
  return JSON.parse(x.stdout) as Report;
};
const soon = () => new Date(Date.now() + 60_000);

const T = '621126100',
  V = '621126100001',
  G = '621126100001001';
const D = '621126-police-minyang';
const HOOK = 'signals-records-hook';
const NAME = '赵信号',
  ID_NUMBER = '62112619770707123X',
  PHONE = '13700007777';
let grid: Client, village: Client, town: Client, town2: Client, townLeader: Client;
type Evidence = { source?: string; recordId?: string; caseId?: string; title: string };
type Sig = {
  id: string;
  kind: string;
  severity: string;
  state: string;
  summary: string;
  evidence: Evidence[];
  scope: { level: string; unitId: string };
};

const signalsWith = async (recordId: string): Promise<Sig[]> =>
  (await adminDb().collection('signals').get()).docs
    .map((d) => d.data() as Sig)
    .filter((s) => s.evidence.some((e) => e.recordId === recordId));
const stamp = String(Date.now()).slice(-5);
const item = (kind: string, title: string) =>
  grid
    .call<{ itemId: string }>('recordItem', {
      requestId: requestId(),
      gridId: G,
      kind,
      title,
      description: `巡查发现：${title}，村民${NAME}（电话${PHONE}）反映`,
    })
    .then((r) => r.itemId);

beforeAll(async () => {
  [grid, village, town, town2, townLeader] = await Promise.all(['grid', 'village', 'town', 'town2', 'town-leader'].map(signInAs));
  await cli(soon()); // whatever other tests left: read once
  // A robot for the town: a signal's alert becomes a robot message too.
  await adminDb().doc(`webhooks/${HOOK}`).set({
    id: HOOK,
    countyId: '621126',
    unitId: T,
    kind: 'wecom',
    url: 'http://127.0.0.1:9/signals',
    secret: null,
    minSeverity: 'info',
    active: true,
  });
}, 120_000);
// The runs at later instants move the job's cursors past the real clock: put them back, so later
// test files' runs (at the real clock) still read what they create.
let savedCursors: [string, FirebaseFirestore.DocumentData | undefined][] = [];
const saveCursors = async () => {
  if (savedCursors.length) return;
  savedCursors = await Promise.all(
    ['cases', 'items', 'keyPersons'].map(
      async (s) => [s, (await adminDb().doc(`signalCursor/${s}`).get()).data()] as [string, FirebaseFirestore.DocumentData | undefined],
    ),
  );
};
afterAll(async () => {
  await adminDb().doc(`webhooks/${HOOK}`).set({ active: false }, { merge: true });
  // Its messages would otherwise wait in the outbox for a robot that does not exist.
  for (const d of (await adminDb().collection('outbox').where('webhookId', '==', HOOK).get()).docs) await d.ref.delete();
  for (const [s, d] of savedCursors) {
    if (d) await adminDb().doc(`signalCursor/${s}`).set(d);
    else await adminDb().doc(`signalCursor/${s}`).delete();
  }
  await closeAdmin();
});

describe('signals from 排查 items', () => {
  it('three 治安问题 in one village raise a cluster with the items as evidence (masked), read by the town', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await item('security', `村口聚集陌生车辆第${i}晚${stamp}`));
    const r = await cli(soon());
    expect(r.items).toBeGreaterThanOrEqual(3);
    const s = (await signalsWith(ids[0]!)).find((x) => x.kind === 'cluster' && x.scope.level === 'village')!;
    expect(s).toBeDefined();
    expect(s.summary).toMatch(/排查发现治安问题\d+件/);
    expect(s.scope.unitId).toBe(V);
    expect(s.evidence.filter((e) => e.source === 'item').map((e) => e.recordId)).toEqual(expect.arrayContaining(ids));
    const all = JSON.stringify(s);
    for (const x of [NAME, PHONE]) expect(all).not.toContain(x);
    expect((await getDoc(doc(town.db, 'signals', s.id))).exists()).toBe(true);
    await expect(getDoc(doc(town2.db, 'signals', s.id))).rejects.toThrow();
    // The town's aggregate holds the items, not their text's personal data.
    expect(JSON.stringify((await adminDb().doc(`signalTowns/${T}`).get()).data())).not.toContain(PHONE);
  });

  it('a 群众诉求 and a 涉稳信息 do not join the 治安问题 cluster', async () => {
    const demand = await item('demand', `路灯损坏${stamp}`);
    const stability = await item('stability', `拟集体反映${stamp}`);
    await cli(soon());
    expect((await signalsWith(demand)).filter((s) => s.summary.includes('治安问题'))).toEqual([]);
    expect(await signalsWith(stability)).toEqual([]);
  });
});

describe('signals from the key-person register', () => {
  const save = (risk: string) =>
    village.call<{ id: string; version: number }>('saveKeyPerson', {
      requestId: requestId(),
      kind: 'person',
      category: '社区矫正对象',
      gridId: G,
      risk,
      gridWorkerUid: grid.uid,
      leaderUid: townLeader.uid,
      personal: { name: NAME, idNumber: ID_NUMBER, phone: PHONE, address: '城郊村5组12号', note: null },
    });

  it('a record first seen at yellow raises nothing; its risk rising to red raises one signal (high), named by its label', async () => {
    const { id, version } = await save('yellow');
    await cli(soon());
    expect(await signalsWith(id)).toEqual([]);
    await village.call('setKeyPersonRisk', { id, expectedVersion: version, risk: 'red', reason: '近期情绪激动，多次扬言上访' });
    const r = await cli(soon());
    expect(r.keyPersons).toBeGreaterThanOrEqual(1);
    const [s, ...more] = await signalsWith(id);
    expect(more).toEqual([]);
    expect(s).toMatchObject({ kind: 'key_person', severity: 'high', summary: '重点对象风险等级由黄色升为红色', state: 'open' });
    expect(s!.evidence[0]!.title).toMatch(/^重点人员（社区矫正对象，.+，编号[0-9A-Z]{6}）$/);
    const alert = (await adminDb().doc(`alerts/signal-${s!.id}-raised`).get()).data()!;
    expect(alert.recipientUnit).toBe(T);
    // The town's robot gets it too (the outbox), named by the label, no personal data.
    const robot = (await adminDb().doc(`outbox/signal-${s!.id}-raised__${HOOK}`).get()).data()!;
    expect(robot).toMatchObject({ state: 'pending', webhookId: HOOK });
    expect(JSON.stringify(robot.payload)).toContain('编号');
    for (const x of [NAME, PHONE, ID_NUMBER, '城郊村5组12号']) {
      expect(JSON.stringify(s)).not.toContain(x);
      expect(JSON.stringify(alert)).not.toContain(x);
      expect(JSON.stringify(robot)).not.toContain(x);
    }
    // A re-run raises nothing more for it.
    await cli(soon());
    expect(await signalsWith(id)).toHaveLength(1);
  });

  // Later instants from here on.
  it('a missed visit, marked by the sweep, raises one signal; a rerun of sweep and job adds none', async () => {
    const { id } = await save('red');
    const due = ((await adminDb().doc(`keyPersons/${id}`).get()).get('dueAt').toDate() as Date).getTime();
    await cli(soon());
    expect((await signalsWith(id)).map((s) => s.summary)).toEqual(['新登记红色风险重点对象']);
    await saveCursors();
    await sweepKeyPersons(adminDb(), new Date(due + 1000));
    await cli(new Date(due + 2000));
    const overdue = (await signalsWith(id)).filter((s) => s.summary === '红色风险重点对象走访逾期');
    expect(overdue).toHaveLength(1);
    await sweepKeyPersons(adminDb(), new Date(due + 3000));
    await cli(new Date(due + 4000));
    expect(await signalsWith(id)).toHaveLength(2);
  });

  it('a hazard past its limit, marked by the sweep, raises one signal', async () => {
    const itemId = await item('hazard', `变压器漏油${stamp}`);
    await town.call('hazardAction', {
      itemId,
      expectedVersion: 1,
      command: { action: 'assign', responsible: { kind: 'department', id: D } },
    });
    const dueAt = ((await adminDb().doc(`patrolItems/${itemId}`).get()).get('hazard.dueAt').toDate() as Date).getTime();
    await saveCursors();
    await sweepHazards(adminDb(), new Date(dueAt + 1000));
    await cli(new Date(dueAt + 86_400_000 * 2));
    const s = (await signalsWith(itemId)).filter((x) => x.kind === 'hazard');
    expect(s).toHaveLength(1);
    expect(s[0]!.summary).toBe('安全隐患超过整改期限未整改（已逾期2天）');
    expect(JSON.stringify(s[0])).not.toContain(PHONE);
  });
});
