import { z } from 'zod';
import { anyRegionCode, countyCode, levelOf, parentOf } from './regions';

/**
 * 一张图 (the map), the pure part: what a boundary file must be (`fengqiao geo import --file`),
 * how boundaries are simplified and stored, and where a point falls.
 *
 * Storage: one document per level and parent, `geoShapes/{parentCode}_{level}` — the towns of a
 * county (`621126_town`), the villages of a town (`621126100_village`), the grids of a village
 * (`621126100001_grid`); a county's own outline sits with its city's counties (`6211_county`), a
 * city's with its province's cities (`62_city`: the map of a province, issue 16).
 * The map loads the one document of the level it shows. Firestore allows no arrays inside arrays,
 * so every ring is a string in the Encoded Polyline Algorithm Format (latitude then longitude,
 * `precision` decimals, the closing point left out) and `polys` says how many rings (outer first,
 * then holes) each polygon of a multipolygon has.
 *
 * Coordinates are [longitude, latitude] in degrees (WGS-84 / CGCS2000, as GeoJSON has them).
 */

export type GeoPosition = [number, number];
export type GeoRing = GeoPosition[];
/** A polygon: its outer ring, then its holes. */
export type GeoPolygon = GeoRing[];
/** Every region's shape is held as a multipolygon. */
export type GeoShape = GeoPolygon[];
/** [minLon, minLat, maxLon, maxLat] */
export type GeoBBox = [number, number, number, number];

/**
 * The levels a boundary is stored at: a province's cities, a city's counties, a county's towns, a
 * town's villages, a village's grids (the level is that of the shapes, the parent one above).
 */
export const GEO_LEVELS = ['city', 'county', 'town', 'village', 'grid'] as const;
export type GeoLevel = (typeof GEO_LEVELS)[number];

export const GEO_LEVEL_ZH: Record<GeoLevel, string> = {
  city: '市（州）',
  county: '县（市、区）',
  town: '乡镇（街道）',
  village: '村（社区）',
  grid: '网格',
};
const LEVEL_DIGITS: Record<GeoLevel, number> = { city: 4, county: 6, town: 9, village: 12, grid: 15 };
/** The digits of the area one file of a level must lie in: a province (cities), a city (counties), a county (below). */
const SCOPE_DIGITS: Record<GeoLevel, number> = { city: 2, county: 4, town: 6, village: 6, grid: 6 };

/** The level of a boundary's code (4 digits: a city; 6 to 15 as regions.ts levelOf). */
export const geoLevelOf = (code: string): GeoLevel => (/^\d{4}$/.test(code) ? 'city' : levelOf(code));

/** What the map's note says wherever a shown boundary is schematic. */
export const SCHEMATIC_NOTE = '示意边界，非测绘数据';

/** Firestore refuses documents over 1 MiB; a boundary document must stay under this. */
export const GEO_DOC_MAX_BYTES = 900_000;
/** Decimals kept (5 ≈ 1 m). */
export const GEO_PRECISION = 5;
/** Default simplification tolerance in metres, by level (a file's finer detail is not drawn anyway). */
export const GEO_TOLERANCE_M: Record<GeoLevel, number> = { city: 100, county: 50, town: 20, village: 10, grid: 5 };
/** At most this many features in one file, and points in all of them. */
export const GEO_MAX_FEATURES = 5000;
export const GEO_MAX_POINTS = 2_000_000;

/** The code of the document a region's shape is stored under: its parent (a county's: its city, 4 digits; a city's: its province, 2). */
export function geoParentOf(code: string): string {
  const level = geoLevelOf(code);
  return level === 'city' ? code.slice(0, 2) : level === 'county' ? code.slice(0, 4) : (parentOf(code) as string);
}

export const geoDocId = (parentCode: string, level: GeoLevel) => `${parentCode}_${level}`;

// ---------------------------------------------------------------------------------------------
// The stored document

export const GeoShapeEntry = z.strictObject({
  name: z.string().min(1).max(40),
  /** Each ring an encoded polyline (closing point left out). */
  rings: z.array(z.string().min(1)).min(1),
  /** Rings per polygon, outer first: [2, 1] = a polygon with one hole, then a polygon without. */
  polys: z.array(z.number().int().min(1)).min(1),
  bbox: z.array(z.number()).length(4),
  /** Where the map writes the name: inside the shape. */
  label: z.array(z.number()).length(2),
  /** Generated (geo-demo.ts), not surveyed: the map says 示意边界，非测绘数据. */
  schematic: z.boolean(),
});
export type GeoShapeEntry = z.infer<typeof GeoShapeEntry>;

