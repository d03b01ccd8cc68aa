import { z } from 'zod';
import { DocId, IsoDateTime, Text } from './input';
import { countyCode, gridCode, townCode, villageCode } from './regions';
import type { Claims } from './roles';

/**
 * 重点人员/重点部位: the registry of key persons and key places, the most sensitive data in the
 * system. The public document (keyPersons/{id}) carries no personal data — category, risk level,
 * grid/village/town, the responsible grid worker and the 包保 leader, the visit clock, linked
 * cases; the name, ID number, phone and address live in keyPersons/{id}/personal/data, which no
 * client reads (rules deny): `openKeyPerson` returns them and writes an access log
 * (keyPersonAccess) in the same transaction. Readers: the responsible grid worker, the staff of
 * the village, town and county in scope, and the 包保 leader — never departments, mediators,
 * residents, administrators, other grid workers or other leaders.
 */
export const KP_KINDS = ['person', 'place'] as const;
export type KpKind = (typeof KP_KINDS)[number];
export const KP_KIND_ZH: Record<KpKind, string> = { person: '重点人员', place: '重点部位' };

export const RISK_LEVELS = ['green', 'yellow', 'red'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RiskLevelSchema = z.enum(RISK_LEVELS);
export const RISK_ZH: Record<RiskLevel, string> = { green: '绿色（低风险）', yellow: '黄色（中风险）', red: '红色（高风险）' };

/** 走访情况: how the person or place was found. */
export const VISIT_CONDITIONS = ['stable', 'attention', 'unstable'] as const;
export type VisitCondition = (typeof VISIT_CONDITIONS)[number];
export const VISIT_CONDITION_ZH: Record<VisitCondition, string> = { stable: '平稳', attention: '需关注', unstable: '不稳定' };

const Category = z.string().trim().min(1, '类别不能为空').max(20, '类别不能超过20字');

export const DEFAULT_KP_CATEGORIES = {
  person: ['社区矫正对象', '刑满释放人员', '严重精神障碍患者', '重点信访人员', '吸毒人员', '矛盾纠纷易激化当事人'],
  place: ['易燃易爆场所', '人员密集场所', '学校及周边', '危险房屋', '水库河道'],
};

/**
 * The county's key-person policy (policies/{countyId}.keyPersons, `savePolicy`): the categories
 * a record may carry, and the visit frequency per risk level (days between visits) with the
 * warning (黄灯) that many days before a visit is due. Policies saved before it get the defaults.
 */
export const KeyPersonPolicy = z.strictObject({
  categories: z
    .strictObject({
      person: z.array(Category).min(1, '至少设置一个重点人员类别').max(30),
      place: z.array(Category).min(1, '至少设置一个重点部位类别').max(30),
    })
    .default({ person: [...DEFAULT_KP_CATEGORIES.person], place: [...DEFAULT_KP_CATEGORIES.place] }),
  visitEveryDays: z
    .strictObject({
      green: z.number().int().min(1).max(365),
      yellow: z.number().int().min(1).max(365),
      red: z.number().int().min(1).max(365),
    })
    .default({ green: 30, yellow: 14, red: 7 }),
  warnDaysBefore: z.number().int().min(0).max(30).default(2),
});
export type KeyPersonPolicy = z.infer<typeof KeyPersonPolicy>;

export const defaultKeyPersonPolicy = (): KeyPersonPolicy => ({
  categories: { person: [...DEFAULT_KP_CATEGORIES.person], place: [...DEFAULT_KP_CATEGORIES.place] },
  visitEveryDays: { green: 30, yellow: 14, red: 7 },
  warnDaysBefore: 2,
});

const RequestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId 应为8-64位字母数字');

/** Personal data of a record (private document only). A place: its name and address. */
export const KeyPersonPersonal = z.strictObject({
  name: z.string().trim().min(1, '请填写姓名或名称').max(60, '姓名或名称不能超过60字'),
  idNumber: z
    .string()
    .trim()
    .regex(/^\d{17}[\dXx]$/, '身份证号应为18位')
    .nullable()
    .default(null),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式不正确')
    .nullable()
    .default(null),
  address: Text(200).nullable().default(null),
  note: Text(1000).nullable().default(null),
});
export type KeyPersonPersonal = z.infer<typeof KeyPersonPersonal>;

/**
 * The payload of `saveKeyPerson`: create (`id` null: the ID comes from the caller and `requestId`,
 * a resend creates nothing twice) or edit (`id` and `expectedVersion`; `personal` null keeps the
 * stored personal data).
 */
export const SaveKeyPersonInput = z
  .strictObject({
    requestId: RequestId,
    id: DocId.nullable().default(null),
    expectedVersion: z.number().int().min(1).nullable().default(null),
    kind: z.enum(KP_KINDS),
    category: Category,
    gridId: gridCode,
    risk: RiskLevelSchema,
    /** The responsible grid worker (a grid worker of the record's grid, from the staff directory). */
    gridWorkerUid: DocId,
    /** 包保 leader (a town or county leader of the record's county), or none. */
    leaderUid: DocId.nullable().default(null),
    personal: KeyPersonPersonal.nullable().default(null),
    /** Linked cases, by case ID (the caller must be able to read each). */
    caseIds: z.array(DocId).max(20, '关联案件不能超过20件').default([]),
    /** Archive (不再列管) or restore. */
    active: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (v.id === null && v.personal === null)
      ctx.addIssue({ code: 'custom', path: ['personal'], message: '新建时请填写姓名（名称）等信息' });
    if (v.id !== null && v.expectedVersion === null)
      ctx.addIssue({ code: 'custom', path: ['expectedVersion'], message: '修改时请提供版本号' });
    if (new Set(v.caseIds).size !== v.caseIds.length) ctx.addIssue({ code: 'custom', path: ['caseIds'], message: '关联案件重复' });
  });
export type SaveKeyPersonInput = z.infer<typeof SaveKeyPersonInput>;

/** The payload of `openKeyPerson`: which record, and why (查阅事由, logged). */
export const OpenKeyPersonInput = z.strictObject({
  id: DocId,
  purpose: Text(200).nullable().default(null),
});
export type OpenKeyPersonInput = z.infer<typeof OpenKeyPersonInput>;

/** The payload of `recordKeyPersonVisit` (queued offline: `requestId` makes a resend harmless). */
export const RecordKeyPersonVisitInput = z.strictObject({
  requestId: RequestId,
  id: DocId,
  visitedAt: IsoDateTime,
  /** 见面: the person was met (a place: inspected on site). */
  met: z.boolean(),
  condition: z.enum(VISIT_CONDITIONS),
  /** 走访情况 (masked before it is stored). */
  note: Text(1000, '请填写走访情况'),
  /** 稳控/帮扶措施. */
  measures: Text(1000).nullable().default(null),
});
export type RecordKeyPersonVisitInput = z.infer<typeof RecordKeyPersonVisitInput>;

/** The payload of `setKeyPersonRisk`. */
export const SetKeyPersonRiskInput = z.strictObject({
  id: DocId,
  expectedVersion: z.number().int().min(1),
  risk: RiskLevelSchema,
  reason: Text(500, '请填写调整原因'),
});
export type SetKeyPersonRiskInput = z.infer<typeof SetKeyPersonRiskInput>;

export const KpCaseLink = z.strictObject({ id: z.string(), number: z.string(), title: z.string() });

/** keyPersons/{id}: the public record (no personal data). */
export const KeyPersonDoc = z.strictObject({
  id: z.string(),
  /** A short code people can name the record by (no personal data). */
  serial: z.string(),
  kind: z.enum(KP_KINDS),
  category: z.string(),
  risk: RiskLevelSchema,
  countyId: countyCode,
  townId: townCode,
  villageId: villageCode,
  gridId: gridCode,
  gridName: z.string(),
  /** The village, town and county: whose staff read it (rules: `claim u in units`). The grid is not listed: only its responsible worker reads. */
  units: z.array(z.string()).max(3),
  gridWorkerUid: z.string(),
  gridWorkerName: z.string(),
  leaderUid: z.string().nullable(),
  leaderName: z.string().nullable(),
  everyDays: z.number().int().min(1),
  lastVisitAt: z.date().nullable(),
  visits: z.number().int().min(0),
  visitsOnTime: z.number().int().min(0),
  /** The next visit is due (from the last visit, or the registration). */
  dueAt: z.date(),
  warnAt: z.date(),
  /** When the sweep looks next (warning, then breach); null once breached or archived. */
  sweepAt: z.date().nullable(),
  warned: z.boolean(),
  overdue: z.boolean(),
  cases: z.array(KpCaseLink).max(20),
  active: z.boolean(),
  createdByUid: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
  version: z.number().int().min(1),
});
export type KeyPersonDoc = z.infer<typeof KeyPersonDoc>;

/** keyPersons/{id}/personal/data: server-only. */
export const KeyPersonPersonalDoc = KeyPersonPersonal.extend({ updatedAt: z.date() });
export type KeyPersonPersonalDoc = z.infer<typeof KeyPersonPersonalDoc>;

/** keyPersons/{id}/keyVisits/{visitId}: one visit (read like its record; free text masked). */
export const KeyPersonVisitDoc = z.strictObject({
  id: z.string(),
  keyPersonId: z.string(),
  countyId: z.string(),
  byUid: z.string(),
  byName: z.string().nullable(),
  visitedAt: z.date(),
  met: z.boolean(),
  condition: z.enum(VISIT_CONDITIONS),
  note: z.string(),
  measures: z.string().nullable(),
  /** By the due date that was running when it was made (走访按期). */
  onTime: z.boolean(),
  createdAt: z.date(),
});
export type KeyPersonVisitDoc = z.infer<typeof KeyPersonVisitDoc>;

export const KP_ACCESS_ACTIONS = ['open', 'create', 'edit'] as const;
/** keyPersonAccess/{id}: who opened (or wrote) whose personal data, when, in which role. Server-only. */
export const KeyPersonAccessDoc = z.strictObject({
  id: z.string(),
  countyId: z.string(),
  keyPersonId: z.string(),
  serial: z.string(),
  action: z.enum(KP_ACCESS_ACTIONS),
  byUid: z.string(),
  byName: z.string().nullable(),
  role: z.string(),
  unitId: z.string(),
  purpose: z.string().nullable(),
  at: z.date(),
});
export type KeyPersonAccessDoc = z.infer<typeof KeyPersonAccessDoc>;

const STAFF_ROLES = ['village_staff', 'town_staff', 'county_staff'];

/** Who reads a record and opens its personal data (keep in step with firestore.rules canReadKeyPerson). */
export function canReadKeyPerson(claims: Claims, uid: string, kp: Pick<KeyPersonDoc, 'units' | 'gridWorkerUid' | 'leaderUid'>): boolean {
  if (claims.d) return false;
  if (claims.r === 'grid_worker') return kp.gridWorkerUid === uid;
  if (claims.r === 'leader') return kp.leaderUid === uid;
  return STAFF_ROLES.includes(claims.r) && kp.units.includes(claims.u);
}

/** Who registers and edits records of a grid: the staff of its village, town or county. */
export const mayManageKeyPersons = (claims: Claims, gridId: string) =>
  STAFF_ROLES.includes(claims.r) && !claims.d && gridId.startsWith(claims.u) && claims.u.length < gridId.length;

/** Who changes the risk level: the staff in scope and the 包保 leader. */
export const maySetRisk = (claims: Claims, uid: string, kp: Pick<KeyPersonDoc, 'units' | 'leaderUid'>) =>
  (STAFF_ROLES.includes(claims.r) && !claims.d && kp.units.includes(claims.u)) || (claims.r === 'leader' && kp.leaderUid === uid);

/** The units a record of a grid is read by (the grid itself is not: its responsible worker is). */
export const keyPersonUnits = (gridId: string) => [gridId.slice(0, 12), gridId.slice(0, 9), gridId.slice(0, 6)];

export const serialOf = (id: string) => id.slice(-6).toUpperCase();

/** How a record is named where its personal data may not go (alerts, signals): kind, category, grid, serial. */
export const keyPersonLabel = (kp: Pick<KeyPersonDoc, 'kind' | 'category' | 'gridName' | 'serial'>): string =>
  `${KP_KIND_ZH[kp.kind]}（${kp.category}，${kp.gridName}，编号${kp.serial}）`;

const DAY = 86_400_000;

/** The visit clock from `from` (the last visit or the registration): due, warning and the sweep's next look. */
export function visitClock(from: Date, everyDays: number, warnDaysBefore: number) {
  const dueAt = new Date(from.getTime() + everyDays * DAY);
  const warnAt = new Date(dueAt.getTime() - Math.min(warnDaysBefore, everyDays) * DAY);
  // The sweep looks at warnAt first; a clock already past its due date is breached at that look.
  return { dueAt, warnAt, warned: false, overdue: false, sweepAt: warnAt };
}

/** What the sweep does to a record due at `now`: warn (黄灯) once, then breach (逾期) once. */
export function sweepKeyPerson(kp: KeyPersonDoc, now: Date): { next: KeyPersonDoc; fired: 'warning' | 'breach' | null } {
  if (!kp.active || !kp.sweepAt) return { next: { ...kp, sweepAt: null }, fired: null };
  if (kp.sweepAt > now) return { next: kp, fired: null };
  if (now >= kp.dueAt) {
    if (kp.overdue) return { next: { ...kp, sweepAt: null }, fired: null };
    return { next: { ...kp, overdue: true, warned: true, sweepAt: null }, fired: 'breach' };
  }
  if (!kp.warned && now >= kp.warnAt) return { next: { ...kp, warned: true, sweepAt: kp.dueAt }, fired: 'warning' };
  return { next: { ...kp, sweepAt: kp.dueAt }, fired: null };
}

/**
 * Alerts of a record's visit clock (deterministic IDs per due date: a rerun writes the same ones).
 * A warning to the responsible grid worker; a breach to the grid worker, the 包保 leader and the
 * village. No personal data: kind, category, grid and serial only.
 */
export function keyPersonAlerts(kp: KeyPersonDoc, phase: 'warning' | 'breach', now: Date, dueText: string) {
  const what = keyPersonLabel(kp);
  const base = {
    countyId: kp.countyId,
    caseId: null,
    kind: phase === 'warning' ? ('keyperson_warning' as const) : ('keyperson_breach' as const),
    severity: phase === 'warning' ? ('warning' as const) : ('critical' as const),
    title: phase === 'warning' ? `【${KP_KIND_ZH[kp.kind]}】走访即将到期` : `【${KP_KIND_ZH[kp.kind]}】走访已逾期`,
    body: `${what}应于 ${dueText} 前走访${phase === 'warning' ? '，即将到期，请按时走访' : '，已逾期未走访'}`,
    createdAt: now,
    readBy: [] as string[],
  };
  const to: { uid: string | null; unit: string | null }[] = [{ uid: kp.gridWorkerUid, unit: null }];
  if (phase === 'breach') {
    if (kp.leaderUid) to.push({ uid: kp.leaderUid, unit: null });
    to.push({ uid: null, unit: kp.villageId });
  }
  const due = kp.dueAt.getTime().toString(36);
  return to.map((r) => ({
    ...base,
    id: `kp-${kp.id}-${due}-${phase}-${r.uid ? `p${r.uid}` : `u${r.unit}`}`,
    recipientUid: r.uid,
    recipientUnit: r.unit,
    recipientDept: null,
  }));
}

export class KeyPersonError extends Error {
  constructor(
    readonly code: 'permission-denied' | 'failed-precondition' | 'invalid-argument' | 'not-found',
    readonly zh: string,
    en: string,
  ) {
    super(en);
  }
}
