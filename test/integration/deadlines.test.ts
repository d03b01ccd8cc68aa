// Deadlines against the emulators, time driven by the sweep's `at` (the emulator never fires
// schedules): warning → breach → escalation across tiers up to supervision, pause and resume,
// idempotence (twice, and killed halfway), and the CLI path.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearConfigCache } from '../../functions/src/lib/config';
import { runSweep } from '../../functions/src/lib/sweep';
import { type Client, adminDb, closeAdmin, requestId, signInAs } from '../helpers/emulator';

const run = promisify(execFile);
let village: Client, town: Client;
beforeAll(async () => {
  clearConfigCache();
  [village, town] = await Promise.all([signInAs('village'), signInAs('town')]);
});
afterAll(closeAdmin);

const report = (c: Client) =>
  c.call<{ caseId: string }>('reportCase', {
    requestId: requestId(),
    gridId: '621126100001001',
    category: 'neighbour',
    title: '限时测试纠纷',
    description: '用于限时化解测试的案件',
    parties: [{ role: 'applicant', name: '测试甲', phone: null, idNumber: null, address: null }],
  });
const load = async (id: string) => (await adminDb().doc(`cases/${id}`).get()).data()!;
const tierClock = (c: FirebaseFirestore.DocumentData) =>
  c.clocks.find((k: { kind: string; state: string }) => k.kind === 'tier' && k.state === 'running');
const at = (ts: FirebaseFirestore.Timestamp, deltaMs = 0) => new Date(ts.toMillis() + deltaMs);
const alertsOf = async (id: string) => (await adminDb().collection('alerts').where('caseId', '==', id).get()).docs.map((d) => d.data());

describe('warning → breach → escalation, tier by tier', () => {
  it('walks a case from the village to county supervision, each step once', async () => {
    const { caseId } = await report(village);
    let c = await load(caseId);
    expect(c.tier).toBe('village');
    const v = tierClock(c);
    expect(c.sweepAt.toMillis()).toBe(v.warnAt.toMillis());

    // 黄灯: the warning, once.
    await runSweep(adminDb(), at(v.warnAt, 1000));
    c = await load(caseId);
    expect(tierClock(c).warnedAt).not.toBeNull();
    let alerts = await alertsOf(caseId);
    expect(alerts.filter((a) => a.kind === 'deadline_warning')).toEqual([
      expect.objectContaining({ recipientUnit: '621126100001', severity: 'warning' }),
    ]);
    await runSweep(adminDb(), at(v.warnAt, 2000));
    expect((await alertsOf(caseId)).length).toBe(alerts.length);

    // 红灯: the breach escalates to the town, whose clock starts then.
    const escalatedAt = at(v.dueAt, 1000);
    await runSweep(adminDb(), escalatedAt);
    c = await load(caseId);
    expect(c).toMatchObject({ tier: 'town', state: 'reported', unitId: '621126100' });
    expect(c.clocks.find((k: { subject: string }) => k.subject === 'village').state).toBe('breached');
    const t = tierClock(c);
    expect(t.subject).toBe('town');
    expect(t.startedAt.toMillis()).toBe(escalatedAt.getTime());
    const events = (await adminDb().collection(`cases/${caseId}/events`).orderBy('seq').get()).docs.map((d) => d.data());
    expect(events.at(-1)).toMatchObject({
      action: 'escalate',
      actor: { uid: 'system:deadline-sweep', role: 'system' },
      from: { tier: 'village' },
      to: { tier: 'town' },
    });
    alerts = await alertsOf(caseId);
    expect(alerts.filter((a) => a.kind === 'deadline_breach')).toEqual([
      expect.objectContaining({ recipientUnit: '621126100001', severity: 'critical' }),
    ]);
    expect(alerts.some((a) => a.kind === 'case_escalated' && a.recipientUnit === '621126100')).toBe(true);
    expect(JSON.stringify(alerts)).not.toMatch(/测试甲/);

    // Town overdue → county; county overdue → supervision (督办), the top.
    await runSweep(adminDb(), at(t.dueAt, 1000));
    c = await load(caseId);
    expect(c.tier).toBe('county');
    await runSweep(adminDb(), at(tierClock(c).dueAt, 1000));
    c = await load(caseId);
    expect(c).toMatchObject({ tier: 'county', supervised: true });
    expect((await alertsOf(caseId)).filter((a) => a.kind === 'case_supervised')).toEqual([
      expect.objectContaining({ recipientUnit: '621126' }),
    ]);
    // Nothing is left to do for it: the county clock is breached, no running clock, no sweepAt.
    expect(c.sweepAt).toBeNull();
    const before = (await alertsOf(caseId)).length;
    await runSweep(adminDb(), at(tierClock({ clocks: c.clocks.map((k: object) => ({ ...k, state: 'running' })) }).dueAt, 86_400_000 * 30));
    expect((await alertsOf(caseId)).length).toBe(before);
    expect((await load(caseId)).version).toBe(c.version);
  });
});

