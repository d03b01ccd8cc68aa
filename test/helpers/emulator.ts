// Talking to the running emulators from tests: an Admin app for setup and inspection, and
// client apps (the real web SDK) signed in as the demo accounts for everything a user does.
import { deleteApp, getApps as getAdminApps, initializeApp as initAdmin } from 'firebase-admin/app';
import { getAuth as getAdminAuth } from 'firebase-admin/auth';
import { getFirestore as getAdminFirestore } from 'firebase-admin/firestore';
import { type FirebaseApp, initializeApp } from 'firebase/app';
import { connectAuthEmulator, getAuth, signInWithEmailAndPassword } from 'firebase/auth';
import { connectFirestoreEmulator, getFirestore, type Firestore } from 'firebase/firestore';
import { connectFunctionsEmulator, getFunctions, httpsCallable, type FunctionsError } from 'firebase/functions';
import { DEMO_ACCOUNTS } from '../../functions/src/seed/demo-county';

// Project and hosts come from the run (scripts/lib/emulators.mjs clientEnv(): .firebaserc and
// firebase.json, shifted by FENGQIAO_PORT_OFFSET); never written here.
const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`emulated tests need the emulators (${name} is not set): run them with \`npm test\``);
  return v;
};
export const PROJECT_ID = env('GCLOUD_PROJECT');
export const REGION = 'asia-east2';
const FS = env('FIRESTORE_EMULATOR_HOST');
const AUTH = env('FIREBASE_AUTH_EMULATOR_HOST');
/** The Functions emulator's origin, e.g. for HTTP functions: `${FUNCTIONS_ORIGIN}/${PROJECT_ID}/${REGION}/intake`. */
export const FUNCTIONS_ORIGIN = env('FUNCTIONS_EMULATOR_ORIGIN');

export function adminApp() {
  return getAdminApps().find((a) => a.name === 'tests') ?? initAdmin({ projectId: PROJECT_ID }, 'tests');
}
export const adminDb = () => getAdminFirestore(adminApp());
export const adminAuth = () => getAdminAuth(adminApp());
/** The open, overdue and red figures of a unit, summed over its live-counter shards (what a map or table must show). */
export async function unitCounterSum(unitId: string) {
  const snap = await adminDb().collection('counters').where('unitId', '==', unitId).get();
  const sum = { open: 0, overdue: 0, red: 0 };
  for (const d of snap.docs) {
    sum.open += d.get('open') ?? 0;
    sum.overdue += d.get('overdue') ?? 0;
    sum.red += d.get('colour.red') ?? 0;
  }
  return sum;
}
export async function closeAdmin() {
  const a = getAdminApps().find((x) => x.name === 'tests');
  if (a) await deleteApp(a);
}

export interface Client {
  app: FirebaseApp;
  db: Firestore;
  uid: string;
  call: <T = unknown>(name: string, data: unknown) => Promise<T>;
}

let n = 0;
/** A fresh client app signed in as a demo account (by key, e.g. 'grid', 'village', 'town2'). */
export async function signInAs(key: string): Promise<Client> {
  const acct = DEMO_ACCOUNTS.find((a) => a.key === key);
  if (!acct) throw new Error(`no demo account ${key}`);
  return signInWith(acct.email, acct.password);
}

export async function signInWith(email: string, password: string): Promise<Client> {
  const app = initializeApp(
    { projectId: PROJECT_ID, apiKey: 'demo-api-key', authDomain: `${PROJECT_ID}.firebaseapp.com` },
    `client-${++n}-${email}`,
  );
  const auth = getAuth(app);
  connectAuthEmulator(auth, `http://${AUTH}`, { disableWarnings: true });
  const db = getFirestore(app);
  const [host, port] = FS.split(':');
  connectFirestoreEmulator(db, host!, Number(port));
  const fns = getFunctions(app, REGION);
  const fnUrl = new URL(FUNCTIONS_ORIGIN);
  connectFunctionsEmulator(fns, fnUrl.hostname, Number(fnUrl.port));
  const cred = await signInWithEmailAndPassword(auth, email, password);
  await cred.user.getIdToken(true);
  return {
    app,
    db,
    uid: cred.user.uid,
    call: async <T>(name: string, data: unknown) => (await httpsCallable(fns, name)(data)).data as T,
  };
}

/** Calls and returns the error (code without the "functions/" prefix, and message). */
export async function callError(c: Client, name: string, data: unknown): Promise<{ code: string; message: string; details: unknown }> {
  try {
    await c.call(name, data);
  } catch (e) {
    const err = e as FunctionsError;
    return { code: err.code.replace(/^functions\//, ''), message: err.message, details: err.details };
  }
  throw new Error(`${name} unexpectedly succeeded`);
}

let seq = 0;
/** A unique request ID per call, so tests never collide with each other or earlier runs. */
export const requestId = () => `t${Date.now().toString(36)}${(++seq).toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** Waits until `check` returns a truthy value (for triggers, which run after the commit). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`condition not met in ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}
