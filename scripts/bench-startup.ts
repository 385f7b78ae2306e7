/**
 * `npm run bench:startup`: builds the app and prints its start-up budgets.
 * - Entry JavaScript (the entry chunk and what it preloads), gzip: budget 250 KB. The engines must not be in it.
 * - Navigation to an interactive shell on localhost in headless Chromium (tabs rendered, model list filled),
 *   median of 5 fresh browser contexts: budget 1 s.
 * Exits non-zero when a budget is exceeded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, preview } from 'vite';
import { chromium } from '@playwright/test';
import { chromiumArgs, systemChromium } from '../e2e/support/browser';

const ENTRY_BUDGET_KB = 250;
const SHELL_BUDGET_MS = 1000;
const RUNS = 5;
const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');

/** The scripts the page loads before anything else: the entry module and its modulepreloads. */
function entryScripts(): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)];
  return refs.map((m) => (m[1] ?? m[2]).replace(/^\.?\//, ''));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  await build({ root, logLevel: 'error' });
  const files = entryScripts();
  let gzipBytes = 0;
  for (const file of files) {
    const code = readFileSync(join(dist, file));
    // markers found only inside web-llm (its TVM runtime) and wllama (its wasm glue)
    if (/tvmjs|wllama_start/.test(code.toString('latin1')))
      throw new Error(`${file}: an engine library ended up in the entry chunk`);
    gzipBytes += gzipSync(code, { level: 9 }).length;
  }
  const entryKB = gzipBytes / 1024;
  console.log(`entry JavaScript: ${entryKB.toFixed(1)} KB gzip in ${files.length} file(s) (budget ${ENTRY_BUDGET_KB} KB)`);

  const server = await preview({ root, logLevel: 'error', preview: { port: 0, host: '127.0.0.1' } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server has no URL');
  const browser = await chromium.launch({ executablePath: systemChromium, args: chromiumArgs });
  const times: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${url}?lang=en`, { waitUntil: 'commit' });
      // interactive: the tabs are there and the model list is filled and enabled
      await page.waitForFunction(
        () => {
          const select = document.querySelector<HTMLSelectElement>('[data-testid="model-select"]');
          return !!document.querySelector('[role="tab"]') && !!select && !select.disabled && select.options.length > 1;
        },
        undefined,
        { polling: 'raf' },
      );
      times.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
  const shellMs = median(times);
  console.log(`interactive shell: median ${shellMs.toFixed(0)} ms over ${RUNS} runs [${times.map((t) => t.toFixed(0)).join(', ')}] (budget ${SHELL_BUDGET_MS} ms)`);

  const over = [entryKB > ENTRY_BUDGET_KB && 'entry size', shellMs > SHELL_BUDGET_MS && 'start-up time'].filter(Boolean);
  if (over.length) {
    console.error(`over budget: ${over.join(', ')}`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
