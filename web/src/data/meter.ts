/**
 * A read meter: every listener and one-shot read in ./hooks.ts reports how many documents it was
 * billed for (an empty query result counts as one read, as Firestore bills it). The browser test
 * reads it from `window.__fengqiaoReads` to check the dashboard's first load against its budget;
 * it only counts, and exists in every build (a few bytes).
 */
export interface ReadMeter {
  total: number;
  byLabel: Record<string, number>;
  reset(): void;
}

const meter: ReadMeter = {
  total: 0,
  byLabel: {},
  reset() {
    meter.total = 0;
    meter.byLabel = {};
  },
};

declare global {
  interface Window {
    __fengqiaoReads?: ReadMeter;
  }
}
if (typeof window !== 'undefined') window.__fengqiaoReads = meter;

/** Records `docs` billed reads for a query or document (at least one per query). */
export function countReads(label: string, docs: number) {
  const n = Math.max(1, docs);
  meter.total += n;
  meter.byLabel[label] = (meter.byLabel[label] ?? 0) + n;
}
