// `npm run bench`: benchmarks against the emulators (never timed assertions in tests). Each
// benchmark prints markdown and keeps it in .cache/bench/; docs/benchmarks.md records them.
//   npm run bench -- <filter>   runs the benchmarks whose file name matches
import { join } from 'node:path';
import { ROOT } from './lib/emulator-env.mjs';
import { emulatorList, envOrExit, firebaseBin, prepareEmulatorsOrExit, RUN } from './lib/emulators.mjs';
import { assertPortsFreeOrExit } from './lib/ports.mjs';
import { ensureLocalSecrets } from './lib/local-secrets.mjs';
import { run, runOrExit } from './lib/run.mjs';

const filter = process.argv[2] ?? '';
await assertPortsFreeOrExit(RUN);
await runOrExit('npm', ['run', 'build']); // functions, and the console for the browser benchmark
ensureLocalSecrets();
const fb = await prepareEmulatorsOrExit(envOrExit());
const inner = `node ${JSON.stringify(join(ROOT, 'scripts', 'bench-suite.mjs'))} ${filter}`;
process.exit(await run(firebaseBin(), ['emulators:exec', '--only', emulatorList(), ...fb.args, inner], { env: fb.env }));
