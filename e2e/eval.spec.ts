import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { main } from '../scripts/eval';
import { stretchedButtons } from './support/layout';
import { startModelServer, type ModelServer } from './support/model-server';
import { bc5cdrSample, missingShared, openWithTinyTaiyi, sharedFixtures } from './support/tiny-taiyi';

const missing = missingShared();
if (missing) console.log(`eval spec ${missing}`);
test.skip(!!missing, missing ?? '');

let server: ModelServer;
test.beforeAll(async () => {
  server = await startModelServer({ root: sharedFixtures });
});
test.afterAll(async () => server?.close());

/** `npm run eval` in process, on files from disk. */
function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = main(argv, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    readFile: (p) => readFileSync(p, 'utf8'),
    writeFile: () => undefined,
  });
  return { code, out, err };
}

test('BC5CDR-Chem runs on the tiny Taiyi model and scores what npm run eval scores on the exported predictions', async ({ page }, info) => {
  test.setTimeout(600_000);
  await openWithTinyTaiyi(page, server.url, 'eval', 16);
  await page.getByTestId('eval-dataset').selectOption('bc5cdr-chem');
  await page.getByTestId('eval-file-input').setInputFiles(bc5cdrSample);
  // the shared sample holds 20 of the 500 test abstracts: all of them
  await page.getByTestId('eval-run').click();
  const progress = page.getByTestId('eval-progress');
  await expect(progress).toHaveAttribute('data-total', '20');
  await expect(progress).toHaveAttribute('data-done', '20', { timeout: 540_000 });
  await expect(progress).toHaveAttribute('data-state', 'done');
  const score = page.getByTestId('eval-score');
  await expect(score).toHaveAttribute('data-n', '20');
  const pageScore = Number(await score.getAttribute('data-score'));
  await expect(page.getByTestId('eval-paper')).toContainText('Taiyi 80.2, GPT-3.5 60.3');
  await expect(page.getByTestId('eval-example')).toHaveCount(20);
  // the exports and the example pager keep their buttons' own width
  expect(await stretchedButtons(page)).toEqual([]);

  const download = page.waitForEvent('download');
  await page.getByTestId('eval-export-predictions').click();
  const file = info.outputPath('predictions.jsonl');
  await (await download).saveAs(file);
  const lines = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(lines).toHaveLength(20);
  expect(lines.every((l) => typeof l.id === 'string' && typeof l.output === 'string' && l.output.length > 0)).toBe(true);

  const scored = cli(['--dataset', 'bc5cdr-chem', '--input', bc5cdrSample, '--limit', '20', '--seed', '5', '--predictions', file]);
  expect(scored.code).toBe(0);
  const metrics = JSON.parse(scored.out);
  expect(metrics.n).toBe(20);
  expect(metrics.missing).toBe(0);
  expect(Math.abs(metrics.score - pageScore)).toBeLessThan(0.01);
  await expect(page.getByTestId('eval-cli')).toContainText(
    'npm run eval -- --dataset bc5cdr-chem --input CDR_TestSet.sample.PubTator.txt --predictions',
  );
});
