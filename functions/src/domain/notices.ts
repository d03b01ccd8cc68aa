/**
 * 预警提示单 (warning notices): issued by town or county staff from a risk signal, from a 研判
 * meeting, or directly, to a named town or department — the risk, the required measures, a limit.
 * The recipient signs for it (签收, its own short clock) and reports back (反馈); the issuer accepts
 * (办结) or sends the report back (退回). Both clocks are warned (黄灯) and breached (逾期) once each
 * by the deadline sweep; a breach puts the notice under supervision (督办).
 *
 * Pure: the state machine, the number (〔2026〕12号, per issuing unit and year, from a counter the
 * server increments in the same transaction), the clock marks and the alerts. No Firebase.
 */
import { z } from 'zod';
import { addDays, endOfLocalDay, localDate } from './calendar';
import { GuardError } from './case-machine';
import type { AlertDoc } from './alerts';
import type { NoticePolicy } from './notice-policy';
import { maskFreeText } from './privacy';
import type { Claims } from './roles';

export * from './notice-policy';

// ── Input ─────────────────────────────────────────────────────────────────────────────────

const RequestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId 应为8-64位字母数字');
const text = (min: string, max: number) => z.string().trim().min(2, min).max(max, `不能超过${max}字`);

/** Who receives it: a town (region code) or a department (its ID) of the county. */
export const NoticeRecipient = z.strictObject({
  kind: z.enum(['town', 'department']),
  id: z.string().min(6).max(60),
});
export type NoticeRecipient = z.infer<typeof NoticeRecipient>;

/**
 * `issueNotice`: at most one of `signalId` and `meetingId` (neither: issued directly). `limitDays`
 * and `signHours` default to the county's policy (`policy.notices`).
 */
export const IssueNoticeInput = z
  .strictObject({
    requestId: RequestId,
    recipient: NoticeRecipient,
    risk: text('请填写风险描述（至少2字）', 1000),
    measures: text('请填写工作要求（至少2字）', 1000),
    limitDays: z.number().int().min(1, '处置时限至少1天').max(90, '处置时限不能超过90天').optional(),
    signHours: z.number().int().min(1, '签收时限至少1小时').max(168, '签收时限不能超过168小时').optional(),
    signalId: z.string().min(1).max(80).optional(),
    meetingId: z.string().trim().min(1, '研判会议编号不能为空').max(80).optional(),
  })
  .refine((x) => !(x.signalId && x.meetingId), { message: '请选择风险信号或研判会议之一', path: ['meetingId'] });
export type IssueNoticeInput = z.infer<typeof IssueNoticeInput>;

const NoticeId = z.string().min(1).max(100);

/** `noticeAction`: the recipient signs (签收) and reports back (反馈); the issuer accepts (办结) or sends back (退回). */
export const NoticeActionInput = z.discriminatedUnion('action', [
  z.strictObject({ noticeId: NoticeId, action: z.literal('sign') }),
  z.strictObject({ noticeId: NoticeId, action: z.literal('feedback'), text: text('请填写反馈内容（至少2字）', 2000) }),
  z.strictObject({ noticeId: NoticeId, action: z.literal('close'), note: z.string().trim().max(500).optional() }),
  z.strictObject({ noticeId: NoticeId, action: z.literal('return'), reason: text('请填写退回理由（至少2字）', 500) }),
]);
export type NoticeActionInput = z.infer<typeof NoticeActionInput>;
export type NoticeAction = NoticeActionInput['action'];

// ── Stored notice ─────────────────────────────────────────────────────────────────────────

/** issued → signed (签收) → answered (反馈) → closed (办结); answered → signed again when sent back (退回). */
export const NOTICE_STATES = ['issued', 'signed', 'answered', 'closed'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];

const Clock = z.strictObject({ dueAt: z.date(), warned: z.boolean(), breached: z.boolean() });
export type NoticeClock = z.infer<typeof Clock>;

const Step = z.strictObject({
  action: z.enum(['issue', 'sign', 'feedback', 'close', 'return', 'supervise']),
  at: z.date(),
  /** A name and title, never an account ID (null: the sweep). */
  byName: z.string().nullable(),
  /** Masked free text (feedback, reason, note). */
  note: z.string().nullable(),
});

