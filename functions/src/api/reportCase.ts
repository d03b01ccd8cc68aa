import { onCall } from 'firebase-functions/v2/https';
import { ReportCaseInput, planReport } from '../domain';
import { db } from '../lib/admin';
import { refs } from '../lib/db';
import { fail, parse, requireActor, rethrow } from '../lib/errors';
import { caseIdFor } from '../lib/ids';
import { callable } from '../lib/options';

/** 登记/上报: records a new case with its full region chain, private parties and first event. */
export const reportCase = onCall(callable, async (req) => {
  const { claims, actor } = requireActor(req);
  const input = parse(ReportCaseInput, req.data);
  const r = refs(db);
  const caseId = caseIdFor(input.gridId.slice(0, 6), actor.uid, input.requestId);
  try {
    return await db.runTransaction(async (tx) => {
      const existing = await tx.get(r.case(caseId));
      if (existing.exists) return { caseId, created: false }; // idempotent replay
      const grid = await tx.get(r.grid(input.gridId));
      if (!grid.exists) fail('invalid-argument', '网格不存在', `grid ${input.gridId} not found`);
      const plan = planReport(input, caseId, actor, claims, new Date());
      tx.create(r.case(caseId), plan.caseDoc);
      tx.create(r.casePrivate(caseId), plan.privateDoc);
      tx.create(r.caseEvent(caseId, 1), plan.event);
      return { caseId, created: true };
    });
  } catch (e) {
    rethrow(e);
  }
});
