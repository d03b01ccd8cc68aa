import { GuardError, requireAdminOf } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { refs } from '../../lib/db';

/** An administrator sets a unit's rotations (weekday receiving leaders, weekend/holiday duty leaders). */
export const saveRoster = defineCallable('saveRoster', async (input, { claims, uid }) => {
  requireAdminOf(claims, input.countyId);
  if (!input.unitId.startsWith(input.countyId))
    throw new GuardError('invalid-argument', '值班单位须在本县（区）内', `roster unit ${input.unitId} outside county ${input.countyId}`);
  await refs(db)
    .roster(input.unitId)
    .set({ ...input, updatedAt: new Date(), updatedBy: uid });
  return { unitId: input.unitId };
});
