/**
 * The deadline sweep (限时化解): finds the cases with something due (one indexed range query on
 * `sweepAt`, never a scan, streamed up to the run's budget), and for each one, in a single batch: marks warnings and breaches on
 * its clocks, writes their alerts and webhook deliveries (deterministic IDs), and escalates a
 * breached tier — or, at county, sends it to supervision (督办). Each case is read once, by the
 * query: its batch commits on condition that the case was not written since (`lastUpdateTime`),
 * so a case changed in between gets nothing partial and is left for the next run. Because marks,
 * alerts and the escalation commit together, a sweep killed halfway and run again reaches the
 * same state with nothing twice. The same code runs from the scheduled function and from
 * `fengqiao sweep --at <ISO time>`.
 */
import type { Firestore, QueryDocumentSnapshot } from 'firebase-admin/firestore';
import {
  type Actor,
  type CaseDoc,
  type CaseEvent,
  GuardError,
  type Tier,
  TIERS,
  alertsForClock,
  alertsForEvent,
  clockSummary,
  fireDueClocks,
  tierRank,
  isOverdue,
  transition,
} from '../domain';
import { loadPolicy, loadWebhooks, withCalendar, yearsOf } from './config';
import { isWriteConflict, replaceCaseIfUnchanged } from './case-write';
import { refs } from './db';
import { sweepDue } from './queries';
import { writeAlerts } from './clock-pass';
import { sweepHazards } from './hazard-sweep';
import { writeCounters } from './counters';
import { writeStats } from './stats';
import { type MediationSweepReport, sweepMediations } from './mediation-sweep';
import { type KeyPersonSweepReport, sweepKeyPersons } from './keyperson-sweep';
import { type NoticeSweepReport, sweepNotices } from './notice-service';
import { type MeetingSweepReport, sweepMeetingTasks } from './meeting-sweep';

export const SYSTEM_ACTOR: Actor = { uid: 'system:deadline-sweep', role: 'system', unitId: 'system', name: '限时化解自动处理' };

export interface SweepReport {
  at: string;
  batches: number;
  casesRead: number;
  casesChanged: number;
  warnings: number;
  breaches: number;
  escalated: number;
  supervised: number;
  alerts: number;
  webhooksQueued: number;
  /** Cases that changed between the query and the write: nothing of them was written; the next run sees them again. */
  conflicts: number;
  /** True when the batch limit stopped the sweep with due cases left (the next run continues). */
  more: boolean;
  /** 安全隐患 (lib/hazard-sweep.ts): warnings and breaches marked; their alerts and deliveries are in `alerts` and `webhooksQueued`. */
  hazardWarnings?: number;
  hazardBreaches?: number;
  /** The second pass: 司法确认 clocks and 履行 tasks of mediations (lib/mediation-sweep.ts). */
  mediations?: MediationSweepReport;
  /** 重点人员/重点部位 visit clocks (lib/keyperson-sweep.ts); their alerts and deliveries are also in `alerts` and `webhooksQueued`. */
  keyPersons?: KeyPersonSweepReport;
  /** The 预警提示单 pass (lib/notice-service.ts). */
  notices?: NoticeSweepReport;
  /** 研判交办 tasks (lib/meeting-sweep.ts); their alerts and deliveries are also in `alerts` and `webhooksQueued`. */
  meetingTasks?: MeetingSweepReport;
}

export interface SweepOptions {
  batchSize?: number;
  maxBatches?: number;
  /** Test hook: called after each case commits (a throw here simulates a crash mid-sweep). */
  afterCase?: (caseId: string, index: number) => void;
  /** Test hook: called between a case's query and its commit (a write here forces a conflict). */
  beforeCommit?: (caseId: string) => Promise<void>;
}

type CaseResult = Omit<SweepReport, 'at' | 'batches' | 'casesRead' | 'more' | 'casesChanged' | 'conflicts'>;

/**
 * One due case, from the query's own snapshot (no second read): its new state and everything
 * that goes with it commit in one batch on condition that the case was not written since the
 * query read it (case-write.ts). Returns what happened; null when nothing was due after all;
 * 'conflict' when the case changed in between — nothing of it was written, and the next run
 * finds it again if it is still due.
 */
