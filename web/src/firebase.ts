/**
 * Firebase initialisation. Local pages (127.0.0.1 / localhost, or VITE_USE_EMULATORS=1) talk to
 * the emulators of the demo project; anywhere else the config comes from Firebase Hosting's
 * reserved URL, so no project settings are baked into the bundle.
 */
import { type FirebaseApp, type FirebaseOptions, initializeApp } from 'firebase/app';
import { type Auth, connectAuthEmulator, getAuth } from 'firebase/auth';
import { type Firestore, connectFirestoreEmulator, getFirestore } from 'firebase/firestore';
import { type Functions, connectFunctionsEmulator, getFunctions } from 'firebase/functions';

/** Cloud Functions region (functions/src/lib/options.ts REGION). */
export const FUNCTIONS_REGION = 'asia-east2';

export const DEMO_CONFIG: FirebaseOptions = {
  projectId: 'demo-fengqiao',
  apiKey: 'demo-api-key',
  authDomain: 'demo-fengqiao.firebaseapp.com',
};

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

export function usesEmulators(): boolean {
  return LOCAL_HOSTS.has(location.hostname) || import.meta.env.VITE_USE_EMULATORS === '1';
}

export interface Services {
  app: FirebaseApp;
  auth: Auth;
  db: Firestore;
  functions: Functions;
  emulator: boolean;
}

let services: Services | null = null;
let pending: Promise<Services> | null = null;

async function hostingConfig(): Promise<FirebaseOptions> {
  const res = await fetch('/__/firebase/init.json', { cache: 'no-cache' });
  if (!res.ok) throw new Error(`/__/firebase/init.json: HTTP ${res.status}`);
  return (await res.json()) as FirebaseOptions;
}

/** Initialises once; every later call returns the same services. */
export function initFirebase(): Promise<Services> {
  pending ??= (async () => {
    const emulator = usesEmulators();
    const app = initializeApp(emulator ? DEMO_CONFIG : await hostingConfig());
    const auth = getAuth(app);
    const db = getFirestore(app);
    const functions = getFunctions(app, FUNCTIONS_REGION);
    if (emulator) {
      // The same hostname the page came from, so "localhost" and "127.0.0.1" both work.
      const host = location.hostname || '127.0.0.1';
      connectAuthEmulator(auth, `http://${host}:9099`, { disableWarnings: true });
      connectFirestoreEmulator(db, host, 8080);
      connectFunctionsEmulator(functions, host, 5001);
    }
    services = { app, auth, db, functions, emulator };
    return services;
  })();
  return pending;
}

/** The initialised services; main.tsx renders the app only after initFirebase() resolved. */
export function fb(): Services {
  if (!services) throw new Error('Firebase is not initialised yet');
  return services;
}
