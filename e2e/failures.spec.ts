/**
 * The failure paths a hostile or unlucky day takes, in a real browser: each ends in a clear message, the page
 * stays usable and nothing the user has is lost (see docs/reliability.md).
 */
import { expect, test, type Page } from '@playwright/test';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ggufTestEntry } from './support/failure-page';
import { startModelServer, type ModelServer } from './support/model-server';
import { openStorage } from './support/pwa';

const fixtures = join(import.meta.dirname, '.fixtures');
let server: ModelServer;

test.beforeAll(async () => {
  server = await startModelServer({ root: fixtures });
});
test.afterAll(async () => server.close());
test.afterEach(() => server.clearRules());

const status = (page: Page) => page.getByTestId('model-status');

test('a context too large for memory is reported as memory, and the downloaded model is kept', async ({ page }) => {
  test.setTimeout(240_000); // llama.cpp takes a while to give up on a KV cache of 2^28 tokens
  const url = `${server.url}/tiny-llama.gguf`;
  await page.route('**/models.json', (route) =>
    route.fulfill({ json: { models: [ggufTestEntry('huge-context', url, 1 << 28), ggufTestEntry('normal', url)] } }),
  );
  await page.goto('./?lang=en&model=huge-context');
  const error = page.getByTestId('model-error');
  await expect(error).toHaveAttribute('data-code', 'out-of-memory', { timeout: 150_000 });
  await expect(error).toContainText('shorter context window');
  await error.locator('summary').click();
  await expect(error).toContainText('the downloaded file is kept');
  await openStorage(page);
  await expect(page.locator(`[data-testid="stored-model"][data-address="${url}"]`)).toHaveCount(1);
  await page.getByTestId('storage-close').click();
  // the same file with a context that fits loads from storage: nothing is downloaded again
  const downloads = server.requests.filter((r) => r.path === '/tiny-llama.gguf' && r.method === 'GET').length;
  await page.getByTestId('model-select').selectOption('normal');
  await page.getByTestId('model-load').click();
  await expect(status(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  expect(server.requests.filter((r) => r.path === '/tiny-llama.gguf' && r.method === 'GET').length).toBe(downloads);
});

test('a tiny BioC file asking for a huge text is refused at once and the typed text stays', async ({ page }) => {
  await page.goto('./?lang=en&task=entities');
  await page.getByTestId('task-input').fill('typed by the user');
  const hostile = '{"documents":[{"id":"x","passages":[{"offset":300000000,"text":"a"}]}]}';
  await page
    .getByTestId('annotations-file-input')
    .setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(hostile) });
  await expect(page.getByTestId('import-error')).toContainText('10,000,000 characters');
  await expect(page.getByTestId('task-input')).toHaveValue('typed by the user');
  // the page answers at once: the main thread was never blocked building the text
  expect(
    await page.evaluate(
      () =>
        new Promise<number>((ok) => {
          const t = performance.now();
          setTimeout(() => ok(performance.now() - t), 0);
        }),
    ),
  ).toBeLessThan(500);
});

test('text files: GB18030 is read with a notice, a binary file is refused and the typed text stays', async ({ page }) => {
  await page.goto('./?lang=en&task=entities');
  const input = page.getByTestId('task-input');
  await input.fill('typed by the user');
  const open = page.locator('.input-tools input[type=file]');
  await open.setInputFiles({ name: 'model.gguf', mimeType: '', buffer: Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(4096)]) });
  await expect(page.getByText('model.gguf is not a plain text file.')).toBeVisible();
  await expect(input).toHaveValue('typed by the user');
  // 患者主诉咳嗽 in GB18030
  await open.setInputFiles({
    name: 'note.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from([0xbb, 0xbc, 0xd5, 0xdf, 0xd6, 0xf7, 0xcb, 0xdf, 0xbf, 0xc8, 0xcb, 0xd4]),
  });
  await expect(input).toHaveValue('患者主诉咳嗽');
  await expect(page.getByTestId('input-encoding')).toContainText('GB18030');
  // an annotation file in GB18030 says the same
  await page.getByTestId('annotations-file-input').setInputFiles({
    name: 'zh.pubtator',
    mimeType: 'text/plain',
    buffer: Buffer.from([0x31, 0x7c, 0x74, 0x7c, 0xbf, 0xc8, 0xcb, 0xd4, 0x0a]),
  });
  await expect(page.getByTestId('import-encoding')).toContainText('GB18030');
  await expect(input).toHaveValue('咳嗽');
});

test('?model= and "Add a model" check an address the same way: an HTML page is not a readable GGUF file', async ({ page }) => {
  const url = `${server.url}/page.gguf`;
  const html = '<!doctype html><html><body>'.padEnd(5000, 'x') + '</body></html>';
  await page.route(url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', headers: { 'Access-Control-Allow-Origin': '*' }, body: html }),
  );
  const seen: string[] = [];
  const messages: string[] = [];
  for (const via of ['param', 'form'] as const) {
    if (via === 'param') await page.goto(`./?lang=en&model=${encodeURIComponent(url)}`);
    else {
      await page.goto('./?lang=en');
      await page.getByText('Add a model').click();
      await page.getByTestId('model-url-input').fill(url);
      await page.getByRole('button', { name: 'Add and load' }).click();
    }
    const error = page.getByTestId('model-error');
    await expect(error).toHaveAttribute('data-code', 'bad-model-file');
    await expect(error.getByTestId('url-check')).toContainText('is not a readable GGUF file');
    messages.push((await error.locator('.alert-message').textContent())!);
    await expect(status(page)).not.toHaveAttribute('data-state', 'loading');
    // a refused address is not remembered
    await expect(page.getByTestId('model-select').locator('option', { hasText: 'page.gguf' })).toHaveCount(0);
    seen.push(via);
  }
  expect(seen).toEqual(['param', 'form']);
  expect(messages[0]).toBe(messages[1]);
  await page.reload();
  await expect(page.getByTestId('model-select').locator('option', { hasText: 'page.gguf' })).toHaveCount(0);
});

