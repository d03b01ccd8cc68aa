import { z } from 'zod';
import { CategorySchema, Party } from './case-model';
import { type Duration, Duration as DurationSchema } from './deadlines';
import { DocId, Text } from './input';
import { NeedBlock } from './needs';
import { GeoLocation, PhotoRef } from './photo-model';
import { countyCode, gridCode, townCode, villageCode } from './regions';
import type { Claims } from './roles';

/**
 * 排查事项: what a patrol finds. 矛盾纠纷 becomes a case (the existing report path; the item keeps
 * its `caseId`, and the case finds its item by `patrolItems where caseId ==`); 安全隐患 is
 * rectified by a responsible unit or department within a limit and verified on site by the grid
 * worker; 群众诉求 feeds the village's 需求清单; 涉稳信息 is read only by county staff and leaders.
 */
export const ITEM_KINDS = ['dispute', 'hazard', 'security', 'demand', 'stability'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const ItemKindSchema = z.enum(ITEM_KINDS);
export const ITEM_KIND_ZH: Record<ItemKind, string> = {
  dispute: '矛盾纠纷',
  hazard: '安全隐患',
  security: '治安问题',
  demand: '群众诉求',
  stability: '涉稳信息',
};

/** A hazard's states: 上报 → 交办 → 整改中 → 已整改 → 已复核 (or 退回整改: rectified → rectifying). */
export const HAZARD_STATES = ['reported', 'assigned', 'rectifying', 'rectified', 'verified'] as const;
export type HazardState = (typeof HAZARD_STATES)[number];
export const HAZARD_STATE_ZH: Record<HazardState, string> = {
  reported: '已上报',
  assigned: '已交办',
  rectifying: '整改中',
  rectified: '已整改待复核',
  verified: '已复核销号',
};

/** The payload of `recordItem`. */
export const RecordItemInput = z
  .strictObject({
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId 应为8-64位字母数字'),
    gridId: gridCode,
    kind: ItemKindSchema,
    /** The patrol log it was found on (its `patrolId`), if any. */
    patrolId: DocId.nullable().default(null),
    title: z.string().trim().min(2, '标题至少2个字').max(60, '标题不能超过60字'),
    description: Text(2000, '请描述发现的情况'),
    /** 矛盾纠纷 only: what the case needs (category and parties), as for `reportCase`. */
    dispute: z
      .strictObject({
        category: CategorySchema,
        parties: z.array(Party).min(1, '至少登记一名当事人').max(50),
      })
      .nullable()
      .default(null),
    /** Where the phone was (navigator.geolocation), if it could tell: optional, never required. */
    location: GeoLocation.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'dispute' && !v.dispute) ctx.addIssue({ code: 'custom', path: ['dispute'], message: '矛盾纠纷请填写类别和当事人' });
    if (v.kind !== 'dispute' && v.dispute) ctx.addIssue({ code: 'custom', path: ['dispute'], message: '只有矛盾纠纷需要填写当事人' });
  });
export type RecordItemInput = z.infer<typeof RecordItemInput>;

const Responsible = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('unit'), id: z.string().regex(/^(\d{9}|\d{12})$/, '责任单位应为乡镇或村（社区）') }),
  z.strictObject({ kind: z.literal('department'), id: DocId }),
]);
export type Responsible = z.infer<typeof Responsible>;

/** A hazard's step in its history. */
export const HazardStep = z.strictObject({
  action: z.enum(['report', 'assign', 'start', 'rectified', 'verify', 'send_back']),
  at: z.date(),
  byUid: z.string(),
  byName: z.string().nullable(),
  note: z.string().nullable(),
});
export type HazardStep = z.infer<typeof HazardStep>;

