// `npm run emulators [-- --check]`: start the emulators alone, or just report what the launcher found.
import { describeEnv } from './lib/emulator-env.mjs';
import { envOrExit, emulatorList, HOSTS, prepareEmulatorsOrExit, RUN, spawnFirebase } from './lib/emulators.mjs';

const env = envOrExit();
if (process.argv.includes('--check')) {
  console.log({
    ...describeEnv(env),
    portOffset: RUN.offset,
    ports: Object.fromEntries(RUN.ports.map((p) => [p.name, `${p.host}:${p.port}`])),
    ...HOSTS,
  });
  process.exit(0);
}
const emu = spawnFirebase(['emulators:start', '--only', emulatorList()], await prepareEmulatorsOrExit(env));
const stop = () => emu.kill('SIGINT');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
emu.on('exit', (code) => process.exit(code ?? 0));
