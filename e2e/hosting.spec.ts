/**
 * The first minute on a site: the registry's models are checked at start, the ones this site does not host are
 * marked before anyone presses Load, and the page's choice falls on one that is there.
 */
import { expect, test } from '@playwright/test';
import { chromiumArgs, systemChromium } from './support/browser';

// SwiftShader's WebGPU adapter, so the WebLLM entry is one this device could run: one it cannot run is not asked
// (webgpu.spec.ts)
test.use({ launchOptions: { executablePath: systemChromium, args: [...chromiumArgs, '--enable-unsafe-webgpu'] } });
const entry = (id: string, engine: 'gguf' | 'webllm', url: string) => ({
  id,
  label: id,
  engine,
  url,
  ...(engine === 'webllm' ? { model_lib: `${url}lib.wasm` } : {}),
  quantization: 'Q8_0',
  context_window_size: 256,
  prompt_format: 'native',
  languages: ['en'],
});

test('models this site does not host are marked at start, and a hosted one is chosen', async ({ page }) => {
  // relative addresses: the site's own model folder (models/ beside the page), answered here as a static host would
  await page.route('**/models.json', (route) =>
    route.fulfill({
      json: {
        models: [
          entry('absent-webgpu', 'webllm', 'absent/resolve/main/'),
          entry('absent-cpu', 'gguf', 'spa/absent.gguf'),
          entry('hosted-cpu', 'gguf', 'hosted/tiny.gguf'),
          // another host is not asked when the page opens
          entry('elsewhere', 'gguf', 'http://127.0.0.1:9/elsewhere.gguf'),
        ],
      },
    }),
  );
  const asked: string[] = [];
  await page.route('**/models/**', async (route) => {
    const { pathname } = new URL(route.request().url());
    asked.push(`${route.request().method()} ${pathname}`);
    if (pathname.endsWith('/hosted/tiny.gguf')) {
      // answers late, so the page is seen usable before every check is back
      await new Promise((r) => setTimeout(r, 2500));
      return route.fulfill({ status: 200, contentType: 'application/octet-stream', headers: { 'Content-Length': '4096' }, body: '' });
    }
    // a single-page host answers a missing file with its index page
    if (pathname.includes('/spa/')) return route.fulfill({ contentType: 'text/html', body: '<!doctype html><p>Home</p>' });
    return route.fulfill({ status: 404, body: 'not found' });
  });
  const elsewhere: string[] = [];
  page.on('request', (r) => r.url().includes('127.0.0.1:9') && elsewhere.push(r.url()));
  await page.goto('./?lang=en');

  const select = page.getByTestId('model-select');
  await expect(select.locator('option[value="absent-webgpu"]')).toHaveAttribute('data-hosting', 'missing');
  await expect(select.locator('option[value="absent-cpu"]')).toHaveAttribute('data-hosting', 'missing');
  // first render did not wait for the checks: the hosted one is still unanswered, and the picker works
  await expect(select.locator('option[value="hosted-cpu"]')).not.toHaveAttribute('data-hosting', /.+/);
  await expect(select).toBeEnabled();
  await expect(select.locator('option[value="absent-cpu"]')).toContainText('not hosted here');

  await expect(select.locator('option[value="hosted-cpu"]')).toHaveAttribute('data-hosting', 'hosted');
  await expect(select).toHaveValue('hosted-cpu');
  await expect(page.getByTestId('model-not-hosted')).toHaveCount(0);
  // one small request each, no weights downloaded, and nothing asked of the other host
  expect(asked.sort()).toEqual([
    'HEAD /models/absent/resolve/main/mlc-chat-config.json',
    'HEAD /models/hosted/tiny.gguf',
    'HEAD /models/spa/absent.gguf',
  ]);
  expect(elsewhere).toEqual([]);
  await expect(select.locator('option[value="elsewhere"]')).not.toHaveAttribute('data-hosting', /.+/);

  await select.selectOption('absent-cpu');
  const notice = page.getByTestId('model-not-hosted');
  await expect(notice).toContainText('not hosted on this site');
  await expect(page.getByTestId('model-hosting-docs')).toHaveAttribute('href', /models\.md$/);
  // the mark and the notice fit a phone's width
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  // the user's choice stays theirs
  await page.waitForTimeout(300);
  await expect(select).toHaveValue('absent-cpu');
});

test('the shipped models are checked without a request the page policy blocks', async ({ page }) => {
  const blocked: string[] = [];
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && blocked.push(m.text()));
  await page.goto('./?lang=zh');
  // the default deployment hosts no Taiyi build: the same-origin ones are marked, in the page's language
  const select = page.getByTestId('model-select');
  await expect(select.locator('option[value="taiyi-llm-q2_k-gguf"]')).toHaveAttribute('data-hosting', 'missing');
  await expect(select.locator('option[value="taiyi-llm-q2_k-gguf"]')).toContainText('本站未托管');
  expect(blocked).toEqual([]);
});
