import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { type Plugin, defineConfig } from 'vite';

// The console imports the pure domain layer from functions/ (never a copy of it) and the demo
// seed data (pure data; only loaded on the sign-in page in emulator mode).
const domain = fileURLToPath(new URL('../functions/src/domain/index.ts', import.meta.url));
// The case vocabulary alone (no zod, no luxon), for the phone's report form.
const vocab = fileURLToPath(new URL('../functions/src/domain/vocab.ts', import.meta.url));
const seed = fileURLToPath(new URL('../functions/src/seed/', import.meta.url));

// `vite dev` / `vite preview` against the emulators of `npm run emulators`: the console's
// run-time emulator settings, read from firebase.json when the page asks (scripts/lib/ports.mjs).
// `npm start` and `npm test` write the same file into dist/ instead.
function emulatorSettings(): Plugin {
  const serve = async (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const ports = await import('../scripts/lib/ports.mjs');
    if (req.url?.split('?')[0] !== ports.CONSOLE_CONFIG_PATH) return next();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(ports.consoleConfig(ports.emulatorConfig())));
  };
  return {
    name: 'fengqiao-emulator-settings',
    configureServer: (server) => void server.middlewares.use((req, res, next) => void serve(req, res, next)),
    configurePreviewServer: (server) => void server.middlewares.use((req, res, next) => void serve(req, res, next)),
  };
}

// The boot imports Firebase's app/Auth/Functions SDK dynamically (src/firebase-sdk.ts), so the
// sign-in page renders before that code runs; this lets the browser download it with the page,
// as a module preload (fetched and compiled, run only when imported).
function preloadFirebaseSdk(): Plugin {
  return {
    name: 'fengqiao-preload-firebase-sdk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
        const sdk = chunks.find((c) => c.facadeModuleId?.endsWith('/src/firebase-sdk.ts'));
        if (!sdk) throw new Error('preloadFirebaseSdk: the firebase-sdk chunk is missing');
        return [sdk.fileName, ...sdk.imports].map((f) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

export default defineConfig({
  plugins: [emulatorSettings(), preloadFirebaseSdk()],
  resolve: {
    alias: [
      { find: /^@domain$/, replacement: domain },
      { find: /^@domain\/vocab$/, replacement: vocab },
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
    // .vite/manifest.json: the entry's static imports, read by scripts/check-bundle.mjs.
    manifest: true,
    // Firebase (Firestore + Auth) alone is ~0.5 MB minified; the split below keeps it cacheable.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // antd marks its modules "use client" (for React Server Components); meaningless in a SPA.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
      output: {
        // The dictionary's parts (src/i18n/parts.ts) named by language and part: zh-CN-stats-….js.
        chunkFileNames: (chunk) => {
          const dict = /[\\/]i18n[\\/](zh-CN|en-US)[\\/](\w+)\.ts$/.exec(chunk.facadeModuleId ?? '');
          return dict ? `assets/${dict[1]}-${dict[2]}-[hash].js` : 'assets/[name]-[hash].js';
        },
        // Libraries every page needs get their own long-lived chunks; antd is left to automatic
        // splitting so the lazily loaded pages bring their own components.
        codeSplitting: {
          groups: [
            // Firestore apart from the rest of Firebase: the phone's sign-in and report form need
            // only the app, Auth and Functions (docs/console.md "Phone path").
            {
              name: (id: string) =>
                /[\\/](@firebase[\\/]firestore|firebase[\\/]firestore|re2js|@firebase[\\/]webchannel-wrapper)[\\/]/.test(id)
                  ? 'firestore'
                  : // Cloud Storage (the photos of patrol items) only where photos are sent or shown.
                    /[\\/](@firebase[\\/]storage|firebase[\\/]storage)[\\/]/.test(id)
                    ? 'storage'
                    : 'firebase',
              test: /node_modules[\\/](@firebase|firebase|re2js|idb|tslib)[\\/]/,
            },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/](zod|luxon)[\\/]/ },
            // ECharts, lazily loaded with the first chart: the map's code (一张图: map series, geo
            // coordinates) apart, so pages with bar and pie charts only do not carry it.
            {
              name: (id: string) =>
                /[\\/]echarts[\\/]lib[\\/](chart[\\/]map|component[\\/]geo|coord[\\/]geo)[\\/]/.test(id) ? 'echarts-map' : 'echarts',
              test: /node_modules[\\/](echarts|zrender)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
