// Starting, waiting for and checking the Firebase emulators (shared by start, test and bench).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PROJECT_ID, ROOT, emulatorEnv, storageEmulatorEnv, storageRulesRuntime } from './emulator-env.mjs';
import { assertPortsFreeOrExit, cleanupRun, clientHosts, emulatorConfig, prepareRun } from './ports.mjs';

const BASE_EMULATORS = 'auth,firestore,functions,hosting';
/**
 * The emulators a run starts: Auth, Firestore, Functions, Hosting, and Cloud Storage (photos)
 * where its rules runtime is available (emulator-env.mjs storageRulesRuntime).
 */
export function emulatorList() {
  return storageRulesRuntime() ? `${BASE_EMULATORS},storage` : BASE_EMULATORS;
}

/** This run's emulators (firebase.json, shifted by FENGQIAO_PORT_OFFSET), or exit with one sentence. */
function configOrExit() {
  try {
    return emulatorConfig();
  } catch (e) {
    console.error(`\n✖ ${e.message}\n`);
    process.exit(2);
  }
}
export const RUN = configOrExit();
/** Hosts for clients of this run's emulators (from firebase.json; see scripts/lib/ports.mjs). */
export const HOSTS = clientHosts(RUN);

export function firebaseBin() {
  return join(ROOT, 'node_modules', '.bin', 'firebase');
}

/** The env for the emulators, or exit with one clear sentence saying what to install. */
export function envOrExit() {
  try {
    return emulatorEnv();
  } catch (e) {
    console.error(`\n✖ ${e.message}\n`);
    process.exit(2);
  }
}

/**
 * Before `firebase emulators:*`: every port free (or exit naming the busy one), the shifted
 * config and the console's run-time config written. Returns the firebase-tools arguments
 * (--project, --config) and the env to run it with.
 */
export async function prepareEmulatorsOrExit(env) {
  await assertPortsFreeOrExit(RUN);
  RUN.storage = storageRulesRuntime();
  const run = prepareRun(RUN);
  process.on('exit', () => cleanupRun(RUN));
  // firebase-tools gives the functions emulator 10 s to load the code by default; on a busy
  // 2-core machine that is not enough, and every function then fails to load.
  return { args: run.args, env: { FUNCTIONS_DISCOVERY_TIMEOUT: '60', ...env, ...storageEmulatorEnv(), ...run.env } };
}

/** Env for clients (CLI, tests) talking to the running emulators. */
export function clientEnv(base = process.env) {
  return {
    ...base,
    ...HOSTS,
    GCLOUD_PROJECT: PROJECT_ID,
    GOOGLE_CLOUD_PROJECT: PROJECT_ID,
    FENGQIAO_PROJECT: PROJECT_ID,
    METADATA_SERVER_DETECTION: 'none',
  };
}

/** Names of the functions the built code exports (functions/lib/index.js). */
export function expectedFunctions() {
  const require = createRequire(join(ROOT, 'functions', 'package.json'));
  const src = require('node:fs').readFileSync(join(ROOT, 'functions', 'src', 'index.ts'), 'utf8');
  return [...src.matchAll(/export \{ (\w+) \}/g)].map((m) => m[1]).sort();
}

/** Functions the emulator actually loaded, from its /backends listing. */
export async function loadedFunctions() {
  const res = await fetch(`${HOSTS.FUNCTIONS_EMULATOR_ORIGIN}/backends`);
  if (!res.ok) throw new Error(`functions emulator /backends answered ${res.status}`);
  const body = await res.json();
  return body.backends.flatMap((b) => b.functionTriggers.map((t) => t.entryPoint ?? t.name)).sort();
}

/** Fails unless every exported function is loaded in the emulator (emulators:exec runs the script regardless). */
export async function assertFunctionsLoaded({ attempts = 60 } = {}) {
  const expected = expectedFunctions();
  let loaded = [];
  for (let i = 0; i < attempts; i++) {
    try {
      loaded = await loadedFunctions();
      if (expected.every((f) => loaded.includes(f))) return loaded;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  const missing = expected.filter((f) => !loaded.includes(f));
  throw new Error(
    `functions did not load in the emulator: missing ${missing.join(', ')} (loaded: ${loaded.join(', ') || 'none'}). See firebase-debug.log / the emulator output above.`,
  );
}

/** Spawns firebase-tools; `run` is what prepareEmulatorsOrExit() returned. */
export function spawnFirebase(args, run, opts = {}) {
  return spawn(firebaseBin(), [...args, ...run.args], { cwd: ROOT, env: run.env, stdio: 'inherit', ...opts });
}

export async function waitForHub(timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const r = await fetch(`http://${HOSTS.FIREBASE_EMULATOR_HUB}/emulators`);
      if (r.ok) {
        const list = await r.json();
        if (
          emulatorList()
            .split(',')
            .every((e) => list[e])
        )
          return list;
      }
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the emulators did not come up in time');
}
