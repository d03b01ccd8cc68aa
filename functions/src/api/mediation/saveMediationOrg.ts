import { ZERO_FIGURES, guardMediationOrg } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { refs } from '../../lib/db';
import { fail } from '../../lib/errors';
import { mediatorsOfOrg } from '../../lib/queries';

/**
 * An administrator creates or edits a mediation organisation (人民调解委员会, 行业性专业性调解组织,
 * 个人品牌调解工作室) of their county. Its figures are the server's: kept as they are.
 */
export const saveMediationOrg = defineCallable('saveMediationOrg', async (input, { claims }) => {
  guardMediationOrg(claims, input);
  const r = refs(db);
  if (input.unitId.length > 6 && !(await r.region(input.unitId).get()).exists)
    fail('invalid-argument', '服务地区不存在', `region ${input.unitId} not found`);
  const created = await db.runTransaction(async (tx) => {
    const before = (await tx.get(r.mediationOrg(input.id))).data();
    const members = before && before.name !== input.name ? await tx.get(mediatorsOfOrg(db, input.id)) : null;
    tx.set(r.mediationOrg(input.id), {
      ...input,
      countyId: input.id.slice(0, 6),
      figures: before?.figures ?? ZERO_FIGURES,
      updatedAt: new Date(),
    });
    // Mediators carry their organisation's name (the picker searches it).
    for (const m of members?.docs ?? []) tx.set(m.ref, { ...m.data(), orgName: input.name, orgKind: input.kind });
    return !before;
  });
  return { id: input.id, created };
});
