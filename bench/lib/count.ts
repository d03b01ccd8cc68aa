// Counts Firestore document reads and writes made by this process, by wrapping the Admin SDK's
// own read and write paths (DocumentReader for document gets, Query._get for queries — which
// transactions use too —, document listeners' snapshots, and WriteBatch, which every
// set/create/update/delete and transaction commit goes through). Billing rule: a query that returns nothing still costs one read.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const base = require.resolve('@google-cloud/firestore').replace(/index\.js$/, '');
const { DocumentReader } = require(`${base}document-reader.js`);
const { Query } = require(`${base}reference/query.js`);
const { WriteBatch } = require(`${base}write-batch.js`);
const { DocumentReference } = require(`${base}reference/document-reference.js`);

export const counts = { reads: 0, writes: 0 };
export function resetCounts() {
  counts.reads = 0;
  counts.writes = 0;
}
export function snapshotCounts() {
  return { ...counts };
}

const origReader = DocumentReader.prototype._get;
DocumentReader.prototype._get = async function (...args: unknown[]) {
  const out = await origReader.apply(this, args);
  counts.reads += Math.max(1, out.result.length);
  return out;
};
const origQuery = Query.prototype._get;
Query.prototype._get = async function (...args: unknown[]) {
  const out = await origQuery.apply(this, args);
  counts.reads += Math.max(1, out.result.size);
  return out;
};
// A document listener (the configuration version, lib/config.ts) pays one read per snapshot it
// receives: the first, then one per change.
const origListen = DocumentReference.prototype.onSnapshot;
DocumentReference.prototype.onSnapshot = function (onNext: (s: unknown) => void, ...rest: unknown[]) {
  return origListen.call(
    this,
    (snap: unknown) => {
      counts.reads += 1;
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
