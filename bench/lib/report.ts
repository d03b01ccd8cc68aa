import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Prints a benchmark's markdown and keeps it in .cache/bench/<name>.md for docs/benchmarks.md. */
export function report(name: string, lines: string[]) {
  const text = lines.join('\n');
  console.log(text);
  const dir = join(process.cwd(), '.cache', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.md`), `${text}\n`);
}
