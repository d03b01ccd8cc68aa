// Emulator ports live in firebase.json only: every port a run binds is declared there (in keys
// firebase-tools accepts), nothing else in scripts, tests, benches, the CLI or the console writes
// one, FENGQIAO_PORT_OFFSET shifts them all, and a busy port is named in one sentence.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  PORTS,
  busyPortMessage,
  clientHosts,
  consoleConfig,
  emulatorConfig,
  readFirebaseJson,
  shiftedFirebaseJson,
  whoUses,
} from '../../scripts/lib/ports.mjs';

const ROOT = join(__dirname, '..', '..');
const firebaseJson = readFirebaseJson();
const base = emulatorConfig({ offset: 0 });
const basePorts = base.ports.map((p: { port: number }) => p.port);

describe('firebase.json', () => {
  it('declares every port a run binds, each once, in keys firebase-tools accepts', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'firebase-tools', 'schema', 'firebase-config.json'), 'utf8'));
    const allowed = schema.properties.emulators.properties as Record<string, { properties?: Record<string, unknown> }>;
    for (const [section, value] of Object.entries(firebaseJson.emulators as Record<string, unknown>)) {
      expect(allowed, `emulators.${section}`).toHaveProperty([section]);
      if (value && typeof value === 'object')
        for (const field of Object.keys(value))
          expect(allowed[section]!.properties, `emulators.${section}.${field}`).toHaveProperty([field]);
    }
    // The ports firebase-tools would otherwise pick by itself (Firestore's websocket, Eventarc, Tasks) are fixed here too.
    expect(firebaseJson.emulators.firestore.websocketPort).toBeTypeOf('number');
    expect(firebaseJson.emulators.eventarc.port).toBeTypeOf('number');
    expect(firebaseJson.emulators.tasks.port).toBeTypeOf('number');
    expect(PORTS.map((p: { key: string[] }) => p.key.join('.')).sort()).toEqual(
      Object.entries(firebaseJson.emulators as Record<string, Record<string, unknown>>)
        .flatMap(([s, v]) =>
          v && typeof v === 'object'
            ? Object.keys(v)
                .filter((k) => /port$/i.test(k))
                .map((k) => `${s}.${k}`)
            : [],
        )
        .sort(),
    );
    expect(new Set(basePorts).size).toBe(basePorts.length);
  });
});

// A line that uses one of firebase.json's emulator ports: host:port (URLs, `${host}:8080`), a
// port field or variable (port: 8080, PORT=8080), or an argument of connect…Emulator(…).
function usesPort(line: string, port: number): boolean {
  const p = String(port);
  return (
    new RegExp(`[\\w\\]})]:${p}(?!\\d)`).test(line) ||
    new RegExp(`port\\w*["']?\\s*[:=,]\\s*["']?${p}(?!\\d)`, 'i').test(line) ||
    new RegExp(`Emulator\\w*\\([^)]*(?<![\\d.])${p}(?!\\d)`).test(line)
  );
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === 'node_modules' || (name.startsWith('.') && name !== '.ci')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (/\.(m?[jt]sx?|json|sh)$/.test(name) || dir.endsWith('.ci') || dir.endsWith('bin')) out.push(path);
  }
  return out;
}

describe('no emulator port outside firebase.json', () => {
  it('recognises the ways a port was hard-coded before', () => {
    const before = [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a source line quoted as it was written
      'connectAuthEmulator(auth, `http://${host}:9099`, { disableWarnings: true });',
      'connectFirestoreEmulator(db, host, 8080);',
      "connectFunctionsEmulator(fns, '127.0.0.1', 5001);",
      "FIRESTORE_EMULATOR_HOST: '127.0.0.1:8080',",
      "const r = await fetch('http://127.0.0.1:4400/emulators');",
      "export const CONSOLE_URL = process.env.CONSOLE_URL ?? 'http://127.0.0.1:5000';",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a source line quoted as it was written
      "return emulator ? `http://${location.hostname || '127.0.0.1'}:5001/${project}/${FUNCTIONS_REGION}/${path}` : '';",
      '"hub": { "host": "127.0.0.1", "port": 4400 },',
    ];
    for (const line of before)
      expect(
        basePorts.some((p: number) => usesPort(line, p)),
        line,
      ).toBe(true);
    const unrelated = [
      'maxLength={5000}',
      "['huge description', { description: '长'.repeat(5000) }],",
      'if (i % 5000 === 4999) await w.flush();',
      'const when = at(tierClock(c).dueAt, 5000).toISOString();',
    ];
    for (const line of unrelated)
      expect(
        basePorts.some((p: number) => usesPort(line, p)),
        line,
      ).toBe(false);
  });

  it('scripts, tests, benches, the CLI and the console write none', () => {
    const roots = [
      'scripts',
      'test',
      'bench',
      'bin',
      'functions/src',
      'web/src',
      'web/scripts',
      'web/vite.config.ts',
      'vitest.config.ts',
      '.ci',
      'package.json',
      'web/package.json',
      'functions/package.json',
    ];
    const files = roots.flatMap((r) => {
      const p = join(ROOT, r);
      return statSync(p, { throwIfNoEntry: false })?.isDirectory() ? filesUnder(p) : statSync(p, { throwIfNoEntry: false }) ? [p] : [];
    });
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const f of files.filter((x) => x !== __filename)) {
      // this file quotes old offenders above
      readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const port of basePorts)
            if (usesPort(line, port)) found.push(`${relative(ROOT, f)}:${i + 1}: ${port}: ${line.trim().slice(0, 120)}`);
        });
    }
    expect(found, 'emulator ports belong in firebase.json (read them with scripts/lib/ports.mjs)').toEqual([]);
  });
});

