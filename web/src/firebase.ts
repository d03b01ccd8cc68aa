/**
 * Firebase initialisation. Local pages (127.0.0.1 / localhost, or VITE_USE_EMULATORS=1) talk to
 * the emulators of the demo project, whose ports the page fetches from its own origin at start-up
 * (/__/fengqiao/emulators.json, written by `npm start` / `npm test` from firebase.json); anywhere
 * else the config comes from Firebase Hosting's reserved URL. Neither is baked into the bundle.
 * The console talks to nothing but its own origin and these Firebase endpoints (test/e2e/hosts.test.ts).
 *
 * Two steps, so a grid worker's phone gets its report form before Firestore's SDK (a third of the
 * console's JavaScript) has arrived: `initCore()` (app, Auth, Functions: enough to sign in and
 * call) and `initFirebase()` (adds Firestore, loaded on demand, for pages that read).
 */
import type { FirebaseApp, FirebaseOptions } from 'firebase/app';
import type { Auth } from 'firebase/auth';
import type { Firestore } from 'firebase/firestore';
import type { Functions } from 'firebase/functions';
import type { FirebaseStorage } from 'firebase/storage';

/** The SDK functions the boot path calls (firebase-sdk.ts, loaded by initCore()). */
export type CoreSdk = typeof import('./firebase-sdk');

/** Cloud Functions region (functions/src/lib/options.ts REGION). */
export const FUNCTIONS_REGION = 'asia-east2';

/** The emulators of this run (scripts/lib/ports.mjs consoleConfig()). */
interface EmulatorConfig {
  projectId: string;
  auth: number;
  firestore: number;
  functions: number;
  /** The Cloud Storage emulator (photos); null where it cannot run on this machine. */
  storage?: number | null;
}

const EMULATOR_CONFIG_URL = '/__/fengqiao/emulators.json';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

export function usesEmulators(): boolean {
  return LOCAL_HOSTS.has(location.hostname) || import.meta.env.VITE_USE_EMULATORS === '1';
}

/** What signing in and calling need. */
export interface CoreServices {
  app: FirebaseApp;
  auth: Auth;
  functions: Functions;
  emulator: boolean;
  /** Base URL of the HTTP functions: the Functions emulator's, or Cloud Functions'. */
  functionsUrl: string;
  /** The emulators' ports (null in production). */
  emu: EmulatorConfig | null;
  /** App, Auth and Functions SDK functions, for code on the boot path (no static SDK import there). */
  sdk: CoreSdk;
}

export interface Services extends CoreServices {
  db: Firestore;
}

let core: CoreServices | null = null;
let pendingCore: Promise<CoreServices> | null = null;
let services: Services | null = null;
let pending: Promise<Services> | null = null;

async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/**
 * The config as index.html's inline script started fetching it with the page (one round trip
 * earlier than this module could); fetched here if that script did not run or asked another URL.
 */
function configJson<T>(url: string): Promise<T> {
  const early = (window as { __fengqiaoConfig?: { url: string; json: Promise<unknown> } }).__fengqiaoConfig;
  if (early?.url === url)
    return early.json.then(
      (v) => v as T,
      () => fetchJson<T>(url),
    );
  return fetchJson<T>(url);
}

function emulatorConfig(): Promise<EmulatorConfig> {
  return configJson<EmulatorConfig>(EMULATOR_CONFIG_URL).catch((e: unknown) => {
    throw new Error(`${String(e)}: the console finds the emulators there; start it with \`npm start\``);
  });
}

/** Initialises the app, Auth and Functions once; every later call returns the same services. */
export function initCore(): Promise<CoreServices> {
  pendingCore ??= (async () => {
    const emulator = usesEmulators();
    // The SDK chunk and the config, in parallel.
    const [sdk, emu] = await Promise.all([import('./firebase-sdk'), emulator ? emulatorConfig() : null]);
    const {
      initializeApp,
      initializeAuth,
      indexedDBLocalPersistence,
      browserLocalPersistence,
      browserSessionPersistence,
      getFunctions,
      connectAuthEmulator,
      connectFunctionsEmulator,
    } = sdk;
    const options = emu
      ? {
          projectId: emu.projectId,
          apiKey: 'demo-api-key',
          authDomain: `${emu.projectId}.firebaseapp.com`,
          storageBucket: `${emu.projectId}.appspot.com`,
        }
      : await configJson<FirebaseOptions>('/__/firebase/init.json');
    const app = initializeApp(options);
    // Not getAuth(): it installs the popup/redirect resolver, which on phones and Safari loads an
    // iframe from the auth domain and Google's gapi script (apis.google.com) at start-up, blocked in
    // mainland China and of no use here (email/password only). The same persistence getAuth uses.
    const auth = initializeAuth(app, { persistence: [indexedDBLocalPersistence, browserLocalPersistence, browserSessionPersistence] });
    const functions = getFunctions(app, FUNCTIONS_REGION);
    let functionsUrl = `https://${FUNCTIONS_REGION}-${options.projectId}.cloudfunctions.net`;
    if (emu) {
      // The same hostname the page came from, so "localhost" and "127.0.0.1" both work.
      const host = location.hostname || '127.0.0.1';
      connectAuthEmulator(auth, `http://${host}:${emu.auth}`, { disableWarnings: true });
      connectFunctionsEmulator(functions, host, emu.functions);
      functionsUrl = `http://${host}:${emu.functions}/${emu.projectId}/${FUNCTIONS_REGION}`;
    }
    core = { app, auth, functions, emulator, functionsUrl, emu, sdk };
    return core;
  })();
  return pendingCore;
}

