import { onCall } from 'firebase-functions/v2/https';
import { SaveDepartmentInput, guardDepartment } from '../domain';
import { db } from '../lib/admin';
import { refs } from '../lib/db';
import { fail, parse, requireActor, rethrow } from '../lib/errors';
import { callable } from '../lib/options';

/** An administrator creates or edits a department (部门) of their county. */
export const saveDepartment = onCall(callable, async (req) => {
  const { claims, caller } = await requireActor(req);
  const input = parse(SaveDepartmentInput, req.data);
  try {
    guardDepartment(claims, input);
    if (input.townId && !(await refs(db).region(input.townId).get()).exists)
      fail('invalid-argument', '所属乡镇不存在', `town ${input.townId} not found`);
    await refs(db)
      .department(input.id)
      .set({ ...input, countyId: input.id.slice(0, 6) });
    return { id: input.id };
  } catch (e) {
    rethrow(e, caller);
  }
});
