import { logger } from 'firebase-functions';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { addDays, localDate } from '../domain';
import { db } from '../lib/admin';
import { nightlySchedule } from '../lib/options';
import { rollupMonth } from '../lib/rollup';

/** 01:00 nightly: roll yesterday's month (and its year) up from the daily figures (`fengqiao stats rollup`). */
export const statsNightly = onSchedule(nightlySchedule, async () => {
  const month = addDays(localDate(new Date()), -1).slice(0, 7);
  logger.info('stats roll-up', { month, ...(await rollupMonth(db, month)) });
});
