import { logger } from 'firebase-functions';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { db } from '../lib/admin';
import { signalsSchedule } from '../lib/options';
import { runSignals } from '../lib/signals-service';

/**
 * Every 15 minutes: risk signals from the cases changed since the last run (lib/signals-service.ts).
 * (The emulator never fires schedules: run `fengqiao signals run --at <ISO time>` instead.)
 */
export const signalsJob = onSchedule(signalsSchedule, async () => {
  logger.info('signals', { ...(await runSignals(db, new Date())) });
});
