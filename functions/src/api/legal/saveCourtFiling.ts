import { GuardError } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { refs } from '../../lib/db';

/**
 * 法院收案数: per court and month, the disputes the court received — the denominator of 分流率
 * (docs/metrics.md). Entered by an administrator of the court's county or by the court's own
 * officer; a later entry for the same court and month replaces the earlier one.
 */
export const saveCourtFiling = defineCallable('saveCourtFiling', async (input, { claims, actor }) => {
  const r = refs(db);
  return db.runTransaction(async (tx) => {
    const court = (await tx.get(r.department(input.courtId))).data();
    const mayEnter =
      (claims.r === 'admin' && !!court && claims.c === court.countyId) || (claims.r === 'department_officer' && claims.d === input.courtId);
    if (!mayEnter) {
      throw new GuardError(
        'permission-denied',
        '只有本县管理员或该法院的工作人员可以填报收案数',
        `${claims.r} may not enter filings of ${input.courtId}`,
      );
    }
    if (court?.kind !== 'court') {
      throw new GuardError('invalid-argument', '所选单位不是法院', `department ${input.courtId} is not a court`);
    }
    tx.set(r.courtFiling(input.courtId, input.month), {
      courtId: input.courtId,
      courtName: court.name,
      countyId: court.countyId,
      month: input.month,
      incoming: input.incoming,
      filed: input.filed,
      updatedAt: new Date(),
      updatedBy: actor.uid,
      updatedByName: actor.name,
    });
    return { courtId: input.courtId, month: input.month };
  });
});
