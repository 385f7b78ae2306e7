/**
 * A model on an OpenAI-compatible server, in the page: added through "Add a model" → server, with consent once per
 * host, a header badge, entities from real inference (the test server on node-llama-cpp with the shared tiny Taiyi
 * model), stopping midway, and a server that answers 429. Skips, saying why, when the shared fixture is absent.
 */
import { expect, test, type Page } from '@playwright/test';
import { startOpenAITestServer, tinyTaiyiMissing, type OpenAITestServer } from './support/openai-server';
import { addServerModel, agreeToHost } from './support/server-model';

const missing = tinyTaiyiMissing();
if (missing) console.warn(`server model specs ${missing}`);
test.skip(!!missing, missing ?? '');

const KEY = 'sk-e2e-test';
let server: OpenAITestServer;

test.beforeAll(async () => {
  server = await startOpenAITestServer({ apiKey: KEY, parallel: 2 });
});
test.afterAll(async () => server?.close());
test.afterEach(() => server.misbehave(null));

const status = (page: Page) => page.getByTestId('model-status');
const host = () => new URL(server.url).host;

const addServer = (page: Page, options: { consent: boolean }) => addServerModel(page, server, { ...options, apiKey: KEY });

const ENTITY_TEXT = 'Aspirin-induced asthma in patients given ibuprofen.';

test('a server model is added with consent once per host, shows its badge and runs entities for real', async ({ page }) => {
  await page.goto('./?lang=en&task=entities');
  // without consent the model is not added
  await page.getByText('Add a model').click();
  await page.getByTestId('server-base-url').fill(server.url);
  await page.getByTestId('server-model-name').fill(server.modelName);
  await page.getByTestId('server-add').click();
  await expect(page.getByRole('alert').filter({ hasText: 'Tick the box' })).toBeVisible();
  await expect(status(page)).toHaveAttribute('data-state', 'idle');
  await page.getByText('Add a model').click(); // close, to start over like a user would
  await addServer(page, { consent: true });

  await expect(page.getByTestId('server-badge')).toHaveAttribute('data-host', host());
  await expect(page.getByTestId('server-badge')).toContainText(`Server: ${host()}`);
  await expect(page.getByTestId('privacy-line')).toContainText(`sent to that server`);
  // the key is kept for this visit only
  expect(await page.evaluate(() => localStorage.getItem('taiyi.serverKeys'))).not.toContain(KEY);

  await page.getByTestId('task-input').fill(ENTITY_TEXT);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('output-raw')).toContainText(/(Chemical|Disease): /);
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  const asked = server.requests.filter((r) => r.path === '/v1/completions').at(-1)!;
  expect(asked.authorization).toBe(`Bearer ${KEY}`);
  expect(String(asked.body!.prompt)).toMatch(/^<\|endoftext\|>[\s\S]*Aspirin-induced asthma[\s\S]*<\|endoftext\|>$/);

  // the model is remembered (without its key), consent is asked once per host, and the badge goes with the model
  await page.goto('./?lang=zh&task=entities');
  await expect(page.getByTestId('model-select').locator('option', { hasText: `${server.modelName} @ ${host()}` })).toHaveCount(1);
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(KEY);
  await expect(page.getByTestId('server-badge')).toHaveCount(0);
  await page.getByText('添加模型').click();
  await page.getByTestId('server-base-url').fill(server.url);
  await expect(page.getByTestId('server-host')).toContainText(host());
  await expect(page.getByTestId('server-consent')).toHaveCount(0);
});

test('a run on the server stops midway and the model stays usable', async ({ page }) => {
  await page.goto('./?lang=en&task=entities');
  await agreeToHost(page, server);
  await addServer(page, { consent: false });
  await page.locator('.task-settings summary').click();
  await page.getByTestId('settings-max-tokens').fill('600');
  // a long abstract makes the tiny model repeat itself up to the limit; a slow stream leaves time to stop it
  server.misbehave({ eventDelayMs: 40, times: 1 });
  await page.getByTestId('task-input').fill('Cisplatin nephrotoxicity in rats given lithium. '.repeat(10));
  await page.getByTestId('run').click();
  await expect(status(page)).toHaveAttribute('data-state', 'generating');
  await expect(page.getByTestId('output-raw')).not.toBeEmpty();
  await page.getByTestId('stop').click();
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  const stopped = (await page.getByTestId('output-raw').textContent())!.length;
  await page.waitForTimeout(300);
  expect((await page.getByTestId('output-raw').textContent())!.length).toBe(stopped);
  // the closed connection stopped the generation on the server too
  await expect.poll(() => server.running).toBe(0);

  await page.getByTestId('settings-max-tokens').fill('60');
  await page.getByTestId('task-input').fill(ENTITY_TEXT);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('output-raw')).toContainText(/(Chemical|Disease): /);
});

