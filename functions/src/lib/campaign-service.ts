import { type BulkWriter, FieldValue, type Firestore, type Transaction } from 'firebase-admin/firestore';
import {
  type CampaignChecks,
  type CampaignDoc,
  CampaignError,
  type CampaignSummary,
  type GridDoc,
  type ItemKind,
  type LaunchCampaignInput,
  campaignCounts,
  campaignProgressId,
  checkLaunch,
  campaignCovers,
  localDate,
  mayCloseCampaign,
  summarize,
  ticksFor,
} from '../domain';
import { increments, refs, writeIncrements } from './db';
import { fail } from './errors';
import { caseIdFor } from './ids';
import { campaignProgressOf, gridsOfCounty, regionsOfCounty, runningCampaigns } from './queries';

type Actor = { uid: string; name: string | null };

/**
 * 集中排查 (domain/campaign.ts). Patrols and items count toward the county's running campaigns in
 * their own transaction: the running campaigns are read in it (a close waits for, or retries,
 * the patrols in flight), and each counting campaign's progress document of the grid's village
 * moves by increments.
 */

/** The county's running campaigns, read in the caller's transaction. */
export async function runningCampaignsTx(db: Firestore, tx: Transaction, countyId: string): Promise<CampaignDoc[]> {
  return (await tx.get(runningCampaigns(db, countyId))).docs.map((d) => d.data());
}

/** Counts a patrol in every running campaign covering its grid and date (inside its transaction). */
export function countPatrolInCampaigns(
  db: Firestore,
  tx: Transaction | BulkWriter,
  campaigns: readonly CampaignDoc[],
  grid: GridDoc,
  date: string,
  patrol: { zeroReport: boolean; at: Date; checks: readonly CampaignChecks[] },
): string[] {
  const counted: string[] = [];
  for (const c of campaigns) {
    if (!campaignCounts(c, grid.id, date)) continue;
    const ticks = ticksFor(patrol.checks, c.id, c.checklist.length);
    writeIncrements(tx, increments(db).campaignProgress(campaignProgressId(c.id, grid.villageId)), progressMeta(c, grid), {
      grids: {
        [grid.id]: {
          name: grid.name,
          patrols: FieldValue.increment(1),
          zeroReports: FieldValue.increment(patrol.zeroReport ? 1 : 0),
          lastAt: patrol.at,
          ...(ticks.length ? { checked: Object.fromEntries(ticks.map((i) => [String(i), FieldValue.increment(1)])) } : {}),
        },
      },
    });
    counted.push(c.id);
  }
  return counted;
}

/** Counts an item in every running campaign covering its grid on its day (inside its transaction). */
export function countItemInCampaigns(
  db: Firestore,
  tx: Transaction | BulkWriter,
  campaigns: readonly CampaignDoc[],
  grid: GridDoc,
  date: string,
  kind: ItemKind,
): string[] {
  const counted: string[] = [];
  for (const c of campaigns) {
    if (!campaignCounts(c, grid.id, date)) continue;
    writeIncrements(tx, increments(db).campaignProgress(campaignProgressId(c.id, grid.villageId)), progressMeta(c, grid), {
      grids: { [grid.id]: { name: grid.name, items: FieldValue.increment(1) } },
      itemsByKind: { [kind]: FieldValue.increment(1) },
    });
    counted.push(c.id);
  }
  return counted;
}

function progressMeta(c: Pick<CampaignDoc, 'id' | 'countyId' | 'from' | 'to'>, g: Pick<GridDoc, 'townId' | 'villageId'>) {
  return {
    campaignId: c.id,
    countyId: c.countyId,
    townId: g.townId,
    villageId: g.villageId,
    units: [g.villageId, g.townId, c.countyId],
    from: c.from,
    to: c.to,
  };
}

/** The most villages one campaign may cover (one progress document each, written at launch). */
export const CAMPAIGN_MAX_VILLAGES = 450;

/**
 * Launches a campaign of the caller's unit: its grids are listed at launch in their villages'
 * progress documents (every grid shows, reported or not). Idempotent by (caller, requestId).
 */
