/**
 * 一张图 boundaries in Firestore: the import (`fengqiao geo import`) and the seed's schematic
 * shapes both end here. The pure part — validation, simplification, the storage plan — is
 * domain/geo.ts; this writes the planned documents.
 */
import type { Firestore } from 'firebase-admin/firestore';
import {
  GEO_LEVEL_ZH,
  GEO_MAX_FEATURES,
  type GeoLevel,
  type GeoRegionRef,
  type GeoShapeDoc,
  type PlannedGeoDoc,
  geoLevelOf,
  planGeoDocs,
  validateGeoImport,
} from '../domain';
import { refs } from './db';
import { gridsOfCounty, regionsOfCounty, regionsUnder } from './queries';

/** Outlines shared by the children of an area: merged entry by entry, never replaced whole. */
const merged = (level: GeoLevel) => level === 'county' || level === 'city';

/**
 * Writes boundary documents. A level below the county replaces its document (what a parent's
 * children are is what the file says); a county outline (`{city}_county`, shared by the counties
 * of a city) and a city outline (`{province}_city`) are merged: the entries written are replaced,
 * the neighbours' are kept.
 */
export async function writeGeoDocs(db: Firestore, docs: readonly GeoShapeDoc[]): Promise<void> {
  const r = refs(db);
  for (const d of docs.filter((x) => !merged(x.level))) await r.geoShape(d.id).set(d);
  for (const d of docs.filter((x) => merged(x.level)))
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

/**
 * The regions a county or city file is checked against: the area itself (a city, a province: for
 * its name), the regions under it, and the file's own codes read by ID — a county deployed alone
 * has no city above it (parentId null) and is still found.
 */
export async function geoAreaRegionsOf(
  db: Firestore,
  areaId: string,
  level: 'county' | 'city',
  codes: readonly string[],
): Promise<GeoRegionRef[]> {
  const r = refs(db);
  const ids = [...new Set([areaId, ...codes.filter((c) => c.startsWith(areaId) && c.length === (level === 'city' ? 4 : 6))])];
  const [byId, under] = await Promise.all([db.getAll(...ids.map((id) => r.region(id))), regionsUnder(db, areaId).get()]);
  const out = new Map<string, string>();
  for (const d of [...byId.map((x) => x.data()), ...under.docs.map((x) => x.data())])
    if (d && (d.id === areaId || d.level === level)) out.set(d.id, d.name);
  return [...out].map(([id, name]) => ({ id, name }));
}

/** Every code in the file (strings or whole numbers), for reading its regions by ID. */
function codesOf(json: unknown): string[] {
  const features = (json as { features?: unknown })?.features;
  if (!Array.isArray(features)) return [];
  return features
    .slice(0, GEO_MAX_FEATURES)
    .map((f) => (f as { properties?: { code?: unknown } } | null)?.properties?.code)
    .map((c) => (typeof c === 'number' && Number.isSafeInteger(c) && c > 0 ? String(c) : c))
    .filter((c): c is string => typeof c === 'string' && /^\d+$/.test(c));
}

export interface GeoImportRequest {
  /** The parsed file. */
  json: unknown;
  /** The file's name (stored as `source`). */
  source: string;
  /** The level; by default that of the first feature's code. */
  level?: GeoLevel;
  /**
   * The area: the county of a town, village or grid file; the city (or one of its counties) of a
   * county file; the province of a city file. By default that of the first feature's code.
   */
  countyId?: string;
  toleranceM?: number;
  now: Date;
  /** Check and plan only; write nothing. */
  dryRun?: boolean;
}

export type GeoImportResult =
  | { ok: true; level: GeoLevel; countyId: string | null; areaId: string; docs: PlannedGeoDoc[]; warnings: string[]; written: boolean }
  | { ok: false; errors: string[]; warnings: string[] };

/** The code of the first feature that has one (a string or a whole number), to tell the level and county. */
function firstCode(json: unknown): string | null {
  const features = (json as { features?: unknown })?.features;
  if (!Array.isArray(features)) return null;
  for (const f of features) {
    const c = (f as { properties?: { code?: unknown } } | null)?.properties?.code;
    const s = typeof c === 'number' && Number.isSafeInteger(c) && c > 0 ? String(c) : c;
    if (typeof s === 'string' && /^(\d{4}|\d{6}|\d{9}|\d{12}|\d{15})$/.test(s)) return s;
  }
  return null;
}

const AREA_DIGITS: Record<GeoLevel, number> = { city: 2, county: 4, town: 6, village: 6, grid: 6 };
const AREA_ZH: Record<GeoLevel, string> = { city: '省', county: '市', town: '县', village: '县', grid: '县' };

/**
 * Checks a boundary file against the regions and grids of its area (a county's for towns,
 * villages and grids; a city's counties; a province's cities), plans the documents and (unless
 * dryRun) writes them — all or nothing.
 */
export async function importGeo(db: Firestore, req: GeoImportRequest): Promise<GeoImportResult> {
  const code = firstCode(req.json);
  const level = req.level ?? (code ? geoLevelOf(code) : undefined);
  const areaId = level ? (req.countyId ?? code)?.slice(0, AREA_DIGITS[level]) : undefined;
  if (level && areaId && areaId.length < AREA_DIGITS[level])
    return { ok: false, errors: [`${GEO_LEVEL_ZH[level]}边界须指明所属${AREA_ZH[level]}，收到编码${areaId}`], warnings: [] };
  if ((level === 'county' || level === 'city') && areaId)
    return planAndWrite(db, req, level, areaId, null, await geoAreaRegionsOf(db, areaId, level, codesOf(req.json)));
  const countyId = areaId;
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
  return planAndWrite(db, req, level, countyId, countyId, regions);
}

async function planAndWrite(
  db: Firestore,
  req: GeoImportRequest,
  level: GeoLevel,
  areaId: string,
  countyId: string | null,
  regions: GeoRegionRef[],
): Promise<GeoImportResult> {
  const v = validateGeoImport(req.json, { level, regions, countyId: areaId });
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
  return { ok: true, level, countyId, areaId, docs: plan.docs, warnings: v.warnings, written: !req.dryRun };
}

export const geoLevelName = (level: GeoLevel) => GEO_LEVEL_ZH[level];
