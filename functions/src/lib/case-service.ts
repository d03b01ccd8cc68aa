import type { Firestore } from 'firebase-admin/firestore';
import {
  type ReportCaseInput,
  type SystemReporter,
  type Actor,
  type CaseCommand,
  type CaseDoc,
  type Claims,
  GuardError,
  ASSIGNABLE_ROLES,
  mayBeAssigned,
  seesCase,
  caseMaskOptions,
  transition,
  report,
  gridActionCommand,
} from '../domain';
import { loadCalendar, loadPolicy } from './config';
import { refs } from './db';
import { writeCounters } from './counters';
import { writeStats } from './stats';
import { searchDocFor } from './search-index';
import { prepareMediation } from './mediation-service';

export interface ApplyResult {
  caseId: string;
  version: number;
  state: CaseDoc['state'];
  tier: CaseDoc['tier'];
}

/**
 * Checks what the state machine cannot see from the case alone: that named departments, users
 * and cases exist and fit. Runs inside the transaction (reads before writes).
 */
async function checkReferences(tx: FirebaseFirestore.Transaction, db: Firestore, c: CaseDoc, cmd: CaseCommand): Promise<void> {
  const r = refs(db);
  const userIn = async (uid: string, as: keyof typeof ASSIGNABLE_ROLES, what: string) => {
    const u = (await tx.get(r.user(uid))).data();
    if (!u?.active || !mayBeAssigned(as, u.role) || u.countyId !== c.countyId) {
      throw new GuardError(
        'invalid-argument',
        `所选${what}不存在或不在本县范围内`,
        `${uid} is not an active ${ASSIGNABLE_ROLES[as].join('/')} in county ${c.countyId}`,
      );
    }
  };
  switch (cmd.action) {
    case 'dispatch':
      for (const id of cmd.departmentIds) {
        const d = (await tx.get(r.department(id))).data();
        if (!d || d.countyId !== c.countyId)
          throw new GuardError('invalid-argument', '所选部门不存在或不在本县范围内', `department ${id} not in county ${c.countyId}`);
      }
      return;
    case 'record_origin':
    case 'send_to_court': {
      // The referrer (or the court sent to) is a department of the case's county, of the right kind.
      const kind = cmd.action === 'send_to_court' ? 'court' : cmd.kind;
      const d = (await tx.get(r.department(cmd.departmentId))).data();
      if (!d || d.countyId !== c.countyId || d.kind !== kind) {
        const what = kind === 'court' ? '法院' : kind === 'police' ? '公安派出所' : '信访部门';
        throw new GuardError(
          'invalid-argument',
          `所选${what}不存在或不在本县范围内`,
          `department ${cmd.departmentId} is not a ${kind} of county ${c.countyId}`,
        );
      }
      return;
    }
    case 'assign_handler':
      return userIn(cmd.handlerUid, 'handler', '承办人');
    case 'assign_mediator':
      // A registry mediator (mediatorId) is checked by prepareMediation (lib/mediation-service.ts).
      return cmd.mediatorUid ? userIn(cmd.mediatorUid, 'mediator', '调解员') : undefined;
    case 'assign_leader':
      return userIn(cmd.leaderUid, 'leader', '包案领导');
    case 'mark_duplicate': {
      const other = (await tx.get(r.case(cmd.duplicateOf))).data();
      if (!other || other.countyId !== c.countyId)
        throw new GuardError('invalid-argument', '所指的原案件不存在', `case ${cmd.duplicateOf} not found in county`);
      return;
    }
    default:
      return;
  }
}

/**
 * Applies one command to a case: compare-and-set on `version` inside a transaction, one immutable
 * event per transition (its ID is the new version, so it can only be written once), and the
 * relation (access lists) recomputed by `transition`. `expectedVersion` null means "whatever is current" (the
 * sweep, which re-reads and re-checks the guard itself).
 */
