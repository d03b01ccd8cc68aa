#!/usr/bin/env node
/**
 * The console's bundle budget, checked after `vite build` (npm run check-bundle -w web):
 *   - initial JS: the entry chunk and everything it imports statically (what the browser must
 *     download before the sign-in page can render), gzip;
 *   - every lazily loaded chunk, gzip, against its own budget (pages, charts);
 *   - the CSS the entry links.
 * Reads dist/.vite/manifest.json. Exits 1 with a clear message when a budget is exceeded.
 * Budgets are set with headroom over today's sizes (docs/console.md); raise one only with a reason.
 */
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const KB = 1024;
export const BUDGETS = {
  /**
   * Entry + static imports: React, Firebase app/Auth/Functions, the light sign-in page and the grid
   * worker's phone report form (no antd, no Firestore, no zod, no luxon: main.tsx loads those with
   * the full console).
   */
  initialJs: 124 * KB, // 144 until the dictionary was split by page (142.1 → 120.4 KB): only its boot part is initial now (docs/console.md)
  /** The phone path of issue 12: what the report form needs before it is usable (the initial JS, the Chinese dictionary's boot part included). */
  phonePath: 250 * KB,
  initialCss: 20 * KB,
  /** Any lazily loaded chunk, unless named below. */
  lazyChunk: 80 * KB,
  /** Named lazy chunks with their own budget (matched on the chunk's file name). */
  named: {
    EChart: 200 * KB, // the chart wrapper (echarts itself is the 'echarts' chunk below)
    'echarts-map': 80 * KB, // 一张图 only: the map series and geo coordinates (before 'echarts': matched on the name's start)
    echarts: 215 * KB, // echarts/core + zrender + bar, line, pie + SVG renderer, shared by every chart (+12 KB with the map's helpers, 一张图)
    firestore: 190 * KB, // the Firestore SDK, loaded with the full console
  },
};

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`check-bundle: ${manifestPath} not found — run \`npm run build -w web\` first.`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const fmt = (n) => `${(n / KB).toFixed(1)} KB`;

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entryKey) {
  console.error('check-bundle: no entry in the manifest');
  process.exit(1);
}

// The entry and its static imports, transitively.
const initial = new Set();
const initialCss = new Set();
(function walk(key) {
  const m = manifest[key];
  if (!m || initial.has(m.file)) return;
  initial.add(m.file);
  for (const c of m.css ?? []) initialCss.add(c);
  for (const i of m.imports ?? []) walk(i);
})(entryKey);
// And what index.html preloads besides (the Firebase SDK chunk the boot imports dynamically,
// vite.config.ts preloadFirebaseSdk): the page downloads it at start all the same.
for (const [, href] of readFileSync(join(dist, 'index.html'), 'utf8').matchAll(/<link rel="modulepreload"[^>]*href="\/([^"]+)"/g))
  initial.add(href);

const failures = [];
const initialJs = [...initial].reduce((s, f) => s + gz(f), 0);
const css = [...initialCss].reduce((s, f) => s + gz(f), 0);
if (initialJs > BUDGETS.initialJs) failures.push(`initial JS is ${fmt(initialJs)} gzip, over its budget of ${fmt(BUDGETS.initialJs)}`);
if (css > BUDGETS.initialCss) failures.push(`initial CSS is ${fmt(css)} gzip, over its budget of ${fmt(BUDGETS.initialCss)}`);

// The Chinese dictionary's boot part is part of the initial JS (the default language); the other
// parts load with their pages, English only when chosen (web/src/i18n/parts.ts).
const phonePath = initialJs;
if (phonePath > BUDGETS.phonePath) failures.push(`the phone path is ${fmt(phonePath)} gzip, over its budget of ${fmt(BUDGETS.phonePath)}`);

const lazy = [...new Set(Object.values(manifest).map((m) => m.file))].filter((f) => f.endsWith('.js') && !initial.has(f));
const rows = [];
for (const f of lazy) {
  const size = gz(f);
  const name = Object.keys(BUDGETS.named).find((n) => f.includes(`/${n}-`));
  const budget = name ? BUDGETS.named[name] : BUDGETS.lazyChunk;
  rows.push({ f, size, budget });
  if (size > budget) failures.push(`lazy chunk ${f} is ${fmt(size)} gzip, over its budget of ${fmt(budget)}`);
}

console.log(`initial JS  ${fmt(initialJs).padStart(10)} / ${fmt(BUDGETS.initialJs)}  (${initial.size} files: ${[...initial].map((f) => f.replace(/^assets\//, '')).join(', ')})`);
console.log(`phone path  ${fmt(phonePath).padStart(10)} / ${fmt(BUDGETS.phonePath)}  (the initial JS, the zh-CN dictionary's boot part included)`);
console.log(`initial CSS ${fmt(css).padStart(10)} / ${fmt(BUDGETS.initialCss)}`);
const biggest = rows.sort((a, b) => b.size - a.size).slice(0, 8);
console.log(`lazy chunks: ${rows.length}; largest:`);
for (const r of biggest) console.log(`  ${fmt(r.size).padStart(10)} / ${fmt(r.budget)}  ${r.f.replace(/^assets\//, '')}`);

if (failures.length) {
  console.error(`\ncheck-bundle: FAILED\n  - ${failures.join('\n  - ')}`);
  process.exit(1);
}
console.log('check-bundle: OK');
