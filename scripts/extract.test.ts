/**
 * `npm run extract` against real inference (the test server with the shared tiny Taiyi model): a document that
 * fails is recorded and the rest go on, `--resume` retries only it, and the formats are written from the results.
 * Skips, saying why, when the shared fixtures are absent.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAITestServer, tinyTaiyiMissing, type OpenAITestServer } from '../e2e/support/openai-server.ts';
import { taskGrammar } from '../src/core/grammar/index.ts';
import { ENTITY_PRESETS } from '../src/core/tasks/presets.ts';
import { main } from './extract.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SAMPLE = join(ROOT, '..', 'shared', 'benchmarks', 'bc5cdr', 'CDR_TestSet.sample.PubTator.txt');
const missing = tinyTaiyiMissing() ?? (existsSync(SAMPLE) ? null : `skipped: ${SAMPLE} is absent`);
if (missing) console.warn(`npm run extract: ${missing}`);

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe.skipIf(missing)('npm run extract on a model server', () => {
  let server: OpenAITestServer;
  let dir: string;
  let err = '';
  const run = (...argv: string[]) =>
    main([...argv, '--engine', 'openai', '--base-url', server.url, '--model', server.modelName, '--max-tokens', '24', '--retries', '0'], {
      out: () => undefined,
      err: (t) => (err += t),
    });

  beforeAll(async () => {
    server = await startOpenAITestServer({ parallel: 2 });
    dir = mkdtempSync(join(tmpdir(), 'taiyi-extract-'));
    const docs = readFileSync(SAMPLE, 'utf8')
      .trim()
      .split(/\n\s*\n/)
      .slice(0, 4);
    writeFileSync(join(dir, 'four.PubTator.txt'), `${docs.join('\n\n')}\n`);
  }, 60_000);
  afterAll(async () => server?.close());

  it('records a failing document, goes on, and retries only it on --resume; writes BioC JSON', async () => {
    const out = join(dir, 'entities.bioc.json');
    server.misbehave({ status: 500, message: 'boom', times: 1 });
    expect(await run('--task', 'entities', '--input', join(dir, 'four.PubTator.txt'), '--out', out, '--format', 'bioc')).toBe(0);
    const first = lines(`${out}.progress.jsonl`);
    expect(first).toHaveLength(4);
    expect(first.filter((r) => r.error)).toHaveLength(1);
    expect(err).toContain('server-error');
    const bioc = JSON.parse(readFileSync(out, 'utf8')) as { documents: unknown[] };
    expect(bioc.documents).toHaveLength(3);

    const before = server.requests.filter((r) => r.method === 'POST').length;
    expect(await run('--task', 'entities', '--input', join(dir, 'four.PubTator.txt'), '--out', out, '--format', 'bioc', '--resume')).toBe(
      0,
    );
    expect(server.requests.filter((r) => r.method === 'POST').length - before).toBeGreaterThanOrEqual(1);
    const ok = lines(`${out}.progress.jsonl`).filter((r) => !r.error);
    expect(new Set(ok.map((r) => r.id)).size).toBe(4);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { documents: unknown[] }).documents).toHaveLength(4);
    // refuses to mix a new run into old results
    expect(await run('--task', 'entities', '--input', join(dir, 'four.PubTator.txt'), '--out', out, '--format', 'bioc')).toBe(2);
  }, 120_000);

  it('reads a folder of .txt and writes brat; JSONL holds the parsed result and the raw answer', async () => {
    const folder = join(dir, 'texts');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.txt'), 'Aspirin-induced asthma in patients given ibuprofen.');
    writeFileSync(join(folder, 'b.txt'), 'Lithium toxicity after cisplatin.');
    const brat = join(dir, 'brat');
    expect(await run('--task', 'entities', '--input', folder, '--out', brat, '--format', 'brat', '--concurrency', '2')).toBe(0);
    expect(readdirSync(brat).sort()).toEqual(['a.ann', 'a.txt', 'b.ann', 'b.txt']);
    expect(readFileSync(join(brat, 'a.txt'), 'utf8')).toContain('Aspirin-induced');

    const jsonl = join(dir, 'labels.jsonl');
    expect(await run('--task', 'classify', '--input', folder, '--out', jsonl)).toBe(0);
    const records = lines(jsonl);
    expect(records.map((r) => r.id).sort()).toEqual(['a', 'b']);
    expect(records[0]).toHaveProperty('labels');
    expect((records[0]!.raw as string[])[0]!.length).toBeGreaterThan(0);
  }, 120_000);

  it('--grammar on: every request carries the grammar of the task and the answers parse; off (the default) sends none', async () => {
    const input = join(dir, 'four.PubTator.txt');
    const preset = ENTITY_PRESETS.bc5cdr;
    const grammar = taskGrammar(
      'entities',
      { types: preset.names.en, aliases: 'aliases' in preset ? (preset.aliases as Record<string, string>) : undefined },
      'en',
    )!;
    const before = server.requests.length;
    const out = join(dir, 'constrained.jsonl');
    expect(
      await run(
        '--task',
        'entities',
        '--input',
        input,
        '--out',
        out,
        '--lang',
        'en',
        '--grammar',
        'on',
        '--server-grammar',
        'llama-server',
      ),
    ).toBe(0);
    // the generation requests (the parts are sized through /tokenize first)
    const sent = server.requests.slice(before).filter((r) => r.method === 'POST' && r.path.endsWith('/completions'));
    expect(sent.length).toBeGreaterThanOrEqual(4);
    for (const r of sent) expect(r.body!.grammar).toBe(grammar.gbnf);
    const records = lines(out);
    expect(records).toHaveLength(4);
    for (const r of records) expect(r.unparsed).toEqual([]);

    const plain = server.requests.length;
    expect(await run('--task', 'entities', '--input', input, '--out', join(dir, 'plain.jsonl'), '--lang', 'en')).toBe(0);
    for (const r of server.requests.slice(plain).filter((r) => r.method === 'POST')) expect(r.body).not.toHaveProperty('grammar');

    err = '';
    const refused = server.requests.length;
    expect(await run('--task', 'entities', '--input', input, '--out', join(dir, 'unknown.jsonl'), '--grammar', 'on')).toBe(1);
    expect(err).toContain('--server-grammar');
    expect(server.requests.slice(refused).filter((r) => r.method === 'POST')).toHaveLength(0);
    expect(await run('--task', 'entities', '--input', input, '--out', join(dir, 'x.jsonl'), '--grammar', 'maybe')).toBe(2);
  }, 120_000);
});
