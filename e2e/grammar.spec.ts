import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';

/**
 * Grammar-constrained decoding through the GGUF engine (llama.cpp in wllama) with the random-weight test model,
 * which never writes a readable answer by itself: constrained to the entities grammar, its answer is Taiyi's
 * format, and the page reads every line of it.
 */
const fixtures = join(import.meta.dirname, '.fixtures');
const status = (page: Page) => page.getByTestId('model-status');

// llama.cpp decodes on the CPU here: a shared machine may take a while
test.describe.configure({ timeout: 150_000 });

async function loadTestModel(page: Page) {
  await page.getByText(/^(Add a model|添加模型)$/).click();
  await page.getByTestId('model-file-input').setInputFiles(join(fixtures, 'tiny-llama.gguf'));
  await expect(status(page)).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
}

// the test model's own words, so the mentions it writes can be found in the text
const TEXT = 'the patient with cancer was given insulin and the tumor of the liver was treated with therapy';

const ZH_TEXT = '患者因肝癌接受胰岛素治疗，肿瘤明显缩小。the patient insulin cancer';

const CASES = [
  { lang: 'en', types: ['Chemical', 'Disease'], sep: ': ' },
  { lang: 'zh', types: ['化学物质', '疾病'], sep: '：' },
] as const;

for (const { lang, types, sep } of CASES) {
  test(`(${lang}) the random model constrained to the entities grammar answers in Taiyi's format, every line read`, async ({ page }) => {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`./?lang=${lang}&task=entities`);
    await loadTestModel(page);
    await page.locator('.task-settings summary').click();
    await expect(page.getByTestId('settings-grammar')).toBeChecked();
    await expect(page.getByTestId('settings-grammar')).toBeEnabled();
    await page.getByTestId('settings-max-tokens').fill('32');
    await page.getByTestId('settings-greedy').check();
    // the prompt language follows the text: a Chinese run needs a Chinese text
    await page.getByTestId('task-input').fill(lang === 'zh' ? ZH_TEXT : TEXT);
    await page.getByTestId('run').click();
    await expect(page.getByTestId('run')).toBeEnabled({ timeout: 45_000 });
    await expect(status(page)).toHaveAttribute('data-state', 'ready');

    const raw = (await page.getByTestId('output-raw').textContent()) ?? '';
    const line = new RegExp(`^(?:${types.join('|')})${sep}[^\\n;；]+(?:; [^\\n;；]+)*$`);
    const lines = raw.split('\n').filter((l) => l !== '');
    for (const l of lines) expect(l).toMatch(line);
    // each type at most once
    expect(new Set(lines.map((l) => l.split(sep)[0])).size).toBe(lines.length);
    await expect(page.getByTestId('grammar-rejected')).toHaveCount(0);
    await expect(page.locator('.unparsed')).toHaveCount(0);
    if (lines.length === 0) {
      await expect(page.getByTestId('nothing-parsed')).toBeVisible();
    } else {
      await expect(page.getByTestId('nothing-parsed')).toHaveCount(0);
      const spans = page.getByTestId('entity');
      for (const type of await spans.evaluateAll((els) => els.map((e) => e.getAttribute('data-type')))) expect(types).toContain(type);
    }
    console.log(`${lang} constrained answer: ${JSON.stringify(raw)}; highlighted: ${await page.getByTestId('entity').count()}`);
    expect(problems).toEqual([]);
  });
}

test('switched off, the grammar no longer constrains the random model', async ({ page }) => {
  await page.goto('./?lang=en&task=entities');
  await loadTestModel(page);
  await page.locator('.task-settings summary').click();
  await page.getByTestId('settings-grammar').uncheck();
  await page.getByTestId('settings-max-tokens').fill('24');
  await page.getByTestId('task-input').fill(TEXT);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('nothing-parsed')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.unparsed')).toBeVisible();
});
