/**
 * A batch job on a model server: several documents in flight at once, each answer constrained to the task's
 * grammar, each document answered exactly once, a document cut off at the token limit marked partial (in the
 * exports too), the run's model and settings shown and exported, and the brat export opening in the annotation
 * import as the same documents; and a server that refuses the grammar, on which the job runs unconstrained to the
 * end and says so, in English and Chinese; and the playground running beside a job, its Stop leaving the job's
 * answers whole. Real inference on the test server (node-llama-cpp, the shared tiny Taiyi model); skips, saying
 * why, without it.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startOpenAITestServer, tinyTaiyiMissing, type OpenAITestServer } from './support/openai-server';
import { addServerModel, agreeToHost } from './support/server-model';

const missing = tinyTaiyiMissing();
if (missing) console.warn(`server batch spec ${missing}`);
test.skip(!!missing, missing ?? '');

let server: OpenAITestServer;
test.beforeAll(async () => {
  server = await startOpenAITestServer({ parallel: 4 });
});
test.afterAll(async () => server?.close());
test.afterEach(() => server.misbehave(null));

/** The batch tab with the test server's model added, as a user does. */
async function batchOnServer(page: Page, grammar?: string) {
  await page.goto('./?lang=en&task=batch');
  await agreeToHost(page, server);
  await addServerModel(page, server, { consent: false, grammar });
}

const DOCS = [
  'Aspirin-induced asthma in a child.',
  'Lithium toxicity after ibuprofen.',
  'Cisplatin nephrotoxicity in rats.',
  'Haloperidol and neuroleptic malignant syndrome.',
  'Heparin-induced thrombocytopenia.',
  'Warfarin and bleeding in the elderly.',
];

test('three documents at a time on the server, each with the task grammar and exactly one result; cut answers are partial; the brat zip re-imports', async ({
  page,
}, info) => {
  test.setTimeout(180_000);
  await batchOnServer(page, 'llama-server');
  await page.locator('.task-settings summary').click();
  await expect(page.getByTestId('settings-grammar')).toBeChecked();
  // a few tokens: every answer is cut off at the limit
  await page.getByTestId('settings-max-tokens').fill('3');
  await page.getByTestId('job-concurrency').fill('3');

  await page.getByTestId('batch-paste').fill(DOCS.join('\n\n'));
  await page.getByTestId('batch-paste-add').click();
  await expect(page.getByTestId('batch-draft')).toHaveAttribute('data-count', String(DOCS.length));
  const before = server.requests.length;
  // answers of three tokens take the server a few milliseconds: slowed, the three in flight surely overlap
  server.misbehave({ eventDelayMs: 100 });
  await page.getByTestId('batch-start').click();
  const progress = page.getByTestId('batch-progress');
  await expect(progress).toHaveAttribute('data-done', String(DOCS.length), { timeout: 150_000 });
  await expect(progress).toHaveAttribute('data-state', 'done');
  server.misbehave(null);

  const asked = server.requests.slice(before).filter((r) => r.method === 'POST' && r.path === '/v1/completions');
  expect(asked.map((r) => r.status)).toEqual(Array(DOCS.length).fill(200));
  // each document asked once, with the entities grammar in llama-server's field
  expect(DOCS.map((d) => asked.filter((r) => String(r.body!.prompt).includes(d)).length)).toEqual(Array(DOCS.length).fill(1));
  expect(asked.every((r) => /Chemical/.test(String(r.body!.grammar)))).toBe(true);
  expect(server.peakConcurrency).toBe(3);

  const rows = page.getByTestId('batch-row');
  await expect(rows).toHaveCount(DOCS.length);
  expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(Array(DOCS.length).fill('done'));
  expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-starts')))).toEqual(Array(DOCS.length).fill('1'));
  await expect(rows.first()).toHaveAttribute('data-partial', 'true');
  await expect(rows.first()).toContainText('partial — token limit reached');
  await rows.first().click();
  await expect(page.getByTestId('batch-doc')).toHaveAttribute('data-partial', 'true');
  await expect(page.getByTestId('batch-doc')).toContainText('cut off at the token limit');
  await expect(page.getByTestId('grammar-rejected')).toHaveCount(0);

  // the brat zip export opens in the annotation import as the same documents
  const save = async (format: string) => {
    await page.getByTestId('batch-export').selectOption(format);
    const download = page.waitForEvent('download');
    await page.getByTestId('batch-export-download').click();
    const file = info.outputPath(`batch.${format}`);
    await (await download).saveAs(file);
    return file;
  };
  // the job's run: the server model and the settings it ran with, shown and in the exports; every document partial
  const run = page.getByTestId('batch-runs').getByTestId('provenance');
  await expect(run).toHaveCount(1);
  await expect(run.getByTestId('provenance-model')).toContainText('(openai)');
  await expect(page.getByTestId('batch-doc').getByTestId('provenance-finish')).toHaveText('length');
  const json = JSON.parse(readFileSync(await save('json'), 'utf8')) as {
    provenance: { runs: { model: { engine: string }; settings: { max_tokens: number } }[] };
    documents: { text: string; entities: unknown[]; run: number; partial?: boolean }[];
  };
  expect(json.provenance.runs.map((r) => [r.model.engine, r.settings.max_tokens])).toEqual([['openai', 3]]);
  expect(json.documents.map((d) => [d.run, d.partial])).toEqual(Array(DOCS.length).fill([0, true]));
  const csv = readFileSync(await save('csv'), 'utf8').split('\r\n');
  expect(csv[0]).toMatch(/^\uFEFF?id,status,partial,/);
  const rowsOfCsv = csv.filter((line) => /^pasted-\d+,/.test(line));
  expect(rowsOfCsv.map((row) => row.split(',')[2])).toEqual(Array(DOCS.length).fill('true'));
  const zip = await save('brat');
  await page.getByTestId('tab-entities').click();
  await page.getByTestId('annotations-file-input').setInputFiles(zip);
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  const choices = page.getByTestId('import-document').locator('option');
  await expect(choices).toHaveCount(DOCS.length);
  await expect(page.getByTestId('task-input')).toHaveValue(json.documents[0].text);
  await expect(page.getByTestId('entity')).toHaveCount(json.documents[0].entities.length);
});