export const GeoShapeDoc = z.strictObject({
  id: z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})_(city|county|town|village|grid)$/),
  level: z.enum(GEO_LEVELS),
  parentId: z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/),
  /** The county the shapes belong to; null for a city's counties (`6211_county`) and a province's cities (`62_city`). */
  countyId: countyCode.nullable(),
  precision: z.number().int().min(4).max(6),
  /** Simplification tolerance in metres used for the last write. */
  tolerance: z.number().min(0).max(10_000),
  /** Where the shapes came from: a file name, or 'schematic'. */
  source: z.string().min(1).max(200),
  shapes: z.record(anyRegionCode, GeoShapeEntry),
  updatedAt: z.date(),
});
export type GeoShapeDoc = z.infer<typeof GeoShapeDoc>;

// ---------------------------------------------------------------------------------------------
// Encoded polylines

function encodeNumber(v: number): string {
  let s = v < 0 ? ~(v << 1) : v << 1;
  let out = '';
  while (s >= 0x20) {
    out += String.fromCharCode((0x20 | (s & 0x1f)) + 63);
    s >>>= 5;
  }
  return out + String.fromCharCode(s + 63);
}

/** A closed ring as an encoded polyline (latitude, longitude; the closing point left out). */
export function encodeRing(ring: GeoRing, precision = GEO_PRECISION): string {
  const f = 10 ** precision;
  const n = isClosedRing(ring) ? ring.length - 1 : ring.length;
  let lat0 = 0;
  let lon0 = 0;
  let out = '';
  for (let i = 0; i < n; i++) {
    const lat = Math.round(ring[i]![1] * f);
    const lon = Math.round(ring[i]![0] * f);
    out += encodeNumber(lat - lat0) + encodeNumber(lon - lon0);
    lat0 = lat;
    lon0 = lon;
  }
  return out;
}

/** The closed ring an encoded polyline holds. Throws on a malformed string. */
export function decodeRing(s: string, precision = GEO_PRECISION): GeoRing {
  const f = 10 ** precision;
  const out: GeoRing = [];
  let i = 0;
  let lat = 0;
  let lon = 0;
  const next = () => {
    let shift = 0;
    let result = 0;
    let b: number;
    do {
      if (i >= s.length) throw new Error('malformed polyline');
      b = s.charCodeAt(i++) - 63;
      if (b < 0 || b > 63) throw new Error('malformed polyline');
      result |= (b & 0x1f) << shift;
      shift += 5;
    } while (b >= 0x20);
    return result & 1 ? ~(result >> 1) : result >> 1;
  };
  while (i < s.length) {
    lat += next();
    lon += next();
    out.push([lon / f, lat / f]);
  }
  if (out.length > 0) out.push([out[0]![0], out[0]![1]]);
  return out;
}

/** A shape as a stored entry (rings encoded; bbox and label computed). */
export function encodeShape(shape: GeoShape, name: string, schematic: boolean, precision = GEO_PRECISION): GeoShapeEntry {
  const f = 10 ** precision;
  const r = (v: number) => Math.round(v * f) / f;
  const bbox = bboxOf(shape).map(r);
  const label = labelPoint(shape).map(r);
  return {
    name,
    rings: shape.flatMap((poly) => poly.map((ring) => encodeRing(ring, precision))),
    polys: shape.map((poly) => poly.length),
    bbox,
    label,
    schematic,
  };
}

export function decodeShape(entry: Pick<GeoShapeEntry, 'rings' | 'polys'>, precision = GEO_PRECISION): GeoShape {
  const rings = entry.rings.map((s) => decodeRing(s, precision));
  const out: GeoShape = [];
  let k = 0;
  for (const n of entry.polys) {
    out.push(rings.slice(k, k + n));
    k += n;
  }
  if (k !== rings.length) throw new Error('polys does not match rings');
  return out;
}

