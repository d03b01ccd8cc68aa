// Group-robot webhooks: alerts delivered to a local HTTP server on 127.0.0.1 in WeCom's and
// DingTalk's real message formats (DingTalk with its signed URL), retried with backoff, and
// dead-lettered when delivery keeps failing.
import { createHmac } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKOFF_MINUTES, webhookPayload, type AlertDoc } from '../../functions/src/domain';
import { clearConfigCache } from '../../functions/src/lib/config';
import { toDates } from '../../functions/src/lib/db';
import { deliverOutbox } from '../../functions/src/lib/outbox';
import { runSweep } from '../../functions/src/lib/sweep';
import { type Client, adminDb, closeAdmin, requestId, signInAs, signInWith } from '../helpers/emulator';

const UNIT = '621126100005'; // a village no other test reports into
type Hit = { path: string; query: URLSearchParams; body: Record<string, unknown> };
const hits: Hit[] = [];
/** How the fake robot answers, by path prefix: 'ok', 'fail' (HTTP 500) or 'errcode' (200 with errcode). */
const mode: Record<string, 'ok' | 'fail' | 'errcode'> = {};
let server: Server;
let base = '';
let staff: Client;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://127.0.0.1');
      hits.push({ path: url.pathname, query: url.searchParams, body: JSON.parse(raw) });
      const m = mode[url.pathname.split('/')[1]!] ?? 'ok';
      if (m === 'fail') res.writeHead(500).end('boom');
      else
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(m === 'ok' ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'keywords not in content' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const admin = await signInAs('admin');
  const email = `hook${Date.now().toString(36)}@test.fengqiao.cn`;
  await admin.call('upsertUser', { email, password: 'Passw0rd!x', displayName: '南街社区专干', role: 'village_staff', scopeId: UNIT });
  staff = await signInWith(email, 'Passw0rd!x');
});
afterAll(async () => {
  for (const id of ['t-wecom', 't-ding', 't-retry', 't-dead'])
    await adminDb().doc(`webhooks/${id}`).set({ active: false }, { merge: true });
  server?.close();
  await closeAdmin();
});

async function hook(id: string, kind: 'wecom' | 'dingtalk', path: string, secret: string | null = null) {
  await adminDb()
    .doc(`webhooks/${id}`)
    .set({ id, countyId: '621126', unitId: UNIT, kind, url: `${base}/${path}`, secret, minSeverity: 'info', active: true });
  clearConfigCache();
}
async function onlyHooks(...active: string[]) {
  for (const id of ['t-wecom', 't-ding', 't-retry', 't-dead']) {
    const ref = adminDb().doc(`webhooks/${id}`);
    if ((await ref.get()).exists) await ref.update({ active: active.includes(id) });
  }
  clearConfigCache();
}
/** A fresh village case and the moment its tier warning is due. */
async function caseWithWarning(): Promise<{ caseId: string; warnAt: Date; dueAt: Date }> {
  const { caseId } = await staff.call<{ caseId: string }>('reportCase', {
    requestId: requestId(),
    gridId: '621126100005001',
    category: 'property_mgmt',
    title: '物业纠纷',
    description: '业主与物业因停车费发生纠纷',
    parties: [{ role: 'applicant', name: '钱某', phone: '13600001111', idNumber: null, address: null }],
  });
  const c = (await adminDb().doc(`cases/${caseId}`).get()).data()!;
  const k = c.clocks.find((x: { kind: string }) => x.kind === 'tier');
  return { caseId, warnAt: new Date(k.warnAt.toMillis() + 1000), dueAt: new Date(k.dueAt.toMillis() + 1000) };
}
/** The deliveries of a case's deadline warning (its report also raises an alert: not these). */
const outboxOf = async (caseId: string, webhookId?: string) =>
  (await adminDb().collection('outbox').get()).docs
    .map((d) => d.data())
    .filter((o) => o.alertId.startsWith(caseId) && o.alertId.includes('-warning-') && (!webhookId || o.webhookId === webhookId));

