/**
 * Parties' personal data (names, phones, ID numbers, bank cards, addresses) is visible only to
 * those handling a case; everyone else sees these masks (docs/architecture.md, "Who sees
 * personal data"). People write personal data anywhere — titles, notes, mediation summaries —
 * and in every spelling, so `maskText` works on free text: every path that writes text a
 * non-handler can read runs it.
 *
 * Pure (no Firebase). Guarantees, checked by property tests and a corpus (test/unit/privacy*):
 * - phones (mobile, with spaces/dashes/dots, +86/0086/(+86) prefixes, full-width digits),
 *   landlines with an area code, 15- and 18-digit ID numbers (with separators), bank cards
 *   (16–19 digits) and the case's own parties' names, addresses, phones and ID numbers never
 *   survive;
 * - idempotent: masking masked text changes nothing;
 * - not over-eager: dates, times, amounts, case IDs, region codes (6/9/12/15 digits) are kept.
 */
import type { CaseDoc, CaseEventDraft } from './case-model';

export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return chars[0] + '*'.repeat(Math.min(chars.length - 1, 3));
}

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = normalise(phone).replace(/\D/g, '');
  if (digits.length < 7) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return null;
  const s = normalise(id).replace(/[^0-9Xx]/g, '');
  if (s.length <= 8) return '********';
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
}

/** Bank card: first and last four digits (6222********4567). */
export function maskBankCard(card: string): string {
  const d = normalise(card).replace(/\D/g, '');
  return `${d.slice(0, 4)}********${d.slice(-4)}`;
}

/** The administrative part of an address is kept (岷阳镇城郊村***); the house number is not. */
export function maskAddress(address: string): string {
  const { prefix, detail } = splitAddress(address);
  return detail ? `${prefix}***` : address;
}

const ADMIN_RE = /(?:省|自治区|市|自治州|州|盟|县|旗|区|镇|乡|街道|社区|村|嘎查|苏木)/g;

function splitAddress(address: string): { prefix: string; detail: string } {
  const a = address.trim();
  let cut = -1;
  let last = -1;
  for (const m of a.matchAll(ADMIN_RE)) {
    last = m.index + m[0].length;
    if (last < a.length) cut = last;
  }
  if (last === a.length) return { prefix: a, detail: '' }; // a place name (城郊村), no house
  if (cut < 0) cut = Math.min(2, a.length);
  return { prefix: a.slice(0, cut), detail: a.slice(cut) };
}

// ---------------------------------------------------------------------------------------------
// Numbers in free text

/**
 * One-to-one (same UTF-16 length) normalisation used for matching: full-width digits, letters
 * X/x, plus, hyphen, dot, parentheses and the ideographic space, and the dash family.
 */
function normalise(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xff10 + 48);
    else if (c === 0xff38) out += 'X';
    else if (c === 0xff58) out += 'x';
    else if (c === 0xff0b) out += '+';
    else if (c === 0xff0d || c === 0x2010 || c === 0x2011 || c === 0x2012 || c === 0x2013 || c === 0x2014 || c === 0x2212 || c === 0xfe63)
      out += '-';
    else if (c === 0xff0e || c === 0x00b7 || c === 0x30fb) out += '.';
    else if (c === 0xff08) out += '(';
    else if (c === 0xff09) out += ')';
    else if (c === 0x3000 || c === 0x00a0 || c === 0x2002 || c === 0x2003 || c === 0x2009 || c === 0x202f) out += ' ';
    else out += s[i];
  }
  return out;
}

/** A separator between digit groups: a dash or dot (with optional spaces), or one or two spaces. */
const SEP = '(?: ?[-.] ?| {1,2})';
/**
 * Not glued to another digit, nor to the asterisks of a mask's remnant (138****5678), so masked
 * text never matches again; an asterisk next to a letter (张*13812345678) does not protect.
 */
const B = '(?<![0-9])(?<![0-9Xx]-?\\*+)';
const E = '(?![0-9])(?!-?\\*+[0-9Xx])';
const digitsRun = (n: number) => `\\d(?:${SEP}?\\d){${n - 1}}`;