/** A document as GeoJSON, for `echarts.registerMap(name, …)` (properties: code, name, schematic). */
export function toFeatureCollection(doc: Pick<GeoShapeDoc, 'shapes' | 'precision'>) {
  return {
    type: 'FeatureCollection' as const,
    features: Object.entries(doc.shapes).map(([code, e]) => ({
      type: 'Feature' as const,
      properties: { code, name: e.name, schematic: e.schematic, cp: e.label },
      geometry: { type: 'MultiPolygon' as const, coordinates: decodeShape(e, doc.precision) },
    })),
  };
}

/** True when any shape of the documents shown is schematic (the map then shows SCHEMATIC_NOTE). */
export const anySchematic = (docs: Pick<GeoShapeDoc, 'shapes'>[]) => docs.some((d) => Object.values(d.shapes).some((e) => e.schematic));

// ---------------------------------------------------------------------------------------------
// Firestore's document size (https://firebase.google.com/docs/firestore/storage-size)

const utf8 = (s: string) => new TextEncoder().encode(s).length;

export function firestoreValueSize(v: unknown): number {
  if (v === null || v === undefined) return 1;
  if (typeof v === 'boolean') return 1;
  if (typeof v === 'number') return 8;
  if (typeof v === 'string') return utf8(v) + 1;
  if (v instanceof Date) return 8;
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + firestoreValueSize(x), 0);
  if (typeof v === 'object') return Object.entries(v).reduce((n, [k, x]) => n + utf8(k) + 1 + firestoreValueSize(x), 0);
  return 8;
}

/** A document's size as Firestore counts it: its name, its fields, and 32 bytes. */
export function firestoreDocSize(path: string, data: Record<string, unknown>): number {
  const name = path.split('/').reduce((n, seg) => n + utf8(seg) + 1, 0) + 16;
  return name + firestoreValueSize(data) + 32;
}

export const geoDocPath = (id: string) => `geoShapes/${id}`;

// ---------------------------------------------------------------------------------------------
// Geometry: boxes, areas, labels, point in polygon

export function isClosedRing(ring: GeoRing): boolean {
  const a = ring[0];
  const b = ring[ring.length - 1];
  return !!a && !!b && a[0] === b[0] && a[1] === b[1];
}

export function bboxOf(shape: GeoShape): GeoBBox {
  const b: GeoBBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of shape)
    for (const ring of poly)
      for (const [x, y] of ring) {
        if (x < b[0]) b[0] = x;
        if (y < b[1]) b[1] = y;
        if (x > b[2]) b[2] = x;
        if (y > b[3]) b[3] = y;
      }
  return b;
}

export const inBBox = (p: GeoPosition, b: GeoBBox | number[]) => p[0] >= b[0]! && p[0] <= b[2]! && p[1] >= b[1]! && p[1] <= b[3]!;

/** Signed planar area in square degrees (counter-clockwise positive). */
export function ringArea(ring: GeoRing): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return a / 2;
}

/** Even-odd rule; a point exactly on an edge may go either way. */
export function pointInRing(p: GeoPosition, ring: GeoRing): boolean {
  let inside = false;
  const [x, y] = p;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPolygon(p: GeoPosition, poly: GeoPolygon): boolean {
  if (!poly[0] || !pointInRing(p, poly[0])) return false;
  return !poly.slice(1).some((hole) => pointInRing(p, hole));
}

export const pointInShape = (p: GeoPosition, shape: GeoShape) => shape.some((poly) => pointInPolygon(p, poly));

/** Area-weighted shapeCentroid of a shape's outer rings minus holes (may fall outside a concave shape). */
export function shapeCentroid(shape: GeoShape): GeoPosition {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (const poly of shape)
    poly.forEach((ring, k) => {
      const sign = k === 0 ? 1 : -1;
      const ra = Math.abs(ringArea(ring));
      const o = ringArea(ring) >= 0 ? 1 : -1;
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x0, y0] = ring[i]!;
        const [x1, y1] = ring[i + 1]!;
        const c = (x0 * y1 - x1 * y0) * o * sign;
        cx += (x0 + x1) * c;
        cy += (y0 + y1) * c;
      }
      a += sign * ra;
    });
  if (a === 0) {
    const b = bboxOf(shape);
    return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
  }
  return [cx / (6 * a), cy / (6 * a)];
}

