import fc from 'fast-check';
import { square } from '../helpers/geo-fixtures';
import { describe, expect, it } from 'vitest';
import {
  type GeoRegionRef,
  GEO_DOC_MAX_BYTES,
  GeoShapeDoc as GeoShapeDocSchema,
  type GeoPosition,
  type GeoRing,
  type GeoShape,
  bboxOf,
  shapeCentroid,
  decodeRing,
  decodeShape,
  encodeRing,
  encodeShape,
  firestoreDocSize,
  firestoreValueSize,
  geoParentOf,
  labelPoint,
  locatePoint,
  planGeoDocs,
  pointInShape,
  positionOf,
  roundShape,
  schematicGeoDocs,
  schematicShapes,
  simplifyRing,
  toFeatureCollection,
  validateGeoImport,
} from '../../functions/src/domain';
import { demoGrids, demoRegions } from '../../functions/src/seed/demo-county';

const regions: GeoRegionRef[] = [...demoRegions(), ...demoGrids()];
const NOW = new Date('2026-11-29T02:00:00Z');

const feature = (code: unknown, coordinates: unknown, type = 'Polygon', name?: string) => ({
  type: 'Feature',
  properties: name === undefined ? { code } : { code, name },
  geometry: { type, coordinates },
});
const fcOf = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
/** The four demo towns as squares side by side. */
const towns = () =>
  ['621126100', '621126101', '621126102', '621126103'].map((code, i) => feature(code, [square(104 + i * 0.1, 34.4, 0.1)]));

/** A circle of n points (closed), radius in degrees, with ±jitter degrees of noise. */
function circle(cx: number, cy: number, r: number, n: number, jitter = 0): GeoRing {
  const ring: GeoRing = [];
  for (let i = 0; i < n; i++) {
    const a = (i / n) * 2 * Math.PI;
    const rr = r + (i % 2 ? jitter : -jitter);
    ring.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)]);
  }
  ring.push([ring[0]![0], ring[0]![1]]);
  return ring;
}

/** A ring of n points around a circle with 150 waves of ±0.002° (~200 m): long, smooth, dense. */
function wavy(cx: number, cy: number, r: number, n: number): GeoRing {
  const ring: GeoRing = [];
  for (let i = 0; i < n; i++) {
    const a = (i / n) * 2 * Math.PI;
    const rr = r + 0.002 * Math.sin(150 * a);
    ring.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)]);
  }
  ring.push([ring[0]![0], ring[0]![1]]);
  return ring;
}

/** Distance in degrees from a point to a shape's boundary. */
function boundaryDistance(p: GeoPosition, shape: GeoShape): number {
  let best = Infinity;
  for (const poly of shape)
    for (const ring of poly)
      for (let i = 0; i + 1 < ring.length; i++) {
        const [a, b] = [ring[i]!, ring[i + 1]!];
        const dx = b[0] - a[0];
        const dy = b[1] - a[1];
        const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
        best = Math.min(best, Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy));
      }
  return best;
}

function errorsOf(input: unknown, level: 'town' | 'village' | 'grid' | 'county' = 'town', countyId?: string): string[] {
  const v = validateGeoImport(input, { level, regions, countyId });
  expect(v.ok).toBe(false);
  return v.ok ? [] : v.errors;
}

