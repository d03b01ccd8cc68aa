import { auth, db } from '../lib/admin';
import { defineCallable } from '../lib/callable';
import { syncProfile, upsertUser as upsert } from '../lib/users-service';

/** An administrator creates or edits a user profile; claims follow from it. */
export const upsertUser = defineCallable('upsertUser', async (input, { claims, uid }) => {
  const result = await upsert(db, auth, input, { claims, uid });
  await syncProfile(db, auth, result.uid); // the trigger does this too; doing it here makes the answer final
  return result;
});
