// 风险信号 against the emulators: cases reported through the callables, then `fengqiao signals run
// --at`: a cluster in one village and a repeat person (one ID number in two spellings, three cases)
// are raised with their cases as evidence and no personal data anywhere; a re-run raises nothing
// new and reads only what changed; town staff acknowledge or dismiss (with a reason), others may
// not; new evidence opens an acknowledged signal again.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { doc, getDoc } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, adminDb, callError, closeAdmin, requestId, signInAs } from '../helpers/emulator';

const run = promisify(execFile);
const cli = async (...args: string[]) => {
  const x = await run(process.execPath, ['bin/fengqiao.mjs', ...args], { env: { ...process.env, METADATA_SERVER_DETECTION: 'none' } });
  return JSON.parse(x.stdout) as { changed: number; newCases: number; reads: number; raised: number; updated: number; reopened: number };
};

let grid: Client, town: Client, town2: Client, county: Client;
const stamp = String(Date.now()).slice(-6);
// An ID number no other test uses (valid shape), written once with x and once with X.
const idLower = `62112619800101${stamp.slice(-3)}x`;
const idUpper = idLower.toUpperCase();
const name = '信号测试人';
const phones = [`137${stamp}01`, `137${stamp}02`, `137${stamp}03`, `137${stamp}04`];
const ids: string[] = [];
const at = () => new Date(Date.now() + 60_000).toISOString();

const report = (i: number, idNumber: string | null) =>
  grid
    .call<{ caseId: string }>('reportCase', {
      requestId: requestId(),
      gridId: '621126100001001',
      category: 'labour',
      title: `工资拖欠第${i}起${stamp}`,
      description: '工人反映工资未结清',
      parties: [{ role: 'applicant', name, phone: phones[i]!, idNumber, address: '城郊村' }],
    })
    .then((r) => r.caseId);

type Sig = { id: string; kind: string; state: string; evidence: { caseId: string }[]; units: string[]; scope: { level: string } };
const signalsOf = async (caseId: string): Promise<Sig[]> => {
  const snap = await adminDb().collection('signals').get();
  return snap.docs.map((d) => d.data() as Sig).filter((s) => s.evidence.some((e) => e.caseId === caseId));
};

beforeAll(async () => {
  [grid, town, town2, county] = await Promise.all(['grid', 'town', 'town2', 'county'].map(signInAs));
  await cli('signals', 'run', '--at', at()); // whatever other tests left: read once
  ids.push(await report(0, idLower), await report(1, idUpper), await report(2, idLower));
}, 120_000);
afterAll(closeAdmin);