/**
 * A point inside the shape to write its name at: the shapeCentroid when it is inside, else the middle
 * of the widest inside span of the largest polygon on the horizontal line through its shapeCentroid.
 */
export function labelPoint(shape: GeoShape): GeoPosition {
  const c = shapeCentroid(shape);
  if (pointInShape(c, shape)) return c;
  const largest = [...shape].sort((p, q) => Math.abs(ringArea(q[0]!)) - Math.abs(ringArea(p[0]!)))[0]!;
  const pc = shapeCentroid([largest]);
  const b = bboxOf([largest]);
  for (const y of [pc[1], (b[1] + b[3]) / 2, b[1] + (b[3] - b[1]) / 3, b[1] + (2 * (b[3] - b[1])) / 3]) {
    const xs: number[] = [];
    for (const ring of largest)
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x0, y0] = ring[i]!;
        const [x1, y1] = ring[i + 1]!;
        if (y0 > y !== y1 > y) xs.push(x0 + ((y - y0) * (x1 - x0)) / (y1 - y0));
      }
    xs.sort((m, n) => m - n);
    let best: GeoPosition | null = null;
    let width = -1;
    for (let i = 0; i + 1 < xs.length; i += 2)
      if (xs[i + 1]! - xs[i]! > width) {
        width = xs[i + 1]! - xs[i]!;
        best = [(xs[i]! + xs[i + 1]!) / 2, y];
      }
    if (best && pointInShape(best, shape)) return best;
  }
  return largest[0]![0]!;
}

/** A phone's location (`GeoLocation`: lat, lng) as a position. */
export const positionOf = (loc: { lat: number; lng: number }): GeoPosition => [loc.lng, loc.lat];

/**
 * The code of the stored shape a point falls in (e.g. a case or an item placed into its grid), or
 * null. Boxes first, so only the few candidates around the point are decoded.
 */
