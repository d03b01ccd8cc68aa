import { describe, expect, it } from 'vitest';
import { GuardError, ReportCaseInput, planReport } from '../../functions/src/domain';
import { actorOf, countyStaff, draft, gridWorker, reported, townStaff, villageStaff } from '../helpers/cases';

describe('reporting a case (登记/上报)', () => {
  it("stores the whole region chain and starts at the reporter's tier", () => {
    const c = reported();
    expect(c).toMatchObject({
      countyId: '621126',
      townId: '621126100',
      villageId: '621126100001',
      gridId: '621126100001001',
      tier: 'grid',
      unitId: '621126100001001',
      state: 'reported',
      version: 1,
      colour: 'blue',
    });
  });

  it('keeps personal data out of the case document', () => {
    const c = reported();
    expect(JSON.stringify(c)).not.toContain('13812345678');
    expect(JSON.stringify(c)).not.toContain('张三');
    expect(c.partiesMasked).toEqual([{ role: 'applicant', name: '张*', phone: '138****5678' }]);
  });

  it.each([
    [{ flags: { crossVillage: true } }, 'town'],
    [{ flags: { crossTown: true } }, 'county'],
    [{ flags: { group: true } }, 'town'],
    [{ flags: { groupSize: 8 } }, 'town'],
    [{ caseClass: 'difficult' as const }, 'county'],
    [{ caseClass: 'complex' as const }, 'grid'],
  ])('forces the start tier: %j → %s', (over, tier) => {
    expect(reported(over).tier).toBe(tier);
  });

  it("starts at the reporting center's own tier", () => {
    expect(reported({}, villageStaff).tier).toBe('village');
    expect(reported({}, townStaff).tier).toBe('town');
    expect(reported({}, countyStaff).tier).toBe('county');
  });

  it("refuses a grid outside the reporter's scope", () => {
    const input = ReportCaseInput.parse(draft({ gridId: '621126100002001' }));
    expect(() => planReport(input, 'x', actorOf(gridWorker), gridWorker, new Date())).toThrow(GuardError);
  });

  it('refuses roles that do not report', () => {
    const admin = { r: 'admin' as const, u: '621126', c: '621126' };
    expect(() => planReport(ReportCaseInput.parse(draft()), 'x', actorOf(admin), admin, new Date())).toThrow(/角色/);
  });

  it.each([
    ['missing title', { title: undefined }],
    ['unknown field', { extra: 1 }],
    ['bad grid code', { gridId: '1234' }],
    ['no parties', { parties: [] }],
    ['huge description', { description: '长'.repeat(5000) }],
    ['bad phone', { parties: [{ role: 'applicant', name: '张三', phone: '12345', idNumber: null, address: null }] }],
    ['wrong type', { flags: { group: 'yes' } }],
  ])('rejects a payload with %s', (_, over) => {
    expect(ReportCaseInput.safeParse({ ...draft(), ...over }).success).toBe(false);
  });
});
