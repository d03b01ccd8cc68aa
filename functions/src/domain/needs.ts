import { z } from 'zod';
import { DocId, Text, Uid } from './input';
import type { Claims } from './roles';

/**
 * 需求清单 (needs list): every 群众诉求 item is a need of its village. The village and its town
 * work it: 待办理 (open) → 办理中 (in progress, with a responsible person of the village or town)
 * → 已满足 (met, what was done) or 无法满足 (cannot meet, with the reason). The state lives on the
 * item (`need`, written only by `needAction`); an item recorded before the needs list has none
 * and is read as open (`needOf`).
 */
export const NEED_STATES = ['open', 'in_progress', 'met', 'unmet'] as const;
export type NeedState = (typeof NEED_STATES)[number];
export const NEED_STATE_ZH: Record<NeedState, string> = {
  open: '待办理',
  in_progress: '办理中',
  met: '已满足',
  unmet: '无法满足',
};

export const NeedStep = z.strictObject({
  action: z.enum(['take', 'met', 'unmet']),
  at: z.date(),
  byUid: z.string(),
  byName: z.string().nullable(),
  /** take: the responsible person's name; met: what was done; unmet: the reason. */
  note: z.string().nullable(),
});
export type NeedStep = z.infer<typeof NeedStep>;

/** patrolItems/{id}.need (群众诉求 only). */
export const NeedBlock = z.strictObject({
  state: z.enum(NEED_STATES),
  /** The responsible person (staff of the item's village or town): name and unit, never shown as an ID. */
  responsibleUid: z.string().nullable(),
  responsibleName: z.string().nullable(),
  responsibleUnitName: z.string().nullable(),
  /** 无法满足: why (shown with the state). */
  reason: z.string().nullable(),
  /** 已满足: what was done. */
  result: z.string().nullable(),
  closedAt: z.date().nullable(),
  history: z.array(NeedStep).max(100),
});
export type NeedBlock = z.infer<typeof NeedBlock>;

/** The payload of `needAction`. */
export const NeedActionInput = z.strictObject({
  itemId: DocId,
  /** The item's `version` the caller saw: a stale page is refused, a resend of a done step is not repeated. */
  expectedVersion: z.number().int().min(1),
  command: z.discriminatedUnion('action', [
    /** 认领/指定负责人: `responsibleUid` null = the caller. Also reassigns while in progress. */
    z.strictObject({ action: z.literal('take'), responsibleUid: Uid.nullable().default(null) }),
    z.strictObject({ action: z.literal('met'), result: Text(500, '请填写办理结果') }),
    z.strictObject({ action: z.literal('unmet'), reason: Text(500, '请填写无法满足的原因') }),
  ]),
});
export type NeedActionInput = z.infer<typeof NeedActionInput>;
export type NeedCommand = NeedActionInput['command'];

export class NeedError extends Error {
  constructor(
    readonly code: 'permission-denied' | 'failed-precondition' | 'invalid-argument',
    readonly zh: string,
    en: string,
  ) {
    super(en);
  }
}

/** A demand item's need (open when recorded before the needs list). */
export function needOf(item: { kind: string; need?: NeedBlock | null | undefined }): NeedBlock | null {
  if (item.kind !== 'demand') return null;
  return (
    item.need ?? {
      state: 'open',
      responsibleUid: null,
      responsibleName: null,
      responsibleUnitName: null,
      reason: null,
      result: null,
      closedAt: null,
      history: [],
    }
  );
}

/** A new demand's need block. */
export const newNeed = (): NeedBlock => needOf({ kind: 'demand' })!;

/** Who works a need: staff and leaders of the item's village or town (not departments, not the county). */
export function mayWorkNeed(claims: Claims, item: { villageId: string; townId: string }): boolean {
  return (
    ['village_staff', 'town_staff', 'leader'].includes(claims.r) && !claims.d && (claims.u === item.villageId || claims.u === item.townId)
  );
}

/** Who may be made responsible: an active staff member or leader of the item's village or town. */
export function mayBeResponsible(
  staff: { role: string; unitId: string; active: boolean },
  item: { villageId: string; townId: string },
): boolean {
  return (
    staff.active &&
    ['village_staff', 'town_staff', 'leader'].includes(staff.role) &&
    (staff.unitId === item.villageId || staff.unitId === item.townId)
  );
}

/**
 * Was this command already applied as the item's last change (a resend after a lost answer)?
 * Then the callable answers with the stored state and writes nothing.
 */
export function alreadyApplied(need: NeedBlock, version: number, expectedVersion: number, cmd: NeedCommand, byUid: string): boolean {
  if (version !== expectedVersion + 1) return false;
  const last = need.history.at(-1);
  if (!last || last.action !== cmd.action || last.byUid !== byUid) return false;
  if (cmd.action === 'take') return need.responsibleUid === (cmd.responsibleUid ?? byUid);
  if (cmd.action === 'met') return last.note === cmd.result;
  return last.note === cmd.reason;
}

/**
 * The need after `cmd` by `claims` (the responsible person already looked up for `take`).
 * Refuses (NeedError) what the state or the caller does not allow.
 */
export function applyNeed(
  need: NeedBlock,
  cmd: NeedCommand,
  claims: Claims,
  item: { villageId: string; townId: string },
  actor: { uid: string; name: string | null },
  now: Date,
  responsible: { uid: string; name: string; unitName: string } | null,
): NeedBlock {
  if (!mayWorkNeed(claims, item))
    throw new NeedError(
      'permission-denied',
      '只有诉求所在村（社区）或乡镇的工作人员可以办理',
      `need ${cmd.action} by ${claims.r} ${claims.u}`,
    );
  const closed = need.state === 'met' || need.state === 'unmet';
  if (closed) throw new NeedError('failed-precondition', `该诉求已办结（${NEED_STATE_ZH[need.state]}），不能再办理`, `need ${need.state}`);
  const step = (note: string | null): NeedStep => ({ action: cmd.action, at: now, byUid: actor.uid, byName: actor.name, note });
  switch (cmd.action) {
    case 'take':
      if (!responsible) throw new NeedError('invalid-argument', '负责人应为诉求所在村（社区）或乡镇的工作人员', 'no responsible');
      return {
        ...need,
        state: 'in_progress',
        responsibleUid: responsible.uid,
        responsibleName: responsible.name,
        responsibleUnitName: responsible.unitName,
        history: [...need.history, step(responsible.name)],
      };
    case 'met':
      if (need.state !== 'in_progress') throw new NeedError('failed-precondition', '请先确定负责人再办结', `met in ${need.state}`);
      return { ...need, state: 'met', result: cmd.result, closedAt: now, history: [...need.history, step(cmd.result)] };
    case 'unmet':
      return { ...need, state: 'unmet', reason: cmd.reason, closedAt: now, history: [...need.history, step(cmd.reason)] };
  }
}
