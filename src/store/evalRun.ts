/**
 * The eval tab: one of the paper's test sets, loaded from its public files by the same core loaders as
 * `npm run eval`, run greedy on the loaded model as a queue job, scored by the same core scorer as it goes.
 */
import { create } from 'zustand';
import {
  BenchmarkInputError,
  DATASETS,
  loadBenchmark,
  scoreBenchmark,
  type BenchmarkExample,
  type BenchmarkMetrics,
  type DatasetName,
  type Gold,
} from '../core/benchmarks';
import { selectExamples } from '../core/benchmarks/sample';
import type { Job, JobDoc } from '../core/jobs';
import { jobAnswer } from './jobAnswer';
import { createJob, onDocChange, readAllDocs, registerProcessor, runJob, useJobs } from './jobs';

export interface EvalOptions {
  dataset: DatasetName;
  files: string[];
  limit?: number;
  seed?: number;
}

/** What an eval document keeps: the dataset's reading of the answer. */
export interface EvalResult {
  predicted: Gold;
}

/** A problem with the picked files, by code: the file and line come from the loader. */
export interface EvalProblem {
  code: 'input' | 'needFiles' | 'storage';
  file?: string;
  line?: number;
  detail?: string;
}

interface EvalState {
  dataset: DatasetName;
  files: { name: string; content: string }[];
  limit: string;
  seed: string;
  problem: EvalProblem | null;
  warnings: string[];
  /** The eval job shown. */
  jobId: string | null;
  examples: BenchmarkExample[];
  /** Raw answer by example id, for finished documents that have one. */
  outputs: Map<string, string>;
  /** Ids of examples that finished (with or without an answer). */
  finished: Set<string>;
  metrics: BenchmarkMetrics | null;
  set: (patch: Partial<Pick<EvalState, 'dataset' | 'limit' | 'seed'>>) => void;
}

export const useEval = create<EvalState>()((set) => ({
  dataset: 'bc5cdr-chem',
  files: [],
  limit: '',
  seed: '',
  problem: null,
  warnings: [],
  jobId: null,
  examples: [],
  outputs: new Map(),
  finished: new Set(),
  metrics: null,
  set: (patch) => set({ ...patch, problem: null }),
}));

/** Scoring runs greedy whatever the sampling settings say; each run's record says so. */
const SCORING = { greedy: true } as const;

registerProcessor(
  'eval',
  async (_job, doc, signal, onText) => {
    const example = doc.input as BenchmarkExample;
    const dataset = DATASETS[example.dataset];
    // the answer grammar as `npm run eval --grammar on` sends it; the setting decides, as in the tabs
    const grammar = dataset.grammar?.(example) ?? null;
    const answer = await jobAnswer([{ role: 'user', content: example.prompt }], signal, onText, { ...SCORING, grammar });
    if (answer.kind === 'interrupted') return answer;
    if (answer.kind === 'failed') return { kind: 'failed', raw: [], error: { code: answer.code, message: answer.message } };
    const usage = {
      promptTokens: answer.usage.promptTokens,
      completionTokens: answer.usage.completionTokens,
      generationMs: answer.usage.totalMs,
    };
    // scored from the raw answer, as the CLI scores the exported predictions
    const result: EvalResult = { predicted: dataset.predict(example, answer.text) };
    const finish = {
      finishReasons: [answer.finishReason],
      ...(answer.grammarRejected !== undefined ? { grammarRejected: answer.grammarRejected } : {}),
    };
    return { kind: 'done', raw: [answer.text], result, usage, ...finish };
  },
  SCORING,
);

/** Reads the picked files' text. */
export async function pickEvalFiles(files: readonly File[]): Promise<void> {
  const read = await Promise.all(files.map(async (f) => ({ name: f.webkitRelativePath || f.name, content: await f.text() })));
  useEval.setState({ files: read, problem: null, warnings: [] });
}

const wholeNumber = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : undefined);

