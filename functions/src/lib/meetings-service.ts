/**
 * 研判 and meetings (domain/meetings.ts): the services behind `saveMeeting`, `closeMeeting`,
 * `replyMeetingTask` and `handleSignal`'s `judge`. Each change is one transaction that reads the
 * meeting (or task), checks its version (compare-and-set) and request ID (a resend changes
 * nothing), and writes the meeting, the signals taken into it, the tasks and their alerts
 * (deterministic IDs) together. The agenda's sources (the unit's open signals, overdue and red
 * cases) are read by indexed queries before the transaction: a draft's agenda is a snapshot.
 */
import { FieldValue, type Firestore, type Transaction } from 'firebase-admin/firestore';
import {
  type Agenda,
  type CloseMeetingInput,
  type Claims,
  GuardError,
  type MeetingDoc,
  OPEN_STATES,
  type Participant,
  type ReplyMeetingTaskInput,
  type SaveMeetingInput,
  type SignalDoc,
  canSeeMeeting,
  canSeeSignal,
  canSeeTask,
  checkDueDates,
  checkEditable,
  checkOwner,
  draftAgenda,
  handleSignal as nextSignalState,
  kindFitsLevel,
  localDate,
  maskFreeText,
  meetingLevelOf,
  meetingTaskAlerts,
  meetingUnits,
  replyTask,
  signalFiguresId,
  tasksOf,
  withAttendance,
} from '../domain';
import { increments, refs, writeIncrements } from './db';
import { caseIdFor } from './ids';
import { dueText } from './meeting-sweep';
import { agendaOverdue, agendaRed, agendaSignals } from './queries';

type Actor = { uid: string; name: string | null };
const LIST = 20;

/** The agenda's sources of a unit (outside any transaction: a snapshot at saving). */
async function agendaSources(db: Firestore, unitId: string) {
  const [sig, sigN, od, odN, red, redN] = await Promise.all([
    agendaSignals(db, unitId).limit(LIST).get(),
    agendaSignals(db, unitId).count().get(),
    agendaOverdue(db, unitId).limit(LIST).get(),
    agendaOverdue(db, unitId).count().get(),
    agendaRed(db, unitId, OPEN_STATES).limit(LIST).get(),
    agendaRed(db, unitId, OPEN_STATES).count().get(),
  ]);
  return {
    signals: sig.docs.map((d) => d.data()),
    overdue: od.docs.map((d) => d.data()),
    red: red.docs.map((d) => d.data()),
    counts: { openSignals: sigN.data().count, overdueCases: odN.data().count, redCases: redN.data().count },
  };
}

/** Participants resolved from the staff directory and the departments (same county, active staff). */
async function resolveParticipants(db: Firestore, countyId: string, list: SaveMeetingInput['participants']): Promise<Participant[]> {
  const r = refs(db);
  const uniq = [...new Map(list.map((p) => [`${p.kind}:${p.id}`, p])).values()];
  const snaps = await Promise.all(uniq.map((p) => (p.kind === 'staff' ? r.staff(p.id).get() : r.department(p.id).get())));
  return uniq.map((p, i) => {
    const d = snaps[i]!.data();
    if (!d || d.countyId !== countyId || ('active' in d && !d.active))
      throw new GuardError('invalid-argument', '参会人员或部门不存在或不在本县', `participant ${p.kind} ${p.id} not found in ${countyId}`);
    return 'uid' in d
      ? { kind: 'staff' as const, id: p.id, name: d.displayName, title: d.title, unitName: d.unitName, present: null }
      : { kind: 'department' as const, id: p.id, name: d.name, title: null, unitName: d.name, present: null };
  });
}

/** Puts signals into a meeting (in the caller's transaction, after its reads): state in_analysis. */
function judgeSignals(db: Firestore, tx: Transaction, signals: SignalDoc[], meetingId: string, actor: Actor, now: Date): void {
  const r = refs(db);
  for (const s of signals) {
    if (s.state === 'in_analysis' && s.handling?.analysisId === meetingId) continue;
    const state = nextSignalState(s, { action: 'judge', signalId: s.id, meetingId });
    tx.set(r.signal(s.id), {
      ...s,
      state,
      handling: { by: actor.uid, byName: actor.name, at: now, reason: null, analysisId: meetingId },
      updatedAt: now,
    });
    if (!s.handling) {
      const month = localDate(now).slice(0, 7);
      for (const u of [...new Set([s.scope.townId, s.scope.countyId].filter((x): x is string => !!x))])
        writeIncrements(
          tx,
          increments(db).signalFigures(signalFiguresId(u, month)),
          { unitId: u, month },
          { handled: FieldValue.increment(1) },
        );
    }
  }
}

