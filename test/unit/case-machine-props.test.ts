// Property-based tests (fast-check) of the state machine's invariants over random command
// sequences from random actors.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CaseCommand,
  type CaseDoc,
  type Claims,
  GuardError,
  TERMINAL_STATES,
  allowedActions,
  applyCommand,
  canReadCase,
  caseAccess,
  minimumTier,
  relationsOf,
  tierRank,
} from '../../functions/src/domain';
import { actorOf, countyStaff, gridWorker, reported, townStaff, villageStaff } from '../helpers/cases';

const POLICE = '621126-police-minyang';
const townLeader: Claims = { r: 'leader', u: '621126100', c: '621126', t: '621126100' };
const countyLeader: Claims = { r: 'leader', u: '621126', c: '621126' };
const police: Claims = { r: 'department_officer', u: POLICE, c: '621126', t: '621126100', d: POLICE };
const mediator: Claims = { r: 'mediator', u: '621126100', c: '621126', t: '621126100' };
const ACTORS: { claims: Claims; uid: string }[] = [
  { claims: gridWorker, uid: 'uid-grid' },
  { claims: villageStaff, uid: 'uid-village' },
  { claims: townStaff, uid: 'uid-town' },
  { claims: countyStaff, uid: 'uid-county' },
  { claims: townLeader, uid: 'leader-town' },
  { claims: countyLeader, uid: 'leader-county' },
  { claims: police, uid: 'uid-police' },
  { claims: mediator, uid: 'med-1' },
];

const COMMANDS: CaseCommand[] = [
  { action: 'accept' },
  { action: 'not_accept', reason: '属法院管辖', referral: 'court' },
  { action: 'mark_duplicate', duplicateOf: 'case-0', reason: '重复' },
  { action: 'reclassify', caseClass: 'complex', reason: '案情复杂' },
  { action: 'assign_handler', handlerUid: 'uid-town' },
  { action: 'assign_mediator', mediatorUid: 'med-1' },
  { action: 'dispatch', departmentIds: [POLICE], emergency: false },
  { action: 'check_in', departmentId: POLICE },
  { action: 'department_feedback', departmentId: POLICE, feedback: '已处理' },
  { action: 'record_mediation', summary: '调解一次', agreementReached: false },
  { action: 'assign_leader', leaderUid: 'leader-town', leaderName: null, team: [], plan: '方案', dueDate: '2026-12-31' },
  { action: 'leader_progress', progress: '进展' },
  { action: 'resolve', outcome: 'explained', note: '已解释' },
  { action: 'resolve', outcome: 'solved_on_spot', note: '就地化解' },
  { action: 'suspend', reason: '等待鉴定' },
  { action: 'resume' },
  { action: 'escalate', reason: '无法化解' },
  { action: 'return', reason: '退回下级' },
  { action: 'supervise', reason: '逾期督办' },
  { action: 'callback', satisfaction: 'satisfied' },
  { action: 'callback', satisfaction: 'unsatisfied' },
  { action: 'close' },
  { action: 'reopen', reason: '回头看发现反弹' },
];

const start = fc.record({
  caseClass: fc.constantFrom('general', 'complex', 'difficult'),
  group: fc.boolean(),
  crossVillage: fc.boolean(),
  reporter: fc.constantFrom(gridWorker, villageStaff, townStaff),
});
// Mostly steps an actor may take now (so walks go deep), sometimes any command (so refusals are exercised).
const steps = fc.array(
  fc.record({ actor: fc.nat(ACTORS.length - 1), cmd: fc.nat(COMMANDS.length - 1), guided: fc.boolean(), pick: fc.nat(1000) }),
  { minLength: 1, maxLength: 60 },
);

