import { logger } from 'firebase-functions';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { db } from '../lib/admin';
import { schedule } from '../lib/options';
import { deliverOutbox } from '../lib/outbox';
import { runSweep } from '../lib/sweep';

/**
 * Every few minutes: warnings, breaches and escalations that are due, then webhook deliveries.
 * (The emulator never fires schedules: run `fengqiao sweep --at <ISO time>` instead.)
 */
export const deadlineSweep = onSchedule(schedule, async () => {
  const now = new Date();
  const sweep = await runSweep(db, now);
  const delivery = await deliverOutbox(db, now);
  logger.info('deadline sweep', { ...sweep, delivery });
});
