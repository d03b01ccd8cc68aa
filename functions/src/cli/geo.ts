/**
 * `fengqiao geo import --file F.geojson [--level city|county|town|village|grid] [--county C]
 * [--unit U] [--tolerance M] [--dry-run] [--json]`: loads boundaries (一张图) from a GeoJSON file
 * — checked against the regions and grids of its area (a county's towns, villages, grids; a
 * city's counties; a province's cities), simplified, one document per parent — or, when anything
 * is wrong, lists every problem in Chinese and writes nothing (exit 1).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { GEO_LEVELS, type GeoLevel } from '../domain';

type Db = FirebaseFirestore.Firestore;
interface GeoRun {
  sub: string | undefined;
  values: { file?: string; level?: string; county?: string; unit?: string; tolerance?: string; 'dry-run'?: boolean; json?: boolean };
  db: Db;
}

export const GEO_USAGE =
  'geo import --file F.geojson [--level city|county|town|village|grid] [--county C] [--unit U] [--tolerance M] [--dry-run] [--json]';

const refuse = (errors: string[], warnings: string[] = [], json = false) => {
  if (json) process.stdout.write(`${JSON.stringify({ ok: false, errors, warnings }, null, 2)}\n`);
  else {
    process.stderr.write(`导入失败，未写入任何数据。共${errors.length}处问题：\n`);
    for (const e of errors) process.stderr.write(`  ✖ ${e}\n`);
    for (const w of warnings) process.stderr.write(`  ! ${w}\n`);
  }
  return 1;
};

export async function geoCommand({ sub, values, db }: GeoRun): Promise<number> {
  if (sub !== 'import') {
    process.stderr.write(`usage: fengqiao ${GEO_USAGE}\n`);
    return 1;
  }
  const json = !!values.json;
  if (!values.file) return refuse(['缺少--file：请指定要导入的GeoJSON文件'], [], json);
  if (values.level !== undefined && !(GEO_LEVELS as readonly string[]).includes(values.level))
    return refuse([`--level应为city、county、town、village或grid，收到${values.level}`], [], json);
  if (values.county !== undefined && !/^\d{6}$/.test(values.county))
    return refuse([`--county应为6位县级区划代码，收到${values.county}`], [], json);
  // The area of a county file (its city, 4 digits) or a city file (its province, 2 digits).
  if (values.unit !== undefined && !/^(\d{2}|\d{4})$/.test(values.unit))
    return refuse([`--unit应为4位市级或2位省级区划代码（导入县级或市级边界时），收到${values.unit}`], [], json);
  let tolerance: number | undefined;
  if (values.tolerance !== undefined) {
    tolerance = Number(values.tolerance);
    if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > 10_000)
      return refuse([`--tolerance应为0到10000之间的米数，收到${values.tolerance}`], [], json);
  }
  let text: string;
  try {
    text = readFileSync(values.file, 'utf8');
  } catch {
    return refuse([`无法读取文件${values.file}`], [], json);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return refuse([`文件不是有效的JSON：${(e as Error).message}`], [], json);
  }
  const { importGeo } = await import('../lib/geo-store');
  const res = await importGeo(db, {
    json: parsed,
    source: basename(values.file),
    level: values.level as GeoLevel | undefined,
    countyId: values.unit ?? values.county,
    toleranceM: tolerance,
    now: new Date(),
    dryRun: !!values['dry-run'],
  });
  if (!res.ok) return refuse(res.errors, res.warnings, json);
  const docs = res.docs.map((d) => ({
    id: d.doc.id,
    shapes: Object.keys(d.doc.shapes).length,
    kb: Math.ceil(d.bytes / 1024),
    pointsIn: d.pointsIn,
    pointsOut: d.pointsOut,
  }));
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ ok: true, level: res.level, countyId: res.countyId, areaId: res.areaId, written: res.written, docs, warnings: res.warnings }, null, 2)}\n`,
    );
    return 0;
  }
  const { geoLevelName } = await import('../lib/geo-store');
  for (const w of res.warnings) process.stderr.write(`  ! ${w}\n`);
  for (const d of docs) process.stdout.write(`geoShapes/${d.id}  ${d.shapes}个区域  ${d.kb} KB  坐标点 ${d.pointsIn} → ${d.pointsOut}\n`);
  process.stdout.write(
    `${res.written ? '已导入' : '检查通过（--dry-run，未写入）'}：${geoLevelName(res.level)}边界${docs.reduce((n, d) => n + d.shapes, 0)}个，${docs.length}个文档\n`,
  );
  return 0;
}
