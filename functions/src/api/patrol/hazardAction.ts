import { ItemError, applyHazard, deadlineFrom } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { loadCalendar, loadPolicy, yearsOf } from '../../lib/config';
import { refs } from '../../lib/db';
import { fail, retryOnContention } from '../../lib/errors';
import { writeHazardFigures } from '../../lib/patrol-figures';

/**
 * 隐患整改: assign (交办: responsible unit or department, the limit from the county's policy),
 * start (开始整改), rectified (整改完成), verify (现场复核销号) or send back (退回整改). One
 * transaction; `expectedVersion` guards against two people acting on a stale page.
 */
export const hazardAction = defineCallable('hazardAction', async (input, { claims, actor }) => {
  const r = refs(db);
  const [policy, cal] = await Promise.all([
    loadPolicy(db, claims.c),
    loadCalendar(
      db,
      yearsOf(new Date()).flatMap((y) => [y, y + 1]),
    ),
  ]);
  return await retryOnContention(() =>
    db.runTransaction(async (tx) => {
      const item = (await tx.get(r.patrolItem(input.itemId))).data();
      // The same answer for a missing item and one in another county: IDs cannot be probed.
      if (!item || item.countyId !== claims.c || !item.hazard)
        fail('not-found', '隐患不存在或您无权查看', `hazard ${input.itemId} not found`);
      if (item.version !== input.expectedVersion)
        fail('failed-precondition', '隐患已被他人更新，请刷新后重试', `version ${item.version} != ${input.expectedVersion}`);
      const cmd = input.command;
      let responsibleName: string | null = item.hazard.responsibleName;
      if (cmd.action === 'assign') {
        if (cmd.responsible.kind === 'department') {
          const d = (await tx.get(r.department(cmd.responsible.id))).data();
          if (!d || d.countyId !== item.countyId)
            fail('invalid-argument', '责任部门不存在', `department ${cmd.responsible.id} not in county`);
          responsibleName = d.name;
        } else {
          const reg = (await tx.get(r.region(cmd.responsible.id))).data();
          if (!reg) fail('invalid-argument', '责任单位不存在', `unit ${cmd.responsible.id} missing`);
          responsibleName = reg.name;
        }
      }
      const now = new Date();
      let hazard: ReturnType<typeof applyHazard>;
      try {
        hazard = applyHazard(
          item,
          cmd,
          claims,
          actor,
          now,
          policy.patrol.hazardLimit,
          (from, d) => deadlineFrom(from, d, cal),
          policy.warnHoursBefore.other,
          responsibleName,
        );
      } catch (e) {
        if (e instanceof ItemError) fail(e.code, e.zh, e.message);
        throw e;
      }
      const version = item.version + 1;
      tx.set(r.patrolItem(item.id), {
        ...item,
        hazard,
        hazardDept: hazard.responsibleKind === 'department' ? hazard.responsibleId : null,
        version,
        updatedAt: now,
      });
      // 排查考核: 整改率 and 按期整改率 move by the difference the step made (domain/patrol-figures.ts).
      writeHazardFigures(db, tx, item, item.hazard, hazard);
      return { itemId: item.id, version, state: hazard.state };
    }),
  );
});
