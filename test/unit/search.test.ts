import { describe, expect, it } from 'vitest';
import {
  SearchCasesInput,
  matchesTokens,
  normaliseIdNumber,
  normaliseName,
  normalisePhone,
  partySearchTerms,
  planSearch,
  planReport,
  ReportCaseInput,
  textTokens,
  titleTokens,
} from '../../functions/src/domain';
import { DEV_SEARCH_KEY, hashTerm, keyId, searchDocFor } from '../../functions/src/lib/search-index';
import { actorOf, draft, gridWorker } from '../helpers/cases';

describe('normalisation for search (案件查询)', () => {
  it('reads one phone in every spelling', () => {
    for (const p of [
      '13800001111',
      '138 0000 1111',
      '138-0000-1111',
      '+86 138 0000 1111',
      '0086-13800001111',
      '8613800001111',
      '１３８００００１１１１',
    ]) {
      expect(normalisePhone(p)).toBe('13800001111');
    }
    expect(normalisePhone('12345')).toBeNull();
    expect(normalisePhone('0932-5551234')).toBe('09325551234');
  });
  it('reads one name with or without spaces and middle dots', () => {
    expect(normaliseName(' 张 三 ')).toBe('张三');
    expect(normaliseName('阿卜杜·热西提')).toBe('阿卜杜热西提');
    expect(normaliseName('ＬＩ Ｍｉｎｇ')).toBe('liming');
  });
  it('reads ID numbers with an upper-case X', () => {
    expect(normaliseIdNumber('62112619800101123x')).toBe('62112619800101123X');
    expect(normaliseIdNumber('6211 2619 8001 0112 3X')).toBe('62112619800101123X');
    expect(normaliseIdNumber('12345')).toBeNull();
  });
  it("makes one term per party's name, phone and ID number", () => {
    expect(
      partySearchTerms([
        { name: '张三丰', phone: '13812345678', idNumber: '62112619800101123x' },
        { name: '李四', phone: null, idNumber: null },
        { name: '王', phone: null, idNumber: null },
      ]),
    ).toEqual(['id:62112619800101123X', 'name:张三丰', 'name:李四', 'phone:13812345678']);
  });
});

describe('keyed hashes', () => {
  it('are HMAC-SHA256 of the term with the key: a different key gives different hashes, and no hash holds the number', () => {
    const a = hashTerm('phone:13812345678', DEV_SEARCH_KEY);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(hashTerm('phone:13812345678', DEV_SEARCH_KEY)).toBe(a);
    expect(hashTerm('phone:13812345678', 'another-key-of-16-chars')).not.toBe(a);
    expect(hashTerm('phone:13812345679', DEV_SEARCH_KEY)).not.toBe(a);
    expect(keyId(DEV_SEARCH_KEY)).not.toBe(keyId('another-key-of-16-chars'));
  });
  it('a search document holds hashes only, never the personal data', () => {
    const doc = searchDocFor(
      {
        caseId: '621126-abc',
        countyId: '621126',
        parties: [{ role: 'applicant', name: '张三丰', phone: '13812345678', idNumber: null, address: '城郊村3号' }],
      },
      DEV_SEARCH_KEY,
    );
    expect(doc.keys).toEqual([hashTerm('name:张三丰', DEV_SEARCH_KEY), hashTerm('phone:13812345678', DEV_SEARCH_KEY)].sort());
    expect(JSON.stringify(doc)).not.toMatch(/张三丰|13812345678|城郊/);
  });
  it('the query is hashed the same way as the stored party (spelling does not matter)', () => {
    const stored = searchDocFor(
      {
        caseId: 'x',
        countyId: '621126',
        parties: [{ role: 'applicant', name: '张三丰', phone: '13812345678', idNumber: null, address: null }],
      },
      DEV_SEARCH_KEY,
    );
    for (const q of ['138 1234 5678', '+86 13812345678', '张 三丰']) {
      const plan = planSearch(q);
      expect(plan.kind).toBe('terms');
      if (plan.kind !== 'terms') continue;
      expect(plan.partyTerms.some((t) => stored.keys.includes(hashTerm(t, DEV_SEARCH_KEY)))).toBe(true);
    }
  });
});

describe('title tokens', () => {
  it('are CJK pairs and Latin/digit words, masks and punctuation split', () => {
    expect(textTokens('邻里排水沟堵塞')).toEqual(['邻里', '里排', '排水', '水沟', '沟堵', '堵塞']);
    expect(textTokens('张**家漏水，ABC公司')).toEqual(expect.arrayContaining(['漏水', '公司', 'abc']));
    expect(textTokens('张**家')).not.toContain('张家');
  });
  it("a case stores the tokens of its masked title, never a party's name or phone", () => {
    const input = ReportCaseInput.parse(
      draft({
        title: '张三丰家13812345678漏水纠纷',
        parties: [{ role: 'applicant', name: '张三丰', phone: '13812345678', idNumber: null, address: null }],
      }),
    );
    const { caseDoc } = planReport(input, '621126-abcdefabcdef', actorOf(gridWorker), gridWorker, new Date('2026-03-02T02:00:00Z'));
    expect(caseDoc.searchTokens).toEqual(titleTokens(caseDoc.title));
    expect(caseDoc.searchTokens).toContain('漏水');
    expect(caseDoc.searchTokens.join(' ')).not.toMatch(/三丰|13812345678|5678/);
  });
  it('a query matches when all its pairs are in the title', () => {
    const tokens = titleTokens('邻里排水沟堵塞纠纷');
    expect(matchesTokens(tokens, textTokens('排水沟'))).toBe(true);
    expect(matchesTokens(tokens, textTokens('排水管'))).toBe(false);
  });
});

describe('reading a query', () => {
  it('a case number is looked up as such', () => {
    expect(planSearch('621126-sdAy5c7Q5f3q')).toEqual({ kind: 'number', caseId: '621126-sdAy5c7Q5f3q' });
  });
  it('a phone is a party term only (never a title word)', () => {
    expect(planSearch('13812345678')).toEqual({ kind: 'terms', tokens: [], partyTerms: ['phone:13812345678'] });
  });
  it('words are both a name and title words', () => {
    expect(planSearch('排水沟')).toEqual({ kind: 'terms', tokens: ['排水', '水沟'], partyTerms: ['name:排水沟'] });
  });
  it('refuses empty and one-character queries in Chinese', () => {
    for (const q of ['', ' ', '张', ' 张 ']) {
      const r = SearchCasesInput.safeParse({ query: q });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/请至少输入2个字/);
    }
    expect(SearchCasesInput.safeParse({ query: '张三' }).success).toBe(true);
  });
});
