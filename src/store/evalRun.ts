/**
 * The eval tab: one of the paper's test sets, loaded from its public files by the same core loaders as
 * `npm run eval`, run greedy on the loaded model as a queue job, scored by the same core scorer as it goes.
 */
import { create } from 'zustand';
import {
  BenchmarkInputError,
  DATASETS,
  loadBenchmark,
  type BenchmarkExample,
  type BenchmarkMetrics,
  type DatasetName,
  type Gold,
} from '../core/benchmarks';
import { selectExamples } from '../core/benchmarks/sample';
import { compareGold } from '../core/benchmarks/compare';
import { combineScores, scoreExample, type ExampleScore } from '../core/benchmarks/score';
import type { Job, JobDoc } from '../core/jobs';
import type { TaskGrammar } from '../core/grammar';
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

/** A finished example as read once when its answer came: its share of the score, and whether it is all right. */
export interface FinishedExample {
  score: ExampleScore;
  /** The prediction differs from the gold (an item missed or extra). */
  wrong: boolean;
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
  /** The examples that finished (with or without an answer): what each adds to the score, read once. */
  finished: Map<string, FinishedExample>;
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
  finished: new Map(),
  metrics: null,
  set: (patch) => set({ ...patch, problem: null }),
}));

/** Scoring runs greedy whatever the sampling settings say; each run's record says so. */
const SCORING = { greedy: true } as const;

/** The answer grammar of an example as `npm run eval --grammar on` sends it; the setting decides, as in the tabs. */
const exampleGrammar = (example: BenchmarkExample): TaskGrammar | null => DATASETS[example.dataset].grammar?.(example) ?? null;

registerProcessor<TaskGrammar | null>('eval', {
  // the grammar is made while the example before runs
  prepare: (_job, doc) => exampleGrammar(doc.input as BenchmarkExample),
  process: async (_job, doc, signal, onText, prepared) => {
    const example = doc.input as BenchmarkExample;
    const dataset = DATASETS[example.dataset];
    const grammar = prepared === undefined ? exampleGrammar(example) : prepared;
    const answer = await jobAnswer([{ role: 'user', content: example.prompt }], signal, onText, { ...SCORING, grammar });
    if (answer.kind === 'interrupted') return answer;
    if (answer.kind === 'failed') return { kind: 'failed', raw: [], error: { code: answer.code, message: answer.message } };
    const usage = {
      promptTokens: answer.usage.promptTokens,
      completionTokens: answer.usage.completionTokens,
      generationMs: answer.usage.totalMs,
    };
    // scored from the raw answer, as the CLI scores the exported predictions; read once the next example has gone
    const result = (): EvalResult => ({ predicted: dataset.predict(example, answer.text) });
    const finish = {
      finishReasons: [answer.finishReason],
      ...(answer.grammarRejected !== undefined ? { grammarRejected: answer.grammarRejected } : {}),
    };
    return { kind: 'answered', raw: [answer.text], result, usage, ...finish };
  },
  sampling: SCORING,
});

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
  const byId = new Map(examples.map((ex) => [ex.id, ex]));
  const outputs = new Map<string, string>();
  const finished = new Map<string, FinishedExample>();
  for (const d of finishedDocs) record(byId.get(d.docId), d, outputs, finished);
  const dataset = examples[0]?.dataset;
  useEval.setState({ jobId, examples, outputs, finished, metrics: null, ...(dataset ? { dataset } : {}) });
  rescore();
}

type FinishedDoc = Pick<JobDoc, 'docId' | 'status' | 'raw'>;

/** Reads a finished document's answer once, as `npm run eval` reads it from the exported predictions. */
function record(
  example: BenchmarkExample | undefined,
  doc: FinishedDoc,
  outputs: Map<string, string>,
  finished: Map<string, FinishedExample>,
) {
  if (!example) return;
  const output = doc.status === 'done' ? (doc.raw[0] ?? '') : undefined;
  if (output === undefined) outputs.delete(doc.docId);
  else outputs.set(doc.docId, output);
  const dataset = DATASETS[example.dataset];
  const predicted = dataset.predict(example, output ?? '');
  const wrong = compareGold(example.gold, predicted).some((item) => item.inGold !== item.inPrediction);
  finished.set(doc.docId, { score: scoreExample(dataset, example, predicted), wrong });
}

/**
 * The score over the examples finished so far, from their kept shares: the same scorer, examples and answers as
 * `npm run eval`, without reading any answer again (a pass over numbers, cheap at 10,000 examples).
 */
function rescore() {
  const { examples, outputs, finished } = useEval.getState();
  if (!examples.length || !finished.size) return void useEval.setState({ metrics: null });
  const scores: ExampleScore[] = [];
  const missing: string[] = [];
  for (const ex of examples) {
    const done = finished.get(ex.id);
    if (!done) continue;
    scores.push(done.score);
    if (!outputs.has(ex.id)) missing.push(ex.id);
  }
  useEval.setState({ metrics: combineScores(DATASETS[examples[0].dataset], scores, missing) });
}

/** Documents finished since the last update of the view, with their job: applied together, a few times a second. */
const pending: (FinishedDoc & { jobId: string })[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;

function flush() {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = null;
  const s = useEval.getState();
  const byId = new Map(s.examples.map((ex) => [ex.id, ex]));
  const outputs = new Map(s.outputs);
  const finished = new Map(s.finished);
  // a job shown meanwhile (a new one, or one opened from the list) takes only its own documents
  for (const doc of pending.splice(0)) if (doc.jobId === s.jobId) record(byId.get(doc.docId), doc, outputs, finished);
  useEval.setState({ outputs, finished });
  rescore();
}

onDocChange((job: Job, doc: JobDoc) => {
  if (job.id !== useEval.getState().jobId || (doc.status !== 'done' && doc.status !== 'failed')) return;
  pending.push({ jobId: job.id, docId: doc.docId, status: doc.status, raw: [...doc.raw] });
  if (job.counts.queued + job.counts.running === 0) return flush();
  flushTimer ??= setTimeout(flush, 250);
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
