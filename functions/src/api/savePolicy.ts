import { requireAdminOf } from '../domain';
import { db } from '../lib/admin';
import { defineCallable } from '../lib/callable';
import { bumpConfigVersion } from '../lib/config';
import { refs } from '../lib/db';

/** An administrator sets the county's deadline policy (限时化解 limits); new clocks use it. */
export const savePolicy = defineCallable('savePolicy', async (input, { claims }) => {
  requireAdminOf(claims, input.countyId);
  const batch = db.batch();
  batch.set(refs(db).policy(input.countyId), input);
  bumpConfigVersion(db, batch, `policy ${input.countyId}`); // every instance's cache follows (lib/config.ts)
  await batch.commit();
  return { countyId: input.countyId };
});
