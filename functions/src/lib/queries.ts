/**
 * Every query the product runs, by name, with the fields it filters and orders on. The index
 * coverage test reads this list; the console's queries (web/src/data/queries.ts) are listed too.
 */
export interface DeclaredQuery {
  name: string;
  collectionGroup: string;
  equality: string[];
  arrayContains?: string;
  range?: string;
  orderBy: { field: string; direction: 'asc' | 'desc' }[];
  /** Collection-group queries need indexes of that scope. */
  queryScope?: 'COLLECTION' | 'COLLECTION_GROUP';
}

const SCOPE_FIELDS = ['countyId', 'townId', 'villageId', 'gridId'] as const;

export const QUERIES: DeclaredQuery[] = [
  // The console's case board: one scope filter, optional state filter, newest first.
  ...SCOPE_FIELDS.map((f) => ({ name: `board.${f}`, collectionGroup: 'cases', equality: [f], orderBy: [{ field: 'updatedAt', direction: 'desc' as const }] })),
  ...SCOPE_FIELDS.map((f) => ({ name: `board.${f}.state`, collectionGroup: 'cases', equality: [f, 'state'], orderBy: [{ field: 'updatedAt', direction: 'desc' as const }] })),
  ...SCOPE_FIELDS.map((f) => ({ name: `overdue.${f}`, collectionGroup: 'cases', equality: [f, 'overdue'], orderBy: [{ field: 'updatedAt', direction: 'desc' as const }] })),
  { name: 'board.department', collectionGroup: 'cases', equality: [], arrayContains: 'departmentIds', orderBy: [{ field: 'updatedAt', direction: 'desc' }] },
  { name: 'board.mediator', collectionGroup: 'cases', equality: [], arrayContains: 'mediatorUids', orderBy: [{ field: 'updatedAt', direction: 'desc' }] },
  { name: 'board.leader', collectionGroup: 'cases', equality: ['leaderUid'], orderBy: [{ field: 'updatedAt', direction: 'desc' }] },
  ...(['recipientUnit', 'recipientUid', 'recipientDept'] as const).map((f) => ({ name: `alerts.${f}`, collectionGroup: 'alerts', equality: [f], orderBy: [{ field: 'createdAt', direction: 'desc' as const }] })),
  { name: 'requests.mine', collectionGroup: 'requests', equality: ['residentUid'], orderBy: [{ field: 'updatedAt', direction: 'desc' }] },
  { name: 'events.bySeq', collectionGroup: 'events', equality: [], orderBy: [{ field: 'seq', direction: 'asc' }] },
  { name: 'sweep.due', collectionGroup: 'cases', equality: [], range: 'sweepAt', orderBy: [{ field: 'sweepAt', direction: 'asc' }] },
  { name: 'outbox.due', collectionGroup: 'outbox', equality: ['state'], range: 'nextAttemptAt', orderBy: [{ field: 'nextAttemptAt', direction: 'asc' }] },
  { name: 'webhooks.active', collectionGroup: 'webhooks', equality: ['active'], orderBy: [] },
  // Statistics: verification and rebuild read events across cases (collection group).
  ...(['countyId', 'townId', 'villageId', 'gridId'] as const).flatMap((f) => [
    { name: `events.${f}.action`, collectionGroup: 'events', queryScope: 'COLLECTION_GROUP' as const, equality: [`scope.${f}`, 'action'], range: 'at', orderBy: [] },
    { name: `events.${f}.firstAccept`, collectionGroup: 'events', queryScope: 'COLLECTION_GROUP' as const, equality: [`scope.${f}`, 'action', 'data.firstAccept'], range: 'at', orderBy: [] },
    { name: `events.${f}.overdue`, collectionGroup: 'events', queryScope: 'COLLECTION_GROUP' as const, equality: [`scope.${f}`, 'action', 'data.overdue'], range: 'at', orderBy: [] },
    { name: `events.${f}.all`, collectionGroup: 'events', queryScope: 'COLLECTION_GROUP' as const, equality: [`scope.${f}`], range: 'at', orderBy: [] },
  ]),
  { name: 'statsDays.byMonth', collectionGroup: 'statsDays', equality: ['month'], orderBy: [] },
  { name: 'statsDays.unitRange', collectionGroup: 'statsDays', equality: ['unitId'], range: 'period', orderBy: [] },
  { name: 'statsPeriods.months', collectionGroup: 'statsPeriods', equality: ['kind', 'year'], orderBy: [] },
  { name: 'statsPeriods.unitSeries', collectionGroup: 'statsPeriods', equality: ['unitId', 'kind'], orderBy: [{ field: 'period', direction: 'asc' }] },
  ...(['countyId', 'townId', 'villageId', 'gridId'] as const).map((f) => ({ name: `ledger.${f}`, collectionGroup: 'cases', equality: [f], range: 'createdAt', orderBy: [{ field: 'createdAt', direction: 'asc' as const }] })),
  { name: 'users.byCounty', collectionGroup: 'users', equality: ['countyId'], orderBy: [{ field: 'displayName', direction: 'asc' }] },
  { name: 'grids.byVillage', collectionGroup: 'grids', equality: ['countyId', 'villageId'], orderBy: [] },
  { name: 'regions.byParent', collectionGroup: 'regions', equality: ['countyId', 'parentId'], orderBy: [] },
];
