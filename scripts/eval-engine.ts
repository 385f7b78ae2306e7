/**
 * `npm run eval -- … --engine openai --base-url URL --model NAME [--concurrency N] [--predictions-out P.jsonl]
 * [--resume]`: runs every example of the test set on a model server, appends each prediction to P.jsonl as it
 * finishes (a crash loses only the requests in flight), then scores P.jsonl exactly as `--predictions` does.
 * `--resume` skips the ids already in P.jsonl. Examples that fail (after the engine's retries) are reported and left
 * out of P.jsonl, so a resumed run tries them again. With `--grammar on` each request carries its example's answer
 * grammar.
 */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATASETS, isDatasetName, loadBenchmark, type BenchmarkExample } from '../src/core/benchmarks/index.ts';
import { jsonlLine, readJsonlRecords, runJobs } from '../src/core/jobs/index.ts';
import { toEngineError } from '../src/engine/errors.ts';
import { ENGINE_USAGE, UsageError, connectEngine, takeEngineOptions, takeFlags } from './lib/engine-options.ts';
import { progressBar } from './lib/progress.ts';
import type { EvalIo } from './eval.ts';

export const ENGINE_EVAL_USAGE = `running on a model server:
  npm run eval -- --dataset <name> --input <file>… [--limit N] --engine openai --base-url URL --model NAME
                  [--predictions-out P.jsonl] [--resume] [engine options]
  --predictions-out P.jsonl  where predictions go, one line per example as it finishes (default: a temporary file)
  --resume                   skip the examples already in P.jsonl
engine options:
${ENGINE_USAGE}`;

/** Whether these arguments ask for a model run (else the plain eval handles them). */
export const wantsEngine = (argv: readonly string[]) => argv.some((a) => a === '--engine' || a.startsWith('--engine='));

/**
 * Runs the examples on the server, then hands the remaining arguments plus `--predictions P` to `score`.
 * @returns the exit code: 0 done, 1 unusable input or unreachable server, 2 wrong usage
 */
export async function runEvalOnEngine(argv: readonly string[], io: EvalIo, score: (argv: string[], io: EvalIo) => number): Promise<number> {
  const usage = (message: string) => {
    io.err(`${message}\n${ENGINE_EVAL_USAGE}\n`);
    return 2;
  };
  let parsed;
  try {
    const engine = takeEngineOptions(argv);
    const own = takeFlags(engine.rest, ['--predictions-out'], ['--resume']);
    parsed = { options: engine.options!, out: own.values.get('--predictions-out'), resume: own.values.has('--resume'), rest: own.rest };
    // the dataset flags are read here and also passed on to the scorer
    const peek = takeFlags(own.rest, ['--dataset', '--input', '--limit', '--predictions', '--emit-prompts', '--out']);
    if (peek.values.has('--predictions')) return usage('--predictions reads an existing file; with --engine, use --predictions-out');
  } catch (e) {
    if (e instanceof UsageError) return usage(e.message);
    throw e;
  }
  const { options, resume, rest } = parsed;
  if (resume && !parsed.out) return usage('--resume needs --predictions-out (the file to resume)');
  const dataset = rest[rest.indexOf('--dataset') + 1];
  if (!rest.includes('--dataset') || !dataset || !isDatasetName(dataset)) return score(rest, io); // the scorer explains
  const inputs = rest.flatMap((a, i) => (a === '--input' ? [rest[i + 1]!] : []));
  const limitAt = rest.indexOf('--limit');
  const limit = limitAt >= 0 ? Number(rest[limitAt + 1]) : undefined;

  let examples: BenchmarkExample[];
  try {
    examples = loadBenchmark(
      dataset,
      inputs.map((path) => ({ path, content: io.readFile(path) })),
    ).examples;
  } catch {
    return score(rest, io); // the scorer reads the same files and says what is wrong with them
  }
  if (limit && limit > 0) examples = examples.slice(0, limit);

  const out = parsed.out ?? join(mkdtempSync(join(tmpdir(), 'taiyi-eval-')), 'predictions.jsonl');
  let done = new Set<string>();
  if (existsSync(out) && readFileSync(out, 'utf8').length > 0) {
    if (!resume) return usage(`${out} already has predictions: add --resume to go on with it, or choose another file`);
    const text = readFileSync(out, 'utf8');
    const read = readJsonlRecords(text);
    if (read.badLines.length) {
      io.err(`error: ${out}: lines ${read.badLines.slice(0, 10).join(', ')} are not predictions {"id", "output"}\n`);
      return 1;
    }
    if (read.validLength < text.length) truncateSync(out, Buffer.byteLength(text.slice(0, read.validLength))); // a torn last line
    done = read.ids;
  }

  const connected = await connectEngine(options, io);
  if (!connected) return 1;
  const grammarOf = DATASETS[dataset].grammar;
  const bar = progressBar(examples.filter((ex) => !done.has(ex.id)).length, 'examples');
  const failures: string[] = [];
  const summary = await runJobs({
    items: examples,
    idOf: (ex) => ex.id,
    skip: done,
    concurrency: options.concurrency,
    step: (ex) => connected.ask(ex.prompt, grammarOf?.(ex)),
    onResult: (o, p) => {
      if (o.ok) appendFileSync(out, jsonlLine({ id: o.id, output: o.result }));
      else {
        const err = toEngineError(o.error);
        failures.push(`${o.id}: ${err.code}${err.detail ? ` (${err.detail})` : ''}`);
      }
      bar.update(p.done, p.failed);
    },
  });
  bar.stop();
  connected.reportRefusals(io);
  io.err(
    `${summary.done - summary.failed} predicted, ${summary.skipped} already in ${out}, ${summary.failed} failed (${(summary.elapsedMs / 1000).toFixed(1)} s)\n`,
  );
  for (const f of failures.slice(0, 20)) io.err(`failed: ${f}\n`);
  if (failures.length) io.err(`run again with --resume --predictions-out ${out} to retry the failed examples\n`);
  io.err(`predictions: ${out}\n`);
  // emitted prompts carry their grammars too when the run was constrained
  const emitGrammar = options.grammar && rest.includes('--emit-prompts') ? ['--grammar', 'on'] : [];
  return score([...rest, ...emitGrammar, '--predictions', out], io);
}