async function readSignals(db: Firestore, tx: Transaction, ids: string[], claims: Claims): Promise<SignalDoc[]> {
  const r = refs(db);
  const snaps = ids.length ? await Promise.all(ids.map((id) => tx.get(r.signal(id)))) : [];
  return snaps.map((s, i) => {
    const d = s.data();
    if (!d || !canSeeSignal(claims, d))
      throw new GuardError('not-found', '没有找到该风险信号', `signal ${ids[i]} not found or not visible`);
    return d;
  });
}

export async function saveMeeting(db: Firestore, input: SaveMeetingInput, claims: Claims, actor: Actor, now: Date) {
  const r = refs(db);
  const level = meetingLevelOf(claims);
  if (!level)
    throw new GuardError('permission-denied', '只有乡镇、县综治中心人员和领导可以组织研判', `${claims.r} ${claims.u} holds no meetings`);
  if (!kindFitsLevel(input.kind, level))
    throw new GuardError(
      'invalid-argument',
      input.kind === 'town_weekly' ? '综治例会由乡镇召开' : '联席会议由县级召开',
      `${input.kind} not held at ${level}`,
    );
  if (input.meetingId !== undefined && input.version === undefined)
    throw new GuardError('invalid-argument', '修改会议需提供版本号', 'update without version');
  const participants = await resolveParticipants(db, claims.c, input.participants);
  const unit = (await r.region(claims.u).get()).data();
  const sources = await agendaSources(db, claims.u);
  const id = input.meetingId ?? caseIdFor(claims.c, `meeting:${actor.uid}`, input.requestId);
  return db.runTransaction(async (tx) => {
    const prev = (await tx.get(r.meeting(id))).data() ?? null;
    if (prev && (prev.lastRequestId === input.requestId || input.meetingId === undefined)) {
      if (!canSeeMeeting(claims, prev)) throw new GuardError('not-found', '没有找到该会议', `meeting ${id} not visible`);
      return { meetingId: id, created: false, version: prev.version, signalIds: prev.signalIds };
    }
    if (input.meetingId !== undefined) {
      if (!prev) throw new GuardError('not-found', '没有找到该会议', `meeting ${id} not found`);
      checkEditable(claims, prev, input.version!);
      if (prev.kind !== input.kind && !kindFitsLevel(input.kind, prev.level))
        throw new GuardError('invalid-argument', '会议类型与层级不符', `${input.kind} at ${prev.level}`);
    }
    const already = prev?.signalIds ?? [];
    const fresh = [...new Set(input.signalIds)].filter((s) => !already.includes(s));
    const signalIds = [...already, ...fresh];
    if (signalIds.length > 50) throw new GuardError('invalid-argument', '一次研判纳入的风险信号不能超过50个', 'too many signals');
    const taken = await readSignals(db, tx, signalIds, claims);
    const agenda: Agenda = draftAgenda(
      { signals: [...taken, ...sources.signals], taken: signalIds, overdue: sources.overdue, red: sources.red, counts: sources.counts },
      now,
    );
    judgeSignals(
      db,
      tx,
      taken.filter((s) => fresh.includes(s.id)),
      id,
      actor,
      now,
    );
    const doc: MeetingDoc = {
      id,
      countyId: claims.c,
      townId: level === 'town' ? claims.u : null,
      unitId: claims.u,
      unitName: unit?.name ?? claims.u,
      level,
      kind: input.kind,
      title: maskFreeText(input.title),
      date: input.date,
      state: 'draft',
      participants,
      signalIds,
      agenda,
      minutes: null,
      decisions: [],
      units: meetingUnits(claims.u),
      createdBy: prev?.createdBy ?? { uid: actor.uid, name: actor.name },
      lastRequestId: input.requestId,
      closeRequestId: null,
      version: prev ? prev.version + 1 : 0,
      createdAt: prev?.createdAt ?? now,
      updatedAt: now,
      closedAt: null,
    };
    tx.set(r.meeting(id), doc);
    return { meetingId: id, created: !prev, version: doc.version, signalIds };
  });
}

