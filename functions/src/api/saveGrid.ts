import { onCall } from 'firebase-functions/v2/https';
import { SaveGridInput, guardGrid } from '../domain';
import { db } from '../lib/admin';
import { refs } from '../lib/db';
import { fail, parse, requireActor, rethrow } from '../lib/errors';
import { callable } from '../lib/options';

/** An administrator creates or renames a grid (网格) of a village in their county. */
export const saveGrid = onCall(callable, async (req) => {
  const { claims, caller } = await requireActor(req);
  const input = parse(SaveGridInput, req.data);
  try {
    guardGrid(claims, input);
    const village = (await refs(db).region(input.villageId).get()).data();
    if (!village) fail('invalid-argument', '所属村（社区）不存在', `village ${input.villageId} not found`);
    await refs(db).grid(input.id).set({
      id: input.id,
      name: input.name,
      countyId: village.countyId,
      townId: village.townId!,
      villageId: input.villageId,
      households: input.households,
    });
    return { id: input.id };
  } catch (e) {
    rethrow(e, caller);
  }
});
