/**
 * `npm run bench:stream`: what the page costs the engine while an answer streams. In one headless Chromium, the
 * built app's playground and the app's own GGUF worker driven from a bare page (no UI) generate the same greedy
 * 500-token answer from the same model, in pairs whose order alternates. Printed per model:
 * - decode tokens/s, app ÷ worker (median of the pairs' ratios): budget ≥ 0.98
 * - click → last token on screen, app ÷ worker (the worker: request → last token reply): budget ≤ 1.02
 * - the page's main-thread busy share during the app's answer (Chromium's task time ÷ wall time): budget ≤ 5 %;
 *   printed beside it, the main thread's CPU time ÷ wall time (a task's time also counts the moments its thread
 *   waits for a core or for the compositor, which on a machine whose cores the engine keeps busy is much of it), and
 *   the bare page's busy share measured the same way (what the measurement and the worker's posts cost by themselves)
 * Models: a generated ≈80 MB llama (scripts/make-test-gguf.ts), the suite's tiny llama, and
 * `../shared/fixtures/stories260K.gguf` when present. Both arms are single-threaded (the page is served without
 * cross-origin isolation), so they compete for the same cores as a user's page would.
 *   BENCH_PAIRS=<n> (default 30: one pair's ratios vary by ±15 % on a 2-core machine, so a median of 18 still moved by
 *   ±3 %, more than a budget's margin) · BENCH_MODELS=bench-80mb,tiny-llama,stories260K (a subset)
 * Exits non-zero when a budget is exceeded.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { chromiumArgs, systemChromium } from '../e2e/support/browser';
import { reportBudgets, runBench } from './lib/bench';
import { buildTinyLlamaGguf } from './make-test-gguf';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 30);
const TOKENS = 500;
const PROMPT = 'Once upon a time';
const BUDGET = { decode: 0.98, lastToken: 1.02, busy: 0.05 };
const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
const STORIES = join(root, '..', 'shared', 'fixtures', 'stories260K.gguf');

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The models to compare, written to `dir`. */
function makeModels(dir: string): { name: string; file: string }[] {
  const wanted = process.env.BENCH_MODELS?.split(',');
  const models: { name: string; file: string }[] = [];
  const add = (name: string, write: (file: string) => void) => {
    if (wanted && !wanted.includes(name)) return;
    const file = join(dir, `${name}.gguf`);
    write(file);
    models.push({ name, file });
  };
  // ≈80 MB of F32 weights: 6 layers of width 512
  add('bench-80mb', (f) =>
    writeFileSync(f, buildTinyLlamaGguf({ seed: 11, embedding: 512, layers: 6, heads: 8, feedForward: 1408, context: 1024 })),
  );
  add('tiny-llama', (f) => writeFileSync(f, buildTinyLlamaGguf()));
  if (existsSync(STORIES)) add('stories260K', (f) => copyFileSync(STORIES, f));
  else console.log(`stories260K: skipped (${STORIES} is absent)`);
  return models;
}

/** The bare page of the worker arm: the app's GGUF worker spoken to through its protocol, nothing else. */
function workerPage(workerUrl: string): string {
  return `<!doctype html><meta charset="utf-8"><title>GGUF worker without UI</title><script type="module">
const worker = new Worker(${JSON.stringify(workerUrl)}, { type: 'module', name: 'gguf-engine' });
let next = 0;
const pending = new Map();
worker.onmessage = ({ data: m }) => {
  const p = m && m.channel === 'taiyi-engine' && pending.get(m.id);
  if (!p) return;
  if (m.kind === 'token') p.onToken();
  else if (m.kind === 'result') { pending.delete(m.id); p.resolve(m.value); }
  else if (m.kind === 'error') { pending.delete(m.id); p.reject(new Error(JSON.stringify(m.error))); }
};
const call = (kind, body, onToken = () => {}) => new Promise((resolve, reject) => {
  const id = ++next;
  pending.set(id, { resolve, reject, onToken });
  worker.postMessage({ channel: 'taiyi-engine', id, kind, ...body });
});
window.benchLoad = (entry) => call('load', { entry });
window.benchRun = async (request) => {
  const start = performance.now();
  let last = start;
  const result = await call('generate', { request }, () => { last = performance.now(); });
  return { lastTokenMs: last - start, wallMs: performance.now() - start, decode: result.usage.decodeTokensPerSec, tokens: result.usage.completionTokens };
};
</script>`;
}

