// The emulator does not enforce composite indexes; production does. Every query the functions
// run (SERVER_QUERIES: the definitions lib/queries.ts builds the Admin SDK queries from) and every
// query the console runs (CONSOLE_QUERIES) must be served by firestore.indexes.json (or by
// single-field indexes when it needs no composite).
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type DeclaredQuery, DOCUMENT_ID, SERVER_QUERIES as QUERIES } from '../../functions/src/lib/queries';
import { CONSOLE_QUERIES } from '../../web/src/data/query-specs';

interface IndexField {
  fieldPath: string;
  order?: 'ASCENDING' | 'DESCENDING';
  arrayConfig?: 'CONTAINS';
}
const FILE = JSON.parse(readFileSync('firestore.indexes.json', 'utf8'));
const INDEXES: { collectionGroup: string; queryScope?: string; fields: IndexField[] }[] = FILE.indexes;

/** Single-field indexes (and index merging for equality-only queries) serve it without a composite. */
function needsComposite(q: DeclaredQuery): boolean {
  const filters = [...q.equality, ...(q.arrayContains ? [q.arrayContains] : [])];
  // Every single-field index ends with the document ID: ordering by it ascending is free.
  const ordered = [
    ...(q.range ? [q.range] : []),
    ...q.orderBy.filter((o) => !(o.field === DOCUMENT_ID && o.direction === 'asc')).map((o) => o.field),
  ];
  if (ordered.length === 0) return false; // equality/array-contains only: merged single-field indexes
  if (filters.length === 0) return new Set(ordered).size > 1 || q.queryScope === 'COLLECTION_GROUP';
  return true;
}

function covered(q: DeclaredQuery, indexes = INDEXES): boolean {
  return indexes.some((ix) => {
    if (ix.collectionGroup !== q.collectionGroup || (ix.queryScope ?? 'COLLECTION') !== (q.queryScope ?? 'COLLECTION')) return false;
    const f = [...ix.fields];
    const eq = new Set(q.equality);
    const head = f.splice(0, eq.size);
    if (!head.every((x) => eq.has(x.fieldPath) && x.order)) return false;
    if (q.arrayContains) {
      const a = f.shift();
      if (a?.fieldPath !== q.arrayContains || a.arrayConfig !== 'CONTAINS') return false;
    }
    const order = [...(q.range && q.orderBy[0]?.field !== q.range ? [{ field: q.range, direction: 'asc' as const }] : []), ...q.orderBy];
    if (f.length !== order.length) return false;
    return order.every((o, i) => f[i]!.fieldPath === o.field && f[i]!.order === (o.direction === 'asc' ? 'ASCENDING' : 'DESCENDING'));
  });
}

/** The composite index a query naturally needs: equalities, array-contains, then its order. */
function indexFor(q: DeclaredQuery) {
  const order = [...(q.range && q.orderBy[0]?.field !== q.range ? [{ field: q.range, direction: 'asc' as const }] : []), ...q.orderBy];
  return {
    collectionGroup: q.collectionGroup,
    queryScope: q.queryScope ?? 'COLLECTION',
    fields: [
      ...q.equality.map((f) => ({ fieldPath: f, order: 'ASCENDING' })),
      ...(q.arrayContains ? [{ fieldPath: q.arrayContains, arrayConfig: 'CONTAINS' }] : []),
      ...order.map((o) => ({ fieldPath: o.field, order: o.direction === 'asc' ? 'ASCENDING' : 'DESCENDING' })),
    ],
  };
}

/** An index no declared query uses costs a write on every document change for nothing. */
const used = (ix: (typeof INDEXES)[number]) => [...QUERIES, ...CONSOLE_QUERIES].some((q) => needsComposite(q) && covered(q, [ix]));

// `npm run indexes` (UPDATE_INDEXES=1) adds the missing ones to firestore.indexes.json and drops
// the ones no query uses any more.
if (process.env.UPDATE_INDEXES) {
  const missing = [...QUERIES, ...CONSOLE_QUERIES].filter((q) => needsComposite(q) && !covered(q)).map(indexFor);
  const kept = INDEXES.filter(used);
  const seen = new Set(kept.map((i) => JSON.stringify(i)));
  for (const ix of missing)
    if (!seen.has(JSON.stringify(ix))) {
      kept.push(ix as never);
      seen.add(JSON.stringify(ix));
    }
  INDEXES.splice(0, INDEXES.length, ...kept);
  writeFileSync('firestore.indexes.json', `${JSON.stringify({ ...FILE, indexes: INDEXES }, null, 2)}\n`);
}

describe('firestore.indexes.json covers every declared query', () => {
  const all = [...QUERIES, ...CONSOLE_QUERIES];
  it('has queries to check', () => expect(all.length).toBeGreaterThan(10));
  it('names each query once', () => expect(all.map((q) => q.name).filter((n, i, a) => a.indexOf(n) !== i)).toEqual([]));
  it.each(all.filter(needsComposite).map((q) => [q.name, q] as const))('%s', (_, q) => {
    expect(covered(q), `no composite index for ${JSON.stringify(q)}`).toBe(true);
  });
  it('declares no index that no query uses (npm run indexes drops them)', () => {
    expect(INDEXES.filter((ix) => !used(ix)).map((ix) => JSON.stringify(ix))).toEqual([]);
  });
});
