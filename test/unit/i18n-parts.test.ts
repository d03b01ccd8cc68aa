// The console's dictionary comes in parts (web/src/i18n/parts.ts): the boot part with the first
// download, the console's part with the full console, each area's parts with the pages that load
// them (`withDictionary(import(page), [parts])`). A page renders only once its parts are in, so
// every key a page's code uses must be in a part that is loaded by then — checked here on the
// source: from main.tsx along its imports, a static import keeps the parts available, a dynamic
// one wrapped in withDictionary adds its parts. Also: both languages have the same keys in each
// part (the type check says so too), and no key is in two parts.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { PARTS } from '../../web/src/i18n/parts';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/src');
const I18N = join(SRC, 'i18n');
const PART_NAMES = ['boot', ...Object.keys(PARTS)];

type Dict = Record<string, string>;
const zh: Record<string, Dict> = {};
const en: Record<string, Dict> = {};
beforeAll(async () => {
  for (const p of PART_NAMES) {
    zh[p] = (await import(join(I18N, 'zh-CN', `${p}.ts`))).default;
    en[p] = (await import(join(I18N, 'en-US', `${p}.ts`))).default;
  }
});

describe('the parts of the dictionary', () => {
  it('are the files of both languages, boot and the parts parts.ts loads', () => {
    const files = (locale: string) =>
      readdirSync(join(I18N, locale))
        .map((f) => f.replace(/\.ts$/, ''))
        .sort();
    expect(files('zh-CN')).toEqual([...PART_NAMES].sort());
    expect(files('en-US')).toEqual([...PART_NAMES].sort());
  });

  it('have the same keys in English as in Chinese, each text non-empty', () => {
    for (const p of PART_NAMES) {
      expect(Object.keys(en[p]!).sort(), p).toEqual(Object.keys(zh[p]!).sort());
      for (const d of [zh[p]!, en[p]!]) for (const [k, v] of Object.entries(d)) expect(v.trim(), k).not.toBe('');
    }
  });

  it('hold each key once', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const p of PART_NAMES)
      for (const k of Object.keys(zh[p]!)) {
        if (seen.has(k)) twice.push(`${k} (${seen.get(k)}, ${p})`);
        seen.set(k, p);
      }
    expect(twice).toEqual([]);
  });
});

// ── The source: imports and the keys each file uses ──

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) {
      // The dictionaries themselves.
      if (p !== join(I18N, 'zh-CN') && p !== join(I18N, 'en-US')) sourceFiles(p, out);
    } else if (/\.tsx?$/.test(f)) out.push(p);
  }
  return out;
}

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null; // packages and @domain: no keys there
  const base = resolve(dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')])
    if (existsSync(c) && statSync(c).isFile()) return c;
  return null;
}

interface FileInfo {
  statics: string[];
  dynamics: { file: string; parts: string[] }[];
  keys: Set<string>;
}

