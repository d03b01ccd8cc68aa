// Fixtures for pure tests: a reported case built by the domain's own planner.
import { type Actor, type CaseDoc, type Claims, type ReportCaseDraft, ReportCaseInput, planReport } from '../../functions/src/domain';

export const GRID = '621126100001001';
export const gridWorker: Claims = { r: 'grid_worker', u: GRID, c: '621126', t: '621126100', v: '621126100001', g: GRID };
export const villageStaff: Claims = { r: 'village_staff', u: '621126100001', c: '621126', t: '621126100', v: '621126100001' };
export const townStaff: Claims = { r: 'town_staff', u: '621126100', c: '621126', t: '621126100' };
export const countyStaff: Claims = { r: 'county_staff', u: '621126', c: '621126' };
export const actorOf = (claims: Claims, uid = `uid-${claims.r}`): Actor => ({ uid, role: claims.r, unitId: claims.u, name: null });

export function draft(over: Partial<ReportCaseDraft> = {}): ReportCaseDraft {
  return {
    requestId: 'req-00000001',
    gridId: GRID,
    category: 'neighbour',
    title: '邻里排水纠纷',
    description: '两户因排水沟堵塞发生争执',
    parties: [{ role: 'applicant', name: '张三', phone: '13812345678', idNumber: null, address: null }],
    ...over,
  };
}

export function reported(over: Partial<ReportCaseDraft> = {}, by: Claims = gridWorker, at = new Date('2026-03-02T02:00:00Z')): CaseDoc {
  return planReport(ReportCaseInput.parse(draft(over)), 'case-1', actorOf(by), by, at).caseDoc;
}
