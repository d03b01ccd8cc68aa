// Generated bad input for the callables and the intake endpoint: mutations of a valid-looking
// example (wrong types, missing and extra fields, IDs with `/`, `..`, `__x__`, impossible dates,
// out-of-range years, lone surrogates, huge strings, `__proto__`/`constructor` keys and values,
// nested objects, arrays, null), with field paths taken from the zod schema and the example,
// plus raw calls (the callable wire protocol over fetch) and a snapshot of every document in
// the Firestore emulator to prove that nothing was written.
import fc from 'fast-check';
import { getAuth } from 'firebase/auth';
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { type Client, FUNCTIONS_ORIGIN, PROJECT_ID, REGION } from './emulator';

const FS = process.env.FIRESTORE_EMULATOR_HOST!;
export const FUNCTIONS_URL = `${FUNCTIONS_ORIGIN}/${PROJECT_ID}/${REGION}`;

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json | undefined };
export type Path = (string | number)[];

/** Sets an own property, even one named `__proto__` (a plain assignment would change the prototype). */
function setOwn(o: Record<string, unknown>, k: string, v: unknown) {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

// ── values ────────────────────────────────────────────────────────────────────────────────────

export const HUGE = 'x'.repeat(200_000);
const BAD_IDS = [
  '',
  ' ',
  '/',
  'a/b',
  '621126/../x',
  '621126-police-minyang/x',
  '.',
  '..',
  '__x__',
  '__proto__',
  '__',
  '____',
  'constructor',
  'toString',
  'hasOwnProperty',
  'prototype',
  'valueOf',
  '\u0000',
  'a\u0000b',
  '\n',
  'x'.repeat(129),
  'x'.repeat(1501),
];
const BAD_TEXT = [
  '\ud800',
  'a\udc00b',
  '标题\ud83d',
  '\udfff\ud800',
  '\u202e\u202d',
  '<script>alert(1)</script>',
  "'; DROP TABLE cases; --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a nasty string that looks like a template, on purpose
  '${process.env}',
  '=HYPERLINK("http://x.invalid")',
  '🙂'.repeat(5),
  HUGE,
];
const BAD_DATES = [
  '2026-13-45',
  '2026-02-30',
  '2026-02-29',
  '2025-04-31',
  '2026-00-10',
  '2026-1-5',
  '26-01-01',
  '2027-01-01',
  '2099-12-31',
  '1899-12-31',
  '1999-12-31',
  '2101-01-01',
  '9999-12-31',
  '0000-00-00',
  '2026-11-28T10:00:00Z',
  '2026-11-28T25:61:00+08:00',
  '2026-02-30T10:00:00+08:00',
  '0001-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '2026-13',
  '2026-00',
  '9999-12',
];
const BAD_NUMBERS = [0, -1, -0.5, 1.5, 2 ** 53 + 2, 1e308, -1e308, 100001, 4294967296];
const BAD_STRUCT: Json[] = [
  null,
  true,
  false,
  [],
  {},
  [null],
  [[]],
  [{}],
  { a: { b: { c: { d: [] } } } },
  ['a', 1, null],
  JSON.parse('{"__proto__":{"admin":true}}'),
  { constructor: { prototype: { x: 1 } } },
  { toString: 'x' },
];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...BAD_IDS, ...BAD_TEXT, ...BAD_DATES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 8 }).map((s) => `__${s}__`) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(([a, b]) => `${a}/${b}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1900, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  },
);

export const nastyValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 6, arbitrary: nastyString },
  { weight: 2, arbitrary: fc.constantFrom<Json>(...BAD_NUMBERS, ...BAD_STRUCT) },
  { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 4 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'toString', 'a', 'x'), nastyString, { maxKeys: 3 }).map((d) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(d)) setOwn(o, k, v);
      return o as Json;
    }),
  },
  { weight: 1, arbitrary: fc.double().map((n) => (Number.isFinite(n) ? n : 0)) },
);

// ── paths from the schema and the example ────────────────────────────────────────────────────

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Every field path a zod schema names (arrays as index 0; unions: every option's fields). */
export function schemaPaths(schema: z.ZodType, prefix: Path = [], depth = 0): Path[] {
  if (depth > 8) return [];
  const d = defOf(schema);
  switch (d.type) {
    case 'object': {
      const out: Path[] = [];
      for (const [k, v] of Object.entries(d.shape ?? {})) out.push([...prefix, k], ...schemaPaths(v, [...prefix, k], depth + 1));
      return out;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return schemaPaths(d.innerType!, prefix, depth + 1);
    case 'pipe':
      return schemaPaths(d.in!, prefix, depth + 1);
    case 'array':
      return [[...prefix, 0], ...schemaPaths(d.element!, [...prefix, 0], depth + 1)];
    case 'union':
      return (d.options ?? []).flatMap((o) => schemaPaths(o, prefix, depth + 1));
    default:
      return [];
  }
}

/** Every path inside a JSON value (objects' keys and arrays' indexes). */
export function valuePaths(v: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => [[...prefix, i], ...valuePaths(x, [...prefix, i])]);
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [[...prefix, k], ...valuePaths(x, [...prefix, k])]);
  return [];
}

const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

export type Mutation =
  | { kind: 'set'; path: Path; value: Json }
  | { kind: 'delete'; path: Path }
  | { kind: 'extra'; path: Path; key: string; value: Json }
  | { kind: 'wrap'; path: Path; how: 'array' | 'object' | 'string' }
  | { kind: 'root'; value: Json };

function containerAt(root: unknown, path: Path, create: boolean): Record<string | number, unknown> | null {
  let cur = root as Record<string | number, unknown>;
  for (const k of path) {
    if (!cur || typeof cur !== 'object') return null;
    if ((cur[k] === undefined || cur[k] === null || typeof cur[k] !== 'object') && create)
      setOwn(cur as Record<string, unknown>, String(k), typeof k === 'number' ? [] : {});
    cur = cur[k] as Record<string | number, unknown>;
  }
  return cur && typeof cur === 'object' ? cur : null;
}

export function applyMutations(base: Json, ms: Mutation[]): Json {
  let out = clone(base);
  for (const m of ms) {
    if (m.kind === 'root') {
      out = clone(m.value);
      continue;
    }
    if (m.kind === 'extra') {
      const c = containerAt(out, m.path, false);
      if (c && !Array.isArray(c)) setOwn(c as Record<string, unknown>, m.key, clone(m.value));
      continue;
    }
    if (!m.path.length) continue;
    const parent = containerAt(out, m.path.slice(0, -1), m.kind === 'set');
    const k = m.path[m.path.length - 1]!;
    if (!parent) continue;
    if (m.kind === 'set') {
      if (Array.isArray(parent) && typeof k === 'number') parent[k] = clone(m.value);
      else setOwn(parent as Record<string, unknown>, String(k), clone(m.value));
    } else if (m.kind === 'delete') {
      if (Array.isArray(parent) && typeof k === 'number') parent.splice(k, 1);
      else delete parent[k];
    } else if (m.kind === 'wrap') {
      const v = parent[k];
      parent[k] = m.how === 'array' ? [v] : m.how === 'object' ? { value: v } : JSON.stringify(v ?? null);
    }
  }
  return out;
}

/** Mutations of `base` (1–3 each), over the schema's field paths and the example's own paths. */
export function mutationArb(schema: z.ZodType, base: Json): fc.Arbitrary<Mutation[]> {
  const seen = new Set<string>();
  const paths = [...valuePaths(base), ...schemaPaths(schema)].filter((p) => {
    const k = JSON.stringify(p);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const objects: Path[] = [
    [],
    ...valuePaths(base).filter((p) => {
      const c = containerAt(clone(base), p, false);
      return !!c && !Array.isArray(c);
    }),
  ];
  const path = fc.constantFrom(...(paths.length ? paths : [['x']]));
  const op: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('set' as const), path, value: nastyValue }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('extra' as const),
        path: fc.constantFrom(...objects),
        key: fc.constantFrom('__proto__', 'constructor', 'toString', 'prototype', 'tier', 'state', 'version', 'countyId', 'extra'),
        value: nastyValue,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('wrap' as const),
        path,
        how: fc.constantFrom('array' as const, 'object' as const, 'string' as const),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('root' as const), value: nastyValue }) },
  );
  return fc.array(op, { minLength: 1, maxLength: 3 });
}

/**
 * `count` payloads for one callable: mutations of the examples (deterministic for a seed), the
 * hand-written ones first.
 */
export function generatePayloads(schema: z.ZodType, examples: Json[], count: number, seed: number, handWritten: Json[] = []): Json[] {
  const arb = fc.tuple(fc.constantFrom(...examples), fc.nat()).chain(([ex]) => mutationArb(schema, ex).map((ms) => applyMutations(ex, ms)));
  const n = Math.max(0, count - handWritten.length);
  return [...handWritten, ...fc.sample(arb, { numRuns: n, seed })];
}

/** Bad values for every root: whatever a callable receives as `data`. */
export const ROOT_NASTIES: Json[] = [
  null,
  0,
  42,
  -1,
  'x',
  '',
  HUGE,
  true,
  [],
  [1, 2, 3],
  {},
  { data: {} },
  JSON.parse('{"__proto__":{"r":"admin"}}'),
  { constructor: 'x' },
  '\ud800',
];

// ── calling ──────────────────────────────────────────────────────────────────────────────────

export interface CallOutcome {
  http: number;
  /** The callable status (INVALID_ARGUMENT…), OK for a result, or what the transport said. */
  status: string;
  message: string;
}

/** The ID token of a signed-in client (the real one from the Auth emulator). */
export async function idTokenOf(c: Client): Promise<string> {
  const u = getAuth(c.app).currentUser;
  if (!u) throw new Error('client is not signed in');
  return u.getIdToken();
}

async function fetchWithTimeout(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  const ac = new AbortController();
  const t = setTimeout(() => ac.abort(), timeoutMs);
  try {
    return await fetch(url, { ...init, signal: ac.signal });
  } finally {
    clearTimeout(t);
  }
}

/** Calls a callable over its wire protocol (POST {data}), so any JSON can be sent. */
export async function rawCall(
  name: string,
  token: string | null,
  data: unknown,
  timeoutMs = 30_000,
  rawBody?: string,
): Promise<CallOutcome> {
  let res: Response;
  try {
    res = await fetchWithTimeout(
      `${FUNCTIONS_URL}/${name}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: rawBody ?? JSON.stringify({ data }),
      },
      timeoutMs,
    );
  } catch (e) {
    return { http: 0, status: (e as Error).name === 'AbortError' ? 'TIMEOUT' : 'NETWORK', message: String(e) };
  }
  const text = await res.text();
  let body: { result?: unknown; error?: { status?: string; message?: string } } = {};
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  if (res.ok && body && 'result' in body) return { http: res.status, status: 'OK', message: '' };
  return { http: res.status, status: body?.error?.status ?? `HTTP_${res.status}`, message: body?.error?.message ?? text.slice(0, 200) };
}