describe('GeoJSON import: what passes', () => {
  it('accepts the towns of one county, Polygon and MultiPolygon, holes, altitude, numeric codes', () => {
    const [a, b, c] = towns();
    const withHole = feature('621126102', [square(104.2, 34.4, 0.1), square(104.22, 34.42, 0.02)]);
    const multi = feature(
      621126103,
      [[square(104.3, 34.4, 0.05)], [square(104.36, 34.4, 0.04).map(([x, y]) => [x, y, 2300])]],
      'MultiPolygon',
      '梅川镇',
    );
    const v = validateGeoImport(fcOf(a, b, withHole, multi), { level: 'town', regions });
    expect(v).toMatchObject({ ok: true, level: 'town', countyId: '621126', warnings: [] });
    if (!v.ok) return;
    expect(v.features.map((f) => [f.code, f.name, f.shape.length])).toEqual([
      ['621126100', '岷阳镇', 1],
      ['621126101', '蒲麻镇', 1],
      ['621126102', '西寨镇', 1],
      ['621126103', '梅川镇', 2],
    ]);
    expect(v.features[2]!.shape[0]).toHaveLength(2); // outer + hole
    expect(v.features[3]!.shape[1]![0]![0]).toEqual([104.36, 34.4]); // altitude dropped
    expect(c).toBeDefined();
  });

  it('accepts a geographic CRS (CGCS2000) and warns about a differing name and missing regions', () => {
    const v = validateGeoImport(
      {
        ...fcOf(feature('621126100001', [square(104, 34.4, 0.01)], 'Polygon', '城郊')),
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } },
      },
      { level: 'village', regions },
    );
    expect(v.ok).toBe(true);
    expect(v.warnings[0]).toBe('第1个区域（编码621126100001）：文件中的名称“城郊”与系统中的“城郊村”不一致，以系统名称为准');
    expect(v.warnings[1]).toMatch(/^以下村（社区）没有边界，地图上不显示：东街社区、西街社区、/);
    expect(v.warnings[1]).not.toContain('蒲麻村'); // another town: not touched by this file
  });
});

