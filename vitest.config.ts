import { defineConfig } from 'vitest/config';

// Three projects: `unit` (pure code, no emulator), `emulated` (rules and integration tests
// against the running emulators), `e2e` (headless Chromium against the console). The emulated
// and e2e projects are run by scripts/test.mjs inside `firebase emulators:exec`.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', setupFiles: ['test/setup-fast-check.ts'] } },
      {
        test: {
          name: 'emulated',
          include: ['test/rules/**/*.test.ts', 'test/integration/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Benchmarks (npm run bench): they print and record figures; they assert no timings.
        test: {
          name: 'bench',
          include: ['bench/**/*.bench.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 1_800_000,
          hookTimeout: 1_800_000,
        },
      },
    ],
  },
});
