// 一张图 above the county (issue 16): boundary files of a city's counties and of a province's
// cities — what the import accepts and refuses, how they are stored (`{city}_county`,
// `{province}_city`) — and the schematic outlines the seed draws for 定西市 and its counties.
import { square } from '../helpers/geo-fixtures';
import { describe, expect, it } from 'vitest';
import {
  GEO_TOLERANCE_M,
  type GeoPosition,
  type GeoRegionRef,
  type GeoRing,
  type GeoShape,
  GeoShapeDoc as GeoShapeDocSchema,
  SCHEMATIC_CENTERS,
  bboxOf,
  decodeShape,
  geoDocId,
  geoLevelOf,
  geoParentOf,
  planGeoDocs,
  pointInShape,
  schematicCityDoc,
  schematicCityShape,
  schematicShapes,
  validateGeoImport,
} from '../../functions/src/domain';

const NOW = new Date('2026-11-29T02:00:00Z');
const AREAS: GeoRegionRef[] = [
  { id: '62', name: '甘肃省' },
  { id: '6211', name: '定西市' },
  { id: '6201', name: '兰州市' },
  { id: '621126', name: '岷县' },
  { id: '621123', name: '渭源县' },
  { id: '621125', name: '漳县' },
  { id: '620102', name: '城关区' },
];

const feature = (code: unknown, ring: GeoRing, name?: string) => ({
  type: 'Feature',
  properties: name === undefined ? { code } : { code, name },
  geometry: { type: 'Polygon', coordinates: [ring] },
});
const fcOf = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const counties = () => [
  feature('621126', square(104.0, 34.3, 0.3), '岷县'),
  feature('621123', square(104.1, 35.0, 0.3)),
  feature(621125, square(104.4, 34.7, 0.3)),
];

function errorsOf(input: unknown, level: 'county' | 'city', countyId?: string): string[] {
  const v = validateGeoImport(input, { level, regions: AREAS, countyId });
  expect(v.ok).toBe(false);
  return v.ok ? [] : v.errors;
}

describe('levels above the county', () => {
  it('stores a county with its city and a city with its province', () => {
    expect(['6211', '621126', '621126100'].map(geoLevelOf)).toEqual(['city', 'county', 'town']);
    expect(['6211', '621126'].map(geoParentOf)).toEqual(['62', '6211']);
    expect(geoDocId('62', 'city')).toBe('62_city');
    expect(GEO_TOLERANCE_M.city).toBeGreaterThan(GEO_TOLERANCE_M.county);
  });
});

describe('GeoJSON import: the counties of a city', () => {
  it('accepts the counties of one city in one file (numeric codes too), the area being the city', () => {
    const v = validateGeoImport(fcOf(...counties()), { level: 'county', regions: AREAS });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v).toMatchObject({ level: 'county', countyId: null, areaId: '6211', warnings: [] });
    expect(v.features.map((f) => [f.code, f.name])).toEqual([
      ['621126', '岷县'],
      ['621123', '渭源县'],
      ['621125', '漳县'],
    ]);
    // A county code given (`--county 621126`) stands for its city.
    const byCounty = validateGeoImport(fcOf(...counties()), { level: 'county', regions: AREAS, countyId: '621126' });
    expect(byCounty.ok && byCounty.areaId).toBe('6211');
  });

  it('warns about the counties of the city left without a boundary', () => {
    const v = validateGeoImport(fcOf(counties()[0]), { level: 'county', regions: AREAS });
    expect(v.ok && v.warnings).toEqual(['以下县（市、区）没有边界，地图上不显示：渭源县、漳县']);
  });

  it('refuses a county of another city, an unknown county and a town code — all listed', () => {
    expect(
      errorsOf(
        fcOf(
          ...counties(),
          feature('620102', square(103.8, 36, 0.1)),
          feature('621199', square(104, 35, 0.1)),
          feature('621126100', square(104, 34.4, 0.1)),
        ),
        'county',
      ),
    ).toEqual([
      '第4个区域（编码620102）：不属于定西市（6211），一个文件只能导入一个市的县级边界',
      '第5个区域（编码621199）：系统中没有这个县（市、区），请先在区划/网格管理中添加',
      '第6个区域（编码621126100）：编码应为县（市、区）的6位编码（本次导入的是县（市、区）边界）',
    ]);
    // The city given decides, not the first code.
    expect(errorsOf(fcOf(...counties()), 'county', '6201')[0]).toBe(
      '第1个区域（编码621126）：不属于兰州市（6201），一个文件只能导入一个市的县级边界',
    );
  });

  it('still refuses what every file is refused for (an unclosed ring)', () => {
    const open = square(104, 34.3, 0.3).slice(0, 4);
    expect(errorsOf(fcOf(feature('621126', open)), 'county')).toEqual([
      '第1个区域（编码621126）：外边界未闭合：第一个点和最后一个点应相同',
    ]);
  });

  it('plans one document for the city, shared by its counties, belonging to no county', () => {
    const v = validateGeoImport(fcOf(...counties()), { level: 'county', regions: AREAS });
    if (!v.ok) throw new Error(v.errors.join());
    const plan = planGeoDocs(v.features, { level: v.level, countyId: v.countyId, source: '定西市县界.geojson', now: NOW });
    if (!plan.ok) throw new Error(plan.errors.join());
    expect(plan.docs.map((d) => d.doc.id)).toEqual(['6211_county']);
    const doc = plan.docs[0]!.doc;
    expect(doc).toMatchObject({ level: 'county', parentId: '6211', countyId: null, tolerance: GEO_TOLERANCE_M.county });
    expect(Object.keys(doc.shapes).sort()).toEqual(['621123', '621125', '621126']);
    expect(GeoShapeDocSchema.parse(doc)).toEqual(doc);
  });
});

