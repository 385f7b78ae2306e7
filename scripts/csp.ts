/**
 * The page's Content-Security-Policy, derived at build time from `public/models.json`: scripts only from the page's
 * own origin, and network connections only to the page's origin, the hosts the registry names and this device.
 *
 * Two forms of one policy:
 * - the `<meta>` form, injected into index.html, binds the document wherever the page is hosted (GitHub Pages
 *   cannot send headers). The document never compiles WebAssembly, so it does not get 'wasm-unsafe-eval'.
 * - the header form, for hosts that can send headers (`vite preview`, `dist/_headers`, docs/deploy.md), also binds
 *   the engine workers, which compile WebAssembly (llama.cpp, TVM, the tokenizer) and start `blob:` workers
 *   (wllama's own worker and its threads). A `<meta>` policy cannot reach a worker.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/** Redirect targets of hosts that answer model downloads from a CDN; connect-src must allow the whole chain. */
const REDIRECT_HOSTS: Record<string, string[]> = {
  'huggingface.co': ['https://*.huggingface.co', 'https://*.hf.co'],
  'hf.co': ['https://*.hf.co', 'https://*.huggingface.co'],
};

/**
 * Connections that never leave the device: a model server on this machine (`python3 -m http.server`, the test
 * server), and `blob:`/`data:` URLs the engines read their own bytes from.
 */
const ON_DEVICE = ['blob:', 'data:', 'http://localhost:*', 'http://127.0.0.1:*'];

const isAbsolute = (url: string) => /^[a-z][a-z0-9+.-]*:/i.test(url);

/** Every URL-valued field of a registry entry (models.json format, before validation). */
function entryUrls(entry: unknown): string[] {
  if (!entry || typeof entry !== 'object') return [];
  const e = entry as Record<string, unknown>;
  const urls = [e.url, e.model_lib, ...(Array.isArray(e.urls) ? e.urls : [])];
  return urls.filter((u): u is string => typeof u === 'string');
}

/**
 * The origins (with their CDN companions) the registry downloads from, besides the page's own.
 * Relative URLs resolve against `modelBase` (the build's `VITE_TAIYI_BASE_URL`); without one they are same-origin.
 */
export function modelHosts(registry: unknown, modelBase?: string): string[] {
  const list = Array.isArray(registry) ? registry : (registry as { models?: unknown } | null)?.models;
  const hosts = new Set<string>();
  const add = (url: string) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return; // models.json validation reports it at run time
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return;
    hosts.add(parsed.origin);
    for (const companion of REDIRECT_HOSTS[parsed.hostname] ?? []) hosts.add(companion);
  };
  const base = modelBase?.trim() && isAbsolute(modelBase.trim()) ? modelBase.trim() : undefined;
  if (base) add(base);
  for (const entry of Array.isArray(list) ? list : []) {
    for (const url of entryUrls(entry)) {
      if (isAbsolute(url)) add(url);
      else if (base) add(new URL(url, base).href);
    }
  }
  return [...hosts].sort();
}

/** What the policy is built from. */
export interface CspOptions {
  /** Parsed `models.json`. */
  registry: unknown;
  /** `VITE_TAIYI_BASE_URL`, when the build sets one. */
  modelBase?: string;
  /** Further connect-src sources a deployer allows (`TAIYI_CSP_CONNECT`, space-separated). */
  extraConnect?: string[];
  /** The header form (see the module comment); default: the `<meta>` form. */
  header?: boolean;
}

/** The policy text. */
export function buildCsp(options: CspOptions): string {
  const connect = ["'self'", ...ON_DEVICE, ...modelHosts(options.registry, options.modelBase), ...(options.extraConnect ?? [])];
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', options.header ? ["'self'", "'wasm-unsafe-eval'"] : ["'self'"]],
    ['worker-src', options.header ? ["'self'", 'blob:'] : ["'self'"]],
    ['connect-src', [...new Set(connect)]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['style-src', ["'self'"]],
    ['font-src', ["'self'"]],
    ['manifest-src', ["'self'"]],
    ['media-src', ["'none'"]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
  ];
  // frame-ancestors is ignored in <meta> (browsers warn about it), so only the header carries it
  if (options.header) directives.push(['frame-ancestors', ["'none'"]]);
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** Reads the registry and the environment the way the build does. */
export function cspFromFiles(registryPath: string, env: Record<string, string | undefined>, header: boolean): string {
  const registry: unknown = JSON.parse(readFileSync(registryPath, 'utf8'));
  const extraConnect = env.TAIYI_CSP_CONNECT?.split(/\s+/).filter(Boolean);
  return buildCsp({ registry, modelBase: env.VITE_TAIYI_BASE_URL, extraConnect, header });
}

/**
 * Vite plugin: puts the `<meta>` policy into index.html, before every script, and writes
 * `_headers` (the header format of Netlify and Cloudflare Pages) with the header policy and cross-origin isolation.
 * Build only: the dev server runs inline scripts and a websocket for hot reload.
 */
export function cspPlugin(options: {
  registryPath: string;
  env: Record<string, string | undefined>;
  isolationHeaders: Record<string, string>;
}): Plugin {
  return {
    name: 'taiyi-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      // right after <meta charset> (which must stay within the first 1024 bytes) and before any script
      handler: (html) => {
        const policy = cspFromFiles(options.registryPath, options.env, false).replaceAll('"', '&quot;');
        const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
        const charset = /<meta\s+charset[^>]*>/i;
        return charset.test(html)
          ? html.replace(charset, (tag) => `${tag}\n    ${meta}`)
          : html.replace(/<head[^>]*>/i, (tag) => `${tag}\n    ${meta}`);
      },
    },
    generateBundle() {
      const headers = { ...options.isolationHeaders, 'Content-Security-Policy': cspFromFiles(options.registryPath, options.env, true) };
      const lines = ['/*', ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`), ''];
      this.emitFile({ type: 'asset', fileName: '_headers', source: lines.join('\n') });
    },
  };
}
