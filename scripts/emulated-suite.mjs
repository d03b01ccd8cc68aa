// Runs inside `firebase emulators:exec` (which runs it even when functions failed to load, so
// the first thing it does is check that they did).
import { join } from 'node:path';
import { ROOT } from './lib/emulator-env.mjs';
import { assertFunctionsLoaded, clientEnv, HOSTS } from './lib/emulators.mjs';
import { run } from './lib/run.mjs';

const parts = (process.env.FENGQIAO_TEST_PARTS ?? 'emulated,e2e').split(',');
const results = process.env.FENGQIAO_TEST_RESULTS;
try {
  const loaded = await assertFunctionsLoaded();
  console.log(`functions loaded in the emulator: ${loaded.join(', ')}`);
} catch (e) {
  console.error(`✖ ${e.message}`);
  process.exit(1);
}
const env = clientEnv(process.env);
// The tests that need the Cloud Storage emulator (photos). Where it cannot run (emulator-env.mjs
// storageRulesRuntime said why, at the start of the run) they are left out, loudly.
const STORAGE_TESTS = ['test/rules/storage.test.ts', 'test/integration/photos.test.ts', 'test/e2e/photos.test.ts'];
const running = await fetch(`http://${HOSTS.FIREBASE_EMULATOR_HUB}/emulators`)
  .then((r) => r.json())
  .catch(() => ({}));
const withoutStorage = !running.storage;
if (withoutStorage && process.env.CI) {
  // CI never passes with tests left out: a CI machine needs what runs the Storage emulator.
  console.error(`✖ no Cloud Storage emulator in this CI run (see the line above on why): ${STORAGE_TESTS.join(', ')} cannot run`);
  process.exit(1);
}
if (withoutStorage) {
  console.error(`✖ no Cloud Storage emulator in this run: NOT running ${STORAGE_TESTS.join(', ')}`);
  delete env.FIREBASE_STORAGE_EMULATOR_HOST;
  delete env.STORAGE_EMULATOR_HOST;
}
let code = await run(process.execPath, [join(ROOT, 'bin', 'fengqiao.mjs'), 'seed', '--reset'], { env });
if (code !== 0) process.exit(code);
for (const part of ['emulated', 'e2e']) {
  if (!parts.includes(part)) continue;
  // FENGQIAO_TEST_FILTER (or FENGQIAO_TEST_FILES)="privacy stats", space- or comma-separated:
  // only the test files whose path contains one of these (development).
  const filter = (process.env.FENGQIAO_TEST_FILTER ?? process.env.FENGQIAO_TEST_FILES ?? '').split(/[\s,]+/).filter(Boolean);
  const c = await run(
    'npx',
    [
      'vitest',
      'run',
      '--project',
      part,
      ...filter,
      ...(filter.length ? ['--passWithNoTests'] : []),
      ...(withoutStorage ? STORAGE_TESTS.flatMap((f) => ['--exclude', f]) : []),
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(results, `${part}.json`)}`,
    ],
    { env },
  );
  code ||= c;
}
process.exit(code);
