// Emulator hosts and ports: firebase.json's "emulators" block is the only place they are written.
// Scripts, tests (through the environment clientEnv() gives them), benches, the CLI
// (`fengqiao --emulators`) and the console (/__/fengqiao/emulators.json, written into web/dist
// for each run) all read them from here.
//
// FENGQIAO_PORT_OFFSET=N shifts every port by N for one run: the shifted config is written to
// .firebase-offset-N.json beside firebase.json (firebase-tools resolves paths from the config's
// directory) and passed to firebase-tools with --config. Each run also gets its own TMPDIR, keyed
// by checkout and hub port, because firebase-tools keeps its hub locator file in the temporary
// directory keyed by project ID only (hub-<projectId>.json).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PROJECT_ID, ROOT } from './emulator-env.mjs';

export const FIREBASE_JSON = join(ROOT, 'firebase.json');
/** Where the console finds the emulators at run time (hosting serves web/dist). */
export const CONSOLE_CONFIG_PATH = '/__/fengqiao/emulators.json';

/**
 * Every port a run binds, by name: firebase.json key (and sub-key for Firestore's websocket).
 * Eventarc and Tasks start with the Functions emulator; firebase-tools starts the Logging emulator
 * with every run (even with the Emulator UI disabled).
 */
export const PORTS = [
  { name: 'hub', key: ['hub', 'port'], what: 'Emulator hub' },
  { name: 'logging', key: ['logging', 'port'], what: 'Logging emulator' },
  { name: 'auth', key: ['auth', 'port'], what: 'Auth emulator' },
  { name: 'firestore', key: ['firestore', 'port'], what: 'Firestore emulator' },
  { name: 'firestoreWebsocket', key: ['firestore', 'websocketPort'], what: 'Firestore emulator websocket' },
  { name: 'functions', key: ['functions', 'port'], what: 'Functions emulator' },
  { name: 'hosting', key: ['hosting', 'port'], what: 'Hosting emulator (the console)' },
  { name: 'eventarc', key: ['eventarc', 'port'], what: 'Eventarc emulator' },
  { name: 'tasks', key: ['tasks', 'port'], what: 'Cloud Tasks emulator' },
  { name: 'storage', key: ['storage', 'port'], what: 'Cloud Storage emulator' },
];

export function readFirebaseJson() {
  return JSON.parse(readFileSync(FIREBASE_JSON, 'utf8'));
}

/** FENGQIAO_PORT_OFFSET as a whole number (0 when unset); throws on anything else. */
export function portOffset(env = process.env) {
  const raw = env.FENGQIAO_PORT_OFFSET;
  if (raw === undefined || raw === '') return 0;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`FENGQIAO_PORT_OFFSET must be a whole number, not "${raw}".`);
  return n;
}

/**
 * The emulators of one run: { offset, projectId, configPath, ports: [{ name, what, host, port }],
 * byName: { hub: { host, port }, … } }. Throws with one sentence when firebase.json lacks a port.
 */
export function emulatorConfig({ offset = portOffset(), firebaseJson = readFirebaseJson() } = {}) {
  if (!Number.isInteger(offset)) throw new Error(`FENGQIAO_PORT_OFFSET must be a whole number, not "${offset}".`);
  const emu = firebaseJson.emulators ?? {};
  const ports = PORTS.map(({ name, key, what }) => {
    const [section, field] = key;
    const base = emu[section]?.[field];
    if (!Number.isInteger(base))
      throw new Error(`firebase.json has no emulators.${section}.${field}: every port Fengqiao's emulators use is set there.`);
    const host = emu[section]?.host ?? '127.0.0.1';
    const port = base + offset;
    if (port < 1024 || port > 65535)
      throw new Error(`FENGQIAO_PORT_OFFSET=${offset} puts the ${what} on port ${port}, outside 1024–65535.`);
    return { name, what, host, port };
  });
  const byName = Object.fromEntries(ports.map((p) => [p.name, { host: p.host, port: p.port }]));
  const configPath = offset === 0 ? FIREBASE_JSON : join(ROOT, `.firebase-offset-${offset}.json`);
  return { offset, projectId: PROJECT_ID, configPath, ports, byName };
}

/** firebase.json with every emulator port shifted (what .firebase-offset-N.json holds). */
export function shiftedFirebaseJson(offset, firebaseJson = readFirebaseJson()) {
  const out = structuredClone(firebaseJson);
  for (const {
    key: [section, field],
  } of PORTS)
    out.emulators[section][field] += offset;
  return out;
}

/** host:port, bracketing IPv6 literals. */
const hostPort = ({ host, port }) => `${host.includes(':') ? `[${host}]` : host}:${port}`;

