// 研判预警 figures on the statistics page and in the monthly report: the months of a period, sums
// of month documents (missing fields and documents count 0, other fields are ignored), the rates
// with their parts (null on an empty denominator; 处置率 can exceed 100%), which units keep the
// figures, and the report row (a rate without a denominator is "—").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  JUDGEMENT_REPORT_COLUMNS,
  NOTICE_FIGURES,
  SIGNAL_FIGURES,
  judgementMonths,
  judgementRateParts,
  judgementRates,
  judgementReportRow,
  keepsJudgementFigures,
  monthsOfPeriod,
  sumJudgementFigures,
} from '../../functions/src/domain';

describe('months of a period', () => {
  it('a month is itself, a year its twelve months; anything else is refused', () => {
    expect(monthsOfPeriod('2026-11')).toEqual(['2026-11']);
    expect(monthsOfPeriod('2026')).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    for (const bad of ['2026-13', '2026-00', '26-11', '2026-1', '', '2026-11-01']) expect(() => monthsOfPeriod(bad), bad).toThrow();
  });

  it('the console reads no month after the current one', () => {
    expect(judgementMonths('2026', '2026-03')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(judgementMonths('2025', '2026-03')).toHaveLength(12);
    expect(judgementMonths('2027', '2026-03')).toEqual([]);
    expect(judgementMonths('2026-04', '2026-03')).toEqual([]);
    expect(judgementMonths('2026-03', '2026-03')).toEqual(['2026-03']);
  });
});

describe('sums', () => {
  it('adds the month documents of both kinds; missing documents and fields are 0', () => {
    const t = sumJudgementFigures(
      [
        { raised: 3, handled: 1, petitions: 4, repeatVisits: 1 },
        { raised: 2, handled: 3, skipLevelVisits: 1, repeatVisits: 1, petitions: 2 },
        {},
      ],
      [{ issued: 5, signed: 4, signedOnTime: 3, answered: 2, answeredOnTime: 2, signOverdue: 1 }, { feedbackOverdue: 2 }],
    );
    expect(t).toEqual({
      raised: 5,
      handled: 4,
      petitions: 6,
      repeatVisits: 2,
      skipLevelVisits: 1,
      issued: 5,
      signed: 4,
      signedOnTime: 3,
      answered: 2,
      answeredOnTime: 2,
      signOverdue: 1,
      feedbackOverdue: 2,
    });
  });

  it('ignores the documents’ other fields and anything that is not a finite number', () => {
    const t = sumJudgementFigures(
      [{ unitId: '621126', month: '2026-11', raised: 2 } as never, { raised: Number.NaN, handled: '3' } as never],
      [{ issued: Number.POSITIVE_INFINITY } as never],
    );
    expect(Object.keys(t).sort()).toEqual([...SIGNAL_FIGURES, ...NOTICE_FIGURES].sort());
    expect(t.raised).toBe(2);
    expect(t.handled).toBe(0);
    expect(t.issued).toBe(0);
  });

  it('the sum of a period is the sum of its months, in any grouping', () => {
    const doc = fc.record({ raised: fc.nat(50), handled: fc.nat(50), petitions: fc.nat(50), repeatVisits: fc.nat(50) });
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 12 }), fc.nat(12), (docs, cut) => {
        const all = sumJudgementFigures(docs, []);
        const a = sumJudgementFigures(docs.slice(0, cut), []);
        const b = sumJudgementFigures(docs.slice(cut), []);
        for (const k of SIGNAL_FIGURES) expect(all[k]).toBe(a[k] + b[k]);
      }),
    );
  });
});

describe('rates', () => {
  it('are null without a denominator, whatever the numerator', () => {
    const t = sumJudgementFigures([{ handled: 2, repeatVisits: 1 }], [{ signedOnTime: 0, answeredOnTime: 0, issued: 3 }]);
    expect(judgementRates(t)).toEqual({ handledRate: null, signedOnTimeRate: null, answeredOnTimeRate: null, repeatRate: null });
  });

  it('are numerator ÷ denominator as the parts say', () => {
    const t = sumJudgementFigures(
      [{ raised: 4, handled: 3, petitions: 8, repeatVisits: 2, skipLevelVisits: 1 }],
      [{ issued: 6, signed: 5, signedOnTime: 4, answered: 4, answeredOnTime: 1 }],
    );
    expect(judgementRates(t)).toEqual({ handledRate: 0.75, signedOnTimeRate: 0.8, answeredOnTimeRate: 0.25, repeatRate: 0.25 });
    expect(judgementRateParts(t)).toEqual({
      handledRate: { a: 3, b: 4 },
      signedOnTimeRate: { a: 4, b: 5 },
      answeredOnTimeRate: { a: 1, b: 4 },
      repeatRate: { a: 2, b: 8 },
    });
  });

  it('处置率 is a ratio of the period’s flows: it can exceed 100% when earlier signals are handled', () => {
    expect(judgementRates(sumJudgementFigures([{ raised: 2, handled: 3 }], [])).handledRate).toBe(1.5);
  });

  it('every rate is its parts’ a ÷ b, or null exactly when b is 0', () => {
    const n = fc.nat(1000);
    fc.assert(
      fc.property(
        fc.record({ raised: n, handled: n, petitions: n, repeatVisits: n }),
        fc.record({ signed: n, signedOnTime: n, answered: n, answeredOnTime: n }),
        (s, k) => {
          const t = sumJudgementFigures([s], [k]);
          const r = judgementRates(t);
          for (const [key, { a, b }] of Object.entries(judgementRateParts(t))) {
            const v = r[key as keyof typeof r];
            if (b === 0) expect(v).toBeNull();
            else expect(v).toBe(a / b);
          }
        },
      ),
    );
  });
});

describe('units and report rows', () => {
  it('towns and counties keep the figures; villages and grids do not', () => {
    expect(keepsJudgementFigures('621126')).toBe(true);
    expect(keepsJudgementFigures('621126100')).toBe(true);
    expect(keepsJudgementFigures('621126100001')).toBe(false);
    expect(keepsJudgementFigures('621126100001001')).toBe(false);
  });

  it('a report row has one cell per column, rates as percentages and "—" without a denominator', () => {
    const row = judgementReportRow(
      '岷阳镇',
      sumJudgementFigures([{ raised: 4, handled: 3, petitions: 0 }], [{ issued: 2, signed: 2, signedOnTime: 1, signOverdue: 1 }]),
    );
    expect(row).toHaveLength(JUDGEMENT_REPORT_COLUMNS.length);
    const cell = (col: string) => row[JUDGEMENT_REPORT_COLUMNS.indexOf(col as never)];
    expect(cell('单位')).toBe('岷阳镇');
    expect(cell('风险信号（条）')).toBe(4);
    expect(cell('处置率')).toBe('75.00%');
    expect(cell('按期签收率')).toBe('50.00%');
    expect(cell('按期反馈率')).toBe('—');
    expect(cell('签收逾期（份）')).toBe(1);
    expect(cell('重访率')).toBe('—');
  });
});