/** notices/{id}: one 预警提示单; every field server-owned. */
export const NoticeDoc = z.strictObject({
  id: z.string(),
  countyId: z.string(),
  requestId: z.string(),
  /** 〔year〕seq号, per issuing unit and year, without gaps. */
  year: z.number().int(),
  seq: z.number().int().min(1),
  number: z.string(),
  issuer: z.strictObject({ unitId: z.string(), unitName: z.string(), uid: z.string(), name: z.string().nullable() }),
  recipient: z.strictObject({
    kind: z.enum(['town', 'department']),
    id: z.string(),
    name: z.string(),
    /** The town the recipient belongs to (null: a county department). */
    townId: z.string().nullable(),
  }),
  source: z.strictObject({
    kind: z.enum(['signal', 'meeting', 'direct']),
    signalId: z.string().nullable(),
    meetingId: z.string().nullable(),
  }),
  /** Masked (phone, ID and card numbers): everyone reading the notice sees these. */
  risk: z.string(),
  measures: z.string(),
  limitDays: z.number().int(),
  signHours: z.number().int(),
  state: z.enum(NOTICE_STATES),
  issuedAt: z.date(),
  sign: Clock,
  feedback: Clock,
  signedAt: z.date().nullable(),
  signedBy: z.string().nullable(),
  /** The latest report (masked) and when. */
  answer: z.string().nullable(),
  answeredAt: z.date().nullable(),
  answeredBy: z.string().nullable(),
  /** Whether the first signing and the first report came within their limits (null: not yet). */
  signedOnTime: z.boolean().nullable(),
  answeredOnTime: z.boolean().nullable(),
  returns: z.number().int(),
  closedAt: z.date().nullable(),
  /** 督办: a limit ran out (the issuer's county was alerted). */
  supervised: z.boolean(),
  /** The next moment the sweep must look (null: nothing due). */
  sweepAt: z.date().nullable(),
  /** Who reads it: the issuing unit, its county, the recipient (town code or department ID). */
  readers: z.array(z.string()),
  history: z.array(Step).max(60),
  version: z.number().int(),
  updatedAt: z.date(),
});
export type NoticeDoc = z.infer<typeof NoticeDoc>;

/** noticeCounters/{unitId}_{year}: the last number the unit gave that year. */
export const NoticeCounterDoc = z.strictObject({ unitId: z.string(), year: z.number().int(), last: z.number().int().min(0) });
export type NoticeCounterDoc = z.infer<typeof NoticeCounterDoc>;
export const noticeCounterId = (unitId: string, year: number) => `${unitId}_${year}`;

/** The notice's number as printed: 〔2026〕12号. */
export const noticeNumber = (year: number, seq: number): string => `〔${year}〕${seq}号`;

/** The local (Asia/Shanghai) year of a moment. */
export const noticeYear = (at: Date): number => Number(localDate(at).slice(0, 4));

/** The next number of a unit's year from its counter (none: the first). */
export function nextNoticeNumber(
  counter: NoticeCounterDoc | null | undefined,
  unitId: string,
  year: number,
): { counter: NoticeCounterDoc; seq: number; number: string } {
  const last = counter && counter.unitId === unitId && counter.year === year ? counter.last : 0;
  const seq = last + 1;
  return { counter: { unitId, year, last: seq }, seq, number: noticeNumber(year, seq) };
}

// ── Who may do what ───────────────────────────────────────────────────────────────────────

/** Who issues: town and county staff and leaders, for their own unit. */
export const NOTICE_ISSUER_ROLES = ['town_staff', 'county_staff', 'leader'] as const;
export const canIssueNotice = (claims: Pick<Claims, 'r' | 'u'>): boolean =>
  (NOTICE_ISSUER_ROLES as readonly string[]).includes(claims.r) && (claims.u.length === 6 || claims.u.length === 9);

/**
 * Whether a unit may send a notice to a recipient: a county (6 digits) to any town or department of
 * the county; a town (9 digits) to the departments located in that town.
 */
export function recipientInScope(
  issuerUnit: string,
  r: { kind: 'town' | 'department'; id: string; countyId: string; townId: string | null },
): boolean {
  if (r.countyId !== issuerUnit.slice(0, 6)) return false;
  if (issuerUnit.length === 6) return r.kind === 'department' || (r.id.length === 9 && r.id.startsWith(issuerUnit));
  return r.kind === 'department' && r.townId === issuerUnit;
}

/** Who reads a notice: staff and leaders of the issuing unit and its county, the recipient town's staff and leaders, the recipient department's officers. */
export function canReadNotice(claims: Pick<Claims, 'r' | 'u'>, n: Pick<NoticeDoc, 'readers'>): boolean {
  return ['town_staff', 'county_staff', 'leader', 'department_officer'].includes(claims.r) && n.readers.includes(claims.u);
}

