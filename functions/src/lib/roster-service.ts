/**
 * Duty rosters in Firestore:
 *   rosters/{unitId}                      the rotations (RosterConfig), set by administrators
 *   rosters/{unitId}/versions/{from}      a published roster: immutable (created once)
 *   rosters/{unitId}/changes/{id}         leave and swap requests, and their approved effect
 *   publicDuty/{unitId}                   who receives visitors, next weeks: names and titles only
 */
import type { Firestore } from 'firebase-admin/firestore';
import {
  type RosterChangeDoc,
  type RosterVersionDoc,
  CalendarRangeError,
  RosterError,
  type Assignment,
  type RosterChange,
  type RosterConfig,
  GuardError,
  addDays,
  applyLeave,
  applySwap,
  dutyDateAt,
  dutyReminderAlert,
  effectiveDays,
  generateRoster,
  localDate,
  outboxFor,
  webhooksFor,
} from '../domain';
import { loadWebhooks, withCalendar, yearsOf } from './config';
import { refs } from './db';
import { allRosters, rosterChangesByStatus, rosterVersionsUntil } from './queries';

export type RosterVersion = RosterVersionDoc;
export type ChangeDoc = RosterChangeDoc;

export async function loadRosterConfig(db: Firestore, unitId: string): Promise<RosterConfig> {
  const cfg = (await refs(db).roster(unitId).get()).data();
  if (!cfg) throw new GuardError('not-found', '该单位尚未设置值班轮次', `no roster config for ${unitId}`);
  return cfg;
}

/** Publishes [from, to] as an immutable version; refuses a period that overlaps a published one. */
export async function publishRoster(db: Firestore, unitId: string, from: string, to: string, by: string): Promise<RosterVersion> {
  if (to < from) throw new GuardError('invalid-argument', '结束日期早于开始日期', `bad period ${from}..${to}`);
  const cfg = await loadRosterConfig(db, unitId);
  const assignments = await withCalendar(db, yearsOf(Number(from.slice(0, 4)), Number(to.slice(0, 4))), (cal) =>
    generateRoster(cfg, cal, from, to),
  );
  const overlapping = await rosterVersionsUntil(db, unitId, to).get();
  if (overlapping.docs.some((d) => d.data().to >= from)) {
    throw new GuardError(
      'failed-precondition',
      '该时段已发布值班表，变更请通过请假或调班',
      `period ${from}..${to} overlaps a published version of ${unitId}`,
    );
  }
  const v: RosterVersion = { unitId, from, to, assignments, publishedAt: new Date(), publishedBy: by };
  await refs(db).rosterVersion(unitId, from).create(v);
  await refreshPublicDuty(db, unitId, localDate(new Date()));
  return v;
}

/** The effective roster over [from, to] as stored (domain `effectiveDays`). */
export async function loadEffectiveDays(db: Firestore, unitId: string, from: string, to: string): Promise<Assignment[]> {
  const versions = (await rosterVersionsUntil(db, unitId, to).get()).docs.map((d) => d.data());
  const changes = (await rosterChangesByStatus(db, unitId, 'approved').get()).docs.map((d) => d.data());
  return effectiveDays(versions, changes, from, to);
}

/** The leader on duty at a moment (handoff time respected), or null when no roster covers it. */
export async function onDutyAt(
  db: Firestore,
  unitId: string,
  at: Date,
): Promise<{ uid: string; name: string; title: string; dutyDate: string; kind: Assignment['kind'] } | null> {
  const cfg = await loadRosterConfig(db, unitId);
  const date = dutyDateAt(at, cfg.handoff);
  const [a] = await loadEffectiveDays(db, unitId, date, date);
  if (!a) return null;
  const l = [...cfg.weekday, ...cfg.duty].find((x) => x.uid === a.uid);
  return { uid: a.uid, name: l?.name ?? '', title: l?.title ?? '', dutyDate: date, kind: a.kind };
}

export async function requestChange(
  db: Firestore,
  unitId: string,
  by: string,
  req: { kind: 'leave' | 'swap'; dates: string[]; withUid: string | null; withDate: string | null; reason: string },
): Promise<string> {
  const cfg = await loadRosterConfig(db, unitId);
  if (![...cfg.weekday, ...cfg.duty].some((l) => l.uid === by))
    throw new GuardError('permission-denied', '只有本单位值班领导可以申请请假或调班', `${by} is not on the ${unitId} roster`);
  if (req.kind === 'swap' && (!req.withUid || !req.withDate || req.dates.length !== 1))
    throw new GuardError('invalid-argument', '调班须指定一个日期及对方领导和日期', 'swap needs one date, withUid and withDate');
  const ref = refs(db).rosterChange(unitId);
  const doc: ChangeDoc = {
    id: ref.id,
    unitId,
    kind: req.kind,
    uid: by,
    dates: req.dates,
    withUid: req.withUid,
    withDate: req.withDate,
    reason: req.reason,
    status: 'requested',
    requestedBy: by,
    requestedAt: new Date(),
    decidedBy: null,
    decidedAt: null,
    effect: [],
  };
  await ref.create(doc);
  return ref.id;
}

