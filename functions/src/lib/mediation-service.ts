/**
 * The mediation chain's server side (domain/mediation.ts): the registry mediator of a case, the
 * registry's figures (moved by exact increments in the same transaction as the change that causes
 * them), sessions, the agreement with its 司法确认 clock and 履行 tasks.
 */
import {
  type DocumentReference,
  type DocumentSnapshot,
  FieldValue,
  type Firestore,
  type Transaction,
  WriteBatch,
} from 'firebase-admin/firestore';
import {
  type CaseCommand,
  type CaseDoc,
  type Claims,
  type MediationDoc,
  type MediationFigures,
  GuardError,
  MEDIATION_RELATIONS,
  MediationDoc as MediationSchema,
  emptyMediation,
  figureDelta,
  mayBeAssigned,
  mediationSweepAt,
  relationsOf,
} from '../domain';
import { increments, refs, writeIncrements } from './db';
import { replaceIfUnchanged } from './case-write';

/** A transaction's or a plain read (`(ref) => tx.get(ref)`, `(ref) => ref.get()`). */
export type Get = <T>(ref: DocumentReference<T>) => Promise<DocumentSnapshot<T>>;

/** Moves a registry entry's figures (mediator and its organisation) by `d`. */
export function writeFigures(
  db: Firestore,
  tx: Transaction | WriteBatch,
  m: Pick<MediationDoc, 'mediatorId' | 'orgId'>,
  d: MediationFigures,
): void {
  const changed = Object.entries(d).filter(([, v]) => v !== 0);
  if (changed.length === 0) return;
  const figures = { figures: Object.fromEntries(changed.map(([k, v]) => [k, FieldValue.increment(v)])) };
  if (m.mediatorId) writeIncrements(tx, increments(db).mediator(m.mediatorId), {}, figures);
  if (m.orgId) writeIncrements(tx, increments(db).mediationOrg(m.orgId), {}, figures);
}

/**
 * A mediation's status change, with its figures (the document and the counters in one transaction).
 * In a batch (an optimistic case command, lib/case-service.ts) the mediation read at `seen` is
 * replaced on condition that it was not written since, or created if it did not exist: a change in
 * between fails the batch whole.
 */
export function writeMediation(
  db: Firestore,
  tx: Transaction | WriteBatch,
  before: MediationDoc | null,
  after: MediationDoc,
  seen?: DocumentSnapshot<MediationDoc>,
): void {
  const ref = refs(db).mediation(after.caseId);
  if (tx instanceof WriteBatch && seen) {
    if (before && seen.exists) replaceIfUnchanged(tx, seen, MediationSchema, before, after);
    else tx.create(ref, after);
  } else (tx as WriteBatch).set(ref, after); // a transaction's `set` takes the same arguments
  if (before && before.mediatorId === after.mediatorId && before.orgId === after.orgId) {
    writeFigures(db, tx, after, figureDelta(before, after));
  } else {
    // Another mediator (or organisation): the case leaves the old entries and joins the new ones.
    if (before) writeFigures(db, tx, before, figureDelta(before, { status: 'reassigned', satisfaction: null }));
    writeFigures(db, tx, after, figureDelta(null, after));
  }
}

/**
 * Records on the case (read in the same transaction) that it has a mediation document, so a 回访
 * reads it (CaseDoc.hasMediation). The version stays: a command in flight reads the case again.
 */
export function markHasMediation(db: Firestore, tx: Transaction, c: Pick<CaseDoc, 'id' | 'hasMediation'>): void {
  if (c.hasMediation !== true) tx.update(refs(db).case(c.id), { hasMediation: true });
}

export interface MediationPlan {
  /** The command to apply (a registry mediator's account filled in). */
  cmd: CaseCommand;
  /** Whether `write` writes the mediation document (the case then records that it has one). */
  writes: boolean;
  /** Writes after the transition (none when the command does not touch the mediation). */
  write: (w: Transaction | WriteBatch, next: CaseDoc, now: Date) => void;
}

/**
 * Reads (by `get`: plain reads for the case's optimistic batch, or a transaction's) what a command
 * needs of the mediation: `assign_mediator` with a registry mediator (`mediatorId`), and `callback`
 * (the resident's rating counts towards the mediator's 满意率). The mediation document is written
 * with a precondition on the read (`writeMediation`). Other commands read nothing.
 */
export async function prepareMediation(get: Get, db: Firestore, c: CaseDoc, cmd: CaseCommand): Promise<MediationPlan> {
  const r = refs(db);
  const none: MediationPlan = { cmd, writes: false, write: () => {} };
  if (cmd.action === 'assign_mediator' && cmd.mediatorId) {
    const m = (await get(r.mediator(cmd.mediatorId))).data();
    if (!m?.active || m.countyId !== c.countyId)
      throw new GuardError(
        'invalid-argument',
        '所选调解员不存在或不在本县范围内',
        `registry mediator ${cmd.mediatorId} not active in ${c.countyId}`,
      );
    let uid = cmd.mediatorUid;
    if (m.uid && !uid) {
      const u = (await get(r.user(m.uid))).data();
      // A linked account that is inactive or out of the county: assigned by registry only.
      if (u?.active && mayBeAssigned('mediator', u.role) && u.countyId === c.countyId) uid = m.uid;
    }
    const seen = await get(r.mediation(c.id));
    const before = seen.data() ?? null;
    return {
      cmd: { ...cmd, mediatorUid: uid },
      writes: before?.mediatorId !== m.id,
      write: (tx2, _next, now) => {
        if (before?.mediatorId === m.id) return; // the same mediator again: nothing changes
        const base = before ?? emptyMediation(c.id, c.countyId, now);
        const after: MediationDoc = {
          ...base,
          mediatorId: m.id,
          mediatorName: m.name,
          mediatorTitle: m.title,
          orgId: m.orgId,
          orgName: m.orgName,
          status: base.agreement ? 'succeeded' : 'open',
          updatedAt: now,
        };
        writeMediation(db, tx2, before, after, seen);
      },
    };
  }
  // A case known to have no mediation document (hasMediation false) has nothing to rate.
  if (cmd.action === 'callback' && c.hasMediation !== false) {
    const seen = await get(r.mediation(c.id));
    const before = seen.data() ?? null;
    if (!before) return none;
    return {
      cmd,
      writes: true,
      write: (tx2, next, now) => writeMediation(db, tx2, before, { ...before, satisfaction: next.satisfaction, updatedAt: now }, seen),
    };
  }
  return none;
}

/** Those who record sessions, agreements, 司法确认 and 履行: the handler, a mediator, the leader in charge. */
export function requireMediationActor(claims: Claims, uid: string, c: CaseDoc | undefined): CaseDoc {
  const rel = c ? relationsOf(claims, uid, c) : new Set<string>();
  if (!c || rel.size === 0) throw new GuardError('not-found', '案件不存在或您无权查看', 'case not found or not related to the caller');
  if (!MEDIATION_RELATIONS.some((x) => rel.has(x)))
    throw new GuardError('permission-denied', '只有承办人、调解员或包案领导可以记录调解', `relations ${[...rel].join(',')}`);
  return c;
}

export { mediationSweepAt };
