import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { monthlyReportFile } from '../../lib/exports';
import { requireSeesUnit } from '../../lib/unit-access';

/** The monthly report (月报) of a unit as .xlsx (base64): figures only, no personal data. */
export const exportMonthlyReport = defineCallable('exportMonthlyReport', async (input, { claims }) => {
  requireSeesUnit(claims, input.unitId);
  const f = await monthlyReportFile(db, input.unitId, input.month);
  return { filename: f.filename, mimeType: f.mimeType, base64: f.content.toString('base64') };
});