/** An administrator approves (the change's effect is computed against the roster as it is now) or rejects. */
export async function decideChange(db: Firestore, unitId: string, changeId: string, approve: boolean, by: string): Promise<ChangeDoc> {
  const cfg = await loadRosterConfig(db, unitId);
  const ref = refs(db).rosterChange(unitId, changeId);
  const change = await db.runTransaction(async (tx) => {
    const c = (await tx.get(ref)).data();
    if (!c) throw new GuardError('not-found', '申请不存在', `change ${changeId} not found`);
    if (c.status !== 'requested') throw new GuardError('failed-precondition', '该申请已处理', `change ${changeId} is ${c.status}`);
    let effect: RosterChange[] = [];
    if (approve) {
      const dates = c.kind === 'swap' ? [...c.dates, c.withDate!] : c.dates;
      const from = [...dates].sort()[0]!; // ISO dates sort as strings
      const roster = await loadEffectiveDays(db, unitId, from, addDays(from, 62));
      try {
        effect =
          c.kind === 'leave'
            ? applyLeave(roster, cfg, c.uid, c.dates)
            : applySwap(roster, { uid: c.uid, date: c.dates[0]! }, { uid: c.withUid!, date: c.withDate! });
      } catch (e) {
        if (!(e instanceof RosterError)) throw e;
        throw new GuardError('failed-precondition', '无法批准：该日没有可以替班的领导，或调班与值班表不符', e.message);
      }
      if (c.kind === 'leave' && !effect.some((e) => c.dates.includes(e.date)))
        throw new GuardError('failed-precondition', '请假日期不在您的值班安排中', `no duty of ${c.uid} on ${c.dates.join(',')}`);
    }
    const next: ChangeDoc = { ...c, status: approve ? 'approved' : 'rejected', decidedBy: by, decidedAt: new Date(), effect };
    tx.set(ref, next);
    return next;
  });
  await refreshPublicDuty(db, unitId, localDate(new Date()));
  return change;
}

/**
 * publicDuty/{unitId}: yesterday (still on duty before the handoff) and the next 35 days, names
 * and titles only — all a resident may see — with the handoff time, so the console's cards pick
 * the day on duty now exactly as the walk-in does (`dutyDayAt`).
 */
export async function refreshPublicDuty(db: Firestore, unitId: string, today: string): Promise<void> {
  const cfg = await loadRosterConfig(db, unitId);
  const days = await loadEffectiveDays(db, unitId, addDays(today, -1), addDays(today, 34));
  const who = new Map([...cfg.weekday, ...cfg.duty].map((l) => [l.uid, l]));
  await refs(db)
    .publicDuty(unitId)
    .set({
      unitId,
      unitName: cfg.unitName,
      updatedAt: new Date(),
      handoff: cfg.handoff,
      days: days.map((a) => ({
        date: a.date,
        kind: a.kind,
        holiday: a.holiday,
        name: who.get(a.uid)?.name ?? '',
        title: who.get(a.uid)?.title ?? '',
      })),
    });
}

/**
 * The daily job: publish next month once it is within 7 days, remind tomorrow's leader (alert
 * and unit webhooks, deterministic IDs), refresh the public view. Idempotent.
 */
export async function rosterTick(db: Firestore, now: Date): Promise<{ published: string[]; reminded: string[]; skipped: string[] }> {
  const today = localDate(now);
  const tomorrow = addDays(today, 1);
  const published: string[] = [];
  const reminded: string[] = [];
  const skipped: string[] = [];
  const hooks = await loadWebhooks(db);
  for (const snap of (await allRosters(db).get()).docs) {
    const unitId = snap.id;
    const cfg = snap.data();
    const monthStart = `${addDays(today, 7).slice(0, 7)}-01`;
    const monthEnd = addDays(`${addDays(monthStart, 32).slice(0, 7)}-01`, -1);
    const existing = await rosterVersionsUntil(db, unitId, monthEnd).get();
    if (!existing.docs.some((d) => d.data().to >= monthStart)) {
      try {
        await publishRoster(db, unitId, monthStart, monthEnd, 'system:roster');
        published.push(`${unitId}:${monthStart}`);
      } catch (e) {
        // A month past the loaded holiday calendar is not guessed: it waits for the import.
        if (!(e instanceof CalendarRangeError) && !(e instanceof RosterError)) throw e;
        skipped.push(`${unitId}:${monthStart}: ${e.message}`);
      }
    }
    const [a] = await loadEffectiveDays(db, unitId, tomorrow, tomorrow);
    if (a) {
      const alert = dutyReminderAlert(unitId, cfg, a, now);
      const ref = refs(db).alert(alert.id);
      const created = await ref.create(alert).then(
        () => true,
        (e: { code?: number }) => {
          if (e.code !== 6) throw e;
          return false;
        },
      );
      if (created) {
        reminded.push(alert.id);
        // The unit's robots get the reminder too (the group sees who is on duty tomorrow).
        for (const h of webhooksFor({ ...alert, recipientUnit: unitId }, hooks)) {
          const o = outboxFor({ ...alert, recipientUnit: unitId }, h, now);
          await refs(db)
            .outbox(o.id)
            .create(o)
            .catch(() => undefined);
        }
      }
    }
    await refreshPublicDuty(db, unitId, today);
  }
  return { published, reminded, skipped };
}
