/**
 * WebGPU failures on a GPU that WebGPU can use (SwiftShader, CPU-backed): a model the GPU's limits cannot hold, and
 * a worker without WebGPU under a page that has it. Each says why in the user's language and keeps the typed text.
 */
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { chromiumArgs, systemChromium } from './support/browser';
import { LOAD_TIMEOUT, loadSelected, modelRequests, openWithRegistry, TYPED, webllmTestEntry, withoutWebgpu } from './support/failure-page';
import { startModelServer, type ModelServer } from './support/model-server';

test.use({
  launchOptions: { executablePath: systemChromium, args: [...chromiumArgs, '--enable-unsafe-webgpu'] },
  // a worker script must reach the routes below, not a cached copy
  serviceWorkers: 'block',
});

let server: ModelServer;
test.beforeAll(async () => {
  server = await startModelServer({ root: join(import.meta.dirname, '.fixtures') });
});
test.afterAll(async () => server.close());

const error = (page: Page) => page.getByTestId('model-error');
const webllmEntry = (id: string, extra?: Record<string, unknown>) => webllmTestEntry(server.url, id, extra);

test("a model needing a larger buffer than the GPU's is refused with the buffer-limit message before any download", async ({
  page,
  context,
}) => {
  const requests = modelRequests(context, 'big-buffer');
  await openWithRegistry(page, [webllmEntry('big-buffer', { buffer_size_required_bytes: 2 ** 31 })], '');
  await loadSelected(page, 'big-buffer');
  await expect(error(page)).toHaveAttribute('data-code', 'buffer-limit', { timeout: LOAD_TIMEOUT });
  await expect(error(page)).toContainText("Your GPU's largest buffer is too small for this model");
  await expect(page.getByTestId('task-input')).toHaveValue(TYPED);
  expect(requests).toEqual([]);
});

test('WebGPU in the page but not in the engine worker: the worker’s own probe gives the no-webgpu message', async ({ page }) => {
  await withoutWebgpu(page, false);
  await openWithRegistry(page, [webllmEntry('gpu-model')], '');
  // the page itself has WebGPU and an adapter
  await page.getByTestId('hardware-panel').locator('summary').click();
  await expect(page.getByTestId('hw-adapter')).not.toBeEmpty();
  await expect(page.getByTestId('no-webgpu')).toHaveCount(0);
  await loadSelected(page, 'gpu-model');
  await expect(error(page)).toHaveAttribute('data-code', 'no-webgpu', { timeout: LOAD_TIMEOUT });
  await expect(error(page)).toContainText('This browser has no WebGPU');
  await expect(page.getByTestId('task-input')).toHaveValue(TYPED);
});
