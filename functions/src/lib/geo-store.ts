/**
 * 一张图 boundaries in Firestore: the import (`fengqiao geo import`) and the seed's schematic
 * shapes both end here. The pure part — validation, simplification, the storage plan — is
 * domain/geo.ts; this writes the planned documents.
 */
import type { Firestore } from 'firebase-admin/firestore';
import {
  GEO_LEVEL_ZH,
  type GeoRegionRef,
  type GeoShapeDoc,
  type Level,
  type PlannedGeoDoc,
  levelOf,
  planGeoDocs,
  validateGeoImport,
} from '../domain';
import { refs } from './db';
import { gridsOfCounty, regionsOfCounty } from './queries';

/**
 * Writes boundary documents. A level below the county replaces its document (what a parent's
 * children are is what the file says); a county outline (`{city}_county`, shared by the counties
 * of a city) is merged: the county's own entry is replaced, its neighbours' are kept.
 */
export async function writeGeoDocs(db: Firestore, docs: readonly GeoShapeDoc[]): Promise<void> {
  const r = refs(db);
  for (const d of docs.filter((x) => x.level !== 'county')) await r.geoShape(d.id).set(d);
  for (const d of docs.filter((x) => x.level === 'county'))
    await db.runTransaction(async (tx) => {
      const ref = r.geoShape(d.id);
      const cur = (await tx.get(ref)).data();
      tx.set(ref, cur ? { ...d, shapes: { ...cur.shapes, ...d.shapes } } : d);
    });
}

/** The regions and grids of a county, as the import checks codes against them. */
export async function geoRegionsOf(db: Firestore, countyId: string): Promise<GeoRegionRef[]> {
  const [regions, grids] = await Promise.all([regionsOfCounty(db, countyId).get(), gridsOfCounty(db, countyId).get()]);
  return [...regions.docs, ...grids.docs].map((d) => ({ id: d.data().id, name: d.data().name }));
}

export interface GeoImportRequest {
  /** The parsed file. */
  json: unknown;
  /** The file's name (stored as `source`). */
  source: string;
  /** The level; by default that of the first feature's code. */
  level?: Level;
  /** The county; by default that of the first feature's code. */
  countyId?: string;
  toleranceM?: number;
  now: Date;
  /** Check and plan only; write nothing. */
  dryRun?: boolean;
}

export type GeoImportResult =
  | { ok: true; level: Level; countyId: string; docs: PlannedGeoDoc[]; warnings: string[]; written: boolean }
  | { ok: false; errors: string[]; warnings: string[] };

/** The code of the first feature that has one (a string or a whole number), to tell the level and county. */
function firstCode(json: unknown): string | null {
  const features = (json as { features?: unknown })?.features;
  if (!Array.isArray(features)) return null;
  for (const f of features) {
    const c = (f as { properties?: { code?: unknown } } | null)?.properties?.code;
    const s = typeof c === 'number' && Number.isSafeInteger(c) && c > 0 ? String(c) : c;
    if (typeof s === 'string' && /^(\d{6}|\d{9}|\d{12}|\d{15})$/.test(s)) return s;
  }
  return null;
}

/** Checks a boundary file against the county's regions and grids, plans the documents and (unless dryRun) writes them — all or nothing. */
export async function importGeo(db: Firestore, req: GeoImportRequest): Promise<GeoImportResult> {
  const code = firstCode(req.json);
  const level = req.level ?? (code ? levelOf(code) : undefined);
  const countyId = req.countyId ?? code?.slice(0, 6);
  if (!level || !countyId) {
    const v = validateGeoImport(req.json, { level: level ?? 'town', regions: [] });
    const errors = v.ok ? [] : v.errors;
    return {
      ok: false,
      errors: errors.length
        ? errors
        : ['文件中没有可识别的区划编码（properties.code），无法判断导入的层级和所属县，请用--level和--county指明'],
      warnings: [],
    };
  }
  const regions = await geoRegionsOf(db, countyId);
  if (!regions.some((r) => r.id === countyId))
    return { ok: false, errors: [`系统中没有编码为${countyId}的县，请先导入区划或检查编码`], warnings: [] };
  const v = validateGeoImport(req.json, { level, regions, countyId });
  if (!v.ok) return v;
  const plan = planGeoDocs(v.features, {
    level,
    countyId,
    source: req.source,
    now: req.now,
    regions,
    ...(req.toleranceM === undefined ? {} : { toleranceM: req.toleranceM }),
  });
  if (!plan.ok) return { ok: false, errors: plan.errors, warnings: v.warnings };
  if (!req.dryRun)
    await writeGeoDocs(
      db,
      plan.docs.map((d) => d.doc),
    );
  return { ok: true, level, countyId, docs: plan.docs, warnings: v.warnings, written: !req.dryRun };
}

export const geoLevelName = (level: Level) => GEO_LEVEL_ZH[level];
