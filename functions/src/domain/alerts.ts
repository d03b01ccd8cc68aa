import { DateTime } from 'luxon';
import { z } from 'zod';
import type { CaseAfter, CaseDoc, CaseEvent } from './case-model';
import { eventId } from './case-model';
import { CLOCK_LABELS } from './clocks';
import { maskFreeText } from './privacy';
import type { Assignment, RosterConfig } from './roster';

/**
 * Alerts (提醒/预警): documents the console shows live, per unit, user or department. Their text
 * names the case as people know it — its (masked) title and its short number — never by a raw
 * document ID, and never carries parties' personal data.
 */
export const ALERT_KINDS = [
  'case_reported',
  'case_escalated',
  'case_returned',
  'case_dispatched',
  'leader_assigned',
  'handler_assigned',
  'mediator_assigned',
  'case_supervised',
  'case_reopened',
  'department_feedback',
  'deadline_warning',
  'deadline_breach',
  'duty_reminder',
  'supervision_assigned',
  'supervision_replied',
  'no_duty_leader',
  'hazard_warning',
  'hazard_breach',
  'signal_raised',
  'keyperson_warning',
  'keyperson_breach',
  'notice_issued',
  'notice_warning',
  'notice_breach',
  'notice_supervised',
  'notice_answered',
  'meeting_task_assigned',
  'meeting_task_warning',
  'meeting_task_breach',
  'meeting_task_replied',
] as const;
export const AlertKind = z.enum(ALERT_KINDS);

export const AlertDoc = z.strictObject({
  id: z.string(),
  countyId: z.string(),
  caseId: z.string().nullable(),
  kind: AlertKind,
  severity: z.enum(['info', 'warning', 'critical']),
  /** Exactly one recipient: a unit's staff, one user, or a department's officers. */
  recipientUnit: z.string().nullable(),
  recipientUid: z.string().nullable(),
  recipientDept: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  createdAt: z.date(),
  readBy: z.array(z.string()),
});
export type AlertDoc = z.infer<typeof AlertDoc>;

const CATEGORY_ZH: Record<string, string> = {
  marriage_family: '婚姻家庭',
  neighbour: '邻里',
  housing_land: '房屋宅基地',
  contract: '合同',
  business: '生产经营',
  damages: '损害赔偿',
  forest_land: '山林土地',
  expropriation: '征地拆迁',
  environment: '环境污染',
  labour: '劳动争议',
  medical: '医疗',
  traffic: '道路交通事故',
  property_mgmt: '物业',
  consumer: '消费',
  village_affairs: '村务管理',
  other: '其他',
};
export const categoryLabel = (c: string) => CATEGORY_ZH[c] ?? c;

/**
 * The case number people read and say (案件编号): the case ID without its county prefix
 * (`621126-sdAy5c7Q5f3q` → `sdAy5c7Q5f3q`), unique within the county.
 */
export function caseNo(caseId: string): string {
  return caseId.replace(/^\d{6}-/, '');
}

/** A case's title as alerts quote it: masked again, and cut short (the alert links to the case). */
export function caseTitleForAlert(title: string, max = 24): string {
  const t = maskFreeText(title).replace(/\s+/g, ' ').trim();
  return [...t].length > max ? `${[...t].slice(0, max - 1).join('')}…` : t;
}

/** The body of a case alert: what happened, to which case (title and number). */
export function caseAlertBody(c: Pick<CaseDoc, 'id' | 'title'>, text: string): string {
  return `${maskFreeText(text)}：“${caseTitleForAlert(c.title)}”（编号 ${caseNo(c.id)}）`;
}

type Recipient = { unit: string } | { uid: string } | { dept: string };

/** One alert about a case to one recipient; the ID says which case, trigger and recipient. */
function caseAlert(
  c: Pick<CaseDoc, 'id' | 'countyId' | 'category' | 'title'>,
  trigger: string,
  at: Date,
  to: Recipient,
  kind: AlertDoc['kind'],
  severity: AlertDoc['severity'],
  text: string,
): AlertDoc {
  const key = 'unit' in to ? `u${to.unit}` : 'uid' in to ? `p${to.uid}` : `d${to.dept}`;
  return {
    id: `${c.id}-${trigger}-${key}`.replace(/[/:]/g, '_').slice(0, 300),
    countyId: c.countyId,
    caseId: c.id,
    kind,
    severity,
    recipientUnit: 'unit' in to ? to.unit : null,
    recipientUid: 'uid' in to ? to.uid : null,
    recipientDept: 'dept' in to ? to.dept : null,
    // Fixed texts today; masked all the same, so no future text can carry a number out.
    title: maskFreeText(`【${categoryLabel(c.category)}】${text}`),
    body: caseAlertBody(c, text),
    createdAt: at,
    readBy: [],
  };
}

