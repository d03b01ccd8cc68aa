import { PATROL_LEDGER_MAX_DAYS, datesBetween } from '../../domain';
import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { fail } from '../../lib/errors';
import { patrolLedgerFile } from '../../lib/patrol-ledger';
import { requireSeesUnit } from '../../lib/unit-access';

/**
 * The 排查台账 of a unit and date range (patrol logs, items, hazards; a summary of the 考核
 * figures), as .xlsx or CSV (base64). Scoped like `exportLedger`; free text masked; 涉稳信息 only
 * for those who may read it; key persons only as counts.
 */
export const exportPatrolLedger = defineCallable('exportPatrolLedger', async (input, { claims }) => {
  requireSeesUnit(claims, input.unitId);
  if (input.to < input.from) fail('invalid-argument', '结束日期早于开始日期', 'to < from');
  if (datesBetween(input.from, input.to).length > PATROL_LEDGER_MAX_DAYS)
    fail('invalid-argument', `导出范围不能超过${PATROL_LEDGER_MAX_DAYS}天`, 'range too long');
  const f = await patrolLedgerFile(db, { claims }, input);
  return { filename: f.filename, mimeType: f.mimeType, rows: f.rows, base64: f.content.toString('base64') };
});
