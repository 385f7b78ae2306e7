/**
 * Benchmark evaluation from the command line:
 *   npm run eval -- --dataset <name> --input <file> [--input <file>…] [--limit N [--seed S]]
 *                   [--emit-prompts FILE] [--predictions FILE] [--out FILE]
 * --limit takes the first N examples; with --seed, N at random (the page's eval tab picks the same ones).
 * --emit-prompts writes one JSON line per example: {"id", "dataset", "prompt", "gold"}.
 * --predictions reads JSON lines {"id", "output"} (raw model text), scores them with the core parsers, prints
 * the metrics JSON and writes it to --out. Exit codes: 0 done, 1 unusable input, 2 wrong usage.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchmarkInputError, DATASETS, DATASET_NAMES, isDatasetName, loadBenchmark, readPredictions, scoreBenchmark } from '../src/core/benchmarks/index.ts';
import type { InputFile } from '../src/core/benchmarks/index.ts';
import { selectExamples } from '../src/core/benchmarks/sample.ts';

export interface EvalIo {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
}

const USAGE = `usage: npm run eval -- --dataset <name> --input <file> [--input <file>…] [--limit N [--seed S]]
                     [--emit-prompts FILE] [--predictions FILE] [--out FILE]
datasets:
${DATASET_NAMES.map((n) => `  ${n.padEnd(15)} ${DATASETS[n].files}`).join('\n')}`;

interface Args {
  dataset?: string;
  inputs: string[];
  limit?: number;
  seed?: number;
  emitPrompts?: string;
  predictions?: string;
  out?: string;
  help: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { inputs: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') {
      args.help = true;
      continue;
    }
    const [name, inline] = flag.startsWith('--') && flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--dataset':
        args.dataset = value();
        break;
      case '--input':
        args.inputs.push(value());
        break;
      case '--limit': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--limit needs a positive whole number, not "${v}"`);
        args.limit = Number(v);
        break;
      }
      case '--seed': {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError(`--seed needs a whole number, not "${v}"`);
        args.seed = Number(v);
        break;
      }
      case '--emit-prompts':
        args.emitPrompts = value();
        break;
      case '--predictions':
        args.predictions = value();
        break;
      case '--out':
        args.out = value();
        break;
      default:
        throw new UsageError(`unknown argument "${flag}"`);
    }
  }
  return args;
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
  if (args.seed !== undefined && !args.limit) return usage('--seed picks --limit examples at random: give --limit N too');
  if (args.out && !args.predictions) return usage('--out writes metrics, which need --predictions');

  const dataset = DATASETS[args.dataset];
  try {
    const { examples: all, warnings } = loadBenchmark(dataset.name, args.inputs.map((p) => read(io, p)));
    for (const w of warnings.slice(0, 20)) io.err(`warning: ${w}\n`);
    if (warnings.length > 20) io.err(`warning: … and ${warnings.length - 20} more\n`);
    const examples = selectExamples(all, { limit: args.limit, seed: args.seed });

    if (args.emitPrompts) {
      const lines = examples.map((ex) => JSON.stringify({ id: ex.id, dataset: ex.dataset, prompt: ex.prompt, gold: ex.gold }));
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
