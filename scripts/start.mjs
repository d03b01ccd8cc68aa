// `npm start`: build, start the emulators (Auth, Firestore, Functions, Hosting), seed the demo
// county, print the console URL and demo accounts, and keep running until Ctrl-C.
import { join } from 'node:path';
import { ROOT } from './lib/emulator-env.mjs';
import { ensureLocalSecrets } from './lib/local-secrets.mjs';
import {
  assertFunctionsLoaded,
  clientEnv,
  envOrExit,
  emulatorList,
  HOSTS,
  prepareEmulatorsOrExit,
  RUN,
  spawnFirebase,
  waitForHub,
} from './lib/emulators.mjs';
import { assertPortsFreeOrExit } from './lib/ports.mjs';
import { runOrExit } from './lib/run.mjs';

await assertPortsFreeOrExit(RUN); // before the build, so a busy port is named at once
ensureLocalSecrets();
const env = envOrExit();
await runOrExit('npm', ['run', 'build']);
const fb = await prepareEmulatorsOrExit(env);
const emu = spawnFirebase(['emulators:start', '--only', emulatorList()], fb);
const stop = () => emu.kill('SIGINT');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
emu.on('exit', (code) => process.exit(code ?? 0));

await waitForHub();
await assertFunctionsLoaded();
await runOrExit(process.execPath, [join(ROOT, 'bin', 'fengqiao.mjs'), 'seed', '--reset'], { env: clientEnv(fb.env) });
const { DEMO_ACCOUNTS } = await import(join(ROOT, 'functions', 'lib', 'seed', 'demo-county.js'));
console.log(
  `\n  枫桥 Fengqiao is running on the emulators.\n\n  Console:  ${HOSTS.CONSOLE_URL}\n\n  Demo accounts (password for all: ${DEMO_ACCOUNTS[0].password}):`,
);
for (const a of DEMO_ACCOUNTS) console.log(`    ${a.email.padEnd(34)} ${a.label}`);
console.log('\n  Ctrl-C stops everything.\n');
