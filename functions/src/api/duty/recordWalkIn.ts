import { ReportCaseInput, mayRecordWalkIn } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { reportCaseTx } from '../../lib/case-service';
import { fail, retryOnContention } from '../../lib/errors';
import { caseIdFor } from '../../lib/ids';
import { onDutyAt } from '../../lib/roster-service';

/**
 * 来访: a walk-in petition recorded at a town or county center. It is received by the leader on
 * duty at that moment (the roster with its overrides, the handoff time respected); the 信访
 * statutory clocks start.
 */
export const recordWalkIn = defineCallable('recordWalkIn', async (input, { claims, actor }) => {
  if (!mayRecordWalkIn(claims, input.unitId)) {
    fail('permission-denied', '只有本中心工作人员可以登记来访', `${claims.r}@${claims.u} recorded a walk-in at ${input.unitId}`);
  }
  if (!input.gridId.startsWith(input.unitId))
    fail('invalid-argument', '来访事项发生地不在本辖区', `grid ${input.gridId} outside ${input.unitId}`);
  const at = input.receivedAt ? new Date(input.receivedAt) : new Date();
  if (at.getTime() > Date.now() + 60_000) fail('invalid-argument', '来访时间不能晚于现在', 'receivedAt in the future');
  const leader = await onDutyAt(db, input.unitId, at);
  if (!leader)
    fail('failed-precondition', '该时间没有已发布的接访值班表', `no published roster covers ${at.toISOString()} at ${input.unitId}`);
  const report = ReportCaseInput.parse({
    requestId: input.requestId,
    gridId: input.gridId,
    category: input.category,
    caseClass: input.caseClass,
    source: 'walk_in',
    title: input.title,
    description: input.description,
    parties: input.petitioners,
    flags: { group: (input.groupSize ?? 0) >= 5, groupSize: input.groupSize },
  });
  const caseId = caseIdFor(input.gridId.slice(0, 6), actor.uid, input.requestId);
  const res = await retryOnContention(() =>
    reportCaseTx(
      db,
      caseId,
      report,
      actor,
      claims,
      () => at,
      (c) => ({
        ...c,
        petition: {
          channel: 'walk_in',
          repeat: input.repeat,
          skipLevel: input.skipLevel,
          receivedBy: { uid: leader.uid, name: leader.name, title: leader.title, dutyDate: leader.dutyDate, unitId: input.unitId },
        },
      }),
    ),
  );
  return { ...res, receivedBy: { uid: leader.uid, name: leader.name, title: leader.title, dutyDate: leader.dutyDate } };
});
