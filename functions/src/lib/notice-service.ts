/**
 * 预警提示单 (domain/notices.ts) on Firestore: issuing (number from the unit's counter, the notice,
 * the recipient's alert, the signal's handling and the month's figures — one transaction), the
 * recipient's and the issuer's actions, the deadline sweep's notice pass, and the CSV export.
 */
import { FieldValue, type Firestore, type Transaction } from 'firebase-admin/firestore';
import { DateTime } from 'luxon';
import {
  canSeeMeeting,
  type Actor,
  type AlertDoc,
  type Claims,
  type ExportFile,
  GuardError,
  type IssueNoticeInput,
  NOTICE_COLUMNS,
  type NoticeActionInput,
  type NoticeDoc,
  type NoticeFigure,
  ZONE,
  applyNoticeAction,
  canIssueNotice,
  canReadNotice,
  canSeeSignal,
  localDate,
  newNotice,
  nextNoticeNumber,
  noticeAnsweredAlert,
  noticeClockAlerts,
  noticeCounterId,
  noticeFigureDelta,
  noticeFigureUnits,
  noticeFiguresId,
  noticeIssuedAlert,
  noticeRow,
  noticeYear,
  recipientInScope,
  signalFiguresId,
  sweepNotice,
  toCsv,
} from '../domain';
import { loadPolicy, loadWebhooks } from './config';
import { writeAlerts, sweepClockPass } from './clock-pass';
import { increments, refs, writeIncrements } from './db';
import { noticesDue, noticesOfIssuerYear } from './queries';

const fmt = (d: Date | null) => (d ? DateTime.fromJSDate(d, { zone: ZONE }).toFormat('yyyy-LL-dd HH:mm') : '');
const fail = (code: GuardError['code'], zh: string, en: string): never => {
  throw new GuardError(code, zh, en);
};

/** Alerts and their robot deliveries, in the transaction. */
/** Alerts of a callable's transaction with their robot deliveries (the sweep's own loop does this for the clocks). */
async function writeNoticeAlerts(db: Firestore, tx: Transaction, alerts: AlertDoc[], now: Date): Promise<number> {
  return writeAlerts(db, tx, alerts, await loadWebhooks(db), now).alerts;
}

function countFigures(db: Firestore, tx: Transaction, n: NoticeDoc, names: NoticeFigure[], now: Date): void {
  if (!names.length) return;
  const month = localDate(now).slice(0, 7);
  const figures: Record<string, unknown> = {};
  for (const k of names) figures[k] = FieldValue.increment(names.filter((x) => x === k).length);
  for (const u of noticeFigureUnits(n))
    writeIncrements(tx, increments(db).noticeFigures(noticeFiguresId(u, month)), { unitId: u, month }, figures);
}

const noticeIdOf = (unitId: string, requestId: string) => `${unitId}-${requestId}`;

