import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { dataPath, missingData } from '../test-data/index.ts';
import { startModelServer, type ModelServer } from './support/model-server';
import { animationsWhileGenerating, stopAtFirstText } from './support/stop';

const fixtures = join(import.meta.dirname, '.fixtures');
const stories = dataPath('fixtures/stories260K.gguf');
let server: ModelServer;

test.beforeAll(async () => {
  server = await startModelServer({ root: fixtures });
});
test.afterAll(async () => server.close());

const status = (page: Page) => page.getByTestId('model-status');

async function runPrompt(page: Page, prompt: string) {
  await page.getByTestId('task-input').fill(prompt);
  await page.getByTestId('run').click();
}

test('a GGUF model served over HTTP loads and streams tokens in the Playground', async ({ page }) => {
  await page.goto(`./?lang=en&model=${encodeURIComponent(`${server.url}/tiny-llama.gguf`)}`);
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  expect(server.requests.some((r) => r.path === '/tiny-llama.gguf')).toBe(true);

  // Record every length the answer passes through, and when: streaming shows several, a one-shot answer only one.
  await page.getByTestId('output-raw').evaluate((el) => {
    const w = window as unknown as { lengths: number[]; times: number[] };
    w.lengths = [];
    w.times = [];
    new MutationObserver(() => {
      w.lengths.push(el.textContent!.length);
      w.times.push(performance.now());
    }).observe(el, { childList: true, characterData: true, subtree: true });
  });
  await runPrompt(page, 'The patient was given');
  await expect(page.getByTestId('run-stats')).toBeVisible();
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  const text = await page.getByTestId('output-raw').textContent();
  expect(text!.length).toBeGreaterThan(0);
  const { lengths, times } = await page.evaluate(() => {
    const w = window as unknown as { lengths: number[]; times: number[] };
    return { lengths: w.lengths, times: w.times };
  });
  expect(new Set(lengths.filter((n) => n > 0)).size).toBeGreaterThan(1);
  // about ten updates a second however fast the tokens come (an update may come early by a quarter of the
  // interval), plus the first and the last
  expect(times.length).toBeLessThanOrEqual((times[times.length - 1] - times[0]) / 75 + 2);
  await expect(page.getByTestId('run-stats')).toContainText('tok/s');
});

test('a long answer streams in a box of its own that keeps its end in view, in bounded text nodes', async ({ page }) => {
  await page.goto(`./?lang=en&model=${encodeURIComponent(`${server.url}/tiny-llama.gguf`)}`);
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('settings-greedy').check();
  await page.getByTestId('settings-max-tokens').fill('500');
  // what the box is while the answer streams: laid out apart from the page, scrolled to its end in the frame that
  // draws each piece (seen from the first task after that frame)
  await page.getByTestId('output-raw').evaluate((el) => {
    const w = window as unknown as { seen: { contain: string; followed: boolean }[] };
    w.seen = [];
    const afterFrame = (f: () => void) => requestAnimationFrame(() => setTimeout(f));
    new MutationObserver(() =>
      afterFrame(() =>
        w.seen.push({
          contain: getComputedStyle(el).contain,
          followed: el.scrollHeight <= el.clientHeight || el.scrollHeight - el.scrollTop - el.clientHeight <= 8,
        }),
      ),
    ).observe(el, { childList: true, characterData: true, subtree: true });
  });
  await runPrompt(page, 'The patient was given');
  await expect(page.getByTestId('run-stats')).toBeVisible();
  const after = await page.getByTestId('output-raw').evaluate((el) => {
    const texts = [...el.querySelectorAll('span')].flatMap((s) => [...s.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE));
    return {
      overflows: el.scrollHeight > el.clientHeight,
      atEnd: el.scrollHeight - el.scrollTop - el.clientHeight <= 8,
      nodes: texts.map((n) => (n as Text).length),
      length: el.textContent!.length,
      seen: (window as unknown as { seen: { contain: string; followed: boolean }[] }).seen,
    };
  });
  expect(after.overflows).toBe(true);
  expect(after.atEnd).toBe(true);
  expect(after.nodes.length).toBeGreaterThan(1);
  expect(Math.max(...after.nodes)).toBeLessThanOrEqual(1024);
  expect(after.nodes.reduce((a, b) => a + b, 0)).toBe(after.length);
  const streaming = after.seen.slice(0, -1);
  expect(streaming.length).toBeGreaterThan(2);
  expect(streaming.every((s) => s.contain === 'strict' && s.followed)).toBe(true);
});

