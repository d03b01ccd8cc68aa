import { ReportCaseInput, itemContribution, localDate, mayRecordItem } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { countItemInCampaigns, runningCampaignsTx } from '../../lib/campaign-service';
import { reportCaseTx } from '../../lib/case-service';
import { refs } from '../../lib/db';
import { fail, retryOnContention } from '../../lib/errors';
import { caseIdFor } from '../../lib/ids';
import { writePatrolFigures } from '../../lib/patrol-figures';
import { newItemDoc } from '../../lib/patrol-service';

/**
 * 排查事项: the grid worker (or the village) records what a patrol found. A 矛盾纠纷 becomes a case
 * through the report path (`reportCaseTx`, the same ID a `reportCase` with this requestId would
 * make) and the item keeps its `caseId`; a 安全隐患 starts its rectification as 已上报. Both IDs
 * come from (caller, requestId): a resend creates neither twice.
 */
export const recordItem = defineCallable('recordItem', async (input, { claims, actor }) => {
  if (!mayRecordItem(claims, input.gridId))
    fail('permission-denied', '只有本网格的网格员或所在村（社区）可以登记排查事项', `role ${claims.r} ${claims.u} item in ${input.gridId}`);
  const r = refs(db);
  const itemId = caseIdFor(input.gridId.slice(0, 6), `item:${actor.uid}`, input.requestId);
  const existing = (await r.patrolItem(itemId).get()).data();
  if (existing) return { itemId, created: false, caseId: existing.caseId };
  if (input.patrolId) {
    const p = (await r.patrol(input.patrolId).get()).data();
    if (!p || p.gridId !== input.gridId)
      fail('invalid-argument', '所填巡查记录不存在或不属于该网格', `patrol ${input.patrolId} not of ${input.gridId}`);
  }
  let caseId: string | null = null;
  if (input.kind === 'dispute' && input.dispute) {
    const report = ReportCaseInput.parse({
      requestId: input.requestId,
      gridId: input.gridId,
      source: 'grid_patrol',
      category: input.dispute.category,
      title: input.title,
      description: input.description.length >= 5 ? input.description : `${input.description}（排查发现）`,
      parties: input.dispute.parties,
      gridAction: claims.r === 'grid_worker' ? { kind: 'escalate', reason: '网格排查发现，上报村（社区）' } : null,
    });
    caseId = (
      await retryOnContention(() =>
        reportCaseTx(db, caseIdFor(claims.c, actor.uid, input.requestId), report, actor, claims, () => new Date()),
      )
    ).caseId;
  }
  return await retryOnContention(() =>
    db.runTransaction(async (tx) => {
      const again = (await tx.get(r.patrolItem(itemId))).data();
      if (again) return { itemId, created: false, caseId: again.caseId };
      const grid = (await tx.get(r.grid(input.gridId))).data();
      if (!grid) fail('not-found', '网格不存在', `grid ${input.gridId} missing`);
      const patrol = input.patrolId ? (await tx.get(r.patrol(input.patrolId))).data() : undefined;
      const campaigns = await runningCampaignsTx(db, tx, grid.countyId);
      const now = new Date();
      tx.create(r.patrolItem(itemId), newItemDoc(itemId, grid, input, actor, caseId, now));
      if (input.patrolId && patrol && !patrol.itemIds.includes(itemId))
        tx.update(r.patrol(input.patrolId), { itemIds: [...patrol.itemIds, itemId] });
      // An item counts on the day it is recorded (or on its patrol's day when it names one).
      countItemInCampaigns(db, tx, campaigns, grid, patrol?.date ?? localDate(now), input.kind);
      // 排查考核: items found by kind, once, with the item (domain/patrol-figures.ts).
      writePatrolFigures(db, tx, grid.id, itemId, itemContribution({ kind: input.kind, createdAt: now }, patrol?.date ?? null));
      return { itemId, created: true, caseId };
    }),
  );
});