/** What an event's alerts need of its case: the case itself, or what the event carries (`after`). */
export type AlertCase = Pick<CaseDoc, 'id' | 'countyId' | 'category' | 'title' | 'colour' | 'unitId' | 'leaderUid'> & {
  supervisions: readonly { id: string; leaderUid: string }[];
};

function alert(c: AlertCase, e: CaseEvent, to: Recipient, kind: AlertDoc['kind'], severity: AlertDoc['severity'], text: string): AlertDoc {
  return caseAlert(c, eventId(e.seq), e.at, to, kind, severity, text);
}

/**
 * Who made a 督办, as its alert says it (issue 16): 市级督办 when the case's city did (a 4-digit
 * unit), 省级督办 for a province (2 digits; no province may 督办 a case today), plain 督办 when
 * the county (or the deadline sweep) did. The unit's level only — never who.
 */
export function supervisionLabel(actorUnitId: string): string {
  if (/^\d{4}$/.test(actorUnitId)) return '市级督办';
  if (/^\d{2}$/.test(actorUnitId)) return '省级督办';
  return '督办';
}

/**
 * The alerts one history event raises (pure). IDs derive from case, event and recipient, so a
 * replayed trigger writes the same documents and nothing twice.
 */
export function alertsForEvent(c: AlertCase, e: CaseEvent): AlertDoc[] {
  switch (e.action) {
    case 'report':
      return e.to.tier === 'grid'
        ? []
        : [alert(c, e, { unit: c.unitId }, 'case_reported', c.colour === 'red' ? 'critical' : 'info', '新案件待受理')];
    case 'escalate':
      return [alert(c, e, { unit: c.unitId }, 'case_escalated', 'warning', '下级上报案件待受理')];
    case 'return':
      return [alert(c, e, { unit: c.unitId }, 'case_returned', 'warning', '上级退回案件，请继续办理')];
    case 'dispatch':
      return e.data.departmentIds.map((dept) =>
        alert(
          c,
          e,
          { dept },
          'case_dispatched',
          e.data.emergency ? 'critical' : 'warning',
          e.data.emergency ? '紧急派单，请于2小时内报到' : '派单待报到',
        ),
      );
    case 'assign_leader':
      return [alert(c, e, { uid: e.data.leaderUid }, 'leader_assigned', 'warning', '您已被确定为包案领导')];
    case 'assign_handler':
      return [alert(c, e, { uid: e.data.handlerUid }, 'handler_assigned', 'info', '您被指定为承办人')];
    case 'assign_mediator':
      return e.data.mediatorUid ? [alert(c, e, { uid: e.data.mediatorUid }, 'mediator_assigned', 'info', '您被指派调解该案件')] : [];
    case 'supervise': {
      const what = supervisionLabel(e.actor.unitId);
      return [
        alert(c, e, { unit: c.countyId }, 'case_supervised', 'critical', `案件已转${what}`),
        ...(c.leaderUid ? [alert(c, e, { uid: c.leaderUid }, 'case_supervised', 'critical', `您包案的案件已转${what}`)] : []),
      ];
    }
    case 'reopen':
      return [alert(c, e, { unit: c.unitId }, 'case_reopened', 'warning', '案件重新办理（回头看）')];
    case 'callback':
      return e.data.reopened ? [alert(c, e, { unit: c.unitId }, 'case_reopened', 'warning', '群众回访不满意，案件重新办理')] : [];
    case 'department_feedback':
      return [alert(c, e, { unit: c.unitId }, 'department_feedback', 'info', '部门已反馈办理情况')];
    case 'instruct':
      return e.data.items.map((it) =>
        alert(
          c,
          e,
          /^\d+$/.test(it.assigneeUnit) ? { unit: it.assigneeUnit } : { dept: it.assigneeUnit },
          'supervision_assigned',
          'critical',
          `领导批示交办，请于${it.dueDate}前办理并答复`,
        ),
      );
    case 'reply_supervision': {
      const item = c.supervisions.find((x) => x.id === e.data.supervisionId);
      return item ? [alert(c, e, { uid: item.leaderUid }, 'supervision_replied', 'info', '督办件已答复')] : [];
    }
    default:
      return [];
  }
}

