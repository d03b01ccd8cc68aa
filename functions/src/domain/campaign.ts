import { z } from 'zod';
import { addDays } from './calendar';
import { DocId, IsoDate, Text, isRealDate, isWellFormed } from './input';
import { type ItemKind, ItemKindSchema } from './patrol-items';
import { CAMPAIGN_MAX_CHECKLIST, type CampaignChecks } from './patrol';
import { countyCode, townCode, villageCode } from './regions';
import type { Claims } from './roles';

/**
 * 拉网式/集中排查 (campaigns): a county or a town launches a sweep of its grids over a period —
 * a topic, the towns and villages it covers, a checklist of what to look at. Patrols and items
 * recorded in a covered grid with a date inside the period count toward it, in the same
 * transaction as the patrol or item (exactly once); a patrol may tick checklist items. Progress
 * lives in one document per campaign and village (`campaignProgress/{campaignId}_{villageId}`),
 * so no document is written by more grids than one village has. The campaign closes with a
 * summary (items by kind, by town) summed from those documents.
 */

export const CAMPAIGN_MAX_DAYS = 92;
export const CAMPAIGN_MAX_UNITS = 200;

const unitCode = z.string().regex(/^(\d{9}|\d{12})$/, '范围应为乡镇或村（社区）');

/** The payload of `launchCampaign`. */
export const LaunchCampaignInput = z
  .strictObject({
    /** Client-made idempotency key: resending it never launches a second campaign. */
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId 应为8-64位字母数字'),
    topic: z.string().trim().min(2, '主题至少2个字').max(60, '主题不能超过60字').refine(isWellFormed, '含有无法识别的字符'),
    /** First and last day (Asia/Shanghai) of the period, inclusive. */
    from: IsoDate,
    to: IsoDate,
    /** Towns (9 digits) and villages (12 digits) covered; a town covers all its villages. */
    units: z.array(unitCode).min(1, '请选择排查范围').max(CAMPAIGN_MAX_UNITS, `排查范围不能超过${CAMPAIGN_MAX_UNITS}个单位`),
    /** What every grid looks at (排查清单), in order. */
    checklist: z
      .array(Text(60, '清单项不能为空'))
      .min(1, '请填写排查清单')
      .max(CAMPAIGN_MAX_CHECKLIST, `排查清单不能超过${CAMPAIGN_MAX_CHECKLIST}项`),
  })
  .superRefine((v, ctx) => {
    // The object check runs even when a date failed its own check: compare real dates only.
    if (!isRealDate(v.from) || !isRealDate(v.to)) return;
    if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
    else if (v.to > addDays(v.from, CAMPAIGN_MAX_DAYS - 1))
      ctx.addIssue({ code: 'custom', path: ['to'], message: `排查期限不能超过${CAMPAIGN_MAX_DAYS}天` });
  });
export type LaunchCampaignInput = z.infer<typeof LaunchCampaignInput>;

/** The payload of `closeCampaign`. */
export const CloseCampaignInput = z.strictObject({ campaignId: DocId });
export type CloseCampaignInput = z.infer<typeof CloseCampaignInput>;

const counts = z.record(z.string(), z.number().int().min(0));

/** A town's part of a closed campaign's summary. */
export const CampaignTownSummary = z.strictObject({
  name: z.string(),
  grids: z.number().int().min(0),
  gridsDone: z.number().int().min(0),
  patrols: z.number().int().min(0),
  items: z.number().int().min(0),
  itemsByKind: counts,
});
export type CampaignTownSummary = z.infer<typeof CampaignTownSummary>;

export const CampaignSummary = z.strictObject({
  grids: z.number().int().min(0),
  /** Grids with at least one patrol in the period (a campaign is done when every grid reported). */
  gridsDone: z.number().int().min(0),
  patrols: z.number().int().min(0),
  zeroReports: z.number().int().min(0),
  items: z.number().int().min(0),
  itemsByKind: counts,
  /** How many grids ticked each checklist item (same order as the checklist). */
  checked: z.array(z.number().int().min(0)),
  byTown: z.record(z.string(), CampaignTownSummary),
});
export type CampaignSummary = z.infer<typeof CampaignSummary>;

/** campaigns/{id}. */
export const CampaignDoc = z.strictObject({
  id: z.string(),
  countyId: countyCode,
  /** The launching unit: a county or a town. */
  ownerUnit: z.string(),
  ownerName: z.string(),
  topic: z.string(),
  from: z.string(),
  to: z.string(),
  units: z.array(z.string()),
  /** The villages covered (one progress document each). */
  villages: z.array(villageCode),
  checklist: z.array(z.string()),
  grids: z.number().int().min(0),
  state: z.enum(['running', 'closed']),
  launchedByUid: z.string(),
  launchedByName: z.string().nullable(),
  launchedAt: z.date(),
  closedAt: z.date().nullable(),
  closedByName: z.string().nullable(),
  summary: CampaignSummary.nullable(),
  version: z.number().int().min(1),
});
export type CampaignDoc = z.infer<typeof CampaignDoc>;

/** One grid's progress in a campaign. */
export const CampaignGridProgress = z.strictObject({
  name: z.string(),
  patrols: z.number().int().min(0).default(0),
  zeroReports: z.number().int().min(0).default(0),
  items: z.number().int().min(0).default(0),
  /** Checklist index → how many of the grid's patrols ticked it. */
  checked: counts.default({}),
  lastAt: z.date().nullable().default(null),
});
export type CampaignGridProgress = z.infer<typeof CampaignGridProgress>;

