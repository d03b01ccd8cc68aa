import { PatrolError, checkPatrol, defaultPolicy, mayRecordPatrol, maskText } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { runningCampaignsTx } from '../../lib/campaign-service';
import { refs } from '../../lib/db';
import { fail, retryOnContention } from '../../lib/errors';
import { caseIdFor } from '../../lib/ids';
import { writePatrol } from '../../lib/patrol-service';

/**
 * 网格巡查: a grid worker logs a patrol of their grid. The log and the coverage of its village,
 * town and county for that day (patrolDays) are written in one transaction; the ID comes from
 * (worker, requestId), so a resend (the console's offline outbox) answers `created: false`.
 */
export const recordPatrol = defineCallable('recordPatrol', async (input, { claims, actor }) => {
  if (!mayRecordPatrol(claims, input.gridId))
    fail('permission-denied', '只有本网格的网格员可以登记巡查', `role ${claims.r} ${claims.u} patrolled ${input.gridId}`);
  const patrolId = caseIdFor(input.gridId.slice(0, 6), `patrol:${actor.uid}`, input.requestId);
  const r = refs(db);
  const policy = ((await r.policy(claims.c).get()).data() ?? defaultPolicy(claims.c)).patrol;
  return await retryOnContention(() =>
    db.runTransaction(async (tx) => {
      const existing = (await tx.get(r.patrol(patrolId))).data();
      if (existing) return { patrolId, created: false, date: existing.date };
      const grid = (await tx.get(r.grid(input.gridId))).data();
      if (!grid) fail('not-found', '网格不存在', `grid ${input.gridId} missing`);
      const campaigns = await runningCampaignsTx(db, tx, grid.countyId);
      const now = new Date();
      let date: string;
      try {
        ({ date } = checkPatrol(input, policy, grid.households, now));
      } catch (e) {
        if (e instanceof PatrolError) fail('failed-precondition', e.zh, e.message);
        throw e;
      }
      writePatrol(
        db,
        tx,
        grid,
        campaigns,
        {
          id: patrolId,
          countyId: grid.countyId,
          townId: grid.townId,
          villageId: grid.villageId,
          gridId: grid.id,
          workerUid: actor.uid,
          workerName: actor.name,
          date,
          patrolledAt: new Date(input.patrolledAt),
          householdsVisited: input.householdsVisited,
          households: grid.households,
          zeroReport: input.zeroReport,
          note: input.note === null ? null : maskText(input.note),
          itemIds: [],
          createdAt: now,
        },
        input.checks,
      );
      return { patrolId, created: true, date };
    }),
  );
});
