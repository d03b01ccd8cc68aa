/**
 * The mediation chain (pure): the registry of mediation organisations and mediators, mediation
 * sessions, the 人民调解协议书 with its 司法确认 / 赋强公证 application clock, and the follow-up
 * tasks on each agreed performance date (履行). Documents are written by the server only; see
 * docs/api.md (registry and agreement callables), docs/calendar.md (the 30-day clock) and
 * docs/metrics.md (the registry's figures).
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { CalendarRangeError, type WorkCalendar, endOfLocalDay } from './calendar';
import { deadlineFrom } from './deadlines';
import { type AlertDoc, caseAlertBody } from './alerts';
import { GuardError } from './case-machine';
import { Uid, isWellFormed } from './input';

const text = (max: number, msg = '内容不能为空') =>
  z.string().trim().min(1, msg).max(max, `不能超过${max}字`).refine(isWellFormed, '含有无法识别的字符');
const optText = (max: number) => z.string().trim().max(max, `不能超过${max}字`).refine(isWellFormed, '含有无法识别的字符').default('');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const caseIdSchema = z.string().regex(/^[0-9]{6}-[A-Za-z0-9-]{4,40}$/, '案件编号格式不正确');
const regionCode = z.string().regex(/^(\d{6}|\d{9}|\d{12})$/, '地区代码格式不正确');
/** Registry IDs: county code, then an English slug (like departments: 621126-med-chengjiao). */
const registryId = z.string().regex(/^\d{6}-[a-z0-9-]{2,40}$/, '编号格式应为 县代码-英文标识');

// ---------------------------------------------------------------------------------------------
// Registry

/** 村/乡镇人民调解委员会, 行业性专业性调解组织, 个人品牌调解工作室. */
export const MEDIATION_ORG_KINDS = ['village_committee', 'town_committee', 'professional', 'studio'] as const;
export type MediationOrgKind = (typeof MEDIATION_ORG_KINDS)[number];
export const MEDIATION_ORG_KIND_ZH: Record<MediationOrgKind, string> = {
  village_committee: '村（社区）人民调解委员会',
  town_committee: '乡镇（街道）人民调解委员会',
  professional: '行业性专业性调解组织',
  studio: '个人品牌调解工作室',
};

/** The field of a professional organisation (and a mediator's specialties). */
export const MEDIATION_FIELDS = ['traffic', 'medical', 'labour', 'family', 'property', 'neighbour', 'land', 'consumer', 'other'] as const;
export type MediationField = (typeof MEDIATION_FIELDS)[number];
export const MEDIATION_FIELD_ZH: Record<MediationField, string> = {
  traffic: '道路交通',
  medical: '医疗纠纷',
  labour: '劳动争议',
  family: '婚姻家庭',
  property: '物业纠纷',
  neighbour: '邻里纠纷',
  land: '山林土地',
  consumer: '消费纠纷',
  other: '其他',
};

/**
 * Figures kept on each registry entry, in the same transactions that change a case's mediation
 * (docs/metrics.md): open = cases assigned and not yet ended; succeeded = agreements reached;
 * failed = mediations ended without one; rated/satisfied = residents' 回访 ratings of those cases.
 */
export const MediationFigures = z.strictObject({
  open: z.number().int().default(0),
  succeeded: z.number().int().default(0),
  failed: z.number().int().default(0),
  rated: z.number().int().default(0),
  satisfied: z.number().int().default(0),
});
export type MediationFigures = z.infer<typeof MediationFigures>;
export const ZERO_FIGURES: MediationFigures = { open: 0, succeeded: 0, failed: 0, rated: 0, satisfied: 0 };

/** 调处成功率 and 满意率 of one entry (null when nothing has ended / been rated yet). */
export function figureRates(f: MediationFigures): { successRate: number | null; satisfactionRate: number | null } {
  const ended = f.succeeded + f.failed;
  return {
    successRate: ended > 0 ? f.succeeded / ended : null,
    satisfactionRate: f.rated > 0 ? f.satisfied / f.rated : null,
  };
}

export const SaveMediationOrgInput = z.strictObject({
  id: registryId,
  name: text(60, '组织名称不能为空'),
  kind: z.enum(MEDIATION_ORG_KINDS),
  /** Required for 行业性专业性调解组织. */
  field: z.enum(MEDIATION_FIELDS).nullable().default(null),
  /** The region it serves: a village (村调委会), a town (乡镇调委会), or the county. */
  unitId: regionCode,
  /** Where it sits or what it covers, in words (shown to staff). */
  area: optText(120),
  active: z.boolean().default(true),
});
export type SaveMediationOrgInput = z.infer<typeof SaveMediationOrgInput>;

