import { logger } from 'firebase-functions';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { db } from '../lib/admin';
import { dailySchedule } from '../lib/options';
import { deliverOutbox } from '../lib/outbox';
import { rosterTick } from '../lib/roster-service';

/** Every evening: publish next month ahead of time and remind tomorrow's leader (`fengqiao roster tick --at`). */
export const rosterDaily = onSchedule(dailySchedule, async () => {
  const now = new Date();
  const r = await rosterTick(db, now);
  const delivery = await deliverOutbox(db, now);
  logger.info('roster daily', { ...r, delivery });
});
