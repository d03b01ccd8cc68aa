// `fengqiao geo import` against the emulators: a small valid file of 梅川村's three grids is
// simplified and stored as geoShapes/621126103001_grid (replacing the seed's schematic shapes);
// files with an unclosed ring, an unknown code, a code of another level or county, broken JSON,
// or a boundary too large for one document are refused with every problem in Chinese, and
// nothing is written. The seed's schematic document is put back afterwards.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Pos, fixtureFile, rect } from '../helpers/geo-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GeoShapeDoc, decodeShape, toFeatureCollection } from '../../functions/src/domain';
import { adminDb, closeAdmin } from '../helpers/emulator';

const V = '621126103001'; // 梅川镇 梅川村: grids 001–003
const DOC = `geoShapes/${V}_grid`;
const dir = mkdtempSync(join(tmpdir(), 'fengqiao-geo-'));
const file = (name: string, content: unknown) => fixtureFile(dir, name, content);
const cli = (...args: string[]) => spawnSync('node', ['bin/fengqiao.mjs', 'geo', ...args], { encoding: 'utf8', maxBuffer: 32 << 20 });
const feature = (code: string, ring: Pos[], name?: string) => ({
  type: 'Feature',
  properties: { code, ...(name ? { name } : {}) },
  geometry: { type: 'Polygon', coordinates: [ring] },
});
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
// Three grids side by side, the middle one with many points along its top edge (simplified away).
const wavy: Pos[] = [[104.2, 34.5]];
for (let i = 1; i < 200; i++) wavy.push([104.2 + i * 0.0001, 34.52 + (i % 2) * 0.000001]);
const valid = fc(
  feature(`${V}001`, rect(104.18, 34.5, 104.2, 34.52), '梅川村第1网格'),
  feature(`${V}002`, [...wavy, [104.22, 34.52], [104.22, 34.5], [104.2, 34.5]].reverse() as Pos[]),
  feature(`${V}003`, rect(104.22, 34.5, 104.24, 34.52), '别的名字'),
);

let before: FirebaseFirestore.DocumentData | undefined;
const stored = async () => (await adminDb().doc(DOC).get()).data();

beforeAll(async () => {
  before = await stored();
}, 60_000);
afterAll(async () => {
  if (before) await adminDb().doc(DOC).set(before);
  else await adminDb().doc(DOC).delete();
  await closeAdmin();
});

const expectRefused = async (r: ReturnType<typeof cli>, ...messages: string[]) => {
  expect(r.status, r.stdout).toBe(1);
  expect(r.stderr).toContain('导入失败，未写入任何数据');
  for (const m of messages) expect(r.stderr).toContain(m);
  expect(await stored()).toEqual(before);
};

