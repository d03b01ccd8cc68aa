// One access model, checked end to end: after every transition of a case's life (including the
// sweep's automatic escalation), every demo account's real answers from the security rules —
// reading the case, its history and its parties — equal what domain/access.ts says, and the
// lists stored on the case equal the relation computed from it (no drift). Then the
// `fengqiao access verify|rebuild` CLI finds and repairs drift.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { collection, doc, getDoc, getDocs } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaseDoc, type Claims, canReadCase, caseAccess, sameAccess } from '../../functions/src/domain';
import { clearConfigCache } from '../../functions/src/lib/config';
import { runSweep } from '../../functions/src/lib/sweep';
import { DEMO_ACCOUNTS } from '../../functions/src/seed/demo-county';
import { type Client, adminAuth, adminDb, callError, closeAdmin, requestId, signInAs } from '../helpers/emulator';

const run = promisify(execFile);
const cli = (...args: string[]) =>
  run(process.execPath, ['bin/fengqiao.mjs', ...args], { env: { ...process.env, METADATA_SERVER_DETECTION: 'none' } });

interface Who {
  key: string;
  client: Client;
  claims: Claims;
}
const who: Record<string, Who> = {};

beforeAll(async () => {
  clearConfigCache();
  await Promise.all(
    DEMO_ACCOUNTS.map(async (a) => {
      const client = await signInAs(a.key);
      const claims = (await adminAuth().getUser(client.uid)).customClaims as Claims;
      who[a.key] = { key: a.key, client, claims };
    }),
  );
}, 60_000);
afterAll(closeAdmin);

const load = async (id: string) =>
  (await adminDb().doc(`cases/${id}`).get()).data() as CaseDoc & {
    clocks: { kind: string; state: string; subject: string | null; dueAt: FirebaseFirestore.Timestamp }[];
  };
const allowed = (p: Promise<unknown>) =>
  p.then(
    () => true,
    (e: { code?: string }) => {
      if (e.code !== 'permission-denied') throw e;
      return false;
    },
  );

/** Every account: rules' answers vs the domain's, and the stored lists vs the relation. */
async function checkEveryone(caseId: string, step: string): Promise<Record<string, boolean>> {
  const c = await load(caseId);
  expect(sameAccess(caseAccess(c), c), `${step}: stored lists drifted from the relation`).toBe(true);
  const mismatches: string[] = [];
  const reads: Record<string, boolean> = {};
  for (const w of Object.values(who)) {
    const expected = canReadCase(w.claims, w.client.uid, c);
    const db = w.client.db;
    const [readsCase, readsParties, readsHistory] = await Promise.all([
      allowed(getDoc(doc(db, 'cases', caseId))),
      allowed(getDoc(doc(db, 'cases', caseId, 'private', 'parties'))),
      allowed(getDocs(collection(db, 'cases', caseId, 'events'))),
    ]);
    reads[w.key] = expected;
    if (readsCase !== expected || readsParties !== expected || readsHistory !== expected) {
      mismatches.push(`${w.key}: domain ${expected}, rules case ${readsCase} parties ${readsParties} history ${readsHistory}`);
    }
  }
  expect(mismatches, step).toEqual([]);
  return reads;
}

const act = async (w: string, caseId: string, command: Record<string, unknown>) => {
  const c = await load(caseId);
  return who[w]!.client.call('caseAction', { caseId, expectedVersion: c.version, command });
};

