/**
 * 研判 and meetings (issue 15, "Before a dispute" in docs/DOMAIN): a town's or the county's
 * 专题研判 / 随时研判 / 会商研判, and the regular 综治例会 (weekly, per town) and 联席会议 (county,
 * with departments), recorded the same way: participants from the staff directory and the
 * departments (stored by ID, shown by name, title and unit), an agenda the server drafts from the
 * unit's open signals, overdue cases and red cases, attendance, minutes and decisions. Each decision
 * becomes a task (meetingTasks/{id}) with an owner (a unit or a department) and a limit, tracked
 * like a 督办件: a warning before the limit and a breach at it (each once, deterministic alert
 * IDs), a reply by the owner, and, when late, 督办 — alerts to the issuing unit and the unit above.
 *
 * Pure: no Firebase. The services (lib/meetings-service.ts) read and write; the sweep's meeting
 * pass (lib/meeting-sweep.ts) runs `sweepMeetingTask`.
 *
 * What readers of a meeting see (decided here, documented in docs/api.md): the agenda names cases
 * by number and masked title (maskFreeText, cut short), their category and tier — never parties,
 * descriptions or addresses — and signals by their summary (which holds no personal data). So a
 * participant who does not handle a case learns that it exists and is overdue or red, not who is
 * in it. Minutes, decisions and replies are masked free text (maskFreeText) when stored.
 */
import { z } from 'zod';
import { type AlertDoc, caseNo, caseTitleForAlert, categoryLabel } from './alerts';
import { endOfLocalDay, localDate } from './calendar';
import type { CaseDoc } from './case-model';
import { GuardError, isSupervisionAssignee } from './case-machine';
import { DocId, IsoDate, Text } from './input';
import { maskFreeText } from './privacy';
import { type Level, levelOf } from './regions';
import type { Claims } from './roles';
import type { SignalDoc } from './signals';

export const MEETING_LEVELS = ['town', 'county'] as const;
export type MeetingLevel = (typeof MEETING_LEVELS)[number];

/** 专题研判 / 随时研判 / 会商研判 / 综治例会 (town, weekly) / 联席会议 (county, with departments). */
export const MEETING_KINDS = ['topical', 'urgent', 'consultation', 'town_weekly', 'joint'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  topical: '专题研判',
  urgent: '随时研判',
  consultation: '会商研判',
  town_weekly: '综治例会',
  joint: '联席会议',
};
/** The regular meetings record attendance (出席/缺席) when they are closed. */
export const takesAttendance = (k: MeetingKind): boolean => k === 'town_weekly' || k === 'joint';
/** Which level may hold which kind: 综治例会 is a town's, 联席会议 the county's; 研判 at both. */
export function kindFitsLevel(k: MeetingKind, level: MeetingLevel): boolean {
  if (k === 'town_weekly') return level === 'town';
  if (k === 'joint') return level === 'county';
  return true;
}

/** Who holds meetings (and reads them): town and county staff and leaders of the unit or above. */
export const MEETING_ROLES = ['town_staff', 'county_staff', 'leader'] as const;

/** The level of a meeting the caller holds, or null when the caller holds none. */
export function meetingLevelOf(claims: Pick<Claims, 'r' | 'u'>): MeetingLevel | null {
  if (!(MEETING_ROLES as readonly string[]).includes(claims.r)) return null;
  const l = levelOrNull(claims.u);
  return l === 'town' || l === 'county' ? l : null;
}

/** A region code's level, or null for anything else (a department ID). */
function levelOrNull(code: string): Level | null {
  try {
    return levelOf(code);
  } catch {
    return null;
  }
}

export const MEETING_LIMITS = { participants: 60, signals: 50, decisions: 30, agendaItems: 20 } as const;

// ── Documents ─────────────────────────────────────────────────────────────────────────────

/** A participant: a staff member (uid) or a department; names are copied from the directory when saved. */
export const Participant = z.strictObject({
  kind: z.enum(['staff', 'department']),
  id: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  unitName: z.string(),
  /** Attendance (综治例会/联席会议): null until the meeting is closed. */
  present: z.boolean().nullable(),
});
export type Participant = z.infer<typeof Participant>;

