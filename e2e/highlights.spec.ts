import { expect, test, type Page } from '@playwright/test';

/**
 * A long text whose highlights the browser draws only near the view: what is out of view must still be
 * reachable from the keyboard and the occurrence list, found by the page's search and read by screen readers.
 */
const PARAGRAPHS = 300;
const paragraphs = Array.from({ length: PARAGRAPHS }, (_, i) => {
  const first = i === 0 ? ' Aspirin was stopped.' : '';
  const last = i === PARAGRAPHS - 1 ? ' Zolpidem was given at night.' : '';
  return `Patient ${i + 1}: famotidine was given and delirium followed.${first}${last}`;
});
const text = paragraphs.join('\n');

interface Mention {
  type: string;
  start: number;
  end: number;
}
const mentions: Mention[] = [];
for (const [word, type] of [
  ['famotidine', 'Chemical'],
  ['delirium', 'Disease'],
  ['Aspirin', 'Chemical'],
  ['Zolpidem', 'Chemical'],
] as const)
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) mentions.push({ type, start: at, end: at + word.length });
mentions.sort((a, b) => a.start - b.start);
const famotidine = mentions.filter((m) => text.slice(m.start, m.end) === 'famotidine');

const ann = mentions.map((m, i) => `T${i + 1}\t${m.type} ${m.start} ${m.end}\t${text.slice(m.start, m.end)}`).join('\n') + '\n';

async function openLongText(page: Page) {
  await page.goto('./?lang=en&task=entities');
  await page.getByTestId('annotations-file-input').setInputFiles([
    { name: 'long.txt', mimeType: 'text/plain', buffer: Buffer.from(text) },
    { name: 'long.ann', mimeType: 'text/plain', buffer: Buffer.from(ann) },
  ]);
  await expect(page.getByTestId('entity')).toHaveCount(mentions.length);
  // the text is longer than its scrolling region, so most of it starts out of view
  const region = page.locator('.highlighted');
  expect(await region.evaluate((el) => el.scrollHeight > 4 * el.clientHeight)).toBe(true);
  return region;
}

const focusedStart = (page: Page) => page.evaluate(() => Number((document.activeElement as HTMLElement).dataset.start));

test('the keyboard and the occurrence list reach highlights far out of view, and scroll them into it', async ({ page }) => {
  const region = await openLongText(page);
  await expect(region).toHaveText(text);
  const last = page.locator(`[data-testid="entity"][data-start="${mentions[mentions.length - 1].start}"]`);
  await expect(last).not.toBeInViewport();

  await page.getByTestId('entity').first().focus();
  await page.keyboard.press('End');
  expect(await focusedStart(page)).toBe(mentions[mentions.length - 1].start);
  await expect(last).toBeInViewport();
  await expect(last).toHaveText('Zolpidem');

  await page.keyboard.press('Home');
  expect(await focusedStart(page)).toBe(mentions[0].start);
  await expect(page.getByTestId('entity').first()).toBeInViewport();
  // Enter lists every famotidine; picking the last one moves the tab stop there and shows it
  await page.keyboard.press('Enter');
  const occurrences = page.getByTestId('occurrence');
  await expect(occurrences).toHaveCount(famotidine.length);
  await occurrences.last().click();
  expect(await focusedStart(page)).toBe(famotidine[famotidine.length - 1].start);
  const target = page.locator(`[data-testid="entity"][data-start="${famotidine[famotidine.length - 1].start}"]`);
  await expect(target).toBeInViewport();
  await expect(target).toBeFocused();
  await expect(region.locator('[tabindex="0"]')).toHaveCount(1);
});

test('text out of view is found by the page search and is in the accessibility tree', async ({ page }) => {
  await openLongText(page);
  const zolpidem = page.locator('[data-testid="entity"]', { hasText: 'Zolpidem' });
  await expect(zolpidem).not.toBeInViewport();
  // the browser's accessibility tree holds the last mention, which is not drawn
  const client = await page.context().newCDPSession(page);
  const { result } = await client.send('Runtime.evaluate', { expression: `document.querySelector('.highlighted')` });
  const { nodes } = await client.send('Accessibility.queryAXTree', { objectId: result.objectId, accessibleName: 'Zolpidem' });
  expect(nodes.filter((n) => !n.ignored).length).toBeGreaterThan(0);

  // window.find is the browser's own find-in-page search, run from the page; the text box holds the text too,
  // so the search goes on from match to match until it reaches the highlighted one
  const found = await zolpidem.evaluate((mark) => {
    const find = (window as unknown as { find(s: string): boolean }).find;
    for (let i = 0; i < 3 && find('Zolpidem was given'); i++) {
      const selection = window.getSelection()!;
      if (selection.rangeCount && selection.getRangeAt(0).intersectsNode(mark)) return selection.toString();
    }
    return null;
  });
  expect(found).toBe('Zolpidem was given');
});