/** The environment for clients (CLI, tests, benches) of a run's emulators. */
export function clientHosts(cfg = emulatorConfig()) {
  const b = cfg.byName;
  return {
    FIRESTORE_EMULATOR_HOST: hostPort(b.firestore),
    FIREBASE_AUTH_EMULATOR_HOST: hostPort(b.auth),
    FIREBASE_EMULATOR_HUB: hostPort(b.hub),
    FUNCTIONS_EMULATOR_ORIGIN: `http://${hostPort(b.functions)}`,
    CONSOLE_URL: `http://${hostPort(b.hosting)}`,
    // Cloud Storage (photos): the Admin SDK and the server's lib/storage.ts read the first.
    FIREBASE_STORAGE_EMULATOR_HOST: hostPort(b.storage),
    STORAGE_EMULATOR_HOST: `http://${hostPort(b.storage)}`,
  };
}

/** What the console fetches at start-up in emulator mode (no host: it uses its own page's host name). */
export function consoleConfig(cfg = emulatorConfig()) {
  const b = cfg.byName;
  return {
    projectId: cfg.projectId,
    auth: b.auth.port,
    firestore: b.firestore.port,
    functions: b.functions.port,
    // null when this machine cannot run the Storage emulator (emulator-env.mjs storageRulesRuntime).
    storage: cfg.storage === false ? null : b.storage.port,
  };
}

/**
 * Prepares a run: writes the shifted config when there is an offset, and the console's run-time
 * config into the built console. Returns the firebase-tools arguments (--config, --project) and
 * the environment additions (TMPDIR) for `firebase emulators:*`.
 */
export function prepareRun(cfg = emulatorConfig()) {
  if (cfg.offset !== 0) writeFileSync(cfg.configPath, `${JSON.stringify(shiftedFirebaseJson(cfg.offset), null, 2)}\n`);
  const dist = join(ROOT, readFirebaseJson().hosting.public);
  const file = join(dist, ...CONSOLE_CONFIG_PATH.split('/').filter(Boolean));
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `${JSON.stringify(consoleConfig(cfg))}\n`);
  // A temporary directory of this checkout's run on this hub port: firebase-tools' hub locator
  // (hub-<projectId>.json) and the Functions emulator's sockets live there, not shared by
  // another checkout running the same project ID.
  const tmp = join(tmpdir(), `fengqiao-${createHash('sha256').update(ROOT).digest('hex').slice(0, 8)}-${cfg.byName.hub.port}`);
  mkdirSync(tmp, { recursive: true });
  const args = ['--project', cfg.projectId, ...(cfg.offset !== 0 ? ['--config', relative(ROOT, cfg.configPath)] : [])];
  return { args, env: { TMPDIR: tmp, FENGQIAO_PORT_OFFSET: String(cfg.offset) } };
}

/** Removes the shifted config of a run (nothing to do without an offset). */
export function cleanupRun(cfg) {
  if (cfg.offset !== 0) rmSync(cfg.configPath, { force: true });
}

/** Resolves true when host:port can be bound now. */
export function portFree(host, port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** A few words on what listens on a TCP port (process name, pid, command line), or null. */
export function whoUses(port) {
  try {
    const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 3000,
    });
    const m = /users:\(\("([^"]+)",pid=(\d+)/.exec(out);
    if (!m) return null;
    const [, name, pid] = m;
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      if (/firebase|emulator/.test(cmd)) cmd = `Firebase emulators started in ${cwd}`;
      else cmd = cmd.length > 80 ? `${cmd.slice(0, 77)}…` : cmd;
    } catch {
      /* another user's process */
    }
    return `${name} (pid ${pid}${cmd ? `: ${cmd}` : ''})`;
  } catch {
    return null;
  }
}

/**
 * Null when every port of the run is distinct and free; otherwise one sentence naming the first
 * busy (or doubled) port, what uses it, and how to move it.
 */
export async function busyPortMessage(cfg = emulatorConfig()) {
  const move = `move Fengqiao's emulators by editing "emulators" in firebase.json, or shift every port for one run with FENGQIAO_PORT_OFFSET (e.g. \`FENGQIAO_PORT_OFFSET=10 npm start\`)`;
  const seen = new Map();
  for (const p of cfg.ports) {
    if (seen.has(p.port)) return `Port ${p.port} is set for both the ${seen.get(p.port)} and the ${p.what}: ${move}.`;
    seen.set(p.port, p.what);
  }
  for (const p of cfg.ports) {
    if (await portFree(p.host, p.port)) continue;
    const who = whoUses(p.port);
    return `Port ${p.port} on ${p.host}, for the ${p.what}, is already in use${who ? ` by ${who}` : ' by another program'}: stop it, or ${move}.`;
  }
  return null;
}

/** Exits with the busy-port sentence when a port of the run is taken. */
export async function assertPortsFreeOrExit(cfg = emulatorConfig()) {
  const msg = await busyPortMessage(cfg);
  if (msg) {
    console.error(`\n✖ ${msg}\n`);
    process.exit(2);
  }
}