export function locatePoint(p: GeoPosition, doc: Pick<GeoShapeDoc, 'shapes' | 'precision'>): string | null {
  for (const [code, e] of Object.entries(doc.shapes)) {
    if (!inBBox(p, e.bbox)) continue;
    if (pointInShape(p, decodeShape(e, doc.precision))) return code;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Simplification (Douglas–Peucker in metres) and rounding

/** Metres per degree near a latitude (equirectangular: good to well under 1% within a county). */
function metresPerDegree(lat: number): [number, number] {
  return [111_320 * Math.cos((lat * Math.PI) / 180), 110_540];
}

function segDistance(p: GeoPosition, a: GeoPosition, b: GeoPosition): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = dx * dx + dy * dy;
  let t = len === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/**
 * Douglas–Peucker on a closed ring, tolerance in metres. The result is closed and keeps at least
 * 4 positions (3 distinct corners); a ring already that small is returned as it is.
 */
export function simplifyRing(ring: GeoRing, toleranceM: number): GeoRing {
  const closed = isClosedRing(ring) ? ring : [...ring, ring[0]!];
  const n = closed.length - 1; // distinct corners
  if (n <= 3 || toleranceM <= 0) return closed.map((p) => [p[0], p[1]]);
  const lat0 = closed.reduce((s, p) => s + p[1], 0) / closed.length;
  const [kx, ky] = metresPerDegree(lat0);
  const xy: GeoPosition[] = closed.map((p) => [p[0] * kx, p[1] * ky]);
  let far = 0;
  let farD = -1;
  for (let i = 1; i < n; i++) {
    const d = Math.hypot(xy[i]![0] - xy[0]![0], xy[i]![1] - xy[0]![1]);
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  const keep = new Array<boolean>(n + 1).fill(false);
  keep[0] = keep[far] = keep[n] = true;
  const stack: [number, number][] = [
    [0, far],
    [far, n],
  ];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    let best = -1;
    let bestD = toleranceM;
    for (let i = a + 1; i < b; i++) {
      const d = segDistance(xy[i]!, xy[a]!, xy[b]!);
      if (d > bestD) {
        bestD = d;
        best = i;
      }
    }
    if (best >= 0) {
      keep[best] = true;
      stack.push([a, best], [best, b]);
    }
  }
  if (keep.slice(0, n).filter(Boolean).length < 3) {
    // Too coarse a tolerance: keep the corner farthest from the line 0–far as the third.
    let third = -1;
    let d3 = -1;
    for (let i = 1; i < n; i++) {
      if (i === far) continue;
      const d = segDistance(xy[i]!, xy[0]!, xy[far]!);
      if (d > d3) {
        d3 = d;
        third = i;
      }
    }
    keep[third] = true;
  }
  const out: GeoRing = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push([closed[i]![0], closed[i]![1]]);
  out.push([out[0]![0], out[0]![1]]);
  return out;
}

export const simplifyShape = (shape: GeoShape, toleranceM: number): GeoShape =>
  shape.map((poly) => poly.map((ring) => simplifyRing(ring, toleranceM)));

/**
 * Rounds to `precision` decimals, drops repeated positions, and drops rings that rounding
 * collapses (fewer than 3 distinct corners or no area): a collapsed hole or part goes; a polygon
 * whose outer ring collapses goes with its holes. May return an empty shape.
 */
export function roundShape(shape: GeoShape, precision = GEO_PRECISION): GeoShape {
  const f = 10 ** precision;
  const roundRing = (ring: GeoRing): GeoRing | null => {
    const out: GeoRing = [];
    for (const p of ring) {
      const q: GeoPosition = [Math.round(p[0] * f) / f, Math.round(p[1] * f) / f];
      const last = out[out.length - 1];
      if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
    }
    if (out.length > 1 && !isClosedRing(out)) out.push([out[0]![0], out[0]![1]]);
    return out.length >= 4 && ringArea(out) !== 0 ? out : null;
  };
  const out: GeoShape = [];
  for (const poly of shape) {
    const outer = poly[0] && roundRing(poly[0]);
    if (!outer) continue;
    const holes = poly
      .slice(1)
      .map(roundRing)
      .filter((h): h is GeoRing => h !== null);
    out.push([outer, ...holes]);
  }
  return out;
}

export const shapePointCount = (shape: GeoShape) => shape.reduce((n, poly) => n + poly.reduce((m, r) => m + r.length, 0), 0);

// ---------------------------------------------------------------------------------------------
// The import file: validation

/** A region the file may name: a region (county, town, village) or a grid. */
export interface GeoRegionRef {
  id: string;
  name: string;
}

export interface GeoImportOptions {
  /** The level being imported: every code must be of this level. */
  level: GeoLevel;
  /** The regions (and grids) that exist; codes must be among them (the area itself too, for its name). */
  regions: readonly GeoRegionRef[];
  /**
   * The area every code must be under: the county for towns, villages and grids (6 digits); the
   * city for counties (4); the province for cities (2). By default that of the first code. A
   * county code given for a county file stands for its city.
   */
  countyId?: string;
}

export interface GeoFeature {
  /** 0-based place in the file. */
  index: number;
  code: string;
  /** The region's name in the system (a different `name` in the file is a warning). */
  name: string;
  shape: GeoShape;
}

export type GeoValidation =
  | {
      ok: true;
      level: GeoLevel;
      /** The county of a town, village or grid file; null for counties and cities (they belong to no county). */
      countyId: string | null;
      /** The area the file lies in: the county (towns, villages, grids), the city (counties), the province (cities). */
      areaId: string;
      features: GeoFeature[];
      warnings: string[];
    }
  | { ok: false; errors: string[]; warnings: string[] };

const MAX_ERRORS = 100;

/** Coordinate reference systems a file may declare (longitude/latitude in degrees). */
const GEOGRAPHIC_CRS = /^(urn:ogc:def:crs:OGC:1\.3:CRS84|urn:ogc:def:crs:OGC::CRS84|(urn:ogc:def:crs:)?EPSG:{1,2}(4326|4490))$/i;

function checkRing(raw: unknown, where: string, errors: string[]): GeoRing | null {
  if (!Array.isArray(raw)) {
    errors.push(`${where}不是坐标数组`);
    return null;
  }
  const ring: GeoRing = [];
  for (let i = 0; i < raw.length; i++) {
    const p = raw[i] as unknown;
    if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      errors.push(`${where}第${i + 1}个点不是[经度, 纬度]数字对`);
      return null;
    }
    const [lon, lat] = p as number[];
    if (lon! < -180 || lon! > 180 || lat! < -90 || lat! > 90) {
      const hint =
        Math.abs(lon!) <= 90 && Math.abs(lat!) <= 180
          ? '（经度和纬度可能写反了：应为[经度, 纬度]）'
          : Math.abs(lon!) > 1000 || Math.abs(lat!) > 1000
            ? '（应为经纬度（度），不是投影坐标（米））'
            : '';
      errors.push(`${where}第${i + 1}个点[${lon}, ${lat}]超出经纬度范围（经度-180到180，纬度-90到90）${hint}`);
      return null;
    }
    ring.push([lon!, lat!]);
  }
  if (ring.length < 4) {
    errors.push(`${where}只有${ring.length}个点，至少需要4个点（首尾相同）`);
    return null;
  }
  if (!isClosedRing(ring)) {
    errors.push(`${where}未闭合：第一个点和最后一个点应相同`);
    return null;
  }
  if (new Set(ring.map((p) => `${p[0]},${p[1]}`)).size < 3 || ringArea(ring) === 0) {
    errors.push(`${where}面积为零（所有点在一条线上）`);
    return null;
  }
  return ring;
}

function checkGeometry(g: unknown, errors: string[]): GeoShape | null {
  if (!g || typeof g !== 'object') {
    errors.push('缺少几何图形（geometry）');
    return null;
  }
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    errors.push(`几何类型应为Polygon或MultiPolygon，文件中为${typeof type === 'string' ? type : '空'}`);
    return null;
  }
  if (!Array.isArray(coordinates) || coordinates.length === 0) {
    errors.push('几何图形没有坐标');
    return null;
  }
  // Depth of the first position: Polygon [[[x, y]]], MultiPolygon [[[[x, y]]]].
  let depth = 0;
  for (let c: unknown = coordinates; Array.isArray(c); c = c[0]) depth++;
  const want = type === 'Polygon' ? 3 : 4;
  if (depth !== want) {
    errors.push(
      `坐标的嵌套层数不对：${type}的coordinates应为${type === 'Polygon' ? '[[[经度, 纬度], …]]' : '[[[[经度, 纬度], …]]]'}（文件中为${depth}层）`,
    );
    return null;
  }
  const polys = (type === 'Polygon' ? [coordinates] : coordinates) as unknown[];
  const shape: GeoShape = [];
  const before = errors.length;
  polys.forEach((poly, k) => {
    const pw = type === 'MultiPolygon' ? `第${k + 1}个多边形` : '';
    if (!Array.isArray(poly) || poly.length === 0) {
      errors.push(`${pw || '多边形'}没有环`);
      return;
    }
    const rings = poly.map((r, j) => checkRing(r, `${pw}${j === 0 ? '外边界' : `第${j}个内洞`}`, errors));
    if (rings.every((r) => r)) shape.push(rings as GeoRing[]);
  });
  return errors.length === before ? shape : null;
}

