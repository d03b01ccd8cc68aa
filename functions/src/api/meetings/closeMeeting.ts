import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { retryOnContention } from '../../lib/errors';
import { closeMeeting as close } from '../../lib/meetings-service';

/**
 * Closes a draft meeting of the caller's unit: minutes, attendance (综治例会/联席会议) and
 * decisions; each decision becomes a task (meetingTasks) with an owner and a limit, and its owner
 * is alerted. Resending the same requestId answers `closed: false` with the same task IDs.
 */
export const closeMeeting = defineCallable('closeMeeting', async (input, { claims }) =>
  retryOnContention(() => close(db, input, claims, new Date())),
);
