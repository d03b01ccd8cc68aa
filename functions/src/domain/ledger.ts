import { DateTime } from 'luxon';
import { z } from 'zod';
import { categoryLabel } from './alerts';
import type { CaseDoc, CasePrivateDoc } from './case-model';
import { stateLabel } from './case-machine';
import { ZONE } from './clock';
import { type MaskOptions, type PartyLike, caseMaskOptions, maskName, maskText, neutraliseCell } from './privacy';
import { IsoDate, IsoMonth } from './input';
import { type StatsFigures, rates } from './stats';
import { type CourtFilingDoc, diversionRate } from './legal';

/**
 * The case ledger (台账): one row per case, with the Chinese column headers county offices use.
 * Personal data only where the reader may see it (the same rule as the private parties);
 * elsewhere the masked form.
 */
export const LedgerInput = z.strictObject({
  // A province (2 digits) or city (4) too (issue 16): its ledger lists the cases its own center
  // takes part in (`accessUnits` holds its code), not every case of its counties.
  unitId: z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12}|\d{15})$/, '单位代码不正确'),
  from: IsoDate,
  to: IsoDate,
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});
export type LedgerInput = z.infer<typeof LedgerInput>;

export const MonthlyReportInput = z.strictObject({
  // A province (2 digits) or city (4) too: its report compares its counties or cities (issue 16).
  unitId: z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12}|\d{15})$/),
  month: IsoMonth,
});

const TIER_ZH: Record<string, string> = { grid: '网格', village: '村（社区）', town: '乡镇（街道）', county: '县', city: '市' };
const CLASS_ZH: Record<string, string> = { general: '一般', complex: '复杂', difficult: '疑难' };
const SOURCE_ZH: Record<string, string> = {
  grid_patrol: '网格员巡查',
  resident_app: '群众随手报',
  walk_in: '来访',
  letter: '来信',
  phone: '来电',
  department: '部门反馈',
  police_alert: '警情推送',
  court_referral: '法院诉前委派',
  hotline_12345: '12345热线',
  petition: '信访',
  leader_visit: '领导联值走访',
};
const OUTCOME_ZH: Record<string, string> = {
  mediated_agreement: '调解成功',
  referred_litigation: '引导诉讼',
  referred_arbitration: '引导仲裁',
  explained: '解释疏导',
  department_action: '部门依职能处理',
  withdrawn: '撤回',
  solved_on_spot: '就地化解',
};
const SAT_ZH: Record<string, string> = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' };

export const LEDGER_COLUMNS = [
  '序号',
  '案件编号',
  '登记时间',
  '来源',
  '纠纷类型',
  '分类',
  '事项名称',
  '所属乡镇',
  '所属村（社区）',
  '所属网格',
  '当事人',
  '联系电话',
  '身份证号',
  '当前层级',
  '办理状态',
  '受理时间',
  '办结时间',
  '化解方式',
  '办理结果',
  '是否逾期',
  '群众评价',
] as const;

const fmt = (d: Date | null) => (d ? DateTime.fromJSDate(d, { zone: ZONE }).toFormat('yyyy-LL-dd HH:mm') : '');

/**
 * One ledger row (pure). `parties` is the private document when the reader may see it, else
 * null; `hidden` is the private document used only to mask free text for such readers (the
 * case's texts are stored masked already; masking again with the parties is idempotent and
 * catches cases written before masking used the parties).
 */
export function ledgerRow(
  i: number,
  c: CaseDoc,
  parties: CasePrivateDoc | null,
  names: Record<string, string>,
  hidden: CasePrivateDoc | null = null,
): (string | number)[] {
  const opts = caseMaskOptions(hidden ?? parties, c);
  const clean = (t: string) => (parties ? t : maskText(t, opts));
  const title = parties ? (parties.title ?? c.title) : clean(c.title);
  const who = parties ? parties.parties.map((p) => p.name).join('、') : c.partiesMasked.map((p) => p.name).join('、');
  const phones = parties
    ? parties.parties
        .map((p) => p.phone ?? '')
        .filter(Boolean)
        .join('、')
    : c.partiesMasked
        .map((p) => p.phone ?? '')
        .filter(Boolean)
        .join('、');
  const ids = parties
    ? parties.parties
        .map((p) => p.idNumber ?? '')
        .filter(Boolean)
        .join('、')
    : '';
  const overdue = c.clocks.some((k) => k.kind === 'tier' && k.state === 'breached');
  return [
    i,
    c.id,
    fmt(c.createdAt),
    SOURCE_ZH[c.source] ?? c.source,
    categoryLabel(c.category),
    CLASS_ZH[c.caseClass] ?? c.caseClass,
    title,
    names[c.townId] ?? c.townId,
    names[c.villageId] ?? c.villageId,
    names[c.gridId] ?? c.gridId,
    who,
    phones,
    ids,
    TIER_ZH[c.tier] ?? c.tier,
    stateLabel(c.state),
    fmt(c.acceptedAt),
    fmt(c.resolvedAt),
    c.outcome ? (OUTCOME_ZH[c.outcome] ?? c.outcome) : '',
    clean(c.resolutionNote ?? ''),
    overdue ? '是' : '否',
    c.satisfaction ? (SAT_ZH[c.satisfaction] ?? c.satisfaction) : '',
  ];
}

/**
 * CSV (RFC 4180) with a UTF-8 BOM so Excel opens Chinese text correctly. Text cells that a
 * spreadsheet would take for a formula are neutralised (`neutraliseCell`).
 */
/**
 * The name of an exported file, as people read it in their downloads: the kind, the unit by name
 * (its code only when the name is unknown), the period — `台账_岷阳镇_2026-11-01_2026-11-30.xlsx`.
 * Characters a file system refuses are replaced.
 */