describe('GeoJSON import: what is refused', () => {
  it('refuses what is not a FeatureCollection with features', () => {
    expect(errorsOf([])).toEqual(['文件内容应为GeoJSON对象（FeatureCollection）']);
    expect(errorsOf({ type: 'Feature' })).toEqual(['文件类型应为FeatureCollection，文件中为Feature']);
    expect(errorsOf(fcOf())).toEqual(['文件中没有任何区域（features为空）']);
    expect(errorsOf({ type: 'FeatureCollection', features: {} })).toEqual(['文件中没有任何区域（features为空）']);
  });

  it('refuses a projected coordinate system', () => {
    expect(errorsOf({ ...fcOf(...towns()), crs: { type: 'name', properties: { name: 'EPSG:3857' } } })).toEqual([
      '坐标系应为WGS-84或CGCS2000经纬度（EPSG:4326或EPSG:4490），文件声明为EPSG:3857',
    ]);
  });

  it('refuses a ring that is not closed', () => {
    const open = square(104, 34.4, 0.1)
      .slice(0, 4)
      .concat([[104, 34.45]]);
    expect(errorsOf(fcOf(feature('621126100', [open])))).toEqual(['第1个区域（编码621126100）：外边界未闭合：第一个点和最后一个点应相同']);
  });

  it('refuses a ring with fewer than 4 points, and a ring with no area', () => {
    const three = [
      [104, 34],
      [104.1, 34],
      [104, 34],
    ];
    const flat = [
      [104, 34],
      [104.1, 34],
      [104.2, 34],
      [104, 34],
    ];
    expect(errorsOf(fcOf(feature('621126100', [three]), feature('621126101', [flat])))).toEqual([
      '第1个区域（编码621126100）：外边界只有3个点，至少需要4个点（首尾相同）',
      '第2个区域（编码621126101）：外边界面积为零（所有点在一条线上）',
    ]);
  });

  it('refuses coordinates out of range, naming swapped and projected ones', () => {
    const swapped = square(104, 34.4, 0.1).map(([x, y]) => [y, x]);
    const projected = square(11_580_000, 4_080_000, 1000);
    const far = square(179.99, 34, 0.1);
    expect(errorsOf(fcOf(feature('621126100', [swapped]), feature('621126101', [projected]), feature('621126102', [far])))).toEqual([
      '第1个区域（编码621126100）：外边界第1个点[34.4, 104]超出经纬度范围（经度-180到180，纬度-90到90）（经度和纬度可能写反了：应为[经度, 纬度]）',
      '第2个区域（编码621126101）：外边界第1个点[11580000, 4080000]超出经纬度范围（经度-180到180，纬度-90到90）（应为经纬度（度），不是投影坐标（米））',
      '第3个区域（编码621126102）：外边界第2个点[180.09, 34]超出经纬度范围（经度-180到180，纬度-90到90）',
    ]);
  });

  it('refuses positions that are not number pairs, and holes and parts by their place', () => {
    const bad = square(104, 34.4, 0.1).map((p, i) => (i === 2 ? ['104.1', '34.5'] : p));
    const multi = [[square(104, 34.4, 0.1)], [square(104.2, 34.4, 0.1), square(104.21, 34.41, 0.01).slice(0, 4)]];
    expect(errorsOf(fcOf(feature('621126100', [bad]), feature('621126101', multi, 'MultiPolygon')))).toEqual([
      '第1个区域（编码621126100）：外边界第3个点不是[经度, 纬度]数字对',
      '第2个区域（编码621126101）：第2个多边形第1个内洞未闭合：第一个点和最后一个点应相同',
    ]);
  });

  it('refuses coordinates nested one level too few or too many', () => {
    const ring = square(104, 34.4, 0.1);
    expect(errorsOf(fcOf(feature('621126100', ring), feature('621126101', [ring], 'MultiPolygon')))).toEqual([
      '第1个区域（编码621126100）：坐标的嵌套层数不对：Polygon的coordinates应为[[[经度, 纬度], …]]（文件中为2层）',
      '第2个区域（编码621126101）：坐标的嵌套层数不对：MultiPolygon的coordinates应为[[[[经度, 纬度], …]]]（文件中为3层）',
    ]);
  });

  it('refuses other geometry types and features without geometry', () => {
    const point = { type: 'Feature', properties: { code: '621126100' }, geometry: { type: 'Point', coordinates: [104, 34] } };
    const none = { type: 'Feature', properties: { code: '621126101' }, geometry: null };
    expect(errorsOf(fcOf(point, none, 'x'))).toEqual([
      '第1个区域（编码621126100）：几何类型应为Polygon或MultiPolygon，文件中为Point',
      '第2个区域（编码621126101）：缺少几何图形（geometry）',
      '第3个区域：应为GeoJSON Feature',
    ]);
  });

  it('refuses a missing code, a code of another level, and a code the system does not have', () => {
    const sq = [square(104, 34.4, 0.1)];
    expect(errorsOf(fcOf(feature(undefined, sq), feature('621126100001', sq), feature('621126199', sq)))).toEqual([
      '第1个区域：缺少区划编码（properties.code）',
      '第2个区域（编码621126100001）：编码应为乡镇（街道）的9位编码（本次导入的是乡镇（街道）边界）',
      '第3个区域（编码621126199）：系统中没有这个乡镇（街道），请先在区划/网格管理中添加',
    ]);
    expect(errorsOf(fcOf(feature('621126100001009', sq)), 'grid')).toEqual([
      '第1个区域（编码621126100001009）：系统中没有这个网格，请先在区划/网格管理中添加',
    ]);
  });

  it('refuses duplicate codes', () => {
    const [a, b] = towns();
    expect(errorsOf(fcOf(a, b, feature('621126100', [square(105, 34, 0.1)])))).toEqual([
      '第3个区域（编码621126100）：与第1个区域的编码重复',
    ]);
  });

  it('refuses codes of another county (the first code decides, or the county given)', () => {
    const others = [...regions, { id: '621102100', name: '别的镇' }];
    const v = validateGeoImport(fcOf(...towns(), feature('621102100', [square(104, 34, 0.1)])), { level: 'town', regions: others });
    expect(v).toEqual({
      ok: false,
      warnings: [],
      errors: ['第5个区域（编码621102100）：不属于岷县（621126），一个文件只能导入一个县的边界'],
    });
    expect(errorsOf(fcOf(...towns()), 'town', '621102')).toHaveLength(4);
    expect(errorsOf(fcOf(...towns()), 'town', '621102')[0]).toBe(
      '第1个区域（编码621126100）：不属于621102（621102），一个文件只能导入一个县的边界',
    );
  });

  it('lists every problem of every feature, up to 100', () => {
    const many = fcOf(...Array.from({ length: 150 }, (_, i) => feature(`621126${String(200 + i)}`, [square(104, 34, 0.1)])));
    const errors = errorsOf(many);
    expect(errors).toHaveLength(101);
    expect(errors[100]).toBe('……另有50处问题未列出');
  });
});

