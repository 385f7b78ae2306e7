import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStorage } from './support/pwa';
import { stopAtFirstText } from './support/stop';
import { dataPath } from '../test-data/index.ts';

const fixtures = join(import.meta.dirname, '.fixtures');
const pubtator = dataPath('benchmarks/bc5cdr/CDR_TestSet.sample.PubTator.txt');

interface Mention {
  start: number;
  end: number;
  text: string;
  type: string;
}

/** The first document of a PubTator file, read here independently of the app's reader. */
function firstDocument(path: string): { id: string; mentions: Mention[]; relations: string[][] } {
  const block = readFileSync(path, 'utf8').split(/\r?\n\r?\n/)[0];
  const lines = block.split(/\r?\n/).filter(Boolean);
  const id = lines[0].split('|')[0];
  const cols = lines.filter((l) => !/^\d+\|[ta]\|/.test(l)).map((l) => l.split('\t'));
  return {
    id,
    mentions: cols.filter((c) => c.length >= 5).map(([, s, e, text, type]) => ({ start: Number(s), end: Number(e), text, type })),
    relations: cols.filter((c) => c.length === 4).map(([, type, a, b]) => [type, a, b]),
  };
}

const status = (page: Page) => page.getByTestId('model-status');

async function loadLocalModel(page: Page, file: string) {
  await page.getByText('Add a model').click();
  await page.getByTestId('model-file-input').setInputFiles(join(fixtures, file));
  await expect(status(page)).toHaveAttribute('data-state', 'ready', { timeout: 120_000 }); // a busy machine loads slowly
}

async function setMaxTokens(page: Page, n: number) {
  await page.locator('.task-settings summary').click();
  await page.getByTestId('settings-max-tokens').fill(String(n));
}