describe('fengqiao geo import', () => {
  it('refuses an unclosed ring, an unknown code, another level and another county — all listed, nothing written', async () => {
    const open = rect(104.18, 34.5, 104.2, 34.52).slice(0, 4);
    await expectRefused(
      cli('import', '--file', file('unclosed.geojson', fc(feature(`${V}001`, open), feature(`${V}002`, rect(104.2, 34.5, 104.22, 34.52))))),
      '第1个区域（编码621126103001001）：外边界未闭合：第一个点和最后一个点应相同',
    );
    await expectRefused(
      cli(
        'import',
        '--file',
        file(
          'unknown.geojson',
          fc(feature(`${V}001`, rect(104.18, 34.5, 104.2, 34.52)), feature(`${V}099`, rect(104.2, 34.5, 104.22, 34.52))),
        ),
      ),
      '第2个区域（编码621126103001099）：系统中没有这个网格，请先在区划/网格管理中添加',
    );
    // Every problem of a file at once: a village code in a grid file, a grid of another county, a duplicate.
    const mixed = cli(
      'import',
      '--level',
      'grid',
      '--file',
      file(
        'mixed.geojson',
        fc(
          feature(`${V}001`, rect(104.18, 34.5, 104.2, 34.52)),
          feature(V, rect(104.2, 34.5, 104.22, 34.52)),
          feature('620102001001001', rect(104.2, 34.5, 104.22, 34.52)),
          feature(`${V}001`, rect(104.2, 34.5, 104.22, 34.52)),
        ),
      ),
    );
    await expectRefused(
      mixed,
      '共3处问题',
      '第2个区域（编码621126103001）：编码应为网格的15位编码（本次导入的是网格边界）',
      '第3个区域（编码620102001001001）：不属于岷县（621126），一个文件只能导入一个县的边界',
      '第4个区域（编码621126103001001）：与第1个区域的编码重复',
    );
    await expectRefused(
      cli('import', '--file', file('broken.geojson', '{"type": "FeatureCollection", "features": [')),
      '文件不是有效的JSON',
    );
    await expectRefused(
      cli('import', '--file', file('point.geojson', { type: 'Feature' })),
      '文件类型应为FeatureCollection，文件中为Feature',
    );
    await expectRefused(
      cli('import', '--level', 'street', '--file', file('x.geojson', valid)),
      '--level应为city、county、town、village或grid',
    );
  }, 120_000);

  it('refuses a boundary too large for one document, naming the tolerance that would fit', async () => {
    // A star of 200,000 points (radii alternating 1 km and 5 km): far over 900 KB however it is rounded.
    const star: Pos[] = [];
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const a = (i / n) * 2 * Math.PI;
      const r = i % 2 ? 0.05 : 0.01;
      star.push([+(104.2 + r * Math.cos(a)).toFixed(6), +(34.5 + r * Math.sin(a)).toFixed(6)]);
    }
    star.push(star[0]!);
    // Kept as it is (--tolerance 0): about 6 bytes a point once encoded.
    const r = cli('import', '--tolerance', '0', '--file', file('big.geojson', fc(feature(`${V}001`, star))));
    await expectRefused(r, '梅川村（621126103001）下的网格边界约', '超过单个文档900 KB的上限');
    expect(r.stderr).toMatch(/请将简化容差调到至少\d+米（当前0米）后重试|请减少边界的点数后重试/);
  }, 300_000);

  it('a dry run checks and writes nothing; the import stores the simplified shapes with warnings', async () => {
    const dry = cli('import', '--file', file('梅川村网格.geojson', valid), '--dry-run', '--json');
    expect(dry.status, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ ok: true, level: 'grid', countyId: '621126', written: false });
    expect(await stored()).toEqual(before);

    const r = cli('import', '--file', file('梅川村网格.geojson', valid));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`geoShapes/${V}_grid  3个区域`);
    expect(r.stdout).toContain('已导入：网格边界3个，1个文档');
    expect(r.stderr).toContain('文件中的名称“别的名字”与系统中的“梅川村第3网格”不一致，以系统名称为准');
    const doc = GeoShapeDoc.parse({ ...(await stored()), updatedAt: new Date() });
    expect(doc).toMatchObject({
      id: `${V}_grid`,
      level: 'grid',
      parentId: V,
      countyId: '621126',
      source: '梅川村网格.geojson',
      tolerance: 5,
    });
    expect(Object.keys(doc.shapes).sort()).toEqual([`${V}001`, `${V}002`, `${V}003`]);
    expect(Object.values(doc.shapes).every((e) => !e.schematic)).toBe(true);
    expect(doc.shapes[`${V}003`]!.name).toBe('梅川村第3网格');
    // The wavy edge (200 points, 0.1 m off a straight line) is simplified to the rectangle's corners.
    const middle = decodeShape(doc.shapes[`${V}002`]!, doc.precision);
    expect(middle[0]![0]!.length).toBeLessThanOrEqual(6);
    expect(toFeatureCollection(doc).features).toHaveLength(3);
  }, 120_000);
});
