import { describe, expect, it } from 'vitest';
import { chainOf, covers, levelOf, parentOf } from '../../functions/src/domain';

describe('region codes (统计用区划代码)', () => {
  it.each([
    ['621126', 'county'],
    ['621126100', 'town'],
    ['621126100001', 'village'],
    ['621126100001001', 'grid'],
  ])('%s is a %s code', (code, level) => {
    expect(levelOf(code)).toBe(level);
  });

  it.each(['62112', '6211261', 'abcdef', '621126100001001001', ''])('rejects %j', (code) => {
    expect(() => levelOf(code)).toThrow(/not a region code/);
  });

  it('derives the whole chain from a grid code', () => {
    expect(chainOf('621126100001001')).toEqual({
      countyId: '621126',
      townId: '621126100',
      villageId: '621126100001',
      gridId: '621126100001001',
    });
    expect(chainOf('621126100')).toEqual({ countyId: '621126', townId: '621126100', villageId: null, gridId: null });
  });

  it('knows parents and coverage', () => {
    expect(parentOf('621126100001')).toBe('621126100');
    expect(parentOf('621126')).toBeNull();
    expect(covers('621126100', '621126100001001')).toBe(true);
    expect(covers('621126100', '621126101001001')).toBe(false);
    expect(covers('621126100001001', '621126100001')).toBe(false);
  });
});
