// Finds what the Firebase emulators need on this machine, by itself:
//  - a Java 21+ (JAVA_HOME, PATH, then the JDKs under /usr/lib/jvm);
//  - a Firestore emulator: firebase-tools' own cached jar, or its usual download, or — where
//    that download cannot happen — the Google Cloud SDK's emulator wrapped in a manifest-only
//    jar so that `java -jar` (how firebase-tools starts it) works.
// Returns the environment to run `firebase emulators:*` with, or throws an Error whose message
// is one sentence saying what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PROJECT_ID = JSON.parse(readFileSync(join(ROOT, '.firebaserc'), 'utf8')).projects.default;
const CACHE = join(ROOT, '.cache', 'emulators');
const MIN_JAVA = 21;

const GCLOUD_EMULATOR_DIRS = [
  process.env.CLOUDSDK_ROOT_DIR && join(process.env.CLOUDSDK_ROOT_DIR, 'platform/cloud-firestore-emulator'),
  '/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator',
  '/usr/share/google-cloud-sdk/platform/cloud-firestore-emulator',
  '/opt/google-cloud-sdk/platform/cloud-firestore-emulator',
  join(homedir(), 'google-cloud-sdk/platform/cloud-firestore-emulator'),
].filter(Boolean);

function log(msg) {
  if (!process.env.FENGQIAO_QUIET) console.error(`[fengqiao] ${msg}`);
}

/** Major version of a java binary, or 0 when it does not run. */
export function javaMajor(javaBin) {
  const r = spawnSync(javaBin, ['-version'], { encoding: 'utf8' });
  if (r.status !== 0) return 0;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(r.stderr || r.stdout || '');
  if (!m) return 0;
  const major = Number(m[1]);
  return major === 1 ? Number(m[2]) : major; // "1.8" style
}

export function findJava() {
  const candidates = [];
  if (process.env.JAVA_HOME) candidates.push(join(process.env.JAVA_HOME, 'bin', 'java'));
  for (const dir of (process.env.PATH || '').split(delimiter)) if (dir) candidates.push(join(dir, 'java'));
  try {
    const jvms = readdirSync('/usr/lib/jvm').sort().reverse(); // newest names first
    for (const d of jvms) candidates.push(join('/usr/lib/jvm', d, 'bin', 'java'));
  } catch {
    /* no /usr/lib/jvm */
  }
  const seen = new Set();
  for (const bin of candidates) {
    if (seen.has(bin) || !existsSync(bin)) continue;
    seen.add(bin);
    const major = javaMajor(bin);
    if (major >= MIN_JAVA) return { bin, home: dirname(dirname(bin)), major };
  }
  return null;
}

/** firebase-tools' own Firestore emulator jar, if already downloaded into its cache. */
function firebaseToolsFirestoreJar() {
  const require = createRequire(join(ROOT, 'package.json'));
  const info = require('firebase-tools/lib/emulator/downloadableEmulatorInfo.json');
  const cacheDir = process.env.FIREBASE_EMULATORS_PATH || join(homedir(), '.cache', 'firebase', 'emulators');
  return join(cacheDir, info.firestore.downloadPathRelativeToCacheDir);
}

function gcloudFirestoreJar() {
  for (const dir of GCLOUD_EMULATOR_DIRS) {
    const jar = join(dir, 'cloud-firestore-emulator.jar');
    if (existsSync(jar)) return jar;
  }
  return null;
}

/** A minimal stored (uncompressed) zip with one entry: enough for a manifest-only jar. */
function zipOneFile(name, content) {
  const data = Buffer.from(content, 'utf8');
  const nameBuf = Buffer.from(name, 'utf8');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt16LE(0, 6);
  local.writeUInt16LE(0, 8);
  local.writeUInt16LE(0, 10);
  local.writeUInt16LE(0x21, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt16LE(0, 8);
  central.writeUInt16LE(0, 10);
  central.writeUInt16LE(0, 12);
  central.writeUInt16LE(0x21, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  central.writeUInt32LE(0, 42);
  const centralOffset = local.length + nameBuf.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBuf.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBuf, data, central, nameBuf, end]);
}

/** Wraps the Cloud SDK emulator (which has no Main-Class) in a jar `java -jar` can start. */
export function wrapGcloudFirestore(realJar) {
  mkdirSync(CACHE, { recursive: true });
  const wrapper = join(CACHE, 'cloud-firestore-emulator-gcloud-wrapper.jar');
  // Manifest lines are limited to 72 bytes; continuation lines start with one space.
  const classPath = `Class-Path: file://${realJar}`;
  const folded = classPath.match(/.{1,70}/g).join('\r\n ');
  const manifest = `Manifest-Version: 1.0\r\nMain-Class: com.google.cloud.datastore.emulator.firestore.CloudFirestore\r\n${folded}\r\n\r\n`;
  writeFileSync(wrapper, zipOneFile('META-INF/MANIFEST.MF', manifest));
  return wrapper;
}

