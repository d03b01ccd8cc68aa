import { type PerformanceTask, mediationSweepAt } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { applyCaseCommand } from '../../lib/case-service';
import { refs } from '../../lib/db';
import { fail, retryOnContention } from '../../lib/errors';
import { requireMediationActor } from '../../lib/mediation-service';

/**
 * Records whether an agreed item was performed (履行回访). Not performed: `reopen` sends a resolved
 * or archived case back to work (the `reopen` transition, 回头看/重新办理), `court` records that the
 * parties were referred to the court (申请强制执行 or 诉讼). Sent again with the same answer, nothing
 * changes; a different answer is refused.
 */
export const recordPerformance = defineCallable('recordPerformance', async (input, { claims, actor }) => {
  const r = refs(db);
  if (input.performed && input.followUp) fail('invalid-argument', '已履行的无需后续处理', 'followUp on a performed item');
  if (!input.performed && !input.followUp) fail('invalid-argument', '未履行的请选择重新调解或引导诉讼', 'not performed without followUp');
  const c0 = requireMediationActor(claims, actor.uid, (await r.case(input.caseId).get()).data());
  const m0 = (await r.mediation(c0.id).get()).data();
  const t0 = m0?.tasks.find((t) => t.id === input.taskId);
  if (!t0) fail('not-found', '履行任务不存在', `task ${input.taskId} not on ${c0.id}`);
  const result: PerformanceTask['result'] = input.performed ? 'performed' : 'not_performed';
  const followUp: PerformanceTask['followUp'] = input.followUp === 'reopen' ? 'reopened' : input.followUp;
  if (t0.result !== null) {
    if (t0.result === result && t0.followUp === followUp) return { caseId: c0.id, taskId: t0.id, reopened: false };
    fail('failed-precondition', '该履行情况已登记', `task ${t0.id} already recorded as ${t0.result}`);
  }
  // Reopening first: if the case may not be reopened by this caller, nothing is recorded.
  let reopened = false;
  if (input.followUp === 'reopen' && (c0.state === 'resolved' || c0.state === 'closed')) {
    await retryOnContention(async () => {
      const cur = (await r.case(c0.id).get()).data()!;
      if (cur.state !== 'resolved' && cur.state !== 'closed') return;
      await applyCaseCommand(
        db,
        c0.id,
        cur.version,
        { action: 'reopen', reason: `调解协议未履行（第${t0.item + 1}项），重新调解` },
        actor,
        claims,
        () => new Date(),
      );
      reopened = true;
    });
  }
  await db.runTransaction(async (tx) => {
    const m = (await tx.get(r.mediation(c0.id))).data()!;
    const now = new Date();
    const tasks = m.tasks.map((t) =>
      t.id === input.taskId && t.result === null ? { ...t, result, followUp, note: input.note, recordedBy: actor.uid, recordedAt: now } : t,
    );
    const next = { ...m, tasks, updatedAt: now };
    tx.set(r.mediation(c0.id), { ...next, sweepAt: mediationSweepAt(next, now) });
  });
  return { caseId: c0.id, taskId: input.taskId, reopened };
});
