import { db } from '../../lib/admin';
import { defineCallable } from '../../lib/callable';
import { retryOnContention } from '../../lib/errors';
import { saveMeeting as save } from '../../lib/meetings-service';

/**
 * 研判/例会/联席会议: town or county staff or leaders create a draft (no meetingId; resending the
 * same requestId answers `created: false`) or update their unit's draft (meetingId and the version
 * they read: compare-and-set). The server resolves participants from the directory, drafts the
 * agenda from the unit's open signals, overdue and red cases, and takes `signalIds` into the 研判.
 */
export const saveMeeting = defineCallable('saveMeeting', async (input, { claims, actor }) =>
  retryOnContention(() => save(db, input, claims, actor, new Date())),
);
