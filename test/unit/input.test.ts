// The shared input schemas: IDs that become document paths, real calendar dates, well-formed text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocId, IsoDate, IsoMonth, Text, findMalformedText, isRealDate, isWellFormed, own, redactIds } from '../../functions/src/domain';
import { caseIdFor } from '../../functions/src/lib/ids';

describe('DocId', () => {
  it('accepts every kind of real ID', () => {
    for (const id of [
      'Xk3pQ9rT2vLm8nB4cD6fG1hJ0kA2',
      'demo-town-l2',
      'seed-county-leader',
      '621126-police-minyang',
      '621126',
      '621126100001001',
      caseIdFor('621126', 'uid', 'req-00000001'),
      'AbCdEfGhIjKlMnOpQrSt',
      'sup-1-621126-police',
      'x'.repeat(128),
    ]) {
      expect(DocId.safeParse(id).success, id).toBe(true);
    }
  });
  it('refuses what cannot be a document ID', () => {
    for (const id of ['', 'a/b', '/', '.', '..', '__x__', '__proto__', '____', 'x'.repeat(129), 'a\ud800', '\udc00', 'a\u0000b', 'a\nb']) {
      expect(DocId.safeParse(id).success, JSON.stringify(id)).toBe(false);
    }
  });
  it('property: accepted IDs never contain a slash, are never . or .., never __x__', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 140 }), (s) => {
        if (DocId.safeParse(s).success) {
          expect(s.includes('/') || s === '.' || s === '..' || /^__.*__$/s.test(s) || s.length > 128 || !isWellFormed(s)).toBe(false);
        }
      }),
    );
  });
});

describe('IsoDate', () => {
  it('accepts real dates in 2000–2100, refuses impossible ones and other years', () => {
    for (const d of ['2026-02-28', '2024-02-29', '2000-02-29', '2026-12-31', '2000-01-01', '2100-12-31'])
      expect(IsoDate.safeParse(d).success, d).toBe(true);
    for (const d of [
      '2026-13-45',
      '2026-02-30',
      '2025-02-29',
      '2100-02-29',
      '2026-00-10',
      '2026-04-31',
      '1999-12-31',
      '2101-01-01',
      '2026-1-05',
      '2026-11-28T00:00:00Z',
    ])
      expect(IsoDate.safeParse(d).success, d).toBe(false);
  });
  it('property: agrees with the UTC calendar', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const real = new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
        expect(isRealDate(s)).toBe(real);
      }),
    );
  });
  it('months 01–12 only', () => {
    expect(IsoMonth.safeParse('2026-12').success).toBe(true);
    expect(IsoMonth.safeParse('2026-13').success).toBe(false);
    expect(IsoMonth.safeParse('2026-00').success).toBe(false);
  });
});

describe('text', () => {
  it('lone surrogates are refused, pairs accepted', () => {
    expect(isWellFormed('🙂调解')).toBe(true);
    expect(isWellFormed('a\ud800')).toBe(false);
    expect(isWellFormed('\udc00a')).toBe(false);
    expect(Text(10).safeParse('调解\ud83d').success).toBe(false);
    expect(findMalformedText({ a: [{ b: 'ok' }, { c: 'x\ud800' }] })).toEqual(['a', 1, 'c']);
    expect(findMalformedText({ a: ['ok', { b: '🙂' }] })).toBeNull();
  });
});

describe('own() and redactIds()', () => {
  it('prototype keys are not found', () => {
    const map = { 'MY-CJ-01': '621126100001001' };
    for (const k of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) expect(own(map, k)).toBeUndefined();
    expect(own(map, 'MY-CJ-01')).toBe('621126100001001');
  });
  it('removes uids, seeded uids, e-mails and known strings, keeps the sentence', () => {
    expect(redactIds('actor Xk3pQ9rT2vLm8nB4cD6fG1hJ0kA2 (territorial) may not suspend case 621126-Ab3x')).toBe(
      'actor <id> (territorial) may not suspend case <id>',
    );
    expect(redactIds('demo-town-l2 is not on the 621126100 roster')).toBe('<id> is not on the 621126100 roster');
    expect(redactIds('user someone@x.cn outside admin county')).toBe('user <id> outside admin county');
    expect(redactIds('uid abcdef has no role', ['abcdef'])).toBe('uid <id> has no role');
  });
});
