import { expect, test } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { stretchedButtons } from './support/layout';
import { startModelServer, type ModelServer } from './support/model-server';
import { bc5cdrSample, missingShared, openWithTinyTaiyi, sharedFixtures } from './support/tiny-taiyi';

const missing = missingShared();
if (missing) console.log(`batch spec with the tiny Taiyi model ${missing}`);

let server: ModelServer;
test.beforeAll(async () => {
  if (!missing) server = await startModelServer({ root: sharedFixtures });
});
test.afterAll(async () => server?.close());

/** The PMIDs of a PubTator file, read here independently of the app. */
const pmids = (path: string) => [
  ...new Set(
    readFileSync(path, 'utf8')
      .split(/\r?\n/)
      .flatMap((l) => /^(\d+)\|t\|/.exec(l)?.[1] ?? []),
  ),
];

test('20 PubTator abstracts run through the batch tab across a reload, each exactly once, and the export re-imports', async ({
  page,
}, info) => {
  test.skip(!!missing, missing ?? '');
  test.setTimeout(900_000);
  const ids = pmids(bc5cdrSample);
  expect(ids).toHaveLength(20);
  await openWithTinyTaiyi(page, server.url, 'batch', 12);
  await page.getByTestId('batch-file-input').setInputFiles(bc5cdrSample);
  await expect(page.getByTestId('batch-draft')).toHaveAttribute('data-count', '20');
  await page.getByTestId('batch-task').selectOption('entities');
  await page.getByTestId('batch-start').click();
  const progress = page.getByTestId('batch-progress');
  await expect(progress).toHaveAttribute('data-total', '20');
  await expect(page).toHaveTitle(/^\[\d+\/20\] /);
  // cut the job off part of the way through: the page reloads itself a moment after a third document is done (its
  // write reaches the store in the background; polled from here, a fast machine could finish the job first); the
  // progress is looked up afresh at every change, as the view may replace its element
  const reloaded = page.waitForEvent('load', { timeout: 400_000 });
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let cutting = false;
        const cut = () => {
          const done = Number(document.querySelector('[data-testid="batch-progress"]')?.getAttribute('data-done') ?? 0);
          if (cutting || done < 3) return;
          cutting = true;
          resolve();
          setTimeout(() => location.reload(), 250);
        };
        new MutationObserver(cut).observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['data-done'],
        });
        cut();
      }),
  );
  await reloaded;
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 180_000 });
  await expect(progress).toHaveAttribute('data-state', 'interrupted');
  const before = Number(await progress.getAttribute('data-done'));
  expect(before).toBeGreaterThanOrEqual(3);
  expect(before).toBeLessThan(20);
  await page.getByTestId('batch-resume').click();
  await expect(progress).toHaveAttribute('data-done', '20', { timeout: 700_000 });
  await expect(progress).toHaveAttribute('data-state', 'done');
  await expect(page).not.toHaveTitle(/\[\d+\/20\]/);

  const rows = page.getByTestId('batch-row');
  await expect(rows).toHaveCount(20);
  expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(Array(20).fill('done'));
  expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-doc-id')))).toEqual(ids);
  // at most the one document in flight at the reload ran twice (the next one is stored running only once the one
  // before is stored done)
  const starts = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-starts'))));
  expect(starts.filter((n) => n === 2).length).toBeLessThanOrEqual(1);
  expect(starts.every((n) => n === 1 || n === 2)).toBe(true);

  // opening a row shows the document as the entities tab does
  await rows.first().click();
  await expect(page.getByTestId('batch-doc')).toHaveAttribute('data-doc-id', ids[0]);
  // the sources, the controls and the export keep their buttons' own width
  expect(await stretchedButtons(page)).toEqual([]);

  const save = async (format: string, name: string) => {
    await page.getByTestId('batch-export').selectOption(format);
    const download = page.waitForEvent('download');
    await page.getByTestId('batch-export-download').click();
    const file = info.outputPath(name);
    await (await download).saveAs(file);
    return file;
  };
  const json = JSON.parse(readFileSync(await save('json', 'batch.json'), 'utf8'));
  expect(json.documents.map((d: { id: string }) => d.id)).toEqual(ids);
  expect(json.documents.every((d: { status: string; raw: string[] }) => d.status === 'done' && d.raw.length >= 1)).toBe(true);

  const pubtator = await save('pubtator', 'batch.pubtator.txt');
  expect(pmids(pubtator)).toEqual(ids);
  // the export comes back in unchanged: as documents of a new batch, and through the annotation import
  await page.getByTestId('batch-file-input').setInputFiles(pubtator);
  await expect(page.getByTestId('batch-draft')).toHaveAttribute('data-count', '20');
  await expect(page.getByTestId('batch-import-error')).toHaveCount(0);
  const firstEntities = json.documents[0].entities.length;
  await page.getByTestId('tab-entities').click();
  await page.getByTestId('annotations-file-input').setInputFiles(pubtator);
  await expect(page.getByTestId('import-document').locator('option')).toHaveCount(20);
  await expect(page.getByTestId('entity')).toHaveCount(firstEntities);
});