/**
 * Checks a boundary file (the parsed JSON) against the regions that exist. Every problem is
 * listed, each with the feature's place in the file (第N个区域) and its code when it has one.
 */
export function validateGeoImport(input: unknown, opts: GeoImportOptions): GeoValidation {
  const errors: string[] = [];
  const warnings: string[] = [];
  const fail = (): GeoValidation => {
    const more = errors.length - MAX_ERRORS;
    return { ok: false, errors: more > 0 ? [...errors.slice(0, MAX_ERRORS), `……另有${more}处问题未列出`] : errors, warnings };
  };
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    errors.push('文件内容应为GeoJSON对象（FeatureCollection）');
    return fail();
  }
  const fc = input as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } };
  if (fc.type !== 'FeatureCollection') {
    errors.push(`文件类型应为FeatureCollection，文件中为${typeof fc.type === 'string' ? fc.type : '空'}`);
    return fail();
  }
  const crs = fc.crs?.properties?.name;
  if (crs !== undefined && (typeof crs !== 'string' || !GEOGRAPHIC_CRS.test(crs))) {
    errors.push(`坐标系应为WGS-84或CGCS2000经纬度（EPSG:4326或EPSG:4490），文件声明为${String(crs)}`);
    return fail();
  }
  if (!Array.isArray(fc.features) || fc.features.length === 0) {
    errors.push('文件中没有任何区域（features为空）');
    return fail();
  }
  if (fc.features.length > GEO_MAX_FEATURES) {
    errors.push(`一个文件最多${GEO_MAX_FEATURES}个区域，文件中有${fc.features.length}个`);
    return fail();
  }
  const { level } = opts;
  const known = new Map(opts.regions.map((r) => [r.id, r.name]));
  const scopeDigits = SCOPE_DIGITS[level];
  let areaId = opts.countyId?.slice(0, scopeDigits);
  const areaName = () => known.get(areaId!) ?? areaId;
  const oneArea =
    level === 'city'
      ? '一个文件只能导入一个省的市级边界'
      : level === 'county'
        ? '一个文件只能导入一个市的县级边界'
        : '一个文件只能导入一个县的边界';
  const seen = new Map<string, number>();
  const features: GeoFeature[] = [];
  let points = 0;
  fc.features.forEach((f: unknown, index) => {
    const ferrors: string[] = [];
    const props = (f as { properties?: unknown })?.properties as { code?: unknown; name?: unknown } | null | undefined;
    const rawCode = props?.code;
    const code = typeof rawCode === 'number' && Number.isSafeInteger(rawCode) && rawCode > 0 ? String(rawCode) : rawCode;
    const prefix = `第${index + 1}个区域${typeof code === 'string' && code ? `（编码${code}）` : ''}：`;
    if (!f || typeof f !== 'object' || (f as { type?: unknown }).type !== 'Feature') {
      errors.push(`${prefix}应为GeoJSON Feature`);
      return;
    }
    let okCode = false;
    if (typeof code !== 'string' || code === '') ferrors.push('缺少区划编码（properties.code）');
    else if (!/^\d+$/.test(code) || code.length !== LEVEL_DIGITS[level])
      ferrors.push(`编码应为${GEO_LEVEL_ZH[level]}的${LEVEL_DIGITS[level]}位编码（本次导入的是${GEO_LEVEL_ZH[level]}边界）`);
    else {
      areaId ??= code.slice(0, scopeDigits);
      if (!code.startsWith(areaId)) ferrors.push(`不属于${areaName()}（${areaId}），${oneArea}`);
      else if (!known.has(code)) ferrors.push(`系统中没有这个${GEO_LEVEL_ZH[level]}，请先在区划/网格管理中添加`);
      else if (seen.has(code)) ferrors.push(`与第${seen.get(code)! + 1}个区域的编码重复`);
      else okCode = true;
      if (!seen.has(code)) seen.set(code, index);
    }
    const shape = checkGeometry((f as { geometry?: unknown }).geometry, ferrors);
    for (const e of ferrors) errors.push(prefix + e);
    if (!okCode || !shape) return;
    points += shapePointCount(shape);
    const name = known.get(code as string)!;
    if (typeof props?.name === 'string' && props.name.trim() && props.name.trim() !== name)
      warnings.push(`${prefix}文件中的名称“${props.name.trim()}”与系统中的“${name}”不一致，以系统名称为准`);
    features.push({ index, code: code as string, name, shape });
  });
  if (points > GEO_MAX_POINTS) errors.push(`文件共有${points}个坐标点，超过上限${GEO_MAX_POINTS}个，请先简化后再导入`);
  if (errors.length) return fail();
  // Regions of the level under the county (and the parents the file touches) with no shape.
  const parents = new Set(features.map((f) => geoParentOf(f.code)));
  const missing = opts.regions
    .filter((r) => /^\d+$/.test(r.id) && r.id.length === LEVEL_DIGITS[level] && parents.has(geoParentOf(r.id)) && !seen.has(r.id))
    .map((r) => r.name);
  if (missing.length) warnings.push(`以下${GEO_LEVEL_ZH[level]}没有边界，地图上不显示：${missing.join('、')}`);
  return { ok: true, level, countyId: scopeDigits === 6 ? areaId! : null, areaId: areaId!, features, warnings };
}

