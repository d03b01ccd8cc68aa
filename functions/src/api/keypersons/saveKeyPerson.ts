import { type KeyPersonDoc, keyPersonUnits, mayManageKeyPersons, serialOf, visitClock } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { loadPolicy } from '../../lib/config';
import { refs } from '../../lib/db';
import { fail, retryOnContention } from '../../lib/errors';
import { caseIdFor } from '../../lib/ids';
import { caseLinks, gridWorkerOf, leaderOf, logAccess } from '../../lib/keyperson-service';

/**
 * 重点人员/重点部位 registry: the staff of the village, town or county register a record of a grid
 * in their scope (`id` null) or change one (`id`, `expectedVersion`). The public document carries
 * no personal data; the personal data goes to the private document, and every write of it is
 * logged (keyPersonAccess) in the same transaction. The category must be one of the county
 * policy's; the visit frequency follows the risk level (policy keyPersons.visitEveryDays).
 */
export const saveKeyPerson = defineCallable('saveKeyPerson', async (input, { claims, actor }) => {
  if (!mayManageKeyPersons(claims, input.gridId))
    fail(
      'permission-denied',
      '只有所在村（社区）、乡镇、县综治中心的工作人员可以登记重点人员和重点部位',
      `${claims.r} ${claims.u} for ${input.gridId}`,
    );
  const policy = (await loadPolicy(db, claims.c)).keyPersons;
  if (!policy.categories[input.kind].includes(input.category))
    fail('invalid-argument', `类别“${input.category}”不在本县设置的类别中`, `category ${input.category} not in policy`);
  const r = refs(db);
  const id = input.id ?? caseIdFor(claims.c, `kp:${actor.uid}`, input.requestId);
  return await retryOnContention(() =>
    db.runTransaction(async (tx) => {
      const old = (await tx.get(r.keyPerson(id))).data();
      if (input.id === null && old) return { id, serial: old.serial, created: false, version: old.version };
      if (input.id !== null) {
        // The same answer for a missing record and one the caller cannot manage: IDs cannot be probed.
        if (!old || old.countyId !== claims.c || !mayManageKeyPersons(claims, old.gridId))
          fail('not-found', '记录不存在或您无权修改', `key person ${id} not found`);
        if (old.version !== input.expectedVersion)
          fail('failed-precondition', '记录已被他人更新，请刷新后重试', `version ${old.version} != ${input.expectedVersion}`);
      }
      const grid = (await tx.get(r.grid(input.gridId))).data();
      if (!grid || grid.countyId !== claims.c) fail('invalid-argument', '网格不存在', `grid ${input.gridId} missing`);
      const worker = await gridWorkerOf(tx, db, input.gridWorkerUid, grid.id);
      const leader = input.leaderUid ? await leaderOf(tx, db, input.leaderUid, grid.townId, grid.countyId) : null;
      const cases = await caseLinks(tx, db, input.caseIds, claims, actor.uid, old?.cases ?? []);
      const now = new Date();
      const everyDays = policy.visitEveryDays[input.risk];
      const clockChanged = !old || old.everyDays !== everyDays || (!old.active && input.active);
      const clock = clockChanged
        ? visitClock(old?.lastVisitAt ?? old?.createdAt ?? now, everyDays, policy.warnDaysBefore)
        : { dueAt: old.dueAt, warnAt: old.warnAt, warned: old.warned, overdue: old.overdue, sweepAt: old.sweepAt };
      const doc: KeyPersonDoc = {
        id,
        serial: old?.serial ?? serialOf(id),
        kind: input.kind,
        category: input.category,
        risk: input.risk,
        countyId: grid.countyId,
        townId: grid.townId,
        villageId: grid.villageId,
        gridId: grid.id,
        gridName: grid.name,
        units: keyPersonUnits(grid.id),
        gridWorkerUid: worker.uid,
        gridWorkerName: worker.displayName,
        leaderUid: leader?.uid ?? null,
        leaderName: leader?.displayName ?? null,
        everyDays,
        lastVisitAt: old?.lastVisitAt ?? null,
        visits: old?.visits ?? 0,
        visitsOnTime: old?.visitsOnTime ?? 0,
        ...clock,
        sweepAt: input.active ? clock.sweepAt : null,
        cases,
        active: input.active,
        createdByUid: old?.createdByUid ?? actor.uid,
        createdAt: old?.createdAt ?? now,
        updatedAt: now,
        version: (old?.version ?? 0) + 1,
      };
      tx.set(r.keyPerson(id), doc);
      if (input.personal) tx.set(r.keyPersonPersonal(id), { ...input.personal, updatedAt: now });
      logAccess(tx, db, doc, old ? 'edit' : 'create', claims, actor, null, now);
      return { id, serial: doc.serial, created: !old, version: doc.version };
    }),
  );
});
