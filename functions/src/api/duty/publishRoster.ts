import { onCall } from 'firebase-functions/v2/https';
import { PublishRosterInput, requireAdminOf } from '../../domain';
import { db } from '../../lib/admin';
import { parse, requireActor, rethrow } from '../../lib/errors';
import { callable } from '../../lib/options';
import { publishRoster as publish } from '../../lib/roster-service';

/** An administrator publishes a period's roster: an immutable version. */
export const publishRoster = onCall(callable, async (req) => {
  const { claims, caller } = await requireActor(req);
  const input = parse(PublishRosterInput, req.data);
  try {
    requireAdminOf(claims, input.unitId.slice(0, 6));
    const v = await publish(db, input.unitId, input.from, input.to, req.auth!.uid);
    return { unitId: v.unitId, from: v.from, to: v.to, days: v.assignments.length };
  } catch (e) {
    rethrow(e, caller);
  }
});
