/**
 * Throughput on a model server: documents per minute at concurrency 1, 2 and 4, running BC5CDR entity prompts
 * through the `openai` engine and the core job runner. Without `--base-url` it starts the OpenAI-compatible test
 * server (node-llama-cpp, the shared tiny Taiyi model, 4 parallel slots); with it, it measures that server:
 *   npm run bench:server [-- --base-url URL --model NAME] [--docs N] [--max-tokens N]
 * The figures say how well requests overlap; the tiny model on a CPU is no guide to a GPU server's speed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBenchmark } from '../src/core/benchmarks/index.ts';
import { runJobs } from '../src/core/jobs/index.ts';
import { startOpenAITestServer, tinyTaiyiMissing } from '../e2e/support/openai-server.ts';
import { connectEngine, takeFlags } from './lib/engine-options.ts';

const SAMPLE = join(import.meta.dirname, '..', '..', 'shared', 'benchmarks', 'bc5cdr', 'CDR_TestSet.sample.PubTator.txt');
const { values } = takeFlags(process.argv.slice(2), ['--base-url', '--model', '--docs', '--max-tokens', '--api-key']);
const docs = Number(values.get('--docs') ?? 12);
const maxTokens = Number(values.get('--max-tokens') ?? 48);

if (!existsSync(SAMPLE)) {
  console.log(`bench:server skipped: ${SAMPLE} is absent`);
  process.exit(0);
}
const local = !values.has('--base-url');
if (local && tinyTaiyiMissing()) {
  console.log(`bench:server ${tinyTaiyiMissing()}`);
  process.exit(0);
}
const server = local ? await startOpenAITestServer({ parallel: 4 }) : null;
const baseUrl = values.get('--base-url') ?? server!.url;
const model = values.get('--model') ?? server?.modelName ?? 'taiyi';
const examples = loadBenchmark('bc5cdr-chem', [{ path: SAMPLE, content: readFileSync(SAMPLE, 'utf8') }]).examples.slice(0, docs);

console.log(
  `${examples.length} BC5CDR abstracts, ${maxTokens} answer tokens at most, on ${baseUrl} (${model})${local ? ' — the tiny test model on this CPU' : ''}`,
);
for (const concurrency of [1, 2, 4]) {
  const connected = await connectEngine(
    {
      baseUrl,
      model,
      apiKey: values.get('--api-key') ?? process.env.TAIYI_API_KEY,
      promptFormat: 'taiyi',
      concurrency,
      maxTokens,
      timeoutMs: 120_000,
      retries: 3,
      grammar: false,
      serverGrammar: 'none',
    },
    { err: (t) => void process.stderr.write(t) },
  );
  if (!connected) process.exit(1);
  const { engine, params } = connected;
  let tokens = 0;
  const summary = await runJobs({
    items: examples,
    idOf: (ex) => ex.id,
    concurrency,
    step: async (ex) => {
      const result = await engine.generate({ turns: [{ role: 'user', content: ex.prompt }], params }, () => undefined);
      tokens += result.usage.completionTokens;
    },
  });
  const minutes = summary.elapsedMs / 60_000;
  console.log(
    `concurrency ${concurrency}: ${(summary.done / minutes).toFixed(1)} documents/minute, ${(tokens / (minutes * 60)).toFixed(0)} answer tokens/s` +
      `${summary.failed ? `, ${summary.failed} failed` : ''}`,
  );
}
await server?.close();