describe('signals job', () => {
  it('raises a village cluster and a repeat person, with the cases as evidence', async () => {
    const r = await cli('signals', 'run', '--at', at());
    expect(r.changed).toBeGreaterThanOrEqual(3);
    expect(r.newCases).toBeGreaterThanOrEqual(3);
    const sigs = await signalsOf(ids[0]!);
    const cluster = sigs.find((s) => s.kind === 'cluster' && s.scope.level === 'village')!;
    expect(cluster.evidence.map((e) => e.caseId)).toEqual(expect.arrayContaining(ids));
    expect(cluster.units).toEqual(['621126', '621126100', '621126100001']);
    const repeat = sigs.find((s) => s.kind === 'repeat_person')!;
    expect(repeat.evidence.map((e) => e.caseId).sort()).toEqual([...ids].sort());
    expect(repeat.state).toBe('open');
  });

  it('stores no personal data: not in signals, alerts or the aggregates (person hashes only)', async () => {
    const db = adminDb();
    const dumps = await Promise.all(
      ['signals', 'signalPersons', 'signalTowns', 'signalCases', 'signalRed', 'alerts'].map((c) => db.collection(c).get()),
    );
    const text = JSON.stringify(dumps.map((s) => s.docs.map((d) => [d.id, d.data()])));
    for (const secret of [idLower, idUpper, name, ...phones]) expect(text).not.toContain(secret);
    const persons = await db.collection('signalCases').doc(ids[0]!).get();
    const hashes = persons.data()!.persons as string[];
    expect(hashes).toHaveLength(2); // phone and ID number
    for (const h of hashes) expect(h).toMatch(/^[0-9a-f]{64}$/);
    // The ID number in both spellings is one hash: case 1 shares it with case 0.
    const other = (await db.collection('signalCases').doc(ids[1]!).get()).data()!.persons as string[];
    expect(other.filter((h) => hashes.includes(h))).toHaveLength(1);
  });

  it('a re-run raises nothing new and reads only the cursor, the counties and their red cases', async () => {
    const before = (await adminDb().collection('signals').get()).size;
    const r = await cli('signals', 'run', '--at', at());
    expect(r).toMatchObject({ changed: 0, newCases: 0, raised: 0 });
    // Bounded by the counties and their red cases, not by the cases: per county the region, its red
    // aggregate and its policy, plus one signal per red-case fact; the cursor and the (empty) page
    // of changed cases; the cursors and (empty) pages of the item and key-person streams.
    const counties = (await adminDb().collection('regions').where('level', '==', 'county').get()).docs.map((d) => d.id);
    const redFacts = (await Promise.all(counties.map((c) => adminDb().collection('signalRed').doc(c).get()))).reduce(
      (n, d) => n + ((d.data()?.facts as unknown[] | undefined)?.length ?? 0),
      0,
    );
    expect(r.reads).toBeLessThanOrEqual(6 + 3 * counties.length + redFacts);
    expect((await adminDb().collection('signals').get()).size).toBe(before);
  });

  it('town staff acknowledge and read it; another town and the grid worker may not; dismissal needs a reason', async () => {
    const cluster = (await signalsOf(ids[0]!)).find((s) => s.kind === 'cluster' && s.scope.level === 'village')!;
    expect((await callError(town2, 'handleSignal', { signalId: cluster.id, action: 'acknowledge' })).code).toBe('not-found');
    expect((await callError(grid, 'handleSignal', { signalId: cluster.id, action: 'acknowledge' })).code).toBe('not-found');
    expect((await callError(town, 'handleSignal', { signalId: cluster.id, action: 'dismiss', reason: '' })).code).toBe('invalid-argument');
    expect(await town.call('handleSignal', { signalId: cluster.id, action: 'acknowledge' })).toEqual({
      signalId: cluster.id,
      state: 'acknowledged',
    });
    expect((await callError(town, 'handleSignal', { signalId: cluster.id, action: 'acknowledge' })).code).toBe('failed-precondition');
    const seen = await getDoc(doc(town.db, 'signals', cluster.id));
    expect(seen.data()!.handling.byName).toBe('张伟');
    await expect(getDoc(doc(town2.db, 'signals', cluster.id))).rejects.toThrow();
    const repeat = (await signalsOf(ids[0]!)).find((s) => s.kind === 'repeat_person')!;
    expect(await county.call('handleSignal', { signalId: repeat.id, action: 'dismiss', reason: '已核实，系同一劳资纠纷' })).toMatchObject({
      state: 'dismissed',
    });
  });

  it('a new case in the cluster opens the acknowledged signal again, with an alert to the town', async () => {
    const cluster = (await signalsOf(ids[0]!)).find((s) => s.kind === 'cluster' && s.scope.level === 'village')!;
    const fourth = await report(3, null);
    const r = await cli('signals', 'run', '--at', at());
    expect(r.reopened).toBeGreaterThanOrEqual(1);
    const now = (await adminDb().collection('signals').doc(cluster.id).get()).data() as Sig & { reopenedAt: unknown };
    expect(now.state).toBe('open');
    expect(now.evidence.map((e) => e.caseId)).toContain(fourth);
    expect(now.reopenedAt).not.toBeNull();
    const alerts = await adminDb()
      .collection('alerts')
      .where('kind', '==', 'signal_raised')
      .where('recipientUnit', '==', '621126100')
      .get();
    expect(alerts.docs.some((d) => String(d.data().body).includes(fourth.replace(/^\d{6}-/, '')))).toBe(true);
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const fig = (await adminDb().collection('signalFigures').doc(`621126_${month}`).get()).data()!;
    expect(fig.raised).toBeGreaterThanOrEqual(2);
    expect(fig.handled).toBeGreaterThanOrEqual(2);
  });
});
