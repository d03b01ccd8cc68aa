// The domain's table of callables (functions/src/domain/callables.ts) is the one list: every
// callable exported by functions/src/index.ts is in it under its own name, defined with
// `defineCallable(<that name>, …)` — or `defineSignedInCallable` for the one a role-less account
// calls (registerResident) — and nothing else is (the HTTP endpoints are not callables).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CALLABLES } from '../../functions/src/domain';

const HTTP = ['intake', 'rosterIcs'];
const src = (path: string) => readFileSync(new URL(`../../functions/src/${path}`, import.meta.url), 'utf8');

describe('callables table', () => {
  const exported = [...src('index.ts').matchAll(/export \{ (\w+) \} from '\.\/(api\/[\w/]+)'/g)].map((m) => ({
    name: m[1]!,
    file: `${m[2]}.ts`,
  }));

  it('lists exactly the callables functions/src/index.ts exports', () => {
    expect(
      exported
        .map((e) => e.name)
        .filter((n) => !HTTP.includes(n))
        .sort(),
    ).toEqual(Object.keys(CALLABLES).sort());
  });

  it('each callable is defined once, with defineCallable under its exported name', () => {
    for (const { name, file } of exported.filter((e) => !HTTP.includes(e.name))) {
      const text = src(file);
      const how = name === 'registerResident' ? 'defineSignedInCallable' : 'defineCallable';
      expect(text, file).toContain(`export const ${name} = ${how}('${name}', `);
      expect(text, file).not.toMatch(/\bonCall\(|requireActor|rethrow\(|req\.auth/);
    }
  });
});
