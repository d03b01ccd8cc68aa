import { requireAdminOf } from '../domain';
import { db } from '../lib/admin';
import { defineCallable } from '../lib/callable';
import { refs } from '../lib/db';

/** An administrator sets the county's deadline policy (限时化解 limits); new clocks use it. */
export const savePolicy = defineCallable('savePolicy', async (input, { claims }) => {
  requireAdminOf(claims, input.countyId);
  await refs(db).policy(input.countyId).set(input);
  return { countyId: input.countyId };
});
