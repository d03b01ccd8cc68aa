/**
 * What the boot uses of Firebase's app, Auth and Functions SDKs, in one module that firebase.ts
 * imports dynamically: the sign-in page renders while this chunk downloads and runs (the phone
 * path, docs/console.md). The full console imports the SDKs directly.
 */
export { initializeApp } from 'firebase/app';
export {
  browserLocalPersistence,
  browserSessionPersistence,
  connectAuthEmulator,
  indexedDBLocalPersistence,
  initializeAuth,
  onIdTokenChanged,
  signInWithEmailAndPassword,
  signOut,
} from 'firebase/auth';
export { connectFunctionsEmulator, getFunctions, httpsCallable } from 'firebase/functions';