describe('FENGQIAO_PORT_OFFSET', () => {
  it('shifts every port by the offset, in the generated config and for clients and the console', () => {
    const shifted = emulatorConfig({ offset: 10 });
    expect(shifted.ports.map((p: { port: number }) => p.port)).toEqual(basePorts.map((p: number) => p + 10));
    const json = shiftedFirebaseJson(10);
    expect(json.emulators.firestore.websocketPort).toBe(firebaseJson.emulators.firestore.websocketPort + 10);
    expect(json.emulators.tasks.port).toBe(firebaseJson.emulators.tasks.port + 10);
    // Everything but the ports is firebase.json's.
    expect({ ...json, emulators: undefined }).toEqual({ ...firebaseJson, emulators: undefined });
    expect(emulatorConfig({ offset: 0, firebaseJson: json }).ports).toEqual(shifted.ports);
    const hosts = clientHosts(shifted);
    expect(hosts.FIRESTORE_EMULATOR_HOST).toBe(`${firebaseJson.emulators.firestore.host}:${firebaseJson.emulators.firestore.port + 10}`);
    expect(hosts.CONSOLE_URL).toBe(`http://${firebaseJson.emulators.hosting.host}:${firebaseJson.emulators.hosting.port + 10}`);
    expect(consoleConfig(shifted)).toMatchObject({
      auth: firebaseJson.emulators.auth.port + 10,
      functions: firebaseJson.emulators.functions.port + 10,
    });
    // The offset the docs suggest for a second checkout lands on none of the default ports.
    expect(shifted.ports.filter((p: { port: number }) => basePorts.includes(p.port))).toEqual([]);
    expect(shifted.configPath).toBe(join(ROOT, '.firebase-offset-10.json'));
    expect(base.configPath).toBe(join(ROOT, 'firebase.json'));
  });

  it('rejects an offset that is not a whole number or leaves the port range', () => {
    expect(() => emulatorConfig({ offset: 70000 })).toThrow(/outside 1024–65535/);
    expect(() => emulatorConfig({ offset: 1.5 })).toThrow(/whole number/);
  });
});

describe('a busy port', () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

  it('is named in one sentence with what uses it and how to move it', async () => {
    const srv = createServer();
    servers.push(srv);
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const taken = (srv.address() as AddressInfo).port;
    // Only this port (the others may well be in use by a running `npm start`).
    const auth = base.ports.find((p: { name: string }) => p.name === 'auth')!;
    const msg = await busyPortMessage({ ...base, ports: [{ ...auth, port: taken }] });
    expect(msg).toMatch(new RegExp(`^Port ${taken} on 127\\.0\\.0\\.1, for the Auth emulator, is already in use by `));
    if (whoUses(taken)) expect(msg).toContain(`pid ${process.pid}`); // `ss` sees our own listener
    expect(msg).toContain('firebase.json');
    expect(msg).toContain('FENGQIAO_PORT_OFFSET');
    expect(msg).not.toContain('\n');
    expect(msg!.trim().endsWith('.')).toBe(true);
  });

  it('is named when firebase.json gives two emulators the same port', async () => {
    const json = structuredClone(firebaseJson);
    json.emulators.tasks.port = json.emulators.eventarc.port;
    expect(await busyPortMessage(emulatorConfig({ offset: 0, firebaseJson: json }))).toMatch(
      /^Port \d+ is set for both the Eventarc emulator and the Cloud Tasks emulator: .*firebase\.json/,
    );
  });
});
