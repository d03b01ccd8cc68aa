import type { Firestore } from 'firebase-admin/firestore';
import { type AlertDoc, alertsForEvent, outboxFor, residentView, webhooksFor } from '../domain';
import { loadWebhooks } from './config';
import { refs } from './db';
import { eventsBySeq } from './queries';

const ALREADY_EXISTS = 6;

/** Alerts and the resident view for one event. Idempotent: create-if-absent, and version-guarded. */
export async function fanOutCaseEvent(
  db: Firestore,
  caseId: string,
  eventDocId: string,
): Promise<{ alerts: number; skipped: number; residentView: boolean }> {
  const r = refs(db);
  const [caseSnap, eventSnap] = await Promise.all([r.case(caseId).get(), r.caseEvents(caseId).doc(eventDocId).get()]);
  const c = caseSnap.data();
  const e = eventSnap.data();
  if (!c || !e) return { alerts: 0, skipped: 0, residentView: false };
  let created = 0,
    skipped = 0;
  const hooks = await loadWebhooks(db);
  for (const a of alertsForEvent({ ...c, unitId: unitAt(c, e) }, e)) {
    if (await createIfAbsent(r.alert(a.id), a)) created++;
    else skipped++;
    for (const h of webhooksFor(a, hooks)) await createIfAbsent(r.outbox(outboxFor(a, h, new Date()).id), outboxFor(a, h, new Date()));
  }
  let wroteView = false;
  if (c.residentUid) {
    // Recomputed from the case and its events, written only when newer: replays change nothing.
    wroteView = await db.runTransaction(async (tx) => {
      const current = (await tx.get(r.request(caseId))).data();
      const fresh = (await tx.get(r.case(caseId))).data()!;
      if (current && current.version >= fresh.version) return false;
      const events = (await tx.get(eventsBySeq(db, caseId))).docs.map((d) => d.data());
      tx.set(r.request(caseId), residentView(fresh, events)!);
      return true;
    });
  }
  return { alerts: created, skipped, residentView: wroteView };
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
