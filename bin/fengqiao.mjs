#!/usr/bin/env node
// The `fengqiao` ops CLI. The code lives in functions/src/cli (TypeScript, built to functions/lib).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'functions', 'lib', 'cli', 'main.js');
if (!existsSync(entry)) {
  const r = spawnSync('npm', ['run', 'build', '-w', 'functions'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// --emulators: target this checkout's emulators, at the hosts in firebase.json (shifted by
// FENGQIAO_PORT_OFFSET), as `npm start` runs them.
const args = process.argv.slice(2);
if (args.includes('--emulators')) {
  const { clientHosts, emulatorConfig } = await import('../scripts/lib/ports.mjs');
  const hosts = clientHosts(emulatorConfig());
  process.env.FIRESTORE_EMULATOR_HOST = hosts.FIRESTORE_EMULATOR_HOST;
  process.env.FIREBASE_AUTH_EMULATOR_HOST = hosts.FIREBASE_AUTH_EMULATOR_HOST;
  args.splice(args.indexOf('--emulators'), 1);
}
const { main } = createRequire(import.meta.url)(entry);
main(args).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`fengqiao: ${e?.issues ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (e?.message ?? e)}`);
    process.exit(1);
  },
);
