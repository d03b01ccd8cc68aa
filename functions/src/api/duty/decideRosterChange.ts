import { requireAdminOf } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { decideChange } from '../../lib/roster-service';

/** An administrator approves or rejects a leave or swap request; approval layers an override. */
export const decideRosterChange = defineCallable('decideRosterChange', async (input, { claims, uid }) => {
  requireAdminOf(claims, input.unitId.slice(0, 6));
  const c = await decideChange(db, input.unitId, input.changeId, input.approve, uid);
  return { status: c.status, effect: c.effect };
});