test('a chat reply keeps the end of the conversation in view as it streams, and leaves a reader who scrolled up there', async ({
  page,
}) => {
  await page.setViewportSize({ width: 900, height: 500 });
  await page.goto(`./?lang=en&task=chat&model=${encodeURIComponent(`${server.url}/slow-llama.gguf`)}`);
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await page.locator('.task-settings summary').click();
  // greedy: the same long reply every time
  await page.getByTestId('settings-greedy').check();
  await page.getByTestId('settings-max-tokens').fill('800');
  await runPrompt(page, 'Tell me about the patient.');
  const log = page.getByTestId('chat-log');
  const gap = () => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  // the reply outgrows the log, whose end stays in view
  await expect.poll(() => log.evaluate((el) => el.scrollHeight - el.clientHeight), { timeout: 60_000 }).toBeGreaterThan(60);
  await expect.poll(gap).toBeLessThanOrEqual(8);
  // the reader scrolls up to the question: the reply grows on below, the view stays
  await log.hover();
  await page.mouse.wheel(0, -5000);
  await expect.poll(() => log.evaluate((el) => el.scrollTop)).toBe(0);
  const height = await log.evaluate((el) => el.scrollHeight);
  await expect.poll(() => log.evaluate((el) => el.scrollHeight)).toBeGreaterThan(height + 40);
  expect(await log.evaluate((el) => el.scrollTop)).toBe(0);
  // back at the end, it follows again
  await page.mouse.wheel(0, 100_000);
  await expect.poll(gap).toBeLessThanOrEqual(8);
  const followed = await log.evaluate((el) => el.scrollHeight);
  await expect.poll(() => log.evaluate((el) => el.scrollHeight)).toBeGreaterThan(followed + 40);
  expect(await gap()).toBeLessThanOrEqual(8);
  await page.getByTestId('stop').click();
});

test('stop interrupts a running answer and the model stays usable', async ({ page }) => {
  await page.goto(`./?lang=en&model=${encodeURIComponent(`${server.url}/slow-llama.gguf`)}`);
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('settings-max-tokens').fill('400');
  await stopAtFirstText(page);
  await runPrompt(page, 'Once');
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  // nothing animates while the model decodes: without a GPU every frame drawn takes a core from it
  expect(await animationsWhileGenerating(page)).toBe(0);
  await expect(page.getByTestId('run-stats')).toContainText('stopped');
  // fewer tokens than asked for: the run really ended early
  const stats = await page.getByTestId('run-stats').textContent();
  const completion = Number(/\+ (\d+)/.exec(stats!)![1]);
  expect(completion).toBeLessThan(400);
  // the prompt was read before Stop: its tokens and the prefill speed are known, as after a finished run
  const prompt = Number(/(\d+) \+/.exec((await page.getByTestId('stats-tokens').textContent())!)![1]);
  expect(prompt).toBeGreaterThan(0);
  await expect(page.getByTestId('stats-prefill')).toHaveText(/^\d+(\.\d)? tok\/s$/);
  await expect(page.getByTestId('stats-decode')).toHaveText(/^\d+(\.\d)? tok\/s$/);
  await page.getByTestId('settings-max-tokens').fill('5');
  await runPrompt(page, 'Again');
  await expect(page.getByTestId('run-stats')).toContainText('token limit reached');
});

test('a file that is not a GGUF model gives the bad-model-file message and the page stays usable', async ({ page }) => {
  await page.goto('./?lang=en');
  await page.getByText('Add a model').click();
  await page.getByTestId('model-file-input').setInputFiles(join(fixtures, 'not-a-model.gguf'));
  await expect(page.getByTestId('model-error')).toHaveAttribute('data-code', 'bad-model-file');
  await expect(page.getByTestId('model-error')).toContainText('not a model this engine can load');
  // a good file afterwards loads normally
  await page.getByTestId('model-file-input').setInputFiles(join(fixtures, 'tiny-llama.gguf'));
  await expect(status(page)).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('model-error')).toHaveCount(0);
});

test('a missing model file and a download cut off midway give the network message', async ({ page }) => {
  await page.goto(`./?lang=en&model=${encodeURIComponent(`${server.url}/__404/tiny-llama.gguf`)}`);
  await expect(page.getByTestId('model-error')).toHaveAttribute('data-code', 'network');
  await page.goto(`./?lang=zh&model=${encodeURIComponent(`${server.url}/__cut/20000/tiny-llama.gguf`)}`);
  await expect(page.getByTestId('model-error')).toHaveAttribute('data-code', 'network');
  await expect(page.getByTestId('model-error')).toContainText('无法下载模型文件');
});

test('stories260K continues "Once upon a time" with Lily (greedy)', async ({ page }) => {
  const missing = missingData('fixtures/stories260K.gguf');
  test.skip(!!missing, missing || '');
  const shared = await startModelServer({ root: join(stories, '..') });
  try {
    await page.goto(`./?lang=en&model=${encodeURIComponent(`${shared.url}/stories260K.gguf`)}`);
    await expect(status(page)).toHaveAttribute('data-state', 'ready');
    await page.getByTestId('settings-greedy').check();
    await page.getByTestId('settings-max-tokens').fill('24');
    await runPrompt(page, 'Once upon a time');
    await expect(page.getByTestId('run-stats')).toBeVisible();
    await expect(page.getByTestId('output-raw')).toContainText('Lily');
  } finally {
    await shared.close();
  }
});

