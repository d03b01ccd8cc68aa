/**
 * The staff directory (staff/{uid}), derived from users/{uid}. One writer: `syncStaffEntry`, run
 * wherever a profile is written (`syncProfile` in ./users-service.ts: the syncUserClaims trigger,
 * upsertUser, the seed, the CLI) and by `fengqiao staff rebuild`. Idempotent: an entry that
 * already says the same is not written again.
 */
import type { Firestore } from 'firebase-admin/firestore';
import {
  type StaffDoc,
  type UserDoc,
  UserDoc as UserSchema,
  anyRegionCode,
  isAreaCode,
  levelOf,
  sameStaffEntry,
  staffEntry,
} from '../domain';
import { refs, toDates, uncheckedRefs } from './db';
import { staffOfCounty, staffOfUnit, usersOfCounty } from './queries';

/** The name of a unit: a region, a grid or a department (null when it does not exist). */
export async function unitName(db: Firestore, unitId: string): Promise<string | null> {
  const r = refs(db);
  if (!anyRegionCode.safeParse(unitId).success) return (await r.department(unitId).get()).data()?.name ?? null;
  if (!isAreaCode(unitId) && levelOf(unitId) === 'grid') return (await r.grid(unitId).get()).data()?.name ?? null;
  return (await r.region(unitId).get()).data()?.name ?? null;
}

/** The entry a stored profile makes (null: none — no profile, an invalid one, or a resident). */
async function entryFor(db: Firestore, uid: string, now: Date): Promise<StaffDoc | null> {
  const raw = await uncheckedRefs(db).user(uid).get();
  const parsed = raw.exists ? UserSchema.safeParse(toDates(raw.data())) : null;
  if (!parsed?.success) return null;
  const profile: UserDoc = parsed.data;
  if (profile.role === 'resident') return null;
  return staffEntry(profile, await unitName(db, profile.scopeId), now);
}

/**
 * Brings staff/{uid} in step with users/{uid}: written when it differs, deleted when the profile
 * is gone, invalid or a resident's. Returns what it did.
 */
export async function syncStaffEntry(db: Firestore, uid: string, now = new Date()): Promise<'written' | 'unchanged' | 'deleted'> {
  const r = refs(db);
  const want = await entryFor(db, uid, now);
  const snap = await r
    .staff(uid)
    .get()
    .catch(() => null); // a malformed entry is simply replaced
  const have = snap?.exists ? (snap.data() ?? null) : null;
  if (!want) {
    if (!snap || snap.exists) {
      await r.staff(uid).delete();
      return 'deleted';
    }
    return 'unchanged';
  }
  if (have && sameStaffEntry(have, want)) return 'unchanged';
  await r.staff(uid).set(want);
  return 'written';
}

/** Re-derives the entries of one unit's staff (after the unit is renamed). */
export async function refreshStaffOfUnit(db: Firestore, unitId: string): Promise<number> {
  const snap = await staffOfUnit(db, unitId).get();
  let n = 0;
  for (const d of snap.docs) if ((await syncStaffEntry(db, d.id)) !== 'unchanged') n++;
  return n;
}

/**
 * `fengqiao staff rebuild --county X`: every profile of the county gets its entry, and entries
 * whose profile is gone (or moved to another county) are removed. Returns counts.
 */
export async function rebuildStaff(db: Firestore, countyId: string): Promise<{ written: number; unchanged: number; deleted: number }> {
  const out = { written: 0, unchanged: 0, deleted: 0 };
  const now = new Date();
  const seen = new Set<string>();
  for (const d of (await usersOfCounty(db, countyId).get()).docs) {
    seen.add(d.id);
    out[await syncStaffEntry(db, d.id, now)]++;
  }
  for (const d of (await staffOfCounty(db, countyId).get()).docs) {
    if (seen.has(d.id)) continue;
    out[await syncStaffEntry(db, d.id, now)]++;
  }
  return out;
}
