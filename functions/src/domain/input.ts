import { z } from 'zod';

/**
 * Shared input schemas for everything a caller sends: IDs that become Firestore document path
 * segments, calendar dates, and free text. Bad input is refused here, by the schema, so it never
 * reaches Firestore (where it would be an `internal` error, or worse, a write to a wrong path).
 */

/** True when the string has no lone (unpaired) UTF-16 surrogate, i.e. is well-formed Unicode. */
export function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const n = s.charCodeAt(i + 1);
      if (!(n >= 0xdc00 && n <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/** The first path (dotted) of a string with a lone surrogate anywhere inside a JSON-like value, else null. */
export function findMalformedText(v: unknown, path: (string | number)[] = [], depth = 0): (string | number)[] | null {
  if (depth > 64) return null;
  if (typeof v === 'string') return isWellFormed(v) ? null : path;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = findMalformedText(v[i], [...path, i], depth + 1);
      if (p) return p;
    }
    return null;
  }
  if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      if (!isWellFormed(k)) return [...path, k];
      const p = findMalformedText((v as Record<string, unknown>)[k], [...path, k], depth + 1);
      if (p) return p;
    }
  }
  return null;
}

/**
 * The path of the first key named `__proto__` inside a parsed JSON value, else null. Such a key
 * cannot survive being copied into a plain object (it would set the prototype instead), so a
 * payload carrying one is refused rather than silently changed.
 */
export function findProtoKey(v: unknown, path: (string | number)[] = [], depth = 0): (string | number)[] | null {
  if (depth > 64 || !v || typeof v !== 'object') return null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = findProtoKey(v[i], [...path, i], depth + 1);
      if (p) return p;
    }
    return null;
  }
  for (const k of Object.keys(v)) {
    if (k === '__proto__') return [...path, k];
    const p = findProtoKey((v as Record<string, unknown>)[k], [...path, k], depth + 1);
    if (p) return p;
  }
  return null;
}

/** Free text: trimmed, 1…max characters, well-formed Unicode (no lone surrogates). */
export const Text = (max: number, emptyMsg = '内容不能为空') =>
  z.string().trim().min(1, emptyMsg).max(max, `不能超过${max}字`).refine(isWellFormed, '含有无法识别的字符');

/** Firestore's own limits for a document ID, and what this product uses as one. */
export const DOC_ID_MAX = 128;

/** Why `s` cannot be a document ID (Chinese), or null when it can. */
export function docIdProblem(s: string): string | null {
  if (s.length === 0) return '编号不能为空';
  if (s.length > DOC_ID_MAX) return `编号不能超过${DOC_ID_MAX}个字符`;
  if (s.includes('/')) return '编号不能包含“/”';
  if (s === '.' || s === '..') return '编号不能是“.”或“..”';
  if (/^__.*__$/s.test(s)) return '编号不能以“__”开头并以“__”结尾';
  if (!isWellFormed(s)) return '编号含有无法识别的字符';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(s)) return '编号不能包含控制字符';
  return null;
}

/**
 * An ID used as a Firestore document ID (path segment): Auth uids (28 letters and digits; seeded
 * ones like `demo-town-l2`), department IDs (`621126-police-minyang`), region codes, case IDs
 * (`621126-Xk3…`), roster change IDs (20 letters and digits), supervision item IDs. Non-empty,
 * at most 128 characters, no `/`, not `.` or `..`, not `__…__`, no control characters,
 * well-formed Unicode.
 */
export const DocId = z.string().superRefine((s, ctx) => {
  const why = docIdProblem(s);
  if (why) ctx.addIssue({ code: 'custom', message: why });
});

/** A Firebase Auth uid: a DocId. */
export const Uid = DocId;

/** Dates are accepted from 2000 to 2100 (the range the working-day calendar documents may cover). */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** True for a real calendar date `YYYY-MM-DD` (no 2026-02-30, no 2026-13-45). */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}

/** A real calendar date (YYYY-MM-DD) between 2000-01-01 and 2100-12-31. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isRealDate, '日期不存在（请检查月份和日期）')
  .refine((s) => Number(s.slice(0, 4)) >= MIN_YEAR && Number(s.slice(0, 4)) <= MAX_YEAR, `日期应在${MIN_YEAR}年至${MAX_YEAR}年之间`);

/** A real month (YYYY-MM) between 2000-01 and 2100-12. */
export const IsoMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
  .refine((s) => Number(s.slice(0, 4)) >= MIN_YEAR && Number(s.slice(0, 4)) <= MAX_YEAR, `月份应在${MIN_YEAR}年至${MAX_YEAR}年之间`);

/** An ISO date-time with offset, in the supported years. */
export const IsoDateTime = z.iso.datetime({ offset: true }).refine((s) => {
  const t = Date.parse(s);
  return (
    Number.isFinite(t) && new Date(t).getUTCFullYear() >= MIN_YEAR && new Date(t).getUTCFullYear() <= MAX_YEAR && isRealDate(s.slice(0, 10))
  );
}, `时间应为${MIN_YEAR}年至${MAX_YEAR}年之间的有效时间`);

/** Own-property lookup in a plain object (a key like `__proto__` or `toString` finds nothing). */
export function own<V>(obj: Readonly<Record<string, V>> | null | undefined, key: string): V | undefined {
  return obj && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/**
 * An English log sentence with identifiers removed, for callers who may not see them: any token
 * that mixes letters and digits (Auth uids, seeded uids such as demo-town-l2, case and change
 * IDs), e-mail addresses, and the strings in `known` (e.g. the caller's own uid).
 */
export function redactIds(en: string, known: readonly string[] = []): string {
  let out = en;
  for (const k of known) if (k && k.length >= 3) out = out.split(k).join('<id>');
  return out.replace(/[A-Za-z0-9_][A-Za-z0-9_:.@+-]*[A-Za-z0-9_]|[A-Za-z0-9]/g, (t) =>
    (/[A-Za-z]/.test(t) && /\d/.test(t)) || t.includes('@') ? '<id>' : t,
  );
}