/** patrolItems/{id}. */
export const PatrolItemDoc = z.strictObject({
  id: z.string(),
  kind: ItemKindSchema,
  countyId: countyCode,
  townId: townCode,
  villageId: villageCode,
  gridId: gridCode,
  /** The grid and the units above it: who reads it (rules: `claim u in units`; queries array-contains). */
  units: z.array(z.string()).max(4),
  /** The department rectifying a hazard (rules and the hazard desk's query). */
  hazardDept: z.string().nullable(),
  patrolId: z.string().nullable(),
  reporterUid: z.string(),
  reporterName: z.string().nullable(),
  /** Masked (maskText): read by everyone who reads the item. */
  title: z.string(),
  description: z.string(),
  /** 矛盾纠纷: the case it became. */
  caseId: z.string().nullable(),
  /** 安全隐患 only (null otherwise). */
  hazard: z
    .strictObject({
      state: z.enum(HAZARD_STATES),
      responsibleKind: z.enum(['unit', 'department']).nullable(),
      /** The unit code or department ID (rules: a department reads the hazards it rectifies). */
      responsibleId: z.string().nullable(),
      responsibleName: z.string().nullable(),
      limit: DurationSchema.nullable(),
      assignedAt: z.date().nullable(),
      /** 黄灯: when the responsible is warned (policy warnHoursBefore.other before dueAt). */
      warnAt: z.date().nullable(),
      dueAt: z.date().nullable(),
      /** When the sweep looks at it next (warning, then breach); null once rectified or verified. */
      sweepAt: z.date().nullable(),
      warned: z.boolean(),
      overdue: z.boolean(),
      rectifiedAt: z.date().nullable(),
      verifiedAt: z.date().nullable(),
      /** Rectified by the limit (按期整改): set when rectified. */
      onTime: z.boolean().nullable(),
      sendBacks: z.number().int().min(0),
      history: z.array(HazardStep).max(200),
    })
    .nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  version: z.number().int().min(1),
  /** The phone's location when recorded (absent on items recorded before photos and location). */
  location: GeoLocation.nullable().optional(),
  /** Photos in Cloud Storage, recorded by attachItemPhotos (6 per stage: report, rectify, verify). */
  photos: z.array(PhotoRef).max(18).optional(),
  /** 群众诉求: its state on the village's 需求清单 (domain/needs.ts; absent on items recorded before: open). */
  need: NeedBlock.optional(),
});
export type PatrolItemDoc = z.infer<typeof PatrolItemDoc>;

/** The payload of `hazardAction`. */
export const HazardActionInput = z.strictObject({
  itemId: DocId,
  expectedVersion: z.number().int().min(1),
  command: z.discriminatedUnion('action', [
    z.strictObject({ action: z.literal('assign'), responsible: Responsible, note: Text(500).nullable().default(null) }),
    z.strictObject({ action: z.literal('start'), note: Text(500).nullable().default(null) }),
    z.strictObject({ action: z.literal('rectified'), note: Text(1000, '请填写整改情况') }),
    z.strictObject({ action: z.literal('verify'), note: Text(500).nullable().default(null) }),
    z.strictObject({ action: z.literal('send_back'), reason: Text(500, '请填写退回原因') }),
  ]),
});
export type HazardActionInput = z.infer<typeof HazardActionInput>;
export type HazardCommand = HazardActionInput['command'];

export class ItemError extends Error {
  constructor(
    readonly code: 'permission-denied' | 'failed-precondition',
    readonly zh: string,
    en: string,
  ) {
    super(en);
  }
}

/** Who records items: the grid's own worker (on patrol), or the staff of its village. */
export function mayRecordItem(claims: Claims, gridId: string): boolean {
  return (claims.r === 'grid_worker' && claims.g === gridId) || (claims.r === 'village_staff' && gridId.startsWith(claims.u));
}

const STAFF = ['village_staff', 'town_staff', 'county_staff', 'leader'];
/** Staff and leaders of the grid's village, town or county. */
export const isTerritorialStaffOf = (claims: Claims, gridId: string) =>
  STAFF.includes(claims.r) && !claims.d && gridId.startsWith(claims.u) && claims.u.length < gridId.length;

/** The responsible unit's staff or the department's officers. */
export function isResponsible(claims: Claims, h: NonNullable<PatrolItemDoc['hazard']>): boolean {
  if (h.responsibleKind === 'department') return claims.r === 'department_officer' && claims.d === h.responsibleId;
  if (h.responsibleKind === 'unit') return STAFF.includes(claims.r) && claims.u === h.responsibleId;
  return false;
}