/** mediationOrgs/{id}. */
export const MediationOrgDoc = SaveMediationOrgInput.extend({
  countyId: z.string().regex(/^\d{6}$/),
  figures: MediationFigures.default(ZERO_FIGURES),
  updatedAt: z.date(),
});
export type MediationOrgDoc = z.infer<typeof MediationOrgDoc>;

export const SaveMediatorInput = z.strictObject({
  id: registryId,
  orgId: registryId,
  name: text(40, '调解员姓名不能为空'),
  /** e.g. 金牌调解员, 人民调解员, 首席调解员. */
  title: text(30).default('人民调解员'),
  specialties: z.array(z.enum(MEDIATION_FIELDS)).max(9).default([]),
  /** The villages/towns served (region codes). */
  units: z.array(regionCode).max(30).default([]),
  area: optText(120),
  /** The mediator's console account, when they have one: then they see the cases they mediate. */
  uid: Uid.nullable().default(null),
  active: z.boolean().default(true),
});
export type SaveMediatorInput = z.infer<typeof SaveMediatorInput>;

/** mediators/{id}. */
export const MediatorDoc = SaveMediatorInput.extend({
  countyId: z.string().regex(/^\d{6}$/),
  orgName: z.string(),
  orgKind: z.enum(MEDIATION_ORG_KINDS),
  figures: MediationFigures.default(ZERO_FIGURES),
  updatedAt: z.date(),
});
export type MediatorDoc = z.infer<typeof MediatorDoc>;

/** The checks a registry write needs beyond its schema (the county comes from the ID). */
export function guardMediationOrg(claims: { r: string; c?: string }, o: SaveMediationOrgInput): void {
  const county = o.id.slice(0, 6);
  if (claims.r !== 'admin') throw new GuardError('permission-denied', '只有管理员可以维护调解组织名录', `role ${claims.r} is not admin`);
  if (claims.c !== county)
    throw new GuardError('permission-denied', '只能管理本县（区）的数据', `admin of ${claims.c} acting on ${county}`);
  if (!o.unitId.startsWith(county)) throw new GuardError('invalid-argument', '服务地区不在本县', `unit ${o.unitId} outside ${county}`);
  if (o.kind === 'village_committee' && o.unitId.length !== 12)
    throw new GuardError('invalid-argument', '村（社区）调委会应选择所在村（社区）', `village committee on ${o.unitId}`);
  if (o.kind === 'town_committee' && o.unitId.length !== 9)
    throw new GuardError('invalid-argument', '乡镇调委会应选择所在乡镇', `town committee on ${o.unitId}`);
  if (o.kind === 'professional' && !o.field)
    throw new GuardError('invalid-argument', '行业性专业性调解组织须选择行业领域', 'professional org without a field');
}

export function guardMediator(claims: { r: string; c?: string }, m: SaveMediatorInput): void {
  const county = m.id.slice(0, 6);
  if (claims.r !== 'admin') throw new GuardError('permission-denied', '只有管理员可以维护调解员名录', `role ${claims.r} is not admin`);
  if (claims.c !== county)
    throw new GuardError('permission-denied', '只能管理本县（区）的数据', `admin of ${claims.c} acting on ${county}`);
  if (m.orgId.slice(0, 6) !== county) throw new GuardError('invalid-argument', '所属调解组织不在本县', `org ${m.orgId} outside ${county}`);
  for (const u of m.units)
    if (!u.startsWith(county)) throw new GuardError('invalid-argument', '服务地区不在本县', `unit ${u} outside ${county}`);
}

/** The picker's search: by name, organisation, title, specialty (Chinese or code), area. */
export function matchesMediator(m: Pick<MediatorDoc, 'name' | 'orgName' | 'title' | 'specialties' | 'area'>, q: string): boolean {
  const s = q.trim().toLowerCase();
  if (!s) return true;
  const hay = [m.name, m.orgName, m.title, m.area, ...m.specialties, ...m.specialties.map((x) => MEDIATION_FIELD_ZH[x])]
    .join(' ')
    .toLowerCase();
  return s.split(/\s+/).every((w) => hay.includes(w));
}

// ---------------------------------------------------------------------------------------------
// Sessions

