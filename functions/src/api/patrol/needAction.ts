import { NeedError, alreadyApplied, applyNeed, mayBeResponsible, needOf } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { refs } from '../../lib/db';
import { fail, retryOnContention } from '../../lib/errors';

/**
 * 需求清单: the village or town works a 群众诉求 — take it (a responsible person of the village or
 * town), mark it met (what was done) or cannot be met (why). One transaction, compare-and-set on
 * the item's `version`; a resend of the step just done answers `changed: false` and writes nothing.
 */
export const needAction = defineCallable('needAction', async (input, { claims, actor }) => {
  const r = refs(db);
  return await retryOnContention(() =>
    db.runTransaction(async (tx) => {
      const item = (await tx.get(r.patrolItem(input.itemId))).data();
      const need = item ? needOf(item) : null;
      // The same answer for a missing item, another county's and one that is not a 群众诉求: IDs cannot be probed.
      if (!item || item.countyId !== claims.c || !need || !item.units.includes(claims.u))
        fail('not-found', '诉求不存在或您无权查看', `need ${input.itemId} not found`);
      const cmd = input.command;
      if (alreadyApplied(need, item.version, input.expectedVersion, cmd, actor.uid))
        return { itemId: item.id, version: item.version, state: need.state, changed: false };
      if (item.version !== input.expectedVersion)
        fail('failed-precondition', '诉求已被他人更新，请刷新后重试', `version ${item.version} != ${input.expectedVersion}`);
      let responsible: { uid: string; name: string; unitName: string } | null = null;
      if (cmd.action === 'take') {
        const uid = cmd.responsibleUid ?? actor.uid;
        const s = (await tx.get(r.staff(uid))).data();
        if (s && s.countyId === item.countyId && mayBeResponsible(s, item))
          responsible = { uid, name: s.displayName, unitName: s.unitName };
      }
      const now = new Date();
      let next: ReturnType<typeof applyNeed>;
      try {
        next = applyNeed(need, cmd, claims, item, actor, now, responsible);
      } catch (e) {
        if (e instanceof NeedError) fail(e.code, e.zh, e.message);
        throw e;
      }
      const version = item.version + 1;
      tx.set(r.patrolItem(item.id), { ...item, need: next, version, updatedAt: now });
      return { itemId: item.id, version, state: next.state, changed: true };
    }),
  );
});
