/**
 * Benchmark evaluation from the command line:
 *   npm run eval -- --dataset <name> --input <file> [--input <file>…] [--limit N [--seed S]]
 *                   [--emit-prompts FILE] [--grammar on|off] [--predictions FILE] [--out FILE] [--spans] [--variant NAME]
 *   npm run eval -- --dataset <name> --variants
 * --emit-prompts writes one JSON line per prompt: {"id", "dataset", "prompt", "gold", "generation"}, the last
 * being the settings a runner should generate with (greedy decoding, a token limit). With --grammar on each line
 * also has "grammar": {"gbnf", "ebnf"}, the grammar of the answer's format, for a runner that constrains decoding
 * (llama-server `grammar`, vLLM, WebLLM); off unless asked, so prompts stay small and a runner opts in.
 * --spans (NER sets) adds strict span-level figures; --variant picks a prompt variant (--variants lists them;
 * a variant with several prompts per example uses ids "<id>#<key>").
 * --limit takes the first N examples; with --seed, N at random (the page's eval tab picks the same ones).
 * --predictions reads JSON lines {"id", "output"} (raw model text), scores them with the core parsers, prints
 * the metrics JSON and writes it to --out. Exit codes: 0 done, 1 unusable input, 2 wrong usage.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BenchmarkInputError,
  DATASETS,
  DATASET_NAMES,
  findVariant,
  generationFor,
  isDatasetName,
  loadBenchmark,
  promptId,
  promptVariants,
  readPredictions,
  scoreBenchmark,
} from '../src/core/benchmarks/index.ts';
import type { InputFile } from '../src/core/benchmarks/index.ts';
import { selectExamples } from '../src/core/benchmarks/sample.ts';
import { parseCommandLine, positiveInteger, UsageError } from './cli.ts';
import { ENGINE_EVAL_USAGE, runEvalOnEngine, wantsEngine } from './eval-engine.ts';

/** A seed: any whole number, zero included. @throws UsageError */
function wholeNumber(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${option} needs a whole number, not "${value}"`);
  return Number(value);
}

export interface EvalIo {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
}

const USAGE = `usage: npm run eval -- --dataset <name> --input <file> [--input <file>…] [--limit N [--seed S]]
                     [--emit-prompts FILE] [--grammar on|off] [--predictions FILE] [--out FILE] [--spans] [--variant NAME]
       npm run eval -- --dataset <name> --variants      (lists the prompt variants)
datasets:
${DATASET_NAMES.map((n) => `  ${n.padEnd(15)} ${DATASETS[n].files}`).join('\n')}
${ENGINE_EVAL_USAGE}`;

interface Args {
  dataset?: string;
  inputs: string[];
  limit?: number;
  seed?: number;
  emitPrompts?: string;
  /** Add each prompt's answer grammar to the emitted lines. */
  grammar: boolean;
  predictions?: string;
  out?: string;
  spans: boolean;
  variant?: string;
  listVariants: boolean;
  help: boolean;
}

/** The command line, with node:util's parseArgs. @throws UsageError */
function parseArgs(argv: readonly string[]): Args {
  const { values, positionals } = parseCommandLine(argv, {
    dataset: { type: 'string' },
    input: { type: 'string', multiple: true },
    limit: { type: 'string' },
    seed: { type: 'string' },
    'emit-prompts': { type: 'string' },
    grammar: { type: 'string' },
    predictions: { type: 'string' },
    out: { type: 'string' },
    spans: { type: 'boolean' },
    variant: { type: 'string' },
    variants: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (positionals.length) throw new UsageError(`unknown argument "${positionals[0]}"`);
  if (values.grammar !== undefined && values.grammar !== 'on' && values.grammar !== 'off')
    throw new UsageError(`--grammar takes on or off, not "${values.grammar}"`);
  return {
    dataset: values.dataset,
    inputs: values.input ?? [],
    limit: positiveInteger('limit', values.limit),
    seed: wholeNumber('seed', values.seed),
    emitPrompts: values['emit-prompts'],
    grammar: values.grammar === 'on',
    predictions: values.predictions,
    out: values.out,
    spans: !!values.spans,
    variant: values.variant,
    listVariants: !!values.variants,
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
  if (args.listVariants) {
    io.out(
      promptVariants(args.dataset)
        .map((v) => `${v.name} ${v.description}\n`)
        .join(''),
    );
    return 0;
  }
  const variant = findVariant(args.dataset, args.variant);
  if (!variant)
    return usage(
      `unknown variant "${args.variant}" for ${args.dataset}; expected one of ${promptVariants(args.dataset)
        .map((v) => v.name)
        .join(', ')}`,
    );
  if (args.spans && DATASETS[args.dataset].task !== 'ner') return usage(`--spans scores NER sets; ${args.dataset} is not one`);
  if (args.inputs.length === 0) return usage(`--input is required (${args.dataset}: ${DATASETS[args.dataset].files})`);
  if (!args.emitPrompts && !args.predictions) return usage('nothing to do: give --emit-prompts FILE and/or --predictions FILE');
  if (args.seed !== undefined && !args.limit) return usage('--seed picks --limit examples at random: give --limit N too');
  if (args.out && !args.predictions) return usage('--out writes metrics, which need --predictions');
  if (args.grammar && !args.emitPrompts) return usage('--grammar on adds grammars to the prompts, which need --emit-prompts');

  const dataset = DATASETS[args.dataset];
  try {
    const { examples: all, warnings } = loadBenchmark(
      dataset.name,
      args.inputs.map((p) => read(io, p)),
    );
    for (const w of warnings.slice(0, 20)) io.err(`warning: ${w}\n`);
    if (warnings.length > 20) io.err(`warning: … and ${warnings.length - 20} more\n`);
    const examples = selectExamples(all, { limit: args.limit, seed: args.seed });

    if (args.emitPrompts) {
      const generation = generationFor(dataset);
      const lines = examples.flatMap((ex) => {
        const grammar = args.grammar ? dataset.grammar?.(ex) : null;
        return variant.prompts(ex).map((p) =>
          JSON.stringify({
            id: promptId(ex, p),
            dataset: ex.dataset,
            prompt: p.prompt,
            gold: ex.gold,
            generation,
            ...(grammar ? { grammar } : {}),
          }),
        );
      });
      io.writeFile(args.emitPrompts, lines.join('\n') + '\n');
      io.err(`wrote ${lines.length} ${dataset.name} prompts (${variant.name}) to ${args.emitPrompts}\n`);
    }
    if (args.predictions) {
      // Ids of the whole input are known, so a --limit run may reuse a full prediction file.
      const ids = new Set(all.flatMap((ex) => variant.prompts(ex).map((p) => promptId(ex, p))));
      const outputs = readPredictions(read(io, args.predictions), ids);
      const metrics = scoreBenchmark(dataset, examples, outputs, { spans: args.spans, variant });
      if (metrics.missing)
        io.err(
          `warning: ${metrics.missing} of ${metrics.n} examples have no prediction in ${args.predictions} and count as wrong: ` +
            `${metrics.missing_ids.slice(0, 10).join(', ')}${metrics.missing > 10 ? ', …' : ''}\n`,
        );
      if (metrics.spans)
        io.err(
          `${dataset.name}: F1 ${metrics.score} (mention strings, as the paper scores) · span-level F1 ${metrics.spans.f1} (P ${metrics.spans.precision}, R ${metrics.spans.recall})\n`,
        );
      if (metrics.unmapped)
        io.err(`${dataset.name}: ${metrics.unmapped} predicted pairs map to no MeSH id of their document and count as false positives\n`);
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
  const argv = process.argv.slice(2);
  // a run on a model server first writes the predictions, then scores them like --predictions
  if (wantsEngine(argv)) process.exitCode = await runEvalOnEngine(argv, nodeIo, main);
  else process.exitCode = main(argv, nodeIo);
}
