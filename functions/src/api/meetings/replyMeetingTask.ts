import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { retryOnContention } from '../../lib/errors';
import { replyMeetingTask as reply } from '../../lib/meetings-service';

/**
 * The owner of a 研判交办 task (staff of the owning unit, officers of the owning department)
 * replies once; a reply at or after the limit is recorded as late. The issuing unit is alerted.
 */
export const replyMeetingTask = defineCallable('replyMeetingTask', async (input, { claims, actor }) =>
  retryOnContention(() => reply(db, input, claims, actor, new Date())),
);
