import { checkJudicialRecord, mediationSweepAt } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { refs } from '../../lib/db';
import { fail } from '../../lib/errors';
import { requireMediationActor } from '../../lib/mediation-service';

/**
 * Records the application for 司法确认 (to a court) or 赋强公证 (to a notary) and, later, the ruling.
 * An application on or before the last day meets the 30-day clock; a late one is recorded and the
 * breach stands. Works whatever the case's state (the clock survives closing the case).
 */
export const recordJudicialConfirmation = defineCallable('recordJudicialConfirmation', async (input, { claims, actor }) => {
  const r = refs(db);
  return db.runTransaction(async (tx) => {
    const c = requireMediationActor(claims, actor.uid, (await tx.get(r.case(input.caseId))).data());
    const m = (await tx.get(r.mediation(c.id))).data();
    if (!m?.agreement || !m.judicial) fail('failed-precondition', '该案件尚未登记调解协议书', `no agreement on ${c.id}`);
    checkJudicialRecord(input, m.agreement.effectiveDate);
    let bodyName = input.notaryName ?? '';
    if (input.kind === 'judicial_confirmation') {
      const court = (await tx.get(r.department(input.courtId!))).data();
      if (court?.kind !== 'court' || court.countyId !== c.countyId)
        fail('invalid-argument', '所选法院不存在', `court ${input.courtId} not a court of ${c.countyId}`);
      bodyName = court.name;
    }
    const now = new Date();
    const j = m.judicial;
    const onTime = j.lastDay === null || input.appliedOn <= j.lastDay;
    const judicial = j.state === 'running' && onTime ? { ...j, state: 'met' as const } : j;
    const next = {
      ...m,
      judicial,
      judicialRecord: {
        kind: input.kind,
        courtId: input.kind === 'judicial_confirmation' ? input.courtId : null,
        bodyName,
        appliedOn: input.appliedOn,
        ruling: input.ruling,
        ruledOn: input.ruledOn,
      },
      updatedAt: now,
    };
    tx.set(r.mediation(c.id), { ...next, sweepAt: mediationSweepAt(next, now) });
    return { caseId: c.id, clock: judicial.state, onTime };
  });
});