export async function issueNotice(
  db: Firestore,
  input: IssueNoticeInput,
  claims: Claims,
  actor: Actor,
): Promise<{ noticeId: string; number: string; created: boolean; signDueAt: string; feedbackDueAt: string }> {
  if (!canIssueNotice(claims))
    fail('permission-denied', '只有乡镇、县综治中心工作人员和领导可以发出预警提示单', `${claims.r} ${claims.u} may not issue notices`);
  const r = refs(db);
  const policy = (await loadPolicy(db, claims.c)).notices;
  const issuerName = (await r.region(claims.u).get()).data()?.name ?? null;
  const id = noticeIdOf(claims.u, input.requestId);
  return db.runTransaction(async (tx) => {
    const existing = (await tx.get(r.notice(id))).data();
    if (existing)
      return {
        noticeId: id,
        number: existing.number,
        created: false,
        signDueAt: existing.sign.dueAt.toISOString(),
        feedbackDueAt: existing.feedback.dueAt.toISOString(),
      };
    // The recipient, in the issuer's scope.
    let recipient: NoticeDoc['recipient'];
    if (input.recipient.kind === 'department') {
      const d = (await tx.get(r.department(input.recipient.id))).data();
      if (!d || d.countyId !== claims.c) fail('invalid-argument', '接收部门不存在', `department ${input.recipient.id} not in county`);
      recipient = { kind: 'department', id: d!.id, name: d!.name, townId: d!.townId };
    } else {
      const reg = input.recipient.id.length === 9 ? (await tx.get(r.region(input.recipient.id))).data() : undefined;
      if (!reg || !input.recipient.id.startsWith(claims.c))
        fail('invalid-argument', '接收乡镇不存在', `town ${input.recipient.id} not in county`);
      recipient = { kind: 'town', id: input.recipient.id, name: reg!.name, townId: input.recipient.id };
    }
    if (!recipientInScope(claims.u, { ...recipient, countyId: claims.c }))
      fail('permission-denied', '不能向辖区外的单位发出预警提示单', `${claims.u} may not send to ${recipient.kind} ${recipient.id}`);
    // The signal it comes from: one the caller sees, not dismissed.
    const signal = input.signalId ? (await tx.get(r.signal(input.signalId))).data() : null;
    if (input.signalId) {
      if (!signal || !canSeeSignal(claims, signal))
        fail('not-found', '没有找到该风险信号', `signal ${input.signalId} not found or not visible`);
      if (signal!.state === 'dismissed') fail('failed-precondition', '该信号已排除，不能据此发出提示单', `signal ${signal!.id} dismissed`);
    }
    // The 研判 it comes from: a meeting the caller's unit holds or sees.
    if (input.meetingId) {
      const meeting = (await tx.get(r.meeting(input.meetingId))).data();
      if (!meeting || !canSeeMeeting(claims, meeting))
        fail('not-found', '没有找到该研判会议', `meeting ${input.meetingId} not found or not visible`);
    }
    const now = new Date();
    const year = noticeYear(now);
    const counterRef = r.noticeCounter(noticeCounterId(claims.u, year));
    const counter = (await tx.get(counterRef)).data();
    const next = nextNoticeNumber(counter, claims.u, year);
    const n = newNotice(
      {
        id,
        countyId: claims.c,
        requestId: input.requestId,
        year,
        seq: next.seq,
        number: next.number,
        issuer: { unitId: claims.u, unitName: `${issuerName ?? ''}综治中心`, uid: actor.uid, name: actor.name },
        recipient,
        source: {
          kind: input.signalId ? 'signal' : input.meetingId ? 'meeting' : 'direct',
          signalId: input.signalId ?? null,
          meetingId: input.meetingId ?? null,
        },
        risk: input.risk,
        measures: input.measures,
        limitDays: input.limitDays ?? policy.limitDays,
        signHours: input.signHours ?? policy.signHours,
        now,
      },
      policy,
    );
    tx.set(counterRef, next.counter);
    tx.set(r.notice(id), n);
    await writeNoticeAlerts(db, tx, [noticeIssuedAlert(n, { sign: fmt(n.sign.dueAt), feedback: fmt(n.feedback.dueAt) })], now);
    countFigures(db, tx, n, noticeFigureDelta({ issued: true }), now);
    if (signal) {
      // The signal shows it was handled by this notice (a first handling counts in `handled`).
      tx.set(r.signal(signal.id), {
        ...signal,
        state: signal.state === 'open' ? 'acknowledged' : signal.state,
        handling: signal.handling ?? {
          by: actor.uid,
          byName: actor.name,
          at: now,
          reason: `已发出预警提示单${n.number}`,
          analysisId: null,
        },
        notices: [...(signal.notices ?? []), { id, number: n.number }].slice(-50),
        updatedAt: now,
      });
      if (!signal.handling) {
        const month = localDate(now).slice(0, 7);
        for (const u of [...new Set([signal.scope.townId, signal.scope.countyId].filter((x): x is string => !!x))])
          writeIncrements(
            tx,
            increments(db).signalFigures(signalFiguresId(u, month)),
            { unitId: u, month },
            { handled: FieldValue.increment(1) },
          );
      }
    }
    return {
      noticeId: id,
      number: n.number,
      created: true,
      signDueAt: n.sign.dueAt.toISOString(),
      feedbackDueAt: n.feedback.dueAt.toISOString(),
    };
  });
}