export const SESSION_OUTCOMES = ['continue', 'succeeded', 'failed'] as const;
export const SESSION_OUTCOME_ZH: Record<(typeof SESSION_OUTCOMES)[number], string> = {
  continue: '继续调解',
  succeeded: '达成协议',
  failed: '调解不成',
};

export const RecordMediationSessionInput = z.strictObject({
  caseId: caseIdSchema,
  /** When it was held (ISO time). The session's ID derives from it: one session per minute per case. */
  at: z.iso.datetime({ offset: true, message: '时间格式不正确' }),
  place: text(80, '请填写调解地点'),
  attendees: text(300, '请填写参加人员'),
  summary: text(2000, '请填写调解情况'),
  outcome: z.enum(SESSION_OUTCOMES).default('continue'),
});
export type RecordMediationSessionInput = z.infer<typeof RecordMediationSessionInput>;

/** cases/{caseId}/sessions/{id}: free text stored masked like every case text. */
export const MediationSessionDoc = z.strictObject({
  id: z.string(),
  caseId: z.string(),
  countyId: z.string(),
  at: z.date(),
  place: z.string(),
  attendees: z.string(),
  summary: z.string(),
  outcome: z.enum(SESSION_OUTCOMES),
  mediatorName: z.string().nullable(),
  recordedBy: z.strictObject({ uid: z.string(), name: z.string().nullable() }),
  recordedAt: z.date(),
});
export type MediationSessionDoc = z.infer<typeof MediationSessionDoc>;

/** A session's deterministic ID: its minute in Beijing time (s-202610101430). */
export function sessionId(at: Date): string {
  return `s-${DateTime.fromJSDate(at, { zone: 'Asia/Shanghai' }).toFormat('yyyyLLddHHmm')}`;
}

// ---------------------------------------------------------------------------------------------
// The agreement (人民调解协议书), its application clock and performance tasks

export const AgreementItemInput = z.strictObject({
  /** What is agreed (e.g. 甲方赔偿乙方医疗费 3000 元). */
  content: text(500, '请填写协议事项'),
  /** How it is performed (一次性转账、分期支付、当面交付…). */
  method: text(200, '请填写履行方式'),
  /** The last day for it (履行期限). */
  dueDate: isoDate,
});

export const SaveMediationAgreementInput = z.strictObject({
  caseId: caseIdSchema,
  /** The committee/organisation in whose name it is made (registry ID). */
  orgId: registryId,
  /** 协议书编号, e.g. 岷调协〔2026〕15号. */
  number: text(40, '请填写协议书编号'),
  /** 纠纷主要事实、争议事项. */
  facts: text(3000, '请填写纠纷事实与争议事项'),
  items: z.array(AgreementItemInput).min(1, '至少填写一项协议事项').max(20),
  /** The day all parties signed: it takes effect (生效) on that day. */
  effectiveDate: isoDate,
});
export type SaveMediationAgreementInput = z.infer<typeof SaveMediationAgreementInput>;

const PartyLine = z.strictObject({
  role: z.string(),
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
});
export type AgreementParty = z.infer<typeof PartyLine>;

export const JudicialClock = z.strictObject({
  /** 30 days from the day after the effective date; the last day moved off a rest day. */
  lastDay: isoDate.nullable(),
  dueAt: z.date().nullable(),
  warnAt: z.date().nullable(),
  warnedAt: z.date().nullable(),
  breachedAt: z.date().nullable(),
  /** The calendar for the last day is not loaded: filled in by the sweep after `calendar import`. */
  calendarGap: z.boolean(),
  state: z.enum(['running', 'met', 'breached']),
});
export type JudicialClock = z.infer<typeof JudicialClock>;

export const JudicialRecord = z.strictObject({
  kind: z.enum(['judicial_confirmation', 'notarization']),
  /** 司法确认: a court (department of kind court); 赋强公证: the notary office, by name. */
  courtId: z.string().nullable(),
  bodyName: z.string(),
  appliedOn: isoDate,
  ruling: z.enum(['confirmed', 'refused']).nullable(),
  ruledOn: isoDate.nullable(),
});
export type JudicialRecord = z.infer<typeof JudicialRecord>;

export const PerformanceTask = z.strictObject({
  id: z.string(),
  item: z.number().int().min(0),
  dueDate: isoDate,
  /** The task appears (alert) at 00:00 of the due date, is overdue at 24:00. */
  openAt: z.date(),
  dueAt: z.date(),
  openedAt: z.date().nullable(),
  breachedAt: z.date().nullable(),
  result: z.enum(['performed', 'not_performed']).nullable(),
  followUp: z.enum(['reopened', 'court']).nullable(),
  note: z.string(),
  recordedBy: z.string().nullable(),
  recordedAt: z.date().nullable(),
});
export type PerformanceTask = z.infer<typeof PerformanceTask>;

