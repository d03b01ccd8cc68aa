/**
 * `fengqiao audit`: who opened (or wrote) which key person's personal data, newest first, with
 * the reader's name and title from the staff directory (the log keeps the name at the time too).
 */
import type { Firestore } from 'firebase-admin/firestore';
import { DateTime } from 'luxon';
import { KP_KIND_ZH, ZONE } from '../domain';
import { refs } from './db';
import { keyPersonAccessSince } from './queries';

export interface AuditRow {
  at: string;
  action: 'open' | 'create' | 'edit';
  who: string;
  role: string;
  unit: string;
  record: string;
  serial: string;
  what: string;
  purpose: string | null;
  byUid: string;
}

const ACTION_ZH = { open: '查阅', create: '登记', edit: '修改' } as const;
export const auditActionZh = (a: AuditRow['action']) => ACTION_ZH[a];

export async function auditEntries(
  db: Firestore,
  f: { record?: string; by?: string; since?: Date; county?: string; limit?: number },
): Promise<AuditRow[]> {
  const r = refs(db);
  const snap = await keyPersonAccessSince(db, f.since ?? new Date('2000-01-01T00:00:00Z'), f)
    .limit(f.limit ?? 500)
    .get();
  const logs = snap.docs
    .map((d) => d.data())
    .filter((l) => (!f.by || l.byUid === f.by) && (!f.record || l.keyPersonId === f.record) && (!f.county || l.countyId === f.county));
  const staff = new Map<string, { name: string; unitName: string } | null>();
  const records = new Map<string, string>();
  for (const l of logs) {
    if (!staff.has(l.byUid)) {
      const s = (await r.staff(l.byUid).get()).data();
      staff.set(l.byUid, s ? { name: s.title ? `${s.displayName}（${s.title}）` : s.displayName, unitName: s.unitName } : null);
    }
    if (!records.has(l.keyPersonId)) {
      const kp = (await r.keyPerson(l.keyPersonId).get()).data();
      records.set(l.keyPersonId, kp ? `${KP_KIND_ZH[kp.kind]} · ${kp.category} · ${kp.gridName}` : '（记录已删除）');
    }
  }
  return logs.map((l) => ({
    at: DateTime.fromJSDate(l.at, { zone: ZONE }).toFormat('yyyy-LL-dd HH:mm:ss'),
    action: l.action,
    who: staff.get(l.byUid)?.name ?? l.byName ?? '（未知用户）',
    role: l.role,
    unit: staff.get(l.byUid)?.unitName ?? l.unitId,
    record: l.keyPersonId,
    serial: l.serial,
    what: records.get(l.keyPersonId)!,
    purpose: l.purpose,
    byUid: l.byUid,
  }));
}
