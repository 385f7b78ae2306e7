/**
 * The first minute on a site: the registry's models are checked at start, the ones this site does not host are
 * marked before anyone presses Load, and the page's choice falls on one that is there.
 */
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { startModelServer, type ModelServer } from './support/model-server';

const fixtures = join(import.meta.dirname, '.fixtures');
let server: ModelServer;

test.beforeAll(async () => {
  server = await startModelServer({ root: fixtures });
});
test.afterAll(async () => server.close());

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
  // the hosted file answers late, so the page is seen usable before every check is back
  const hosted = `${server.url}/__delay/2500/tiny-llama.gguf`;
  await page.route('**/models.json', (route) =>
    route.fulfill({
      json: {
        models: [
          entry('absent-webgpu', 'webllm', `${server.url}/__404/absent/resolve/main/`),
          entry('absent-cpu', 'gguf', `${server.url}/spa/absent.gguf`),
          entry('hosted-cpu', 'gguf', hosted),
        ],
      },
    }),
  );
  // a single-page host answers a missing file with its index page
  await page.route(`${server.url}/spa/**`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><p>Home</p>' }));
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
  // one small request: no weights were downloaded
  const asked = server.requests.filter((r) => r.path.endsWith('tiny-llama.gguf'));
  expect(asked.map((r) => r.method)).toEqual(['HEAD']);

  await select.selectOption('absent-cpu');
  const notice = page.getByTestId('model-not-hosted');
  await expect(notice).toContainText('not hosted on this site');
  await expect(page.getByTestId('model-hosting-docs')).toHaveAttribute('href', /models\.md$/);
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