for (const lang of ['en', 'zh'] as const) {
  test(`(${lang}) a server that refuses the answer grammar: the job runs unconstrained, every document done, and says so`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const docs = DOCS.slice(0, 3);
    await batchOnServer(page, 'llama-server');
    if (lang === 'zh') {
      await page.getByTestId('lang-switch').click();
      await expect(page.locator('html')).toHaveAttribute('lang', /^zh/);
    }
    await page.locator('.task-settings summary').click();
    await expect(page.getByTestId('settings-grammar')).toBeChecked();
    await page.getByTestId('settings-max-tokens').fill('8');
    server.misbehave({ refuseGrammar: true });

    await page.getByTestId('batch-paste').fill(docs.join('\n\n'));
    await page.getByTestId('batch-paste-add').click();
    const before = server.requests.length;
    await page.getByTestId('batch-start').click();
    const progress = page.getByTestId('batch-progress');
    await expect(progress).toHaveAttribute('data-done', String(docs.length), { timeout: 100_000 });
    await expect(progress).toHaveAttribute('data-state', 'done');
    await expect(progress).toHaveAttribute('data-failed', '0');
    const rows = page.getByTestId('batch-row');
    await expect(rows).toHaveCount(docs.length);
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(Array(docs.length).fill('done'));

    // each document asked with the grammar, refused, and asked again without it
    const asked = server.requests.slice(before).filter((r) => r.method === 'POST' && r.path === '/v1/completions');
    for (const doc of docs) {
      const own = asked.filter((r) => String(r.body!.prompt).includes(doc));
      expect(own.map((r) => [r.status, typeof r.body!.grammar])).toEqual([
        [400, 'string'],
        [200, 'undefined'],
      ]);
    }
    const notice = page.getByTestId('grammar-rejected');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('failed to parse grammar');
    await expect(notice).toContainText(lang === 'zh' ? '引擎不接受此任务的回答格式' : "The engine refused the task's answer format");
  });
}

test('on a model server a tab runs beside a job, and its Stop stops that answer only: the job answers every document once', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const docs = DOCS.slice(0, 3);
  await batchOnServer(page);
  await page.locator('.task-settings summary').click();
  await page.getByTestId('settings-max-tokens').fill('8');
  await page.getByTestId('job-concurrency').fill('1');
  await page.getByTestId('batch-paste').fill(docs.join('\n\n'));
  await page.getByTestId('batch-paste-add').click();
  // slowed, so the job is still answering while the playground's answer starts and is stopped
  server.misbehave({ eventDelayMs: 300 });
  const before = server.requests.length;
  await page.getByTestId('batch-start').click();
  const progress = page.getByTestId('batch-progress');
  await expect(progress).toHaveAttribute('data-state', 'running');

  await page.getByTestId('tab-playground').click();
  await page.getByTestId('task-input').fill('Once upon a time');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('output-raw')).toHaveText(/\S/, { timeout: 30_000 });
  // the job's document and the playground's answer generating on the server side by side when Stop is clicked
  await expect.poll(() => server.running).toBe(2);
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('run')).toBeEnabled();

  await page.getByTestId('tab-batch').click();
  await expect(progress).toHaveAttribute('data-done', String(docs.length), { timeout: 100_000 });
  await expect(progress).toHaveAttribute('data-state', 'done');
  const rows = page.getByTestId('batch-row');
  expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(Array(docs.length).fill('done'));
  // none of the job's answers was cut short and asked again
  const asked = server.requests.slice(before).filter((r) => r.method === 'POST' && r.path === '/v1/completions');
  expect(docs.map((d) => asked.filter((r) => String(r.body!.prompt).includes(d)).length)).toEqual(Array(docs.length).fill(1));
});
