/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** "1" to use the local emulators whatever the hostname. */
  readonly VITE_USE_EMULATORS?: string;
  /** '1': show phone sign-in on a real project (docs/operations.md, "Phone sign-in"). */
  readonly VITE_PHONE_SIGN_IN?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
