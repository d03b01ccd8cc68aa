import {
  type AgreementDoc,
  type MediationDoc,
  checkAgreement,
  emptyMediation,
  judicialClock,
  mediationSweepAt,
  performanceTasks,
} from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { loadCalendar } from '../../lib/config';
import { refs } from '../../lib/db';
import { fail } from '../../lib/errors';
import { markHasMediation, requireMediationActor, writeMediation } from '../../lib/mediation-service';

/**
 * Records the 人民调解协议书 of a successful mediation: parties from the case's private parties,
 * facts, agreed items with how and by when, the committee, the effective date. Starts the 30-day
 * 司法确认 application clock from that date and one 履行 task per item. It may be corrected until a
 * 司法确认 application or a performance result is recorded.
 */
export const saveMediationAgreement = defineCallable('saveMediationAgreement', async (input, { claims, actor }) => {
  checkAgreement(input);
  const r = refs(db);
  // The 司法确认 limit runs from the effective date (into the next year at most).
  const y = Number(input.effectiveDate.slice(0, 4));
  const cal = await loadCalendar(db, [y, y + 1]);
  return db.runTransaction(async (tx) => {
    const c = requireMediationActor(claims, actor.uid, (await tx.get(r.case(input.caseId))).data());
    const priv = (await tx.get(r.casePrivate(c.id))).data();
    const org = (await tx.get(r.mediationOrg(input.orgId))).data();
    const before = (await tx.get(r.mediation(c.id))).data() ?? null;
    if (!org?.active || org.countyId !== c.countyId)
      fail('invalid-argument', '所选调解组织不存在或已停用', `org ${input.orgId} not in ${c.countyId}`);
    if (before?.judicialRecord || before?.tasks.some((t) => t.result !== null))
      fail('failed-precondition', '已登记司法确认或履行情况，协议书不能再修改', `agreement of ${c.id} already acted on`);
    const now = new Date();
    const agreement: AgreementDoc = {
      number: input.number,
      orgId: org.id,
      orgName: org.name,
      orgKind: org.kind,
      mediatorName: before?.mediatorName ?? (claims.r === 'mediator' ? actor.name : null),
      parties: (priv?.parties ?? []).map((p) => ({ role: p.role, name: p.name, idNumber: p.idNumber, phone: p.phone, address: p.address })),
      facts: input.facts,
      items: input.items,
      effectiveDate: input.effectiveDate,
      recordedAt: now,
      recordedBy: actor.uid,
    };
    const base: MediationDoc = before ?? emptyMediation(c.id, c.countyId, now);
    const next: MediationDoc = {
      ...base,
      // Without a registry mediator, the agreement counts for the organisation it is made in.
      ...(base.orgId ? {} : { orgId: org.id, orgName: org.name }),
      status: 'succeeded',
      agreement,
      judicial: judicialClock(input.effectiveDate, cal),
      tasks: performanceTasks(input.items),
      updatedAt: now,
    };
    const after = { ...next, sweepAt: mediationSweepAt(next, now) };
    writeMediation(db, tx, before, after);
    markHasMediation(db, tx, c);
    return { caseId: c.id, lastDay: after.judicial?.lastDay ?? null, tasks: after.tasks.map((t) => ({ id: t.id, dueDate: t.dueDate })) };
  });
});
