import { maySetRisk, visitClock } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { loadPolicy } from '../../lib/config';
import { refs } from '../../lib/db';
import { fail, retryOnContention } from '../../lib/errors';

/**
 * 风险等级调整 (green/yellow/red): the staff in scope or the 包保 leader. The visit frequency
 * follows the level (policy keyPersons.visitEveryDays) and the next visit is due that many days
 * after the last visit (or the registration).
 */
export const setKeyPersonRisk = defineCallable('setKeyPersonRisk', async (input, { claims, actor }) => {
  const r = refs(db);
  const policy = (await loadPolicy(db, claims.c)).keyPersons;
  return await retryOnContention(() =>
    db.runTransaction(async (tx) => {
      const kp = (await tx.get(r.keyPerson(input.id))).data();
      if (!kp || kp.countyId !== claims.c || !maySetRisk(claims, actor.uid, kp))
        fail('not-found', '记录不存在或您无权修改', `key person ${input.id} not for ${claims.r} ${claims.u}`);
      if (kp.version !== input.expectedVersion)
        fail('failed-precondition', '记录已被他人更新，请刷新后重试', `version ${kp.version} != ${input.expectedVersion}`);
      const everyDays = policy.visitEveryDays[input.risk];
      const clock = visitClock(kp.lastVisitAt ?? kp.createdAt, everyDays, policy.warnDaysBefore);
      const now = new Date();
      const version = kp.version + 1;
      tx.set(r.keyPerson(kp.id), {
        ...kp,
        ...clock,
        sweepAt: kp.active ? clock.sweepAt : null,
        risk: input.risk,
        everyDays,
        updatedAt: now,
        version,
      });
      return { id: kp.id, version, risk: input.risk, dueAt: clock.dueAt.toISOString() };
    }),
  );
});
