import { onCall } from 'firebase-functions/v2/https';
import { MonthlyReportInput } from '../../domain';
import { db } from '../../lib/admin';
import { parse, requireActor, rethrow } from '../../lib/errors';
import { monthlyReportFile } from '../../lib/exports';
import { callable } from '../../lib/options';
import { requireSeesUnit } from '../../lib/unit-access';

/** The monthly report (月报) of a unit as .xlsx (base64): figures only, no personal data. */
export const exportMonthlyReport = onCall({ ...callable, memory: '512MiB' }, async (req) => {
  const { claims, caller } = await requireActor(req);
  const input = parse(MonthlyReportInput, req.data);
  try {
    requireSeesUnit(claims, input.unitId);
    const f = await monthlyReportFile(db, input.unitId, input.month);
    return { filename: f.filename, mimeType: f.mimeType, base64: f.content.toString('base64') };
  } catch (e) {
    rethrow(e, caller);
  }
});