/** `handleSignal` `judge`: one signal into a draft meeting of the caller's unit. */
export async function judgeSignal(db: Firestore, signalId: string, meetingId: string, claims: Claims, actor: Actor, now: Date) {
  const r = refs(db);
  return db.runTransaction(async (tx) => {
    const m = (await tx.get(r.meeting(meetingId))).data();
    if (!m || !canSeeMeeting(claims, m))
      throw new GuardError('not-found', '没有找到该会议', `meeting ${meetingId} not found or not visible`);
    const [s] = await readSignals(db, tx, [signalId], claims);
    if (s!.state === 'in_analysis' && s!.handling?.analysisId === meetingId) return { signalId, state: s!.state };
    checkEditable(claims, m, m.version);
    if (m.signalIds.length >= 50) throw new GuardError('invalid-argument', '一次研判纳入的风险信号不能超过50个', 'too many signals');
    judgeSignals(db, tx, [s!], meetingId, actor, now);
    const item = draftAgenda(
      { signals: [s!], taken: [s!.id], overdue: [], red: [], counts: { openSignals: 0, overdueCases: 0, redCases: 0 } },
      now,
    ).items;
    tx.set(r.meeting(meetingId), {
      ...m,
      signalIds: [...m.signalIds, s!.id],
      agenda: { ...m.agenda, items: [...item, ...m.agenda.items.filter((i) => i.ref !== s!.id)] },
      version: m.version + 1,
      updatedAt: now,
    });
    return { signalId, state: 'in_analysis' as const };
  });
}

export async function closeMeeting(db: Firestore, input: CloseMeetingInput, claims: Claims, now: Date) {
  const r = refs(db);
  return db.runTransaction(async (tx) => {
    const m = (await tx.get(r.meeting(input.meetingId))).data();
    if (!m || !canSeeMeeting(claims, m))
      throw new GuardError('not-found', '没有找到该会议', `meeting ${input.meetingId} not found or not visible`);
    if (m.state === 'closed' && m.closeRequestId === input.requestId)
      return { meetingId: m.id, closed: false, taskIds: m.decisions.map((d) => d.taskId) };
    checkEditable(claims, m, input.version);
    checkDueDates(input.decisions, now);
    const participants = withAttendance(m.kind, m.participants, input.present);
    // Owners: read their names (departments of the county; units in the meeting's area).
    const owners = await Promise.all(
      input.decisions.map(async (d) => {
        if (d.owner.kind === 'department') {
          const dept = (await tx.get(r.department(d.owner.id))).data() ?? null;
          checkOwner(m.unitId, d.owner, dept);
          return { ...d.owner, name: dept!.name };
        }
        checkOwner(m.unitId, d.owner, null);
        const region = (await tx.get(r.region(d.owner.id))).data();
        if (!region) throw new GuardError('invalid-argument', '承办单位不存在', `region ${d.owner.id} not found`);
        return { ...d.owner, name: region.name };
      }),
    );
    const tasks = tasksOf(
      m,
      input.decisions.map((d, i) => ({ text: d.text, owner: owners[i]!, dueDate: d.dueDate })),
      now,
    );
    for (const t of tasks) {
      tx.create(r.meetingTask(t.id), t);
      for (const a of meetingTaskAlerts(t, 'assigned', now, dueText(t.dueAt))) tx.set(r.alert(a.id), a);
    }
    tx.set(r.meeting(m.id), {
      ...m,
      state: 'closed',
      participants,
      minutes: maskFreeText(input.minutes),
      decisions: tasks.map((t) => ({ taskId: t.id, text: t.text, owner: t.owner, dueDate: t.dueDate })),
      closeRequestId: input.requestId,
      lastRequestId: input.requestId,
      version: m.version + 1,
      updatedAt: now,
      closedAt: now,
    });
    return { meetingId: m.id, closed: true, taskIds: tasks.map((t) => t.id) };
  });
}

export async function replyMeetingTask(db: Firestore, input: ReplyMeetingTaskInput, claims: Claims, actor: Actor, now: Date) {
  const r = refs(db);
  return db.runTransaction(async (tx) => {
    const t = (await tx.get(r.meetingTask(input.taskId))).data();
    if (!t || !canSeeTask(claims, t)) throw new GuardError('not-found', '没有找到该任务', `task ${input.taskId} not found or not visible`);
    if (t.state === 'replied' && t.replyRequestId === input.requestId)
      return { taskId: t.id, state: 'replied' as const, late: t.repliedLate ?? false };
    const next = replyTask(t, claims, input.reply, actor.name, now, input.requestId);
    tx.set(r.meetingTask(t.id), next);
    for (const a of meetingTaskAlerts(next, 'replied', now, dueText(t.dueAt))) tx.set(r.alert(a.id), a);
    return { taskId: t.id, state: 'replied' as const, late: next.repliedLate ?? false };
  });
}
