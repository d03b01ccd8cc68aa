/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** "1" to use the local emulators whatever the hostname. */
  readonly VITE_USE_EMULATORS?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
