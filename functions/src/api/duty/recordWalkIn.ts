import { logger } from 'firebase-functions';
import { ReportCaseInput, mayRecordWalkIn, noDutyLeaderAlerts } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { reportCaseTx } from '../../lib/case-service';
import { fail, retryOnContention } from '../../lib/errors';
import { refs } from '../../lib/db';
import { caseIdFor } from '../../lib/ids';
import { usersOfCounty } from '../../lib/queries';
import { onDutyAt } from '../../lib/roster-service';

/** A create that lost to an earlier one (gRPC ALREADY_EXISTS) is the retry we expect. */
function ignoreExisting(e: { code?: number }): void {
  if (e.code !== 6) throw e;
}

/**
 * 来访: a walk-in petition recorded at a town or county center. It is received by the leader on
 * duty at that moment (the roster with its overrides, the handoff time respected); the 信访
 * statutory clocks start. With no roster covering the moment it is still registered (无值班领导).
 */
export const recordWalkIn = defineCallable('recordWalkIn', async (input, { claims, actor }) => {
  if (!mayRecordWalkIn(claims, input.unitId)) {
    fail('permission-denied', '只有本中心工作人员可以登记来访', `${claims.r}@${claims.u} recorded a walk-in at ${input.unitId}`);
  }
  if (!input.gridId.startsWith(input.unitId))
    fail('invalid-argument', '来访事项发生地不在本辖区', `grid ${input.gridId} outside ${input.unitId}`);
  const at = input.receivedAt ? new Date(input.receivedAt) : new Date();
  if (at.getTime() > Date.now() + 60_000) fail('invalid-argument', '来访时间不能晚于现在', 'receivedAt in the future');
  // A petitioner is never turned away: with no leader on duty the visit is registered all the
  // same, marked, and the unit's staff and the county's administrators are alerted.
  const leader = await onDutyAt(db, input.unitId, at);
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
          receivedBy: leader
            ? { uid: leader.uid, name: leader.name, title: leader.title, dutyDate: leader.dutyDate, unitId: input.unitId }
            : null,
          noDutyLeader: !leader,
        },
      }),
    ),
  );
  if (!leader) {
    // After the commit, with deterministic IDs: a retry does not repeat them.
    const c = (await refs(db).case(caseId).get()).data()!;
    const admins = (await usersOfCounty(db, claims.c).get()).docs.map((d) => d.data()).filter((u) => u.active && u.role === 'admin');
    const unitName = (await refs(db).region(input.unitId).get()).data()?.name ?? input.unitId;
    const alerts = noDutyLeaderAlerts(
      c,
      input.unitId,
      unitName,
      admins.map((u) => u.uid),
      at,
      new Date(),
    );
    await Promise.all(
      alerts.map((a) =>
        refs(db)
          .alert(a.id)
          .create(a)
          .catch((e: { code?: number }) => ignoreExisting(e)),
      ),
    );
    logger.warn('walk-in registered without a leader on duty', { caseId, unitId: input.unitId, at: at.toISOString() });
  }
  return {
    ...res,
    receivedBy: leader ? { uid: leader.uid, name: leader.name, title: leader.title, dutyDate: leader.dutyDate } : null,
    noDutyLeader: !leader,
  };
});
