import type { DocumentReference, Firestore } from 'firebase-admin/firestore';
import {
  type JudgementTotals,
  monthsOfPeriod,
  noticeFiguresId,
  signalFiguresId,
  sumJudgementFigures,
  keepsJudgementFigures,
} from '../domain';
import { refs } from './db';
import { regionsOfCounty } from './queries';

/**
 * 研判预警 figures (domain/judgement-figures.ts) of units for a month or a year, read from the
 * month documents the signals job and the notices write: two documents per unit and month, in
 * one round trip, however many signals or notices there were.
 */
export async function judgementTotals(db: Firestore, unitIds: string[], period: string): Promise<Map<string, JudgementTotals>> {
  const r = refs(db);
  const months = monthsOfPeriod(period);
  const sigRefs = unitIds.flatMap((u) => months.map((m) => r.signalFigures(signalFiguresId(u, m))));
  const noteRefs = unitIds.flatMap((u) => months.map((m) => r.noticeFigures(noticeFiguresId(u, m))));
  const all = [...sigRefs, ...noteRefs] as unknown as DocumentReference[];
  const snaps = all.length ? await db.getAll(...all) : [];
  const sig = snaps.slice(0, sigRefs.length);
  const note = snaps.slice(sigRefs.length);
  const out = new Map<string, JudgementTotals>();
  unitIds.forEach((u, i) => {
    const part = <T>(list: typeof snaps) => list.slice(i * months.length, (i + 1) * months.length).map((s) => (s.data() ?? {}) as T);
    out.set(u, sumJudgementFigures(part(sig), part(note)));
  });
  return out;
}

/**
 * The units of the monthly report's 研判预警 sheet: a county and its towns (by code), or a town
 * alone; none for a village or a grid (the figures are kept per town and county).
 */
export async function judgementReportUnits(db: Firestore, unitId: string): Promise<{ id: string; name: string }[]> {
  if (!keepsJudgementFigures(unitId)) return [];
  const regions = (await regionsOfCounty(db, unitId.slice(0, 6)).get()).docs.map((d) => ({ ...d.data(), id: d.id }));
  const name = (id: string) => regions.find((x) => x.id === id)?.name ?? id;
  if (unitId.length === 9) return [{ id: unitId, name: name(unitId) }];
  const towns = regions.filter((x) => x.level === 'town' && x.id.startsWith(unitId)).sort((a, b) => a.id.localeCompare(b.id));
  return [{ id: unitId, name: name(unitId) }, ...towns.map((x) => ({ id: x.id, name: x.name }))];
}
