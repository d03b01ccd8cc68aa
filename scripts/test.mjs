// `npm test`: the whole suite. Unit tests first (no emulator), then — inside
// `firebase emulators:exec` — a check that every function loaded, the demo seed, the rules and
// integration tests, and the browser tests. Ends with one line: "tests: N passed, M failed".
//   npm test -- --only unit|emulated|e2e   runs one part (during development)
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/emulator-env.mjs';
import { ensureLocalSecrets } from './lib/local-secrets.mjs';
import { emulatorList, envOrExit, firebaseBin, prepareEmulatorsOrExit, RUN } from './lib/emulators.mjs';
import { assertPortsFreeOrExit } from './lib/ports.mjs';
import { run } from './lib/run.mjs';

const onlyIdx = process.argv.indexOf('--only');
const only = onlyIdx > 0 ? process.argv[onlyIdx + 1] : null;
const RESULTS = join(ROOT, '.cache', 'test-results');
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

const emulated = !only || only === 'emulated' || only === 'e2e';
if (emulated) await assertPortsFreeOrExit(RUN); // before the build, so a busy port is named at once

let failed = false;
const step = async (name, cmd, args, opts) => {
  console.log(`\n━━ ${name} ━━`);
  const code = await run(cmd, args, opts);
  if (code !== 0) {
    console.error(`✖ ${name} failed (exit ${code})`);
    failed = true;
  }
  return code;
};

if ((await step('build', 'npm', ['run', 'build'])) !== 0) process.exit(1);
await step('bundle budget', 'npm', ['run', 'check-bundle', '-w', 'web']);
// Vite builds the console without a typecheck, and nothing builds the tests: check them all.
await step('typecheck', 'npm', ['run', 'typecheck']);
// Lint and format (Biome, biome.json): a violation fails the run; `npm run format` fixes what it can.
await step('lint', 'npm', ['run', 'lint']);

if (!only || only === 'unit') {
  await step('unit tests', 'npx', [
    'vitest',
    'run',
    '--project',
    'unit',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(RESULTS, 'unit.json')}`,
  ]);
}
if (emulated) {
  ensureLocalSecrets();
  const fb = await prepareEmulatorsOrExit(envOrExit());
  fb.env.FENGQIAO_TEST_PARTS = only ?? 'emulated,e2e';
  fb.env.FENGQIAO_TEST_RESULTS = RESULTS;
  await step(
    'emulated tests',
    firebaseBin(),
    ['emulators:exec', '--only', emulatorList(), ...fb.args, `node ${JSON.stringify(join(ROOT, 'scripts', 'emulated-suite.mjs'))}`],
    { env: fb.env },
  );
  // A run stopped from outside (e.g. SIGTERM to the emulators) can exit 0 having written no
  // results: every part that should have run must have left its report.
  for (const part of fb.env.FENGQIAO_TEST_PARTS.split(',')) {
    if (!existsSync(join(RESULTS, `${part}.json`))) {
      console.error(`✖ the ${part} tests left no results: they did not run to the end`);
      failed = true;
    }
  }
}

// One closing line for humans and CI.
let passed = 0,
  failedTests = 0,
  skipped = 0;
for (const f of ['unit', 'emulated', 'e2e']) {
  const p = join(RESULTS, `${f}.json`);
  if (!existsSync(p)) continue;
  const r = JSON.parse(readFileSync(p, 'utf8'));
  passed += r.numPassedTests;
  failedTests += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
if (failed && failedTests === 0) failedTests = 1; // a step failed outside any test (build, load check)
console.log(`\ntests: ${passed} passed, ${failedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed || failedTests > 0 || passed === 0 ? 1 : 0);
