import { guardGrid } from '../domain';
import { db } from '../lib/admin';
import { defineCallable } from '../lib/callable';
import { refs } from '../lib/db';
import { fail } from '../lib/errors';
import { refreshStaffOfUnit } from '../lib/staff';

/** An administrator creates or renames a grid (网格) of a village in their county. */
export const saveGrid = defineCallable('saveGrid', async (input, { claims }) => {
  guardGrid(claims, input);
  const village = (await refs(db).region(input.villageId).get()).data();
  if (!village) fail('invalid-argument', '所属村（社区）不存在', `village ${input.villageId} not found`);
  await refs(db)
    .grid(input.id)
    .set({
      id: input.id,
      name: input.name,
      countyId: input.villageId.slice(0, 6),
      townId: village.townId!,
      villageId: input.villageId,
      households: input.households,
    });
  await refreshStaffOfUnit(db, input.id); // the directory names the unit of its staff
  return { id: input.id };
});
