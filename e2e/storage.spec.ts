import { expect, test, type Page } from '@playwright/test';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { expectedKeys, mlcFiles, TARGET_ID, writeFolder } from './support/mlc-folder';
import { startAppServer, type AppServer } from './support/app-server';
import { startModelServer, type ModelServer } from './support/model-server';
import { cacheKeys, openStorage, shownUsage } from './support/pwa';

const fixtures = join(import.meta.dirname, '.fixtures');
let server: ModelServer;
/** Serves web-llm's own bundle, so a test can ask the library itself what it finds in the cache. */
let webllmLib: AppServer;

test.beforeAll(async () => {
  server = await startModelServer({ root: fixtures });
  webllmLib = await startAppServer(join(import.meta.dirname, '..', 'node_modules', '@mlc-ai', 'web-llm', 'lib'), {
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  });
});
test.afterAll(async () => {
  await server.close();
  await webllmLib.close();
});

const status = (page: Page) => page.getByTestId('model-status');

/** Takes away the directory picker, leaving `<input webkitdirectory>` (as in browsers without the picker). */
const withoutDirectoryPicker = (page: Page) =>
  page.addInitScript(() => delete (window as { showDirectoryPicker?: unknown }).showDirectoryPicker);

async function importFolder(page: Page, folder: string) {
  await page.getByTestId('import-folder-input').setInputFiles(folder);
  await expect(page.getByTestId('import-report')).toBeVisible();
}

test('a downloaded GGUF model is listed with its size, and deleting it unloads it and frees the space', async ({ page }) => {
  test.setTimeout(240_000); // two model loads on a busy machine
  const model = `${server.url}/tiny-llama.gguf`;
  await page.goto(`./?lang=en&model=${encodeURIComponent(model)}`);
  await expect(status(page)).toHaveAttribute('data-state', 'ready', { timeout: 150_000 });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined)); // precaching done: usage settles
  // and the engine's code, kept once it has run, is in: its megabytes must not land in the middle of the figures
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const kept = (await (await caches.open('taiyi-engines')).keys()).map((r) => r.url);
        return kept.some((u) => /gguf\.worker[^/]*\.js$/.test(u)) && kept.some((u) => /wllama[^/]*\.wasm$/.test(u));
      }),
    )
    .toBe(true);
  await openStorage(page);
  const row = page.locator(`[data-testid="stored-model"][data-address="${model}"]`);
  await expect(row).toHaveAttribute('data-bytes', String(statSync(join(fixtures, 'tiny-llama.gguf')).size));
  await expect(row).toHaveAttribute('data-complete', 'true');
  const before = await shownUsage(page);

  await row.getByTestId('stored-model-delete').click();
  // one model is deleted only once the user says yes
  await expect(row.getByRole('group')).toContainText('must be downloaded or imported again');
  await page.waitForTimeout(300);
  await expect(row).toHaveCount(1);
  await row.getByTestId('stored-model-delete-confirm').click();
  await expect(row).toHaveCount(0);
  // the deleted model no longer answers: it was unloaded before its files went
  await expect(status(page)).toHaveAttribute('data-state', 'idle');
  await expect
    .poll(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      return shownUsage(page);
    })
    .toBeLessThanOrEqual(before - 500_000);
  // the engine no longer finds it: the next load downloads again
  const served = server.requests.filter((r) => r.path === '/tiny-llama.gguf').length;
  await page.getByTestId('storage-close').click();
  await expect(page.getByTestId('model-unload')).toHaveCount(0);
  await page.getByTestId('model-load').click();
  await expect(status(page)).toHaveAttribute('data-state', 'ready', { timeout: 150_000 });
  expect(server.requests.filter((r) => r.path === '/tiny-llama.gguf').length).toBeGreaterThan(served);
});

test('an MLC folder is imported under exactly the URLs its registry entry resolves to', async ({ page }, info) => {
  const files = mlcFiles();
  const folder = writeFolder(info.outputPath(), 'taiyi-q4f32_1', files);
  await withoutDirectoryPicker(page);
  await page.goto('./?lang=en');
  await openStorage(page);
  await importFolder(page, folder);
  await expect(page.getByTestId('import-target')).toHaveValue(TARGET_ID);
  await expect(page.getByTestId('import-no-issues')).toBeVisible();
  await page.getByTestId('import-store').click();
  await expect(page.getByTestId('import-done')).toBeVisible();

  expect(await cacheKeys(page)).toEqual(expectedKeys(page.url(), files));
  const row = page.locator(`[data-testid="stored-model"][data-complete="true"]`).filter({ hasText: 'q4f32_1' });
  await expect(row).toHaveCount(1);
});