function run(
  s: { caseClass: 'general' | 'complex' | 'difficult'; group: boolean; crossVillage: boolean; reporter: Claims },
  seq: { actor: number; cmd: number; guided: boolean; pick: number }[],
) {
  let c: CaseDoc = reported({ caseClass: s.caseClass, flags: { group: s.group, crossVillage: s.crossVillage } }, s.reporter);
  const history = [{ from: null as null | CaseDoc, to: c, action: 'report' }];
  let t = c.createdAt.getTime();
  for (const x of seq) {
    let a = ACTORS[x.actor]!;
    let cmd = COMMANDS[x.cmd]!;
    if (x.guided) {
      // Weighted so walks go deep: dead ends (不予受理, 重复件) and bookkeeping are picked less often.
      const weight = (act: string) =>
        ['not_accept', 'mark_duplicate', 'reclassify', 'assign_leader', 'supervise'].includes(act)
          ? 1
          : ['check_in', 'department_feedback', 'dispatch'].includes(act)
            ? 40
            : 8;
      const options = ACTORS.flatMap((actor) =>
        allowedActions(actor.claims, actor.uid, c).flatMap((act) =>
          COMMANDS.filter((k) => k.action === act).flatMap((k) => Array.from({ length: weight(act) }, () => ({ actor, k }))),
        ),
      );
      if (options.length) ({ actor: a, k: cmd } = options[x.pick % options.length]!);
    }
    try {
      const { next, event } = applyCommand(c, cmd, actorOf(a.claims, a.uid), a.claims, new Date((t += 60_000)));
      expect(event.seq).toBe(next.version);
      history.push({ from: c, to: next, action: cmd.action });
      c = next;
    } catch (e) {
      if (!(e instanceof GuardError)) throw e; // only guard refusals are allowed to stop a command
    }
  }
  return history;
}

describe('state machine invariants', () => {
  it('history length equals the applied transitions, and versions step by one', () => {
    fc.assert(
      fc.property(start, steps, (s, seq) => {
        const h = run(s, seq);
        h.forEach((x, i) => {
          expect(x.to.version).toBe(i + 1);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('a terminal state only leaves by reopen (and not_accepted / duplicate never leave)', () => {
    fc.assert(
      fc.property(start, steps, (s, seq) => {
        for (const x of run(s, seq).slice(1)) {
          if (x.from && TERMINAL_STATES.includes(x.from.state)) {
            expect(x.from.state).toBe('closed');
            expect(x.action).toBe('reopen');
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the tier never drops except by an explicit return, and never below the forced minimum', () => {
    fc.assert(
      fc.property(start, steps, (s, seq) => {
        for (const x of run(s, seq).slice(1)) {
          if (tierRank(x.to.tier) < tierRank(x.from!.tier)) expect(x.action).toBe('return');
          expect(tierRank(x.to.tier)).toBeGreaterThanOrEqual(tierRank(minimumTier(x.to)));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a case is readable by its territorial chain up to its tier (the village always), and by no unit above', () => {
    fc.assert(
      fc.property(start, steps, (s, seq) => {
        for (const x of run(s, seq)) {
          const access = caseAccess(x.to);
          const rank = tierRank(x.to.tier);
          expect(canReadCase(gridWorker, 'someone', access)).toBe(true);
          expect(canReadCase(villageStaff, 'someone', access)).toBe(true);
          // A 督办件 assigned to a unit lets that unit read the case too.
          const assigned = (u: string) => x.to.supervisions.some((it) => it.assigneeUnit === u);
          expect(canReadCase(townStaff, 'someone', access)).toBe(rank >= tierRank('town') || assigned(townStaff.u));
          expect(canReadCase(countyStaff, 'someone', access)).toBe(rank >= tierRank('county') || assigned(countyStaff.u));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('everyone who may act on a case (other than a resident rating it) may read it', () => {
    fc.assert(
      fc.property(start, steps, (s, seq) => {
        for (const x of run(s, seq)) {
          const access = caseAccess(x.to);
          for (const a of ACTORS) {
            if (allowedActions(a.claims, a.uid, x.to).length > 0 && a.claims.r !== 'resident') {
              const rel = relationsOf(a.claims, a.uid, x.to);
              expect(canReadCase(a.claims, a.uid, access), `${a.uid} ${[...rel]} on ${x.to.tier}`).toBe(true);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a red, group or cross-town case is never accepted without a leader in charge', () => {
    fc.assert(
      fc.property(start, steps, (s, seq) => {
        for (const x of run(s, seq).slice(1)) {
          if (x.action === 'accept' && (x.to.caseClass === 'difficult' || x.to.flags.group || x.to.flags.crossTown))
            expect(x.to.leaderUid).not.toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the random walks reach the whole machine', () => {
  it('applies every action somewhere across the sampled sequences', () => {
    const seen = new Set<string>();
    const counts: Record<string, number> = {};
    fc.assert(
      fc.property(start, steps, (s, seq) => {
        for (const x of run(s, seq)) {
          seen.add(x.action);
          counts[x.action] = (counts[x.action] ?? 0) + 1;
        }
      }),
      { numRuns: 2000, seed: 42 },
    );
    expect([...seen].sort(), JSON.stringify(counts)).toEqual(['report', ...new Set(COMMANDS.map((c) => c.action))].sort());
  });
});
