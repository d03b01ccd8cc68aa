import { db } from '../lib/admin';
import { defineCallable } from '../lib/callable';
import { reportCaseTx } from '../lib/case-service';
import { retryOnContention } from '../lib/errors';
import { caseIdFor } from '../lib/ids';

/** 登记/上报: records a new case with its full region chain, private parties and first event. */
export const reportCase = defineCallable('reportCase', async (input, { claims, actor }) => {
  const caseId = caseIdFor(input.gridId.slice(0, 6), actor.uid, input.requestId);
  // A burst of identical resends: each retry finds the case the winner created (created: false).
  return await retryOnContention(() => reportCaseTx(db, caseId, input, actor, claims, () => new Date()));
});
