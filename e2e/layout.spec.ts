import { expect, test } from '@playwright/test';

/**
 * Run by the `narrow`, `dark` and `zh` projects (360 px, a dark colour scheme, the Chinese UI) as well as the
 * default one: what a page must get right at every size, scheme and language.
 */
test('<html lang> follows the language the page opens in, from the URL and from the saved choice', async ({ page }) => {
  await page.goto('./?lang=zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.goto('./');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN'); // the saved choice
  await page.goto('./?lang=en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