/** Adds Firestore (its SDK loads here, on first use); every later call returns the same services. */
export function initFirebase(): Promise<Services> {
  pending ??= (async () => {
    const [c, { connectFirestoreEmulator, getFirestore, terminate }] = await Promise.all([initCore(), import('firebase/firestore')]);
    const db = getFirestore(c.app);
    if (c.emu) {
      connectFirestoreEmulator(db, location.hostname || '127.0.0.1', c.emu.firestore);
      // For browser tests and benchmarks: ends this page's Firestore client, which tells the
      // emulator to close its listen stream. A browser that is only closed leaves the stream
      // open in the emulator, which then matches every later write against its queries.
      (window as unknown as { __fengqiaoTerminate?: () => Promise<void> }).__fengqiaoTerminate = () => terminate(db);
    }
    services = { ...c, db };
    return services;
  })();
  return pending;
}

/** App, Auth and Functions, or null while they start (the sign-in page renders before). */
export function coreIfReady(): CoreServices | null {
  return core;
}

/** App, Auth and Functions; only for code that runs once someone is signed in (so initCore() resolved). */
export function fbCore(): CoreServices {
  if (!core) throw new Error('Firebase is not initialised yet');
  return core;
}

/** All services, Firestore included; pages that read render only after initFirebase() resolved. */
export function fb(): Services {
  if (!services) throw new Error('Firebase is not initialised yet');
  return services;
}

type StorageSdk = typeof import('firebase/storage');

/**
 * The SDK's namespace in a chunk loaded by URL: the bundler exports it from the chunk under a
 * short name (`export { ns as t }`), so it is found by what it holds.
 */
function storageNamespace(chunk: Record<string, unknown>): StorageSdk {
  const isSdk = (v: unknown): v is StorageSdk => !!v && typeof (v as StorageSdk).getStorage === 'function';
  const sdk = isSdk(chunk) ? chunk : Object.values(chunk).find(isSdk);
  if (!sdk) throw new Error('the Storage chunk did not hold the Storage SDK');
  return sdk;
}
let storageSdk: Promise<StorageSdk> | null = null;
let storageSdkRetries = 0;
let storageSdkUrl: string | null = null;

/**
 * The Storage SDK, loaded on first use. A grid worker may lose signal while its chunk is on the
 * way; the browser then remembers the failed module URL and every later `import()` of it fails
 * too, so the photos would never leave the phone until a reload. A failed load is therefore
 * retried on the next call — under a fresh query string when the error names the chunk's URL.
 */
export function loadStorageSdk(): Promise<StorageSdk> {
  storageSdk ??= (
    storageSdkUrl && storageSdkRetries > 0
      ? import(/* @vite-ignore */ `${storageSdkUrl}?retry=${storageSdkRetries}`).then(storageNamespace)
      : import('firebase/storage')
  ).catch((e: unknown) => {
    storageSdk = null;
    storageSdkRetries++;
    storageSdkUrl ??= /https?:\/\/\S+?\.js/.exec(String((e as Error)?.message ?? e))?.[0] ?? null;
    throw e;
  });
  return storageSdk;
}

let pendingStorage: Promise<FirebaseStorage | null> | null = null;
/**
 * Cloud Storage (the photos of patrol items; its SDK loads here, on first use): the Storage
 * emulator of this run, or the project's default bucket in production. Null when running against
 * emulators that have no Storage emulator (photos then stay queued on the phone). A failure (the
 * SDK could not load) is not kept: the next call tries again.
 */
export function initStorage(): Promise<FirebaseStorage | null> {
  pendingStorage ??= (async () => {
    const c = await initCore();
    if (c.emu && !c.emu.storage) return null;
    const { connectStorageEmulator, getStorage } = await loadStorageSdk();
    const storage = getStorage(c.app);
    if (c.emu?.storage) connectStorageEmulator(storage, location.hostname || '127.0.0.1', c.emu.storage);
    return storage;
  })().catch((e: unknown) => {
    pendingStorage = null;
    throw e;
  });
  return pendingStorage;
}
