import { type GeoShapeDoc, type GeoPosition, type GeoRing, type GeoShape, planGeoDocs } from './geo';
import type { GridDoc, RegionDoc } from './regions';

/**
 * Schematic boundaries (示意边界) for a county that has no surveyed ones — the demo county first.
 * Deterministic: the county is a rough convex outline (points on an ellipse around `center`),
 * cut into its towns by straight lines, each town into its villages, each village into its grids,
 * every cut sized by the number of grids below. Convex pieces of a convex parent: every child is
 * inside its parent, the children cover it, and none overlap. Every shape is marked `schematic`
 * (the map says 示意边界，非测绘数据). Nothing here looks like, or claims to be, a real boundary.
 */

export interface SchematicOptions {
  /** Where the county is drawn, [lon, lat]; by default the known centre of the county, else 104°E 35°N. */
  center?: GeoPosition;
  /** Half the county's width in kilometres (default 30). */
  radiusKm?: number;
}

/** Rough centres of counties the product ships schematic maps for (岷县: the demo county; 渭源县 and 漳县: `seed --counties 3`). */
export const SCHEMATIC_CENTERS: Record<string, GeoPosition> = {
  '621126': [104.04, 34.44], // 岷县
  '621123': [104.21, 35.13], // 渭源县
  '621125': [104.47, 34.85], // 漳县
};

type XY = [number, number];

/** FNV-1a: a stable small hash of a code, for the jitter of outlines and cuts. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
const unit = (s: string) => hash(s) / 0xffffffff;

function area(poly: XY[]): number {
  let a = 0;
  for (let i = 0; i < poly.length; i++) {
    const [x0, y0] = poly[i]!;
    const [x1, y1] = poly[(i + 1) % poly.length]!;
    a += x0 * y1 - x1 * y0;
  }
  return Math.abs(a) / 2;
}

/** A convex polygon cut by the line n·p = t: the part with n·p <= t, and the rest. */
function cut(poly: XY[], n: XY, t: number): [XY[], XY[]] {
  const left: XY[] = [];
  const right: XY[] = [];
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    const da = a[0] * n[0] + a[1] * n[1] - t;
    const db = b[0] * n[0] + b[1] * n[1] - t;
    if (da <= 0) left.push(a);
    if (da >= 0) right.push(a);
    if ((da < 0 && db > 0) || (da > 0 && db < 0)) {
      const k = da / (da - db);
      const x: XY = [a[0] + k * (b[0] - a[0]), a[1] + k * (b[1] - a[1])];
      left.push(x);
      right.push(x);
    }
  }
  return [left, right];
}

interface Item {
  code: string;
  weight: number;
}

/** Splits a convex polygon into one convex piece per item, areas in proportion to the weights. */
function partition(poly: XY[], items: Item[], out: Map<string, XY[]>): void {
  if (items.length === 1) {
    out.set(items[0]!.code, poly);
    return;
  }
  const total = items.reduce((s, i) => s + i.weight, 0);
  // The split point that halves the weight best (order kept: neighbours in code order stay near).
  let k = 1;
  let acc = items[0]!.weight;
  let best = Math.abs(total / 2 - acc);
  for (let i = 2, a = acc + items[1]!.weight; i < items.length; a += items[i]!.weight, i++)
    if (Math.abs(total / 2 - a) < best) {
      best = Math.abs(total / 2 - a);
      k = i;
      acc = a;
    }
  const share = acc / total;
  // Cut across the longer side, tilted a little (±0.3 rad) by the first code, so it looks drawn.
  const xs = poly.map((p) => p[0]);
  const ys = poly.map((p) => p[1]);
  const along = Math.max(...xs) - Math.min(...xs) >= Math.max(...ys) - Math.min(...ys) ? 0 : Math.PI / 2;
  const angle = along + (unit(items[0]!.code) - 0.5) * 0.6;
  const n: XY = [Math.cos(angle), Math.sin(angle)];
  const proj = poly.map((p) => p[0] * n[0] + p[1] * n[1]);
  let lo = Math.min(...proj);
  let hi = Math.max(...proj);
  const whole = area(poly);
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (area(cut(poly, n, mid)[0]) / whole < share) lo = mid;
    else hi = mid;
  }
  const [left, right] = cut(poly, n, (lo + hi) / 2);
  partition(left, items.slice(0, k), out);
  partition(right, items.slice(k), out);
}

