/**
 * Policy, calendar and webhook configuration, read from Firestore and cached per function
 * instance for a short while (they change rarely; a transition should not pay three extra reads).
 */
import type { Firestore } from 'firebase-admin/firestore';
import { type DeadlinePolicy, WorkCalendar, defaultPolicy } from '../domain';
import { refs } from './db';
import type { WebhookDoc } from '../domain/webhooks';
import { activeWebhooks } from './queries';

const TTL_MS = 60_000;
type Entry<T> = { at: number; value: T };
const cache = new Map<string, Entry<unknown>>();

async function cached<T>(key: string, load: () => Promise<T>, ttl = TTL_MS): Promise<T> {
  const hit = cache.get(key) as Entry<T> | undefined;
  if (hit && Date.now() - hit.at < ttl) return hit.value;
  const value = await load();
  cache.set(key, { at: Date.now(), value });
  return value;
}

/** Forget cached configuration (the CLI after an import; tests). */
export function clearConfigCache() {
  cache.clear();
}

export function loadPolicy(db: Firestore, countyId: string): Promise<DeadlinePolicy> {
  return cached(`policy:${countyId}`, async () => {
    return (await refs(db).policy(countyId).get()).data() ?? defaultPolicy(countyId);
  });
}

export function loadCalendar(db: Firestore): Promise<WorkCalendar> {
  return cached('calendar', async () => new WorkCalendar((await refs(db).calendarYears().get()).docs.map((d) => d.data())));
}

export function loadWebhooks(db: Firestore): Promise<WebhookDoc[]> {
  return cached('webhooks', async () => (await activeWebhooks(db).get()).docs.map((d) => d.data()));
}
