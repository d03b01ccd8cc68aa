import type { WorkCalendar } from './calendar';
import { type CaseDoc, type CaseEvent, type Actor, caseAfter } from './case-model';
import { type CaseCommand, type DraftTransition, GuardError, applyCommand } from './case-machine';
import { caseAccess } from './access';
import { withClocks } from './clocks';
import type { DeadlinePolicy } from './deadlines';
import { type PlannedReport, type ReportCaseInput, type SystemReporter, planReport } from './intake';
import { type MaskOptions, maskCaseTexts, maskEventTexts } from './privacy';
import type { Claims } from './roles';
import { withStatsFacts } from './stats';

/**
 * The one way to change a case (pure): the command applied by the state machine, free text masked,
 * and the transition finished — clocks brought up to date, the access lists (who reads the case
 * and its parties) recomputed, the event given its statistics facts. The case service, the sweep
 * and the seed all call this; an event that has not been through it is a `CaseEventDraft`, which
 * the data-access layer does not accept as a `CaseEvent`.
 */
export interface Transition {
  next: CaseDoc;
  event: CaseEvent;
}

/**
 * Applies `cmd` to `c`. `mask`: the case's parties and addresses to mask free text with (notes,
 * reasons, summaries, replies — domain/privacy.ts); null writes the text as given (the demo seed).
 */
export function transition(
  c: CaseDoc,
  cmd: CaseCommand,
  actor: Actor,
  claims: Claims | 'system',
  now: Date,
  policy: DeadlinePolicy,
  cal: WorkCalendar,
  mask: MaskOptions | null,
): Transition {
  const t = applyCommand(c, cmd, actor, claims, now);
  return finish(c, mask ? { next: maskCaseTexts(t.next, mask), event: maskEventTexts(t.event, mask) } : t, policy, cal);
}

/**
 * A new case (登记/上报): planned by `planReport` (which masks its own texts), `decorate`d by the
 * caller (e.g. a walk-in's reception facts), then finished like every transition.
 */
export function report(
  input: ReportCaseInput,
  caseId: string,
  actor: Actor,
  claims: Claims | SystemReporter,
  now: Date,
  policy: DeadlinePolicy,
  cal: WorkCalendar,
  decorate: (c: CaseDoc) => CaseDoc = (c) => c,
): Transition & Pick<PlannedReport, 'privateDoc'> {
  const plan = planReport(input, caseId, actor, claims, now);
  return { ...finish(null, { next: decorate(plan.caseDoc), event: plan.event }, policy, cal), privateDoc: plan.privateDoc };
}

/**
 * The grid worker's choice at submission as the command the machine runs right after the report
 * (event 2), or null when there is none. Refused when the case does not start at the grid.
 */
export function gridActionCommand(input: ReportCaseInput, created: CaseDoc): CaseCommand | null {
  const g = input.gridAction;
  if (!g) return null;
  if (created.tier !== 'grid') {
    throw new GuardError(
      'failed-precondition',
      '该案件按规定直接由上级受理，无需选择就地化解或上报',
      `gridAction on a case that starts at tier ${created.tier}`,
    );
  }
  return g.kind === 'resolve' ? { action: 'resolve', outcome: g.outcome, note: g.note } : { action: 'escalate', reason: g.reason };
}

/** A transition made whole: clocks, the relation, statistics facts. */
function finish(prev: CaseDoc | null, t: DraftTransition, p: DeadlinePolicy, cal: WorkCalendar): Transition {
  const clocked = withClocks(prev, t.next, t.event, p, cal);
  // The relation (who reads the case and its parties) follows every change of tier, handler,
  // mediator, leader, department or 督办件 — here, so no write path can forget it.
  const next: CaseDoc = { ...clocked, ...caseAccess(clocked) };
  // The event carries the case as its fan-out needs it (onCaseEvent reads neither).
  return { next, event: { ...withStatsFacts(next, t.event, cal), after: caseAfter(next) } };
}