/**
 * Schematic shapes for a county's regions (county, towns, villages) and grids, by code. Regions
 * of other counties are ignored; the county must be among `regions`.
 */
export function schematicShapes(
  countyId: string,
  regions: readonly Pick<RegionDoc, 'id' | 'level' | 'parentId'>[],
  grids: readonly Pick<GridDoc, 'id' | 'villageId'>[],
  opts: SchematicOptions = {},
): Map<string, GeoShape> {
  const center = opts.center ?? SCHEMATIC_CENTERS[countyId] ?? [104, 35];
  const r = opts.radiusKm ?? 30;
  const kx = 111.32 * Math.cos((center[1] * Math.PI) / 180);
  const ky = 110.54;
  const children = new Map<string, string[]>();
  const add = (parent: string, code: string) => children.set(parent, [...(children.get(parent) ?? []), code]);
  for (const g of regions) if (g.parentId && g.id.startsWith(countyId)) add(g.parentId, g.id);
  for (const g of grids) if (g.id.startsWith(countyId)) add(g.villageId, g.id);
  for (const list of children.values()) list.sort();
  const weights = new Map<string, number>();
  const weight = (code: string): number => {
    if (!weights.has(code)) {
      const kids = children.get(code) ?? [];
      weights.set(code, kids.length ? kids.reduce((s, c) => s + weight(c), 0) : 1);
    }
    return weights.get(code)!;
  };
  // The outline: 14 points on an ellipse (wider than tall), angles jittered by the county's code.
  let outline: XY[] = [];
  for (let i = 0; i < 14; i++) {
    const a = ((i + 0.8 * (unit(`${countyId}:${i}`) - 0.5)) / 14) * 2 * Math.PI;
    outline.push([1.25 * r * Math.cos(a), 0.8 * r * Math.sin(a)]);
  }
  // Neighbours drawn by the product (counties of the same city in SCHEMATIC_CENTERS): cut off what
  // lies nearer to them than to this county (their perpendicular bisector), so that a city's
  // schematic counties never overlap. Only a county drawn at its own known centre is cut.
  if (!opts.center && SCHEMATIC_CENTERS[countyId])
    for (const [other, c] of Object.entries(SCHEMATIC_CENTERS)) {
      if (other === countyId || other.slice(0, 4) !== countyId.slice(0, 4)) continue;
      const s: XY = [(c[0] - center[0]) * kx, (c[1] - center[1]) * ky];
      const d = Math.hypot(s[0], s[1]);
      if (d === 0) continue;
      const kept = cut(outline, [s[0] / d, s[1] / d], d / 2)[0];
      if (kept.length >= 3) outline = kept;
    }
  const local = new Map<string, XY[]>([[countyId, outline]]);
  const queue = [countyId];
  while (queue.length) {
    const code = queue.shift()!;
    const kids = children.get(code);
    if (!kids?.length) continue;
    partition(
      local.get(code)!,
      kids.map((c) => ({ code: c, weight: weight(c) })),
      local,
    );
    queue.push(...kids);
  }
  const out = new Map<string, GeoShape>();
  for (const [code, poly] of local) {
    const ring: GeoRing = poly.map(([x, y]) => [center[0] + x / kx, center[1] + y / ky]);
    ring.push([ring[0]![0], ring[0]![1]]);
    out.set(code, [[ring]]);
  }
  return out;
}

/**
 * The schematic shapes as the documents the map reads (one per level and parent, every shape
 * `schematic: true`, not simplified; source 'schematic').
 */