test.describe('web-llm itself', () => {
  // the library is imported from the test server, which the page's policy (rightly) does not allow
  test.use({ bypassCSP: true });

  test('finds an imported folder in its cache', async ({ page }, info) => {
    const folder = writeFolder(info.outputPath(), 'taiyi-q4f32_1', mlcFiles());
    await withoutDirectoryPicker(page);
    await page.goto('./?lang=en');
    await openStorage(page);
    await importFolder(page, folder);
    await page.getByTestId('import-store').click();
    await expect(page.getByTestId('import-done')).toBeVisible();
    const found = await page.evaluate(
      async ({ lib, id }) => {
        // eslint-disable-next-line @typescript-eslint/consistent-type-imports -- the page loads the library; the spec only names its type
        const webllm = (await import(/* @vite-ignore */ lib)) as typeof import('@mlc-ai/web-llm');
        const registry = (await (await fetch('models.json')).json()) as { models: { id: string; url: string; model_lib: string }[] };
        const entry = registry.models.find((m) => m.id === id)!;
        const record = {
          model_id: id,
          model: new URL(`models/${entry.url}`, location.href).href,
          model_lib: new URL(`models/${entry.model_lib}`, location.href).href,
        };
        return webllm.hasModelInCache(id, { model_list: [record] });
      },
      { lib: `${webllmLib.url}/index.js`, id: TARGET_ID },
    );
    expect(found).toBe(true);
  });
});

test('a broken folder, or another model’s, is reported and nothing is written', async ({ page }, info) => {
  const broken = mlcFiles();
  delete broken['params_shard_1.bin'];
  broken['params_shard_0.bin'] = broken['params_shard_0.bin']!.slice(0, 1000);
  broken['notes.txt'] = new TextEncoder().encode('not part of the build');
  const other = mlcFiles(); // a q4f32_1 build offered as the q4f16_1 entry below
  await withoutDirectoryPicker(page);
  await page.goto('./?lang=en');
  await openStorage(page);

  await importFolder(page, writeFolder(info.outputPath(), 'broken', broken));
  const codes = () => page.getByTestId('import-issue').evaluateAll((els) => els.map((e) => `${e.dataset.severity}:${e.dataset.code}`));
  await expect.poll(codes).toEqual(expect.arrayContaining(['error:shard-missing', 'error:shard-size', 'warning:file-extra']));
  await expect(page.getByTestId('import-store')).toHaveCount(0);

  await importFolder(page, writeFolder(info.outputPath(), 'other', other));
  await page.getByTestId('import-target').selectOption('taiyi-llm-q4f16_1');
  await expect.poll(codes).toContain('error:other-model');
  await expect(page.getByTestId('import-store')).toHaveCount(0);
  expect(await cacheKeys(page)).toEqual({});
});

test('the directory picker path reads a folder handle', async ({ page }) => {
  const files = mlcFiles();
  await page.goto('./?lang=en');
  // stand in for the native dialog: a folder in the page's private file system, with the same files
  await page.evaluate(
    async (files) => {
      const root = await navigator.storage.getDirectory();
      const dir = await (await root.getDirectoryHandle('picked', { create: true })).getDirectoryHandle('taiyi-q4f32_1', { create: true });
      for (const [name, bytes] of Object.entries(files)) {
        const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
        await writable.write(new Uint8Array(bytes));
        await writable.close();
      }
      (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () => dir;
    },
    Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [...v]])),
  );
  await openStorage(page);
  await page.getByTestId('import-folder-pick').click();
  await expect(page.getByTestId('import-target')).toHaveValue(TARGET_ID);
  await page.getByTestId('import-store').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  expect(await cacheKeys(page)).toEqual(expectedKeys(page.url(), files));
});

test('a download that cannot fit is refused before it starts, with the sizes', async ({ page }) => {
  // larger than any quota a browser gives a site in a test profile
  const huge = {
    id: 'huge',
    label: 'Huge model',
    engine: 'gguf',
    url: `${server.url}/tiny-llama.gguf`,
    size_MB: 10_000_000,
    quantization: 'F32',
    context_window_size: 256,
    prompt_format: 'native',
    languages: ['en'],
  };
  await page.route('**/models.json', (route) => route.fulfill({ json: { models: [huge] } }));
  await page.goto('./?lang=en&model=huge');
  const error = page.getByTestId('model-error');
  await expect(error).toHaveAttribute('data-code', 'quota');
  await expect(error).toContainText('Private windows allow only a little storage');
  await error.locator('summary').click();
  await expect(error).toContainText(/needs about 9765\.63 GB of storage; the browser lets this site store [\d.]+ GB more/);
  // only the quick look at the file happened: nothing was downloaded into storage
  await openStorage(page);
  await expect(page.getByTestId('stored-models-empty')).toBeVisible();
});
