import { describe, expect, it } from 'vitest';
import { type Action, type CaseDoc, type Claims, TRANSITIONS, allowedActions, applyCommand, relationsOf } from '../../functions/src/domain';
import { actorOf, countyStaff, gridWorker, reported, townStaff, villageStaff } from '../helpers/cases';

const at = new Date('2026-03-03T02:00:00Z');

describe('the transition table', () => {
  it('has a from-state, a target and allowed relations for every action', () => {
    for (const [action, rule] of Object.entries(TRANSITIONS)) {
      expect(rule.from.length, action).toBeGreaterThan(0);
      expect(rule.by.length, action).toBeGreaterThan(0);
      expect(rule.label, action).toMatch(/\p{Script=Han}/u);
    }
  });
});

describe('escalation (上报/提级)', () => {
  it('moves a grid case to the village, keeps the chain and appends an event', () => {
    const c = reported();
    const { next, event } = applyCommand(c, { action: 'escalate', reason: '网格无法化解' }, actorOf(gridWorker), gridWorker, at);
    expect(next).toMatchObject({ tier: 'village', unitId: '621126100001', state: 'reported', version: 2, gridId: c.gridId });
    expect(event).toMatchObject({
      seq: 2,
      action: 'escalate',
      from: { state: 'reported', tier: 'grid' },
      to: { state: 'reported', tier: 'village' },
      reason: '网格无法化解',
    });
  });

  it('refuses escalation at city, the top tier (issue 16: the county escalates to its city)', () => {
    const c: CaseDoc = { ...reported({}, countyStaff), tier: 'city', unitId: '6211' };
    const city = { r: 'city_staff', u: '6211' } as Claims;
    expect(() => applyCommand(c, { action: 'escalate', reason: 'x' }, actorOf(city), city, at)).toThrow(/市级为最高层级/);
  });
});

describe('relations and guards', () => {
  it('makes the current tier the handler, higher tiers upper and lower ones territorial', () => {
    const c: CaseDoc = { ...reported(), tier: 'town', unitId: '621126100' };
    expect([...relationsOf(townStaff, 'u', c)]).toContain('handler');
    expect([...relationsOf(countyStaff, 'u', c)]).toContain('upper');
    expect([...relationsOf(villageStaff, 'u', c)]).toContain('territorial');
  });

  it('lets only the handler accept, and requires a leader for red cases', () => {
    const c = reported({ caseClass: 'difficult' });
    expect(() => applyCommand(c, { action: 'accept' }, actorOf(townStaff), townStaff, at)).toThrow(/无权/);
    expect(() => applyCommand(c, { action: 'accept' }, actorOf(countyStaff), countyStaff, at)).toThrow(/包案领导/);
  });

  it('offers the grid worker exactly the grid-tier actions', () => {
    const acts = allowedActions(gridWorker, 'uid-grid_worker', reported());
    expect(acts.sort()).toEqual((['escalate', 'resolve'] as Action[]).sort());
  });
});