/** Statuses a refusal of bad input may have: a 4xx-class code. */
export const CLIENT_STATUSES = new Set([
  'INVALID_ARGUMENT',
  'FAILED_PRECONDITION',
  'PERMISSION_DENIED',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'ALREADY_EXISTS',
  'RESOURCE_EXHAUSTED',
  'ABORTED',
  'OUT_OF_RANGE',
]);

/** Runs `fn` over `items` with at most `concurrency` at a time. */
export async function pool<T, R>(items: T[], concurrency: number, fn: (x: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

// ── snapshots ────────────────────────────────────────────────────────────────────────────────

/**
 * Every document in the Firestore emulator (at any depth) with its update time: one kindless
 * all-descendants query over the REST API.
 */
export async function snapshotDocs(): Promise<Map<string, string>> {
  const res = await fetch(`http://${FS}/v1/projects/${PROJECT_ID}/databases/(default)/documents:runQuery`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer owner' },
    body: JSON.stringify({ structuredQuery: { from: [{ allDescendants: true }], select: { fields: [{ fieldPath: '__name__' }] } } }),
  });
  if (!res.ok) throw new Error(`snapshot failed: ${res.status} ${await res.text()}`);
  const rows = (await res.json()) as { document?: { name: string; updateTime: string } }[];
  const m = new Map<string, string>();
  for (const r of rows) if (r.document) m.set(r.document.name.replace(/^.*\/documents\//, ''), r.document.updateTime);
  return m;
}

export function snapshotHash(m: Map<string, string>): string {
  const h = createHash('sha256');
  for (const k of [...m.keys()].sort()) h.update(`${k}\u0000${m.get(k)}\n`);
  return h.digest('hex');
}

/** Documents added, removed or changed between two snapshots. */
export function snapshotDiff(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of b)
    if (!a.has(k)) out.push(`+ ${k}`);
    else if (a.get(k) !== v) out.push(`~ ${k}`);
  for (const k of a.keys()) if (!b.has(k)) out.push(`- ${k}`);
  return out;
}

/** A snapshot once the database has stopped changing (triggers of earlier tests have settled). */
export async function quietSnapshot(maxWaitMs = 60_000): Promise<Map<string, string>> {
  const until = Date.now() + maxWaitMs;
  let prev = await snapshotDocs();
  let same = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 2000));
    const cur = await snapshotDocs();
    same = snapshotHash(cur) === snapshotHash(prev) ? same + 1 : 0;
    if (same >= 2 || Date.now() > until) return cur;
    prev = cur;
  }
}
