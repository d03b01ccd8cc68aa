import { onCall } from 'firebase-functions/v2/https';
import { RosterChangeInput } from '../../domain';
import { db } from '../../lib/admin';
import { fail, parse, requireActor, rethrow } from '../../lib/errors';
import { callable } from '../../lib/options';
import { requestChange } from '../../lib/roster-service';

/** A leader asks for leave or a swap — for themselves only. */
export const requestRosterChange = onCall(callable, async (req) => {
  const { claims, actor, caller } = await requireActor(req);
  const input = parse(RosterChangeInput, req.data);
  try {
    if (claims.r !== 'leader') fail('permission-denied', '只有领导可以申请请假或调班', `role ${claims.r} requested a roster change`);
    const id = await requestChange(db, input.unitId, actor.uid, input);
    return { changeId: id };
  } catch (e) {
    rethrow(e, caller);
  }
});