function firebaseBin() {
  return join(ROOT, 'node_modules', '.bin', 'firebase');
}

/** Lets firebase-tools download its Firestore emulator as usual; false when it cannot. */
function tryFirebaseDownload() {
  log('Firestore emulator not cached; asking firebase-tools to download it…');
  const r = spawnSync(firebaseBin(), ['setup:emulators:firestore'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
  });
  return r.status === 0 && existsSync(firebaseToolsFirestoreJar());
}

/**
 * The environment for `firebase emulators:*`. Order for Firestore: an explicit
 * FIRESTORE_EMULATOR_BINARY_PATH; firebase-tools' cached jar; our wrapper from an earlier run;
 * firebase-tools' download; the Cloud SDK's emulator. FENGQIAO_FIRESTORE_EMULATOR=gcloud skips
 * the download attempt.
 */
export function emulatorEnv(base = process.env) {
  const env = { ...base, NO_UPDATE_NOTIFIER: '1', FIREBASE_CLI_EXPERIMENTS: base.FIREBASE_CLI_EXPERIMENTS || '' };
  const java = findJava();
  if (!java) {
    throw new Error(
      `The Firebase emulators need Java ${MIN_JAVA} or newer and none was found (JAVA_HOME, PATH, /usr/lib/jvm): install one, e.g. \`apt-get install openjdk-${MIN_JAVA}-jre-headless\` or Temurin ${MIN_JAVA}+.`,
    );
  }
  env.JAVA_HOME = java.home;
  env.PATH = `${join(java.home, 'bin')}${delimiter}${env.PATH || ''}`;

  if (env.FIRESTORE_EMULATOR_BINARY_PATH && existsSync(env.FIRESTORE_EMULATOR_BINARY_PATH)) return env;
  if (existsSync(firebaseToolsFirestoreJar())) return env;
  const wrapper = join(CACHE, 'cloud-firestore-emulator-gcloud-wrapper.jar');
  const gcloudJar = gcloudFirestoreJar();
  if (gcloudJar && existsSync(wrapper) && readFileSync(wrapper).includes(Buffer.from(gcloudJar.slice(0, 40)))) {
    env.FIRESTORE_EMULATOR_BINARY_PATH = wrapper;
    return env;
  }
  if (base.FENGQIAO_FIRESTORE_EMULATOR !== 'gcloud' && tryFirebaseDownload()) return env;
  if (gcloudJar) {
    log(`using the Google Cloud SDK's Firestore emulator (${gcloudJar})`);
    env.FIRESTORE_EMULATOR_BINARY_PATH = wrapGcloudFirestore(gcloudJar);
    return env;
  }
  throw new Error(
    'No Firestore emulator is available and firebase-tools could not download one: connect this machine to the internet once, or install the Cloud SDK emulator (`apt-get install google-cloud-cli-firestore-emulator`).',
  );
}

/** firebase-tools' Cloud Storage rules runtime (a jar it downloads once into its cache). */
function storageRulesJar() {
  const require = createRequire(join(ROOT, 'package.json'));
  const info = require('firebase-tools/lib/emulator/downloadableEmulatorInfo.json');
  const cacheDir = process.env.FIREBASE_EMULATORS_PATH || join(homedir(), '.cache', 'firebase', 'emulators');
  return join(cacheDir, info.storage.downloadPathRelativeToCacheDir);
}

let storageChecked = null;
let storageBinary = null;
const SHIM_SOURCE = join(ROOT, 'scripts', 'storage-rules', 'StorageRulesRuntime.java');

/**
 * Builds scripts/storage-rules/StorageRulesRuntime.java — the Storage rules runtime's protocol on
 * the rules compiler and evaluator inside the Cloud SDK's Firestore emulator — into a jar that
 * `java -jar` starts (manifest Class-Path: that emulator's jar). Needs a JDK (javac, jar) beside
 * the Java found. Returns the jar, or null.
 */
