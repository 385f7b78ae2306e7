/**
 * `npm run bench:batch`: a 50-document entity job with the tiny Taiyi model in headless Chromium. Prints
 * documents per minute, the queue's overhead (the job's wall time against the sum of the engine's own
 * generation times; goal at most 3%) and the page's main-thread long tasks during the job (goal: none over 50 ms).
 * Needs `../shared/fixtures/tiny-taiyi.gguf` and the BC5CDR sample; says so and stops when they are absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'vite';
import { chromium } from '@playwright/test';
import { chromiumArgs, systemChromium } from '../e2e/support/browser';
import { previewApp, runBench } from './lib/bench';
import { startModelServer } from '../e2e/support/model-server';
import { fromPubTator } from '../src/core/formats/pubtator';
import { splitSentences } from '../src/core/chunk';
import { dataPath } from '../test-data/index.ts';

const DOCS = 50;
const MAX_TOKENS = 16;
const root = join(import.meta.dirname, '..');
const model = dataPath('fixtures/tiny-taiyi.gguf');
const sample = dataPath('benchmarks/bc5cdr/CDR_TestSet.sample.PubTator.txt');

/** 50 documents: sentences of the BC5CDR sample's abstracts, one per document. */
function documents(): string[] {
  const texts = fromPubTator(readFileSync(sample, 'utf8')).documents.flatMap((d) => splitSentences(d.text).map((s) => s.text.trim()));
  return texts.filter((t) => t.length > 60).slice(0, DOCS);
}

interface StoredJob {
  total: number;
  counts: Record<string, number>;
  totals: { generationMs: number; completionTokens: number };
  elapsedMs: number;
}

async function main() {
  const missing = [model, sample].filter((p) => !existsSync(p));
  if (missing.length) {
    console.log(`bench:batch skipped: ${missing.join(' and ')} absent`);
    return;
  }
  const docs = documents();
  if (docs.length < DOCS) throw new Error(`the sample gave only ${docs.length} documents`);
  await build({ root, logLevel: 'error' });
  const { url, close: closeApp } = await previewApp(root);
  const models = await startModelServer({ root: dirname(model) });
  const browser = await chromium.launch({ executablePath: systemChromium, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: { start: number; duration: number }[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${url}?lang=en&task=batch&model=${encodeURIComponent(`${models.url}/tiny-taiyi.gguf`)}`);
    await page.getByTestId('model-status').and(page.locator('[data-state="ready"]')).waitFor({ timeout: 300_000 });
    await page.locator('.task-settings summary').click();
    await page.getByTestId('settings-max-tokens').fill(String(MAX_TOKENS));
    await page.getByTestId('batch-paste').fill(docs.join('\n\n'));
    await page.getByTestId('batch-paste-add').click();
    await page.locator(`[data-testid="batch-draft"][data-count="${DOCS}"]`).waitFor();
    const t0 = await page.evaluate(() => performance.now());
    await page.getByTestId('batch-start').click();
    await page.locator('[data-testid="batch-progress"][data-state="done"]').waitFor({ timeout: 1_800_000 });
    const t1 = await page.evaluate(() => performance.now());
    const job = await page.evaluate(
      () =>
        new Promise<StoredJob>((resolve, reject) => {
          const open = indexedDB.open('taiyi-jobs');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction('jobs').objectStore('jobs').getAll();
            req.onsuccess = () =>
              resolve((req.result as (StoredJob & { createdAt: number })[]).sort((a, b) => b.createdAt - a.createdAt)[0]);
            req.onerror = () => reject(req.error);
          };
        }),
    );
    const longTasks = (
      await page.evaluate(() => (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks)
    ).filter((t) => t.start >= t0 && t.start <= t1);
    const wall = job.elapsedMs;
    const generation = job.totals.generationMs;
    const overhead = wall > 0 ? ((wall - generation) / wall) * 100 : 0;
    const over50 = longTasks.filter((t) => t.duration > 50);
    console.log(`documents: ${job.counts.done} done, ${job.counts.failed} failed of ${job.total}`);
    console.log(
      `throughput: ${((job.counts.done + job.counts.failed) / (wall / 60000)).toFixed(1)} documents/minute (${job.totals.completionTokens} tokens generated)`,
    );
    console.log(
      `queue overhead: ${overhead.toFixed(2)}% (job wall time ${(wall / 1000).toFixed(2)} s vs engine generation ${(generation / 1000).toFixed(2)} s; goal <= 3%)`,
    );
    console.log(
      `main-thread long tasks during the job: ${longTasks.length} (${over50.length} over 50 ms, longest ${Math.max(0, ...longTasks.map((t) => t.duration)).toFixed(0)} ms; goal: none over 50 ms)`,
    );
  } finally {
    await browser.close();
    await models.close();
    await closeApp();
  }
}

runBench(main);
