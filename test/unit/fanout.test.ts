// Issue 17: what an event carries for its fan-out (`after`, so onCaseEvent reads neither the case
// nor the event), the resident's view built from events alone in any order and any number of
// times, which commands bring text to mask (the parties are read only then), and the calendar
// years a computation asks for (read by ID, lib/config.ts).
import { describe, expect, it } from 'vitest';
import {
  CaseCommand,
  type CaseAfter,
  type CaseEvent,
  CaseEvent as CaseEventSchema,
  ReportCaseInput,
  WorkCalendar,
  alertsForEvent,
  caseAfter,
  commandHasText,
  defaultPolicy,
  report,
  residentView,
  residentViewWith,
  transition,
} from '../../functions/src/domain';
import { COMMAND_PLAIN_FIELDS } from '../../functions/src/domain/privacy';
import { fromSource } from '../../functions/src/cli/calendar-sources';
import { actorOf, draft, villageStaff } from '../helpers/cases';

const cal = new WorkCalendar([2025, 2026].map((y) => fromSource('chinese-days', y)!));
const policy = defaultPolicy('621126');
const at = (s: string) => new Date(s);

/** A resident's case: report (at the village), accept, escalate, accept, resolve. */
function history() {
  const first = report(
    ReportCaseInput.parse(draft({ source: 'resident_app' })),
    'case-1',
    actorOf(villageStaff),
    villageStaff,
    at('2026-03-02T02:00:00Z'),
    policy,
    cal,
    (c) => ({ ...c, residentUid: 'resident-1', tier: 'village', unitId: c.villageId }),
  );
  const events: CaseEvent[] = [first.event];
  let c = first.next;
  const steps = [{ action: 'accept' }, { action: 'resolve', outcome: 'explained', note: '已向双方解释，张三同意' }] as const;
  let t = 3;
  for (const cmd of steps) {
    const next = transition(
      c,
      CaseCommand.parse(cmd),
      actorOf(villageStaff),
      villageStaff,
      at(`2026-03-0${t++}T02:00:00Z`),
      policy,
      cal,
      null,
    );
    events.push(next.event);
    c = next.next;
  }
  return { c, events };
}

describe('an event carries what its fan-out needs (after)', () => {
  it('every transition writes the case as it is right after, and it survives the schema', () => {
    const { c, events } = history();
    const last = events.at(-1)!;
    expect(last.after).toEqual(caseAfter(c));
    expect(CaseEventSchema.parse(last).after).toEqual(caseAfter(c));
    // The alerts from the event alone are those from the case.
    for (const e of events)
      expect(alertsForEvent({ ...e.after!, id: c.id, countyId: c.countyId }, e)).toEqual(alertsForEvent({ ...c, ...e.after! }, e));
  });

  it("the resident's view from events alone, in any order, any number of times, is the view from the case", () => {
    const { c, events } = history();
    const full = residentView(c, events)!;
    const orders = [events, [...events].reverse(), [events[1]!, events[0]!, events[2]!, events[1]!, events[2]!]];
    for (const order of orders) {
      let view: ReturnType<typeof residentViewWith> | undefined;
      for (const e of order) {
        const next = residentViewWith(view ?? undefined, c.id, e as CaseEvent & { after: CaseAfter });
        if (next) view = next;
      }
      expect(view).toEqual(full);
    }
    // A replay of the newest event changes nothing: nothing to write.
    expect(residentViewWith(full, c.id, events.at(-1)! as CaseEvent & { after: CaseAfter })).toBeNull();
  });
});

describe('commands that bring text to mask', () => {
  const freeText = [
    'note',
    'reason',
    'instructions',
    'feedback',
    'summary',
    'plan',
    'progress',
    'instruction',
    'reply',
    'petitionerReply',
    'body',
    'opinion',
  ];
  it('no field known to be plain is a free-text field, and every plain field is a field of some command', () => {
    const fields = new Set(CaseCommand.options.flatMap((o) => Object.keys(o.shape)));
    for (const k of freeText) expect(COMMAND_PLAIN_FIELDS.has(k), k).toBe(false);
    for (const k of COMMAND_PLAIN_FIELDS) if (k !== 'expectedVersion' && k !== 'caseId') expect(fields.has(k), k).toBe(true);
  });
  it('tells commands with text from those without; a field not known to be plain counts as text', () => {
    expect(commandHasText({ action: 'accept' })).toBe(false);
    expect(commandHasText({ action: 'close' })).toBe(false);
    expect(commandHasText({ action: 'dispatch', departmentIds: ['d'], emergency: false })).toBe(false);
    expect(commandHasText({ action: 'callback', satisfaction: 'satisfied' })).toBe(false);
    expect(commandHasText({ action: 'accept', note: '收到' })).toBe(true);
    expect(commandHasText({ action: 'escalate', reason: '需协调' })).toBe(true);
    expect(commandHasText({ action: 'assign_leader', team: ['张三'] })).toBe(true);
    expect(commandHasText({ action: 'anything_new', remark: '张三' })).toBe(true);
  });
});

describe('calendar years a computation asks for', () => {
  it('are recorded when missing, so they can be read and the computation run again', () => {
    const only2026 = new WorkCalendar([fromSource('chinese-days', 2026)!]);
    expect(only2026.addWorkingDays('2026-06-01', 5)).toBe('2026-06-08');
    expect([...only2026.misses]).toEqual([]);
    expect(() => only2026.addWorkingDays('2026-12-28', 10)).toThrow();
    expect([...only2026.misses]).toEqual([2027]);
  });
});
