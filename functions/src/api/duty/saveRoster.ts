import { onCall } from 'firebase-functions/v2/https';
import { GuardError, RosterConfig, requireAdminOf } from '../../domain';
import { db } from '../../lib/admin';
import { refs } from '../../lib/db';
import { parse, requireActor, rethrow } from '../../lib/errors';
import { callable } from '../../lib/options';

/** An administrator sets a unit's rotations (weekday receiving leaders, weekend/holiday duty leaders). */
export const saveRoster = onCall(callable, async (req) => {
  const { claims, caller } = await requireActor(req);
  const input = parse(RosterConfig, req.data);
  try {
    requireAdminOf(claims, input.countyId);
    if (!input.unitId.startsWith(input.countyId))
      throw new GuardError('invalid-argument', '值班单位须在本县（区）内', `roster unit ${input.unitId} outside county ${input.countyId}`);
    await refs(db)
      .roster(input.unitId)
      .set({ ...input, updatedAt: new Date(), updatedBy: req.auth!.uid });
    return { unitId: input.unitId };
  } catch (e) {
    rethrow(e, caller);
  }
});
