import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { cspFromFiles, cspPlugin } from './scripts/csp.ts';
import { headStartPlugin } from './scripts/head-start.ts';
import { STARTUP_NAMESPACES } from './src/i18n/namespaces.ts';
import { ENGINE_CODE_CACHE, MODEL_LIB_CACHE, REGISTRY_CACHE } from './src/features/offline/cacheNames.ts';

/**
 * Cross-origin isolation lets the GGUF engine use several threads. Static hosts that cannot send
 * headers (GitHub Pages) still work, single-threaded; see docs/deploy.md.
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

const REGISTRY = 'public/models.json';

/**
 * Code a visit needs only for a tool it may never open (checking and importing a model folder, with the GGUF
 * reader; the long-text editor): built into `assets/on-demand/`, which, like the engines, is cached when first
 * used, not precached.
 */
const ON_DEMAND =
  /[\\/](engine[\\/]folder-import\.ts|core[\\/]modelkit[\\/]index\.ts|@huggingface[\\/]gguf[\\/]|components[\\/]longText[\\/]editor\.ts)/;
const MiB = 1024 ** 2;

/** package.json's version, with the commit when the build runs in a git checkout. */
function pageVersion(): string {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  try {
    return `${version}+${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()}`;
  } catch {
    return version;
  }
}

export default defineConfig(({ mode }) => {
  // the policy lists the registry's hosts, and the model base may come from a .env file
  const env = { ...loadEnv(mode, process.cwd(), ''), ...process.env };
  return {
    // unset or empty (an unset CI variable): relative, which works under any path
    base: process.env.BASE_PATH || './',
    // each result records the page version that made it
    define: { 'import.meta.env.VITE_PAGE_VERSION': JSON.stringify(pageVersion()) },
    plugins: [
      react(),
      {
        // "not hosted here" links to how to build and host a model; a build may point elsewhere (VITE_TAIYI_DOCS_URL)
        name: 'model-docs',
        generateBundle() {
          this.emitFile({ type: 'asset', fileName: 'docs/models.md', source: readFileSync('docs/models.md', 'utf8') });
        },
      },
      cspPlugin({ registryPath: REGISTRY, env, isolationHeaders }),
      headStartPlugin({
        entry: 'src/main.tsx',
        registryModule: 'src/engine/registryHeadStart.ts',
        // the default tab's panel (DEFAULT_TASK, src/core/tasks/ids.ts) and the first render's English strings
        opening: ['src/features/playground/Playground.tsx', ...STARTUP_NAMESPACES.map((ns) => `src/i18n/locales/en/${ns}.json`)],
      }),
      VitePWA({
        // the page registers the worker itself (src/features/offline/serviceWorker.ts): no inline script
        injectRegister: false,
        // a new deployment waits for the user's consent instead of swapping code under a running page
        registerType: 'prompt',
        manifest: {
          name: 'Taiyi Local',
          short_name: 'Taiyi',
          description: 'Taiyi biomedical language model running locally in your browser',
          theme_color: '#0b5394',
          background_color: '#ffffff',
          display: 'standalone',
          icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
        },
        workbox: {
          // the shell only: the page, its styles and every tab. The engines (the WebLLM worker ≈2 MB gzip, the
          // GGUF worker and llama.cpp's wasm ≈3 MB gzip) and on-demand tools are cached when first used (below);
          // models.json is fetched fresh
          globPatterns: ['**/*.{js,css,html,svg,webmanifest}'],
          globIgnores: ['**/models.json', '**/_headers', '**/*.worker-*.js', '**/on-demand/**'],
          maximumFileSizeToCacheInBytes: 2 * MiB,
          navigateFallback: 'index.html',
          // model files and anything else with a file name are never answered with the page; the patterns look at
          // the path only (`^[^?]*`): `?model=https://host/x.gguf` is a navigation to the page
          navigateFallbackDenylist: [/^[^?]*\/models\//, /^[^?]*\/[^/?]*\.(?!html?(?:\?|$))[a-z0-9]+(?:\?.*)?$/i],
          cleanupOutdatedCaches: true,
          // the first visit is taken over once the shell is cached, so an engine it fetches later passes through the
          // worker and is kept (the page also keeps what it fetched before, see features/offline)
          clientsClaim: true,
          skipWaiting: false,
          runtimeCaching: [
            {
              // the engines and on-demand tools: kept on first use, then served from the cache (their names carry
              // a content hash); the old version's files age out
              urlPattern: ({ url, sameOrigin }) =>
                sameOrigin &&
                url.href.startsWith(new URL('assets/', (self as unknown as ServiceWorkerGlobalScope).registration.scope).href),
              handler: 'CacheFirst',
              options: { cacheName: ENGINE_CODE_CACHE, expiration: { maxEntries: 24 }, cacheableResponse: { statuses: [200] } },
            },
            {
              // the deployer's edits must show at once; the last copy serves when offline
              urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.endsWith('/models.json'),
              handler: 'NetworkFirst',
              options: { cacheName: REGISTRY_CACHE, networkTimeoutSeconds: 10, cacheableResponse: { statuses: [200] } },
            },
            {
              // WebLLM fetches a model library on localhost (or a relative one) without caching it: keep it in
              // WebLLM's own wasm cache, where folder imports put it and the storage manager finds it
              urlPattern: ({ url, sameOrigin }) => url.pathname.endsWith('.wasm') && (sameOrigin || url.hostname === 'localhost'),
              handler: 'CacheFirst',
              options: { cacheName: MODEL_LIB_CACHE, cacheableResponse: { statuses: [200] } },
            },
          ],
        },
        devOptions: { enabled: false },
      }),
    ],
    worker: { format: 'es' },
    server: { headers: isolationHeaders },
    preview: {
      headers: { ...isolationHeaders, 'Content-Security-Policy': cspFromFiles(REGISTRY, env, true) },
    },
    build: {
      target: 'es2022',
      chunkSizeWarningLimit: 8000,
      rollupOptions: {
        output: {
          chunkFileNames: (chunk) =>
            ON_DEMAND.test(chunk.facadeModuleId ?? '') ? 'assets/on-demand/[name]-[hash].js' : 'assets/[name]-[hash].js',
        },
      },
    },
  };
});