test('a bad file is named with its line and what was gathered stays', async ({ page }) => {
  await page.goto('./?lang=en&task=batch');
  await page.getByTestId('batch-paste').fill('First note.\n\nSecond note.');
  await page.getByTestId('batch-paste-add').click();
  await expect(page.getByTestId('batch-draft')).toHaveAttribute('data-count', '2');
  await page
    .getByTestId('batch-file-input')
    .setInputFiles({ name: 'notes.jsonl', mimeType: 'application/json', buffer: Buffer.from('{"id": 1, "text": "ok"}\n{"id": 2\n') });
  await expect(page.getByTestId('batch-import-error')).toContainText('notes.jsonl, line 2');
  await expect(page.getByTestId('batch-draft')).toHaveAttribute('data-count', '2');
  await page
    .getByTestId('batch-file-input')
    .setInputFiles({ name: 'rows.csv', mimeType: 'text/csv', buffer: Buffer.from('pmid,abstract\n11,"Aspirin, asthma"\n12,Ibuprofen\n') });
  await expect(page.getByTestId('batch-column-text')).toHaveValue('abstract');
  await page.getByTestId('batch-columns-add').click();
  await expect(page.getByTestId('batch-draft')).toHaveAttribute('data-count', '4');
});

test('a zip too large to read in place is unpacked in a worker: its documents join, a bad member is named, a bomb is refused', async ({
  page,
}) => {
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto('./?lang=en&task=batch');
  // 40 notes of random text, which does not pack: the zip is over 256 KB
  const notes = Array.from({ length: 40 }, () => randomBytes(7500).toString('base64'));
  const corpus = zipSync({
    ...Object.fromEntries(notes.map((text, i) => [`notes/${i + 1}.txt`, strToU8(text)])),
    'more.jsonl': strToU8('{"id": "j1", "text": "Heparin."}\n{"id": 2\n'),
  });
  expect(corpus.length).toBeGreaterThan(256 * 1024);
  const pick = (name: string, bytes: Uint8Array) =>
    page.getByTestId('batch-file-input').setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(bytes) });
  await pick('corpus.zip', corpus);
  await expect(page.getByTestId('batch-import-error')).toContainText('Could not read corpus.zip › more.jsonl, line 2');
  await expect(page.getByTestId('batch-draft')).toHaveAttribute('data-count', '40');
  expect(workers.filter((url) => url.includes('zipFile.worker'))).toHaveLength(1);

  // the last entry of the central directory, bomb.txt's, claims almost 4 GB
  const bomb = zipSync({ 'pad.bin': randomBytes(300_000), 'bomb.txt': strToU8('Aspirin.') }, { level: 0 });
  const view = new DataView(bomb.buffer, bomb.byteOffset);
  const entry = bomb.findLastIndex((_, p) => p + 4 <= bomb.length && view.getUint32(p, true) === 0x02014b50);
  view.setUint32(entry + 24, 0xfffffff0, true);
  await pick('bomb.zip', bomb);
  await expect(page.getByTestId('batch-import-error')).toContainText('Could not read bomb.zip');
  await expect(page.getByTestId('batch-import-error')).toContainText('its files would unpack to more than 100 MB');
  await expect(page.getByTestId('batch-draft')).toHaveAttribute('data-count', '40');
});

test('the batch and eval tabs fit a 360 px screen in Chinese and are usable from the keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto('./?lang=zh&task=batch');
  await expect(page.getByTestId('tab-batch')).toHaveText('批量处理');
  await page.getByTestId('batch-paste').focus();
  await page.keyboard.type('第一篇。\n\n第二篇。');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('batch-paste-add')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('batch-draft')).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('batch-draft')).toContainText('2 篇文档待排队');
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.getByTestId('tab-eval').click();
  await expect(page.getByTestId('eval-dataset')).toBeVisible();
  await expect(page.getByText('运行测试集')).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
});
