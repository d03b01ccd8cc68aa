import { requireAdminOf } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { refs } from '../../lib/db';
import { fail } from '../../lib/errors';

/** An administrator links a leader to a town and 2–3 villages (挂点). */
export const saveLinkage = defineCallable('saveLinkage', async (input, { claims }) => {
  requireAdminOf(claims, input.countyId);
  if (input.villageIds.some((v) => !v.startsWith(input.countyId)) || (input.townId && !input.townId.startsWith(input.countyId)))
    fail('invalid-argument', '挂点村镇须在本县', 'linkage outside county');
  await refs(db).linkage(input.leaderUid).set(input);
  return { leaderUid: input.leaderUid };
});
