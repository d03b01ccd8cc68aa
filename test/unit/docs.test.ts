// docs/api.md stays true: it names every exported function and every case command.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TRANSITIONS } from '../../functions/src/domain';

const api = readFileSync('docs/api.md', 'utf8');
const exported = [...readFileSync('functions/src/index.ts', 'utf8').matchAll(/export \{ (\w+) \}/g)].map((m) => m[1]!);

describe('docs/api.md', () => {
  it.each(exported)('documents the function %s', (name) => expect(api).toContain(`\`${name}\``));
  it.each(Object.keys(TRANSITIONS))('documents the command %s', (action) => expect(api).toContain(`\`${action}\``));
});
