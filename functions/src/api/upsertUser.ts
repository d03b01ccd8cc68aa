import { onCall } from 'firebase-functions/v2/https';
import { UpsertUserInput } from '../domain';
import { auth, db } from '../lib/admin';
import { parse, requireActor, rethrow } from '../lib/errors';
import { callable } from '../lib/options';
import { syncClaims, upsertUser as upsert } from '../lib/users-service';

/** An administrator creates or edits a user profile; claims follow from it. */
export const upsertUser = onCall(callable, async (req) => {
  const { claims, caller } = await requireActor(req);
  const input = parse(UpsertUserInput, req.data);
  try {
    const result = await upsert(db, auth, input, { claims, uid: req.auth!.uid });
    await syncClaims(db, auth, result.uid); // the trigger does this too; doing it here makes the answer final
    return result;
  } catch (e) {
    rethrow(e, caller);
  }
});