describe('suspension', () => {
  it('pauses the clock (no sweep work) and resumption restores the time left', async () => {
    const { caseId } = await report(town);
    let c = await load(caseId);
    await town.call('caseAction', { caseId, expectedVersion: c.version, command: { action: 'accept' } });
    c = await load(caseId);
    const due = tierClock(c).dueAt.toMillis();
    await town.call('caseAction', { caseId, expectedVersion: c.version, command: { action: 'suspend', reason: '等待伤情鉴定' } });
    c = await load(caseId);
    expect(c.sweepAt).toBeNull();
    expect(c.clocks.find((k: { kind: string }) => k.kind === 'tier').state).toBe('paused');
    await runSweep(adminDb(), new Date(due + 86_400_000));
    expect((await load(caseId)).version).toBe(c.version); // untouched while suspended
    const suspendedFor = Date.now();
    await town.call('caseAction', { caseId, expectedVersion: c.version, command: { action: 'resume' } });
    c = await load(caseId);
    const resumed = tierClock(c);
    expect(resumed.state).toBe('running');
    // Due moved by how long it was suspended (a few hundred ms here), never earlier.
    expect(resumed.dueAt.toMillis()).toBeGreaterThanOrEqual(due);
    expect(resumed.dueAt.toMillis() - due).toBeLessThan(Date.now() - suspendedFor + 60_000);
  });
});

describe('the sweep is idempotent and crash-safe', () => {
  it('run twice, or killed halfway and run again, ends in the same state with nothing twice', async () => {
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push((await report(village)).caseId);
    const cases = await Promise.all(ids.map(load));
    const T = new Date(Math.max(...cases.map((c) => tierClock(c).dueAt.toMillis())) + 1000);
    // Killed after the third case it commits.
    let crashes = 0;
    await expect(
      runSweep(adminDb(), T, {
        afterCase: (_id, i) => {
          if (i === 2) {
            crashes++;
            throw new Error('killed');
          }
        },
      }),
    ).rejects.toThrow('killed');
    expect(crashes).toBe(1);
    const mid = await Promise.all(ids.map(load));
    // At most three cases committed before the crash: at least three of ours are untouched.
    expect(mid.filter((c) => c.tier === 'village').length).toBeGreaterThanOrEqual(3);
    await runSweep(adminDb(), T);
    await runSweep(adminDb(), T); // and once more for good measure
    for (const id of ids) {
      const c = await load(id);
      expect(c).toMatchObject({ tier: 'town', version: 2 });
      const events = await adminDb().collection(`cases/${id}/events`).get();
      expect(events.size).toBe(2);
      const alerts = await alertsOf(id);
      const byKind = (k: string) => alerts.filter((a) => a.kind === k).length;
      expect([byKind('deadline_breach'), byKind('case_escalated')]).toEqual([1, 1]);
    }
  });

  it('reads each due case once, and a case changed between the query and the write gets nothing partial; the next run handles it', async () => {
    const [a, b] = [(await report(village)).caseId, (await report(village)).caseId];
    const [ca, cb] = await Promise.all([a, b].map(load));
    const T = new Date(Math.max(tierClock(ca).dueAt.toMillis(), tierClock(cb).dueAt.toMillis()) + 1000);
    const eventsOf = async (id: string) => (await adminDb().collection(`cases/${id}/events`).get()).size;
    const eventsBefore = await eventsOf(a);
    const first = await runSweep(adminDb(), T, {
      // Someone writes case a after the sweep's query read it (here: a field the sweep does not touch).
      beforeCommit: async (id) => {
        if (id === a) await adminDb().doc(`cases/${a}`).update({ externalRef: 'changed-meanwhile' });
      },
    });
    expect(first.conflicts).toBe(1);
    const mid = await load(a);
    // Nothing of the sweep's batch for a: not escalated, no clock marked, no event, no alert.
    expect(mid).toMatchObject({ tier: 'village', version: ca.version, externalRef: 'changed-meanwhile' });
    expect(tierClock(mid).state).toBe('running');
    expect(tierClock(mid).warnedAt).toBeNull();
    expect(await eventsOf(a)).toBe(eventsBefore);
    expect((await alertsOf(a)).some((x) => x.kind === 'deadline_breach' || x.kind === 'deadline_warning')).toBe(false);
    // The other case went through in the same run.
    expect(await load(b)).toMatchObject({ tier: 'town' });
    // The next run finds a still due and handles it, once, keeping the change made meanwhile.
    const second = await runSweep(adminDb(), T);
    expect(second.conflicts).toBe(0);
    expect(await load(a)).toMatchObject({ tier: 'town', version: ca.version + 1, externalRef: 'changed-meanwhile' });
    expect((await alertsOf(a)).filter((x) => x.kind === 'deadline_breach')).toHaveLength(1);
    expect(await eventsOf(a)).toBe(eventsBefore + 1);
  });

  it('reads only what is due', async () => {
    const { caseId } = await report(village);
    const c = await load(caseId);
    const t = new Date(tierClock(c).startedAt.toMillis() + 1000);
    const due = (await adminDb().collection('cases').where('sweepAt', '<=', t).count().get()).data().count;
    const all = (await adminDb().collection('cases').count().get()).data().count;
    const r = await runSweep(adminDb(), t);
    expect(r.casesRead).toBe(due); // proportional to what is due, not to all cases
    expect(all).toBeGreaterThan(due + 40);
  });
});

describe('fengqiao sweep --at', () => {
  it('runs the same sweep from the CLI', async () => {
    const { caseId } = await report(village);
    const c = await load(caseId);
    const when = at(tierClock(c).dueAt, 5000).toISOString();
    const { stdout } = await run(process.execPath, ['bin/fengqiao.mjs', 'sweep', '--at', when], {
      env: { ...process.env, METADATA_SERVER_DETECTION: 'none' },
    });
    const out = JSON.parse(stdout);
    expect(out.sweep.breaches).toBeGreaterThanOrEqual(1);
    expect(out.sweep.at).toBe(when);
    expect((await load(caseId)).tier).toBe('town');
  });
});
