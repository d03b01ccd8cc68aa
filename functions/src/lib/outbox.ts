/**
 * Webhook delivery (outbox): the sweep, onCaseEvent and the roster job queue deliveries with
 * their alerts (deterministic IDs); this sends them. The same code runs from the scheduled
 * functions and from `fengqiao sweep`.
 */
import type { Firestore } from 'firebase-admin/firestore';
import { afterFailure } from '../domain';
import { refs } from './db';
import { dingtalkSignedUrl } from './dingtalk';
import { outboxDue } from './queries';

export interface DeliveryReport {
  attempted: number;
  delivered: number;
  failed: number;
  deadLettered: number;
}

type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/**
 * Delivers due outbox entries: POST in the robot's format; a 2xx with errcode 0 (or no errcode)
 * is delivered; anything else is retried with backoff, and dead-lettered after the last try.
 * At-least-once: a crash between the POST and the mark may send a message twice.
 */
export async function deliverOutbox(
  db: Firestore,
  now: Date,
  opts: { limit?: number; fetch?: Fetch; timeoutMs?: number } = {},
): Promise<DeliveryReport> {
  const r = refs(db);
  const doFetch: Fetch = opts.fetch ?? (fetch as unknown as Fetch);
  const report: DeliveryReport = { attempted: 0, delivered: 0, failed: 0, deadLettered: 0 };
  const due = await outboxDue(db, now)
    .limit(opts.limit ?? 100)
    .get();
  for (const d of due.docs) {
    const o = d.data();
    const hook = (await r.webhook(o.webhookId).get()).data();
    report.attempted++;
    let error: string | null = null;
    if (!hook?.active) {
      // Nobody to deliver to any more: dead-letter at once rather than retry.
      const dead = { ...o, state: 'dead' as const, lastError: 'webhook removed or inactive' };
      await r.outbox(o.id).set(dead);
      await r.deadLetter(o.id).set({ ...dead, deadAt: now });
      report.deadLettered++;
      continue;
    } else {
      const url =
        hook.kind === 'dingtalk' && hook.secret ? dingtalkSignedUrl(String(hook.url), hook.secret, now.getTime()) : String(hook.url);
      try {
        const res = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(o.payload),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        });
        const text = await res.text();
        let errcode = 0;
        try {
          errcode = Number(JSON.parse(text).errcode ?? 0);
        } catch {
          /* not JSON: judge by status */
        }
        if (!res.ok) error = `HTTP ${res.status}`;
        else if (errcode !== 0) error = `errcode ${errcode}: ${text.slice(0, 200)}`;
      } catch (e) {
        error = `network: ${(e as Error).message}`;
      }
    }
    if (!error) {
      await r.outbox(o.id).set({ ...o, state: 'delivered', attempts: o.attempts + 1, deliveredAt: now, lastError: null });
      report.delivered++;
      continue;
    }
    const next = afterFailure(o, now, error);
    await r.outbox(o.id).set(next);
    if (next.state === 'dead') {
      await r.deadLetter(o.id).set({ ...next, deadAt: now });
      report.deadLettered++;
    } else report.failed++;
  }
  return report;
}