/** Who reads an item (keep in step with firestore.rules canReadItem). */
export function canReadItem(claims: Claims, item: Pick<PatrolItemDoc, 'kind' | 'units' | 'countyId' | 'hazardDept'>): boolean {
  if (item.kind === 'stability') return (claims.r === 'county_staff' || claims.r === 'leader') && !claims.t && claims.c === item.countyId;
  const inScope =
    ['grid_worker', 'village_staff', 'town_staff', 'county_staff', 'leader', 'admin'].includes(claims.r) && item.units.includes(claims.u);
  const dept = claims.r === 'department_officer' && !!claims.d && item.hazardDept === claims.d;
  return inScope || dept;
}

/** The units an item of a grid is read by. */
export const itemUnits = (gridId: string) => [gridId, gridId.slice(0, 12), gridId.slice(0, 9), gridId.slice(0, 6)];

/**
 * A hazard's next state under a command by `claims` at `now` (dueAt from `deadline` on assign).
 * Refuses (ItemError) a command the state or the caller does not allow.
 */
export function applyHazard(
  item: PatrolItemDoc,
  cmd: HazardCommand,
  claims: Claims,
  actor: { uid: string; name: string | null },
  now: Date,
  limit: Duration,
  deadline: (from: Date, d: Duration) => Date,
  warnHoursBefore: number,
  responsibleName: string | null,
): NonNullable<PatrolItemDoc['hazard']> {
  const h = item.hazard;
  if (!h) throw new ItemError('failed-precondition', '该事项不是安全隐患', 'not a hazard');
  const step = (action: HazardStep['action'], note: string | null): HazardStep => ({
    action,
    at: now,
    byUid: actor.uid,
    byName: actor.name,
    note,
  });
  const refuse = (zh: string): never => {
    throw new ItemError('failed-precondition', zh, `${cmd.action} refused in state ${h.state}`);
  };
  const deny = (zh: string): never => {
    throw new ItemError('permission-denied', zh, `${cmd.action} by ${claims.r} ${claims.u}`);
  };
  switch (cmd.action) {
    case 'assign': {
      if (!isTerritorialStaffOf(claims, item.gridId)) deny('只有隐患所在村（社区）、乡镇、县的工作人员可以交办');
      if (h.state !== 'reported' && h.state !== 'assigned') refuse('隐患已在整改，不能重新交办');
      if (cmd.responsible.kind === 'unit' && !item.gridId.startsWith(cmd.responsible.id)) refuse('责任单位应为隐患所在的村（社区）或乡镇');
      const dueAt = deadline(now, limit);
      const warnAt = new Date(dueAt.getTime() - warnHoursBefore * 3_600_000);
      return {
        ...h,
        state: 'assigned',
        responsibleKind: cmd.responsible.kind,
        responsibleId: cmd.responsible.id,
        responsibleName,
        limit,
        assignedAt: now,
        warnAt,
        dueAt,
        sweepAt: warnAt > now ? warnAt : dueAt,
        warned: warnAt <= now,
        overdue: false,
        history: [...h.history, step('assign', cmd.note)],
      };
    }
    case 'start':
      if (!isResponsible(claims, h)) deny('只有责任单位或部门可以开始整改');
      if (h.state !== 'assigned') refuse('只有已交办的隐患可以开始整改');
      return { ...h, state: 'rectifying', history: [...h.history, step('start', cmd.note)] };
    case 'rectified':
      if (!isResponsible(claims, h)) deny('只有责任单位或部门可以报告整改完成');
      if (h.state !== 'rectifying' && h.state !== 'assigned') refuse('该隐患当前不能报告整改完成');
      return {
        ...h,
        state: 'rectified',
        rectifiedAt: now,
        onTime: h.dueAt ? now.getTime() <= h.dueAt.getTime() : true,
        sweepAt: null,
        history: [...h.history, step('rectified', cmd.note)],
      };
    case 'verify':
      if (!(claims.r === 'grid_worker' && claims.g === item.gridId)) deny('只有本网格的网格员可以现场复核');
      if (h.state !== 'rectified') refuse('只有已整改的隐患可以复核');
      return { ...h, state: 'verified', verifiedAt: now, sweepAt: null, history: [...h.history, step('verify', cmd.note)] };
    case 'send_back':
      if (!(claims.r === 'grid_worker' && claims.g === item.gridId)) deny('只有本网格的网格员可以退回整改');
      if (h.state !== 'rectified') refuse('只有已整改的隐患可以退回');
      return {
        ...h,
        state: 'rectifying',
        rectifiedAt: null,
        onTime: null,
        sendBacks: h.sendBacks + 1,
        // The limit keeps running from the assignment: the sweep picks up where it was.
        sweepAt: h.overdue || !h.dueAt ? null : h.warned ? h.dueAt : h.warnAt,
        history: [...h.history, step('send_back', cmd.reason)],
      };
  }
}