/** Records every length the raw answer passes through: streaming shows several, a one-shot answer one. */
async function recordRawLengths(page: Page) {
  await page.getByTestId('output-raw').evaluate((el) => {
    const w = window as unknown as { rawLengths: number[] };
    w.rawLengths = [];
    new MutationObserver(() => w.rawLengths.push(el.textContent!.length)).observe(el, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
}
const rawLengths = (page: Page) => page.evaluate(() => (window as unknown as { rawLengths: number[] }).rawLengths);

test.describe('annotation import', () => {
  test('every mention of the first PubTator document is highlighted at its offsets, and relations show mention text', async ({ page }) => {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    const doc = firstDocument(pubtator);
    expect(doc.mentions.length).toBeGreaterThan(5);

    await page.goto('./?lang=en&task=entities');
    await page.getByTestId('annotations-file-input').setInputFiles(pubtator);
    const entities = page.getByTestId('entity');
    await expect(entities).toHaveCount(doc.mentions.length);
    for (const m of doc.mentions) {
      const mark = page.locator(`[data-testid="entity"][data-start="${m.start}"][data-end="${m.end}"][data-type="${m.type}"]`);
      await expect(mark, `${m.text} at ${m.start}-${m.end}`).toHaveCount(1);
      await expect(mark).toHaveText(m.text);
    }
    // The legend counts mentions per type and hides a type on request.
    const chemicals = doc.mentions.filter((m) => m.type === 'Chemical').length;
    const chemical = page.locator('[data-testid="legend-type"][data-type="Chemical"]');
    await expect(chemical).toContainText(String(chemicals));
    await chemical.click();
    await expect(chemical).toHaveAttribute('aria-pressed', 'false');
    await expect(entities).toHaveCount(doc.mentions.length - chemicals);
    await chemical.click();
    await expect(entities).toHaveCount(doc.mentions.length);

    // One import fills the relations tab too; arguments read as the file's mentions, not MeSH ids.
    await page.getByTestId('tab-relations').click();
    const rows = page.getByTestId('relation-row');
    await expect(rows).toHaveCount(doc.relations.length);
    const [, head, tail] = doc.relations[0];
    const row = rows.first();
    await expect(row.getByTestId('relation-head')).not.toContainText(head);
    await expect(row.getByTestId('relation-tail')).not.toContainText(tail);
    await expect(row.getByTestId('relation-head')).toContainText(/famotidine/i);
    await expect(row.getByTestId('relation-tail')).toContainText('delirium');
    // Focusing the row outlines both arguments' mentions in the text.
    await row.focus();
    await expect(page.locator('mark.emph')).toHaveCount(doc.mentions.filter((m) => /famotidine|delirium/i.test(m.text)).length);
    expect(problems).toEqual([]);
  });

  test('the highlighted text is one tab stop with arrow keys between mentions, and results survive tab switches', async ({ page }) => {
    const doc = firstDocument(pubtator);
    await page.goto('./?lang=en&task=entities');
    await page.getByTestId('annotations-file-input').setInputFiles(pubtator);
    const first = page.getByTestId('entity').first();
    await expect(first).toHaveAttribute('tabindex', '0');
    await expect(page.locator('.highlighted [tabindex="0"]')).toHaveCount(1);
    await first.focus();
    await page.keyboard.press('ArrowRight');
    const focused = () => page.evaluate(() => (document.activeElement as HTMLElement).dataset.start);
    expect(Number(await focused())).toBe(doc.mentions[1].start);
    await page.keyboard.press('End');
    expect(Number(await focused())).toBe(doc.mentions[doc.mentions.length - 1].start);
    // Enter lists every occurrence of the mention (same type and text, any case).
    await page.keyboard.press('Enter');
    const same = doc.mentions.filter((m) => m.text.toLowerCase() === doc.mentions[doc.mentions.length - 1].text.toLowerCase());
    await expect(page.getByTestId('occurrence')).toHaveCount(same.length);

    await page.getByTestId('tab-qa').click();
    await expect(page.getByTestId('task-input')).toBeVisible();
    await page.getByTestId('tab-entities').click();
    await expect(page.getByTestId('entity')).toHaveCount(doc.mentions.length);
  });

  test('switching the language translates the workbench and keeps the result', async ({ page }) => {
    await page.goto('./?lang=en&task=entities');
    await page.getByTestId('annotations-file-input').setInputFiles(pubtator);
    await expect(page.getByText('View an annotation file')).toBeVisible();
    // the file's mentions are shown before the switch, so the count below is of a finished import
    const count = firstDocument(pubtator).mentions.length;
    await expect(page.getByTestId('entity')).toHaveCount(count);
    await page.getByTestId('lang-switch').click();
    await expect(page.getByTestId('tab-entities')).toHaveText('实体识别');
    await expect(page.getByText('查看标注文件')).toBeVisible();
    await expect(page.getByTestId('run')).toHaveText('运行');
    await expect(page.getByTestId('entity')).toHaveCount(count);
  });

  test('a file that is neither PubTator nor BioC JSON is reported and the page stays usable', async ({ page }) => {
    await page.goto('./?lang=en&task=entities');
    await page
      .getByTestId('annotations-file-input')
      .setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{ not json') });
    await expect(page.getByTestId('import-error')).toContainText('Could not read the file');
    await page.getByTestId('annotations-file-input').setInputFiles(pubtator);
    await expect(page.getByTestId('import-error')).toHaveCount(0);
    await expect(page.getByTestId('entity').first()).toBeVisible();
  });
});

test('every export format the page writes opens again to the same view', async ({ page }, info) => {
  const doc = '1|t|Famotidine-associated delirium.\n1\t0\t10\tFamotidine\tChemical\tD015738\n1\t22\t30\tdelirium\tDisease\tD003693\n';
  await page.goto('./?lang=en&task=entities');
  const open = (files: Parameters<Page['setInputFiles']>[1]) => page.getByTestId('annotations-file-input').setInputFiles(files);
  const expectView = async () => {
    await expect(page.getByTestId('entity')).toHaveCount(2);
    await expect(page.locator('[data-testid="entity"][data-type="Chemical"][data-start="0"][data-end="10"]')).toHaveText('Famotidine');
    await expect(page.locator('[data-testid="entity"][data-type="Disease"][data-start="22"][data-end="30"]')).toHaveText('delirium');
  };
  await open({ name: 'one.pubtator', mimeType: 'text/plain', buffer: Buffer.from(doc) });
  await expectView();
  for (const format of ['json', 'bioc', 'pubtator', 'brat']) {
    await page.getByTestId('export-format').selectOption(format);
    const count = format === 'brat' ? 2 : 1;
    const downloads: string[] = [];
    const done = new Promise<void>((resolve) => {
      page.on('download', async function onDownload(d) {
        const path = info.outputPath(`${format}-${d.suggestedFilename()}`);
        await d.saveAs(path);
        downloads.push(path);
        if (downloads.length === count) {
          page.off('download', onDownload);
          resolve();
        }
      });
    });
    await page.getByTestId('export-download').click();
    await done;
    await open(downloads);
    await expect(page.getByTestId('import-error')).toHaveCount(0);
    // the file just written is the one shown
    await expect(page.locator('.doc-picker [role=status]')).toContainText(`${format}-`);
    await expectView();
  }
});

test('a BioC file counting offsets in code points highlights the right characters after an emoji, and says so', async ({ page }) => {
  const title = 'Fever 🤒 and cough';
  const bioc = {
    documents: [
      {
        id: 'p',
        passages: [
          {
            offset: 0,
            text: title,
            annotations: [
              { id: '1', infons: { type: 'Disease' }, text: 'cough', locations: [{ offset: [...title].indexOf('c'), length: 5 }] },
            ],
          },
        ],
      },
    ],
  };
  await page.goto('./?lang=en&task=entities');
  await page
    .getByTestId('annotations-file-input')
    .setInputFiles({ name: 'python.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bioc)) });
  await expect(page.getByTestId('entity')).toHaveText('cough');
  await expect(page.getByTestId('import-offsets')).toHaveAttribute('data-units', 'codepoints');
  await expect(page.getByText(/1 problem/)).toHaveCount(0);
});

test('an entity type keeps its colour and underline in every document and after a reload', async ({ page }) => {
  const one = '1|t|Aspirin and fever.\n1\t0\t7\tAspirin\tChemical\tD001241\n1\t12\t17\tfever\tDisease\tD005334\n';
  const two = '2|t|Fever after aspirin.\n2\t0\t5\tFever\tDisease\tD005334\n2\t12\t19\taspirin\tChemical\tD001241\n';
  const classOf = (type: string) =>
    page
      .locator(`[data-testid="entity"][data-type="${type}"]`)
      .first()
      .evaluate((el) => [...el.classList].filter((c) => /^[cp]\d$/.test(c)).join(' '));
  const open = (name: string, text: string) =>
    page.getByTestId('annotations-file-input').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.goto('./?lang=en&task=entities');
  await open('one.pubtator', one);
  await expect(page.getByTestId('entity')).toHaveCount(2);
  const chemical = await classOf('Chemical');
  const disease = await classOf('Disease');
  expect(chemical).not.toBe(disease);
  await open('two.pubtator', two);
  await expect(page.getByTestId('entity').first()).toHaveText('Fever');
  expect(await classOf('Chemical')).toBe(chemical);
  await page.reload();
  await open('two.pubtator', two);
  await expect(page.getByTestId('entity').first()).toHaveText('Fever');
  expect(await classOf('Disease')).toBe(disease);
  expect(await classOf('Chemical')).toBe(chemical);
});

test.describe('typed text is never lost without a way back', () => {
  const mine = 'My own notes on this patient, typed here and saved nowhere.';
  const pubtatorDoc = '1|t|Famotidine-associated delirium.\n1\t0\t10\tFamotidine\tChemical\tD015738\n';

  test('an example chosen with ArrowDown on the closed list, an opened .txt and an imported file can each be undone', async ({ page }) => {
    await page.goto('./?lang=en&task=entities');
    const input = page.getByTestId('task-input');
    await input.fill(mine);
    await page.getByTestId('example-picker').focus();
    await page.keyboard.press('ArrowDown');
    await expect(input).not.toHaveValue(mine);
    await page.getByTestId('input-undo').click();
    await expect(input).toHaveValue(mine);

    await page
      .locator('.task-input-area input[type=file]')
      .setInputFiles({ name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('Another text.') });
    await expect(input).toHaveValue('Another text.');
    await page.getByTestId('input-undo').click();
    await expect(input).toHaveValue(mine);

    await page
      .getByTestId('annotations-file-input')
      .setInputFiles({ name: 'one.pubtator', mimeType: 'text/plain', buffer: Buffer.from(pubtatorDoc) });
    await expect(page.getByTestId('entity')).toHaveCount(1);
    await page.getByTestId('input-undo').click();
    await expect(input).toHaveValue(mine);
    await expect(page.getByTestId('entity')).toHaveCount(0);
  });

  test('each tab keeps its text and last result across a reload, until "clear all data"', async ({ page }) => {
    await page.goto('./?lang=en&task=entities');
    await page
      .getByTestId('annotations-file-input')
      .setInputFiles({ name: 'one.pubtator', mimeType: 'text/plain', buffer: Buffer.from(pubtatorDoc) });
    await expect(page.getByTestId('entity')).toHaveCount(1);
    await page.getByTestId('tab-qa').click();
    await page.getByTestId('task-input').fill(mine);
    // saved a moment after typing pauses
    await expect.poll(() => page.evaluate(() => indexedDB.databases().then((d) => d.map((x) => x.name)))).toContain('taiyi-tabs');
    await page.waitForTimeout(1500);
    await page.reload();
    await page.getByTestId('tab-qa').click();
    await expect(page.getByTestId('task-input')).toHaveValue(mine);
    await page.getByTestId('tab-entities').click();
    await expect(page.locator('[data-testid="entity"][data-start="0"][data-end="10"]')).toHaveText('Famotidine');

    await openStorage(page);
    await page.getByTestId('clear-all-data').click();
    const reloaded = page.waitForEvent('load');
    await page.getByTestId('clear-all-confirm').click();
    await reloaded;
    await page.getByTestId('tab-qa').click();
    await expect(page.getByTestId('task-input')).toHaveValue('');
  });
});

test.describe('a document too long for a text area', () => {
  const abstract = 'Famotidine-associated delirium was seen in a patient given cisplatin. ';
  const book = abstract.repeat(Math.ceil(200_000 / abstract.length));
  const count = (page: Page, n: number) => page.locator('.input-tools').getByText(`${n} characters`, { exact: true });

  test('opens into the long-text editor, where typing, undo and the keyboard work as in a text area, and comes back after a reload', async ({
    page,
  }) => {
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) refused.push(m.text());
    });
    await page.goto('./?lang=en&task=entities');
    await page
      .locator('.task-input-area input[type=file]')
      .setInputFiles({ name: 'book.txt', mimeType: 'text/plain', buffer: Buffer.from(book) });
    const editor = page.locator('.long-text').getByRole('textbox', { name: 'Text' });
    await expect(editor).toHaveAttribute('data-testid', 'task-input');
    await expect(count(page, book.length)).toBeVisible();
    await expect(editor).toContainText(abstract.trim()); // the first lines are shown

    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Done.');
    await page.keyboard.press('Tab'); // Tab leaves the box, as it leaves a text area
    await expect(editor).not.toBeFocused();
    await expect(count(page, book.length + 6)).toBeVisible();
    await page.keyboard.press('Shift+Tab'); // and Shift+Tab comes back to it
    await expect(editor).toBeFocused();
    await page.keyboard.press('Control+z');
    await editor.blur();
    await expect(count(page, book.length)).toBeVisible();
    await editor.focus();
    await page.keyboard.press('Control+Shift+z');
    await editor.blur();
    await expect(count(page, book.length + 6)).toBeVisible();

    await page.waitForTimeout(1500); // the tab's text is saved a moment after it changed
    await page.reload();
    await expect(page.locator('.long-text').getByRole('textbox', { name: 'Text' })).toBeVisible();
    await expect(count(page, book.length + 6)).toBeVisible();
    expect(refused).toEqual([]);
  });

  test('a long paste into the text area moves into the editor with the caret kept; an example brings the text area back, and undo the editor', async ({
    page,
  }) => {
    await page.goto('./?lang=en&task=entities');
    const input = page.getByTestId('task-input');
    await input.fill(book);
    const editor = page.locator('.long-text').getByRole('textbox', { name: 'Text' });
    await expect(editor).toBeFocused();
    await page.keyboard.type('!'); // the caret is where the paste ended
    await editor.blur();
    await expect(count(page, book.length + 1)).toBeVisible();
    await page.getByTestId('example-picker').selectOption({ index: 1 });
    await expect(page.locator('.long-text')).toHaveCount(0);
    await expect(input).not.toHaveValue('');
    await page.getByTestId('input-undo').click();
    await expect(editor).toBeVisible();
    await expect(count(page, book.length + 1)).toBeVisible();
  });
});

test.describe('running tasks on the GGUF test model', () => {
  test('an entity run streams the raw answer and the structured view says nothing was parseable', async ({ page }) => {
    await page.goto('./?lang=en&task=entities');
    await loadLocalModel(page, 'tiny-llama.gguf');
    await setMaxTokens(page, 40);
    // unconstrained: the random model then writes nothing an entity parser can read
    await page.getByTestId('settings-grammar').uncheck();
    await page.getByTestId('task-input').fill('Famotidine-associated delirium in six patients.');
    await recordRawLengths(page);
    await page.getByTestId('run').click();
    await expect(page.getByTestId('nothing-parsed')).toBeVisible({ timeout: 30_000 });
    await expect(status(page)).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('output-raw')).not.toBeEmpty();
    expect(new Set((await rawLengths(page)).filter((n) => n > 0)).size).toBeGreaterThan(1);
    await expect(page.getByTestId('entity')).toHaveCount(0);
    await expect(page.getByTestId('nothing-parsed')).toContainText('nothing that could be read as entities');
  });

  test('a long text runs part by part with progress, each part with its own raw answer', async ({ page }) => {
    await page.goto('./?lang=en&task=entities');
    await loadLocalModel(page, 'tiny-llama.gguf');
    await setMaxTokens(page, 16);
    await page.getByTestId('settings-grammar').uncheck();
    await page.getByTestId('example-picker').selectOption('nerBc5cdr');
    const abstract = await page.getByTestId('task-input').inputValue();
    await page.getByTestId('task-input').fill(`${abstract}\n\n${abstract}`);
    await page.getByTestId('run').click();
    const progress = page.getByTestId('chunk-progress');
    await expect(progress).toContainText(/All \d+ parts done/, { timeout: 60_000 });
    const total = Number(/All (\d+) parts/.exec((await progress.textContent())!)![1]);
    expect(total).toBeGreaterThan(1);
    await expect(page.locator('.raw-chunk-head')).toHaveCount(total);
    await expect(page.getByTestId('model-error')).toHaveCount(0);
    await expect(page.getByTestId('nothing-parsed')).toBeVisible();
  });

  test('a question streams into the Markdown answer', async ({ page }) => {
    await page.goto('./?lang=en&task=qa');
    await loadLocalModel(page, 'tiny-llama.gguf');
    await setMaxTokens(page, 30);
    await page.getByTestId('task-input').fill('What is the treatment of diabetes?');
    await page.getByTestId('run').click();
    await expect(status(page)).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    await expect(page.getByTestId('qa-answer')).not.toBeEmpty();
    const raw = (await page.getByTestId('output-raw').textContent())!.replace(/\s+/g, ' ').trim();
    expect((await page.getByTestId('qa-answer').textContent())!.replace(/\s+/g, ' ').trim()).toBe(raw);
  });

  test('an answer cut off at the token limit is marked partial, and the limit can be raised', async ({ page }) => {
    await page.goto('./?lang=en&task=entities');
    await loadLocalModel(page, 'tiny-llama.gguf');
    await setMaxTokens(page, 8);
    // unconstrained, the random model never ends an answer by itself, so the limit cuts it
    await page.getByTestId('settings-grammar').uncheck();
    await page.getByTestId('task-input').fill('Famotidine-associated delirium in six patients.');
    await page.getByTestId('run').click();
    const notice = page.getByTestId('run-truncated');
    await expect(notice).toContainText('cut off at the token limit (8 tokens)', { timeout: 30_000 });
    await expect(page.getByTestId('task-result')).toHaveAttribute('data-partial', 'true');
    await page.getByTestId('raise-max-tokens').click();
    await expect(page.getByTestId('settings-max-tokens')).toHaveValue('16');
    await expect(notice).toContainText('(16 tokens)', { timeout: 30_000 });
    await expect(status(page)).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('task-result')).toHaveAttribute('data-partial', 'true');
    // where the result came from: model, how the answer ended, and the same in the JSON export
    await page.getByTestId('provenance').locator('summary').click();
    await expect(page.getByTestId('provenance-model')).toContainText('tiny-llama.gguf');
    await expect(page.getByTestId('provenance-finish')).toHaveText('length');
    await expect(page.getByTestId('provenance')).toContainText('Famotidine-associated delirium in six patients.');
  });

  test('stop ends an answer midway, says so, and the tab can run again', async ({ page }) => {
    await page.goto('./?lang=en&task=relations');
    await loadLocalModel(page, 'slow-llama.gguf');
    await setMaxTokens(page, 400);
    await page.getByTestId('task-input').fill('Indomethacin induced hypotension in sodium and volume depleted rats.');
    await stopAtFirstText(page);
    await page.getByTestId('run').click();
    await expect(status(page)).toHaveAttribute('data-state', 'ready');
    await expect(page.getByText('Stopped.')).toBeVisible();
    const words = (await page.getByTestId('output-raw').textContent())!.trim().split(/\s+/).length;
    expect(words).toBeLessThan(400);
    await expect(page.getByTestId('stop')).toBeDisabled();
    await expect(page.getByTestId('run')).toBeEnabled();
  });
});
