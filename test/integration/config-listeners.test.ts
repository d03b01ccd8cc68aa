// The configuration an instance keeps (lib/config.ts, issue 17): a policy, a calendar year and the
// webhooks are each kept by a listener on that document (or query), so a change written any way —
// here by hand, with no bump of config/version and no cache cleared — reaches a warm instance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../functions/src/domain';
import { clearConfigCache, loadCalendar, loadPolicy, loadWebhooks } from '../../functions/src/lib/config';
import { adminDb, closeAdmin, eventually } from '../helpers/emulator';

// A county, a year and a robot no other test uses.
const C = '629902';
const YEAR = 2097;
const HOOK = 'cfg-listener-hook';

beforeAll(async () => {
  const db = adminDb();
  await db.doc(`policies/${C}`).delete();
  await db.doc(`calendarYears/${YEAR}`).delete();
  await db.doc(`webhooks/${HOOK}`).delete();
  clearConfigCache();
});
afterAll(async () => {
  const db = adminDb();
  await db.doc(`policies/${C}`).delete();
  await db.doc(`calendarYears/${YEAR}`).delete();
  await db.doc(`webhooks/${HOOK}`).delete();
  clearConfigCache();
  await closeAdmin();
});

describe('configuration kept by listeners', () => {
  it('a policy written and removed by hand reaches a warm instance, with no bump', async () => {
    const db = adminDb();
    expect((await loadPolicy(db, C)).counterShards).toEqual(defaultPolicy(C).counterShards);
    await db.doc(`policies/${C}`).set({ ...defaultPolicy(C), counterShards: { grid: 1, village: 2, town: 3, county: 7 } });
    await eventually(async () => (await loadPolicy(db, C)).counterShards.county === 7);
    await db.doc(`policies/${C}`).delete();
    await eventually(async () => (await loadPolicy(db, C)).counterShards.county === defaultPolicy(C).counterShards.county);
  });

  it('a calendar year found missing is seen once it is imported', async () => {
    const db = adminDb();
    expect((await loadCalendar(db, [YEAR])).covers(YEAR)).toBe(false);
    await db.doc(`calendarYears/${YEAR}`).set({
      year: YEAR,
      offDays: { [`${YEAR}-10-01`]: '国庆节' },
      workdays: {},
      source: 'test',
      importedAt: new Date(),
      importedBy: 'test',
    });
    const cal = await eventually(async () => {
      const c = await loadCalendar(db, [YEAR]);
      return c.covers(YEAR) ? c : null;
    });
    expect(cal.kind(`${YEAR}-10-01`)).toBe('holiday');
  });

  it('a robot written by hand is among the active webhooks, and leaves them when switched off', async () => {
    const db = adminDb();
    const has = async () => (await loadWebhooks(db)).some((h) => h.id === HOOK);
    expect(await has()).toBe(false);
    await db.doc(`webhooks/${HOOK}`).set({
      id: HOOK,
      countyId: C,
      unitId: C,
      kind: 'wecom',
      url: 'https://example.invalid/hook',
      secret: null,
      minSeverity: 'info',
      active: true,
    });
    await eventually(has);
    await db.doc(`webhooks/${HOOK}`).update({ active: false });
    await eventually(async () => !(await has()));
  });
});
