// The case ledger's input (issue 16): a city's 4-digit and a province's 2-digit code are units
// too; anything else is refused with 单位代码不正确. And a case at the city tier reads 市 in the
// ledger's 当前层级 column.
import { describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS, LedgerInput, canReadParties, caseAccess, ledgerRow, type Claims } from '../../functions/src/domain';
import { countyStaff, reported } from '../helpers/cases';

const range = { from: '2026-11-01', to: '2026-11-30' };

describe('LedgerInput', () => {
  it('takes a province, city, county, town, village or grid code', () => {
    for (const unitId of ['62', '6211', '621126', '621126100', '621126100001', '621126100001001']) {
      expect(LedgerInput.parse({ unitId, ...range })).toEqual({ unitId, ...range, format: 'xlsx' });
    }
    expect(LedgerInput.parse({ unitId: '6211', ...range, format: 'csv' }).format).toBe('csv');
  });

  it('refuses other lengths and non-digits with 单位代码不正确', () => {
    for (const unitId of ['6', '621', '62112', '6211261', '62112610', '6211261000010011', '62a1', '', ' 6211']) {
      const r = LedgerInput.safeParse({ unitId, ...range });
      expect(r.success, unitId).toBe(false);
      expect(r.error?.issues[0]?.message, unitId).toBe('单位代码不正确');
    }
  });

  it('refuses unknown fields and a bad format', () => {
    expect(LedgerInput.safeParse({ unitId: '6211', ...range, extra: 1 }).success).toBe(false);
    expect(LedgerInput.safeParse({ unitId: '6211', ...range, format: 'pdf' }).success).toBe(false);
  });
});

describe('a city-tier case in the ledger', () => {
  const atCity = { ...reported({}, countyStaff), tier: 'city' as const, unitId: '6211' };
  const access = caseAccess(atCity);

  it('is in the city center’s relation, and its row reads 市 under 当前层级', () => {
    expect(access.accessUnits).toContain('6211');
    const row = ledgerRow(1, { ...atCity, ...access }, null, {});
    expect(row[LEDGER_COLUMNS.indexOf('当前层级')]).toBe('市');
  });

  it('city staff read its parties; the city administrator and the province do not (masked rows)', () => {
    const c = { ...atCity, ...access };
    expect(canReadParties({ r: 'city_staff', u: '6211' } as Claims, 'u1', c)).toBe(true);
    expect(canReadParties({ r: 'admin', u: '6211' } as Claims, 'u2', c)).toBe(false);
    expect(canReadParties({ r: 'province_staff', u: '62' } as Claims, 'u3', c)).toBe(false);
  });
});
