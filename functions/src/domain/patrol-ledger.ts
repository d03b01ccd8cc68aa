import { DateTime } from 'luxon';
import { z } from 'zod';
import { ZONE } from './clock';
import { IsoDate } from './input';
import { HAZARD_STATE_ZH, ITEM_KIND_ZH, type PatrolItemDoc } from './patrol-items';
import type { PatrolDoc } from './patrol';
import { maskText } from './privacy';

/**
 * 排查台账 (issue 14): a unit's patrol logs, items found and hazards of a date range, as rows —
 * beside the case ledger (domain/ledger.ts). Free text is masked (`maskText`) again on the way
 * out; no key person ever appears as a row (their visits are counts in the summary).
 */
export const PatrolLedgerInput = z.strictObject({
  /** A county, town, village or grid code (the caller must see it). */
  unitId: z.string().regex(/^(\d{6}|\d{9}|\d{12}|\d{15})$/, '单位代码不正确'),
  from: IsoDate,
  to: IsoDate,
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});
export type PatrolLedgerInput = z.infer<typeof PatrolLedgerInput>;

/** The longest range one export covers (days), and the most patrol logs it lists. */
export const PATROL_LEDGER_MAX_DAYS = 366;
export const PATROL_LEDGER_MAX_ROWS = 50_000;

export const PATROL_LEDGER_COLUMNS = [
  '序号',
  '巡查日期',
  '巡查时间',
  '所属乡镇',
  '所属村（社区）',
  '所属网格',
  '网格员',
  '走访户数',
  '网格户数',
  '零报告',
  '巡查情况',
  '发现事项（件）',
] as const;

export const ITEM_LEDGER_COLUMNS = [
  '序号',
  '登记时间',
  '事项类型',
  '所属乡镇',
  '所属村（社区）',
  '所属网格',
  '登记人',
  '事项名称',
  '情况描述',
  '关联案件',
  '隐患状态',
  '责任单位（部门）',
  '整改期限',
  '整改完成时间',
  '按期整改',
  '复核销号时间',
  '退回次数',
] as const;

const fmt = (d: Date | null | undefined) => (d ? DateTime.fromJSDate(d, { zone: ZONE }).toFormat('yyyy-LL-dd HH:mm') : '');
const name = (names: Record<string, string>, id: string) => names[id] ?? id;

export function patrolLedgerRow(i: number, p: PatrolDoc, names: Record<string, string>): (string | number)[] {
  return [
    i,
    p.date,
    fmt(p.patrolledAt),
    name(names, p.townId),
    name(names, p.villageId),
    name(names, p.gridId),
    p.workerName ?? '',
    p.householdsVisited,
    p.households ?? '',
    p.zeroReport === true ? '是（无异常）' : p.zeroReport === false ? '否（有发现）' : '未说明',
    p.note === null ? '' : maskText(p.note),
    p.itemIds.length,
  ];
}

export function itemLedgerRow(i: number, it: PatrolItemDoc, names: Record<string, string>): (string | number)[] {
  const h = it.hazard;
  return [
    i,
    fmt(it.createdAt),
    ITEM_KIND_ZH[it.kind],
    name(names, it.townId),
    name(names, it.villageId),
    name(names, it.gridId),
    it.reporterName ?? '',
    maskText(it.title),
    maskText(it.description),
    it.caseId ?? '',
    h ? HAZARD_STATE_ZH[h.state] : '',
    h?.responsibleName ?? '',
    fmt(h?.dueAt),
    fmt(h?.rectifiedAt),
    !h || h.onTime === null ? '' : h.onTime ? '是' : '否',
    fmt(h?.verifiedAt),
    h ? h.sendBacks : '',
  ];
}