export const AGENDA_KINDS = ['signal', 'overdue_case', 'red_case'] as const;
/** One agenda line: a signal (its summary) or a case (number and masked title) — never a person. */
export const AgendaItem = z.strictObject({
  kind: z.enum(AGENDA_KINDS),
  /** The signal or case ID (the console links to it; people read `no`). */
  ref: z.string(),
  /** The case number people say (`caseNo`), or the signal's kind label. */
  no: z.string(),
  text: z.string(),
  category: z.string().nullable(),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

export const Agenda = z.strictObject({
  draftedAt: z.date(),
  /** Whole counts of the unit's scope at drafting (the lists below show at most 20 of each). */
  openSignals: z.number().int().nonnegative(),
  overdueCases: z.number().int().nonnegative(),
  redCases: z.number().int().nonnegative(),
  items: z.array(AgendaItem),
});
export type Agenda = z.infer<typeof Agenda>;

export const Decision = z.strictObject({
  /** The task it became (meetingTasks/{taskId}). */
  taskId: z.string(),
  text: z.string(),
  owner: z.strictObject({ kind: z.enum(['unit', 'department']), id: z.string(), name: z.string() }),
  dueDate: z.string(),
});
export type Decision = z.infer<typeof Decision>;

/** meetings/{id}: every field server-owned; read by the staff and leaders of `units`. */
export const MeetingDoc = z.strictObject({
  id: z.string(),
  countyId: z.string(),
  townId: z.string().nullable(),
  /** The unit holding it (a town or the county). */
  unitId: z.string(),
  unitName: z.string(),
  level: z.enum(MEETING_LEVELS),
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  date: z.string(),
  state: z.enum(['draft', 'closed']),
  participants: z.array(Participant),
  /** Signals taken into this 研判 (their state is `in_analysis`, `handling.analysisId` this ID). */
  signalIds: z.array(z.string()),
  agenda: Agenda,
  minutes: z.string().nullable(),
  decisions: z.array(Decision),
  /** Readers: the unit and the units above it. */
  units: z.array(z.string()),
  createdBy: z.strictObject({ uid: z.string(), name: z.string().nullable() }),
  /** The last request applied (a resend of it changes nothing) and the close request. */
  lastRequestId: z.string(),
  closeRequestId: z.string().nullable(),
  version: z.number().int().nonnegative(),
  createdAt: z.date(),
  updatedAt: z.date(),
  closedAt: z.date().nullable(),
});
export type MeetingDoc = z.infer<typeof MeetingDoc>;

export const TASK_STATES = ['open', 'replied'] as const;
export type TaskState = (typeof TASK_STATES)[number];
/** The warning comes this long before the limit (24:00 of the due date). */
export const TASK_WARN_HOURS = 24;

/** meetingTasks/{meetingId}-{n}: one decision's task, tracked like a 督办件. */
export const MeetingTaskDoc = z.strictObject({
  id: z.string(),
  meetingId: z.string(),
  meetingTitle: z.string(),
  meetingKind: z.enum(MEETING_KINDS),
  countyId: z.string(),
  /** The unit that held the meeting, and the one above it (null for the county: its leaders are there). */
  issuerUnit: z.string(),
  issuerName: z.string(),
  superiorUnit: z.string().nullable(),
  owner: z.strictObject({ kind: z.enum(['unit', 'department']), id: z.string(), name: z.string() }),
  text: z.string(),
  dueDate: z.string(),
  dueAt: z.date(),
  warnAt: z.date(),
  state: z.enum(TASK_STATES),
  warnedAt: z.date().nullable(),
  breachedAt: z.date().nullable(),
  /** Late: escalated to 督办 (alerts to the issuer and the unit above). */
  supervised: z.boolean(),
  /** The next moment the sweep has work (warning or breach); null when none. */
  sweepAt: z.date().nullable(),
  reply: z.string().nullable(),
  repliedAt: z.date().nullable(),
  repliedByName: z.string().nullable(),
  repliedLate: z.boolean().nullable(),
  replyRequestId: z.string().nullable(),
  /** Territorial readers (issuer, the unit above, an owning unit); `ownerDept` for a department owner. */
  units: z.array(z.string()),
  ownerDept: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  version: z.number().int().nonnegative(),
});
export type MeetingTaskDoc = z.infer<typeof MeetingTaskDoc>;

// ── Inputs ────────────────────────────────────────────────────────────────────────────────

const RequestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId 应为8-64位字母数字');

export const ParticipantRef = z.strictObject({ kind: z.enum(['staff', 'department']), id: DocId });

/** `saveMeeting`: create a draft (no meetingId) or update one (meetingId and the version read). */
export const SaveMeetingInput = z.strictObject({
  requestId: RequestId,
  meetingId: DocId.optional(),
  version: z.number().int().nonnegative().optional(),
  kind: z.enum(MEETING_KINDS),
  title: Text(60, '请填写会议名称'),
  date: IsoDate,
  participants: z.array(ParticipantRef).max(MEETING_LIMITS.participants, `参会人员不能超过${MEETING_LIMITS.participants}个`),
  /** Signals to take into this 研判 (added to those already in it). */
  signalIds: z.array(z.string().min(1).max(80)).max(MEETING_LIMITS.signals).default([]),
});
export type SaveMeetingInput = z.infer<typeof SaveMeetingInput>;

export const DecisionInput = z.strictObject({
  text: Text(500, '请填写决定事项'),
  owner: z.strictObject({ kind: z.enum(['unit', 'department']), id: DocId }),
  dueDate: IsoDate,
});
export type DecisionInput = z.infer<typeof DecisionInput>;

/** `closeMeeting`: minutes, attendance (例会/联席会议) and decisions; each decision becomes a task. */
export const CloseMeetingInput = z.strictObject({
  requestId: RequestId,
  meetingId: DocId,
  version: z.number().int().nonnegative(),
  minutes: Text(5000, '请填写会议纪要'),
  /** IDs of the participants present (the others are absent); required for 综治例会/联席会议. */
  present: z.array(DocId).max(MEETING_LIMITS.participants).default([]),
  decisions: z.array(DecisionInput).max(MEETING_LIMITS.decisions, `决定事项不能超过${MEETING_LIMITS.decisions}项`),
});
export type CloseMeetingInput = z.infer<typeof CloseMeetingInput>;

/** `replyMeetingTask`: the owner's reply (办理情况). */
export const ReplyMeetingTaskInput = z.strictObject({
  requestId: RequestId,
  taskId: DocId,
  reply: Text(1000, '请填写办理情况'),
});
export type ReplyMeetingTaskInput = z.infer<typeof ReplyMeetingTaskInput>;

// ── Rules of the meeting ──────────────────────────────────────────────────────────────────

export function canSeeMeeting(claims: Pick<Claims, 'r' | 'u'>, m: Pick<MeetingDoc, 'units'>): boolean {
  return (MEETING_ROLES as readonly string[]).includes(claims.r) && m.units.includes(claims.u);
}

/** Changes a meeting (edit, close) only its own unit's staff and leaders make, while it is a draft. */
export function checkEditable(claims: Pick<Claims, 'r' | 'u'>, m: MeetingDoc, version: number): void {
  if (!canSeeMeeting(claims, m)) throw new GuardError('not-found', '没有找到该会议', `meeting ${m.id} not visible`);
  if (claims.u !== m.unitId)
    throw new GuardError('permission-denied', '只能修改本单位召开的会议', `meeting ${m.id} belongs to ${m.unitId}`);
  if (m.state !== 'draft') throw new GuardError('failed-precondition', '会议已结束，不能再修改', `meeting ${m.id} is closed`);
  if (m.version !== version)
    throw new GuardError('aborted', '会议已被他人修改，请刷新后重试', `meeting ${m.id} is at version ${m.version}, not ${version}`);
}

/** The units whose staff read a meeting held by `unitId`: it and the units above. */
export function meetingUnits(unitId: string): string[] {
  return levelOf(unitId) === 'town' ? [unitId, unitId.slice(0, 6)] : [unitId];
}

/**
 * Which owners a meeting may give a task to: the holding unit itself, a town or village in its
 * area, or a department of the county (a town meeting: the county's departments too — 派出所, 司法所
 * sit in the town, the county bureaus answer county and town alike).
 */
export function checkOwner(unitId: string, owner: { kind: 'unit' | 'department'; id: string }, dept: { countyId: string } | null): void {
  if (owner.kind === 'department') {
    if (!dept || dept.countyId !== unitId.slice(0, 6))
      throw new GuardError('invalid-argument', '承办部门不存在或不在本县', `department ${owner.id} not in county`);
    return;
  }
  const l = levelOrNull(owner.id);
  const ok = owner.id.startsWith(unitId) && (l === 'town' || l === 'village' || l === 'county');
  if (!ok) throw new GuardError('invalid-argument', '承办单位应为本单位或辖区内的乡镇、村（社区）', `owner ${owner.id} outside ${unitId}`);
}

/** Checks the decisions' limits: a due date today or later (Asia/Shanghai). */
export function checkDueDates(decisions: readonly { dueDate: string }[], now: Date): void {
  const today = localDate(now);
  for (const d of decisions)
    if (d.dueDate < today) throw new GuardError('invalid-argument', '办理期限不能早于今天', `due ${d.dueDate} before ${today}`);
}

/** Attendance: the present IDs must be participants; regular meetings need at least one present. */
export function withAttendance(kind: MeetingKind, participants: Participant[], present: readonly string[]): Participant[] {
  const ids = new Set(participants.map((p) => p.id));
  const unknown = present.filter((p) => !ids.has(p));
  if (unknown.length) throw new GuardError('invalid-argument', '出席人员应为参会人员', `present ${unknown.join(',')} not participants`);
  if (!takesAttendance(kind)) return participants;
  if (!present.length) throw new GuardError('invalid-argument', '请登记出席情况', 'no attendance');
  const on = new Set(present);
  return participants.map((p) => ({ ...p, present: on.has(p.id) }));
}

// ── The agenda ────────────────────────────────────────────────────────────────────────────

const SIGNAL_KIND_ZH: Record<string, string> = {
  cluster: '矛盾聚集',
  repeat_person: '重复反映',
  same_subject: '同一事项',
  group_growth: '群体规模上升',
  red_stale: '红色案件无进展',
  key_person: '重点人员',
  hazard: '安全隐患',
};

/**
 * The agenda drafted from the unit's scope: the signals taken into the meeting first, then other
 * open signals, overdue cases and red cases (at most 20 each listed, counts whole). Cases appear
 * by number and masked title; a case both overdue and red is listed once, as overdue.
 */
export function draftAgenda(
  input: {
    signals: Pick<SignalDoc, 'id' | 'kind' | 'summary' | 'state'>[];
    taken: string[];
    overdue: Pick<CaseDoc, 'id' | 'title' | 'category'>[];
    red: Pick<CaseDoc, 'id' | 'title' | 'category'>[];
    counts: { openSignals: number; overdueCases: number; redCases: number };
  },
  now: Date,
): Agenda {
  const max = MEETING_LIMITS.agendaItems;
  const taken = new Set(input.taken);
  const signals = [...new Map(input.signals.map((s) => [s.id, s])).values()].sort(
    (a, b) => Number(taken.has(b.id)) - Number(taken.has(a.id)) || a.id.localeCompare(b.id),
  );
  const items: AgendaItem[] = signals.slice(0, max + taken.size).map((s) => ({
    kind: 'signal',
    ref: s.id,
    no: SIGNAL_KIND_ZH[s.kind] ?? s.kind,
    text: maskFreeText(s.summary),
    category: null,
  }));
  const seen = new Set<string>();
  const caseItem = (kind: 'overdue_case' | 'red_case') => (c: Pick<CaseDoc, 'id' | 'title' | 'category'>) => {
    seen.add(c.id);
    return { kind, ref: c.id, no: caseNo(c.id), text: caseTitleForAlert(c.title, 40), category: categoryLabel(c.category) };
  };
  items.push(...input.overdue.slice(0, max).map(caseItem('overdue_case')));
  items.push(
    ...input.red
      .filter((c) => !seen.has(c.id))
      .slice(0, max)
      .map(caseItem('red_case')),
  );
  return { draftedAt: now, ...input.counts, items };
}

// ── Tasks ─────────────────────────────────────────────────────────────────────────────────

export const taskId = (meetingId: string, n: number) => `${meetingId}-${String(n + 1).padStart(2, '0')}`;

/** The tasks of a meeting's decisions (pure: owners already resolved to names). */
export function tasksOf(
  m: Pick<MeetingDoc, 'id' | 'title' | 'kind' | 'countyId' | 'unitId' | 'unitName'>,
  decisions: { text: string; owner: { kind: 'unit' | 'department'; id: string; name: string }; dueDate: string }[],
  now: Date,
): MeetingTaskDoc[] {
  const superior = levelOf(m.unitId) === 'town' ? m.unitId.slice(0, 6) : null;
  return decisions.map((d, i) => {
    const dueAt = endOfLocalDay(d.dueDate);
    const warnAt = new Date(Math.max(now.getTime(), dueAt.getTime() - TASK_WARN_HOURS * 3_600_000));
    const units = [m.unitId, ...(superior ? [superior] : [])];
    if (d.owner.kind === 'unit' && !units.includes(d.owner.id)) units.push(d.owner.id);
    return {
      id: taskId(m.id, i),
      meetingId: m.id,
      meetingTitle: m.title,
      meetingKind: m.kind,
      countyId: m.countyId,
      issuerUnit: m.unitId,
      issuerName: m.unitName,
      superiorUnit: superior,
      owner: d.owner,
      text: maskFreeText(d.text),
      dueDate: d.dueDate,
      dueAt,
      warnAt,
      state: 'open',
      warnedAt: null,
      breachedAt: null,
      supervised: false,
      sweepAt: warnAt,
      reply: null,
      repliedAt: null,
      repliedByName: null,
      repliedLate: null,
      replyRequestId: null,
      units,
      ownerDept: d.owner.kind === 'department' ? d.owner.id : null,
      createdAt: now,
      updatedAt: now,
      version: 0,
    };
  });
}

/** Who reads a task: the territorial staff and leaders of `units`, the owning department's officers. */
export function canSeeTask(claims: Pick<Claims, 'r' | 'u' | 'd'>, t: Pick<MeetingTaskDoc, 'units' | 'ownerDept'>): boolean {
  if (claims.r === 'department_officer') return !!claims.d && claims.d === t.ownerDept;
  return ['village_staff', 'town_staff', 'county_staff', 'leader'].includes(claims.r) && t.units.includes(claims.u);
}

/** The owner's reply (办理情况): staff of the owning unit or officers of the owning department. */
export function replyTask(
  t: MeetingTaskDoc,
  claims: Claims,
  reply: string,
  by: string | null,
  now: Date,
  requestId: string,
): MeetingTaskDoc {
  if (!isSupervisionAssignee(claims, t.owner.id))
    throw new GuardError('permission-denied', '只能答复交办给本单位的任务', `${claims.r} ${claims.u} is not the owner of task ${t.id}`);
  if (t.state !== 'open') throw new GuardError('failed-precondition', '该任务已答复', `task ${t.id} is ${t.state}`);
  return {
    ...t,
    state: 'replied',
    reply: maskFreeText(reply),
    repliedAt: now,
    repliedByName: by,
    repliedLate: now.getTime() >= t.dueAt.getTime(),
    replyRequestId: requestId,
    sweepAt: null,
    updatedAt: now,
    version: t.version + 1,
  };
}

/**
 * The sweep's step for one task (pure): a warning once at `warnAt`, a breach once at `dueAt`
 * (which implies its warning and sends the task to 督办). Replied tasks leave the sweep.
 */
export function sweepMeetingTask(t: MeetingTaskDoc, now: Date): { next: MeetingTaskDoc; fired: 'warning' | 'breach' | null } {
  if (t.state !== 'open' || !t.sweepAt) return { next: { ...t, sweepAt: null }, fired: null };
  if (t.sweepAt > now) return { next: t, fired: null };
  if (now >= t.dueAt) {
    if (t.breachedAt) return { next: { ...t, sweepAt: null }, fired: null };
    return {
      next: { ...t, warnedAt: t.warnedAt ?? now, breachedAt: now, supervised: true, sweepAt: null, updatedAt: now, version: t.version + 1 },
      fired: 'breach',
    };
  }
  if (!t.warnedAt) return { next: { ...t, warnedAt: now, sweepAt: t.dueAt, updatedAt: now, version: t.version + 1 }, fired: 'warning' };
  return { next: { ...t, sweepAt: t.dueAt }, fired: null };
}

type Phase = 'assigned' | 'warning' | 'breach' | 'replied';
type To = { unit: string } | { dept: string };

/**
 * A task's alerts (deterministic IDs `mt-{taskId}-{phase}-{recipient}`: a rerun writes the same
 * documents). Assigned, warning: the owner. Breach: the owner, and 督办 to the issuing unit and the
 * unit above it. Replied: the issuing unit. No personal data: the task text is masked and cut short.
 */
export function meetingTaskAlerts(t: MeetingTaskDoc, phase: Phase, now: Date, dueText: string): AlertDoc[] {
  const owner: To = t.owner.kind === 'department' ? { dept: t.owner.id } : { unit: t.owner.id };
  const text = caseTitleForAlert(t.text, 30);
  const to: To[] =
    phase === 'assigned' || phase === 'warning'
      ? [owner]
      : phase === 'breach'
        ? [owner, { unit: t.issuerUnit }, ...(t.superiorUnit ? [{ unit: t.superiorUnit }] : [])]
        : [{ unit: t.issuerUnit }];
  const seen = new Set<string>();
  const meta: Record<Phase, { kind: AlertDoc['kind']; severity: AlertDoc['severity']; title: string; body: string }> = {
    assigned: {
      kind: 'meeting_task_assigned',
      severity: 'info',
      title: `【${MEETING_KIND_LABELS[t.meetingKind]}】交办任务`,
      body: `${t.issuerName}“${t.meetingTitle}”交办：“${text}”，办理期限 ${dueText}`,
    },
    warning: {
      kind: 'meeting_task_warning',
      severity: 'warning',
      title: '【研判交办】任务即将到期',
      body: `${t.issuerName}交办的“${text}”（承办：${t.owner.name}）办理期限 ${dueText}，即将到期，请抓紧办理并答复`,
    },
    breach: {
      kind: 'meeting_task_breach',
      severity: 'critical',
      title: '【督办】研判交办任务逾期',
      body: `${t.issuerName}交办的“${text}”（承办：${t.owner.name}）办理期限 ${dueText}，已逾期未答复，转督办`,
    },
    replied: {
      kind: 'meeting_task_replied',
      severity: t.repliedLate ? 'warning' : 'info',
      title: t.repliedLate ? '【研判交办】任务逾期答复' : '【研判交办】任务已答复',
      body: `${t.owner.name}已答复“${text}”${t.repliedLate ? '（逾期）' : ''}`,
    },
  };
  const m = meta[phase];
  const out: AlertDoc[] = [];
  for (const r of to) {
    const key = 'unit' in r ? `u${r.unit}` : `d${r.dept}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      id: `mt-${t.id}-${phase}-${key}`.replace(/[/:]/g, '_'),
      countyId: t.countyId,
      caseId: null,
      kind: m.kind,
      severity: m.severity,
      recipientUnit: 'unit' in r ? r.unit : null,
      recipientUid: null,
      recipientDept: 'dept' in r ? r.dept : null,
      title: m.title,
      body: maskFreeText(m.body),
      createdAt: now,
      readBy: [],
    });
  }
  return out;
}

/** Monday..Sunday (Asia/Shanghai dates) of the week holding `date`: the dashboard's "meetings this week". */
export function weekOf(date: string): { from: string; to: string } {
  const d = new Date(`${date}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7; // Monday 0
  const from = new Date(d.getTime() - dow * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(d.getTime() + (6 - dow) * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}
