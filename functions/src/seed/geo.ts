/**
 * The seed's 一张图: schematic boundaries (示意边界, domain/geo-demo.ts) for a seeded county —
 * its outline (with its city's counties, `{city}_county`), its towns, each town's villages and
 * each village's grids — from the regions and grids stored for it; and, when its city is stored
 * (`seed --counties 3`: 定西市 of 甘肃省), the city's outline around its counties (with the
 * province's cities, `{province}_city`). Surveyed boundaries imported with `fengqiao geo import`
 * are kept: a document whose shapes are not schematic is not replaced (a county's or city's own
 * entry, in the documents shared with its neighbours).
 */
import type { Firestore } from 'firebase-admin/firestore';
import { type GeoShapeDoc, schematicCityDoc, schematicGeoDocs } from '../domain';
import { refs } from '../lib/db';
import { writeGeoDocs } from '../lib/geo-store';
import { gridsOfCounty, regionsOfCounty, regionsUnder } from '../lib/queries';

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
  // The city's outline, when the city is stored (a county deployed alone has none above it).
  const cityId = countyId.slice(0, 4);
  const city = (await r.region(cityId).get()).data();
  if (city?.level === 'city' && city.parentId) {
    const counties = (await regionsUnder(db, cityId).get()).docs.map((d) => d.data()).filter((x) => x.level === 'county');
    const cityDoc = schematicCityDoc(city.parentId, [{ id: cityId, name: city.name, countyIds: counties.map((x) => x.id) }], now);
    if (cityDoc) docs.push(cityDoc);
  }
  const write: GeoShapeDoc[] = [];
  const kept: string[] = [];
  for (const d of docs) {
    const cur = (await r.geoShape(d.id).get()).data();
    // In the shared documents ({city}_county, {province}_city) only the entry written counts.
    const own = (code: string) => (d.level === 'county' ? code === countyId : d.level === 'city' ? code === cityId : true);
    const surveyed = cur && Object.entries(cur.shapes).some(([code, e]) => !e.schematic && own(code));
    if (surveyed) kept.push(d.id);
    else write.push(d);
  }
  await writeGeoDocs(db, write);
  return { countyId, written: write.map((d) => d.id), kept };
}
