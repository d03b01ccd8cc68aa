import { onCall } from 'firebase-functions/v2/https';
import { CaseActionInput } from '../domain';
import { db } from '../lib/admin';
import { applyCaseCommand } from '../lib/case-service';
import { parse, requireActor, retryOnContention, rethrow } from '../lib/errors';
import { callable } from '../lib/options';

/** Every case transition after the report: validated, guarded, compare-and-set, one event each. */
export const caseAction = onCall(callable, async (req) => {
  const { claims, actor, caller } = await requireActor(req);
  const input = parse(CaseActionInput, req.data);
  try {
    // A retry after a lost race is safe: the compare-and-set on the version refuses a stale one.
    return await retryOnContention(() =>
      applyCaseCommand(db, input.caseId, input.expectedVersion, input.command, actor, claims, () => new Date()),
    );
  } catch (e) {
    rethrow(e, caller);
  }
});