/** A new hazard's state block. */
export function newHazard(actor: { uid: string; name: string | null }, now: Date): NonNullable<PatrolItemDoc['hazard']> {
  return {
    state: 'reported',
    responsibleKind: null,
    responsibleId: null,
    responsibleName: null,
    limit: null,
    assignedAt: null,
    warnAt: null,
    dueAt: null,
    sweepAt: null,
    warned: false,
    overdue: false,
    rectifiedAt: null,
    verifiedAt: null,
    onTime: null,
    sendBacks: 0,
    history: [{ action: 'report', at: now, byUid: actor.uid, byName: actor.name, note: null }],
  };
}

/** What the sweep does to a hazard due at `now`: warn (黄灯) once, then breach (逾期) once. */
export function sweepHazard(
  h: NonNullable<PatrolItemDoc['hazard']>,
  now: Date,
): { next: NonNullable<PatrolItemDoc['hazard']>; fired: 'warning' | 'breach' | null } {
  if (!h.dueAt || !h.sweepAt || h.sweepAt > now || h.state === 'rectified' || h.state === 'verified')
    return { next: { ...h, sweepAt: h.state === 'rectified' || h.state === 'verified' ? null : h.sweepAt }, fired: null };
  if (now >= h.dueAt) {
    if (h.overdue) return { next: { ...h, sweepAt: null }, fired: null };
    return { next: { ...h, overdue: true, warned: true, sweepAt: null }, fired: 'breach' };
  }
  if (!h.warned && (!h.warnAt || now >= h.warnAt)) return { next: { ...h, warned: true, sweepAt: h.dueAt }, fired: 'warning' };
  return { next: { ...h, sweepAt: h.dueAt }, fired: null };
}

export type { Duration };

/**
 * Alerts of a hazard's clock (deterministic IDs: a rerun writes the same ones): a warning to the
 * responsible unit or department; a breach to it and to the hazard's town (督办). No personal
 * data: the title is the masked one, cut short.
 */
export function hazardAlerts(
  item: Pick<PatrolItemDoc, 'id' | 'countyId' | 'townId' | 'title'>,
  h: NonNullable<PatrolItemDoc['hazard']>,
  phase: 'warning' | 'breach',
  now: Date,
  dueText: string,
): {
  id: string;
  countyId: string;
  caseId: null;
  kind: 'hazard_warning' | 'hazard_breach';
  severity: 'warning' | 'critical';
  recipientUnit: string | null;
  recipientUid: null;
  recipientDept: string | null;
  title: string;
  body: string;
  createdAt: Date;
  readBy: string[];
}[] {
  const title = item.title.length > 24 ? `${item.title.slice(0, 24)}…` : item.title;
  const base = {
    countyId: item.countyId,
    caseId: null,
    kind: phase === 'warning' ? ('hazard_warning' as const) : ('hazard_breach' as const),
    severity: phase === 'warning' ? ('warning' as const) : ('critical' as const),
    recipientUid: null,
    title: phase === 'warning' ? '【安全隐患】整改即将到期' : '【安全隐患】整改已逾期',
    body: `安全隐患“${title}”（责任：${h.responsibleName ?? '未指定'}）整改期限 ${dueText}${phase === 'warning' ? '，即将到期，请抓紧整改' : '，已逾期未整改完成'}`,
    createdAt: now,
    readBy: [] as string[],
  };
  const to: { unit: string | null; dept: string | null }[] = [];
  if (h.responsibleKind === 'department') to.push({ unit: null, dept: h.responsibleId });
  else if (h.responsibleId) to.push({ unit: h.responsibleId, dept: null });
  if (phase === 'breach' && h.responsibleId !== item.townId) to.push({ unit: item.townId, dept: null });
  return to.map((r) => ({
    ...base,
    id: `hz-${item.id}-${phase}-${r.unit ?? r.dept}`,
    recipientUnit: r.unit,
    recipientDept: r.dept,
  }));
}