export function exportFileName(
  kind: '台账' | '月报' | '排查台账',
  unitName: string | null | undefined,
  unitId: string,
  parts: string[],
  ext: string,
): string {
  const unit = (unitName?.trim() || unitId).replace(/[\\/:*?"<>|\s]+/g, '-');
  return `${[kind, unit, ...parts].join('_')}.${ext}`;
}

export function toCsv(rows: (string | number)[][]): string {
  const cell = (v: string | number) => {
    const s = String(neutraliseCell(v));
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** The monthly report's rows: figure, value (pure). */
export function reportRows(f: StatsFigures): [string, string | number][] {
  const n = (k: string) => (f[k] as number | undefined) ?? 0;
  const r = rates(f);
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(2)}%`);
  const sat = (f.satisfaction as Record<string, number> | undefined) ?? {};
  const m = (k: string) => (f[k] as Record<string, number> | undefined) ?? {};
  return [
    ['受理登记数（件）', n('received')],
    ['受理数（件）', n('accepted')],
    ['化解办结数（件）', n('resolved')],
    ['归档数（件）', n('closed')],
    ['逾期数（件）', n('overdue')],
    ['调解成功率', pct(r.mediationSuccessRate)],
    ['办结率', pct(r.closureRate)],
    ['按期办结率', pct(r.onTimeRate)],
    ['平均办理时长（工作日）', r.averageCycleWorkingDays === null ? '—' : r.averageCycleWorkingDays.toFixed(2)],
    ['满意率', pct(r.satisfactionRate)],
    ['满意 / 基本满意 / 不满意', `${sat.satisfied ?? 0} / ${sat.basically_satisfied ?? 0} / ${sat.unsatisfied ?? 0}`],
    ['村级及以下化解占比（小事不出村）', pct(r.resolvedAtVillageOrBelowShare)],
    ['诉前委派调解成功率', pct(r.courtDiversionRate)],
    ['信访总量（件）', n('petitions')],
    ['重复访（件）', n('petitionsRepeat')],
    ['集体访（件）', n('petitionsGroup')],
    ['越级访（件）', n('petitionsSkipLevel')],
    ['回头看次数', n('rechecks')],
    ['回头看发现反弹（件）', n('relapses')],
    ['法院诉前委派（件）', m('referredIn').court ?? 0],
    ['警调对接（件）', m('referredIn').police ?? 0],
    ['访调对接（件）', m('referredIn').petition ?? 0],
    ['移送法院（件）', n('sentToCourt')],
    ['信访复查 / 复核申请（件）', `${m('petitionReviews').review ?? 0} / ${m('petitionReviews').recheck ?? 0}`],
    [
      '一站式转介：法律援助 / 法律咨询 / 心理咨询（人次）',
      `${m('serviceReferrals').legal_aid ?? 0} / ${m('serviceReferrals').legal_consultation ?? 0} / ${m('serviceReferrals').psychological ?? 0}`,
    ],
  ];
}

/**
 * The monthly report's 分流率 rows (a county's report): the rate over the courts with a filing
 * input, then one row per court (pure). Without any input: one row saying it cannot be computed.
 */
export function diversionRows(
  courtReferredBy: Record<string, number>,
  filings: readonly Pick<CourtFilingDoc, 'courtId' | 'courtName' | 'incoming'>[],
): [string, string | number][] {
  const d = diversionRate(courtReferredBy, filings);
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(2)}%`);
  if (filings.length === 0) return [['分流率（诉前委派 ÷ 法院收案）', '未填报法院收案数']];
  return [
    ['分流率（诉前委派 ÷ 法院收案）', pct(d.rate)],
    ...d.rows.map((r): [string, string] => [`  ${r.courtName}：委派 ${r.referred} 件 ÷ 收案 ${r.incoming} 件`, pct(r.rate)]),
  ];
}

/**
 * A typical case (典型案例) for publication: no names, phones, ID numbers or addresses. Party
 * names found in the text are replaced by 当事人甲/乙/丙…, numbers are masked, addresses dropped.
 */
export const TypicalCaseInput = z.strictObject({
  caseId: z.string().regex(/^[0-9]{6}-[A-Za-z0-9-]{4,40}$/),
  title: z.string().trim().min(4).max(60),
  lesson: z.string().trim().min(10, '请写明典型意义').max(2000),
});

/**
 * Anonymises a text for publication: addresses become 某地, party names (also their masked
 * form 张* and 张某) 当事人甲/乙/…, and every phone, ID and bank card number — the parties' own
 * in any spelling — is masked (`maskText`). `parties` adds the parties' numbers.
 */
export function anonymise(text: string, names: string[], addresses: string[], parties: readonly PartyLike[] = []): string {
  const LABELS = '甲乙丙丁戊己庚辛壬癸';
  let out = text;
  for (const a of addresses.filter(Boolean).sort((x, y) => y.length - x.length)) out = out.split(a).join('某地');
  const label = (i: number) => `当事人${LABELS[i] ?? i + 1}`;
  const ordered = [...new Set(names.map((n) => n.trim()).filter((n) => Array.from(n).length >= 2))].sort((x, y) => y.length - x.length);
  ordered.forEach((n, i) => {
    out = out.split(n).join(label(i));
  });
  // Texts stored masked name them 张*; texts written by hand 张某: the longest forms first.
  ordered.forEach((n, i) => {
    out = out.split(maskName(n)).join(label(i));
  });
  ordered.forEach((n, i) => {
    out = out.split(`${Array.from(n)[0]}某`).join(label(i));
  });
  const opts: MaskOptions = { parties: parties.map((p) => ({ ...p, name: null, address: null })), addresses };
  return maskText(out, opts);
}
