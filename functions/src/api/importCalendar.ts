import { CalendarYearDoc, GuardError, WorkCalendar } from '../domain';
import { db } from '../lib/admin';
import { defineCallable } from '../lib/callable';
import { bumpConfigVersion } from '../lib/config';
import { refs } from '../lib/db';

/**
 * 导入节假日安排: a county administrator loads one or more years of the holiday calendar from a
 * file — the same JSON `fengqiao calendar import --file` takes, validated by the same schema
 * (domain/calendar.ts CalendarFile). Each year replaces calendarYears/{year}; clocks waiting on a
 * year that was missing are looked at again by the sweep.
 */
export const importCalendar = defineCallable('importCalendar', async (input, { claims, actor }) => {
  if (claims.r !== 'admin') throw new GuardError('permission-denied', '只有管理员可以导入节假日安排', `role ${claims.r} is not admin`);
  new WorkCalendar(input.calendar); // the schema already checked every date's year
  const batch = db.batch();
  for (const y of input.calendar) {
    batch.set(
      refs(db).calendarYear(y.year),
      CalendarYearDoc.parse({
        ...y,
        source: `file:${input.filename}`,
        importedAt: new Date(),
        importedBy: actor.name ?? '管理员', // people read names, never account IDs
      }),
    );
  }
  // Every instance's configuration cache follows the version (lib/config.ts).
  bumpConfigVersion(db, batch, `calendar ${input.calendar.map((y) => y.year).join(',')}`);
  await batch.commit();
  return { years: input.calendar.map((y) => y.year).sort((a, b) => a - b) };
});