describe('simplification and rounding', () => {
  it('reduces a dense ring, keeps it closed and within the tolerance', () => {
    const ring = circle(104, 34.4, 0.01, 2000, 0.000005); // ~1.1 km radius, ±0.5 m noise
    const out = simplifyRing(ring, 5);
    expect(out.length).toBeLessThan(200);
    expect(out.length).toBeGreaterThanOrEqual(4);
    expect(out[0]).toEqual(out[out.length - 1]);
    // Every original point lies within 5 m (plus rounding) of the simplified ring.
    const kx = 111_320 * Math.cos((34.4 * Math.PI) / 180);
    for (const p of ring) expect(boundaryDistance(p, [[out]]) * Math.min(kx, 110_540)).toBeLessThan(5.5);
    // Kept points are points of the original, in order.
    const idx = out.slice(0, -1).map((p) => ring.findIndex((q) => q[0] === p[0] && q[1] === p[1]));
    expect(idx.every((i, k) => i >= 0 && (k === 0 || i > idx[k - 1]!))).toBe(true);
  });

  it('never goes below 4 points (3 corners), whatever the tolerance', () => {
    const out = simplifyRing(circle(104, 34.4, 0.01, 500), 1_000_000);
    expect(out).toHaveLength(4);
    expect(out[0]).toEqual(out[3]);
    expect(new Set(out.slice(0, 3).map(String)).size).toBe(3);
    const tiny = square(104, 34.4, 0.001)
      .slice(0, 4)
      .concat([[104, 34.4]]);
    expect(simplifyRing(tiny, 1000)).toEqual(tiny.slice(0, 3).concat([[104, 34.4]]));
    expect(simplifyRing(square(104, 34.4, 0.1), 5)).toEqual(square(104, 34.4, 0.1));
  });

  it('rounds to 5 decimals, drops repeats and holes that collapse', () => {
    const outer: GeoRing = [
      [104.123456789, 34.1],
      [104.2, 34.1],
      [104.2000001, 34.1000001],
      [104.2, 34.2],
      [104.123456789, 34.1],
    ];
    const hole = square(104.15, 34.15, 0.000001);
    expect(roundShape([[outer, hole]])).toEqual([
      [
        [
          [104.12346, 34.1],
          [104.2, 34.1],
          [104.2, 34.2],
          [104.12346, 34.1],
        ],
      ],
    ]);
    expect(roundShape([[square(104, 34, 0.000001)]])).toEqual([]);
  });
});

describe('encoding (Firestore holds no nested arrays)', () => {
  it('is the Encoded Polyline Algorithm Format, latitude first, closing point left out', () => {
    // Google's documented example: (38.5, -120.2), (40.7, -120.95), (43.252, -126.453).
    const ring: GeoRing = [
      [-120.2, 38.5],
      [-120.95, 40.7],
      [-126.453, 43.252],
      [-120.2, 38.5],
    ];
    expect(encodeRing(ring)).toBe('_p~iF~ps|U_ulLnnqC_mqNvxq`@');
    expect(decodeRing('_p~iF~ps|U_ulLnnqC_mqNvxq`@')).toEqual(ring);
    expect(() => decodeRing('_p~iF~ps|U_')).toThrow(/malformed/);
  });

  it('round-trips any shape at its precision', () => {
    const coord = (lo: number, hi: number) => fc.integer({ min: lo * 1e5, max: hi * 1e5 }).map((v) => v / 1e5);
    const ringArb = fc
      .array(fc.tuple(coord(-180, 180), coord(-90, 90)), { minLength: 3, maxLength: 30 })
      .map((pts): GeoRing => [...pts, [pts[0]![0], pts[0]![1]]] as GeoRing);
    const shapeArb = fc.array(fc.array(ringArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(shapeArb, (shape) => {
        const e = encodeShape(shape, '测试', false);
        expect(e.polys).toEqual(shape.map((p) => p.length));
        expect(decodeShape(e)).toEqual(shape);
      }),
    );
  });

  it('round-trips at 6 decimals, and rejects polys that do not match the rings', () => {
    const ring = circle(104.1234567, 34.4, 0.01, 12).map(([x, y]): GeoPosition => [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6]);
    ring[ring.length - 1] = [ring[0]![0], ring[0]![1]];
    const e = encodeShape([[ring]], '测试', false, 6);
    expect(decodeShape(e, 6)).toEqual([[ring]]);
    expect(() => decodeShape({ rings: e.rings, polys: [2] })).toThrow(/polys/);
  });

  it('gives the console GeoJSON to register with ECharts', () => {
    const plan = planGeoDocs([{ code: '621126100', name: '岷阳镇', shape: [[square(104, 34.4, 0.1)]] }], {
      level: 'town',
      countyId: '621126',
      source: 'towns.geojson',
      now: NOW,
    });
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    const doc = plan.docs[0]!.doc;
    expect(GeoShapeDocSchema.parse(doc)).toEqual(doc);
    expect(doc).toMatchObject({ id: '621126_town', level: 'town', parentId: '621126', countyId: '621126', precision: 5, tolerance: 20 });
    expect(toFeatureCollection(doc)).toEqual({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: '621126100', name: '岷阳镇', schematic: false, cp: [104.05, 34.45] },
          geometry: { type: 'MultiPolygon', coordinates: [[square(104, 34.4, 0.1)]] },
        },
      ],
    });
  });
});