/** What a resident sees of their own request (requests/{caseId}): no internal notes, no other parties. */
export const ResidentRequestDoc = z.strictObject({
  caseId: z.string(),
  residentUid: z.string(),
  countyId: z.string(),
  title: z.string(),
  category: z.string(),
  state: z.string(),
  tier: z.string(),
  version: z.number().int(),
  outcome: z.string().nullable(),
  /** The handler's resolution note (化解说明), as stored on the case (masked); absent on older views. */
  resolutionNote: z.string().nullable().default(null),
  satisfaction: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  steps: z.array(z.strictObject({ seq: z.number().int(), at: z.date(), action: z.string(), state: z.string(), tier: z.string() })),
});
export type ResidentRequestDoc = z.infer<typeof ResidentRequestDoc>;

/** Actions a resident sees as steps (internal ones — mediation notes, reassignments — are not shown). */
const PUBLIC_ACTIONS = new Set([
  'report',
  'accept',
  'not_accept',
  'escalate',
  'return',
  'dispatch',
  'resolve',
  'suspend',
  'resume',
  'callback',
  'close',
  'reopen',
  'mark_duplicate',
]);

export function residentView(c: CaseDoc, events: CaseEvent[]): ResidentRequestDoc | null {
  if (!c.residentUid) return null;
  return {
    caseId: c.id,
    residentUid: c.residentUid,
    countyId: c.countyId,
    title: maskFreeText(c.title), // stored masked with the parties (planReport); numbers again for older cases
    category: c.category,
    state: c.state,
    tier: c.tier,
    version: c.version,
    outcome: c.outcome,
    resolutionNote: c.resolutionNote === null ? null : maskFreeText(c.resolutionNote),
    satisfaction: c.satisfaction,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    steps: events
      .filter((e) => PUBLIC_ACTIONS.has(e.action))
      .map((e) => ({ seq: e.seq, at: e.at, action: e.action, state: e.to.state, tier: e.to.tier })),
  };
}

/**
 * The resident's view after one event, from what the event carries (`after`) and the view as
 * stored (pure): the event's step is added if missing, and the header follows the newest event
 * seen. Order-independent and idempotent (at-least-once triggers): null when there is nothing
 * to write.
 */
export function residentViewWith(
  current: ResidentRequestDoc | undefined,
  caseId: string,
  e: CaseEvent & { after: CaseAfter },
): ResidentRequestDoc | null {
  const a = e.after;
  if (!a.residentUid) return null;
  const has = current?.steps.some((s) => s.seq === e.seq) ?? false;
  const step = PUBLIC_ACTIONS.has(e.action) && !has ? [{ seq: e.seq, at: e.at, action: e.action, state: e.to.state, tier: e.to.tier }] : [];
  const newer = !current || a.version > current.version;
  if (!newer && step.length === 0) return null;
  const header: Omit<ResidentRequestDoc, 'steps'> = newer
    ? {
        caseId,
        residentUid: a.residentUid,
        countyId: e.scope.countyId,
        title: maskFreeText(a.title),
        category: a.category,
        state: a.state,
        tier: a.tier,
        version: a.version,
        outcome: a.outcome,
        resolutionNote: a.resolutionNote === null ? null : maskFreeText(a.resolutionNote),
        satisfaction: a.satisfaction,
        createdAt: a.createdAt,
        updatedAt: a.updatedAt,
      }
    : current!;
  const steps = [...(current?.steps ?? []), ...step].sort((x, y) => x.seq - y.seq);
  return { ...header, steps };
}

/**
 * The alerts a clock raises when it warns (黄灯) or breaches (红灯) (pure). IDs derive from case,
 * clock instance, phase and recipient: the sweep can run again and write nothing twice.
 */
