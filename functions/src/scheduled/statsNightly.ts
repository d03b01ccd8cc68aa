import { logger } from 'firebase-functions';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { addDays, localDate } from '../domain';
import { db } from '../lib/admin';
import { nightlySchedule } from '../lib/options';
import { rollupDay } from '../lib/rollup';

/**
 * 01:00 nightly: adds the day just finished to its month's and year's figures (reads that day's
 * documents only; the month from scratch when a night was missed: lib/rollup.ts rollupDay).
 */
export const statsNightly = onSchedule(nightlySchedule, async () => {
  const day = addDays(localDate(new Date()), -1);
  logger.info('stats roll-up', await rollupDay(db, day));
});
