import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { fail } from '../../lib/errors';
import { ledgerFile } from '../../lib/exports';
import { requireSeesUnit } from '../../lib/unit-access';

/** The case ledger (台账) of a unit and date range, as .xlsx or CSV (base64). */
export const exportLedger = defineCallable('exportLedger', async (input, { claims, uid }) => {
  requireSeesUnit(claims, input.unitId);
  if (input.to < input.from) fail('invalid-argument', '结束日期早于开始日期', 'to < from');
  const f = await ledgerFile(db, { claims, uid }, input);
  return { filename: f.filename, mimeType: f.mimeType, rows: f.rows, base64: f.content.toString('base64') };
});
