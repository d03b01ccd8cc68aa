import { FieldValue, type Firestore, type Transaction, type WriteBatch, type BulkWriter } from 'firebase-admin/firestore';
import { type CaseDoc, type CounterDoc, type CounterShards, addCounterDelta, counterWrites, emptyCounter, sumCounters } from '../domain';
import { loadPolicy } from './config';
import { increments, refs, writeIncrements } from './db';
import { casesById, countersById } from './queries';

/**
 * Nested increments from dotted paths ({'state.reported': -1} → {state: {reported: increment(-1)}};
 * any depth: a city's `child.621126.open`).
 */
export function incrementsOf(delta: Record<string, number>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, n] of Object.entries(delta)) {
    const parts = path.split('.');
    let o = out;
    for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
    o[parts[parts.length - 1]!] = FieldValue.increment(n);
  }
  return out;
}

/**
 * Writes the dashboard counters for a case change inside the caller's transaction (or batch):
 * exactly once with the change itself, into the shards the county's policy sizes
 * (`counterShards`). Returns how many shard documents it wrote.
 */
export function writeCounters(
  db: Firestore,
  w: Transaction | WriteBatch | BulkWriter,
  before: CaseDoc | null,
  after: CaseDoc | null,
  shards?: CounterShards,
): number {
  const writes = counterWrites(before, after, shards);
  const inc = increments(db);
  for (const t of writes)
    writeIncrements(w, inc.counter(t.id), { unitId: t.unitId, level: t.level, shard: t.shard }, incrementsOf(t.delta));
  return writes.length;
}

/** A city's or province's per-child figures in a stable order, zeros left out (for comparing). */
function childFigures(x: Pick<CounterDoc, 'child'>): [string, [string, number][]][] {
  return Object.entries(x.child ?? {})
    .map(
      ([code, f]) =>
        [
          code,
          Object.entries(f)
            .filter(([, n]) => n !== 0)
            .sort(),
        ] as [string, [string, number][]],
    )
    .filter(([, f]) => f.length > 0)
    .sort(([a], [b]) => a.localeCompare(b));
}

export interface CounterRebuildReport {
  casesRead: number;
  /** Shard documents of the county (or all) before and after. */
  shardsBefore: number;
  shardsAfter: number;
  /** Units whose figures were wrong (their sums differed from the cases; at most 100 listed). */
  wrongUnits: string[];
  wrongCount: number;
}

/**
 * `fengqiao counters verify|rebuild`: recounts the live counters from the cases (one read per
 * case) and compares each unit's sum with the stored shards; rebuild rewrites a unit's shards in
 * the county's present shard count (`counterShards`) and deletes the rest — after a change of
 * the shard policy (the old shards keep every sum right, but are read on each load until
 * folded), or after `access rebuild` moved cases between units. Run it when no cases change
 * (a change counted between the read and the rewrite would be lost).
 */
export async function rebuildCounters(
  db: Firestore,
  opts: { repair?: boolean; countyId?: string; pageSize?: number; shardsOf?: (countyId: string) => Promise<CounterShards> } = {},
): Promise<CounterRebuildReport> {
  const shardsOf = opts.shardsOf ?? (async (c: string) => (await loadPolicy(db, c)).counterShards);
  const pageSize = opts.pageSize ?? 300;
  const want = new Map<string, CounterDoc>();
  const shardCache = new Map<string, CounterShards>();
  let casesRead = 0;
  let after: string | null = null;
  for (;;) {
    let q = casesById(db, opts.countyId).limit(pageSize);
    if (after) q = q.startAfter(after);
    const page = await q.get();
    for (const d of page.docs) {
      const c = d.data();
      casesRead++;
      let shards = shardCache.get(c.countyId);
      if (!shards) shardCache.set(c.countyId, (shards = await shardsOf(c.countyId)));
      for (const t of counterWrites(null, c, shards)) {
        want.set(t.id, addCounterDelta(want.get(t.id) ?? emptyCounter(t.unitId, t.level, t.shard), t.delta));
      }
    }
    if (page.size < pageSize) break;
    after = page.docs[page.docs.length - 1]!.id;
  }
  // A county's run leaves its city and province alone (their shards count other counties too):
  // they are checked and rebuilt by the run over every case (no county given).
  const mine = (unitId: string) => !opts.countyId || unitId.startsWith(opts.countyId);
  for (const [id, doc] of want) if (!mine(doc.unitId)) want.delete(id);
  const stored = (await countersById(db).get()).docs.filter((d) => mine(d.data().unitId));
  const byUnit = (docs: CounterDoc[]) => {
    const m = new Map<string, CounterDoc[]>();
    for (const d of docs) m.set(d.unitId, [...(m.get(d.unitId) ?? []), d]);
    return m;
  };
  const have = byUnit(stored.map((d) => d.data() as CounterDoc));
  const need = byUnit([...want.values()]);
  const wrong: string[] = [];
  for (const unit of new Set([...have.keys(), ...need.keys()])) {
    const a = sumCounters(have.get(unit) ?? []);
    const b = sumCounters(need.get(unit) ?? []);
    const figures = (x: typeof a) => (x ? JSON.stringify([x.total, x.open, x.overdue, x.state, x.tier, x.colour, childFigures(x)]) : '');
    const zero = (x: typeof a) => !x || (x.total === 0 && x.open === 0 && x.overdue === 0);
    if (figures(a) !== figures(b) && !(zero(a) && zero(b))) wrong.push(unit);
  }
  if (opts.repair) {
    const w = db.bulkWriter();
    for (const d of stored) if (!want.has(d.id)) void w.delete(d.ref);
    for (const [id, doc] of want) void w.set(refs(db).counter(id), doc);
    await w.close();
  }
  return {
    casesRead,
    shardsBefore: stored.length,
    shardsAfter: opts.repair ? want.size : stored.length,
    wrongUnits: wrong.slice(0, 100),
    wrongCount: wrong.length,
  };
}