export const AgreementDoc = z.strictObject({
  number: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  orgKind: z.enum(MEDIATION_ORG_KINDS),
  mediatorName: z.string().nullable(),
  /** From the case's private parties (the same readers as the parties themselves). */
  parties: z.array(PartyLine),
  facts: z.string(),
  items: z.array(z.strictObject({ content: z.string(), method: z.string(), dueDate: isoDate })),
  effectiveDate: isoDate,
  recordedAt: z.date(),
  recordedBy: z.string(),
});
export type AgreementDoc = z.infer<typeof AgreementDoc>;

/**
 * mediations/{caseId}: one case's mediation — who mediates (registry), how it ended, the agreement,
 * its 司法确认 clock and record, the performance tasks. Readable by those who read the case.
 */
export const MediationDoc = z.strictObject({
  caseId: z.string(),
  countyId: z.string(),
  mediatorId: z.string().nullable(),
  mediatorName: z.string().nullable(),
  mediatorTitle: z.string().nullable(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  status: z.enum(['open', 'succeeded', 'failed', 'reassigned']),
  satisfaction: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']).nullable(),
  agreement: AgreementDoc.nullable(),
  judicial: JudicialClock.nullable(),
  judicialRecord: JudicialRecord.nullable(),
  tasks: z.array(PerformanceTask),
  /** The earliest moment the sweep has something to do (indexed), or null. */
  sweepAt: z.date().nullable(),
  updatedAt: z.date(),
});
export type MediationDoc = z.infer<typeof MediationDoc>;

export const RecordJudicialConfirmationInput = z.strictObject({
  caseId: caseIdSchema,
  kind: z.enum(['judicial_confirmation', 'notarization']).default('judicial_confirmation'),
  /** 司法确认: the court's department ID (kind court). */
  courtId: registryId.nullable().default(null),
  /** 赋强公证: the notary office's name. */
  notaryName: z.string().trim().max(60).nullable().default(null),
  appliedOn: isoDate,
  ruling: z.enum(['confirmed', 'refused']).nullable().default(null),
  ruledOn: isoDate.nullable().default(null),
});
export type RecordJudicialConfirmationInput = z.infer<typeof RecordJudicialConfirmationInput>;

export const RecordPerformanceInput = z.strictObject({
  caseId: caseIdSchema,
  taskId: z.string().regex(/^perf-\d{1,2}$/, '任务编号格式不正确'),
  performed: z.boolean(),
  /** When not performed: reopen the case (重新调解) or refer the parties to the court (申请强制执行/诉讼). */
  followUp: z.enum(['reopen', 'court']).nullable().default(null),
  note: optText(500),
});
export type RecordPerformanceInput = z.infer<typeof RecordPerformanceInput>;

export const ExportMediationAgreementInput = z.strictObject({ caseId: caseIdSchema });

/** How long before the last day the warning goes (hours), like the case clocks' `other`. */
export const JUDICIAL_WARN_HOURS = 72;
/** 人民调解法 art. 33: 30 days from the agreement taking effect. */
export const JUDICIAL_DAYS = 30;

const noonOf = (date: string): Date => new Date(`${date}T12:00:00+08:00`);
const startOfDay = (date: string): Date => new Date(`${date}T00:00:00+08:00`);

/**
 * The 司法确认 application clock (pure): 30 calendar days counted from the day after the
 * agreement took effect (民法典 art. 201), the last day moved to the next working day when it is
 * a rest day (art. 203), ending at 24:00 (art. 203). A last day in a year without a loaded
 * calendar is flagged (`calendarGap`), never guessed.
 */
export function judicialClock(effectiveDate: string, cal: WorkCalendar): JudicialClock {
  try {
    const dueAt = deadlineFrom(noonOf(effectiveDate), { amount: JUDICIAL_DAYS, unit: 'calendar_days' }, cal);
    const lastDay = DateTime.fromJSDate(new Date(dueAt.getTime() - 1), { zone: 'Asia/Shanghai' }).toISODate()!;
    return {
      lastDay,
      dueAt,
      warnAt: new Date(dueAt.getTime() - JUDICIAL_WARN_HOURS * 3_600_000),
      warnedAt: null,
      breachedAt: null,
      calendarGap: false,
      state: 'running',
    };
  } catch (e) {
    if (!(e instanceof CalendarRangeError)) throw e;
    return { lastDay: null, dueAt: null, warnAt: null, warnedAt: null, breachedAt: null, calendarGap: true, state: 'running' };
  }
}

/** One task per agreed item, due on the item's date (ids perf-1, perf-2, … in item order). */
export function performanceTasks(items: readonly { dueDate: string }[]): PerformanceTask[] {
  return items.map((it, i) => ({
    id: `perf-${i + 1}`,
    item: i,
    dueDate: it.dueDate,
    openAt: startOfDay(it.dueDate),
    dueAt: endOfLocalDay(it.dueDate),
    openedAt: null,
    breachedAt: null,
    result: null,
    followUp: null,
    note: '',
    recordedBy: null,
    recordedAt: null,
  }));
}

/** How often a flagged gap is looked at again (as the case clocks do). */
const GAP_RECHECK_MS = 6 * 3_600_000;

/** The earliest moment the sweep has something to do on a mediation (pure). */
export function mediationSweepAt(m: Pick<MediationDoc, 'judicial' | 'tasks'>, now: Date): Date | null {
  let t: number | null = null;
  const min = (x: number) => {
    t = t === null ? x : Math.min(t, x);
  };
  const j = m.judicial;
  if (j && j.state === 'running') {
    if (j.calendarGap) min(now.getTime() + GAP_RECHECK_MS);
    else if (j.dueAt) min((!j.warnedAt && j.warnAt ? j.warnAt : j.dueAt).getTime());
  }
  for (const k of m.tasks) {
    if (k.result !== null) continue;
    if (!k.openedAt) min(k.openAt.getTime());
    else if (!k.breachedAt) min(k.dueAt.getTime());
  }
  return t === null ? null : new Date(t);
}

export interface MediationFiring {
  what: 'judicial' | 'task';
  id: string;
  phase: 'warning' | 'breach' | 'open';
  dueLabel: string;
}

/**
 * What is due at `now` (pure): the clock's warning and breach, each task's opening (on its due
 * date) and breach (after it). Each fires once (marked on the document).
 */
export function fireMediation(m: MediationDoc, now: Date, cal: WorkCalendar): { next: MediationDoc; fired: MediationFiring[] } {
  const fired: MediationFiring[] = [];
  let j = m.judicial;
  if (j && j.state === 'running' && j.calendarGap && m.agreement) {
    const filled = judicialClock(m.agreement.effectiveDate, cal);
    if (!filled.calendarGap) j = filled;
  }
  if (j && j.state === 'running' && j.dueAt) {
    const label = j.lastDay ?? '';
    if (j.dueAt <= now) {
      j = { ...j, warnedAt: j.warnedAt ?? now, breachedAt: now, state: 'breached' };
      fired.push({ what: 'judicial', id: 'judicial', phase: 'breach', dueLabel: label });
    } else if (j.warnAt && j.warnAt <= now && !j.warnedAt) {
      j = { ...j, warnedAt: now };
      fired.push({ what: 'judicial', id: 'judicial', phase: 'warning', dueLabel: label });
    }
  }
  const tasks = m.tasks.map((k) => {
    if (k.result !== null) return k;
    let t = k;
    if (!t.openedAt && t.openAt <= now) {
      t = { ...t, openedAt: now };
      fired.push({ what: 'task', id: t.id, phase: 'open', dueLabel: t.dueDate });
    }
    if (!t.breachedAt && t.dueAt <= now) {
      t = { ...t, breachedAt: now };
      fired.push({ what: 'task', id: t.id, phase: 'breach', dueLabel: t.dueDate });
    }
    return t;
  });
  const next = { ...m, judicial: j, tasks };
  return { next: { ...next, sweepAt: mediationSweepAt(next, now) }, fired };
}

/**
 * The alerts of one firing (pure), to the case's handler (or its unit) and the registry
 * mediator's account. IDs derive from case, clock/task, phase and recipient: a sweep run again
 * writes nothing twice.
 */
export function mediationAlerts(
  c: { id: string; countyId: string; title: string; unitId: string; handlerUid: string | null },
  mediatorUid: string | null,
  f: MediationFiring,
  now: Date,
): AlertDoc[] {
  const text =
    f.what === 'judicial'
      ? f.phase === 'warning'
        ? `司法确认申请期限即将届满（${f.dueLabel}）`
        : `司法确认申请期限已届满（${f.dueLabel}）`
      : f.phase === 'open'
        ? `调解协议今日到期履行，请回访核实履行情况（${f.dueLabel}）`
        : `调解协议履行情况逾期未核实（${f.dueLabel}）`;
  const recipients: ({ unit: string } | { uid: string })[] = [c.handlerUid ? { uid: c.handlerUid } : { unit: c.unitId }];
  if (mediatorUid && mediatorUid !== c.handlerUid) recipients.push({ uid: mediatorUid });
  const kind: AlertDoc['kind'] = f.phase === 'breach' ? 'deadline_breach' : 'deadline_warning';
  const severity: AlertDoc['severity'] = f.phase === 'breach' ? 'critical' : 'warning';
  return recipients.map((to) => {
    const key = 'unit' in to ? `u${to.unit}` : `p${to.uid}`;
    return {
      id: `${c.id}-mediation-${f.id}-${f.phase}-${key}`.replace(/[/:]/g, '_').slice(0, 300),
      countyId: c.countyId,
      caseId: c.id,
      kind,
      severity,
      recipientUnit: 'unit' in to ? to.unit : null,
      recipientUid: 'uid' in to ? to.uid : null,
      recipientDept: null,
      title: f.what === 'judicial' ? '【司法确认】申请期限提醒' : '【履行回访】调解协议履行',
      body: caseAlertBody(c, text),
      createdAt: now,
      readBy: [],
    };
  });
}

/** A new mediation record for a case (before any registry assignment or agreement). */
export function emptyMediation(caseId: string, countyId: string, now: Date): MediationDoc {
  return {
    caseId,
    countyId,
    mediatorId: null,
    mediatorName: null,
    mediatorTitle: null,
    orgId: null,
    orgName: null,
    status: 'open',
    satisfaction: null,
    agreement: null,
    judicial: null,
    judicialRecord: null,
    tasks: [],
    sweepAt: null,
    updatedAt: now,
  };
}

/**
 * The figure changes when a case's mediation goes from `before` to `after` (pure): the entries'
 * counters move by exactly these amounts, in the same transaction.
 */
export function figureDelta(
  before: Pick<MediationDoc, 'status' | 'satisfaction'> | null,
  after: Pick<MediationDoc, 'status' | 'satisfaction'>,
): MediationFigures {
  const d = { ...ZERO_FIGURES };
  const count = (m: Pick<MediationDoc, 'status' | 'satisfaction'>, sign: number) => {
    if (m.status === 'open') d.open += sign;
    if (m.status === 'succeeded') d.succeeded += sign;
    if (m.status === 'failed') d.failed += sign;
    if (m.status !== 'reassigned' && m.satisfaction) {
      d.rated += sign;
      if (m.satisfaction !== 'unsatisfied') d.satisfied += sign;
    }
  };
  if (before) count(before, -1);
  count(after, 1);
  return d;
}

/** The case relations that may record sessions, agreements and performance. */
export const MEDIATION_RELATIONS = ['handler', 'mediator', 'leader'] as const;

/** A judicial record's checks beyond its schema (pure). */
export function checkJudicialRecord(i: RecordJudicialConfirmationInput, effectiveDate: string): void {
  if (i.kind === 'judicial_confirmation' && !i.courtId)
    throw new GuardError('invalid-argument', '请选择受理司法确认的法院', 'judicial confirmation without a court');
  if (i.kind === 'notarization' && !i.notaryName)
    throw new GuardError('invalid-argument', '请填写公证机构名称', 'notarization without a notary');
  if (i.appliedOn < effectiveDate)
    throw new GuardError('invalid-argument', '申请日期不能早于协议生效日期', `applied ${i.appliedOn} before ${effectiveDate}`);
  if ((i.ruling === null) !== (i.ruledOn === null))
    throw new GuardError('invalid-argument', '确认结果与裁定日期须同时填写', 'ruling and ruledOn must come together');
  if (i.ruledOn && i.ruledOn < i.appliedOn)
    throw new GuardError('invalid-argument', '裁定日期不能早于申请日期', `ruled ${i.ruledOn} before applied ${i.appliedOn}`);
}

/** An agreement's checks beyond its schema (pure): items due on or after it takes effect. */
export function checkAgreement(i: SaveMediationAgreementInput): void {
  for (const it of i.items)
    if (it.dueDate < i.effectiveDate)
      throw new GuardError('invalid-argument', '履行期限不能早于协议生效日期', `item due ${it.dueDate} before ${i.effectiveDate}`);
}