describe('storage plan and size', () => {
  it('measures documents as Firestore does', () => {
    expect(firestoreValueSize('岷县')).toBe(7);
    expect(firestoreValueSize({ a: 1, b: [true, null], c: { d: 'x' } })).toBe(2 + 8 + 2 + 2 + 2 + 2 + 2);
    expect(firestoreDocSize('geoShapes/621126_town', {})).toBe(10 + 12 + 16 + 32);
  });

  it("puts each parent's children in one document, a county with its city", () => {
    expect(['621126', '621126100', '621126100001', '621126100001001'].map(geoParentOf)).toEqual([
      '6211',
      '621126',
      '621126100',
      '621126100001',
    ]);
    const plan = planGeoDocs(
      [
        { code: '621126100001', name: '城郊村', shape: [[square(104, 34.4, 0.01)]] },
        { code: '621126101001', name: '蒲麻村', shape: [[square(104.1, 34.4, 0.01)]] },
        { code: '621126100002', name: '东街社区', shape: [[square(104.01, 34.4, 0.01)]] },
      ],
      { level: 'village', countyId: '621126', source: 'v.geojson', now: NOW },
    );
    expect(plan.ok && plan.docs.map((d) => [d.doc.id, Object.keys(d.doc.shapes)])).toEqual([
      ['621126100_village', ['621126100001', '621126100002']],
      ['621126101_village', ['621126101001']],
    ]);
    const county = planGeoDocs([{ code: '621126', name: '岷县', shape: [[square(104, 34.4, 0.5)]] }], {
      level: 'county',
      countyId: null,
      source: 'c.geojson',
      now: NOW,
    });
    expect(county.ok && county.docs[0]!.doc).toMatchObject({ id: '6211_county', parentId: '6211', countyId: null });
  });

  it('stores what the validation accepted: a file of towns becomes one document of the county', () => {
    const v = validateGeoImport(fcOf(...towns()), { level: 'town', regions });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const plan = planGeoDocs(v.features, { level: v.level, countyId: v.countyId, source: '岷县乡镇界.geojson', now: NOW });
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.docs).toHaveLength(1);
    const { doc } = plan.docs[0]!;
    expect(doc.id).toBe('621126_town');
    expect(Object.entries(doc.shapes).map(([code, e]) => [code, e.name, e.schematic])).toEqual([
      ['621126100', '岷阳镇', false],
      ['621126101', '蒲麻镇', false],
      ['621126102', '西寨镇', false],
      ['621126103', '梅川镇', false],
    ]);
    expect(decodeShape(doc.shapes['621126102']!)).toEqual([[square(104.2, 34.4, 0.1)]]);
    expect(locatePoint([104.25, 34.45], doc)).toBe('621126102');
  });

  it('refuses a document over the limit and names the tolerance that fits', () => {
    // 23 villages of 岷阳镇, each a wavy ring of 1,200 points, against a limit of 30 KB (the
    // default is 900 KB: the same check with ten times the points).
    const villages = demoRegions().filter((r) => r.parentId === '621126100');
    const feats = villages.map((v, i) => ({
      code: v.id,
      name: v.name,
      shape: [[wavy(104 + (i % 6) * 0.03, 34.4 + Math.floor(i / 6) * 0.03, 0.012, 1_200)]],
    }));
    const opts = { level: 'village' as const, countyId: '621126', source: 'v.geojson', now: NOW, maxBytes: 30_000 };
    const refused = planGeoDocs(feats, { ...opts, toleranceM: 0, regions });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.errors).toHaveLength(1);
    const m =
      /^岷阳镇（621126100）下的村（社区）边界约(\d+) KB，超过单个文档30 KB的上限；请将简化容差调到至少(\d+)米（当前0米）后重试$/.exec(
        refused.errors[0]!,
      );
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(30);
    const tolerance = Number(m![2]);
    const fits = planGeoDocs(feats, { ...opts, toleranceM: tolerance });
    expect(fits.ok).toBe(true);
    if (!fits.ok) return;
    expect(fits.docs[0]!.bytes).toBeLessThanOrEqual(30_000);
    expect(fits.docs[0]!.pointsOut).toBeLessThan(fits.docs[0]!.pointsIn);
    // The suggestion is the smallest step that fits: the step below it does not.
    const below = [0, 1, 2, 5, 10, 20, 50, 100].filter((t) => t < tolerance).pop()!;
    expect(planGeoDocs(feats, { ...opts, toleranceM: below }).ok).toBe(false);
    expect(GEO_DOC_MAX_BYTES).toBe(900_000);
  });

  it('says so when even the coarsest tolerance does not fit', () => {
    // 300 small squares cannot lose a corner: no tolerance brings them under 3 KB.
    const shape: GeoShape = Array.from({ length: 300 }, (_, i) => [square(104 + (i % 20) * 0.01, 34 + Math.floor(i / 20) * 0.01, 0.005)]);
    const plan = planGeoDocs([{ code: '621126100', name: '岷阳镇', shape }], {
      level: 'town',
      countyId: '621126',
      source: 's',
      now: NOW,
      maxBytes: 3_000,
    });
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.errors[0]).toMatch(
      /^编码621126下的乡镇（街道）边界约\d+ KB，超过单个文档3 KB的上限；简化到5000米仍然过大，请减少边界的点数后重试$/,
    );
  });
});