describe('one relation for the case, its history and its parties', () => {
  let caseId: string;

  it('walks a case from the grid to county supervision, checking every account at every step', async () => {
    ({ caseId } = await who.grid!.client.call<{ caseId: string }>('reportCase', {
      requestId: requestId(),
      gridId: '621126100001001',
      category: 'neighbour',
      title: '宅基地边界纠纷',
      description: '两户因宅基地边界发生争执',
      parties: [{ role: 'applicant', name: '关系甲', phone: '13912345678', idNumber: null, address: null }],
    }));
    let r = await checkEveryone(caseId, 'reported at grid');
    expect(r).toMatchObject({
      grid: true,
      village: true,
      town: false,
      county: false,
      'county-leader': false,
      grid2: false,
      police: false,
      resident: false,
      admin: false,
    });

    await act('grid', caseId, { action: 'escalate', reason: '网格无法化解' });
    await checkEveryone(caseId, 'escalated to village');
    await act('village', caseId, { action: 'accept' });
    await act('village', caseId, { action: 'assign_mediator', mediatorUid: who.mediator!.client.uid });
    r = await checkEveryone(caseId, 'mediator assigned');
    expect(r.mediator).toBe(true);

    await act('village', caseId, { action: 'escalate', reason: '村级无法化解' });
    r = await checkEveryone(caseId, 'escalated to town');
    expect(r).toMatchObject({ town: true, 'town-leader': true, town2: false, county: false });

    await act('town', caseId, { action: 'accept' });
    await act('town', caseId, { action: 'dispatch', departmentIds: ['621126-police-minyang'], emergency: false });
    r = await checkEveryone(caseId, 'police dispatched');
    expect(r).toMatchObject({ police: true, justice: false });
    await act('police', caseId, { action: 'check_in', departmentId: '621126-police-minyang' });

    await act('town', caseId, {
      action: 'assign_leader',
      leaderUid: who['town-leader']!.client.uid,
      leaderName: '刘芳',
      team: [],
      plan: '包案化解',
      dueDate: '2026-12-31',
    });
    // A 督办件 to a department never dispatched, and to another village: both must read what they answer.
    await act('town-leader', caseId, {
      action: 'instruct',
      instruction: '请核实并答复',
      assignments: [
        { unitId: '621126-justice-minyang', dueDate: '2026-12-20' },
        { unitId: '621126100002', dueDate: '2026-12-20' },
      ],
    });
    r = await checkEveryone(caseId, '督办件 assigned');
    expect(r).toMatchObject({ justice: true, village2: true, grid2: false });

    // The sweep escalates the overdue town case to the county, which must now read the parties too.
    const c = await load(caseId);
    const tier = c.clocks.find((k) => k.kind === 'tier' && k.state === 'running' && k.subject === 'town')!;
    await runSweep(adminDb(), new Date((tier.dueAt as unknown as FirebaseFirestore.Timestamp).toMillis() + 1000));
    expect((await load(caseId)).tier).toBe('county');
    r = await checkEveryone(caseId, 'escalated to county by the sweep');
    expect(r).toMatchObject({ county: true, 'county-leader': true, town: true, village: true, grid: true, admin: false, resident: false });

    // The county (now the handling tier) accepts it and names a handler from its own staff.
    await act('county', caseId, { action: 'accept' });
    await act('county', caseId, { action: 'assign_handler', handlerUid: who.county!.client.uid });
    await checkEveryone(caseId, 'county handler assigned');
  });

  it("lets only the assigned unit's staff and leaders, or the assigned department's officers, answer a 督办件", async () => {
    const c = await load(caseId);
    const toVillage2 = c.supervisions.find((s) => s.assigneeUnit === '621126100002')!;
    const reply = { action: 'reply_supervision', supervisionId: toVillage2.id, reply: '已核实', petitionerReply: '已告知当事人' };
    // Resident and administrator carry the county's code, the mediator the town's: none may answer.
    for (const k of ['resident', 'admin', 'mediator', 'grid2', 'town2']) {
      const err = await callError(who[k]!.client, 'caseAction', { caseId, expectedVersion: c.version, command: reply });
      expect(['not-found', 'permission-denied'], `${k}: ${err.code}`).toContain(err.code);
    }
    expect((await load(caseId)).version).toBe(c.version);
    await act('village2', caseId, reply);
    const after = await load(caseId);
    expect(after.supervisions.find((s) => s.id === toVillage2.id)!.state).toBe('replied');
    await checkEveryone(caseId, 'after the reply');
  });

  it('answers the same for a case that does not exist and one the caller cannot read', async () => {
    const hidden = await callError(who.town2!.client, 'caseAction', { caseId, expectedVersion: 1, command: { action: 'accept' } });
    const missing = await callError(who.town2!.client, 'caseAction', {
      caseId: '621126-doesnotexist',
      expectedVersion: 1,
      command: { action: 'accept' },
    });
    expect(hidden).toEqual(missing);
    expect(hidden.code).toBe('not-found');
    expect(JSON.stringify(hidden.details)).not.toContain(who.town2!.client.uid);
  });
});

describe('fengqiao access verify | rebuild', () => {
  it('passes on consistent data, finds drift, repairs it', async () => {
    const { caseId } = await who.village!.client.call<{ caseId: string }>('reportCase', {
      requestId: requestId(),
      gridId: '621126100001001',
      category: 'neighbour',
      title: '排水纠纷',
      description: '排水沟堵塞引发争执',
      parties: [{ role: 'applicant', name: '关系乙', phone: null, idNumber: null, address: null }],
    });
    const ok = await cli('access', 'verify', '--county', '621126').then(
      (x) => ({ code: 0, out: x.stdout }),
      (e) => ({ code: e.code as number, out: e.stdout as string }),
    );
    expect(ok.code, ok.out).toBe(0);

    // Drift as an old release (or a hand edit) would leave it: lists emptied, a stale private copy.
    await adminDb().doc(`cases/${caseId}`).update({ accessUnits: [], accessUids: [] });
    await adminDb()
      .doc(`cases/${caseId}/private/parties`)
      .update({ accessUnits: ['621126'] });
    expect(await allowed(getDoc(doc(who.village!.client.db, 'cases', caseId)))).toBe(false);
    const bad = await cli('access', 'verify', '--county', '621126').then(
      () => ({ code: 0, out: '' }),
      (e) => ({ code: e.code as number, out: e.stdout as string }),
    );
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)).toMatchObject({ driftedCount: 1, drifted: [caseId], staleCopies: 1 });

    const fixed = JSON.parse((await cli('access', 'rebuild', '--county', '621126')).stdout);
    expect(fixed).toMatchObject({ driftedCount: 1, repaired: 2 });
    expect((await cli('access', 'verify', '--county', '621126')).stdout).toContain('"driftedCount": 0');
    expect(await allowed(getDoc(doc(who.village!.client.db, 'cases', caseId)))).toBe(true);
    expect((await adminDb().doc(`cases/${caseId}/private/parties`).get()).get('accessUnits')).toBeUndefined();
  });
});
