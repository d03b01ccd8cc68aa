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
  commandHasText,
  transition,
  report,
  gridActionCommand,
  type DirectoryDoc,
  withRobots,
} from '../domain';
import { loadDirectory, loadPolicy, withCalendar, yearsOf } from './config';
import { learnDirectoryEntry } from './directory';
import { isWriteConflict, replaceCaseIfUnchanged } from './case-write';
import { refs } from './db';
import { writeCounters } from './counters';
import { writeStats } from './stats';
import { searchDocFor } from './search-index';
import { type Get, prepareMediation } from './mediation-service';
import { caseMaskFor, sealMaskMaterial } from './mask-seal';

export interface ApplyResult {
  caseId: string;
  version: number;
  state: CaseDoc['state'];
  tier: CaseDoc['tier'];
}

/**
 * Checks what the state machine cannot see from the case alone: that named departments, users
 * and cases exist and fit (plain reads: these documents only have to exist and fit).
 */
async function checkReferences(get: Get, db: Firestore, c: CaseDoc, cmd: CaseCommand, dir: DirectoryDoc): Promise<void> {
  const r = refs(db);
  const userIn = async (uid: string, as: keyof typeof ASSIGNABLE_ROLES, what: string) => {
    const u = (await get(r.user(uid))).data();
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
        if (dir.departments[id]) continue; // in the county's directory: no read
        const d = (await get(r.department(id))).data();
        if (!d || d.countyId !== c.countyId)
          throw new GuardError('invalid-argument', '所选部门不存在或不在本县范围内', `department ${id} not in county ${c.countyId}`);
        await learnDirectoryEntry(db, 'department', id, () => d); // found by reading: the directory learns it
      }
      return;
    case 'record_origin':
    case 'send_to_court': {
      // The referrer (or the court sent to) is a department of the case's county, of the right kind.
      const kind = cmd.action === 'send_to_court' ? 'court' : cmd.kind;
      if (dir.departments[cmd.departmentId] === kind) return;
      const d = (await get(r.department(cmd.departmentId))).data();
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
      const other = (await get(r.case(cmd.duplicateOf))).data();
      if (!other || other.countyId !== c.countyId)
        throw new GuardError('invalid-argument', '所指的原案件不存在', `case ${cmd.duplicateOf} not found in county`);
      return;
    }
    default:
      return;
  }
}

