/**
 * `npm run bench:startup`: builds the app and prints its start-up budgets.
 * - Entry JavaScript (the entry chunk and what it preloads), gzip: budget 120 KB. The engines must not be in it.
 * - The shell: every file the page fetches before it is interactive (entry, CSS, the default tab's chunks), gzip.
 * - Navigation to an interactive shell on localhost in headless Chromium, read by the page's own clock (tabs,
 *   the default tab's input, the model list filled and enabled), median of fresh browser contexts: budget 400 ms.
 *   When the page asked for models.json is printed too: it should not wait for the first render.
 * - First visit with the service worker: the bytes it precaches before any model is chosen, gzip: budget 300 KB.
 *   The engines are not among them: each is cached when first used.
 * Exits non-zero when a budget is exceeded.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { chromium, type Browser } from '@playwright/test';
import { chromiumArgs, systemChromium } from '../e2e/support/browser';
import { WATCH_FOR_SHELL } from '../e2e/support/shell-ready';
import { previewApp, reportBudgets, runBench } from './lib/bench';

const ENTRY_BUDGET_KB = 120;
const SHELL_BUDGET_MS = 400;
const FIRST_VISIT_BUDGET_KB = 300;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');

const gzipKB = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

/**
 * The entry's JavaScript: the module scripts of index.html (the entry and the registry's head start) and every
 * chunk they import statically (what Vite modulepreloads for them). The opening tab's chunks, which index.html
 * preloads too but the entry imports only dynamically, count in the shell, not here.
 */
function entryScripts(): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<script[^>]+type="module"[^>]+src="\.?\/?([^"]+)"/g)].map((m) => m[1]);
  for (const file of files) {
    const code = readFileSync(join(dist, file), 'utf8');
    // static imports only (`import{a as b}from"./x.js"`, `import"./x.js"`), not `import("./x.js")`
    for (const m of code.matchAll(/\bimport\s*(?:[\w$*{},\s]*?\bfrom\s*)?["']\.\/([^"']+\.js)["']/g)) {
      const imported = join(file, '..', m[1]);
      if (!files.includes(imported)) files.push(imported);
    }
  }
  return files;
}

/** A built file's path in dist/ from a URL the page fetched, or null for anything else (models.json, data:). */
function distFile(url: string, base: string): string | null {
  if (!url.startsWith(base)) return null;
  const path = decodeURIComponent(new URL(url).pathname).replace(/^\//, '') || 'index.html';
  const file = join(dist, path);
  return existsSync(file) && !path.endsWith('models.json') ? file : null;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function startupRuns(browser: Browser, url: string) {
  const times: number[] = [];
  const registryAt: number[] = [];
  let fetched: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    // no service worker: a first visit, measured alone (the worker installs after the page has loaded)
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.addInitScript(WATCH_FOR_SHELL);
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(`${url}?lang=en`, { waitUntil: 'commit' });
    await page.waitForFunction(() => typeof (window as unknown as { shellReadyAt?: number }).shellReadyAt === 'number', undefined, {
      timeout: 30_000,
    });
    const { ready, registry } = await page.evaluate(() => ({
      ready: (window as unknown as { shellReadyAt: number }).shellReadyAt,
      registry: performance.getEntriesByType('resource').find((e) => e.name.endsWith('/models.json'))?.startTime ?? NaN,
    }));
    times.push(ready);
    registryAt.push(registry);
    fetched = urls;
    await context.close();
  }
  return { times, registryAt, fetched };
}

/** Gzip kilobytes the service worker precached on a first visit, and how many files. */
async function firstVisit(browser: Browser, url: string) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${url}?lang=en`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) urls.push(...(await (await caches.open(name)).keys()).map((r) => r.url));
      return urls;
    });
    // the precache keys carry a revision parameter
    const files = cached.map((u) => distFile(u.replace(/\?__WB_REVISION__=.*$/, ''), url)).filter((f): f is string => !!f);
    const engines = files.filter((f) => /\.wasm$|\.worker-/.test(f));
    return { kb: files.reduce((sum, f) => sum + gzipKB(f), 0), count: files.length, engines };
  } finally {
    await context.close();
  }
}

async function main() {
  await build({ root, logLevel: 'error' });
  const files = entryScripts();
  let entryKB = 0;
  for (const file of files) {
    const code = readFileSync(join(dist, file));
    // markers found only inside web-llm (its TVM runtime) and wllama (its wasm glue)
    if (/tvmjs|wllama_start/.test(code.toString('latin1'))) throw new Error(`${file}: an engine library ended up in the entry chunk`);
    entryKB += gzipKB(join(dist, file));
  }
  console.log(`entry JavaScript: ${entryKB.toFixed(1)} KB gzip in ${files.length} file(s) (budget ${ENTRY_BUDGET_KB} KB)`);

  const { url, close: closeApp } = await previewApp(root);
  const browser = await chromium.launch({ executablePath: systemChromium, args: chromiumArgs });
  let shellMs = Infinity;
  let firstVisitKB = Infinity;
  try {
    const { times, registryAt, fetched } = await startupRuns(browser, url);
    const shellFiles = [...new Set(fetched.map((u) => distFile(u, url)).filter((f): f is string => !!f))];
    const shellKB = shellFiles.reduce((sum, f) => sum + gzipKB(f), 0);
    const css = shellFiles.filter((f) => f.endsWith('.css')).length;
    console.log(
      `shell before interactive: ${shellKB.toFixed(1)} KB gzip in ${shellFiles.length} files (${css} CSS; HTML, entry and the default tab's chunks)`,
    );
    shellMs = median(times);
    console.log(
      `interactive shell: median ${shellMs.toFixed(0)} ms over ${RUNS} runs [${times.map((t) => t.toFixed(0)).join(', ')}] (budget ${SHELL_BUDGET_MS} ms, page clock)`,
    );
    console.log(`models.json requested at: median ${median(registryAt).toFixed(0)} ms after navigation`);

    const visit = await firstVisit(browser, url);
    firstVisitKB = visit.kb;
    console.log(
      `first visit with the service worker: ${visit.kb.toFixed(1)} KB gzip precached in ${visit.count} files (budget ${FIRST_VISIT_BUDGET_KB} KB)`,
    );
    if (visit.engines.length) console.log(`  engines precached: ${visit.engines.map((f) => f.slice(dist.length + 1)).join(', ')}`);
  } finally {
    await browser.close();
    await closeApp();
  }

  reportBudgets([
    entryKB > ENTRY_BUDGET_KB && 'entry size',
    shellMs > SHELL_BUDGET_MS && 'start-up time',
    firstVisitKB > FIRST_VISIT_BUDGET_KB && 'first-visit bytes',
  ]);
}

runBench(main);