const ID18_RE = new RegExp(`${B}\\d(?:${SEP}?\\d){16}${SEP}?[0-9Xx]${E}(?![Xx])`, 'g');
const ID15_RE = new RegExp(`${B}${digitsRun(15)}${E}(?![Xx])`, 'g');
const CARD_RE = new RegExp(`${B}(?:\\d{16,19}|\\d{4}(?:${SEP}\\d{4}){3}(?:${SEP}\\d{1,3})?|\\d{6}${SEP}\\d{10,13})${E}`, 'g');
/** +86, 0086, 86 or (+86) before a mobile number; else the number starts on its own. */
const PHONE_START = `(?:(?:\\+ ?|${B}00 ?|${B}(?<!\\+))86 ?-? ?|\\( ?\\+? ?86 ?\\) ?-? ?|${B})`;
const PHONE_RE = new RegExp(`${PHONE_START}1${SEP}?[3-9](?:${SEP}?\\d){9}${E}`, 'g');
const LANDLINE_RE = new RegExp(`${B}(?:\\( ?0\\d{2,3} ?\\)|0\\d{2,3})${SEP}?[1-9]\\d{2,3}${SEP}?\\d{4}${E}`, 'g');

/** Is YYYY-MM-DD (or YY-MM-DD as 19YY) a real calendar date? */
function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

/** An 18-digit resident ID: province 1–8, a birth date YYYYMMDD at positions 7–14. */
export function looksLikeId18(s: string): boolean {
  if (!/^[1-8]\d{16}[0-9Xx]$/.test(s)) return false;
  const y = +s.slice(6, 10);
  return y >= 1900 && y <= 2099 && validDate(y, +s.slice(10, 12), +s.slice(12, 14));
}

/**
 * A 15-digit (pre-1999) resident ID: province 1–8, a birth date YYMMDD at positions 7–12 of
 * 1920–1999. A grid code (15 digits: town sequence 0xx/1xx at positions 7–9) has "YY" 00–19,
 * so the demo county's grid codes never match; codes of 乡 (2xx) are protected by `keep` and
 * by the words before them (网格/编码/代码).
 */
export function looksLikeId15(s: string): boolean {
  if (!/^[1-8]\d{14}$/.test(s)) return false;
  const yy = +s.slice(6, 8);
  return yy >= 20 && validDate(1900 + yy, +s.slice(8, 10), +s.slice(10, 12));
}

const ID_CONTEXT = /(?:身份证|证件|证号|身份号码|公民身份)[^\n]{0,6}$/;
const CODE_CONTEXT = /(?:网格|编码|代码|编号|区划|单号|订单|工单)[^\n]{0,4}$/;

interface Span {
  start: number;
  end: number;
  replacement: string;
}

/** Replaces the accepted matches of `re` in `text` (matching on the normalised text). */
function replaceMatches(
  text: string,
  re: RegExp,
  decide: (raw: string, norm: string, start: number, normText: string) => string | null,
): string {
  const norm = normalise(text);
  const spans: Span[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(norm)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    const replacement = decide(text.slice(start, end), m[0], start, norm);
    if (replacement === null) {
      re.lastIndex = start + 1; // try a later start inside the rejected run
      continue;
    }
    spans.push({ start, end, replacement });
    if (m[0].length === 0) re.lastIndex++;
  }
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.replacement;
    at = s.end;
  }
  return out + text.slice(at);
}

const digitsOf = (s: string) =>
  normalise(s)
    .replace(/[^0-9Xx]/g, '')
    .toUpperCase();

/** A regex that finds the given digits spelled with any separators (a party's own phone or ID). */
function spelledDigits(digits: string, phone: boolean): RegExp {
  const parts = Array.from(digits).map((ch) => (/[Xx]/.test(ch) ? '[Xx]' : ch));
  return new RegExp(`${phone ? PHONE_START : B}${parts.join(`${SEP}?`)}${E}`, 'g');
}

export interface PartyLike {
  name?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  address?: string | null;
}

export interface MaskOptions {
  /** The case's own parties: their names, addresses, phones and ID numbers are masked wherever they appear. */
  parties?: readonly PartyLike[];
  /** Further addresses (the case's address). */
  addresses?: readonly (string | null | undefined)[];
  /** Numbers never to mask (the case's region codes and ID): compared on digits. */
  keep?: readonly (string | null | undefined)[];
}

