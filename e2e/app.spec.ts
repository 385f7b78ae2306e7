import { expect, test } from '@playwright/test';

test.describe('shell', () => {
  test('loads with no console errors and switches language', async ({ page }) => {
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto('./?lang=en');
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'idle');
    await expect(page.getByTestId('tab-playground')).toHaveText('Playground');
    await expect(page.getByTestId('model-select')).toContainText('Taiyi');

    await page.getByTestId('lang-switch').click();
    await expect(page.getByTestId('tab-playground')).toHaveText('自由提问');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.reload();
    await expect(page.getByTestId('tab-playground')).toHaveText('自由提问'); // the choice persists
    expect(problems).toEqual([]);
  });

  test('without WebGPU the hardware panel says so and offers the GGUF engine', async ({ page }) => {
    await page.goto('./?lang=en');
    const panel = page.getByTestId('hardware-panel');
    await expect(panel).toContainText('not available');
    await expect(page.getByTestId('no-webgpu')).toBeVisible();
  });

  test('tabs follow the ARIA pattern and ?task= opens a tab', async ({ page }) => {
    await page.goto('./?lang=en&task=playground');
    const tab = page.getByTestId('tab-playground');
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel')).toBeVisible();
  });
});

test('a broken models.json is reported precisely and the page stays usable', async ({ page }) => {
  await page.route('**/models.json', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify([
        {
          id: 'ok-model',
          label: 'OK',
          engine: 'gguf',
          url: 'ok.gguf',
          quantization: 'Q4_K_M',
          context_window_size: 2048,
          prompt_format: 'native',
          languages: ['en'],
        },
        {
          id: 'broken',
          label: 'Broken',
          engine: 'gguf',
          quantization: 'Q4_K_M',
          context_window_size: 2048,
          prompt_format: 'native',
          languages: ['en'],
        },
      ]),
    }),
  );
  await page.goto('./?lang=en');
  const problems = page.getByTestId('registry-problems');
  await expect(problems).toContainText('models.json');
  await expect(problems).toContainText('broken');
  await expect(problems).toContainText('url');
  await expect(page.getByTestId('model-select').locator('option', { hasText: 'OK' })).toHaveCount(1);
  await expect(page.getByTestId('model-file-input')).toBeAttached();
});

test('models.json that is not JSON is reported', async ({ page }) => {
  await page.route('**/models.json', (route) => route.fulfill({ contentType: 'application/json', body: '{ not json' }));
  await page.goto('./?lang=zh');
  await expect(page.getByTestId('registry-problems')).toContainText('not valid JSON');
  await expect(page.getByTestId('registry-problems')).toContainText('模型列表');
});

test('the not-medical-advice notice is shown until acknowledged once; the about panel gives licence and citation', async ({ page }) => {
  await page.goto('./?lang=en&model=');
  await expect(page.getByTestId('use-notice')).toContainText('not medical advice');
  await page.getByTestId('use-notice-ack').click();
  await expect(page.getByTestId('use-notice')).toHaveCount(0);
  await expect(page.getByTestId('model-select')).toBeFocused(); // focus is not dropped to the page
  await page.reload();
  await expect(page.getByTestId('model-select')).toBeEnabled();
  await expect(page.getByTestId('use-notice')).toHaveCount(0);

  await page.getByTestId('model-select').selectOption('taiyi-llm-q4f32_1');
  const about = page.getByTestId('about-model');
  await about.locator('summary').first().click();
  await expect(about).toContainText('academic research only');
  await expect(about).toContainText('J Am Med Inform Assoc. 2024');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await about.getByRole('button', { name: 'Copy BibTeX' }).click();
  await expect(about.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('@article{luo2024taiyi');
  await page.getByTestId('lang-switch').click();
  await expect(about).toContainText('仅供学术研究');
});

test('a ?model= that is neither a listed id nor an http(s) address says what is wrong with it', async ({ page }) => {
  for (const value of ['not a url', 'no-such-model']) {
    await page.goto(`./?lang=en&model=${encodeURIComponent(value)}`);
    const error = page.getByTestId('model-error');
    await expect(error).toHaveAttribute('data-code', 'model-param');
    await expect(error).toContainText(`“${value}”`);
    await expect(error).not.toContainText(/graphics adapter|WebGPU/);
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'error');
  }
});
