/**
 * 案件查询 (search): by case number, by words of the title, by a party's name, phone or ID number
 * (pure: the keyed hash itself is lib/search-index.ts, node's crypto).
 *
 * - Title words: the case document carries `searchTokens`, the CJK character pairs and the
 *   Latin/digit words of its title as stored (already masked, domain/privacy.ts), so a query for
 *   "漏水" is an `array-contains` on one pair, and the other pairs filter.
 * - Personal data: `partySearchTerms` normalises each party's name, phone and ID number into
 *   terms ("phone:13800001111"), which the server stores only as keyed hashes (HMAC-SHA256) in the
 *   server-only `caseSearch/{caseId}` — never in clear, never readable by a client. A query is
 *   normalised the same way and hashed with the same key on the server.
 */
import { z } from 'zod';
import type { CaseState, Party, Tier } from './case-model';

/** Full-width ASCII (ＡＢＣ１２３) to half-width, NFKC otherwise. */
function nfkc(s: string): string {
  return s.normalize('NFKC');
}

/** A person's name for matching: NFKC, no spaces or middle dots (张 三 = 张三, 阿卜杜·热西提 = 阿卜杜热西提), lower case. */
export function normaliseName(name: string): string {
  return nfkc(name)
    .replace(/[\s·•・.\u00b7\u2022\u30fb]/g, '')
    .toLowerCase();
}

/**
 * A phone for matching: digits only, without the +86/0086/86 country prefix (138 0000 1111,
 * +86-138-0000-1111 and 8613800001111 are one number). Null when too short to be a phone.
 */
export function normalisePhone(phone: string): string | null {
  let d = nfkc(phone).replace(/\D/g, '');
  if (d.startsWith('0086')) d = d.slice(4);
  else if (d.length === 13 && d.startsWith('86')) d = d.slice(2);
  return d.length >= 7 && d.length <= 12 ? d : null;
}

/** An ID number for matching: 18 characters, upper-case X. Null when it is no ID number. */
export function normaliseIdNumber(id: string): string | null {
  const s = nfkc(id).replace(/[\s-]/g, '').toUpperCase();
  return /^\d{17}[\dX]$/.test(s) || /^\d{15}$/.test(s) ? s : null;
}

/** The plain terms of a case's parties (to be hashed before storing; never stored as such). */
export function partySearchTerms(parties: Pick<Party, 'name' | 'phone' | 'idNumber'>[]): string[] {
  const out = new Set<string>();
  for (const p of parties) {
    const n = normaliseName(p.name);
    if (n.length >= 2) out.add(`name:${n}`);
    const ph = p.phone ? normalisePhone(p.phone) : null;
    if (ph) out.add(`phone:${ph}`);
    const id = p.idNumber ? normaliseIdNumber(p.idNumber) : null;
    if (id) out.add(`id:${id}`);
  }
  return [...out].sort();
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * Tokens of a text for `array-contains`: every pair of neighbouring CJK characters, and every
 * Latin or digit word of two characters or more (lower case). Punctuation splits; masked values
 * (张**, 138****5678) are left out.
 */
export function textTokens(text: string): string[] {
  const out = new Set<string>();
  // A masked value (张**, 138****5678) with the characters next to its stars is no word.
  const s = nfkc(text)
    .toLowerCase()
    .replace(/(?:[a-z0-9]+|[\u3400-\u9fff])?\*+[a-z0-9]*/g, ' ');
  let run = '';
  const flush = () => {
    const chars = Array.from(run);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
    run = '';
  };
  for (const ch of s) {
    if (CJK.test(ch)) run += ch;
    else flush();
  }
  flush();
  for (const w of s.match(/[a-z0-9]{2,}/g) ?? []) out.add(w);
  return [...out];
}

/** The title's tokens stored on the case (at most 60 characters, so at most ~60 tokens). */
export const titleTokens = (maskedTitle: string): string[] => textTokens(maskedTitle).sort();

/** A case number as the console shows it (county code, a dash, twelve letters or digits). */
export const CASE_NUMBER = /^\d{6}-[A-Za-z0-9]{6,20}$/;

/** What a query asks for: one case by number, or title tokens and party terms (hashed by the server). */
export type SearchPlan = { kind: 'number'; caseId: string } | { kind: 'terms'; tokens: string[]; partyTerms: string[] };

/** The shortest query (characters, spaces left out). */
export const MIN_QUERY = 2;

/** Reads a query (already trimmed and at least `MIN_QUERY` long: the schema checks). */
export function planSearch(query: string): SearchPlan {
  const q = nfkc(query).trim();
  if (CASE_NUMBER.test(q)) return { kind: 'number', caseId: q };
  const partyTerms: string[] = [];
  const id = normaliseIdNumber(q);
  const digits = q.replace(/[\s\-+()]/g, '');
  const phone = /^\d+$/.test(digits) ? normalisePhone(digits) : null;
  if (id) partyTerms.push(`id:${id}`);
  else if (phone) partyTerms.push(`phone:${phone}`);
  else {
    const n = normaliseName(q);
    if (n.length >= 2 && n.length <= 20 && !/\d/.test(n)) partyTerms.push(`name:${n}`);
  }
  // Numbers (phones, ID numbers) are never looked up among title words: titles carry them masked.
  const tokens = id || phone ? [] : textTokens(q);
  return { kind: 'terms', tokens, partyTerms };
}

/** A case's tokens contain all of the query's. */
export const matchesTokens = (caseTokens: readonly string[], queryTokens: readonly string[]): boolean =>
  queryTokens.every((t) => caseTokens.includes(t));

/** `searchCases`: a query of at least two characters. */
export const SearchCasesInput = z.strictObject({
  query: z
    .string({ error: '请输入要查询的内容' })
    .trim()
    .max(60, '查询内容不能超过60个字')
    .refine((s) => s.replace(/\s/g, '').length >= MIN_QUERY, '请至少输入2个字：案件编号、标题中的词、当事人姓名或手机号'),
});
export type SearchCasesInput = z.infer<typeof SearchCasesInput>;

/** Why a case was found. */
export type SearchMatch = 'number' | 'title' | 'party';

/** One case found: what its reader may see of it, never personal data. */
export interface CaseSummary {
  id: string;
  title: string;
  state: CaseState;
  tier: Tier;
  unitId: string;
  /** The name of the unit handling it now (乡镇、村、网格), for people. */
  unitName: string;
  updatedAt: string;
  matched: SearchMatch[];
}

/** caseSearch/{caseId}: a case's parties as keyed hashes (server-only; the rules deny clients). */
export const CaseSearchDoc = z.strictObject({
  caseId: z.string(),
  countyId: z.string(),
  /** HMAC-SHA256 (hex) of each of `partySearchTerms`. */
  keys: z.array(z.string().regex(/^[0-9a-f]{64}$/)),
  /** Which key version made them (a new key means a rebuild: `fengqiao search rebuild`). */
  keyId: z.string(),
});
export type CaseSearchDoc = z.infer<typeof CaseSearchDoc>;

/** At most this many cases come back (the most recently updated first). */
export const SEARCH_LIMIT = 20;