export function alertsForClock(
  c: CaseDoc,
  clock: { id: string; kind: string; subject: string | null; dueAt: Date | null },
  phase: 'warning' | 'breach',
  now: Date,
): AlertDoc[] {
  const label = CLOCK_LABELS[clock.kind as keyof typeof CLOCK_LABELS] ?? clock.kind;
  const due = clock.dueAt ? DateTime.fromJSDate(clock.dueAt, { zone: 'Asia/Shanghai' }).toFormat('MM-dd HH:mm') : '';
  const text = phase === 'warning' ? `${label}即将到期（${due}）` : `${label}已逾期（${due}）`;
  const kind = phase === 'warning' ? 'deadline_warning' : 'deadline_breach';
  const severity = phase === 'warning' ? 'warning' : 'critical';
  const recipients: ({ unit: string } | { uid: string } | { dept: string })[] = [];
  if (clock.kind === 'supervision') {
    const item = c.supervisions.find((x) => x.id === clock.subject);
    if (item) {
      recipients.push(/^\d+$/.test(item.assigneeUnit) ? { unit: item.assigneeUnit } : { dept: item.assigneeUnit });
      if (phase === 'breach') recipients.push({ uid: item.leaderUid });
    }
  } else if (clock.kind === 'tier') {
    recipients.push({ unit: tierUnit(c, clock.subject ?? c.tier) });
    if (phase === 'breach' && clock.subject === 'county') {
      if (c.leaderUid) recipients.push({ uid: c.leaderUid });
    }
  } else if (clock.kind === 'dept_checkin' || clock.kind === 'dept_feedback') {
    recipients.push({ dept: clock.subject! });
    if (phase === 'breach') recipients.push({ unit: c.unitId });
  } else {
    recipients.push({ unit: c.unitId });
  }
  return recipients.map((to) => caseAlert(c, `${clock.id}-${phase}`, now, to, kind, severity, text));
}

function tierUnit(c: CaseDoc, tier: string): string {
  return tier === 'grid' ? c.gridId : tier === 'village' ? c.villageId : tier === 'town' ? c.townId : c.countyId;
}

/**
 * The evening reminder to the leader on duty tomorrow (`a`, a day of `unitId`'s effective
 * roster); its ID is deterministic, so the daily job reminds once.
 */
export function dutyReminderAlert(
  unitId: string,
  cfg: Pick<RosterConfig, 'countyId' | 'unitName' | 'handoff' | 'weekday' | 'duty'>,
  a: Assignment,
  now: Date,
): AlertDoc {
  const l = [...cfg.weekday, ...cfg.duty].find((x) => x.uid === a.uid);
  return {
    id: `duty-${unitId}-${a.date}-${a.uid}`,
    countyId: cfg.countyId,
    caseId: null,
    kind: 'duty_reminder',
    severity: 'info',
    recipientUnit: null,
    recipientUid: a.uid,
    recipientDept: null,
    title: `【值班提醒】明日（${a.date}）由您${a.kind === 'weekday' ? '接访' : '值班'}`,
    body: `${cfg.unitName}${a.kind === 'weekday' ? '领导接访' : '值班'}：${l?.name ?? ''}（${l?.title ?? ''}），${a.date} ${cfg.handoff} 起`,
    createdAt: now,
    readBy: [],
  };
}

/**
 * A walk-in registered when no published roster names a leader on duty (无值班领导): the unit's
 * staff and the county's administrators are told, so a leader is found and the roster fixed. One
 * alert per recipient, with a deterministic ID (a retry does not repeat it).
 */
export function noDutyLeaderAlerts(
  c: Pick<CaseDoc, 'id' | 'countyId' | 'title'>,
  unitId: string,
  unitName: string,
  adminUids: readonly string[],
  receivedAt: Date,
  now: Date,
): AlertDoc[] {
  const when = DateTime.fromJSDate(receivedAt, { zone: 'Asia/Shanghai' }).toFormat('yyyy-MM-dd HH:mm');
  const base = {
    countyId: c.countyId,
    caseId: c.id,
    kind: 'no_duty_leader' as const,
    severity: 'critical' as const,
    recipientUnit: null,
    recipientUid: null,
    recipientDept: null,
    title: `【无值班领导】${unitName}来访已登记，请安排领导接待`,
    body: `${when} 的来访「${c.title}」已登记，但该时间没有已发布的接访值班表。请安排领导接待，并补充或发布值班表。`,
    createdAt: now,
    readBy: [],
  };
  return [
    { ...base, id: `noduty-${c.id}-unit`, recipientUnit: unitId },
    ...adminUids.map((uid) => ({ ...base, id: `noduty-${c.id}-${uid}`, recipientUid: uid })),
  ];
}
