import { canReadKeyPerson, maskText, visitClock, visitContribution } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { loadPolicy } from '../../lib/config';
import { refs } from '../../lib/db';
import { fail, retryOnContention } from '../../lib/errors';
import { caseIdFor } from '../../lib/ids';
import { writePatrolFigures } from '../../lib/patrol-figures';

const DAY = 86_400_000;

/**
 * 走访: the responsible grid worker (or the 包保 leader, or the staff in scope) logs a visit — met
 * or not, the condition, the measures. The visit's ID comes from (caller, requestId): a phone's
 * outbox resending it changes nothing. The next visit is due `everyDays` after the latest visit;
 * `onTime` says whether it was made by the due date that was running. Free text is masked with
 * the record's own personal data (the name, phone, ID number never reach the visit log).
 */
export const recordKeyPersonVisit = defineCallable('recordKeyPersonVisit', async (input, { claims, actor }) => {
  const r = refs(db);
  const visitedAt = new Date(input.visitedAt);
  return await retryOnContention(() =>
    db.runTransaction(async (tx) => {
      const kp = (await tx.get(r.keyPerson(input.id))).data();
      if (!kp || kp.countyId !== claims.c || !canReadKeyPerson(claims, actor.uid, kp))
        fail('not-found', '记录不存在或您无权查看', `key person ${input.id} not readable by ${claims.r} ${claims.u}`);
      const visitId = caseIdFor(kp.countyId, `kpv:${actor.uid}`, input.requestId).slice(7);
      const again = (await tx.get(r.keyVisit(kp.id, visitId))).data();
      if (again) return { id: kp.id, visitId, created: false, onTime: again.onTime, dueAt: kp.dueAt.toISOString() };
      const now = new Date();
      if (visitedAt.getTime() > now.getTime() + 10 * 60_000)
        fail('invalid-argument', '走访时间不能晚于现在', `visitedAt ${input.visitedAt} in the future`);
      const policy = await loadPolicy(db, kp.countyId);
      if (visitedAt.getTime() < now.getTime() - policy.patrol.backdateDays * DAY)
        fail('invalid-argument', `走访时间不能早于${policy.patrol.backdateDays}天前`, `visitedAt ${input.visitedAt} too old`);
      if (!kp.active) fail('failed-precondition', '该记录已不再列管', `key person ${kp.id} archived`);
      const personal = (await tx.get(r.keyPersonPersonal(kp.id))).data();
      const mask = { parties: personal ? [personal] : [], addresses: personal ? [personal.address] : [] };
      const onTime = visitedAt.getTime() <= kp.dueAt.getTime();
      const latest = !kp.lastVisitAt || visitedAt > kp.lastVisitAt;
      const clock = latest
        ? visitClock(visitedAt, kp.everyDays, policy.keyPersons.warnDaysBefore)
        : { dueAt: kp.dueAt, warnAt: kp.warnAt, warned: kp.warned, overdue: kp.overdue, sweepAt: kp.sweepAt };
      tx.create(r.keyVisit(kp.id, visitId), {
        id: visitId,
        keyPersonId: kp.id,
        countyId: kp.countyId,
        byUid: actor.uid,
        byName: actor.name,
        visitedAt,
        met: input.met,
        condition: input.condition,
        note: maskText(input.note, mask),
        measures: input.measures === null ? null : maskText(input.measures, mask),
        onTime,
        createdAt: now,
      });
      tx.set(r.keyPerson(kp.id), {
        ...kp,
        ...clock,
        lastVisitAt: latest ? visitedAt : kp.lastVisitAt,
        visits: kp.visits + 1,
        visitsOnTime: kp.visitsOnTime + (onTime ? 1 : 0),
        updatedAt: now,
        version: kp.version + 1,
      });
      // 排查考核: 走访按期 per unit and day, once, with the visit (counts only: no personal data).
      writePatrolFigures(db, tx, kp.gridId, `${kp.id}/${visitId}`, visitContribution({ visitedAt, onTime }));
      return { id: kp.id, visitId, created: true, onTime, dueAt: clock.dueAt.toISOString() };
    }),
  );
});
