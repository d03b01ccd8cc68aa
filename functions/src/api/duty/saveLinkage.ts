import { onCall } from 'firebase-functions/v2/https';
import { LinkageDoc, requireAdminOf } from '../../domain';
import { db } from '../../lib/admin';
import { refs } from '../../lib/db';
import { fail, parse, requireActor, rethrow } from '../../lib/errors';
import { callable } from '../../lib/options';

/** An administrator links a leader to a town and 2–3 villages (挂点). */
export const saveLinkage = onCall(callable, async (req) => {
  const { claims, caller } = await requireActor(req);
  const input = parse(LinkageDoc, req.data);
  try {
    requireAdminOf(claims, input.countyId);
    if (input.villageIds.some((v) => !v.startsWith(input.countyId)) || (input.townId && !input.townId.startsWith(input.countyId)))
      fail('invalid-argument', '挂点村镇须在本县', 'linkage outside county');
    await refs(db).linkage(input.leaderUid).set(input);
    return { leaderUid: input.leaderUid };
  } catch (e) {
    rethrow(e, caller);
  }
});
