import { spawn } from 'node:child_process';
import { ROOT } from './emulator-env.mjs';

/** Runs a command with inherited output; resolves with its exit code. */
export function run(cmd, args, { env = process.env, cwd = ROOT } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (e) => {
      console.error(e.message);
      resolve(1);
    });
  });
}

export async function runOrExit(cmd, args, opts) {
  const code = await run(cmd, args, opts);
  if (code !== 0) {
    console.error(`✖ ${cmd} ${args.join(' ')} exited with ${code}`);
    process.exit(code);
  }
}
