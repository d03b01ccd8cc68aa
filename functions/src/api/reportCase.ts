import { onCall } from 'firebase-functions/v2/https';
import { ReportCaseInput } from '../domain';
import { db } from '../lib/admin';
import { reportCaseTx } from '../lib/case-service';
import { parse, requireActor, rethrow } from '../lib/errors';
import { caseIdFor } from '../lib/ids';
import { callable } from '../lib/options';

/** 登记/上报: records a new case with its full region chain, private parties and first event. */
export const reportCase = onCall(callable, async (req) => {
  const { claims, actor } = requireActor(req);
  const input = parse(ReportCaseInput, req.data);
  try {
    return await reportCaseTx(db, caseIdFor(input.gridId.slice(0, 6), actor.uid, input.requestId), input, actor, claims, () => new Date());
  } catch (e) {
    rethrow(e);
  }
});
