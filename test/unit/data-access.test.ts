// Every Firestore path and query lives in functions/src/lib/db.ts and lib/queries.ts (the data-access
// layer): elsewhere, code takes refs (`refs(db).case(id)`) and named queries (`sweepDue(db, now)`).
// This reads the source text of functions/src and fails on a path or a query written anywhere else.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = 'functions/src';
const LAYER = new Set(['lib/db.ts', 'lib/queries.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const RULES: { what: string; re: RegExp }[] = [
  // db.collection('rosters'), x.collectionGroup("events"), .collection(`statsDays`)
  { what: 'a collection path', re: /\.collection(?:Group)?\(\s*['"`]/g },
  // db.doc('cases/123'), ref.doc(`${a}/b`)
  { what: 'a document path', re: /\.doc\(\s*(['"`])(?:(?!\1).)*\/(?:(?!\1).)*\1/g },
  // A query built by hand instead of by a named builder of lib/queries.ts.
  { what: 'a query filter or order', re: /\.(?:where|orderBy)\(/g },
];

/** `file:line: what — text` for every violation in a source text. */
function violations(file: string, text: string): string[] {
  const out: string[] = [];
  // Comments may mention paths.
  const code = text
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`])\/\/.*$/gm, (m, p: string) => p + ' '.repeat(m.length - p.length));
  for (const { what, re } of RULES) {
    for (const m of code.matchAll(re)) {
      const line = code.slice(0, m.index).split('\n').length;
      out.push(`${file}:${line}: ${what} — ${text.split('\n')[line - 1]!.trim()}`);
    }
  }
  return out;
}

describe('Firestore paths and queries only in the data-access layer', () => {
  const files = sources(ROOT).map((p) => ({ path: relative(ROOT, p).split('\\').join('/'), text: readFileSync(p, 'utf8') }));

  it('reads the sources, the layer among them', () => {
    expect(files.length).toBeGreaterThan(50);
    for (const f of LAYER) expect(files.map((x) => x.path)).toContain(f);
  });

  it('finds what it looks for (the check can fail)', () => {
    expect(violations('x.ts', "await db.collection('rosters').doc(id).get();")).toHaveLength(1);
    expect(violations('x.ts', 'db.collectionGroup("events")')).toHaveLength(1);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a source line quoted as it was written
    expect(violations('x.ts', 'db.doc(`cases/${id}/private/parties`)')).toHaveLength(1);
    expect(violations('x.ts', "r.cases().where('sweepAt', '<=', now).orderBy('sweepAt')")).toHaveLength(2);
    expect(violations('x.ts', "refs(db).roster(unitId).get(); // not db.collection('rosters')")).toEqual([]);
    expect(violations('x.ts', 'changes.doc(id); versions.doc(from)')).toEqual([]);
    // The layer itself is full of them.
    expect(violations('lib/queries.ts', files.find((f) => f.path === 'lib/queries.ts')!.text).length).toBeGreaterThan(0);
  });

  it('no path or query outside lib/db.ts and lib/queries.ts', () => {
    expect(files.filter((f) => !LAYER.has(f.path)).flatMap((f) => violations(f.path, f.text))).toEqual([]);
  });
});
