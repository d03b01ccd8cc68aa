import { ReportCaseInput, maskText, mayLogVisit } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { reportCaseTx } from '../../lib/case-service';
import { refs } from '../../lib/db';
import { fail, retryOnContention } from '../../lib/errors';
import { caseIdFor } from '../../lib/ids';

/** A leader logs a visit to a linked village (联值走访) and may open a case from what was found. */
export const logVisit = defineCallable('logVisit', async (input, { claims, actor }) => {
  if (!mayLogVisit(claims)) fail('permission-denied', '只有领导可以登记联值走访', `role ${claims.r} logged a visit`);
  const linkage = (await refs(db).linkage(actor.uid).get()).data() ?? null;
  if (!linkage?.villageIds.includes(input.villageId))
    fail('permission-denied', '该村不是您的挂点村', `${input.villageId} is not linked to ${actor.uid}`);
  const visitId = caseIdFor(claims.c, `visit:${actor.uid}`, input.requestId);
  let caseId: string | null = null;
  if (input.openCase) {
    if (!input.openCase.gridId.startsWith(input.villageId))
      fail('invalid-argument', '网格不在所走访的村', 'grid outside the visited village');
    const report = ReportCaseInput.parse({ requestId: input.requestId, source: 'leader_visit', ...input.openCase });
    caseId = (
      await retryOnContention(() =>
        reportCaseTx(db, caseIdFor(claims.c, actor.uid, input.requestId), report, actor, claims, () => new Date()),
      )
    ).caseId;
  }
  await refs(db)
    .visit(visitId)
    .set({
      id: visitId,
      leaderUid: actor.uid,
      leaderName: actor.name,
      countyId: claims.c,
      villageId: input.villageId,
      date: input.date,
      found: maskText(input.found, { parties: input.openCase?.parties ?? [] }),
      caseId,
      loggedAt: new Date(),
    });
  return { visitId, caseId };
});