export async function applyCaseCommand(
  db: Firestore,
  caseId: string,
  expectedVersion: number | null,
  cmd: CaseCommand,
  actor: Actor,
  claims: Claims | 'system',
  now: () => Date,
): Promise<ApplyResult> {
  const r = refs(db);
  const cal = await loadCalendar(db);
  // A stale version fails fast, before the transaction takes any lock: under a burst of
  // conflicting commands only those that read the current version contend. The transaction
  // below checks again (this read proves nothing by itself).
  if (expectedVersion !== null) {
    const seen = (await r.case(caseId).get()).data();
    if (seen && seesCase(claims, actor.uid, seen, cmd.action) && seen.version !== expectedVersion) {
      throw new GuardError(
        'failed-precondition',
        '案件已被他人更新，请刷新后重试',
        `version conflict on ${caseId}: expected ${expectedVersion}, found ${seen.version}`,
      );
    }
  }
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(r.case(caseId));
    const c = snap.data();
    // Someone with no relation to the case gets the same answer whether it exists or not.
    if (!c || !seesCase(claims, actor.uid, c, cmd.action)) {
      throw new GuardError('not-found', '案件不存在或您无权查看', 'case not found or not visible to the caller');
    }
    if (expectedVersion !== null && c.version !== expectedVersion) {
      throw new GuardError(
        'failed-precondition',
        '案件已被他人更新，请刷新后重试',
        `version conflict on ${caseId}: expected ${expectedVersion}, found ${c.version}`,
      );
    }
    await checkReferences(tx, db, c, cmd);
    const med = await prepareMediation(tx, db, c, cmd);
    const policy = await loadPolicy(db, c.countyId);
    // Free text (notes, summaries, replies) is stored masked with this case's parties (domain/privacy.ts).
    const mask = caseMaskOptions((await tx.get(r.casePrivate(caseId))).data(), c);
    const at = now();
    const { next, event } = transition(c, med.cmd, actor, claims, at, policy, cal, mask);
    tx.set(r.case(caseId), next);
    med.write(tx, next, at);
    tx.create(r.caseEvent(caseId, event.seq), event);
    writeCounters(db, tx, c, next, policy.counterShards);
    writeStats(db, tx, caseId, event);
    return { caseId, version: next.version, state: next.state, tier: next.tier };
  });
}

/**
 * 登记/上报 in one transaction. The case ID derives from (namespace, requestId), so a resend
 * finds the existing case and changes nothing.
 */
export async function reportCaseTx(
  db: Firestore,
  caseId: string,
  input: ReportCaseInput,
  actor: Actor,
  claims: Claims | SystemReporter,
  now: () => Date,
  decorate: (c: CaseDoc) => CaseDoc = (c) => c,
): Promise<{ caseId: string; created: boolean; state: CaseDoc['state']; tier: CaseDoc['tier'] }> {
  const r = refs(db);
  const [policy, cal] = await Promise.all([loadPolicy(db, input.gridId.slice(0, 6)), loadCalendar(db)]);
  return db.runTransaction(async (tx) => {
    const existing = await tx.get(r.case(caseId));
    const was = existing.data();
    if (was) return { caseId, created: false, state: was.state, tier: was.tier };
    const grid = await tx.get(r.grid(input.gridId));
    if (!grid.exists) throw new GuardError('invalid-argument', '网格不存在', `grid ${input.gridId} not found`);
    const at = now();
    const plan = report(input, caseId, actor, claims, at, policy, cal, decorate);
    const { next: created, event } = plan;
    // The grid worker's choice (就地化解 / 上报村(社区)) is the case's second event, written in
    // the same transaction: the case never sits at the grid without someone acting on it.
    const cmd = gridActionCommand(input, created);
    const then =
      cmd && !('system' in claims)
        ? transition(created, cmd, actor, claims, at, policy, cal, caseMaskOptions(plan.privateDoc, created))
        : null;
    const final = then?.next ?? created;
    tx.create(r.case(caseId), final);
    writeCounters(db, tx, null, final, policy.counterShards);
    writeStats(db, tx, caseId, event);
    tx.create(r.casePrivate(caseId), plan.privateDoc);
    tx.create(r.caseSearch(caseId), searchDocFor(plan.privateDoc));
    tx.create(r.caseEvent(caseId, 1), event);
    if (then) {
      writeStats(db, tx, caseId, then.event);
      tx.create(r.caseEvent(caseId, then.event.seq), then.event);
    }
    return { caseId, created: true, state: final.state, tier: final.tier };
  });
}
