/**
 * The seed's 一张图: schematic boundaries (示意边界, domain/geo-demo.ts) for a seeded county —
 * its outline (with its city's counties, `{city}_county`), its towns, each town's villages and
 * each village's grids — from the regions and grids stored for it. Surveyed boundaries imported
 * with `fengqiao geo import` are kept: a document whose shapes are not schematic is not replaced.
 */
import type { Firestore } from 'firebase-admin/firestore';
import { type GeoShapeDoc, schematicGeoDocs } from '../domain';
import { refs } from '../lib/db';
import { writeGeoDocs } from '../lib/geo-store';
import { gridsOfCounty, regionsOfCounty } from '../lib/queries';

export interface SeedGeoResult {
  countyId: string;
  written: string[];
  /** Documents left alone because they hold imported (surveyed) shapes. */
  kept: string[];
}

/** Writes the county's schematic boundaries (the regions and grids must be stored first). */
export async function seedGeo(db: Firestore, countyId: string, now = new Date()): Promise<SeedGeoResult> {
  const [regions, grids] = await Promise.all([regionsOfCounty(db, countyId).get(), gridsOfCounty(db, countyId).get()]);
  const docs = schematicGeoDocs(
    countyId,
    regions.docs.map((d) => d.data()),
    grids.docs.map((d) => d.data()),
    now,
  );
  const r = refs(db);
  const write: GeoShapeDoc[] = [];
  const kept: string[] = [];
  for (const d of docs) {
    const cur = (await r.geoShape(d.id).get()).data();
    const surveyed = cur && Object.entries(cur.shapes).some(([code, e]) => !e.schematic && (d.level !== 'county' || code === countyId));
    if (surveyed) kept.push(d.id);
    else write.push(d);
  }
  await writeGeoDocs(db, write);
  return { countyId, written: write.map((d) => d.id), kept };
}
