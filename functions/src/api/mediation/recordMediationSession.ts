import { type MediationDoc, emptyMediation, maskText, sessionId } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { refs } from '../../lib/db';
import { caseMaskFor } from '../../lib/mask-seal';
import { markHasMediation, requireMediationActor, writeMediation } from '../../lib/mediation-service';

/**
 * The handler, a mediator or the leader in charge records a mediation session (调解记录): when,
 * where, who attended, what happened — free text stored masked with the case's parties. Its ID is
 * its minute: sent again, it is not recorded twice. `failed` (调解不成) ends the mediation.
 */
export const recordMediationSession = defineCallable('recordMediationSession', async (input, { claims, actor }) => {
  const r = refs(db);
  const at = new Date(input.at);
  const id = sessionId(at);
  return db.runTransaction(async (tx) => {
    const c = requireMediationActor(claims, actor.uid, (await tx.get(r.case(input.caseId))).data());
    const existing = (await tx.get(r.session(c.id, id))).data();
    if (existing) return { sessionId: id, created: false };
    // Masked with the case's seal; the parties' document is read only without one (lib/mask-seal.ts).
    const mask = await caseMaskFor(c, async () => (await tx.get(r.casePrivate(c.id))).data());
    const med = (await tx.get(r.mediation(c.id))).data() ?? null;
    const now = new Date();
    tx.create(r.session(c.id, id), {
      id,
      caseId: c.id,
      countyId: c.countyId,
      at,
      place: maskText(input.place, mask),
      attendees: maskText(input.attendees, mask),
      summary: maskText(input.summary, mask),
      outcome: input.outcome,
      mediatorName: med?.mediatorName ?? null,
      recordedBy: { uid: actor.uid, name: actor.name },
      recordedAt: now,
    });
    if (input.outcome === 'failed' && (med === null || med.status === 'open')) {
      const base: MediationDoc = med ?? emptyMediation(c.id, c.countyId, now);
      writeMediation(db, tx, med, { ...base, status: 'failed', updatedAt: now });
      markHasMediation(db, tx, c);
    }
    return { sessionId: id, created: true };
  });
});