test("a long document is planned with the server's tokenizer: the parts shown at the start are the parts that run", async ({ page }) => {
  await page.goto('./?lang=en&task=entities');
  await page.evaluate((origin) => localStorage.setItem('taiyi.serverConsent', JSON.stringify([origin])), new URL(server.url).origin);
  await addServer(page, { consent: false });
  await page.locator('.task-settings summary').click();
  await page.getByTestId('settings-max-tokens').fill('48');
  // ≈25 KB of abstract-like text: several parts of the tiny model's 1,536-token context
  const sentences = Array.from(
    { length: 190 },
    (_, i) =>
      `Patient ${i} received ${10 + (i % 40)} mg of carbamazepine and developed hyponatraemia (sodium ${118 + (i % 15)} mmol/L) after ${2 + (i % 9)} days. `,
  );
  await page.getByTestId('task-input').fill(sentences.join(''));
  // every total the progress bar shows, in order, from the first frame of the run
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { partTotals: string[] }).partTotals = seen;
    const note = () => {
      const total = document.querySelector('[data-testid="chunk-progress"]')?.getAttribute('data-total');
      if (total && seen.at(-1) !== total) seen.push(total);
    };
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-total'],
    });
  });
  const before = server.requests.length;
  await page.getByTestId('run').click();
  const progress = page.getByTestId('chunk-progress');
  await expect(progress).toBeVisible();
  const total = await progress.getAttribute('data-total');
  expect(Number(total)).toBeGreaterThan(1);
  await expect(progress).toHaveAttribute('data-done', total!, { timeout: 120_000 });
  await expect(status(page)).toHaveAttribute('data-state', 'ready');

  expect(await page.evaluate(() => (window as unknown as { partTotals: string[] }).partTotals)).toEqual([total]);
  const served = server.requests.slice(before);
  expect(served.filter((r) => r.path === '/tokenize').length).toBeGreaterThan(0);
  // one completion per planned part, none refused for its length
  const completions = served.filter((r) => r.method === 'POST' && r.path === '/v1/completions');
  expect(completions.map((r) => r.status)).toEqual(Array.from({ length: Number(total) }, () => 200));
});

test('a server answering 429 is retried after Retry-After; one that stays busy gives a translated message', async ({ page }) => {
  await page.goto('./?lang=en&task=entities');
  await agreeToHost(page, server);
  await addServer(page, { consent: false });
  await page.locator('.task-settings summary').click();
  await page.getByTestId('settings-max-tokens').fill('60');
  await page.getByTestId('task-input').fill(ENTITY_TEXT);

  server.misbehave({ status: 429, retryAfter: 1, times: 1 });
  const before = server.requests.length;
  await page.getByTestId('run').click();
  await expect(page.getByTestId('output-raw')).toContainText(/(Chemical|Disease): /);
  const statuses = server.requests
    .slice(before)
    .filter((r) => r.method === 'POST' && r.path === '/v1/completions')
    .map((r) => r.status);
  expect(statuses).toEqual([429, 200]);

  server.misbehave({ status: 429, retryAfter: 0 });
  await page.getByTestId('run').click();
  await expect(page.getByTestId('model-error')).toHaveAttribute('data-code', 'server-busy');
  await expect(page.getByTestId('model-error')).toContainText('The model server is busy');
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
});

test('a host the page security policy blocks is refused with how to allow it', async ({ page }) => {
  await page.goto('./?lang=en');
  await page.getByText('Add a model').click();
  await page.getByTestId('server-base-url').fill('https://llm.example.org/taiyi/v1');
  await expect(page.getByTestId('server-csp-problem')).toContainText('TAIYI_CSP_CONNECT="https://llm.example.org"');
  await expect(page.getByTestId('server-add')).toBeDisabled();
  await expect(page.getByTestId('server-consent')).toHaveCount(0);
  // keyboard: the form is reachable and usable without a mouse
  await page.getByTestId('server-base-url').fill(server.url);
  await page.getByTestId('server-base-url').press('Tab');
  await expect(page.getByTestId('server-model-name')).toBeFocused();
});
