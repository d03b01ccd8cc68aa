import { mayRequestRosterChange } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { fail } from '../../lib/errors';
import { requestChange } from '../../lib/roster-service';

/** A leader asks for leave or a swap — for themselves only. */
export const requestRosterChange = defineCallable('requestRosterChange', async (input, { claims, actor }) => {
  if (!mayRequestRosterChange(claims))
    fail('permission-denied', '只有领导可以申请请假或调班', `role ${claims.r} requested a roster change`);
  const id = await requestChange(db, input.unitId, actor.uid, input);
  return { changeId: id };
});
