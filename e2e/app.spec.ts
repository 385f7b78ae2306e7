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
