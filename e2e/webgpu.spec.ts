import { expect, test } from '@playwright/test';
import { chromiumArgs, systemChromium } from './support/browser';

// SwiftShader's WebGPU adapter: real, CPU-backed, without shader-f16.
test.use({ launchOptions: { executablePath: systemChromium, args: [...chromiumArgs, '--enable-unsafe-webgpu'] } });

test('the hardware panel shows the real adapter, without shader-f16', async ({ page }) => {
  await page.goto('./?lang=en');
  const panel = page.getByTestId('hardware-panel');
  await panel.locator('summary').click();
  await expect(panel).toContainText('available');
  await expect(page.getByTestId('hw-adapter')).not.toBeEmpty();
  await expect(page.getByTestId('hw-shader-f16')).toHaveText('no');
  await expect(page.getByTestId('no-webgpu')).toHaveCount(0);
});

test('a WebLLM model whose address is unreachable fails with the network message within seconds', async ({ page }) => {
  await page.goto('./?lang=en');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'idle');
  const started = Date.now();
  // port 9 (discard) has no listener here: the connection is refused
  await page.goto(`./?lang=en&engine=webllm&model=${encodeURIComponent('http://127.0.0.1:9/unreachable-model/resolve/main/')}`);
  await expect(page.getByTestId('model-error')).toHaveAttribute('data-code', 'network', { timeout: 10_000 });
  expect(Date.now() - started).toBeLessThan(10_000);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'error');
});

test('the shipped Taiyi entry, with no files hosted, says the files could not be downloaded', async ({ page }) => {
  await page.goto('./?lang=en&model=taiyi-llm-q4f32_1');
  await expect(page.getByTestId('model-error')).toHaveAttribute('data-code', 'network', { timeout: 10_000 });
});

test('a q4f16_1 build on a GPU without shader-f16 is refused before anything is downloaded', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('./?lang=en&model=taiyi-llm-q4f16_1');
  await expect(page.getByTestId('model-error')).toHaveAttribute('data-code', 'shader-f16-missing');
  expect(requests.filter((u) => u.includes('taiyi-llm-q4f16_1/'))).toEqual([]);
});