/** The recipient's side: officers of the department, or staff and leaders of the town. */
export function isNoticeRecipient(claims: Pick<Claims, 'r' | 'u' | 'd'>, n: Pick<NoticeDoc, 'recipient'>): boolean {
  if (n.recipient.kind === 'department') return claims.r === 'department_officer' && claims.d === n.recipient.id;
  return (claims.r === 'town_staff' || claims.r === 'leader') && claims.u === n.recipient.id;
}

/** The issuer's side: staff and leaders of the issuing unit. */
export const isNoticeIssuer = (claims: Pick<Claims, 'r' | 'u'>, n: Pick<NoticeDoc, 'issuer'>): boolean =>
  (NOTICE_ISSUER_ROLES as readonly string[]).includes(claims.r) && claims.u === n.issuer.unitId;

// ── Building and moving a notice ──────────────────────────────────────────────────────────

/** A limit of `days` calendar days from `start`: 24:00 Asia/Shanghai of the last day. */
export const daysLimit = (start: Date, days: number): Date => endOfLocalDay(addDays(localDate(start), days));

/** The next moment a clock needs the sweep (its warning, else its end), or null when done. */
function clockNext(c: NoticeClock, warnHours: number, live: boolean): Date | null {
  if (!live || c.breached) return null;
  const warnAt = new Date(c.dueAt.getTime() - warnHours * 3_600_000);
  return c.warned ? c.dueAt : warnAt;
}

/** When the sweep must look at a notice next (the earliest of its live clocks). */
export function noticeSweepAt(n: Pick<NoticeDoc, 'state' | 'sign' | 'feedback'>, p: NoticePolicy): Date | null {
  const times = [
    clockNext(n.sign, p.signWarnHours, n.state === 'issued'),
    clockNext(n.feedback, p.feedbackWarnHours, n.state === 'issued' || n.state === 'signed'),
  ].filter((d): d is Date => d !== null);
  return times.length ? new Date(Math.min(...times.map((d) => d.getTime()))) : null;
}

export interface NewNotice {
  id: string;
  countyId: string;
  requestId: string;
  year: number;
  seq: number;
  number: string;
  issuer: NoticeDoc['issuer'];
  recipient: NoticeDoc['recipient'];
  source: NoticeDoc['source'];
  risk: string;
  measures: string;
  limitDays: number;
  signHours: number;
  now: Date;
}

/** A new notice: both clocks start at issue; texts masked; readable by the issuer's chain and the recipient. */
export function newNotice(x: NewNotice, p: NoticePolicy): NoticeDoc {
  const sign = { dueAt: new Date(x.now.getTime() + x.signHours * 3_600_000), warned: false, breached: false };
  const feedback = { dueAt: daysLimit(x.now, x.limitDays), warned: false, breached: false };
  const doc: NoticeDoc = {
    id: x.id,
    countyId: x.countyId,
    requestId: x.requestId,
    year: x.year,
    seq: x.seq,
    number: x.number,
    issuer: x.issuer,
    recipient: x.recipient,
    source: x.source,
    risk: maskFreeText(x.risk),
    measures: maskFreeText(x.measures),
    limitDays: x.limitDays,
    signHours: x.signHours,
    state: 'issued',
    issuedAt: x.now,
    sign,
    feedback,
    signedAt: null,
    signedBy: null,
    answer: null,
    answeredAt: null,
    answeredBy: null,
    signedOnTime: null,
    answeredOnTime: null,
    returns: 0,
    closedAt: null,
    supervised: false,
    sweepAt: null,
    readers: [...new Set([x.issuer.unitId, x.countyId, x.recipient.id])],
    history: [{ action: 'issue', at: x.now, byName: x.issuer.name, note: null }],
    version: 1,
    updatedAt: x.now,
  };
  return { ...doc, sweepAt: noticeSweepAt(doc, p) };
}

/** What an action changed, for the figures: a first signing or a first report, and whether on time. */
export interface NoticeEffect {
  signed: { onTime: boolean } | null;
  answered: { onTime: boolean } | null;
}

const refuse = (code: 'permission-denied' | 'failed-precondition', zh: string, en: string): never => {
  throw new GuardError(code, zh, en);
};

/**
 * One action on a notice (the caller may read it: checked before). Refuses what the role or the
 * state does not allow. Feedback (反馈) implies signing when the notice was not signed yet.
 */