function maskNumbers(text: string, opts: MaskOptions): string {
  const keep = new Set((opts.keep ?? []).filter((k): k is string => !!k).map(digitsOf));
  let out = text;
  // This case's own numbers first, in any spelling, whatever their shape.
  const own = new Map<string, 'phone' | 'id'>();
  for (const p of opts.parties ?? []) {
    const ph = p.phone ? digitsOf(p.phone) : '';
    if (ph.length >= 7) own.set(ph, 'phone');
    const id = p.idNumber ? digitsOf(p.idNumber) : '';
    if (id.length >= 8) own.set(id, 'id');
  }
  for (const [d, kind] of [...own].sort((a, b) => b[0].length - a[0].length)) {
    out = replaceMatches(out, spelledDigits(d, kind === 'phone'), () => (kind === 'phone' ? maskPhone(d)! : maskIdNumber(d)!));
  }
  const kept = (norm: string) => keep.has(digitsOf(norm));
  const before = (normText: string, start: number) => normText.slice(Math.max(0, start - 12), start);
  out = replaceMatches(out, ID18_RE, (_raw, norm, start, normText) => {
    const d = digitsOf(norm);
    if (kept(norm)) return null;
    if (looksLikeId18(d) || /X$/.test(d) || ID_CONTEXT.test(before(normText, start))) return maskIdNumber(d);
    return null; // 18 digits that are no ID: a bank card, masked below
  });
  out = replaceMatches(out, ID15_RE, (_raw, norm, start, normText) => {
    const d = digitsOf(norm);
    if (kept(norm)) return null;
    const ctx = before(normText, start);
    if (ID_CONTEXT.test(ctx)) return maskIdNumber(d);
    if (CODE_CONTEXT.test(ctx)) return null;
    return looksLikeId15(d) ? maskIdNumber(d) : null;
  });
  out = replaceMatches(out, CARD_RE, (_raw, norm) => (kept(norm) ? null : maskBankCard(norm)));
  out = replaceMatches(out, PHONE_RE, (_raw, norm) => {
    const d = norm.replace(/\D/g, '').slice(-11); // without the +86 / 0086 prefix
    return kept(d) ? null : maskPhone(d);
  });
  out = replaceMatches(out, LANDLINE_RE, (_raw, norm) => {
    if (kept(norm)) return null;
    const m = /^\(? ?(0\d{2,3}) ?\)?(.*)$/.exec(norm)!;
    const area = m[1]!;
    const local = m[2]!.replace(/\D/g, '');
    return `${area}-${'*'.repeat(local.length - 2)}${local.slice(-2)}`;
  });
  return out;
}

function maskPartyWords(text: string, opts: MaskOptions): string {
  let out = text;
  const addresses = [...(opts.addresses ?? []), ...(opts.parties ?? []).map((p) => p.address)].filter(
    (a): a is string => !!a && a.trim().length >= 2,
  );
  for (const a of [...new Set(addresses.map((x) => x.trim()))].sort((x, y) => y.length - x.length)) {
    const { prefix, detail } = splitAddress(a);
    if (!detail) continue; // a bare place name (城郊村) is no personal data
    out = out.split(a).join(`${prefix}***`);
    if (detail.length >= 4) out = out.split(detail).join('***');
  }
  const names = (opts.parties ?? []).map((p) => (p.name ?? '').trim()).filter((n) => Array.from(n).length >= 2 && !n.includes('*'));
  for (const n of [...new Set(names)].sort((x, y) => y.length - x.length)) out = out.split(n).join(maskName(n));
  return out;
}

/**
 * Masks personal data in free text: the case's parties' addresses and names (张*), then phone,
 * ID and bank card numbers in every usual spelling (the parties' own first). Idempotent: the
 * number patterns never start or end beside a numeric mask's asterisks (138****5678), and words
 * go first so that the few characters before a number that decide whether it is an ID (身份证…)
 * read the same in the second pass as in the first.
 */
export function maskText(text: string, opts: MaskOptions = {}): string {
  if (!text) return text;
  return maskNumbers(maskPartyWords(text, opts), opts);
}

export function maskOptional(text: string | null | undefined, opts: MaskOptions = {}): string | null {
  return text === null || text === undefined ? null : maskText(text, opts);
}

/** Masks phone, ID and bank card numbers that appear inside free text (no party context). */
export function maskFreeText(text: string): string {
  return maskText(text);
}

// ---------------------------------------------------------------------------------------------
// Cases and their events

/** The masking context of one case: its parties and address, and its own codes kept. */
export function caseMaskOptions(
  p: { parties: readonly PartyLike[]; address?: string | null } | null | undefined,
  c?: Pick<CaseDoc, 'id' | 'countyId' | 'townId' | 'villageId' | 'gridId'> | null,
): MaskOptions {
  return {
    parties: p?.parties ?? [],
    addresses: [p?.address ?? null],
    keep: c ? [c.countyId, c.townId, c.villageId, c.gridId, c.id] : [],
  };
}

/**
 * The case document as everyone who reads the case may see it: every free-text field masked
 * (title, description, resolution note, referral note, the leader's plan, 督办 instructions and
 * replies), and a resident reporter's name masked like the parties (胡**).
 */
