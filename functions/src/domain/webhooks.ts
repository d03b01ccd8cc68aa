import { DateTime } from 'luxon';
import { z } from 'zod';
import type { AlertDoc } from './alerts';
import { ZONE } from './clock';

/**
 * Group-robot webhooks (群机器人), configured per unit: WeCom (企业微信) and DingTalk (钉钉, with
 * its signed-URL mode). Messages carry the alert's text, which never holds parties' personal data.
 */
export const WebhookDoc = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{3,60}$/),
  countyId: z.string().regex(/^\d{6}$/),
  /** The unit (region code) or department ID whose alerts go to this robot. */
  unitId: z.string().min(6).max(60),
  kind: z.enum(['wecom', 'dingtalk']),
  url: z.url(),
  /** DingTalk 加签 secret (SEC…); null for WeCom or unsigned DingTalk robots. */
  secret: z.string().nullable(),
  minSeverity: z.enum(['info', 'warning', 'critical']),
  active: z.boolean(),
});
export type WebhookDoc = z.infer<typeof WebhookDoc>;

/**
 * A robot as a case event's fan-out needs it: where its messages go and from which severity.
 * No URL and no secret: the outbox delivery reads the webhook itself (lib/outbox.ts).
 */
export const RobotRoute = z.strictObject({
  id: z.string(),
  unitId: z.string(),
  kind: z.enum(['wecom', 'dingtalk']),
  minSeverity: z.enum(['info', 'warning', 'critical']),
});
export type RobotRoute = z.infer<typeof RobotRoute>;

const RANK = { info: 0, warning: 1, critical: 2 } as const;

/** What choosing a robot needs of it: a webhook, or its route (domain/directory.ts, always active). */
type Routable = Pick<WebhookDoc, 'unitId' | 'minSeverity'> & { active?: boolean };

/** The robots an alert goes to. */
export function webhooksFor<H extends Routable>(alert: AlertDoc, hooks: readonly H[]): H[] {
  const to = alert.recipientUnit ?? alert.recipientDept;
  return hooks.filter((h) => h.active !== false && h.unitId === to && RANK[alert.severity] >= RANK[h.minSeverity]);
}

const SEVERITY_ZH = { info: '提示', warning: '预警', critical: '紧急' } as const;

/** The JSON body in each robot's own message format (markdown). */
export function webhookPayload(kind: WebhookDoc['kind'], alert: AlertDoc): Record<string, unknown> {
  const when = DateTime.fromJSDate(alert.createdAt, { zone: ZONE }).toFormat('yyyy-LL-dd HH:mm');
  const head = `【${SEVERITY_ZH[alert.severity]}】${alert.title}`;
  if (kind === 'wecom') {
    return { msgtype: 'markdown', markdown: { content: `**${head}**\n> ${alert.body}\n> 时间：${when}` } };
  }
  return { msgtype: 'markdown', markdown: { title: head, text: `### ${head}\n\n${alert.body}\n\n时间：${when}` } };
}

/** Outbox entries (outbox/{id}): one delivery of one alert to one robot, retried with backoff. */
export const OutboxDoc = z.strictObject({
  id: z.string(),
  alertId: z.string(),
  webhookId: z.string(),
  kind: z.enum(['wecom', 'dingtalk']),
  payload: z.record(z.string(), z.unknown()),
  state: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.date(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  deliveredAt: z.date().nullable(),
});
export type OutboxDoc = z.infer<typeof OutboxDoc>;

export const outboxId = (alertId: string, webhookId: string) => `${alertId}__${webhookId}`.slice(0, 1400);

export function outboxFor(alert: AlertDoc, hook: Pick<WebhookDoc, 'id' | 'kind'>, now: Date): OutboxDoc {
  return {
    id: outboxId(alert.id, hook.id),
    alertId: alert.id,
    webhookId: hook.id,
    kind: hook.kind,
    payload: webhookPayload(hook.kind, alert),
    state: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    createdAt: now,
    deliveredAt: null,
  };
}

/** Minutes to wait after the n-th failed attempt; past the last, the delivery is dead-lettered. */
export const BACKOFF_MINUTES = [1, 5, 30, 120, 360];

export function afterFailure(o: OutboxDoc, now: Date, error: string): OutboxDoc {
  const attempts = o.attempts + 1;
  if (attempts > BACKOFF_MINUTES.length) return { ...o, attempts, state: 'dead', lastError: error };
  return { ...o, attempts, lastError: error, nextAttemptAt: new Date(now.getTime() + BACKOFF_MINUTES[attempts - 1]! * 60_000) };
}
