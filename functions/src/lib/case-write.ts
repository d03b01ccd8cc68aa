/**
 * Optimistic writes of a case: the case is read once (a query's snapshot, or a plain get — no
 * transaction, no lock), and its new state commits in one batch with everything that goes with
 * it (event, counters, statistics, alerts) on condition that the case was not written since it
 * was read (`lastUpdateTime` precondition). The batch commits whole or not at all: a conflict
 * writes nothing, and the caller refuses (a stale version) or reads again (the sweep's next run).
 */
import { FieldValue, type DocumentSnapshot, type WriteBatch } from 'firebase-admin/firestore';
import type { z } from 'zod';
import { CaseDoc } from '../domain';

const FAILED_PRECONDITION = 9;
const ALREADY_EXISTS = 6;

/**
 * Puts the replacement of the document read at `snap` (as `before`) by `next` into `b`,
 * conditional on `snap`'s update time: validated by `schema` as the converter would, and every
 * field `next` no longer has removed, as a full `set` would.
 */
export function replaceIfUnchanged<S extends z.ZodType<object>>(
  b: WriteBatch,
  snap: DocumentSnapshot<z.infer<S>>,
  schema: S,
  before: z.infer<S>,
  next: z.infer<S>,
): void {
  const data: Record<string, unknown> = { ...(schema.parse(next) as Record<string, unknown>) };
  for (const k of Object.keys(before as object)) if (!(k in data)) data[k] = FieldValue.delete();
  if (!snap.updateTime) throw new Error(`${snap.ref.path} was read without an update time`);
  b.update(snap.ref, data as never, { lastUpdateTime: snap.updateTime });
}

/** The case read at `snap`, replaced by `next` on condition that it was not written since. */
export function replaceCaseIfUnchanged(b: WriteBatch, snap: DocumentSnapshot<CaseDoc>, before: CaseDoc, next: CaseDoc): void {
  replaceIfUnchanged(b, snap, CaseDoc, before, next);
}

/** True when a commit failed because the case (or its next event) was written in between. */
export function isWriteConflict(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === FAILED_PRECONDITION || code === ALREADY_EXISTS;
}
