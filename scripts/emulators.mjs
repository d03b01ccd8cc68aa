// `npm run emulators [-- --check]`: start the emulators alone, or just report what the launcher found.
import { describeEnv } from './lib/emulator-env.mjs';
import { envOrExit, EMULATORS, spawnFirebase } from './lib/emulators.mjs';

const env = envOrExit();
if (process.argv.includes('--check')) {
  console.log(describeEnv(env));
  process.exit(0);
}
const emu = spawnFirebase(['emulators:start', '--only', EMULATORS], env);
emu.on('exit', (code) => process.exit(code ?? 0));
