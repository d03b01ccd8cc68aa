// Counts Firestore document reads and writes made by this process, by wrapping the Admin SDK's
// own read and write paths (DocumentReader for document gets, Query._get for queries — which
// transactions use too —, document listeners' snapshots, and WriteBatch, which every
// set/create/update/delete and transaction commit goes through). Billing rule: a query that returns nothing still costs one read.
import { createRequire } from 'node:module';
import { Transform, pipeline } from 'node:stream';

const require = createRequire(import.meta.url);
const base = require.resolve('@google-cloud/firestore').replace(/index\.js$/, '');
const { DocumentReader } = require(`${base}document-reader.js`);
const { Query } = require(`${base}reference/query.js`);
const { WriteBatch } = require(`${base}write-batch.js`);
const { DocumentReference } = require(`${base}reference/document-reference.js`);

export const counts = { reads: 0, writes: 0 };
/** When set, every read is also named here (a document's path, a query's collection, a listener's document). */
export const readLog: { on: boolean; names: string[] } = { on: false, names: [] };
export function resetCounts() {
  counts.reads = 0;
  counts.writes = 0;
  readLog.names = [];
}
const note = (name: string) => {
  if (readLog.on) readLog.names.push(name);
};
export function snapshotCounts() {
  return { ...counts };
}

const origReader = DocumentReader.prototype._get;
DocumentReader.prototype._get = async function (...args: unknown[]) {
  const out = await origReader.apply(this, args);
  counts.reads += Math.max(1, out.result.length);
  for (const d of out.result as { ref: { path: string } }[]) note(d.ref.path);
  return out;
};
const origQuery = Query.prototype._get;
Query.prototype._get = async function (...args: unknown[]) {
  const out = await origQuery.apply(this, args);
  counts.reads += Math.max(1, out.result.size);
  note(`query ${(this as { _queryOptions?: { collectionId?: string } })._queryOptions?.collectionId ?? '?'} (${out.result.size})`);
  return out;
};
// A document listener (a policy, a calendar year: lib/config.ts) pays one read per snapshot it
// receives: the first, then one per change.
const origListen = DocumentReference.prototype.onSnapshot;
DocumentReference.prototype.onSnapshot = function (onNext: (s: unknown) => void, ...rest: unknown[]) {
  return origListen.call(
    this,
    (snap: unknown) => {
      counts.reads += 1;
      note(`listener ${(this as { path: string }).path}`);
      onNext(snap);
    },
    ...rest,
  );
};
// A streamed query (the sweep's due cases, lib/sweep.ts) pays one read per document it returns
// (one when it returns none), like a query read at once.
const origStream = Query.prototype.stream;
Query.prototype.stream = function (...args: unknown[]) {
  let n = 0;
  const name = (this as { _queryOptions?: { collectionId?: string } })._queryOptions?.collectionId ?? '?';
  const counted = new Transform({
    objectMode: true,
    transform(doc, _enc, done) {
      n++;
      counts.reads += 1;
      done(null, doc);
    },
    flush(done) {
      if (n === 0) counts.reads += 1;
      note(`query stream ${name} (${n})`);
      done();
    },
  });
  return pipeline(origStream.apply(this, args), counted, () => {});
};
// A query listener (the active webhooks, lib/config.ts) pays one read per document in its first
// snapshot (one when it is empty), then one per document that changes.
const origQueryListen = Query.prototype.onSnapshot;
Query.prototype.onSnapshot = function (onNext: (s: unknown) => void, ...rest: unknown[]) {
  let first = true;
  return origQueryListen.call(
    this,
    (snap: { size: number; docChanges(): unknown[] }) => {
      const n = first ? Math.max(1, snap.size) : snap.docChanges().length;
      first = false;
      counts.reads += n;
      note(`query listener ${(this as { _queryOptions?: { collectionId?: string } })._queryOptions?.collectionId ?? '?'} (${n})`);
      onNext(snap);
    },
    ...rest,
  );
};
for (const m of ['create', 'set', 'update', 'delete'] as const) {
  const orig = WriteBatch.prototype[m];
  WriteBatch.prototype[m] = function (...args: unknown[]) {
    counts.writes += 1;
    return orig.apply(this, args);
  };
}

/** Firestore list prices (USD per 100,000 documents); override for your location. */
export const PRICES = {
  read: Number(process.env.FIRESTORE_PRICE_READ ?? 0.06),
  write: Number(process.env.FIRESTORE_PRICE_WRITE ?? 0.18),
};
export const cost = (reads: number, writes: number) => (reads * PRICES.read + writes * PRICES.write) / 100_000;
