import { describe, expect, it } from 'vitest';
import { CaseDoc, CaseEvent, CasePrivateDoc, WorkCalendar, defaultPolicy } from '../../functions/src/domain';
import { fromSource } from '../../functions/src/cli/calendar-sources';
import { demoDepartments, demoGrids, demoRegions, DEMO_ACCOUNTS } from '../../functions/src/seed/demo-county';
import { generateCase } from '../../functions/src/seed/generate';

const opts = {
  seed: 1,
  now: new Date('2026-11-20T02:00:00Z'),
  grids: demoGrids(),
  departmentsByTown: { '621126100': ['621126-police-minyang'], '': ['621126-petition'] },
  leaders: { county: { uid: 'L1', name: '赵' }, byTown: {} },
  days: 60,
  clocks: { policy: defaultPolicy('621126'), cal: new WorkCalendar([2025, 2026].map((y) => fromSource('chinese-days', y)!)) },
};

describe('the demo county', () => {
  it('is as large as the seed document says', () => {
    const regions = demoRegions();
    expect(regions.filter((r) => r.level === 'town').length).toBeGreaterThanOrEqual(3);
    expect(regions.filter((r) => r.level === 'village').length).toBeGreaterThanOrEqual(20);
    expect(demoGrids().length).toBeGreaterThanOrEqual(80);
    expect(demoGrids().filter((g) => g.townId === '621126100').length).toBe(81);
    expect(regions.filter((r) => r.townId === '621126100' && r.level === 'village').length).toBe(23);
    expect(new Set(demoDepartments().map((d) => d.kind))).toEqual(
      new Set(['police', 'justice', 'court', 'hrss', 'civil', 'petition', 'natres']),
    );
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.role)).size).toBe(9);
  });

  it('generates the same cases for the same seed, valid by the schemas', () => {
    for (let i = 0; i < 200; i++) {
      const a = generateCase(i, opts);
      expect(generateCase(i, opts)).toEqual(a);
      CaseDoc.parse(a.caseDoc);
      CasePrivateDoc.parse(a.privateDoc);
      a.events.forEach((e) => {
        CaseEvent.parse(e);
      });
      expect(a.events.map((e) => e.seq)).toEqual(a.events.map((_, k) => k + 1));
      expect(a.caseDoc.version).toBe(a.events.length);
    }
  });

  it('covers varied states', () => {
    const states = new Set(Array.from({ length: 200 }, (_, i) => generateCase(i, opts).caseDoc.state));
    expect(states.size).toBeGreaterThanOrEqual(6);
  });
});
