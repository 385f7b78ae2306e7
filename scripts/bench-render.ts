/**
 * `npm run bench:render`: builds a small page around the real HighlightedText, opens it in headless
 * Chromium and prints the time to render 5,000 highlighted mentions over 100 KB of text and draw the first frame
 * of them (style, layout and paint): the first (cold) render, which is what a user waits for when a result
 * appears, and the median of the warm ones.
 * Budget: 100 ms for each. Exits non-zero when either exceeds it.
 */
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium } from '@playwright/test';
import { chromiumArgs, systemChromium } from '../e2e/support/browser';

const BUDGET_MS = 100;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const CHARS = 100_000;
const MENTIONS = 5_000;

const root = join(import.meta.dirname, 'bench-render');
const out = mkdtempSync(join(tmpdir(), 'bench-render-'));
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const middle = (sorted: readonly number[]) => sorted[Math.floor(sorted.length / 2)];

async function main() {
  await build({ root, base: './', logLevel: 'error', plugins: [react()], build: { outDir: out, emptyOutDir: true } });
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '');
    const file = join(out, path === '/' ? 'index.html' : path);
    if (!file.startsWith(out) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const browser = await chromium.launch({ executablePath: systemChromium, args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => typeof window.runBench === 'function');
    const { times, react, filled, marks, chars } = await page.evaluate(([r, c, m]) => window.runBench(r, c, m), [
      RUNS,
      CHARS,
      MENTIONS,
    ] as const);
    const sorted = [...times].sort((a, b) => a - b);
    const median = middle(sorted);
    console.log(`render ${marks} highlighted mentions over ${(chars / 1000).toFixed(0)} KB of text (headless Chromium, ${RUNS} runs)`);
    const cold = times[0];
    console.log(`  min ${sorted[0].toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`);
    const reactMedian = middle([...react].sort((a, b) => a - b));
    console.log(
      `  of which render, commit and building the marks: first ${react[0].toFixed(1)} ms, median ${reactMedian.toFixed(1)} ms; the rest is style, layout and paint`,
    );
    const filledMedian = middle([...filled].sort((a, b) => a - b));
    console.log(
      `  every highlight drawn (the text comes in a few blocks at a time): first ${filled[0].toFixed(1)} ms, median ${filledMedian.toFixed(1)} ms`,
    );
    console.log(`first (cold) render ${cold.toFixed(1)} ms (budget ${BUDGET_MS} ms): ${cold <= BUDGET_MS ? 'ok' : 'OVER BUDGET'}`);
    console.log(`median ${median.toFixed(1)} ms (budget ${BUDGET_MS} ms): ${median <= BUDGET_MS ? 'ok' : 'OVER BUDGET'}`);
    if (marks !== MENTIONS) throw new Error(`expected ${MENTIONS} highlighted mentions, found ${marks}`);
    process.exitCode = median <= BUDGET_MS && cold <= BUDGET_MS ? 0 : 1;
  } finally {
    await browser.close();
    server.close();
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
