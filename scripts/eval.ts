/**
 * Benchmark evaluation from the command line:
 *   npm run eval -- --dataset <name> --input <file> [--input <file>…] [--limit N]
 *                   [--emit-prompts FILE] [--grammar on|off] [--predictions FILE] [--out FILE]
 * --emit-prompts writes one JSON line per example: {"id", "dataset", "prompt", "gold"}; with --grammar on also
 * "grammar": {"gbnf", "ebnf"}, the grammar of the answer's format, for a runner that constrains decoding
 * (llama-server `grammar`, vLLM, WebLLM). Off unless asked: prompts stay small, and a runner opts in.
 * --predictions reads JSON lines {"id", "output"} (raw model text), scores them with the core parsers, prints
 * the metrics JSON and writes it to --out. Exit codes: 0 done, 1 unusable input, 2 wrong usage.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchmarkInputError, DATASETS, DATASET_NAMES, isDatasetName, loadBenchmark, readPredictions, scoreBenchmark } from '../src/core/benchmarks/index.ts';
import type { InputFile } from '../src/core/benchmarks/index.ts';
import { parseCommandLine, positiveInteger, UsageError } from './cli.ts';

export interface EvalIo {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
}

const USAGE = `usage: npm run eval -- --dataset <name> --input <file> [--input <file>…] [--limit N]
                     [--emit-prompts FILE] [--grammar on|off] [--predictions FILE] [--out FILE]
datasets:
${DATASET_NAMES.map((n) => `  ${n.padEnd(15)} ${DATASETS[n].files}`).join('\n')}`;

interface Args {
  dataset?: string;
  inputs: string[];
  limit?: number;
  emitPrompts?: string;
  /** Add each prompt's answer grammar to the emitted lines. */
  grammar: boolean;
  predictions?: string;
  out?: string;
  help: boolean;
}

/** The command line, with node:util's parseArgs. @throws UsageError */
function parseArgs(argv: readonly string[]): Args {
  const { values, positionals } = parseCommandLine(argv, {
    dataset: { type: 'string' },
    input: { type: 'string', multiple: true },
    limit: { type: 'string' },
    'emit-prompts': { type: 'string' },
    grammar: { type: 'string' },
    predictions: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (positionals.length) throw new UsageError(`unknown argument "${positionals[0]}"`);
  if (values.grammar !== undefined && values.grammar !== 'on' && values.grammar !== 'off')
    throw new UsageError(`--grammar takes on or off, not "${values.grammar}"`);
  return {
    dataset: values.dataset,
    inputs: values.input ?? [],
    limit: positiveInteger('limit', values.limit),
    emitPrompts: values['emit-prompts'],
    grammar: values.grammar === 'on',
    predictions: values.predictions,
    out: values.out,
    help: !!values.help,
  };
}

/** Reads a file or reports which one could not be read and why. */
function read(io: EvalIo, path: string): InputFile {
  try {
    return { path, content: io.readFile(path) };
  } catch (e) {
    throw new BenchmarkInputError(path, undefined, `cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** Runs the tool; returns the exit code. */
export function main(argv: readonly string[], io: EvalIo): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const usage = (message: string) => {
    io.err(`${message}\n${USAGE}\n`);
    return 2;
  };
  if (!args.dataset) return usage('--dataset is required');
  if (!isDatasetName(args.dataset)) return usage(`unknown dataset "${args.dataset}"; expected one of ${DATASET_NAMES.join(', ')}`);
  if (args.inputs.length === 0) return usage(`--input is required (${args.dataset}: ${DATASETS[args.dataset].files})`);
  if (!args.emitPrompts && !args.predictions) return usage('nothing to do: give --emit-prompts FILE and/or --predictions FILE');
  if (args.out && !args.predictions) return usage('--out writes metrics, which need --predictions');
  if (args.grammar && !args.emitPrompts) return usage('--grammar on adds grammars to the prompts, which need --emit-prompts');

  const dataset = DATASETS[args.dataset];
  try {
    const { examples: all, warnings } = loadBenchmark(dataset.name, args.inputs.map((p) => read(io, p)));
    for (const w of warnings.slice(0, 20)) io.err(`warning: ${w}\n`);
    if (warnings.length > 20) io.err(`warning: … and ${warnings.length - 20} more\n`);
    const examples = args.limit ? all.slice(0, args.limit) : all;

    if (args.emitPrompts) {
      const lines = examples.map((ex) => {
        const grammar = args.grammar ? dataset.grammar?.(ex) : null;
        return JSON.stringify({ id: ex.id, dataset: ex.dataset, prompt: ex.prompt, gold: ex.gold, ...(grammar ? { grammar } : {}) });
      });
      io.writeFile(args.emitPrompts, lines.join('\n') + '\n');
      io.err(`wrote ${examples.length} ${dataset.name} prompts to ${args.emitPrompts}\n`);
    }
    if (args.predictions) {
      // Ids of the whole input are known, so a --limit run may reuse a full prediction file.
      const outputs = readPredictions(read(io, args.predictions), new Set(all.map((ex) => ex.id)));
      const metrics = scoreBenchmark(dataset, examples, outputs);
      if (metrics.missing)
        io.err(
          `warning: ${metrics.missing} of ${metrics.n} examples have no prediction in ${args.predictions} and count as wrong: ` +
            `${metrics.missing_ids.slice(0, 10).join(', ')}${metrics.missing > 10 ? ', …' : ''}\n`,
        );
      const json = JSON.stringify(metrics, null, 2);
      io.out(`${json}\n`);
      if (args.out) io.writeFile(args.out, `${json}\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof BenchmarkInputError) {
      io.err(`error: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

const nodeIo: EvalIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  readFile: (p) => readFileSync(p, 'utf8'),
  writeFile: (p, t) => writeFileSync(p, t),
};

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2), nodeIo);
}
