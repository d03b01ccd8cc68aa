import { canReadCase } from '../../domain';
import { DOCX_MIME, agreementDocx } from '../../lib/agreement-docx';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { refs } from '../../lib/db';
import { fail } from '../../lib/errors';

/** The 人民调解协议书 as a .docx, for those who may read the case (it names the parties). */
export const exportMediationAgreement = defineCallable('exportMediationAgreement', async (input, { claims, uid }) => {
  const r = refs(db);
  const c = (await r.case(input.caseId).get()).data();
  if (!c || !canReadCase(claims, uid, c)) fail('not-found', '案件不存在或您无权查看', 'case not visible');
  const m = (await r.mediation(c.id).get()).data();
  if (!m?.agreement) fail('failed-precondition', '该案件尚未登记调解协议书', `no agreement on ${c.id}`);
  const buf = await agreementDocx(m.agreement);
  return { filename: `人民调解协议书-${m.agreement.number}.docx`, mimeType: DOCX_MIME, base64: buf.toString('base64') };
});