export async function noticeAction(
  db: Firestore,
  input: NoticeActionInput,
  claims: Claims,
  actor: Actor,
): Promise<{ noticeId: string; state: NoticeDoc['state']; version: number; onTime: boolean | null }> {
  const r = refs(db);
  const policy = (await loadPolicy(db, claims.c)).notices;
  return db.runTransaction(async (tx) => {
    const n = (await tx.get(r.notice(input.noticeId))).data();
    // The same answer for a missing notice and one the caller may not read: IDs cannot be probed.
    if (!n || !canReadNotice(claims, n)) fail('not-found', '没有找到该预警提示单', `notice ${input.noticeId} not found or not visible`);
    const now = new Date();
    const { doc, effect } = applyNoticeAction(n!, input, claims, actor.name, now, policy);
    tx.set(r.notice(doc.id), doc);
    countFigures(db, tx, doc, noticeFigureDelta({ effect }), now);
    if (input.action === 'feedback') await writeNoticeAlerts(db, tx, [noticeAnsweredAlert(doc, now)], now);
    const onTime =
      input.action === 'sign' ? (effect.signed?.onTime ?? null) : input.action === 'feedback' ? (effect.answered?.onTime ?? null) : null;
    return { noticeId: doc.id, state: doc.state, version: doc.version, onTime };
  });
}

export interface NoticeSweepReport {
  noticesRead: number;
  noticeWarnings: number;
  noticeBreaches: number;
  supervised: number;
  alerts: number;
  more: boolean;
}

/**
 * The deadline sweep's notice pass: notices with a clock due (indexed on `sweepAt`), each in one
 * transaction — marks, alerts (deterministic IDs), robot deliveries, overdue figures.
 */
export async function sweepNotices(db: Firestore, now: Date, batchSize = 200, maxBatches = 50): Promise<NoticeSweepReport> {
  const r = refs(db);
  const counts = { noticeWarnings: 0, noticeBreaches: 0, supervised: 0 };
  const t = await sweepClockPass(
    db,
    now,
    {
      due: noticesDue,
      handle: async (tx, id, raise) => {
        const n = (await tx.get(r.notice(id))).data();
        if (!n?.sweepAt || n.sweepAt > now) return null; // moved on since the query
        const policy = (await loadPolicy(db, n.countyId)).notices;
        const { doc, fired } = sweepNotice(n, now, policy);
        tx.set(r.notice(id), doc);
        if (!fired.length) return null;
        raise(fired.flatMap((f) => noticeClockAlerts(doc, f, now, fmt(doc[f.clock].dueAt))));
        countFigures(db, tx, doc, noticeFigureDelta({ fired }), now);
        return { fired, supervised: doc.supervised && !n.supervised };
      },
      committed: (done) => {
        if (!done) return;
        if (done.supervised) counts.supervised++;
        for (const f of done.fired) {
          if (f.phase === 'warning') counts.noticeWarnings++;
          else counts.noticeBreaches++;
        }
      },
    },
    batchSize,
    maxBatches,
  );
  return { noticesRead: t.read, ...counts, alerts: t.alerts, more: t.more };
}

/** The CSV of the notices the caller's unit issued in a year (masked texts, as everyone reading them sees). */
export async function exportNotices(db: Firestore, year: number, claims: Claims): Promise<ExportFile & { rows: number }> {
  if (!canIssueNotice(claims))
    fail('permission-denied', '只有乡镇、县综治中心工作人员和领导可以导出预警提示单', `${claims.r} may not export notices`);
  const snap = await noticesOfIssuerYear(db, claims.u, year).get();
  const rows = snap.docs.map((d) => noticeRow(d.data(), fmt));
  const unit = (await refs(db).region(claims.u).get()).data()?.name ?? claims.u;
  const csv = toCsv([[...NOTICE_COLUMNS], ...rows]);
  return {
    filename: `预警提示单_${unit.replace(/[\\/:*?"<>|\s]+/g, '-')}_${year}.csv`,
    mimeType: 'text/csv;charset=utf-8',
    base64: Buffer.from(csv, 'utf8').toString('base64'),
    rows: rows.length,
  };
}
