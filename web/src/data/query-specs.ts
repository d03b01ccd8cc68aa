/**
 * Descriptions of every query the console runs (built in ./queries.ts), for the index coverage
 * test (test/unit/indexes.test.ts). Pure data with no imports, so Node can load it as is.
 * queries.ts re-exports CONSOLE_QUERIES; keep each entry in step with its builder there.
 */
export type ConsoleQueryName =
  | 'board.countyId'
  | 'board.townId'
  | 'board.villageId'
  | 'board.gridId'
  | 'board.department'
  | 'board.mediator'
  | 'case.events'
  | 'regions.byParent'
  | 'grids.byVillage';

export interface ConsoleQuery {
  name: ConsoleQueryName;
  /** The collection ID the query runs on (as `collectionGroup` in firestore.indexes.json). */
  collectionGroup: string;
  equality: string[];
  arrayContains?: string;
  orderBy: { field: string; direction: 'asc' | 'desc' }[];
}

const NEWEST_FIRST = [{ field: 'updatedAt', direction: 'desc' as const }];

export const CONSOLE_QUERIES: ConsoleQuery[] = [
  { name: 'board.countyId', collectionGroup: 'cases', equality: ['countyId'], orderBy: NEWEST_FIRST },
  { name: 'board.townId', collectionGroup: 'cases', equality: ['townId'], orderBy: NEWEST_FIRST },
  { name: 'board.villageId', collectionGroup: 'cases', equality: ['villageId'], orderBy: NEWEST_FIRST },
  { name: 'board.gridId', collectionGroup: 'cases', equality: ['gridId'], orderBy: NEWEST_FIRST },
  { name: 'board.department', collectionGroup: 'cases', equality: [], arrayContains: 'departmentIds', orderBy: NEWEST_FIRST },
  { name: 'board.mediator', collectionGroup: 'cases', equality: [], arrayContains: 'mediatorUids', orderBy: NEWEST_FIRST },
  { name: 'case.events', collectionGroup: 'events', equality: [], orderBy: [{ field: 'seq', direction: 'asc' }] },
  // Equality-only (merged single-field indexes). countyId is there because the rules
  // (sameCounty) require it; the console sorts the results itself.
  { name: 'regions.byParent', collectionGroup: 'regions', equality: ['countyId', 'parentId'], orderBy: [] },
  { name: 'grids.byVillage', collectionGroup: 'grids', equality: ['countyId', 'villageId'], orderBy: [] },
];
