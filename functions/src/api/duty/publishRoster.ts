import { requireAdminOf } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { publishRoster as publish } from '../../lib/roster-service';

/** An administrator publishes a period's roster: an immutable version. */
export const publishRoster = defineCallable('publishRoster', async (input, { claims, uid }) => {
  requireAdminOf(claims, input.unitId.slice(0, 6));
  const v = await publish(db, input.unitId, input.from, input.to, uid);
  return { unitId: v.unitId, from: v.from, to: v.to, days: v.assignments.length };
});