test('a registry model on a host the page may not contact is refused by name before any request', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.route('**/models.json', (route) =>
    route.fulfill({ json: { models: [ggufTestEntry('elsewhere', 'https://models.example.org/m.gguf')] } }),
  );
  await page.goto('./?lang=en&model=elsewhere');
  const error = page.getByTestId('model-error');
  await expect(error).toHaveAttribute('data-code', 'page-policy');
  await expect(error).toContainText("This page's security policy does not allow");
  await expect(error).toContainText('https://models.example.org');
  expect(requests.filter((u) => u.includes('example.org'))).toEqual([]);
});

test('two tabs loading the same GGUF download it once: the second waits for the first', async ({ page, context }) => {
  test.setTimeout(180_000);
  const url = `${server.url}/tiny-llama.gguf`;
  // the file is held back until one tab has said it waits for the other, so the two loads surely overlap
  let release = () => {};
  server.setRule('/tiny-llama.gguf', { delayMs: 1000, holdWhole: new Promise<void>((ok) => (release = ok)) });
  // the server lives for the whole file: earlier tests' requests are not this test's
  const before = server.requests.length;
  const other = await context.newPage();
  const open = `./?lang=en&model=${encodeURIComponent(url)}`;
  await Promise.all([page.goto(open), other.goto(open)]);
  const waitingSaid = (p: Page) => p.getByText('Another tab of this site is downloading this model').count();
  await expect.poll(async () => (await waitingSaid(page)) + (await waitingSaid(other)), { timeout: 60_000 }).toBe(1);
  release();
  await expect(status(page)).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  await expect(status(other)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  const whole = server.requests
    .slice(before)
    .filter((r) => r.path === '/tiny-llama.gguf' && r.method === 'GET' && !r.range && r.status === 200);
  // one quick look at the file before downloading (its body cancelled at once) and one download, for both tabs
  expect(whole).toHaveLength(2);
  await other.close();
});

test('a download cut midway is kept and listed by its URL as incomplete, and loading again resumes it with a Range request', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const url = `${server.url}/tiny-llama.gguf`;
  const size = statSync(join(fixtures, 'tiny-llama.gguf')).size;
  server.setRule('/tiny-llama.gguf', { cutWholeAfterBytes: 200_000 });
  await page.goto(`./?lang=en&model=${encodeURIComponent(url)}`);
  await page.getByTestId('task-input').fill('typed by the user');
  const error = page.getByTestId('model-error');
  await expect(error).toHaveAttribute('data-code', 'network', { timeout: 60_000 });
  await expect(error).toContainText('could not be downloaded');
  await openStorage(page);
  const row = page.locator(`[data-testid="stored-model"][data-address="${url}"]`);
  await expect(row).toHaveAttribute('data-complete', 'false');
  await expect(row).toContainText('loading resumes it');
  const stored = Number(await row.getAttribute('data-bytes'));
  expect(stored).toBeGreaterThan(0);
  expect(stored).toBeLessThanOrEqual(200_000);
  await page.getByTestId('storage-close').click();

  const before = server.requests.length;
  await page.getByTestId('model-load').click();
  await expect(status(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  const ranged = server.requests.slice(before).filter((r) => r.path === '/tiny-llama.gguf' && r.method === 'GET' && r.range);
  expect(ranged.map((r) => [r.range, r.status])).toEqual([[`bytes=${stored}-`, 206]]);
  await openStorage(page);
  await expect(row).toHaveAttribute('data-complete', 'true');
  await expect(row).toHaveAttribute('data-bytes', String(size));
  await page.getByTestId('storage-close').click();
  await expect(page.getByTestId('task-input')).toHaveValue('typed by the user');
});

test('"clear all data" in one tab makes the other tabs let go and reload, so nothing is written back', async ({ page, context }) => {
  await page.goto('./?lang=en');
  const other = await context.newPage();
  await other.goto('./?lang=en');
  await other.getByTestId('settings-max-tokens').fill('77');
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('taiyi.settings')))).toBe(true);
  await openStorage(page);
  await page.getByTestId('clear-all-data').click();
  const otherReloaded = other.waitForEvent('load');
  await page.getByTestId('clear-all-confirm').click();
  await otherReloaded;
  await expect(other.getByTestId('settings-max-tokens')).not.toHaveValue('77');
  expect(await other.evaluate(() => Object.keys(localStorage).filter((k) => k !== 'taiyi.lang'))).toEqual([]);
  await other.close();
});

test('a model host that never answers is named within 10 seconds, and the page stays usable', async ({ page }) => {
  await page.goto('./?lang=en');
  await expect(status(page)).toHaveAttribute('data-state', 'idle');
  await page.goto(`./?lang=en&model=${encodeURIComponent(`${server.url}/__hang/tiny-llama.gguf`)}`);
  const started = Date.now(); // the page has started, and with it the load
  const error = page.getByTestId('model-error');
  await expect(error).toHaveAttribute('data-code', 'network', { timeout: 10_000 });
  expect(Date.now() - started).toBeLessThan(10_000);
  await error.locator('summary').click();
  await expect(error).toContainText('no answer within');
  await page.getByTestId('task-input').fill('still usable');
  await expect(page.getByTestId('task-input')).toHaveValue('still usable');
});