function buildStorageShim(gcloudJar) {
  const java = findJava();
  if (!java) return null;
  const jdkBin = join(java.home, 'bin');
  const javac = [join(jdkBin, 'javac'), 'javac'].find((b) => b === 'javac' || existsSync(b));
  const jarTool = existsSync(join(jdkBin, 'jar')) ? join(jdkBin, 'jar') : 'jar';
  const out = join(CACHE, 'storage-rules-shim');
  const jar = join(CACHE, 'storage-rules-runtime-shim.jar');
  const stamp = `${SHIM_SOURCE}:${statSync(SHIM_SOURCE).mtimeMs}:${gcloudJar}`;
  const stampFile = `${jar}.stamp`;
  if (existsSync(jar) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return jar;
  log('building the Cloud Storage rules runtime from the Cloud SDK Firestore emulator…');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const c = spawnSync(javac, ['-nowarn', '-cp', gcloudJar, '-d', out, SHIM_SOURCE], { encoding: 'utf8' });
  if (c.status !== 0) {
    log(`could not compile the Storage rules runtime: ${(c.stderr || c.error?.message || '').trim().split('\n')[0]}`);
    return null;
  }
  const classPath = `Class-Path: file://${gcloudJar}`;
  const manifest = join(out, 'MANIFEST.MF');
  writeFileSync(manifest, `Main-Class: StorageRulesRuntime\n${classPath.match(/.{1,70}/g).join('\n ')}\n`);
  const j = spawnSync(jarTool, ['--create', '--file', jar, '--manifest', manifest, '-C', out, 'StorageRulesRuntime.class'], {
    encoding: 'utf8',
  });
  if (j.status !== 0) {
    log(`could not package the Storage rules runtime: ${(j.stderr || j.error?.message || '').trim()}`);
    return null;
  }
  writeFileSync(stampFile, stamp);
  return jar;
}

/**
 * Whether the Cloud Storage emulator can start here. It is part of firebase-tools, but its rules
 * run in a jar firebase-tools downloads once (like the Firestore emulator's). In order: an explicit
 * STORAGE_EMULATOR_BINARY_PATH; firebase-tools' cached jar; its download; else our stand-in built
 * on the Cloud SDK's Firestore emulator (buildStorageShim), passed to firebase-tools as
 * STORAGE_EMULATOR_BINARY_PATH (storageEmulatorEnv). False — with one line saying why — where
 * none of these is possible, or with FENGQIAO_STORAGE_EMULATOR=off: the emulators then run without
 * Storage, the console keeps photos queued on the phone, and the tests that need Storage are left
 * out with a line saying so (scripts/emulated-suite.mjs).
 */
export function storageRulesRuntime(base = process.env) {
  if (storageChecked !== null) return storageChecked;
  if (base.FENGQIAO_STORAGE_EMULATOR === 'off') return (storageChecked = false);
  if (base.STORAGE_EMULATOR_BINARY_PATH && existsSync(base.STORAGE_EMULATOR_BINARY_PATH)) return (storageChecked = true);
  if (existsSync(storageRulesJar())) return (storageChecked = true);
  const gcloudJar = gcloudFirestoreJar();
  const shim = join(CACHE, 'storage-rules-runtime-shim.jar');
  if (!(gcloudJar && existsSync(shim)) && base.FENGQIAO_FIRESTORE_EMULATOR !== 'gcloud') {
    log('Cloud Storage rules runtime not cached; asking firebase-tools to download it…');
    const r = spawnSync(firebaseBin(), ['setup:emulators:storage'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 180_000,
      env: { ...base, NO_UPDATE_NOTIFIER: '1' },
    });
    if (r.status === 0 && existsSync(storageRulesJar())) return (storageChecked = true);
  }
  storageBinary = gcloudJar ? buildStorageShim(gcloudJar) : null;
  storageChecked = storageBinary !== null;
  if (storageChecked) log(`using Fengqiao's Storage rules runtime on the Cloud SDK's Firestore emulator (${storageBinary})`);
  else
    console.error(
      `[fengqiao] ✖ The Cloud Storage emulator cannot run here: firebase-tools could not download its rules runtime (${storageRulesJar()}) and no Cloud SDK Firestore emulator with a JDK was found to build a stand-in. Photos stay queued on the phone; the Storage tests do not run. Connect this machine to the internet once (\`npx firebase setup:emulators:storage\`), or install a JDK and \`google-cloud-cli-firestore-emulator\`.`,
    );
  return storageChecked;
}

/** What firebase-tools needs in its environment for the Storage emulator (the stand-in's path). */
export function storageEmulatorEnv() {
  return storageRulesRuntime() && storageBinary ? { STORAGE_EMULATOR_BINARY_PATH: storageBinary } : {};
}

export function describeEnv(env) {
  const java = execFileSync(join(env.JAVA_HOME, 'bin', 'java'), ['-version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { javaHome: env.JAVA_HOME, firestore: env.FIRESTORE_EMULATOR_BINARY_PATH || 'firebase-tools cache', java };
}