// ---------------------------------------------------------------------------------------------
// The storage plan

export interface GeoPlanOptions {
  level: GeoLevel;
  /** The county; null only for county and city outlines (they sit with their city, their province). */
  countyId: string | null;
  toleranceM?: number;
  precision?: number;
  source: string;
  schematic?: boolean;
  now: Date;
  maxBytes?: number;
  /** Regions by code, to name a parent in a refusal (岷阳镇（621126100）); codes alone otherwise. */
  regions?: readonly GeoRegionRef[];
}

export interface PlannedGeoDoc {
  doc: GeoShapeDoc;
  bytes: number;
  /** Positions before and after simplification and rounding. */
  pointsIn: number;
  pointsOut: number;
}

export type GeoPlan = { ok: true; docs: PlannedGeoDoc[] } | { ok: false; errors: string[] };

function buildDoc(
  parentId: string,
  feats: Pick<GeoFeature, 'code' | 'name' | 'shape'>[],
  o: Required<Omit<GeoPlanOptions, 'countyId' | 'regions'>> & { countyId: string | null },
  tol: number,
): PlannedGeoDoc | string {
  const shapes: Record<string, GeoShapeEntry> = {};
  let pointsIn = 0;
  let pointsOut = 0;
  for (const f of feats) {
    const s = roundShape(simplifyShape(f.shape, tol), o.precision);
    if (s.length === 0) return `${f.name}（${f.code}）的边界太小，简化和取整后不剩任何多边形`;
    pointsIn += shapePointCount(f.shape);
    pointsOut += shapePointCount(s);
    shapes[f.code] = encodeShape(s, f.name, o.schematic, o.precision);
  }
  const id = geoDocId(parentId, o.level);
  const doc: GeoShapeDoc = {
    id,
    level: o.level,
    parentId,
    countyId: o.level === 'county' || o.level === 'city' ? null : o.countyId,
    precision: o.precision,
    tolerance: tol,
    source: o.source,
    shapes,
    updatedAt: o.now,
  };
  return { doc, bytes: firestoreDocSize(geoDocPath(id), doc), pointsIn, pointsOut };
}

