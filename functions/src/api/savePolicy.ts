import { onCall } from 'firebase-functions/v2/https';
import { DeadlinePolicy, requireAdminOf } from '../domain';
import { db } from '../lib/admin';
import { refs } from '../lib/db';
import { parse, requireActor, rethrow } from '../lib/errors';
import { callable } from '../lib/options';

/** An administrator sets the county's deadline policy (限时化解 limits); new clocks use it. */
export const savePolicy = onCall(callable, async (req) => {
  const { claims, caller } = await requireActor(req);
  const input = parse(DeadlinePolicy, req.data);
  try {
    requireAdminOf(claims, input.countyId);
    await refs(db).policy(input.countyId).set(input);
    return { countyId: input.countyId };
  } catch (e) {
    rethrow(e, caller);
  }
});
