/**
 * Every Firestore read the console makes: document references and queries, in one module (like
 * friendlyeats-web). Clients only read; every write goes through a callable.
 *
 * List queries carry exactly the filter that firestore.rules needs to prove the whole result
 * readable (a rule is not a filter). CONSOLE_QUERIES (data in ./query-specs.ts, re-exported
 * here) describes each query so test/unit/indexes.test.ts can check it against
 * firestore.indexes.json; add the spec with the builder.
 *
 * This module imports only types from the domain and nothing but firebase/firestore at run time,
 * so a Node test can import it without the console's aliases. Converters are applied by the
 * callers (./convert.ts, ./hooks.ts).
 */
import type { Claims } from '@domain';
import {
  type DocumentData,
  type DocumentReference,
  type Firestore,
  type Query,
  collection,
  doc,
  limit,
  orderBy,
  query,
  where,
} from 'firebase/firestore';
import type { ConsoleQueryName } from './query-specs';

export { CONSOLE_QUERIES, type ConsoleQuery, type ConsoleQueryName } from './query-specs';

/** The case board shows at most this many cases. */
export const BOARD_LIMIT = 50;

export type ScopeField = 'countyId' | 'townId' | 'villageId' | 'gridId';

/** Which cases a role's board lists, mirroring canReadCase in firestore.rules / domain/access.ts. */
export type BoardScope =
  | { kind: 'equals'; query: ConsoleQueryName; field: ScopeField; value: string }
  | { kind: 'contains'; query: ConsoleQueryName; field: 'departmentIds' | 'mediatorUids'; value: string }
  | { kind: 'none'; reason: 'admin' | 'resident' | 'incomplete' };

export type ListableScope = Exclude<BoardScope, { kind: 'none' }>;

const NO_SCOPE = { kind: 'none', reason: 'incomplete' } as const;

function equals(field: ScopeField, value: string | undefined): BoardScope {
  return value ? { kind: 'equals', query: `board.${field}`, field, value } : NO_SCOPE;
}

export function boardScope(claims: Claims, uid: string): BoardScope {
  switch (claims.r) {
    case 'county_staff':
      return equals('countyId', claims.c);
    case 'leader':
      // A county leader has no town claim; a town leader sees the town's cases.
      return claims.t ? equals('townId', claims.t) : equals('countyId', claims.c);
    case 'town_staff':
      return equals('townId', claims.t);
    case 'village_staff':
      return equals('villageId', claims.v);
    case 'grid_worker':
      return equals('gridId', claims.g);
    case 'department_officer':
      return claims.d ? { kind: 'contains', query: 'board.department', field: 'departmentIds', value: claims.d } : NO_SCOPE;
    case 'mediator':
      return uid ? { kind: 'contains', query: 'board.mediator', field: 'mediatorUids', value: uid } : NO_SCOPE;
    case 'admin':
      return { kind: 'none', reason: 'admin' };
    case 'resident':
      return { kind: 'none', reason: 'resident' };
    default:
      return NO_SCOPE;
  }
}

// ── queries ────────────────────────────────────────────────────────────────────────────────

/** board.*: the role-scoped case board, newest first. */
export function caseBoardQuery(db: Firestore, scope: ListableScope): Query<DocumentData> {
  const filter = scope.kind === 'equals' ? where(scope.field, '==', scope.value) : where(scope.field, 'array-contains', scope.value);
  return query(collection(db, 'cases'), filter, orderBy('updatedAt', 'desc'), limit(BOARD_LIMIT));
}

/** case.events: a case's history in order. */
export function caseEventsQuery(db: Firestore, caseId: string): Query<DocumentData> {
  return query(collection(db, 'cases', caseId, 'events'), orderBy('seq', 'asc'));
}

/** regions.byParent: the towns of a county, or the villages of a town. */
export function regionsByParentQuery(db: Firestore, countyId: string, parentId: string): Query<DocumentData> {
  return query(collection(db, 'regions'), where('countyId', '==', countyId), where('parentId', '==', parentId));
}

/** grids.byVillage: the grids of a village. */
export function gridsByVillageQuery(db: Firestore, countyId: string, villageId: string): Query<DocumentData> {
  return query(collection(db, 'grids'), where('countyId', '==', countyId), where('villageId', '==', villageId));
}

// ── single documents ───────────────────────────────────────────────────────────────────────

export const docs = {
  case: (db: Firestore, caseId: string): DocumentReference => doc(db, 'cases', caseId),
  /** Parties' personal data: readable only by those handling the case. */
  caseParties: (db: Firestore, caseId: string): DocumentReference => doc(db, 'cases', caseId, 'private', 'parties'),
  user: (db: Firestore, uid: string): DocumentReference => doc(db, 'users', uid),
  userMeta: (db: Firestore, uid: string): DocumentReference => doc(db, 'userMeta', uid),
  region: (db: Firestore, code: string): DocumentReference => doc(db, 'regions', code),
  grid: (db: Firestore, code: string): DocumentReference => doc(db, 'grids', code),
  department: (db: Firestore, id: string): DocumentReference => doc(db, 'departments', id),
};