test('a model added by URL loads, is remembered across visits and can be removed', async ({ page }) => {
  test.setTimeout(180_000); // a model load on a busy machine
  await page.goto('./?lang=en');
  await page.getByText('Add a model').click();
  await page.getByTestId('model-url-input').fill(`${server.url}/tiny-llama.gguf`);
  await page.getByRole('button', { name: 'Add and load' }).click();
  await expect(status(page)).toHaveAttribute('data-state', 'ready', { timeout: 120_000 }); // remembered once loaded
  await page.reload();
  const select = page.getByTestId('model-select');
  await expect(select.locator('option', { hasText: 'tiny-llama.gguf' })).toHaveCount(1);
  await select.selectOption({ label: (await select.locator('option', { hasText: 'tiny-llama.gguf' }).textContent())! });
  await page.getByTestId('model-remove').click();
  await expect(select.locator('option', { hasText: 'tiny-llama.gguf' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('model-select').locator('option', { hasText: 'Taiyi' }).first()).toBeAttached();
  await expect(page.getByTestId('model-select').locator('option', { hasText: 'tiny-llama.gguf' })).toHaveCount(0);
});

test('a model host the page may not contact is refused with an explanation, not a network error', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('./?lang=en');
  await page.getByText('Add a model').click();
  await page.getByTestId('model-url-input').fill('https://models.example.org/taiyi.gguf');
  await page.getByRole('button', { name: 'Add and load' }).click();
  await expect(page.getByRole('alert')).toContainText('https://models.example.org is not one of them');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'idle');
  expect(requests.filter((u) => u.includes('example.org'))).toEqual([]);
});

test('a model URL is checked before loading: a file that is not GGUF is reported and not loaded', async ({ page }) => {
  await page.goto('./?lang=en');
  await page.getByText('Add a model').click();
  await page.getByTestId('model-url-input').fill(`${server.url}/not-a-model.gguf`);
  await page.getByRole('button', { name: 'Add and load' }).click();
  await expect(page.getByTestId('url-check').getByTestId('import-issue').first()).toHaveAttribute('data-severity', 'error');
  await expect(page.getByTestId('url-check')).toContainText('The model was not loaded');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('model-select').locator('option', { hasText: 'not-a-model' })).toHaveCount(0);
  // only the header was read, never the whole file
  expect(server.requests.filter((r) => r.path === '/not-a-model.gguf' && r.method === 'GET' && !r.range)).toEqual([]);
});

test('the problems of a refused address go away when another model is loaded', async ({ page }) => {
  const gguf = (id: string, url: string) => ({
    id,
    label: id,
    engine: 'gguf',
    url,
    quantization: 'F32',
    context_window_size: 256,
    prompt_format: 'native',
    languages: ['en'],
  });
  await page.route('**/models.json', (route) =>
    route.fulfill({
      json: { models: [gguf('tiny', `${server.url}/tiny-llama.gguf`), gguf('elsewhere', 'https://models.example.org/m.gguf')] },
    }),
  );
  await page.goto('./?lang=en');
  const refuse = async () => {
    await page.getByTestId('model-url-input').fill(`${server.url}/not-a-model.gguf`);
    await page.getByRole('button', { name: 'Add and load' }).click();
    await expect(page.getByTestId('url-check')).toContainText('The model was not loaded');
  };
  await page.getByText('Add a model').click();
  await refuse();
  // a model the page may not fetch: its own error, without the other file's problems
  await page.getByTestId('model-select').selectOption('elsewhere');
  await page.getByTestId('model-load').click();
  await expect(page.getByTestId('model-error')).toHaveAttribute('data-code', 'page-policy');
  await expect(page.getByTestId('url-check')).toHaveCount(0);
  await refuse();
  await page.getByTestId('model-select').selectOption('tiny');
  await page.getByTestId('model-load').click();
  await expect(status(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('url-check')).toHaveCount(0);
});

test('a ?model= address that fails to load is not remembered for the next visit', async ({ page }) => {
  const missing = `${server.url}/missing.gguf`;
  await page.goto(`./?lang=en&model=${encodeURIComponent(missing)}`);
  await expect(status(page)).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
  await page.goto('./?lang=en');
  await expect(page.getByTestId('model-select').locator('option', { hasText: 'Taiyi' }).first()).toBeAttached();
  await expect(page.getByTestId('model-select').locator('option', { hasText: 'missing.gguf' })).toHaveCount(0);
});