describe('schematic boundaries of the demo county', () => {
  const docs = schematicGeoDocs('621126', demoRegions(), demoGrids(), NOW);
  const shapes = new Map<string, GeoShape>();
  for (const d of docs) for (const [code, e] of Object.entries(d.shapes)) shapes.set(code, decodeShape(e, d.precision));

  it('gives every region and grid of the county a schematic shape, one document per level and parent', () => {
    const codes = [...demoRegions(), ...demoGrids()].map((r) => r.id).sort();
    expect([...shapes.keys()].sort()).toEqual(codes);
    expect(docs.every((d) => Object.values(d.shapes).every((e) => e.schematic))).toBe(true);
    expect(docs.map((d) => d.id).slice(0, 6)).toEqual([
      '6211_county',
      '621126_town',
      '621126100_village',
      '621126101_village',
      '621126102_village',
      '621126103_village',
    ]);
    expect(docs).toHaveLength(2 + 4 + 40);
    for (const d of docs) {
      expect(GeoShapeDocSchema.parse(d)).toEqual(d);
      expect(firestoreDocSize(`geoShapes/${d.id}`, d)).toBeLessThan(10_000);
    }
  });

  it('is deterministic', () => {
    expect(schematicGeoDocs('621126', demoRegions(), demoGrids(), NOW)).toEqual(docs);
  });

  it('draws the county around 岷县, about 60 km wide', () => {
    const [x0, y0, x1, y1] = bboxOf(shapes.get('621126')!);
    expect((x0 + x1) / 2).toBeCloseTo(104.04, 1);
    expect((y0 + y1) / 2).toBeCloseTo(34.44, 1);
    expect((x1 - x0) * 111.32 * Math.cos((34.44 * Math.PI) / 180)).toBeGreaterThan(30);
  });

  it('keeps every child inside its parent, covering it without overlaps (sampled)', () => {
    const parents = new Map<string, string[]>();
    for (const code of shapes.keys())
      if (code.length > 6) parents.set(geoParentOf(code), [...(parents.get(geoParentOf(code)) ?? []), code]);
    expect(parents.size).toBe(1 + 4 + 40);
    for (const [parent, kids] of parents) {
      const ps = shapes.get(parent)!;
      for (const k of kids)
        for (const p of shapes.get(k)![0]![0]!)
          expect(pointInShape(p, ps) || boundaryDistance(p, ps) < 2e-5, `${k} in ${parent}`).toBe(true);
      const [x0, y0, x1, y1] = bboxOf(ps);
      for (let i = 0; i < 20; i++)
        for (let j = 0; j < 20; j++) {
          const p: GeoPosition = [x0 + ((i + 0.5) / 20) * (x1 - x0), y0 + ((j + 0.37) / 20) * (y1 - y0)];
          const within = kids.filter((k) => pointInShape(p, shapes.get(k)!));
          if (!pointInShape(p, ps)) expect(within, `${p} outside ${parent}`).toEqual([]);
          else if (within.length !== 1)
            // Only a point on a shared edge (within rounding) may fall in none or two.
            expect(Math.min(...kids.map((k) => boundaryDistance(p, shapes.get(k)!))), `${p} in ${parent}: ${within}`).toBeLessThan(2e-5);
        }
    }
  });

  it('places a point in its grid (a case or an item by its location)', () => {
    const gridDocs = docs.filter((d) => d.level === 'grid');
    for (const d of gridDocs) for (const [code, e] of Object.entries(d.shapes)) expect(locatePoint(e.label as GeoPosition, d)).toBe(code);
    const village = docs.find((d) => d.id === '621126100_village')!;
    const label = village.shapes['621126100001']!.label as GeoPosition;
    expect(locatePoint(label, village)).toBe('621126100001');
    expect(locatePoint([100, 30], village)).toBeNull();
    expect(locatePoint(positionOf({ lat: label[1], lng: label[0] }), village)).toBe('621126100001');
  });

  it('draws other counties where asked', () => {
    const s = schematicShapes('621102', [{ id: '621102', level: 'county', parentId: null }], [], { center: [103.9, 35.6], radiusKm: 10 });
    const [x0, , x1] = bboxOf(s.get('621102')!);
    expect((x0 + x1) / 2).toBeCloseTo(103.9, 1);
  });

  it('draws the three counties of `seed --counties 3` (岷县, 渭源县, 漳县) around their own centres', () => {
    for (const [code, [lon, lat]] of [
      ['621126', [104.04, 34.44]],
      ['621123', [104.21, 35.13]],
      ['621125', [104.47, 34.85]],
    ] as const) {
      const b = bboxOf(schematicShapes(code, [{ id: code, level: 'county', parentId: null }], []).get(code)!);
      expect((b[0] + b[2]) / 2).toBeCloseTo(lon, 1);
      expect((b[1] + b[3]) / 2).toBeCloseTo(lat, 1);
    }
  });
});