export function applyNoticeAction(
  n: NoticeDoc,
  input: NoticeActionInput,
  claims: Pick<Claims, 'r' | 'u' | 'd'>,
  byName: string | null,
  now: Date,
  p: NoticePolicy,
): { doc: NoticeDoc; effect: NoticeEffect } {
  const effect: NoticeEffect = { signed: null, answered: null };
  const next: NoticeDoc = { ...n, history: [...n.history], version: n.version + 1, updatedAt: now };
  const step = (action: NoticeDoc['history'][number]['action'], note: string | null) =>
    next.history.push({ action, at: now, byName, note: note === null ? null : maskFreeText(note) });
  const sign = () => {
    next.state = 'signed';
    next.signedAt = now;
    next.signedBy = byName;
    next.signedOnTime = now.getTime() <= n.sign.dueAt.getTime();
    effect.signed = { onTime: next.signedOnTime };
    step('sign', null);
  };
  switch (input.action) {
    case 'sign':
    case 'feedback': {
      if (!isNoticeRecipient(claims, n))
        refuse('permission-denied', '只有接收单位可以签收和反馈', `${claims.r} ${claims.u} is not the recipient of ${n.id}`);
      if (input.action === 'sign') {
        if (n.state !== 'issued') refuse('failed-precondition', '该提示单已签收', `notice ${n.id} is ${n.state}`);
        sign();
        break;
      }
      if (n.state === 'answered') refuse('failed-precondition', '已反馈，等待发文单位审核', `notice ${n.id} is answered`);
      if (n.state === 'closed') refuse('failed-precondition', '该提示单已办结', `notice ${n.id} is closed`);
      if (n.state === 'issued') sign();
      next.state = 'answered';
      next.answer = maskFreeText(input.text);
      next.answeredAt = now;
      next.answeredBy = byName;
      if (n.answeredOnTime === null) {
        next.answeredOnTime = now.getTime() <= n.feedback.dueAt.getTime();
        effect.answered = { onTime: next.answeredOnTime };
      }
      step('feedback', input.text);
      break;
    }
    case 'close':
    case 'return': {
      if (!isNoticeIssuer(claims, n))
        refuse('permission-denied', '只有发文单位可以办结或退回', `${claims.r} ${claims.u} is not the issuer of ${n.id}`);
      if (n.state !== 'answered')
        refuse(
          'failed-precondition',
          n.state === 'closed' ? '该提示单已办结' : '接收单位尚未反馈',
          `notice ${n.id} is ${n.state}, not answered`,
        );
      if (input.action === 'close') {
        next.state = 'closed';
        next.closedAt = now;
        step('close', input.note?.trim() || null);
      } else {
        next.state = 'signed';
        next.returns = n.returns + 1;
        // A fresh stretch to report again; a clock already breached is not breached twice.
        const due = daysLimit(now, p.returnDays);
        next.feedback = {
          dueAt: new Date(Math.max(due.getTime(), n.feedback.dueAt.getTime())),
          warned: false,
          breached: n.feedback.breached,
        };
        step('return', input.reason);
      }
      break;
    }
  }
  next.sweepAt = noticeSweepAt(next, p);
  return { doc: next, effect };
}

/** A sweep firing: which clock, warning or breach. */
export interface NoticeFiring {
  clock: 'sign' | 'feedback';
  phase: 'warning' | 'breach';
}

/**
 * The sweep's marks at `now`: each live clock warned once (黄灯) and breached once (逾期); a breach
 * puts the notice under supervision (督办). Pure; the same notice swept twice fires nothing twice.
 */
export function sweepNotice(n: NoticeDoc, now: Date, p: NoticePolicy): { doc: NoticeDoc; fired: NoticeFiring[] } {
  const fired: NoticeFiring[] = [];
  const next: NoticeDoc = { ...n, sign: { ...n.sign }, feedback: { ...n.feedback }, history: [...n.history] };
  const look = (clock: 'sign' | 'feedback', live: boolean, warnHours: number) => {
    const c = next[clock];
    if (!live || c.breached) return;
    if (now.getTime() >= c.dueAt.getTime()) {
      c.breached = true;
      c.warned = true;
      fired.push({ clock, phase: 'breach' });
    } else if (!c.warned && now.getTime() >= c.dueAt.getTime() - warnHours * 3_600_000) {
      c.warned = true;
      fired.push({ clock, phase: 'warning' });
    }
  };
  look('sign', n.state === 'issued', p.signWarnHours);
  look('feedback', n.state === 'issued' || n.state === 'signed', p.feedbackWarnHours);
  if (fired.some((f) => f.phase === 'breach') && !n.supervised) {
    next.supervised = true;
    next.history.push({ action: 'supervise', at: now, byName: null, note: '逾期自动转督办' });
  }
  next.sweepAt = noticeSweepAt(next, p);
  if (fired.length) {
    next.version = n.version + 1;
    next.updatedAt = now;
  }
  return { doc: next, fired };
}