export function maskCaseTexts(c: CaseDoc, opts: MaskOptions): CaseDoc {
  const t = (s: string) => maskText(s, opts);
  return {
    ...c,
    title: t(c.title),
    description: t(c.description),
    resolutionNote: maskOptional(c.resolutionNote, opts),
    referral: c.referral ? { ...c.referral, note: t(c.referral.note) } : null,
    leader: c.leader ? { ...c.leader, plan: t(c.leader.plan) } : null,
    reporter: maskActor(c.reporter),
    origin: c.origin?.result ? { ...c.origin, result: { ...c.origin.result, note: t(c.origin.result.note) } } : (c.origin ?? null),
    sentToCourt: c.sentToCourt ? { ...c.sentToCourt, note: t(c.sentToCourt.note) } : (c.sentToCourt ?? null),
    petitionReview: c.petitionReview ? maskReview(c.petitionReview, opts) : (c.petitionReview ?? null),
    serviceReferrals: (c.serviceReferrals ?? []).map((r) => ({ ...r, note: t(r.note), resultNote: maskOptional(r.resultNote, opts) })),
    supervisions: c.supervisions.map((s) => ({
      ...s,
      instruction: t(s.instruction),
      reply: maskOptional(s.reply, opts),
      petitionerReply: maskOptional(s.petitionerReply, opts),
    })),
  };
}

function maskReview(r: NonNullable<CaseDoc['petitionReview']>, opts: MaskOptions): NonNullable<CaseDoc['petitionReview']> {
  const step = (x: typeof r.review) => (x ? { ...x, opinion: maskOptional(x.opinion, opts) } : null);
  return { ...r, review: step(r.review), recheck: step(r.recheck) };
}

/** Free-text keys of event data (accept notes, mediation summaries, feedback, progress, instructions). */
const EVENT_TEXT_KEYS = [
  'summary',
  'feedback',
  'progress',
  'instructions',
  'note',
  'plan',
  'instruction',
  'reply',
  'petitionerReply',
  'found',
  'opinion',
] as const;

export function maskEventTexts<E extends CaseEventDraft>(e: E, opts: MaskOptions): E {
  const data: Record<string, unknown> = { ...e.data };
  for (const k of EVENT_TEXT_KEYS) if (typeof data[k] === 'string') data[k] = maskText(data[k] as string, opts);
  // Only string values change, each to a string: the event keeps its action's shape.
  return { ...e, actor: maskActor(e.actor), reason: maskOptional(e.reason, opts), data: data as E['data'] };
}

/** A resident acting on their own request is a party: their name is masked like one. */
export function maskActor<A extends { role: string; name: string | null }>(a: A): A {
  return a.role === 'resident' && a.name && !a.name.includes('*') ? { ...a, name: maskName(a.name) } : a;
}

// ---------------------------------------------------------------------------------------------
// Spreadsheet cells

/**
 * Formula injection (CSV/XLSX): a text cell starting with = + - @, tab or carriage return is
 * prefixed with a single quote (OWASP), so spreadsheet programs show it as text.
 */
export function neutraliseCell<T>(v: T): T | string {
  if (typeof v !== 'string') return v;
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/**
 * Fields of a case command that never carry free text: IDs, account UIDs, enumerations, dates,
 * flags (domain/case-machine.ts CaseCommand). Any other text field counts as free text.
 */
export const COMMAND_PLAIN_FIELDS: ReadonlySet<string> = new Set([
  'action',
  'expectedVersion',
  'caseId',
  'handlerUid',
  'mediatorUid',
  'mediatorId',
  'leaderUid',
  'departmentId',
  'departmentIds',
  'duplicateOf',
  'caseClass',
  'outcome',
  'result',
  'satisfaction',
  'supervisionId',
  'referralId',
  'service',
  'stage',
  'kind',
  'emergency',
  'referredOn',
  'dueDate',
]);

/**
 * Whether a command brings free text to mask with the case's parties (pure). One without (accept,
 * check-in, callback without a note, close…) adds no text: the case's own is stored masked
 * already, so its parties need not be read. Fail-safe: a text field not known to be plain
 * (a field added later) counts as free text.
 */
export function commandHasText(cmd: object): boolean {
  return Object.entries(cmd).some(([k, v]) => {
    if (COMMAND_PLAIN_FIELDS.has(k)) return false;
    if (typeof v === 'string') return v.length > 0;
    if (Array.isArray(v)) return v.length > 0;
    return v !== null && typeof v === 'object';
  });
}
