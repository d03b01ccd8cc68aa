import { FieldValue } from 'firebase-admin/firestore';
import { GuardError, canSeeSignal, handleSignal as nextState, localDate, signalFiguresId } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { increments, refs, writeIncrements } from '../../lib/db';
import { judgeSignal } from '../../lib/meetings-service';

/**
 * A risk signal is acknowledged (知悉) or dismissed with a reason (排除) by town or county staff or
 * leaders of a unit it belongs to, or taken into a draft 研判 of the caller's unit (`judge`: state
 * `in_analysis`, lib/meetings-service.ts). The first handling counts in the month's `handled` figure.
 */
export const handleSignal = defineCallable('handleSignal', async (input, { claims, actor }) => {
  if (input.action === 'judge') return judgeSignal(db, input.signalId, input.meetingId, claims, actor, new Date());
  const r = refs(db);
  return db.runTransaction(async (tx) => {
    const s = (await tx.get(r.signal(input.signalId))).data();
    if (!s || !canSeeSignal(claims, s))
      throw new GuardError('not-found', '没有找到该风险信号', `signal ${input.signalId} not found or not visible`);
    const state = nextState(s, input);
    const now = new Date();
    tx.set(r.signal(s.id), {
      ...s,
      state,
      handling: { by: actor.uid, byName: actor.name, at: now, reason: input.action === 'dismiss' ? input.reason : null, analysisId: null },
      updatedAt: now,
    });
    if (!s.handling) {
      const month = localDate(now).slice(0, 7);
      for (const u of [...new Set([s.scope.townId, s.scope.countyId].filter((x): x is string => !!x))])
        writeIncrements(
          tx,
          increments(db).signalFigures(signalFiguresId(u, month)),
          { unitId: u, month },
          { handled: FieldValue.increment(1) },
        );
    }
    return { signalId: s.id, state };
  });
});