// ── Alerts ────────────────────────────────────────────────────────────────────────────────

const CLOCK_ZH = { sign: '签收', feedback: '反馈' } as const;

type Kind = 'notice_issued' | 'notice_warning' | 'notice_breach' | 'notice_supervised' | 'notice_answered';

function noticeAlert(
  n: NoticeDoc,
  key: string,
  kind: Kind,
  severity: AlertDoc['severity'],
  to: { unit: string } | { dept: string },
  title: string,
  body: string,
  now: Date,
): AlertDoc {
  const who = 'unit' in to ? `u${to.unit}` : `d${to.dept}`;
  return {
    id: `nt-${n.id}-${key}-${who}`.replace(/[/:]/g, '_').slice(0, 300),
    countyId: n.countyId,
    caseId: null,
    kind,
    severity,
    recipientUnit: 'unit' in to ? to.unit : null,
    recipientUid: null,
    recipientDept: 'dept' in to ? to.dept : null,
    title,
    body: maskFreeText(body),
    createdAt: now,
    readBy: [],
  };
}

const recipientOf = (n: NoticeDoc): { unit: string } | { dept: string } =>
  n.recipient.kind === 'department' ? { dept: n.recipient.id } : { unit: n.recipient.id };
const short = (s: string, max = 30) => ([...s].length > max ? `${[...s].slice(0, max - 1).join('')}…` : s);

/** The recipient's alert when a notice is issued. */
export function noticeIssuedAlert(n: NoticeDoc, dueText: { sign: string; feedback: string }): AlertDoc {
  return noticeAlert(
    n,
    'issued',
    'notice_issued',
    'warning',
    recipientOf(n),
    `【预警提示单】${n.issuer.unitName}${n.number}`,
    `${n.issuer.unitName}向你单位发出预警提示单${n.number}：${short(n.risk)}。请于${dueText.sign}前签收，${dueText.feedback}前反馈处置情况`,
    n.issuedAt,
  );
}

/** The issuer's alert when the recipient reports back. */
export function noticeAnsweredAlert(n: NoticeDoc, now: Date): AlertDoc {
  return noticeAlert(
    n,
    `answered${n.returns}`,
    'notice_answered',
    'info',
    { unit: n.issuer.unitId },
    `【预警提示单】${n.number}已反馈`,
    `${n.recipient.name}已反馈预警提示单${n.number}的处置情况，请审核办结或退回`,
    now,
  );
}

/**
 * The sweep's alerts: a warning to the recipient; a breach to the recipient and the issuing unit,
 * and the 督办 to the issuer's county (its center and leaders). IDs are per notice, clock, phase
 * and recipient: a rerun writes nothing twice.
 */
export function noticeClockAlerts(n: NoticeDoc, f: NoticeFiring, now: Date, dueText: string): AlertDoc[] {
  const what = CLOCK_ZH[f.clock];
  const key = `${f.clock}-${f.phase}`;
  if (f.phase === 'warning')
    return [
      noticeAlert(
        n,
        key,
        'notice_warning',
        'warning',
        recipientOf(n),
        `【预警提示单】${what}即将到期`,
        `预警提示单${n.number}（${n.issuer.unitName}）${what}时限${dueText}，即将到期，请及时${what}`,
        now,
      ),
    ];
  const body = `${n.recipient.name}未在时限（${dueText}）内${what}预警提示单${n.number}（${n.issuer.unitName}）`;
  const out = [
    noticeAlert(n, key, 'notice_breach', 'critical', recipientOf(n), `【预警提示单】${what}已逾期`, `${body}，已转督办`, now),
    noticeAlert(n, key, 'notice_breach', 'critical', { unit: n.issuer.unitId }, `【预警提示单】${what}已逾期`, `${body}，已转督办`, now),
  ];
  out.push(
    noticeAlert(
      n,
      `${key}-sv`,
      'notice_supervised',
      'critical',
      { unit: n.countyId },
      `【督办】预警提示单${n.number}逾期`,
      `${body}，请督促办理`,
      now,
    ),
  );
  return [...new Map(out.map((a) => [a.id, a])).values()].filter(
    // The county center gets the 督办 only (not the same breach twice when it issued the notice).
    (a) => !(a.kind === 'notice_breach' && a.recipientUnit === n.countyId && n.issuer.unitId === n.countyId),
  );
}