const TOLERANCE_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

/**
 * One document per parent for the features of one level: simplified (`toleranceM`, default by
 * level), rounded (`precision`), encoded, measured. A document over `maxBytes` refuses the whole
 * plan and names the tolerance that would make it fit.
 */
export function planGeoDocs(features: Pick<GeoFeature, 'code' | 'name' | 'shape'>[], opts: GeoPlanOptions): GeoPlan {
  const { regions: _regions, ...rest } = opts;
  const o = {
    toleranceM: GEO_TOLERANCE_M[opts.level],
    precision: GEO_PRECISION,
    schematic: false,
    maxBytes: GEO_DOC_MAX_BYTES,
    ...rest,
  };
  const byParent = new Map<string, Pick<GeoFeature, 'code' | 'name' | 'shape'>[]>();
  for (const f of features) {
    const p = geoParentOf(f.code);
    byParent.set(p, [...(byParent.get(p) ?? []), f]);
  }
  const names = new Map((opts.regions ?? []).map((r) => [r.id, r.name]));
  const parentLabel = (code: string) => (names.has(code) ? `${names.get(code)}（${code}）` : `编码${code}`);
  const docs: PlannedGeoDoc[] = [];
  const errors: string[] = [];
  for (const [parentId, feats] of [...byParent].sort(([a], [b]) => a.localeCompare(b))) {
    const planned = buildDoc(parentId, feats, o, o.toleranceM);
    if (typeof planned === 'string') {
      errors.push(planned);
      continue;
    }
    if (planned.bytes <= o.maxBytes) {
      docs.push(planned);
      continue;
    }
    const kb = Math.ceil(planned.bytes / 1024);
    const fits = TOLERANCE_STEPS.filter((t) => t > o.toleranceM).find((t) => {
      const p = buildDoc(parentId, feats, o, t);
      return typeof p !== 'string' && p.bytes <= o.maxBytes;
    });
    errors.push(
      `${parentLabel(parentId)}下的${GEO_LEVEL_ZH[o.level]}边界约${kb} KB，超过单个文档${Math.floor(o.maxBytes / 1000)} KB的上限` +
        (fits !== undefined
          ? `；请将简化容差调到至少${fits}米（当前${o.toleranceM}米）后重试`
          : `；简化到${TOLERANCE_STEPS[TOLERANCE_STEPS.length - 1]}米仍然过大，请减少边界的点数后重试`),
    );
  }
  return errors.length ? { ok: false, errors } : { ok: true, docs };
}
