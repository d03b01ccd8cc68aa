/**
 * 网格巡查 and 排查事项 writes shared by the callables (recordPatrol, recordItem: inside their
 * transaction) and by `fengqiao seed` (a BulkWriter, with the grid and the running campaigns
 * already known): the log, its day coverage (patrolDays of the village, town and county) and its
 * campaign progress are written by this one function, so a seeded county and a county of real
 * patrols hold the same documents.
 */
import { type BulkWriter, FieldValue, type Firestore, type Transaction } from 'firebase-admin/firestore';
import {
  type CampaignChecks,
  type CampaignDoc,
  type GridDoc,
  type PatrolDoc,
  type PatrolItemDoc,
  type RecordItemInput,
  itemUnits,
  maskText,
  newHazard,
  newNeed,
  patrolDayId,
  patrolUnits,
} from '../domain';
import { countPatrolInCampaigns } from './campaign-service';
import { increments, refs, writeIncrements } from './db';

export type PatrolWriter = Transaction | BulkWriter;

/**
 * Writes a new patrol log (created, never overwritten), its coverage of the day in its village,
 * town and county (increments), and counts it in the running campaigns covering its grid and date.
 * Returns the campaigns it counted in.
 */
export function writePatrol(
  db: Firestore,
  w: PatrolWriter,
  grid: GridDoc,
  campaigns: readonly CampaignDoc[],
  log: PatrolDoc,
  checks: readonly CampaignChecks[],
): string[] {
  const r = refs(db);
  if ('flush' in w) void w.create(r.patrol(log.id), log);
  else w.create(r.patrol(log.id), log);
  const zero = log.zeroReport === true ? 1 : 0;
  for (const u of patrolUnits(grid.id)) {
    writeIncrements(
      w,
      increments(db).patrolDay(patrolDayId(u.unitId, log.date)),
      { unitId: u.unitId, level: u.level, countyId: grid.countyId, date: log.date },
      {
        patrols: FieldValue.increment(1),
        zeroReports: FieldValue.increment(zero),
        householdsVisited: FieldValue.increment(log.householdsVisited),
        grids: {
          [grid.id]: {
            patrols: FieldValue.increment(1),
            zeroReports: FieldValue.increment(zero),
            householdsVisited: FieldValue.increment(log.householdsVisited),
            lastAt: log.patrolledAt,
          },
        },
      },
    );
  }
  return countPatrolInCampaigns(db, w, campaigns, grid, log.date, { zeroReport: zero === 1, at: log.patrolledAt, checks });
}

/** A new item's document (title and description masked with the dispute's parties, a hazard 已上报). */
export function newItemDoc(
  itemId: string,
  grid: GridDoc,
  input: Pick<RecordItemInput, 'kind' | 'patrolId' | 'title' | 'description' | 'dispute' | 'location'>,
  actor: { uid: string; name: string | null },
  caseId: string | null,
  now: Date,
): PatrolItemDoc {
  const parties = input.dispute?.parties ?? [];
  return {
    id: itemId,
    kind: input.kind,
    countyId: grid.countyId,
    townId: grid.townId,
    villageId: grid.villageId,
    gridId: grid.id,
    units: itemUnits(grid.id),
    hazardDept: null,
    patrolId: input.patrolId,
    reporterUid: actor.uid,
    reporterName: actor.name,
    title: maskText(input.title, { parties }),
    description: maskText(input.description, { parties }),
    caseId,
    location: input.location,
    hazard: input.kind === 'hazard' ? newHazard(actor, now) : null,
    ...(input.kind === 'demand' ? { need: newNeed() } : {}),
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}
