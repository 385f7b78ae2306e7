import { expect, test, type Page } from '@playwright/test';
import { TASK_IDS } from '../src/core/tasks/ids';
import { stackedChecks, stretchedButtons } from './support/layout';

/**
 * Run by the `narrow` (360 px), `dark` (dark colour scheme) and `zh` (Chinese browser, 360 px) projects as
 * well as the default one: what the page must get right at every width, in every scheme and language. Pages
 * open without `?lang=`, so the `zh` project sees the language a Chinese browser gets.
 */

const pubtator =
  '1|t|Famotidine-associated delirium.\n1|a|Six patients on famotidine developed delirium and confusion.\n1\t0\t10\tFamotidine\tChemical\tD015738\n1\t22\t30\tdelirium\tDisease\tD003693\n';

/** Elements whose own text has less than WCAG AA contrast (4.5:1, 3:1 for large text) against what is behind them. */
function lowContrast(page: Page) {
  return page.evaluate(() => {
    const rgba = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: Element | null): number[] => {
      for (; el; el = el.parentElement) {
        const c = rgba(getComputedStyle(el).backgroundColor);
        if (c.length >= 3 && (c[3] ?? 1) > 0.5) return c;
      }
      return rgba(getComputedStyle(document.documentElement).backgroundColor || 'rgb(255,255,255)');
    };
    const problems: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!own || !(el as HTMLElement).offsetParent || el.closest('.visually-hidden, [disabled], [aria-disabled="true"], option')) continue;
      const style = getComputedStyle(el);
      const bg = background(el);
      const fg = rgba(style.color);
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5))
        problems.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent!.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
    }
    return problems;
  });
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('<html lang> follows the language the page opens in, from the URL and from the saved choice', async ({ page }) => {
  await page.goto('./?lang=zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.goto('./');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN'); // the saved choice
  await page.goto('./?lang=en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('no tab scrolls sideways, with an imported file shown, and every text keeps AA contrast', async ({ page }) => {
  await page.goto('./?task=entities');
  await page
    .getByTestId('annotations-file-input')
    .setInputFiles({ name: 'one.pubtator', mimeType: 'text/plain', buffer: Buffer.from(pubtator + '\n' + pubtator.replace(/^1/gm, '2')) });
  await expect(page.getByTestId('entity').first()).toBeVisible();
  expect(await overflow(page), 'entities with an import').toBeLessThanOrEqual(0);
  // a file of 500 documents: searched, stepped through with the keyboard, without widening the page
  const many = Array.from({ length: 500 }, (_, i) => pubtator.replace(/^1/gm, String(1000 + i))).join('\n');
  await page
    .getByTestId('annotations-file-input')
    .setInputFiles({ name: 'many.pubtator', mimeType: 'text/plain', buffer: Buffer.from(many) });
  await expect(page.getByTestId('import-document-position')).toContainText(/500/);
  await page.getByTestId('import-document-search').fill('1321');
  await page.getByTestId('import-document-search').press('Enter');
  await expect(page.getByTestId('import-document')).toHaveValue('321');
  await page.getByTestId('import-document-search').fill('');
  await page.getByTestId('import-document-next').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('import-document')).toHaveValue('322');
  expect(await overflow(page), 'entities with 500 documents').toBeLessThanOrEqual(0);
  expect(await lowContrast(page), 'entities with 500 documents').toEqual([]);
  expect(await lowContrast(page), 'entities with an import').toEqual([]);
  for (const id of TASK_IDS) {
    await page.getByTestId(`tab-${id}`).click();
    await expect(page.getByTestId(`tab-${id}`)).toHaveAttribute('aria-selected', 'true');
    // the panel itself, not the line shown while its code loads
    await expect(page.locator(`#panel-${id} > :not(p.hint)`).first()).toBeVisible();
    expect(await overflow(page), id).toBeLessThanOrEqual(0);
    expect(await lowContrast(page), id).toEqual([]);
    expect(await stretchedButtons(page), id).toEqual([]);
    expect(await stackedChecks(page), id).toEqual([]);
  }
  // the check itself sees a faint text
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'faint';
    p.style.color = '#888';
    p.style.background = '#999';
    document.querySelector('.app')!.append(p);
  });
  expect(await lowContrast(page)).toEqual([expect.stringContaining('"faint"')]);
});

test('the model panels hold their content when open: nothing sticks out of a panel', async ({ page }) => {
  await page.goto('./');
  const panels = page.locator('.model-area details');
  await expect(panels.first()).toBeVisible();
  for (const panel of await panels.all()) await panel.evaluate((d) => ((d as HTMLDetailsElement).open = true));
  await expect(page.getByTestId('server-base-url')).toBeVisible();
  const outside = await panels.evaluateAll((all) =>
    all.flatMap((d) => {
      const edge = d.getBoundingClientRect().right;
      return [...d.querySelectorAll('*')]
        .filter((e) => (e as HTMLElement).offsetParent && e.getBoundingClientRect().right > edge + 1)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className} in ${d.querySelector('summary')?.textContent}`);
    }),
  );
  expect(outside).toEqual([]);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
});

test('the theme switch picks light or dark over the system scheme, and is kept', async ({ page }) => {
  await page.goto('./');
  const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await page.getByTestId('theme-switch').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await bg()).toBe('rgb(18, 21, 25)');
  expect(await lowContrast(page)).toEqual([]);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('theme-switch').selectOption('light');
  expect(await bg()).toBe('rgb(255, 255, 255)');
  await page.getByTestId('theme-switch').selectOption('system');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
  const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
  expect(await bg()).toBe(dark ? 'rgb(18, 21, 25)' : 'rgb(255, 255, 255)');
});

test('the language switch stays on the header’s first line, in both languages and at every width', async ({ page }) => {
  await page.goto('./');
  // the model picker holds its longest label, as after the start-up check marks a model
  await expect(page.getByTestId('model-select').locator('option').first()).toBeAttached();
  for (const lang of ['current', 'other']) {
    if (lang === 'other') await page.getByTestId('lang-switch').click();
    const title = (await page.locator('.app-title').boundingBox())!;
    const sw = (await page.getByTestId('lang-switch').boundingBox())!;
    expect(sw.y, `${lang} language`).toBeLessThan(title.y + title.height);
    expect(sw.y + sw.height, `${lang} language`).toBeGreaterThan(title.y);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  }
});
