import type { Firestore } from 'firebase-admin/firestore';
import {
  type AlertDoc,
  type CaseAfter,
  type CaseEvent,
  alertsForEvent,
  caseAfter,
  outboxFor,
  residentView,
  residentViewWith,
  webhooksFor,
} from '../domain';
import { loadWebhooks } from './config';
import { refs } from './db';
import { eventsBySeq } from './queries';

const ALREADY_EXISTS = 6;

/**
 * Alerts and the resident view for one event, as the trigger delivers it. Idempotent (at-least-
 * once delivery): alerts are created if absent, the resident view only grows. An event carries
 * the case as the fan-out needs it (`after`) and the robots its alerts go to (`robots`): nothing
 * is read but the resident view it updates. An event of an earlier release reads the case (no
 * `after`) or the cached webhooks (no `robots`).
 */
export async function fanOutCaseEvent(
  db: Firestore,
  caseId: string,
  e: CaseEvent,
): Promise<{ alerts: number; skipped: number; residentView: boolean }> {
  const r = refs(db);
  const withAfter = e.after ? (e as CaseEvent & { after: CaseAfter }) : await legacyAfter(db, caseId, e);
  if (!withAfter) return { alerts: 0, skipped: 0, residentView: false };
  const a = withAfter.after;
  let created = 0,
    skipped = 0;
  const alerts = alertsForEvent({ ...a, id: caseId, countyId: e.scope.countyId }, e);
  // The robots ride on the event (its writer's county directory); an event without them looks them up.
  const hooks = alerts.length ? (e.robots ?? (await loadWebhooks(db))) : [];
  for (const alert of alerts) {
    if (await createIfAbsent(r.alert(alert.id), alert)) created++;
    else skipped++;
    for (const h of webhooksFor(alert, hooks)) {
      const o = outboxFor(alert, h, new Date());
      await createIfAbsent(r.outbox(o.id), o);
    }
  }
  let wroteView = false;
  if (a.residentUid) {
    // The event's step and, when it is the newest seen, its header: replays change nothing.
    wroteView = await db.runTransaction(async (tx) => {
      const view = residentViewWith((await tx.get(r.request(caseId))).data(), caseId, withAfter);
      if (view) tx.set(r.request(caseId), view);
      return view !== null;
    });
  }
  return { alerts: created, skipped, residentView: wroteView };
}

/**
 * An event written before events carried `after`: the case as it is now stands in (its unit at
 * the event's tier), and the resident view is rebuilt from all events, as before.
 */
async function legacyAfter(db: Firestore, caseId: string, e: CaseEvent): Promise<(CaseEvent & { after: CaseAfter }) | null> {
  const c = (await refs(db).case(caseId).get()).data();
  if (!c) return null;
  const after = { ...caseAfter(c), unitId: unitAt(c, e), residentUid: null };
  if (c.residentUid) {
    const r = refs(db);
    await db.runTransaction(async (tx) => {
      const current = (await tx.get(r.request(caseId))).data();
      const fresh = (await tx.get(r.case(caseId))).data()!;
      if (current && current.version >= fresh.version) return;
      const events = (await tx.get(eventsBySeq(db, caseId))).docs.map((d) => d.data());
      tx.set(r.request(caseId), residentView(fresh, events)!);
    });
  }
  return { ...e, after };
}

/** The unit the case sat at right after this event (the case may have moved on since). */
function unitAt(
  c: { countyId: string; townId: string; villageId: string; gridId: string; unitId: string },
  e: { to: { tier: string } },
): string {
  switch (e.to.tier) {
    case 'grid':
      return c.gridId;
    case 'village':
      return c.villageId;
    case 'town':
      return c.townId;
    default:
      return c.countyId;
  }
}

/** Creates a document unless it exists; true when this call created it. */
export async function createIfAbsent<T extends object>(ref: FirebaseFirestore.DocumentReference<T>, data: T): Promise<boolean> {
  try {
    await ref.create(data);
    return true;
  } catch (err) {
    if ((err as { code?: number }).code !== ALREADY_EXISTS) throw err;
    return false;
  }
}

export type { AlertDoc };