// ── Figures ───────────────────────────────────────────────────────────────────────────────

/**
 * noticeFigures/{unitId}_{YYYY-MM}: per issuing unit (and its county), the month's notices issued,
 * signed and answered (in time), and limits breached — each counted in the month it happened.
 */
export const NOTICE_FIGURES = ['issued', 'signed', 'signedOnTime', 'answered', 'answeredOnTime', 'signOverdue', 'feedbackOverdue'] as const;
export type NoticeFigure = (typeof NOTICE_FIGURES)[number];
export const NoticeFiguresDoc = z.object({
  unitId: z.string(),
  month: z.string(),
  issued: z.number().default(0),
  signed: z.number().default(0),
  signedOnTime: z.number().default(0),
  answered: z.number().default(0),
  answeredOnTime: z.number().default(0),
  signOverdue: z.number().default(0),
  feedbackOverdue: z.number().default(0),
});
export type NoticeFiguresDoc = z.infer<typeof NoticeFiguresDoc>;
export const noticeFiguresId = (unitId: string, month: string) => `${unitId}_${month}`;
/** The units whose figures a notice counts in: the issuing unit and its county. */
export const noticeFigureUnits = (n: Pick<NoticeDoc, 'issuer' | 'countyId'>): string[] => [...new Set([n.issuer.unitId, n.countyId])];

/** The figures an action or a sweep moves (names with +1 each). */
export function noticeFigureDelta(e: { issued?: boolean; effect?: NoticeEffect; fired?: NoticeFiring[] }): NoticeFigure[] {
  const out: NoticeFigure[] = [];
  if (e.issued) out.push('issued');
  if (e.effect?.signed) out.push('signed', ...(e.effect.signed.onTime ? (['signedOnTime'] as const) : []));
  if (e.effect?.answered) out.push('answered', ...(e.effect.answered.onTime ? (['answeredOnTime'] as const) : []));
  for (const f of e.fired ?? []) if (f.phase === 'breach') out.push(f.clock === 'sign' ? 'signOverdue' : 'feedbackOverdue');
  return out;
}

/** On-time share (null: nothing to count). */
export const onTimeRate = (onTime: number, all: number): number | null => (all > 0 ? onTime / all : null);

// ── Export ────────────────────────────────────────────────────────────────────────────────

const STATE_ZH: Record<NoticeState, string> = { issued: '待签收', signed: '已签收', answered: '已反馈', closed: '已办结' };
export const noticeStateLabel = (s: NoticeState): string => STATE_ZH[s];

export const NOTICE_COLUMNS = [
  '文号',
  '发文单位',
  '接收单位',
  '来源',
  '风险描述',
  '工作要求',
  '发出时间',
  '签收时限',
  '签收时间',
  '按时签收',
  '反馈时限',
  '反馈时间',
  '按时反馈',
  '状态',
  '督办',
] as const;

/** One export row (the masked texts; dates as local time strings by `fmt`). */
export function noticeRow(n: NoticeDoc, fmt: (d: Date | null) => string): string[] {
  const yn = (b: boolean | null) => (b === null ? '' : b ? '是' : '否');
  return [
    n.number,
    n.issuer.unitName,
    n.recipient.name,
    n.source.kind === 'signal' ? '风险信号' : n.source.kind === 'meeting' ? '研判会议' : '直接发出',
    n.risk,
    n.measures,
    fmt(n.issuedAt),
    fmt(n.sign.dueAt),
    fmt(n.signedAt),
    yn(n.signedOnTime),
    fmt(n.feedback.dueAt),
    fmt(n.answeredAt),
    yn(n.answeredOnTime),
    STATE_ZH[n.state],
    n.supervised ? '是' : '否',
  ];
}

/** `exportNotices`: the notices a unit issued in a year, as CSV. */
export const ExportNoticesInput = z.strictObject({
  year: z.number().int().min(2000).max(2100),
});
export type ExportNoticesInput = z.infer<typeof ExportNoticesInput>;