describe("delivery in each robot's format", () => {
  it('sends the warning to WeCom and to DingTalk with a valid signature', async () => {
    await hook('t-wecom', 'wecom', 'wecom/cgi-bin/webhook/send?key=test-key');
    await hook('t-ding', 'dingtalk', 'ding/robot/send?access_token=test-token', 'SECtestsecret');
    await onlyHooks('t-wecom', 't-ding');
    const { caseId, warnAt } = await caseWithWarning();
    await runSweep(adminDb(), warnAt);
    const queued = await outboxOf(caseId);
    expect(queued.map((o) => o.kind).sort()).toEqual(['dingtalk', 'wecom']);
    hits.length = 0;
    const report = await deliverOutbox(adminDb(), warnAt);
    expect(report.delivered).toBeGreaterThanOrEqual(2);

    const alert = toDates((await adminDb().doc(`alerts/${queued[0]!.alertId}`).get()).data()) as AlertDoc;
    const wecom = hits.find((h) => h.path === '/wecom/cgi-bin/webhook/send' && JSON.stringify(h.body).includes(alert.title))!;
    expect(wecom.query.get('key')).toBe('test-key');
    expect(wecom.body).toEqual(webhookPayload('wecom', alert));
    expect(wecom.body).toEqual({
      msgtype: 'markdown',
      markdown: {
        content: expect.stringMatching(
          /^\*\*【预警】【物业】层级办理时限即将到期（\d\d-\d\d \d\d:\d\d）\*\*\n> 层级办理时限即将到期（\d\d-\d\d \d\d:\d\d）：“.+”（编号 [A-Za-z0-9-]+）\n> 时间：2\d{3}-\d\d-\d\d \d\d:\d\d$/,
        ),
      },
    });
    const ding = hits.find((h) => h.path === '/ding/robot/send' && JSON.stringify(h.body).includes(alert.title))!;
    expect(ding.body).toEqual(webhookPayload('dingtalk', alert));
    expect(ding.body).toMatchObject({
      msgtype: 'markdown',
      // The case by its number (without the county prefix), never the raw document ID.
      markdown: { title: expect.stringContaining('【预警】'), text: expect.stringContaining(`（编号 ${caseId.replace(/^\d{6}-/, '')}）`) },
    });
    const ts = ding.query.get('timestamp')!;
    expect(ts).toBe(String(warnAt.getTime()));
    expect(ding.query.get('sign')).toBe(createHmac('sha256', 'SECtestsecret').update(`${ts}\nSECtestsecret`).digest('base64'));
    expect(ding.query.get('access_token')).toBe('test-token');
    // No personal data of the parties in anything sent.
    expect(JSON.stringify(hits)).not.toMatch(/钱某|13600001111/);
    for (const o of await outboxOf(caseId)) expect(o).toMatchObject({ state: 'delivered', attempts: 1 });
  });
});

describe('retries', () => {
  it('backs off after failures and delivers when the robot recovers', async () => {
    await hook('t-retry', 'wecom', 'retry/send?key=k');
    await onlyHooks('t-retry');
    const { caseId, warnAt } = await caseWithWarning();
    await runSweep(adminDb(), warnAt);
    const [o] = await outboxOf(caseId, 't-retry');
    mode.retry = 'fail';
    let t = warnAt;
    await deliverOutbox(adminDb(), t);
    let cur = (await adminDb().doc(`outbox/${o!.id}`).get()).data()!;
    expect(cur).toMatchObject({ state: 'pending', attempts: 1, lastError: 'HTTP 500' });
    expect(cur.nextAttemptAt.toMillis()).toBe(t.getTime() + BACKOFF_MINUTES[0]! * 60_000);
    // Not due yet: nothing is attempted.
    await deliverOutbox(adminDb(), new Date(t.getTime() + 30_000));
    expect((await adminDb().doc(`outbox/${o!.id}`).get()).get('attempts')).toBe(1);
    mode.retry = 'errcode'; // DingTalk/WeCom style refusal: HTTP 200 with a non-zero errcode
    t = new Date(t.getTime() + BACKOFF_MINUTES[0]! * 60_000);
    await deliverOutbox(adminDb(), t);
    cur = (await adminDb().doc(`outbox/${o!.id}`).get()).data()!;
    expect(cur).toMatchObject({ state: 'pending', attempts: 2, lastError: expect.stringContaining('errcode 310000') });
    expect(cur.nextAttemptAt.toMillis()).toBe(t.getTime() + BACKOFF_MINUTES[1]! * 60_000);
    mode.retry = 'ok';
    await deliverOutbox(adminDb(), new Date(t.getTime() + BACKOFF_MINUTES[1]! * 60_000));
    expect((await adminDb().doc(`outbox/${o!.id}`).get()).data()).toMatchObject({ state: 'delivered', attempts: 3, lastError: null });
  });

  it('dead-letters a delivery that keeps failing', async () => {
    await hook('t-dead', 'wecom', 'dead/send?key=k');
    await onlyHooks('t-dead');
    const { caseId, warnAt } = await caseWithWarning();
    await runSweep(adminDb(), warnAt);
    const [o] = await outboxOf(caseId, 't-dead');
    mode.dead = 'fail';
    let t = warnAt.getTime();
    for (let i = 0; i <= BACKOFF_MINUTES.length; i++) {
      await deliverOutbox(adminDb(), new Date(t));
      t += (BACKOFF_MINUTES[i] ?? 0) * 60_000;
    }
    expect((await adminDb().doc(`outbox/${o!.id}`).get()).data()).toMatchObject({ state: 'dead', attempts: BACKOFF_MINUTES.length + 1 });
    const dead = await adminDb().doc(`deadLetters/${o!.id}`).get();
    expect(dead.exists).toBe(true);
    expect(dead.get('lastError')).toBe('HTTP 500');
    // A dead delivery is not attempted again.
    const n = hits.length;
    await deliverOutbox(adminDb(), new Date(t + 86_400_000));
    expect(hits.filter((h, i) => i >= n && h.path.startsWith('/dead')).length).toBe(0);
  });
});
