import { onCall } from 'firebase-functions/v2/https';
import { LedgerInput } from '../../domain';
import { db } from '../../lib/admin';
import { fail, parse, requireActor, rethrow } from '../../lib/errors';
import { ledgerFile } from '../../lib/exports';
import { callable } from '../../lib/options';
import { requireSeesUnit } from '../../lib/unit-access';

/** The case ledger (台账) of a unit and date range, as .xlsx or CSV (base64). */
export const exportLedger = onCall({ ...callable, memory: '512MiB', timeoutSeconds: 120 }, async (req) => {
  const { claims, caller } = await requireActor(req);
  const input = parse(LedgerInput, req.data);
  try {
    requireSeesUnit(claims, input.unitId);
    if (input.to < input.from) fail('invalid-argument', '结束日期早于开始日期', 'to < from');
    const f = await ledgerFile(db, { claims, uid: req.auth!.uid }, input);
    return { filename: f.filename, mimeType: f.mimeType, rows: f.rows, base64: f.content.toString('base64') };
  } catch (e) {
    rethrow(e, caller);
  }
});