describe('point helpers', () => {
  const withHole: GeoShape = [[square(0, 0, 10), square(4, 4, 2)], [square(20, 0, 1)]];

  it('finds points inside a multipolygon, not in its holes', () => {
    expect(pointInShape([1, 1], withHole)).toBe(true);
    expect(pointInShape([5, 5], withHole)).toBe(false);
    expect(pointInShape([20.5, 0.5], withHole)).toBe(true);
    expect(pointInShape([15, 5], withHole)).toBe(false);
    expect(pointInShape([-0.1, 5], withHole)).toBe(false);
  });

  it('gives bounding boxes and centroids (holes subtracted)', () => {
    expect(bboxOf(withHole)).toEqual([0, 0, 21, 10]);
    expect(shapeCentroid([[square(0, 0, 2)]])).toEqual([1, 1]);
    const [cx, cy] = shapeCentroid([[square(0, 0, 10), square(0, 0, 5)]]); // an L: the shapeCentroid moves away from the hole
    expect(cx).toBeCloseTo(35 / 6, 6);
    expect(cy).toBeCloseTo(35 / 6, 6);
  });

  it('puts a label inside a concave shape even when its shapeCentroid is outside', () => {
    const u: GeoRing = [
      [0, 0],
      [10, 0],
      [10, 10],
      [8, 10],
      [8, 2],
      [2, 2],
      [2, 10],
      [0, 10],
      [0, 0],
    ];
    const shape: GeoShape = [[u]];
    expect(pointInShape(shapeCentroid(shape), shape)).toBe(false);
    expect(pointInShape(labelPoint(shape), shape)).toBe(true);
    expect(labelPoint([[square(0, 0, 2)]])).toEqual([1, 1]);
  });

  it('turns a phone location into a position', () => {
    expect(positionOf({ lat: 34.4, lng: 104.1 })).toEqual([104.1, 34.4]);
  });
});
