import { db } from '../lib/admin';
import { defineCallable } from '../lib/callable';
import { applyCaseCommand } from '../lib/case-service';
import { retryOnContention } from '../lib/errors';

/** Every case transition after the report: validated, guarded, compare-and-set, one event each. */
export const caseAction = defineCallable('caseAction', async (input, { claims, actor }) => {
  // A retry after a lost race is safe: the compare-and-set on the version refuses a stale one.
  return await retryOnContention(() =>
    applyCaseCommand(db, input.caseId, input.expectedVersion, input.command, actor, claims, () => new Date()),
  );
});
