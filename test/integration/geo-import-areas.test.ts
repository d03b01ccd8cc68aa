// `fengqiao geo import` above the county (issue 16), against the emulators: a file of a city's
// counties is stored in the city's document (geoShapes/6211_county) entry by entry — the
// neighbours already there are kept — and a file of a province's cities in geoShapes/62_city;
// a county of another city or an unknown code is refused with nothing written; the seed's
// schematic outlines never replace an imported one. The documents are put back afterwards.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Pos, fixtureFile, rect } from '../helpers/geo-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GeoShapeDoc } from '../../functions/src/domain';
import { seedGeo } from '../../functions/src/seed/geo';
import { adminDb, closeAdmin } from '../helpers/emulator';
import { ensureRegions } from '../helpers/upper-regions';

const COUNTIES = 'geoShapes/6211_county';
const CITIES = 'geoShapes/62_city';
const dir = mkdtempSync(join(tmpdir(), 'fengqiao-geo-areas-'));
const file = (name: string, content: unknown) => fixtureFile(dir, name, content);
const cli = (...args: string[]) => spawnSync('node', ['bin/fengqiao.mjs', 'geo', ...args], { encoding: 'utf8', maxBuffer: 32 << 20 });
const feature = (code: string, ring: Pos[]) => ({
  type: 'Feature',
  properties: { code },
  geometry: { type: 'Polygon', coordinates: [ring] },
});
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

const before = new Map<string, FirebaseFirestore.DocumentData | undefined>();
const stored = async (path: string) => {
  const d = (await adminDb().doc(path).get()).data();
  return d ? GeoShapeDoc.parse({ ...d, updatedAt: new Date() }) : undefined;
};

beforeAll(async () => {
  const db = adminDb();
  await ensureRegions(db, '62', '6211', '621123', '621125');
  for (const p of [COUNTIES, CITIES]) before.set(p, (await db.doc(p).get()).data());
  // 漳县's schematic outline is in the city's document before the import (a neighbour to keep).
  await seedGeo(db, '621125');
}, 60_000);

afterAll(async () => {
  const db = adminDb();
  for (const [p, d] of before) {
    if (d) await db.doc(p).set(d);
    else await db.doc(p).delete();
  }
  await closeAdmin();
});

describe('fengqiao geo import: counties of a city, cities of a province', () => {
  it('refuses a county of another city and an unknown county, listing both, writing nothing', async () => {
    const was = (await adminDb().doc(COUNTIES).get()).data();
    const r = cli(
      'import',
      '--level',
      'county',
      '--file',
      file(
        'bad-counties.geojson',
        fc(
          feature('621126', rect(104, 34.3, 104.3, 34.6)),
          feature('620102', rect(103.8, 36, 103.9, 36.1)),
          feature('621188', rect(104, 35, 104.1, 35.1)),
        ),
      ),
    );
    expect(r.status, r.stdout).toBe(1);
    expect(r.stderr).toContain('导入失败，未写入任何数据。共2处问题');
    expect(r.stderr).toContain('第2个区域（编码620102）：不属于定西市（6211），一个文件只能导入一个市的县级边界');
    expect(r.stderr).toContain('第3个区域（编码621188）：系统中没有这个县（市、区），请先在区划/网格管理中添加');
    expect((await adminDb().doc(COUNTIES).get()).data()).toEqual(was);
    const unit = cli('import', '--unit', '621126', '--file', file('x.geojson', fc(feature('621126', rect(104, 34.3, 104.3, 34.6)))));
    expect(unit.status).toBe(1);
    expect(unit.stderr).toContain('--unit应为4位市级或2位省级区划代码');
  }, 120_000);

  it("stores two counties in the city's document, keeps their neighbour, and the seed does not replace them", async () => {
    const r = cli(
      'import',
      '--json',
      '--file',
      file(
        '定西市县界.geojson',
        fc(feature('621126', rect(104, 34.2, 104.35, 34.65)), feature('621123', rect(104.05, 34.95, 104.4, 35.3))),
      ),
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, level: 'county', countyId: null, areaId: '6211', written: true });
    const doc = (await stored(COUNTIES))!;
    expect(doc).toMatchObject({ id: '6211_county', level: 'county', parentId: '6211', countyId: null, source: '定西市县界.geojson' });
    expect(doc.shapes['621126']).toMatchObject({ name: '岷县', schematic: false });
    expect(doc.shapes['621123']).toMatchObject({ name: '渭源县', schematic: false });
    // 漳县, not in the file: its (schematic) outline is still there.
    expect(doc.shapes['621125']).toMatchObject({ name: '漳县', schematic: true });
    // The seed draws 岷县 again: its imported outline is kept.
    const seeded = await seedGeo(adminDb(), '621126');
    expect(seeded.kept).toContain('6211_county');
    expect((await stored(COUNTIES))!.shapes['621126']).toEqual(doc.shapes['621126']);
  }, 120_000);

  it("stores a province's cities in {province}_city; the seed's schematic city outline does not replace it", async () => {
    // The seed drew 定西市 (schematic) when its counties were drawn.
    expect((await stored(CITIES))?.shapes['6211']).toMatchObject({ name: '定西市', schematic: true });
    const r = cli('import', '--level', 'city', '--file', file('甘肃省市界.geojson', fc(feature('6211', rect(103.6, 34.1, 104.9, 35.4)))));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('geoShapes/62_city  1个区域');
    expect(r.stdout).toContain('已导入：市（州）边界1个，1个文档');
    const doc = (await stored(CITIES))!;
    expect(doc).toMatchObject({
      id: '62_city',
      level: 'city',
      parentId: '62',
      countyId: null,
      source: '甘肃省市界.geojson',
      tolerance: 100,
    });
    expect(doc.shapes['6211']).toMatchObject({ name: '定西市', schematic: false });
    const seeded = await seedGeo(adminDb(), '621123');
    expect(seeded.kept).toContain('62_city');
    expect((await stored(CITIES))!.shapes['6211']).toEqual(doc.shapes['6211']);
  }, 120_000);
});
