/**
 * A read meter: every listener and one-shot read in ./hooks.ts reports how many documents it was
 * billed for (an empty query result counts as one read, as Firestore bills it). First results
 * (`initial`) and later changes (`updates`) are kept apart: the browser test checks the
 * dashboard's first load against its budget from `window.__fengqiaoReads`. It only counts.
 */
export interface ReadMeter {
  /** Reads of first results: what loading a page costs. */
  initial: number;
  /** Reads of later changes pushed to live listeners. */
  updates: number;
  /** Initial reads by query or document kind. */
  byLabel: Record<string, number>;
  reset(): void;
}

const meter: ReadMeter = {
  initial: 0,
  updates: 0,
  byLabel: {},
  reset() {
    meter.initial = 0;
    meter.updates = 0;
    meter.byLabel = {};
  },
};

declare global {
  interface Window {
    __fengqiaoReads?: ReadMeter;
  }
}
if (typeof window !== 'undefined') window.__fengqiaoReads = meter;

/** Records the billed reads of a first result (at least one per query). */
export function countReads(label: string, docs: number) {
  const n = Math.max(1, docs);
  meter.initial += n;
  meter.byLabel[label] = (meter.byLabel[label] ?? 0) + n;
}

/** Records reads of changes pushed to a live listener. */
export function countUpdates(docs: number) {
  meter.updates += docs;
}
