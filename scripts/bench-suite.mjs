// Runs inside `firebase emulators:exec` for `npm run bench`.
import { join } from 'node:path';
import { ROOT } from './lib/emulator-env.mjs';
import { assertFunctionsLoaded, clientEnv } from './lib/emulators.mjs';
import { run } from './lib/run.mjs';

await assertFunctionsLoaded();
const env = clientEnv(process.env);
const code = await run(process.execPath, [join(ROOT, 'bin', 'fengqiao.mjs'), 'seed', '--reset'], { env });
if (code) process.exit(code);
const filter = process.argv[2];
process.exit(await run('npx', ['vitest', 'run', '--project', 'bench', ...(filter ? [filter] : [])], { env }));