/** campaignProgress/{campaignId}_{villageId}: a village's grids in a campaign (written by increments). */
export const CampaignProgressDoc = z.strictObject({
  campaignId: z.string(),
  countyId: countyCode,
  townId: townCode,
  villageId: villageCode,
  /** The village, its town and county: who reads it (rules: `claim u in units`). */
  units: z.array(z.string()),
  from: z.string(),
  to: z.string(),
  grids: z.record(z.string(), CampaignGridProgress).default({}),
  itemsByKind: counts.default({}),
});
export type CampaignProgressDoc = z.infer<typeof CampaignProgressDoc>;

export const campaignProgressId = (campaignId: string, villageId: string) => `${campaignId}_${villageId}`;

export class CampaignError extends Error {
  constructor(
    readonly code: 'permission-denied' | 'failed-precondition' | 'invalid-argument',
    readonly zh: string,
    en: string,
  ) {
    super(en);
  }
}

/** Who launches and closes a campaign of `unit`: the staff and leaders of that county or town (not departments). */
export function mayRunCampaign(claims: Claims, unit: string): boolean {
  return (
    ['town_staff', 'county_staff', 'leader'].includes(claims.r) &&
    !claims.d &&
    claims.u === unit &&
    (unit.length === 6 || unit.length === 9)
  );
}

/** Who closes a campaign: its owner unit's staff, or the county's for a town's campaign. */
export function mayCloseCampaign(claims: Claims, c: Pick<CampaignDoc, 'ownerUnit' | 'countyId'>): boolean {
  return mayRunCampaign(claims, c.ownerUnit) || (c.ownerUnit.length === 9 && mayRunCampaign(claims, c.countyId));
}

/**
 * Checks a launch by `claims` (the owner is the caller's unit) on `today`: every selected unit in
 * the caller's area, no period that ended already. Returns the units without those a selected
 * town already covers.
 */
export function checkLaunch(input: LaunchCampaignInput, claims: Claims, today: string): string[] {
  if (!mayRunCampaign(claims, claims.u))
    throw new CampaignError('permission-denied', '只有县、乡镇的工作人员和领导可以发起集中排查', `role ${claims.r} ${claims.u} launched`);
  if (input.to < today)
    throw new CampaignError('failed-precondition', '排查期限已过，请重新选择日期', `period ends ${input.to} before ${today}`);
  const outside = input.units.find((u) => !u.startsWith(claims.u));
  if (outside) throw new CampaignError('permission-denied', '排查范围应在本单位辖区内', `unit ${outside} outside ${claims.u}`);
  const set = [...new Set(input.units)].sort();
  return set.filter((u) => !set.some((o) => o !== u && u.startsWith(o)));
}

/** True when `gridId` is covered by `units` (towns or villages). */
export const campaignCovers = (units: readonly string[], gridId: string) => units.some((u) => gridId.startsWith(u));

/** True when a running campaign counts something of `gridId` dated `date`. */
export function campaignCounts(c: Pick<CampaignDoc, 'state' | 'from' | 'to' | 'units'>, gridId: string, date: string): boolean {
  return c.state === 'running' && c.from <= date && date <= c.to && campaignCovers(c.units, gridId);
}

/** The checklist indexes a patrol ticks for a campaign (valid, deduplicated). */
export function ticksFor(checks: readonly CampaignChecks[], campaignId: string, checklistLength: number): number[] {
  const mine = checks.filter((c) => c.campaignId === campaignId).flatMap((c) => c.items);
  return [...new Set(mine)].filter((i) => i < checklistLength).sort((a, b) => a - b);
}

/**
 * The summary of a campaign from its progress documents: grids and grids done (≥ 1 patrol),
 * patrols, zero reports, items by kind, ticks per checklist item (grids that ticked it at least
 * once), and the same by town.
 */
export function summarize(
  campaign: Pick<CampaignDoc, 'checklist'>,
  progress: readonly Pick<CampaignProgressDoc, 'townId' | 'grids' | 'itemsByKind'>[],
  townName: (townId: string) => string,
): CampaignSummary {
  const s: CampaignSummary = {
    grids: 0,
    gridsDone: 0,
    patrols: 0,
    zeroReports: 0,
    items: 0,
    itemsByKind: {},
    checked: campaign.checklist.map(() => 0),
    byTown: {},
  };
  for (const p of progress) {
    const town = (s.byTown[p.townId] ??= { name: townName(p.townId), grids: 0, gridsDone: 0, patrols: 0, items: 0, itemsByKind: {} });
    for (const g of Object.values(p.grids)) {
      s.grids++;
      town.grids++;
      if (g.patrols > 0) {
        s.gridsDone++;
        town.gridsDone++;
      }
      s.patrols += g.patrols;
      town.patrols += g.patrols;
      s.zeroReports += g.zeroReports;
      for (const [i, n] of Object.entries(g.checked ?? {})) {
        const k = Number(i);
        if (n > 0 && k < s.checked.length) s.checked[k]!++;
      }
    }
    for (const [kind, n] of Object.entries(p.itemsByKind)) {
      if (!ItemKindSchema.safeParse(kind).success || n <= 0) continue;
      s.items += n;
      town.items += n;
      s.itemsByKind[kind as ItemKind] = (s.itemsByKind[kind] ?? 0) + n;
      town.itemsByKind[kind] = (town.itemsByKind[kind] ?? 0) + n;
    }
  }
  return s;
}

/** A live view's completion of progress documents: grids, grids with a patrol, and the share. */
export function completion(progress: readonly Pick<CampaignProgressDoc, 'grids'>[]): { grids: number; done: number; rate: number } {
  let grids = 0;
  let done = 0;
  for (const p of progress)
    for (const g of Object.values(p.grids)) {
      grids++;
      if (g.patrols > 0) done++;
    }
  return { grids, done, rate: grids === 0 ? 1 : done / grids };
}
