import { onCall } from 'firebase-functions/v2/https';
import { ReportCaseInput } from '../domain';
import { db } from '../lib/admin';
import { reportCaseTx } from '../lib/case-service';
import { parse, requireActor, retryOnContention, rethrow } from '../lib/errors';
import { caseIdFor } from '../lib/ids';
import { callable } from '../lib/options';

/** 登记/上报: records a new case with its full region chain, private parties and first event. */
export const reportCase = onCall(callable, async (req) => {
  const { claims, actor, caller } = await requireActor(req);
  const input = parse(ReportCaseInput, req.data);
  try {
    const caseId = caseIdFor(input.gridId.slice(0, 6), actor.uid, input.requestId);
    // A burst of identical resends: each retry finds the case the winner created (created: false).
    return await retryOnContention(() => reportCaseTx(db, caseId, input, actor, claims, () => new Date()));
  } catch (e) {
    rethrow(e, caller);
  }
});
