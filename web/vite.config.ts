import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console imports the pure domain layer from functions/ (never a copy of it) and the demo
// seed data (pure data; only loaded on the sign-in page in emulator mode).
const domain = fileURLToPath(new URL('../functions/src/domain/index.ts', import.meta.url));
const seed = fileURLToPath(new URL('../functions/src/seed/', import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@domain$/, replacement: domain },
      { find: /^@seed\//, replacement: seed },
    ],
    // One zod and one React, whoever imports them (the domain lives outside web/).
    dedupe: ['zod', 'react', 'react-dom'],
  },
  // No React plugin needed: oxc compiles .tsx with the automatic JSX runtime.
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'react' },
  },
  server: { port: 5174, host: '127.0.0.1' },
  preview: { port: 5174, host: '127.0.0.1' },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
});
