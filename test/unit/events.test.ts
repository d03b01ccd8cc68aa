// The typed history (CaseEvent: a union on `action`) and the one transition path (`transition`,
// `report`): every event written is made whole — clocks, access lists, statistics facts — and
// events stored by an earlier release still read.
import { describe, expect, it } from 'vitest';
import {
  type CaseEvent,
  CaseEvent as CaseEventSchema,
  ReportCaseInput,
  WorkCalendar,
  applyCommand,
  caseAccess,
  caseMaskOptions,
  defaultPolicy,
  report,
  statsDelta,
  transition,
} from '../../functions/src/domain';
import { fromSource } from '../../functions/src/cli/calendar-sources';
import { actorOf, draft, gridWorker, villageStaff } from '../helpers/cases';

const cal = new WorkCalendar([2025, 2026].map((y) => fromSource('chinese-days', y)!));
const policy = defaultPolicy('621126');
const at = (s: string) => new Date(s);

const base = {
  seq: 2,
  scope: { countyId: '621126', townId: '621126100', villageId: '621126100001', gridId: '621126100001001' },
  at: at('2026-03-03T02:00:00Z'),
  actor: { uid: 'system', role: 'system', unitId: '621126', name: null },
  from: { state: 'accepted', tier: 'village' },
  to: { state: 'reported', tier: 'town' },
  reason: null,
};

describe('events stored before the typed history still read', () => {
  it('fills facts added later with neutral defaults', () => {
    const esc = CaseEventSchema.parse({ ...base, action: 'escalate', data: {} });
    expect(esc.action === 'escalate' && esc.data.overdue).toBe(false);
    const acc = CaseEventSchema.parse({ ...base, action: 'accept', data: {} });
    expect(acc.action === 'accept' && acc.data.firstAccept).toBe(false);
    const res = CaseEventSchema.parse({ ...base, action: 'resolve', data: { outcome: 'explained' } });
    expect(res.action === 'resolve' && [res.data.onTime, res.data.cycleWorkingDays]).toEqual([false, null]);
    const rep = CaseEventSchema.parse({
      ...base,
      seq: 1,
      from: null,
      action: 'report',
      data: { source: 'grid_patrol', category: 'neighbour', requestId: 'req-00000001', reporterRole: 'grid_worker', reporterUid: 'u1' },
    });
    expect(rep.action === 'report' && rep.data.petition).toBeNull();
    // Counted as before: no firstAccept, no overdue.
    expect(statsDelta(acc)).toEqual({});
    expect(statsDelta(esc)).toEqual({});
  });

  it("refuses data that is not its action's", () => {
    expect(CaseEventSchema.safeParse({ ...base, action: 'dispatch', data: { departmentIds: ['x'] } }).success).toBe(true);
    expect(CaseEventSchema.safeParse({ ...base, action: 'dispatch', data: { outcome: 'explained' } }).success).toBe(false);
    expect(CaseEventSchema.safeParse({ ...base, action: 'escalate', data: { overdue: true, departmentIds: ['x'] } }).success).toBe(false);
    expect(CaseEventSchema.safeParse({ ...base, action: 'no_such_action', data: {} }).success).toBe(false);
  });

  it("types each action's data (checked by the typecheck)", () => {
    const e = CaseEventSchema.parse({ ...base, action: 'dispatch', data: { departmentIds: ['d1'], emergency: true } }) as CaseEvent;
    // @ts-expect-error: an event's data is known only once its action is
    expect(e.data.departmentIds).toEqual(['d1']);
    if (e.action !== 'dispatch') throw new Error('not a dispatch');
    expect(e.data.departmentIds).toEqual(['d1']);
    // @ts-expect-error: a dispatch has no outcome
    expect(e.data.outcome).toBeUndefined();
  });
});

describe('transition: apply, mask, finish', () => {
  const first = report(
    ReportCaseInput.parse(draft({ parties: [{ role: 'applicant', name: '胡建国', phone: '13812345678', idNumber: null, address: null }] })),
    'case-1',
    actorOf(gridWorker),
    gridWorker,
    at('2026-03-02T02:00:00Z'),
    policy,
    cal,
  );

  it('a report is finished: clocks, access lists, statistics facts', () => {
    expect(first.next.clocks.map((k) => k.kind)).toContain('tier');
    expect(first.next.accessUnits).toEqual(caseAccess(first.next).accessUnits);
    expect(first.event.action === 'report' && [first.event.data.category, first.event.data.source, first.event.data.petition]).toEqual([
      'neighbour',
      'grid_patrol',
      null,
    ]);
    expect(first.privateDoc.parties[0]!.name).toBe('胡建国');
  });

  it('a command is applied, its free text masked, the transition finished', () => {
    const c = { ...first.next, state: 'accepted' as const, tier: 'village' as const, unitId: '621126100001' };
    const mask = caseMaskOptions(first.privateDoc, c);
    const med = transition(
      c,
      { action: 'record_mediation', summary: '胡建国同意调解', agreementReached: true },
      actorOf(villageStaff),
      villageStaff,
      at('2026-03-03T02:00:00Z'),
      policy,
      cal,
      mask,
    );
    expect(med.event.action === 'record_mediation' && med.event.data.summary).toBe('胡**同意调解');
    expect(med.event.data.category).toBe('neighbour');
    const unmasked = transition(
      c,
      { action: 'record_mediation', summary: '胡建国同意调解', agreementReached: true },
      actorOf(villageStaff),
      villageStaff,
      at('2026-03-03T02:00:00Z'),
      policy,
      cal,
      null,
    );
    expect(unmasked.event.action === 'record_mediation' && unmasked.event.data.summary).toBe('胡建国同意调解');

    // Escalation by the sweep: overdue, the new tier's clock, the town in the access lists.
    const esc = transition(
      c,
      { action: 'escalate', reason: '逾期' },
      { uid: 'system', role: 'system', unitId: '621126', name: null },
      'system',
      at('2026-03-10T02:00:00Z'),
      policy,
      cal,
      null,
    );
    expect(esc.event.action === 'escalate' && esc.event.data.overdue).toBe(true);
    expect(esc.next.accessUnits).toContain('621126100');
    expect(esc.next.clocks.filter((k) => k.kind === 'tier' && k.state === 'running').map((k) => k.subject)).toEqual(['town']);
    // The state machine alone leaves all that undone (a draft, not a CaseEvent).
    const raw = applyCommand(
      c,
      { action: 'escalate', reason: '逾期' },
      { uid: 'system', role: 'system', unitId: '621126', name: null },
      'system',
      at('2026-03-10T02:00:00Z'),
    );
    expect(raw.event.data).toEqual({});
    expect(raw.next.accessUnits).not.toContain('621126100');
  });
});
