import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { retryOnContention } from '../../lib/errors';
import { issueNotice as issue } from '../../lib/notice-service';

/**
 * 预警提示单: town or county staff (or leaders) send one to a town or department in their scope,
 * from a signal, a 研判 meeting or directly. The number (〔year〕n号) comes from the unit's counter in
 * the same transaction as the notice: no gaps, no duplicates. A resend of a requestId answers the
 * stored notice (created: false).
 */
export const issueNotice = defineCallable('issueNotice', (input, { claims, actor }) =>
  retryOnContention(() => issue(db, input, claims, actor)),
);
