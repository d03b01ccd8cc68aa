// The running emulators are where firebase.json (shifted by FENGQIAO_PORT_OFFSET) says, the
// console and the CLI find them from it, the hub locator is this run's own, and starting a second
// run on the same ports would stop with one sentence naming the port.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONSOLE_CONFIG_PATH, busyPortMessage, clientHosts, consoleConfig, emulatorConfig, portFree } from '../../scripts/lib/ports.mjs';
import { PROJECT_ID } from '../helpers/emulator';

const ROOT = join(__dirname, '..', '..');
const run = emulatorConfig();
const hosts = clientHosts(run);

describe('emulator ports from firebase.json', () => {
  it('the clients of this run were given firebase.json’s hosts', () => {
    expect(process.env.FIRESTORE_EMULATOR_HOST).toBe(hosts.FIRESTORE_EMULATOR_HOST);
    expect(process.env.FIREBASE_AUTH_EMULATOR_HOST).toBe(hosts.FIREBASE_AUTH_EMULATOR_HOST);
    expect(process.env.FUNCTIONS_EMULATOR_ORIGIN).toBe(hosts.FUNCTIONS_EMULATOR_ORIGIN);
    expect(process.env.CONSOLE_URL).toBe(hosts.CONSOLE_URL);
  });

  it('every emulator listens where firebase.json says, Firestore’s websocket, Eventarc and Tasks included', async () => {
    const res = await fetch(`http://${hosts.FIREBASE_EMULATOR_HUB}/emulators`);
    expect(res.ok).toBe(true);
    const listing = (await res.json()) as Record<string, { port: number }>;
    const byName = run.byName as Record<string, { host: string; port: number }>;
    for (const name of ['hub', 'logging', 'auth', 'firestore', 'functions', 'hosting', 'eventarc', 'tasks']) {
      expect(listing[name]?.port, name).toBe(byName[name]!.port);
    }
    // Nothing runs on a port firebase.json does not set.
    for (const [name, info] of Object.entries(listing))
      expect(
        Object.values(byName).map((b) => b.port),
        name,
      ).toContain(info.port);
    for (const p of run.ports as { name: string; host: string; port: number }[]) {
      expect(await portFree(p.host, p.port), `${p.name} port ${p.port} is bound`).toBe(false);
    }
  });

  it('a second start on these ports stops with one sentence naming the port and how to move it', async () => {
    const msg = await busyPortMessage(run);
    const hub = run.byName.hub as { host: string; port: number };
    expect(msg).toMatch(
      new RegExp(
        `^Port ${hub.port} on ${hub.host.replace(/\./g, '\\.')}, for the Emulator hub, is already in use by .*firebase\\.json.*FENGQIAO_PORT_OFFSET`,
      ),
    );
    expect(msg).not.toContain('\n');
  });

  it('the console reads them at run time from its own origin', async () => {
    const res = await fetch(`${hosts.CONSOLE_URL}${CONSOLE_CONFIG_PATH}`, { cache: 'no-cache' });
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(await res.json()).toEqual(consoleConfig(run));
  });

  it('the hub locator file is this run’s, not the machine-wide one keyed by project ID', () => {
    const dir = tmpdir();
    expect(dir).toMatch(/fengqiao-[0-9a-f]{8}-\d+$/);
    const locator = join(dir, `hub-${PROJECT_ID}.json`);
    expect(existsSync(locator)).toBe(true);
    expect(JSON.parse(readFileSync(locator, 'utf8')).origins.join(' ')).toContain(`:${run.byName.hub.port}`);
  });

  it('the CLI finds them with --emulators', async () => {
    const env = { ...process.env };
    delete env.FIRESTORE_EMULATOR_HOST;
    delete env.FIREBASE_AUTH_EMULATOR_HOST;
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'bin', 'fengqiao.mjs'), '--emulators', 'users', 'list', '--county', '621126'],
      { env, cwd: ROOT },
    );
    expect(stdout).toContain('admin@demo.fengqiao.cn');
    expect(`${stdout}${stderr}`).not.toMatch(/ECONNREFUSED/);
  });
});
