import { guardDepartment } from '../domain';
import { db } from '../lib/admin';
import { defineCallable } from '../lib/callable';
import { refs } from '../lib/db';
import { fail } from '../lib/errors';
import { refreshStaffOfUnit } from '../lib/staff';

/** An administrator creates or edits a department (部门) of their county. */
export const saveDepartment = defineCallable('saveDepartment', async (input, { claims }) => {
  guardDepartment(claims, input);
  if (input.townId && !(await refs(db).region(input.townId).get()).exists)
    fail('invalid-argument', '所属乡镇不存在', `town ${input.townId} not found`);
  await refs(db)
    .department(input.id)
    .set({ ...input, countyId: input.id.slice(0, 6) });
  await refreshStaffOfUnit(db, input.id); // the directory names the unit of its staff
  return { id: input.id };
});
