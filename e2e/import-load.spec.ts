import { expect, test, type Page } from '@playwright/test';
import { chromiumArgs, systemChromium } from './support/browser';
import { createHash } from 'node:crypto';
import { expectedKeys, mlcFiles, TARGET_ID, writeFolder } from './support/mlc-folder';
import { cacheKeys, controlledByServiceWorker, openStorage } from './support/pwa';

// SwiftShader's WebGPU adapter, so a WebLLM load gets past the GPU check and asks for its files
test.use({ launchOptions: { executablePath: systemChromium, args: [...chromiumArgs, '--enable-unsafe-webgpu'] } });

const withoutDirectoryPicker = (page: Page) =>
  page.addInitScript(() => delete (window as { showDirectoryPicker?: unknown }).showDirectoryPicker);

async function importFolder(page: Page, folder: string) {
  await openStorage(page);
  await page.getByTestId('import-folder-input').setInputFiles(folder);
  await page.getByTestId('import-store').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await page.getByTestId('storage-close').click();
}

test('touches no network: every non-local request is blocked and the network is off', async ({ page, context }, info) => {
  const folder = writeFolder(info.outputPath(), 'taiyi-q4f32_1', mlcFiles());
  const foreign: string[] = [];
  await context.route(
    (url) => !['localhost', '127.0.0.1'].includes(url.hostname),
    (route) => {
      foreign.push(route.request().url());
      return route.abort();
    },
  );
  const violations: string[] = [];
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
  await withoutDirectoryPicker(page);
  await page.goto('./?lang=en');
  await controlledByServiceWorker(page);
  await importFolder(page, folder);

  const modelRequests: string[] = [];
  page.on('requestfailed', (r) => r.url().includes('/models/') && modelRequests.push(`${r.url()} ${r.failure()?.errorText}`));
  await context.setOffline(true);
  await page.getByTestId('model-select').selectOption(TARGET_ID);
  await page.getByTestId('model-load').click();
  // the synthetic library is no real model: WebLLM fails to compile it, which it can only do after reading the
  // config and the library, the files it fetches before it needs the GPU; none came from the network
  const error = page.getByTestId('model-error');
  await expect(error).toHaveAttribute('data-code', 'bad-model-file', { timeout: 30_000 });
  expect(modelRequests).toEqual([]);
  expect(foreign).toEqual([]);
  expect(violations).toEqual([]); // WebLLM's client in the page compiles nothing; its worker may
});

test('registry hashes: an import that does not match is refused, a cached copy that does not match stops the load', async ({
  page,
}, info) => {
  const files = mlcFiles();
  const otherConfig = `sha256-${createHash('sha256').update('another build').digest('base64')}`;
  // the first visit is not controlled by the service worker, so the page's own request can be answered here
  await page.route('**/models.json', async (route) => {
    const registry = (await (await route.fetch()).json()) as { models: { id: string; integrity?: unknown }[] };
    registry.models.find((m) => m.id === TARGET_ID)!.integrity = { config: otherConfig };
    await route.fulfill({ json: registry });
  });
  await withoutDirectoryPicker(page);
  await page.goto('./?lang=en');
  await openStorage(page);
  await page.getByTestId('import-folder-input').setInputFiles(writeFolder(info.outputPath(), 'taiyi-q4f32_1', files));
  await expect(page.locator('[data-testid="import-issue"][data-code="integrity"]')).toContainText('mlc-chat-config.json');
  await expect(page.getByTestId('import-store')).toHaveCount(0);
  expect(await cacheKeys(page)).toEqual({});
  await page.getByTestId('storage-close').click();

  // a copy that got into the caches some other way (an earlier download, since changed on the host)
  const keys = expectedKeys(page.url(), files);
  await page.evaluate(
    async ({ keys, files }) => {
      for (const [scope, urls] of Object.entries(keys)) {
        const cache = await caches.open(scope);
        for (const url of urls) {
          const name = url.endsWith('.wasm') ? Object.keys(files).find((f) => f.endsWith('.wasm'))! : url.split('/').pop()!;
          await cache.put(url, new Response(new Uint8Array(files[name]!)));
        }
      }
    },
    { keys, files: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [...v]])) },
  );
  await page.getByTestId('model-select').selectOption(TARGET_ID);
  await page.getByTestId('model-load').click();
  await expect(page.getByTestId('model-error')).toHaveAttribute('data-code', 'integrity', { timeout: 30_000 });
  await expect(page.getByTestId('model-error')).toContainText('did not match its expected checksum');
  // the mismatching copy is dropped, so trying again fetches it afresh
  expect((await cacheKeys(page))['webllm/config']).toEqual([]);
});
