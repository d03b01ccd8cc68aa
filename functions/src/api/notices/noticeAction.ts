import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { retryOnContention } from '../../lib/errors';
import { noticeAction as act } from '../../lib/notice-service';

/** 预警提示单: the recipient signs (签收) or reports back (反馈); the issuer closes (办结) or sends back (退回). */
export const noticeAction = defineCallable('noticeAction', (input, { claims, actor }) =>
  retryOnContention(() => act(db, input, claims, actor)),
);
