import { expect, test, type Page } from '@playwright/test';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { startModelServer, type ModelServer } from './support/model-server';
import { startAppServer } from './support/app-server';
import { controlledByServiceWorker, openStorage } from './support/pwa';

const fixtures = join(import.meta.dirname, '.fixtures');
const tiny = join(fixtures, 'tiny-llama.gguf');
let server: ModelServer;

test.beforeAll(async () => {
  server = await startModelServer({ root: fixtures });
});
test.afterAll(async () => server.close());

const status = (page: Page) => page.getByTestId('model-status');

async function runOnce(page: Page) {
  await page.getByTestId('settings-max-tokens').fill('8');
  await page.getByTestId('task-input').fill('The patient');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('run-stats')).toBeVisible();
  await expect(page.getByTestId('output-raw')).not.toBeEmpty();
}

test('after one visit, the page and a GGUF model work with the network off', async ({ page, context }) => {
  // written out as people type it: a navigation whose query holds a file URL is still a visit to the page
  await page.goto(`./?lang=en&model=${server.url}/tiny-llama.gguf`);
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  // the first visit is not controlled by the service worker; once it is active (and has the model list), the next
  // navigation is
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(async () => !!(await caches.match('models.json')))).toBe(true);
  // the engine is not precached: it was kept because it was used, and only it (WebLLM was never asked for)
  await expect.poll(() => engineFiles(page)).toEqual(['gguf.worker.js', 'wllama.wasm']);

  const served = server.requests.length;
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
  await context.setOffline(true);
  await page.reload();
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await expect(page.getByTestId('model-select')).toContainText('Taiyi'); // the model list came from the cache
  await runOnce(page);
  await openStorage(page);
  await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready');
  expect(server.requests.length).toBe(served); // the model host heard nothing
  expect(failed).toEqual([]);
});

/** The engine files the page's caches hold, by kind. */
async function engineFiles(page: Page): Promise<string[]> {
  const urls = await page.evaluate(async () => {
    const all: string[] = [];
    for (const name of await caches.keys()) all.push(...(await (await caches.open(name)).keys()).map((r) => r.url));
    return all;
  });
  const kinds = urls.map((u) => /(gguf\.worker|webllm\.worker|wllama)[^/]*\.(js|wasm)/.exec(u)).filter((m) => !!m);
  return [...new Set(kinds.map((m) => `${m[1]}.${m[2]}`))].sort();
}

test('a first visit downloads no engine until a model is loaded', async ({ page }) => {
  const engines: string[] = [];
  page.on('request', (r) => /\.worker-|\.wasm/.test(r.url()) && engines.push(r.url()));
  await page.goto('./?lang=en');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await openStorage(page);
  await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready');
  expect(engines).toEqual([]);
  expect(await engineFiles(page)).toEqual([]);
});

test('a GGUF file picked once is kept for the next visit, offline too', async ({ page, context }) => {
  await page.goto('./?lang=en');
  await page.getByText('Add a model').click();
  await page.getByTestId('model-file-input').setInputFiles(tiny);
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await openStorage(page);
  const kept = page.getByTestId('stored-model').filter({ hasText: 'kept from your files' });
  await expect(kept).toHaveAttribute('data-bytes', String(statSync(tiny).size));
  // the engine's code is kept once it has run (as on any first visit); the next visit needs it offline
  await expect.poll(() => engineFiles(page)).toEqual(['gguf.worker.js', 'wllama.wasm']);

  await controlledByServiceWorker(page);
  await context.setOffline(true);
  await page.reload();
  // nothing picked on this visit: the entry comes from the kept copy
  const id = `local:tiny-llama.gguf:${statSync(tiny).size}`;
  await page.getByTestId('model-select').selectOption(id);
  await page.getByTestId('model-load').click();
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await runOnce(page);
});

test('a new deployment is announced, and taken only when the user agrees', async ({ page }) => {
  const app = await startAppServer(join(import.meta.dirname, '..', 'dist'));
  try {
    await page.goto(`${app.url}/?lang=en`);
    await controlledByServiceWorker(page);
    await expect(page.getByTestId('update-available')).toHaveCount(0);

    // the next deployment: a service worker script that differs by a comment
    const current = await (await fetch(`${app.url}/sw.js`)).text();
    app.override('/sw.js', `${current}\n// next deployment\n`);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    await expect(page.getByTestId('update-available')).toBeVisible();
    // nothing switched by itself: the page still runs the old version, the new one waits
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r?.waiting))).toBe(true);

    const reloaded = page.waitForEvent('load');
    await page.getByTestId('update-reload').click();
    await reloaded;
    await expect(page.getByTestId('model-status')).toBeVisible();
    await expect(page.getByTestId('update-available')).toHaveCount(0);
    const after = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return { waiting: !!registration?.waiting, controlled: navigator.serviceWorker.controller !== null };
    });
    expect(after).toEqual({ waiting: false, controlled: true });
  } finally {
    await app.close();
  }
});
