import { ZERO_FIGURES, guardMediator, mayBeAssigned } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { refs } from '../../lib/db';
import { fail } from '../../lib/errors';

/**
 * An administrator creates or edits a mediator (调解员, 金牌调解员…) of a registry organisation.
 * A linked console account (`uid`) must be an active account of the county that may mediate.
 */
export const saveMediator = defineCallable('saveMediator', async (input, { claims }) => {
  guardMediator(claims, input);
  const r = refs(db);
  const created = await db.runTransaction(async (tx) => {
    const org = (await tx.get(r.mediationOrg(input.orgId))).data();
    if (!org || org.countyId !== claims.c) fail('invalid-argument', '所属调解组织不存在', `org ${input.orgId} not found`);
    if (input.uid) {
      const u = (await tx.get(r.user(input.uid))).data();
      if (!u?.active || u.countyId !== claims.c || !mayBeAssigned('mediator', u.role))
        fail('invalid-argument', '关联的账号不存在、已停用或不能担任调解员', `uid ${input.uid} cannot mediate in ${claims.c}`);
    }
    const before = (await tx.get(r.mediator(input.id))).data();
    if (before && before.orgId !== input.orgId && before.figures.open > 0)
      fail('failed-precondition', '该调解员仍有在办案件，不能调往其他组织', `mediator ${input.id} has ${before.figures.open} open cases`);
    tx.set(r.mediator(input.id), {
      ...input,
      countyId: input.id.slice(0, 6),
      orgName: org.name,
      orgKind: org.kind,
      figures: before?.figures ?? ZERO_FIGURES,
      updatedAt: new Date(),
    });
    return !before;
  });
  return { id: input.id, created };
});