/** Serves dist/ and the models, with no isolation headers (single-threaded), plus the worker arm's page. */
async function serve(modelDir: string, workerUrl: string) {
  const page = workerPage(workerUrl);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '');
    if (path === '/bench-stream.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    const base = path.startsWith('/bench-models/') ? modelDir : dist;
    const file = join(base, path.replace(/^\/bench-models\//, '/') === '/' ? 'index.html' : path.replace(/^\/bench-models\//, '/'));
    if (!file.startsWith(base) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

interface Arm {
  run(): Promise<{ decode: number; lastTokenMs: number; busy: number; cpu: number; tokens: number }>;
}

/** Seconds of a page's main-thread task time and CPU time so far, as Chromium counts them. */
async function mainThreadClock(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    return { task: value('TaskDuration'), cpu: value('ThreadTime') };
  };
}

/** Runs `answer` and gives its main-thread busy and CPU shares of `wallMs`. */
async function timedShares<T extends { wallMs: number }>(clock: Awaited<ReturnType<typeof mainThreadClock>>, answer: () => Promise<T>) {
  const before = await clock();
  const result = await answer();
  const after = await clock();
  return { result, busy: ((after.task - before.task) * 1000) / result.wallMs, cpu: ((after.cpu - before.cpu) * 1000) / result.wallMs };
}

/** The app: the playground with the model loaded by `?model=`, 500 tokens, greedy; timed inside the page. */
async function appArm(browser: Browser, url: string, modelUrl: string): Promise<Arm> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${url}/?lang=en&task=playground&model=${encodeURIComponent(modelUrl)}`);
  await page.getByTestId('model-status').and(page.locator('[data-state="ready"]')).waitFor({ timeout: 120_000 });
  await page.getByTestId('settings-max-tokens').fill(String(TOKENS));
  await page.getByTestId('settings-greedy').check();
  await page.getByTestId('task-input').fill(PROMPT);
  const clock = await mainThreadClock(context, page);
  return {
    async run() {
      const { result, busy, cpu } = await timedShares(clock, () =>
        page.evaluate(() => {
          const status = document.querySelector('[data-testid="model-status"]')!;
          const output = document.querySelector('[data-testid="output-raw"]')!;
          return new Promise<{ lastTokenMs: number; wallMs: number }>((resolve) => {
            let start = 0;
            let last = 0;
            let generating = false;
            const shown = new MutationObserver(() => (last = performance.now()));
            const state = new MutationObserver(() => {
              const s = status.getAttribute('data-state');
              if (s === 'generating') generating = true;
              else if (generating && s === 'ready') {
                const end = performance.now();
                shown.disconnect();
                state.disconnect();
                resolve({ lastTokenMs: last - start, wallMs: end - start });
              }
            });
            shown.observe(output, { childList: true, characterData: true, subtree: true });
            state.observe(status, { attributes: true, attributeFilter: ['data-state'] });
            start = performance.now();
            document.querySelector<HTMLButtonElement>('[data-testid="run"]')!.click();
          });
        }),
      );
      const rates = [...(await page.getByTestId('run-stats').innerText()).matchAll(/([\d.]+) tok\/s/g)].map((m) => Number(m[1]));
      const tokens = Number(/(\d+) \+ (\d+)/.exec(await page.getByTestId('run-stats').innerText())?.[2] ?? 0);
      return { decode: rates[1] ?? NaN, lastTokenMs: result.lastTokenMs, busy, cpu, tokens };
    },
  };
}

/** The worker without UI, given the entry the app makes for a `.gguf` URL. */
async function workerArm(browser: Browser, url: string, modelUrl: string): Promise<Arm> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${url}/bench-stream.html`);
  await page.waitForFunction(() => 'benchLoad' in window);
  const file = modelUrl.split('/').pop()!;
  const entry = {
    id: modelUrl,
    label: file,
    engine: 'gguf',
    url: modelUrl,
    context_window_size: 2048,
    quantization: '',
    prompt_format: 'native',
    languages: [],
    user_added: true,
  };
  await page.evaluate((e) => (window as unknown as { benchLoad: (e: unknown) => Promise<unknown> }).benchLoad(e), entry);
  const request = { turns: [{ role: 'user', content: PROMPT }], params: { temperature: 0, top_p: 1, max_tokens: TOKENS, greedy: true } };
  const clock = await mainThreadClock(context, page);
  type Reply = { decode: number; lastTokenMs: number; wallMs: number; tokens: number };
  return {
    async run() {
      const run = () => page.evaluate((r) => (window as unknown as { benchRun: (r: unknown) => Promise<Reply> }).benchRun(r), request);
      const { result, busy, cpu } = await timedShares(clock, run);
      return { ...result, busy, cpu };
    },
  };
}

async function main() {
  await build({ root, logLevel: 'error' });
  const worker = readdirSync(join(dist, 'assets')).find((f) => /^gguf\.worker-.*\.js$/.test(f));
  if (!worker) throw new Error('no GGUF worker in dist/assets');
  const modelDir = mkdtempSync(join(tmpdir(), 'bench-stream-'));
  const { server, url } = await serve(modelDir, `/assets/${worker}`);
  const browser = await chromium.launch({ executablePath: systemChromium, args: chromiumArgs });
  const over: string[] = [];
  try {
    for (const model of makeModels(modelDir)) {
      const modelUrl = `${url}/bench-models/${model.name}.gguf`;
      const app = await appArm(browser, url, modelUrl);
      const bare = await workerArm(browser, url, modelUrl);
      // one answer each first: compiles the wasm paths and fills llama.cpp's prompt cache in both arms alike
      await app.run();
      await bare.run();
      const decode: number[] = [];
      const lastToken: number[] = [];
      const busy: number[] = [];
      const cpu: number[] = [];
      const bareBusy: number[] = [];
      let tokens = 0;
      for (let i = 0; i < PAIRS; i++) {
        const order = i % 2 ? [bare, app] : [app, bare];
        const [first, second] = [await order[0].run(), await order[1].run()];
        const [a, w] = i % 2 ? [second, first] : [first, second];
        decode.push(a.decode / w.decode);
        lastToken.push(a.lastTokenMs / w.lastTokenMs);
        busy.push(a.busy);
        cpu.push(a.cpu);
        bareBusy.push(w.busy);
        tokens = a.tokens;
      }
      const d = median(decode);
      const l = median(lastToken);
      const b = median(busy);
      console.log(`${model.name} (${(readFileSync(model.file).length / 1e6).toFixed(1)} MB, ${tokens} tokens, ${PAIRS} pairs):`);
      console.log(
        `  decode tokens/s, app ÷ worker: median ${d.toFixed(3)} [${decode.map((x) => x.toFixed(2)).join(', ')}] (budget ≥ ${BUDGET.decode})`,
      );
      console.log(
        `  click → last token, app ÷ worker: median ${l.toFixed(3)} [${lastToken.map((x) => x.toFixed(2)).join(', ')}] (budget ≤ ${BUDGET.lastToken})`,
      );
      console.log(
        `  main-thread busy during the answer: median ${(b * 100).toFixed(1)} % (budget ≤ ${BUDGET.busy * 100} %); its CPU time: median ${(median(cpu) * 100).toFixed(1)} %; the bare page's busy share: median ${(median(bareBusy) * 100).toFixed(1)} %`,
      );
      if (d < BUDGET.decode) over.push(`${model.name} decode`);
      if (l > BUDGET.lastToken) over.push(`${model.name} last token`);
      if (b > BUDGET.busy) over.push(`${model.name} main-thread busy`);
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(modelDir, { recursive: true, force: true });
  }
  reportBudgets(over);
}

runBench(main);