/**
 * Applies one command to a case: the case read once, the transition computed, and the new case,
 * its one immutable event (its ID is the new version, so it can only be written once), counters,
 * statistics and the mediation it touches committed in one batch on condition that the case (and
 * that mediation) was not written since it was read (case-write.ts). No lock is taken: under a
 * burst of conflicting commands one wins and the rest fail with "已被他人更新" when they read the
 * case again. The relation (access lists) is recomputed by `transition`. `expectedVersion` null
 * means "whatever is current" (a system command).
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
  const get: Get = (ref) => ref.get();
  const conflict = (found: number | string) =>
    new GuardError(
      'failed-precondition',
      '案件已被他人更新，请刷新后重试',
      `version conflict on ${caseId}: expected ${expectedVersion}, found ${found}`,
    );
  for (let attempt = 0; ; attempt++) {
    const snap = await r.case(caseId).get();
    const c = snap.data();
    // Someone with no relation to the case gets the same answer whether it exists or not.
    if (!c || !seesCase(claims, actor.uid, c, cmd.action)) {
      throw new GuardError('not-found', '案件不存在或您无权查看', 'case not found or not visible to the caller');
    }
    if (expectedVersion !== null && c.version !== expectedVersion) throw conflict(c.version);
    const [policy, dir] = await Promise.all([loadPolicy(db, c.countyId), loadDirectory(db, c.countyId)]);
    await checkReferences(get, db, c, cmd, dir);
    const med = await prepareMediation(get, db, c, cmd);
    // Free text (notes, summaries, replies) is stored masked with this case's parties
    // (domain/privacy.ts), taken from the case's seal (lib/mask-seal.ts); their document is read
    // only when the command brings new text and the case has no seal that opens.
    const mask = commandHasText(med.cmd)
      ? await caseMaskFor(c, async () => (await r.casePrivate(caseId).get()).data())
      : caseMaskOptions(null, c);
    const at = now();
    const t = await withCalendar(db, yearsOf(c.createdAt, at), (cal) => transition(c, med.cmd, actor, claims, at, policy, cal, mask));
    // The robots its alerts go to ride on the event: the trigger looks up no webhooks.
    const event = withRobots(t.event, caseId, dir);
    // A command that writes the mediation document records on the case that it has one.
    const next: CaseDoc = med.writes && t.next.hasMediation !== true ? { ...t.next, hasMediation: true } : t.next;
    const b = db.batch();
    replaceCaseIfUnchanged(b, snap, c, next);
    med.write(b, next, at);
    b.create(r.caseEvent(caseId, event.seq), event);
    writeCounters(db, b, c, next, policy.counterShards);
    writeStats(db, b, caseId, event);
    try {
      await b.commit();
    } catch (e) {
      if (!isWriteConflict(e)) throw e;
      // Written since it was read: read it again. A new version refuses a stale command (above);
      // a write that left the version alone (e.g. a mediation session marking hasMediation) does not.
      if (attempt >= 4) throw expectedVersion !== null ? conflict('a newer one (written since it was read)') : e;
      continue;
    }
    return { caseId, version: next.version, state: next.state, tier: next.tier };
  }
}

/**
 * 登记/上报 in one batch of creates. The case ID derives from (namespace, requestId), so a resend
 * finds the case existing (the batch fails whole) and changes nothing. Reads: the grid, and the
 * case only on a resend.
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
  const countyId = input.gridId.slice(0, 6);
  const [policy, dir] = await Promise.all([loadPolicy(db, countyId), loadDirectory(db, countyId)]);
  const existing = async () => {
    const was = (await r.case(caseId).get()).data();
    return was ? { caseId, created: false, state: was.state, tier: was.tier } : null;
  };
  // The grid is checked in the county's directory; one not (yet) there is read, and added.
  if (!dir.grids[input.gridId]) {
    const grid = await r.grid(input.gridId).get();
    if (!grid.exists) {
      const was = await existing(); // a resend of a case whose grid is gone since
      if (was) return was;
      throw new GuardError('invalid-argument', '网格不存在', `grid ${input.gridId} not found`);
    }
    await learnDirectoryEntry(db, 'grid', input.gridId, () => grid.data());
  }
  const at = now();
  const { plan, then } = await withCalendar(db, yearsOf(at), (cal) => {
    const plan = report(input, caseId, actor, claims, at, policy, cal, decorate);
    // The grid worker's choice (就地化解 / 上报村(社区)) is the case's second event, written in
    // the same batch: the case never sits at the grid without someone acting on it.
    const cmd = gridActionCommand(input, plan.next);
    const then =
      cmd && !('system' in claims)
        ? transition(plan.next, cmd, actor, claims, at, policy, cal, caseMaskOptions(plan.privateDoc, plan.next))
        : null;
    return { plan, then };
  });
  const { next: created, event } = plan;
  // The case carries its parties sealed for the server, so later commands mask text without reading them.
  const final: CaseDoc = { ...(then?.next ?? created), maskSeal: sealMaskMaterial(caseId, plan.privateDoc) };
  // Everything is created, never overwritten: when the case exists (a resend), the batch
  // fails whole and the existing case is the answer.
  const b = db.batch();
  b.create(r.case(caseId), final);
  writeCounters(db, b, null, final, policy.counterShards);
  writeStats(db, b, caseId, event);
  b.create(r.casePrivate(caseId), plan.privateDoc);
  b.create(r.caseSearch(caseId), searchDocFor(plan.privateDoc));
  b.create(r.caseEvent(caseId, 1), withRobots(event, caseId, dir));
  if (then) {
    writeStats(db, b, caseId, then.event);
    b.create(r.caseEvent(caseId, then.event.seq), withRobots(then.event, caseId, dir));
  }
  try {
    await b.commit();
  } catch (e) {
    const was = isWriteConflict(e) ? await existing() : null;
    if (was) return was;
    throw e;
  }
  return { caseId, created: true, state: final.state, tier: final.tier };
}