async function sweepOne(
  db: Firestore,
  snap: QueryDocumentSnapshot<CaseDoc>,
  now: Date,
  beforeCommit?: (caseId: string) => Promise<void>,
): Promise<CaseResult | null | 'conflict'> {
  const r = refs(db);
  const caseId = snap.id;
  const c0 = snap.data();
  if (!c0.sweepAt || c0.sweepAt > now) return null;
  const policy = await loadPolicy(db, c0.countyId);
  const hooks = await loadWebhooks(db);
  const plan = await withCalendar(db, yearsOf(c0.createdAt, now), (cal) => {
    const { clocks, fired } = fireDueClocks(c0.clocks, now, policy, cal, c0);
    let c: CaseDoc = { ...c0, clocks, ...clockSummary(clocks, now) };
    c = { ...c, overdue: isOverdue(c) };
    const alerts = fired.flatMap((f) => alertsForClock(c0, f.clock, f.phase, now));
    const events: CaseEvent[] = [];
    let escalated = 0;
    let supervised = 0;
    // A breached tier clock escalates the case (上报/提级); at county it goes to supervision (the
    // sweep never escalates to the city: 上报市级 is the county center's decision), and so does a
    // breached city limit.
    const tierBreach = fired.find((f) => f.phase === 'breach' && f.clock.kind === 'tier' && f.clock.subject === c0.tier);
    if (tierBreach && ['reported', 'accepted', 'in_progress'].includes(c.state)) {
      const cmd =
        c.tier === 'county' || c.tier === 'city'
          ? ({ action: 'supervise', reason: `${TIER_ZH[c.tier]}级办理逾期，自动转督办` } as const)
          : ({
              action: 'escalate',
              reason: `${TIER_ZH[c.tier]}办理逾期，自动上报${TIER_ZH[TIERS[tierRank(c.tier) + 1] as Tier]}`,
            } as const);
      try {
        const done = transition(c, cmd, SYSTEM_ACTOR, 'system', now, policy, cal, null);
        c = done.next;
        events.push(done.event);
        if (cmd.action === 'escalate') escalated++;
        else supervised++;
        alerts.push(...alertsForEvent(c, done.event));
      } catch (e) {
        if (!(e instanceof GuardError)) throw e; // e.g. already supervised: the breach alert stands
      }
    }
    return { c, fired, alerts, events, escalated, supervised };
  });
  const { c, fired, alerts, events, escalated, supervised } = plan;
  const b = db.batch();
  replaceCaseIfUnchanged(b, snap, c0, c);
  writeCounters(db, b, c0, c, policy.counterShards);
  for (const e of events) {
    b.create(r.caseEvent(caseId, e.seq), e);
    writeStats(db, b, caseId, e);
  }
  const queued = writeAlerts(db, b, alerts, hooks, now).webhooksQueued;
  await beforeCommit?.(caseId);
  try {
    await b.commit();
  } catch (e) {
    if (isWriteConflict(e)) return 'conflict';
    throw e;
  }
  return {
    warnings: fired.filter((f) => f.phase === 'warning').length,
    breaches: fired.filter((f) => f.phase === 'breach').length,
    escalated,
    supervised,
    alerts: alerts.length,
    webhooksQueued: queued,
  };
}

const TIER_ZH: Record<Tier, string> = { grid: '网格', village: '村（社区）', town: '乡镇（街道）', county: '县', city: '市' };

export async function runSweep(db: Firestore, now: Date, opts: SweepOptions = {}): Promise<SweepReport> {
  const batchSize = opts.batchSize ?? 200;
  const maxBatches = opts.maxBatches ?? 50;
  const report: SweepReport = {
    at: now.toISOString(),
    batches: 0,
    casesRead: 0,
    casesChanged: 0,
    warnings: 0,
    breaches: 0,
    escalated: 0,
    supervised: 0,
    alerts: 0,
    webhooksQueued: 0,
    conflicts: 0,
    more: false,
  };
  const cases = await sweepCases(db, now, report, batchSize, maxBatches, opts);
  const mediations = await sweepMediations(db, now, batchSize, maxBatches);
  const hz = await sweepHazards(db, now, batchSize, maxBatches);
  const kp = await sweepKeyPersons(db, now, batchSize, maxBatches);
  const notices = await sweepNotices(db, now, batchSize, maxBatches);
  const mt = await sweepMeetingTasks(db, now, batchSize, maxBatches);
  return {
    ...cases,
    mediations,
    alerts: cases.alerts + hz.alerts + kp.alerts + notices.alerts + mt.alerts,
    webhooksQueued: cases.webhooksQueued + hz.webhooksQueued + kp.webhooksQueued + mt.webhooksQueued,
    hazardWarnings: hz.hazardWarnings,
    hazardBreaches: hz.hazardBreaches,
    keyPersons: kp,
    notices,
    meetingTasks: {
      tasksRead: mt.tasksRead,
      taskWarnings: mt.taskWarnings,
      taskBreaches: mt.taskBreaches,
      alerts: mt.alerts,
      webhooksQueued: mt.webhooksQueued,
    },
    more: cases.more || hz.more || kp.more || notices.more || mt.more,
  };
}

async function sweepCases(
  db: Firestore,
  now: Date,
  report: SweepReport,
  batchSize: number,
  maxBatches: number,
  opts: SweepOptions,
): Promise<SweepReport> {
  // Only what is due: sweepAt <= now, earliest first, in ONE query up to the run's budget
  // (batchSize × maxBatches), streamed and handled as it arrives: each due case is read once,
  // and no empty query ends the run (a query that returns nothing still costs a read). The
  // results are the query's snapshot; each case's batch is conditional on it (sweepOne).
  const budget = batchSize * maxBatches;
  let index = 0;
  report.batches = 1;
  const stream = sweepDue(db, now).limit(budget).stream() as unknown as AsyncIterable<QueryDocumentSnapshot<CaseDoc>>;
  for await (const d of stream) {
    report.casesRead++;
    const res = await sweepOne(db, d, now, opts.beforeCommit);
    if (res === 'conflict') report.conflicts++;
    else if (res) {
      report.casesChanged++;
      for (const k of ['warnings', 'breaches', 'escalated', 'supervised', 'alerts', 'webhooksQueued'] as const) report[k] += res[k];
    }
    opts.afterCase?.(d.id, index++);
  }
  // The budget ran out with (maybe) more due: the next run goes on.
  report.more = report.casesRead >= budget;
  return report;
}