describe('GeoJSON import: the cities of a province', () => {
  const cities = () => [feature('6211', square(103.5, 34.2, 1.2), '定西市'), feature('6201', square(103.3, 35.8, 0.8))];

  it('accepts the cities of one province, the area being the province, stored as {province}_city', () => {
    const v = validateGeoImport(fcOf(...cities()), { level: 'city', regions: AREAS });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v).toMatchObject({ level: 'city', countyId: null, areaId: '62', warnings: [] });
    expect(v.features.map((f) => f.name)).toEqual(['定西市', '兰州市']);
    const plan = planGeoDocs(v.features, { level: 'city', countyId: null, source: '甘肃省市界.geojson', now: NOW });
    if (!plan.ok) throw new Error(plan.errors.join());
    const doc = plan.docs[0]!.doc;
    expect(doc).toMatchObject({ id: '62_city', level: 'city', parentId: '62', countyId: null, tolerance: GEO_TOLERANCE_M.city });
    expect(Object.keys(doc.shapes).sort()).toEqual(['6201', '6211']);
    expect(GeoShapeDocSchema.parse(doc)).toEqual(doc);
  });

  it('refuses a city of another province, an unknown city and a county code', () => {
    expect(
      errorsOf(
        fcOf(
          ...cities(),
          feature('6501', square(87, 43, 1)),
          feature('6299', square(100, 38, 1)),
          feature('621126', square(104, 34.4, 0.3)),
        ),
        'city',
      ),
    ).toEqual([
      '第3个区域（编码6501）：不属于甘肃省（62），一个文件只能导入一个省的市级边界',
      '第4个区域（编码6299）：系统中没有这个市（州），请先在区划/网格管理中添加',
      '第5个区域（编码621126）：编码应为市（州）的4位编码（本次导入的是市（州）边界）',
    ]);
  });

  it('the stored document accepts no other shape of ID or level', () => {
    const v = validateGeoImport(fcOf(...cities()), { level: 'city', regions: AREAS });
    if (!v.ok) throw new Error(v.errors.join());
    const plan = planGeoDocs(v.features, { level: 'city', countyId: null, source: 'x', now: NOW });
    if (!plan.ok) throw new Error(plan.errors.join());
    const doc = plan.docs[0]!.doc;
    expect(GeoShapeDocSchema.safeParse({ ...doc, id: '6_city' }).success).toBe(false);
    expect(GeoShapeDocSchema.safeParse({ ...doc, level: 'province' }).success).toBe(false);
  });
});

describe('schematic outlines of 定西市 and its counties (seed --counties 3)', () => {
  const county = (code: string): GeoShape => schematicShapes(code, [{ id: code, level: 'county', parentId: '6211' }], []).get(code)!;
  const codes = Object.keys(SCHEMATIC_CENTERS).filter((c) => c.startsWith('6211'));

  it('draws the three counties without overlaps (sampled)', () => {
    expect(codes.sort()).toEqual(['621123', '621125', '621126']);
    const shapes = codes.map(county);
    const [x0, y0, x1, y1] = [103.3, 34.0, 105.0, 35.6];
    for (let i = 0; i < 60; i++)
      for (let j = 0; j < 60; j++) {
        const p: GeoPosition = [x0 + ((i + 0.5) / 60) * (x1 - x0), y0 + ((j + 0.5) / 60) * (y1 - y0)];
        expect(shapes.filter((s) => pointInShape(p, s)).length, `${p}`).toBeLessThanOrEqual(1);
      }
  });

  it("draws the city around its counties: every county's outline inside the city's", () => {
    const city = schematicCityShape('6211')!;
    for (const c of codes)
      for (const p of county(c)[0]![0]!) {
        // On the hull or inside it (the hull's corners are county corners): a hair towards the middle.
        const nudged: GeoPosition = [p[0] + (104.24 - p[0]) * 1e-4, p[1] + (34.81 - p[1]) * 1e-4];
        expect(pointInShape(nudged, city), `${c} ${p}`).toBe(true);
      }
    const [bx0, by0, bx1, by1] = bboxOf(city);
    expect(bx1 - bx0).toBeGreaterThan(0.5);
    expect(by1 - by0).toBeGreaterThan(0.5);
    // A city the product draws no county of, and none given: nothing to draw around.
    expect(schematicCityShape('6201')).toBeNull();
    // Counties given (those stored) are drawn around too.
    expect(schematicCityShape('6201', ['620102'])).not.toBeNull();
  });

  it('is the document the province map reads: {province}_city, schematic, deterministic', () => {
    const doc = schematicCityDoc(
      '62',
      [
        { id: '6211', name: '定西市' },
        { id: '6201', name: '兰州市' },
      ],
      NOW,
    )!;
    expect(doc).toMatchObject({ id: '62_city', level: 'city', parentId: '62', countyId: null, source: 'schematic' });
    // 兰州市: no county drawn by the product and none given — left out.
    expect(Object.keys(doc.shapes)).toEqual(['6211']);
    expect(doc.shapes['6211']).toMatchObject({ name: '定西市', schematic: true });
    expect(GeoShapeDocSchema.parse(doc)).toEqual(doc);
    expect(decodeShape(doc.shapes['6211']!, doc.precision)[0]![0]!.length).toBeGreaterThanOrEqual(4);
    expect(schematicCityDoc('62', [{ id: '6211', name: '定西市' }], NOW)).toEqual(doc);
    expect(schematicCityDoc('62', [{ id: '6201', name: '兰州市' }], NOW)).toBeNull();
  });
});