function scan(allKeys: string[]): Map<string, FileInfo> {
  const keySet = new Set(allKeys);
  const withPrefix = (prefix: string) => allKeys.filter((k) => k.startsWith(prefix));
  const files = new Map<string, FileInfo>();
  for (const file of sourceFiles(SRC)) {
    const src = readFileSync(file, 'utf8');
    const flat = src.replace(/\s+/g, ' ');
    const statics: string[] = [];
    for (const m of src.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?'([^']+)'/gms)) {
      const r = resolveImport(file, m[1]!);
      if (r) statics.push(r);
    }
    const dynamics: FileInfo['dynamics'] = [];
    const wrapped = new Set<number>();
    for (const m of flat.matchAll(/withDictionary\( ?import\('([^']+)'\) ?, ?\[([^\]]*)\]/g)) {
      const r = resolveImport(file, m[1]!);
      if (r) dynamics.push({ file: r, parts: [...m[2]!.matchAll(/'(\w+)'/g)].map((x) => x[1]!) });
      wrapped.add(m.index! + m[0].indexOf('import('));
    }
    for (const m of flat.matchAll(/import\('([^']+)'\)/g)) {
      if (wrapped.has(m.index!)) continue;
      // The dictionary's own loaders (i18n/parts.ts, core.tsx) are not pages.
      if (/^\.\/(zh-CN|en-US)\//.test(m[1]!)) continue;
      const r = resolveImport(file, m[1]!);
      if (r) dynamics.push({ file: r, parts: [] });
    }
    // Keys: string literals that are keys, or that prefix keys ('legal.originKind' for
    // `${f.i18n}.${v}`), and template literals with a key's start before the first `${`.
    const keys = new Set<string>();
    // data/query-specs.ts names Firestore queries ('board.scope', …), not keys.
    if (!file.endsWith('/data/query-specs.ts')) {
      for (const m of src.matchAll(/'([A-Za-z][\w.-]*)'/g)) {
        if (keySet.has(m[1]!)) keys.add(m[1]!);
        else if (m[1]!.includes('.')) for (const k of withPrefix(`${m[1]}.`)) keys.add(k);
      }
      // Matched from the opening backtick on (templates nest: `${t(`kp.risk.${r}`)} · …`).
      for (const m of src.matchAll(/`([A-Za-z][\w-]*(?:\.[\w-]+)*)`/g)) if (keySet.has(m[1]!)) keys.add(m[1]!);
      for (const m of src.matchAll(/`([A-Za-z][\w-]*(?:\.[\w-]+)*\.)\$\{/g)) for (const k of withPrefix(m[1]!)) keys.add(k);
    }
    files.set(file, { statics, dynamics, keys });
  }
  return files;
}

describe('every key a page uses is loaded with it', () => {
  it('from main.tsx: boot; the full console: + console; a page: + the parts it loads', () => {
    const partOf = new Map<string, string>();
    for (const p of PART_NAMES) for (const k of Object.keys(zh[p]!)) partOf.set(k, p);
    const files = scan([...partOf.keys()]);
    const missing = new Set<string>();
    const visited = new Set<string>();
    let pages = 0;
    const walk = (file: string, parts: ReadonlySet<string>) => {
      const id = `${file}|${[...parts].sort().join(',')}`;
      const info = files.get(file);
      if (!info || visited.has(id)) return;
      visited.add(id);
      for (const k of info.keys)
        if (!parts.has(partOf.get(k)!)) missing.add(`${relative(SRC, file)} uses ${k} (part ${partOf.get(k)}), not loaded with it`);
      for (const s of info.statics) walk(s, parts);
      for (const d of info.dynamics) {
        if (d.parts.length) pages++;
        walk(d.file, new Set([...parts, ...d.parts]));
      }
    };
    walk(join(SRC, 'main.tsx'), new Set(['boot']));
    expect([...missing].sort()).toEqual([]);
    // The walk reached the console and its pages (the check above is not empty).
    expect(pages).toBeGreaterThan(20);
    expect(visited.size).toBeGreaterThan(100);
  });

  it('the boot part holds only what the first screen uses (the rest comes later)', () => {
    // Keys of the boot part no file reached without the console uses: they belong in a later part.
    const partOf = new Map<string, string>();
    for (const p of PART_NAMES) for (const k of Object.keys(zh[p]!)) partOf.set(k, p);
    const files = scan([...partOf.keys()]);
    const used = new Set<string>();
    const seen = new Set<string>();
    const walk = (file: string) => {
      const info = files.get(file);
      if (!info || seen.has(file)) return;
      seen.add(file);
      for (const k of info.keys) used.add(k);
      for (const s of info.statics) walk(s);
      for (const d of info.dynamics) if (!d.parts.length) walk(d.file);
    };
    walk(join(SRC, 'main.tsx'));
    expect(Object.keys(zh.boot!).filter((k) => !used.has(k))).toEqual([]);
  });
});
