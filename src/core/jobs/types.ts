/**
 * A job: one task with its options over a list of documents, each with its own status, answer and usage.
 * Plain data, so it is stored as is (IndexedDB in the page, memory in tests and Node).
 */
import type { RunSource } from '../run.ts';

export type DocStatus = 'queued' | 'running' | 'done' | 'failed';

export const DOC_STATUSES: readonly DocStatus[] = ['queued', 'running', 'done', 'failed'];

/** What a document's run cost, from the engine's own figures. */
export interface DocUsage {
  promptTokens: number;
  completionTokens: number;
  /** The engine's generation time, summed over the document's prompts. */
  generationMs: number;
  /** Wall time from start to result, parsing included. */
  wallMs: number;
}

export interface DocError {
  /** An engine error code or a job-level one (`parse`, `input`, …); picks the translated message. */
  code: string;
  message: string;
}

export interface JobDoc<I = unknown, R = unknown> {
  jobId: string;
  /** Position in the job; documents run in this order. */
  index: number;
  /** The document's own id: PMID, file name, example id. */
  docId: string;
  input: I;
  status: DocStatus;
  /** Raw model answers, one per prompt (one per chunk of a long document). */
  raw: string[];
  result?: R;
  error?: DocError;
  usage?: DocUsage;
  /**
   * How each answer ended, one per prompt: `stop`, or `length` when it was cut off at the token limit (the result
   * is partial). Absent in jobs stored before it was kept.
   */
  finishReasons?: string[];
  /** Runs started; above one when a run was cut off (reload, pause) and ran again. */
  starts: number;
  /** Which of the job's `runs` gave its answers (an index), set when it finished. Absent in jobs stored before it was kept. */
  run?: number;
  finishedAt?: number;
}

/** `ready`: never started. `running` as stored means the page went away mid-run: it is offered to resume. */
export type JobState = 'ready' | 'running' | 'paused' | 'cancelled' | 'done';

export interface JobTotals {
  promptTokens: number;
  completionTokens: number;
  generationMs: number;
}

export interface Job<O = unknown> {
  id: string;
  kind: 'batch' | 'eval';
  /** The task (batch) or dataset name (eval). */
  task: string;
  options: O;
  /** Shown in the job list: the file names, the dataset. */
  title: string;
  createdAt: number;
  state: JobState;
  /** Why a job paused by itself (the model went away), as a code. */
  pauseReason?: string;
  total: number;
  counts: Record<DocStatus, number>;
  /** Summed over documents that finished. */
  totals: JobTotals;
  /** Wall time spent running, over every session. */
  elapsedMs: number;
  /** The engine's words when it refused an answer grammar and documents ran unconstrained. */
  grammarRejected?: string;
  /**
   * The model and settings the job ran with, one entry per different one (a resume on the same model and
   * settings adds none; one on another model does), each with when it first started. Documents point at theirs
   * (`JobDoc.run`). Absent in jobs stored before it was kept.
   */
  runs?: RunSource[];
}

/** Where jobs live. Every write of a job with its documents is one transaction. */
export interface JobStore {
  getJob(id: string): Promise<Job | undefined>;
  /** Up to `limit` documents of a job with the status, in index order from index `from`. */
  docsWithStatus(jobId: string, status: DocStatus, from: number, limit: number): Promise<JobDoc[]>;
  save(job: Job, docs: readonly JobDoc[]): Promise<void>;
}

export const emptyCounts = (): Record<DocStatus, number> => ({ queued: 0, running: 0, done: 0, failed: 0 });

/** A new job over documents (`input` and own id each), all queued, in the order given. */
export function newJob<O, I>(
  fields: Pick<Job<O>, 'id' | 'kind' | 'task' | 'options' | 'title'> & { createdAt?: number },
  inputs: readonly { docId: string; input: I }[],
): { job: Job<O>; docs: JobDoc<I>[] } {
  const job: Job<O> = {
    ...fields,
    createdAt: fields.createdAt ?? Date.now(),
    state: 'ready',
    total: inputs.length,
    counts: { ...emptyCounts(), queued: inputs.length },
    totals: { promptTokens: 0, completionTokens: 0, generationMs: 0 },
    elapsedMs: 0,
  };
  const docs = inputs.map(({ docId, input }, index): JobDoc<I> => ({
    jobId: job.id,
    index,
    docId,
    input,
    status: 'queued',
    raw: [],
    starts: 0,
  }));
  return { job, docs };
}

/** Whether a document's result is partial: an answer was cut off at the token limit. */
export const isPartial = (doc: Pick<JobDoc, 'finishReasons'>): boolean => doc.finishReasons?.includes('length') === true;

/** The index of the job's run entry for a run starting with `source`: an equal one (model, settings, page), else a new one. */
export function recordRun(job: Job, source: RunSource): number {
  const key = ({ model, settings, page }: RunSource) => JSON.stringify([model, settings, page]);
  const runs = job.runs ?? [];
  const found = runs.findIndex((r) => key(r) === key(source));
  if (found >= 0) return found;
  job.runs = [...runs, source];
  return runs.length;
}

/** Moves a document to another status, keeping the job's counts in step. */
export function setStatus(job: Job, doc: JobDoc, status: DocStatus): void {
  job.counts[doc.status]--;
  job.counts[status]++;
  doc.status = status;
}
