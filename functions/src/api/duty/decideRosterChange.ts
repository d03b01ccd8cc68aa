import { onCall } from 'firebase-functions/v2/https';
import { DecideRosterChangeInput, requireAdminOf } from '../../domain';
import { db } from '../../lib/admin';
import { parse, requireActor, rethrow } from '../../lib/errors';
import { callable } from '../../lib/options';
import { decideChange } from '../../lib/roster-service';

/** An administrator approves or rejects a leave or swap request; approval layers an override. */
export const decideRosterChange = onCall(callable, async (req) => {
  const { claims, caller } = await requireActor(req);
  const input = parse(DecideRosterChangeInput, req.data);
  try {
    requireAdminOf(claims, input.unitId.slice(0, 6));
    const c = await decideChange(db, input.unitId, input.changeId, input.approve, req.auth!.uid);
    return { status: c.status, effect: c.effect };
  } catch (e) {
    rethrow(e, caller);
  }
});
