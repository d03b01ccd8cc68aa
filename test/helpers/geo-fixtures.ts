// Small GeoJSON and geoShapes fixtures shared by the 一张图 tests (unit, integration, rules).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Pos = [number, number];

/** A closed rectangle ring, counter-clockwise from (x0, y0). */
export const rect = (x0: number, y0: number, x1: number, y1: number): Pos[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

/** A closed square ring of side d from (x, y). */
export const square = (x: number, y: number, d: number): Pos[] => rect(x, y, x + d, y + d);

/** Writes `content` (a string as it is, anything else as JSON) to `dir/name` and returns the path. */
export function fixtureFile(dir: string, name: string, content: unknown): string {
  const f = join(dir, name);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}

/** A stored boundaries document (geoShapes/{parentId}_{level}) with one schematic shape, `child` (default `${parentId}01`). */
export const shapeDoc = (id: string, level: string, parentId: string, countyId: string | null, child = `${parentId}01`) => ({
  id,
  level,
  parentId,
  countyId,
  precision: 5,
  tolerance: 0,
  source: 'schematic',
  shapes: {
    [child]: { name: '某地', rings: ['_p~iF~ps|U_ulLnnqC_mqNvxq`@'], polys: [1], bbox: [0, 0, 1, 1], label: [0, 0], schematic: true },
  },
  updatedAt: new Date(),
});
