// Region documents above and beside the demo county (a province, cities, counties by their real
// codes), for tests of the city and province tiers. Created only when missing: other tests and
// the seed may have written the same documents.
import type { Auth } from 'firebase-admin/auth';
import type { Firestore } from 'firebase-admin/firestore';
import { syncProfile, upsertUser } from '../../functions/src/lib/users-service';

export const upperRegion = (id: string, level: string, name: string, parentId: string | null) => ({
  id,
  level,
  name,
  parentId,
  countyId: level === 'city' || level === 'province' ? null : id,
  townId: null,
});

const KNOWN: Record<string, ReturnType<typeof upperRegion>> = Object.fromEntries(
  [
    upperRegion('62', 'province', '甘肃省', null),
    upperRegion('6211', 'city', '定西市', '62'),
    upperRegion('6201', 'city', '兰州市', '62'),
    upperRegion('621126', 'county', '岷县', '6211'),
    upperRegion('621123', 'county', '渭源县', '6211'),
    upperRegion('621125', 'county', '漳县', '6211'),
    upperRegion('620102', 'county', '城关区', '6201'),
  ].map((r) => [r.id, r]),
);

/** The region documents of these codes (province 62, cities 6211 定西市 and 6201 兰州市, their counties). */
export function upperRegions(...ids: string[]): ReturnType<typeof upperRegion>[] {
  return ids.map((id) => {
    const r = KNOWN[id];
    if (!r) throw new Error(`no test region ${id}`);
    return r;
  });
}

/** Writes the region documents of these codes that do not exist yet. */
export async function ensureRegions(db: Firestore, ...ids: string[]): Promise<void> {
  for (const r of upperRegions(...ids)) if (!(await db.doc(`regions/${r.id}`).get()).exists) await db.doc(`regions/${r.id}`).set(r);
}

/** A sibling city of 定西市 (兰州市 6201) with one center user (city_staff), for "another city" refusals. */
export async function seedSiblingCity(db: Firestore, auth: Auth, email: string, password = 'Fengqiao@2026'): Promise<void> {
  await db.doc('regions/6201').set(KNOWN['6201']!);
  await upsertUser(
    db,
    auth,
    { email, password, displayName: '兰州市综治中心', phone: null, title: null, role: 'city_staff', scopeId: '6201', active: true },
    'cli',
  );
  await syncProfile(db, auth, (await auth.getUserByEmail(email)).uid);
}