/** The examples the current choice covers, or the reason there are none. */
function chosenExamples(): { examples: BenchmarkExample[]; warnings: string[]; options: EvalOptions } | EvalProblem {
  const { dataset, files, limit, seed } = useEval.getState();
  if (!files.length) return { code: 'needFiles' };
  try {
    const loaded = loadBenchmark(
      dataset,
      files.map((f) => ({ path: f.name, content: f.content })),
    );
    const subset = { limit: wholeNumber(limit) || undefined, seed: wholeNumber(seed) };
    if (!subset.limit) subset.seed = undefined;
    return {
      examples: selectExamples(loaded.examples, subset),
      warnings: loaded.warnings,
      options: {
        dataset,
        files: files.map((f) => f.name),
        ...(subset.limit ? { limit: subset.limit } : {}),
        ...(subset.seed !== undefined ? { seed: subset.seed } : {}),
      },
    };
  } catch (e) {
    if (e instanceof BenchmarkInputError)
      return { code: 'input', file: e.file, line: e.line, detail: e.message.replace(/^[^:]*:(\d+:)? /, '') };
    throw e;
  }
}

/** Loads the test set, queues it as a job and runs it. */
export async function startEval(): Promise<void> {
  const chosen = chosenExamples();
  if ('code' in chosen) return void useEval.setState({ problem: chosen });
  const { examples, warnings, options } = chosen;
  useEval.setState({ warnings, problem: null });
  const title = `${DATASETS[options.dataset].title} (${examples.length})`;
  const job = await createJob(
    { kind: 'eval', task: options.dataset, options, title },
    examples.map((ex) => ({ docId: ex.id, input: ex })),
  );
  if (!job) return void useEval.setState({ problem: { code: 'storage', detail: useJobs.getState().storageError ?? undefined } });
  showEvalJob(job.id, examples, []);
  await runJob(job.id);
}

/** Shows a stored eval job: its examples, the answers so far and their score. */
export async function openEvalJob(id: string): Promise<void> {
  const docs = await readAllDocs(id);
  showEvalJob(
    id,
    docs.map((d) => d.input as BenchmarkExample),
    docs.filter((d) => d.status === 'done' || d.status === 'failed'),
  );
}

function showEvalJob(jobId: string, examples: BenchmarkExample[], finishedDocs: readonly JobDoc[]) {
  const outputs = new Map<string, string>();
  const finished = new Set<string>();
  for (const d of finishedDocs) {
    finished.add(d.docId);
    if (d.status === 'done') outputs.set(d.docId, d.raw[0] ?? '');
  }
  const dataset = examples[0]?.dataset;
  useEval.setState({ jobId, examples, outputs, finished, metrics: null, ...(dataset ? { dataset } : {}) });
  rescore();
}

/** The score over the examples finished so far: the same scorer, examples and answers as `npm run eval`. */
function rescore() {
  const { examples, outputs, finished } = useEval.getState();
  if (!examples.length || !finished.size) return void useEval.setState({ metrics: null });
  const dataset = DATASETS[examples[0].dataset];
  useEval.setState({
    metrics: scoreBenchmark(
      dataset,
      examples.filter((ex) => finished.has(ex.id)),
      outputs,
    ),
  });
}

let scoreTimer: ReturnType<typeof setTimeout> | null = null;

onDocChange((job: Job, doc: JobDoc) => {
  const s = useEval.getState();
  if (job.id !== s.jobId || (doc.status !== 'done' && doc.status !== 'failed')) return;
  const outputs = new Map(s.outputs);
  if (doc.status === 'done') outputs.set(doc.docId, doc.raw[0] ?? '');
  else outputs.delete(doc.docId);
  useEval.setState({ outputs, finished: new Set(s.finished).add(doc.docId) });
  // scoring thousands of examples after every answer would be wasted: at most a few times a second, and at the end
  if (job.counts.queued + job.counts.running === 0) return rescore();
  scoreTimer ??= setTimeout(() => {
    scoreTimer = null;
    rescore();
  }, 250);
});

/** `npm run eval -- --predictions` input: one `{"id", "output"}` line per answered example, in order. */
export function predictionsJsonl(): string {
  const { examples, outputs } = useEval.getState();
  return examples
    .filter((ex) => outputs.has(ex.id))
    .map((ex) => JSON.stringify({ id: ex.id, output: outputs.get(ex.id) }))
    .join('\n')
    .concat('\n');
}

/** The command that scores the exported predictions the same way. */
export function cliCommand(options: EvalOptions): string {
  const inputs = options.files.map((f) => `--input ${f}`).join(' ');
  const subset = options.limit ? ` --limit ${options.limit}${options.seed !== undefined ? ` --seed ${options.seed}` : ''}` : '';
  return `npm run eval -- --dataset ${options.dataset} ${inputs}${subset} --predictions predictions.jsonl`;
}