export async function launchCampaign(
  db: Firestore,
  input: LaunchCampaignInput,
  claims: { r: string; u: string; c: string; d?: string },
  actor: Actor,
  now: Date,
): Promise<{ campaignId: string; created: boolean; grids: number }> {
  const r = refs(db);
  const campaignId = caseIdFor(claims.c, `campaign:${actor.uid}`, input.requestId);
  const existing = (await r.campaign(campaignId).get()).data();
  if (existing) return { campaignId, created: false, grids: existing.grids };
  let units: string[];
  try {
    units = checkLaunch(input, claims as never, localDate(now));
  } catch (e) {
    if (e instanceof CampaignError) fail(e.code, e.zh, e.message);
    throw e;
  }
  const [gridSnap, regionSnap] = await Promise.all([gridsOfCounty(db, claims.c).get(), regionsOfCounty(db, claims.c).get()]);
  const names = new Map(regionSnap.docs.map((d) => [d.id, d.data().name]));
  const unknown = units.find((u) => !names.has(u));
  if (unknown) fail('invalid-argument', '所选乡镇或村（社区）不存在', `unit ${unknown} missing`);
  const grids = gridSnap.docs.map((d) => d.data()).filter((g) => campaignCovers(units, g.id));
  if (!grids.length) fail('failed-precondition', '所选范围内没有网格', `no grids in ${units.join(',')}`);
  const byVillage = new Map<string, GridDoc[]>();
  for (const g of grids) byVillage.set(g.villageId, [...(byVillage.get(g.villageId) ?? []), g]);
  if (byVillage.size > CAMPAIGN_MAX_VILLAGES)
    fail('invalid-argument', `一次排查不能超过${CAMPAIGN_MAX_VILLAGES}个村（社区），请分批发起`, `${byVillage.size} villages`);
  const campaign: CampaignDoc = {
    id: campaignId,
    countyId: claims.c,
    ownerUnit: claims.u,
    ownerName: names.get(claims.u) ?? claims.u,
    topic: input.topic,
    from: input.from,
    to: input.to,
    units,
    villages: [...byVillage.keys()].sort(),
    checklist: input.checklist,
    grids: grids.length,
    state: 'running',
    launchedByUid: actor.uid,
    launchedByName: actor.name,
    launchedAt: now,
    closedAt: null,
    closedByName: null,
    summary: null,
    version: 1,
  };
  return await db.runTransaction(async (tx) => {
    if ((await tx.get(r.campaign(campaignId))).exists) return { campaignId, created: false, grids: grids.length };
    tx.create(r.campaign(campaignId), campaign);
    for (const [villageId, gs] of byVillage) {
      const g0 = gs[0]!;
      writeIncrements(tx, increments(db).campaignProgress(campaignProgressId(campaignId, villageId)), progressMeta(campaign, g0), {
        grids: Object.fromEntries(
          gs.map((g) => [g.id, { name: g.name, patrols: FieldValue.increment(0), items: FieldValue.increment(0) }]),
        ),
      });
    }
    return { campaignId, created: true, grids: grids.length };
  });
}

/**
 * Closes a running campaign with its summary (summed from its progress documents, read in the
 * same transaction as the close: a patrol counted before the close is in it, one after is not).
 * Closing a closed campaign answers its summary again (`closed: false`).
 */
export async function closeCampaign(
  db: Firestore,
  campaignId: string,
  claims: { r: string; u: string; c: string; d?: string } | null,
  actor: Actor,
  now: Date,
): Promise<{ campaignId: string; closed: boolean; summary: CampaignSummary }> {
  const r = refs(db);
  const first = (await r.campaign(campaignId).get()).data();
  if (!first || (claims && first.countyId !== claims.c))
    fail('not-found', '排查活动不存在或您无权查看', `campaign ${campaignId} not found`);
  const towns = new Map((await regionsOfCounty(db, first.countyId).get()).docs.map((d) => [d.id, d.data().name]));
  return await db.runTransaction(async (tx) => {
    const c = (await tx.get(r.campaign(campaignId))).data()!;
    if (claims && !mayCloseCampaign(claims as never, c))
      fail('permission-denied', '只有发起单位（或其上级县）的工作人员可以结束排查', `role ${claims.r} ${claims.u} closing ${c.ownerUnit}`);
    if (c.state === 'closed' && c.summary) return { campaignId, closed: false, summary: c.summary };
    const progress = (await tx.get(campaignProgressOf(db, campaignId))).docs.map((d) => d.data());
    const summary = summarize(c, progress, (t) => towns.get(t) ?? t);
    tx.set(r.campaign(campaignId), {
      ...c,
      state: 'closed',
      closedAt: now,
      closedByName: actor.name,
      summary,
      version: c.version + 1,
    });
    return { campaignId, closed: true, summary };
  });
}

/** Running campaigns whose period ended before `today` (the CLI's `campaign close --due`). */
export async function dueCampaigns(db: Firestore, countyId: string, today: string): Promise<CampaignDoc[]> {
  return (await runningCampaigns(db, countyId).get()).docs.map((d) => d.data()).filter((c) => c.to < today);
}