export function schematicGeoDocs(
  countyId: string,
  regions: readonly Pick<RegionDoc, 'id' | 'name' | 'level' | 'parentId'>[],
  grids: readonly Pick<GridDoc, 'id' | 'name' | 'villageId'>[],
  now: Date,
  opts: SchematicOptions = {},
): GeoShapeDoc[] {
  const shapes = schematicShapes(countyId, regions, grids, opts);
  const named = new Map<string, { name: string; level: RegionDoc['level'] | 'grid' }>([
    ...regions.map((r) => [r.id, { name: r.name, level: r.level }] as const),
    ...grids.map((g) => [g.id, { name: g.name, level: 'grid' as const }] as const),
  ]);
  const docs: GeoShapeDoc[] = [];
  for (const level of ['county', 'town', 'village', 'grid'] as const) {
    const feats = [...shapes]
      .filter(([code]) => named.get(code)?.level === level)
      .map(([code, shape]) => ({ code, name: named.get(code)!.name, shape }));
    if (!feats.length) continue;
    const plan = planGeoDocs(feats, { level, countyId, toleranceM: 0, source: 'schematic', schematic: true, now });
    if (!plan.ok) throw new Error(`schematic shapes do not fit: ${plan.errors.join('; ')}`);
    docs.push(...plan.docs.map((d) => d.doc));
  }
  return docs;
}

/** The convex hull of points (Andrew's monotone chain), counter-clockwise, closed. */
function hull(points: GeoPosition[]): GeoRing {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const crossZ = (o: GeoPosition, a: GeoPosition, b: GeoPosition) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: GeoPosition[]) => {
    const out: GeoPosition[] = [];
    for (const p of list) {
      while (out.length >= 2 && crossZ(out[out.length - 2]!, out[out.length - 1]!, p) <= 0) out.pop();
      out.push(p);
    }
    out.pop();
    return out;
  };
  const ring = [...half(pts), ...half([...pts].reverse())];
  ring.push([ring[0]![0], ring[0]![1]]);
  return ring;
}

/** The counties a city's schematic outline is drawn around: those the product knows (SCHEMATIC_CENTERS) and those given. */
const countiesOfCity = (cityId: string, countyIds: readonly string[]) =>
  [
    ...new Set([...Object.keys(SCHEMATIC_CENTERS).filter((c) => c.startsWith(cityId)), ...countyIds.filter((c) => c.startsWith(cityId))]),
  ].sort();

/**
 * A city's schematic outline (示意边界, issue 16: the map of a province): the convex hull of the
 * schematic outlines of its counties — those drawn by the product (SCHEMATIC_CENTERS: 定西市's
 * 岷县, 渭源县, 漳县) and those given — so every county's outline lies inside it. Null when the
 * city has no county to draw around.
 */
export function schematicCityShape(cityId: string, countyIds: readonly string[] = []): GeoShape | null {
  const counties = countiesOfCity(cityId, countyIds);
  if (!counties.length) return null;
  const points = counties.flatMap((c) => schematicShapes(c, [{ id: c, level: 'county', parentId: cityId }], []).get(c)![0]![0]!);
  return [[hull(points)]];
}

/**
 * The schematic outlines of cities as the document the province's map reads (`{province}_city`,
 * every shape `schematic: true`, source 'schematic'); cities with no county to draw around are left out.
 */
export function schematicCityDoc(
  provinceId: string,
  cities: readonly { id: string; name: string; countyIds?: readonly string[] }[],
  now: Date,
): GeoShapeDoc | null {
  const feats = cities
    .filter((c) => c.id.length === 4 && c.id.startsWith(provinceId))
    .map((c) => ({ code: c.id, name: c.name, shape: schematicCityShape(c.id, c.countyIds ?? []) }))
    .filter((f): f is { code: string; name: string; shape: GeoShape } => f.shape !== null);
  if (!feats.length) return null;
  const plan = planGeoDocs(feats, { level: 'city', countyId: null, toleranceM: 0, source: 'schematic', schematic: true, now });
  if (!plan.ok) throw new Error(`schematic shapes do not fit: ${plan.errors.join('; ')}`);
  return plan.docs[0]!.doc;
}
