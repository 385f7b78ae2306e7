/**
 * The job queue of the page: jobs listed from IndexedDB, at most one running (one request at a time on a local
 * engine, the configured number on a model server), its progress as plain data. Documents stay in IndexedDB;
 * views read the rows they show.
 */
import { create } from 'zustand';
import { JobRunner, newJob, requeueFailed, type DocOutcome, type Job, type JobDoc } from '../core/jobs';
import { idbJobStore } from './jobsDb';
import { useModel } from './model';
import { releaseHold } from './modelActions';
import { useSettings } from './settings';
import { throttle } from '../core/throttle';
import { runSource } from './taskRun';
import type { RunSource } from '../core/run';

/** How one kind of job runs its documents: the batch tab's tasks, the eval tab's test sets. */
export interface DocProcessor<P = unknown> {
  /** Runs one document; `prepared` is what `prepare` made of it, when it did. */
  process(job: Job, doc: JobDoc, signal: AbortSignal, onText: (piece: string) => void, prepared: P | undefined): Promise<DocOutcome>;
  /** Makes ahead what `process` needs (its prompts and chunks) while the document before it runs. */
  prepare?(job: Job, doc: JobDoc): P;
  /** What its runs set over the sampling settings (scoring runs greedy), so each run's record says what the answers ran with. */
  sampling?: Partial<RunSource['settings']>;
}

/** The raw answers streaming in for the running job's documents in flight, by document index. */
export interface LiveDocs {
  jobId: string;
  texts: Readonly<Record<number, string>>;
}

interface JobsState {
  jobs: Job[];
  listed: boolean;
  runningId: string | null;
  /** When the current run started and the job's stored elapsed time then: the clock between writes. */
  runStartedAt: number;
  runBaseElapsed: number;
  live: LiveDocs | null;
  /**
   * Bumped when a job's documents change other than one by one (a run starts or ends, failed ones are queued
   * again), so views re-read the rows they show; the running job's single changes come through `onDocChange`.
   */
  revision: Record<string, number>;
  /** IndexedDB refused (private window, storage full): the words of the browser. */
  storageError: string | null;
}

export const useJobs = create<JobsState>()(() => ({
  jobs: [],
  listed: false,
  runningId: null,
  runStartedAt: 0,
  runBaseElapsed: 0,
  live: null,
  revision: {},
  storageError: null,
}));

const processors: Partial<Record<Job['kind'], DocProcessor>> = {};
const listeners = new Set<(job: Job, doc: JobDoc) => void>();
let runner: JobRunner | null = null;

/** Hears every document change of the running job (a live score follows the answers this way). */
export function onDocChange(listener: (job: Job, doc: JobDoc) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Lets a feature's store say how its jobs' documents run; each registers its own kind once. */
export function registerProcessor<P>(kind: Job['kind'], processor: DocProcessor<P>): void {
  // a processor is handed back only what its own `prepare` made
  processors[kind] = processor as DocProcessor;
}

const failed = (e: unknown) => useJobs.setState({ storageError: e instanceof Error ? e.message : String(e) });

function putJob(job: Job, bump = false) {
  useJobs.setState((s) => ({
    jobs: s.jobs.some((j) => j.id === job.id) ? s.jobs.map((j) => (j.id === job.id ? { ...job } : j)) : [{ ...job }, ...s.jobs],
    revision: bump ? { ...s.revision, [job.id]: (s.revision[job.id] ?? 0) + 1 } : s.revision,
  }));
}

/** Reads the job list; jobs stored as `running` were cut off by a reload and wait to be resumed. */
export async function refreshJobs(): Promise<void> {
  try {
    const jobs = await idbJobStore.listJobs();
    const running = useJobs.getState().runningId;
    // a job this page runs is newer in memory than in the database
    useJobs.setState((s) => ({
      jobs: jobs.map((j) => (j.id === running ? (s.jobs.find((x) => x.id === running) ?? j) : j)),
      listed: true,
    }));
  } catch (e) {
    failed(e);
  }
}

/** Stores a new job over documents, all queued; returns it. */
export async function createJob<O, I>(
  fields: Pick<Job<O>, 'kind' | 'task' | 'options' | 'title'>,
  inputs: readonly { docId: string; input: I }[],
): Promise<Job | null> {
  const id = `${fields.kind}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const { job, docs } = newJob({ ...fields, id }, inputs);
  try {
    await idbJobStore.addJob(job, docs);
  } catch (e) {
    failed(e);
    return null;
  }
  putJob(job);
  return job;
}

/** Documents a job runs at once: the setting on an engine that serves several (a server), one otherwise. */
export const jobConcurrency = (): number =>
  useModel.getState().loaded?.concurrent ? Math.max(1, useSettings.getState().serverConcurrency) : 1;

/** Views hear of a running job's changes at most this often. */
const NOTIFY_MS = 100;

/** A change of the answers in flight: a document starts (''), streams more (`append`), or is no longer in flight (null). */
type LiveEdit = { index: number; text: string | null; append?: boolean };

/** The live answers after some changes, in order. */
function editLive(live: LiveDocs | null, jobId: string, edits: readonly LiveEdit[]): LiveDocs {
  const texts: Record<number, string> = { ...(live?.jobId === jobId ? live.texts : {}) };
  for (const { index, text, append } of edits) {
    if (text === null) delete texts[index];
    else texts[index] = (append ? (texts[index] ?? '') : '') + text;
  }
  return { jobId, texts };
}

/**
 * Tells the views of a running job's changes: a job's end at once, its start with its first document; documents'
 * changes and their streamed text gathered and told together at most every NOTIFY_MS (the first at the next task).
 * The engine thus gets each document, the first included, before the page re-renders, and a fast model does not
 * cost renders per document.
 */
function notifier(jobId: string) {
  const pending = new Map<number, JobDoc>();
  const edits: LiveEdit[] = [];
  let latest: Job | null = null;
  /** The job started: the views re-read their rows with the next change told. */
  let reread = false;
  const { schedule, now: flush } = throttle(() => {
    if (edits.length) {
      const changes = edits.splice(0);
      useJobs.setState((s) => ({ live: editLive(s.live, jobId, changes) }));
    }
    if (!latest) return;
    const docs = [...pending.values()];
    pending.clear();
    putJob(latest, reread);
    reread = false;
    for (const doc of docs) for (const listener of listeners) listener(latest, doc);
  }, NOTIFY_MS);
  return {
    doc(job: Job, doc: JobDoc) {
      latest = job;
      // the runner goes on changing its own copy
      pending.set(doc.index, { ...doc });
      edits.push({ index: doc.index, text: doc.status === 'running' ? '' : null });
      schedule();
    },
    text(index: number, piece: string) {
      const last = edits[edits.length - 1];
      if (last?.index === index && last.text !== null) last.text += piece;
      else edits.push({ index, text: piece, append: true });
      schedule();
    },
    /** A start, told with the first document; or an end: what is pending first, then the job, and the views re-read their rows. */
    job(job: Job) {
      latest = job;
      if (job.state === 'running') {
        reread = true;
        return;
      }
      flush();
      putJob(job, true);
    },
  };
}

/**
 * Starts or resumes a job; returns when it stops (done, paused, cancelled). One job runs at a time, with as many
 * documents in flight as `jobConcurrency` says when it starts.
 */
export async function runJob(id: string): Promise<void> {
  if (runner) return;
  const stored = await idbJobStore.getJob(id).catch((e: unknown) => void failed(e));
  if (!stored || stored.state === 'done' || stored.state === 'cancelled') return;
  const processor = processors[stored.kind];
  if (!processor) return;
  const { process, prepare, sampling } = processor;
  const notify = notifier(id);
  const current = new JobRunner(stored, {
    store: idbJobStore,
    concurrency: jobConcurrency(),
    source: runSource(sampling) ?? undefined,
    process: (doc, signal, prepared) => process(stored, doc, signal, (piece) => notify.text(doc.index, piece), prepared),
    ...(prepare ? { prepare: (doc: JobDoc) => prepare(stored, doc) } : {}),
    onUpdate: (job, doc) => (doc ? notify.doc(job, doc) : notify.job(job)),
    // stored, and answers read, once the next document has gone to the engine: all between two documents runs in one task
    later: () => new Promise((resolve) => setTimeout(resolve, 0)),
  });
  runner = current;
  useJobs.setState({ runningId: id, runStartedAt: Date.now(), runBaseElapsed: stored.elapsedMs, storageError: null });
  try {
    putJob(await current.run(), true);
  } catch (e) {
    failed(e);
  } finally {
    runner = null;
    releaseHold();
    useJobs.setState({ runningId: null, live: null });
  }
}

export const pauseJob = () => runner?.pause();
export const cancelJob = () => runner?.cancel();

/** Cancels a job that is not running here (one left paused or cut off). */
export async function cancelStoredJob(id: string): Promise<void> {
  if (useJobs.getState().runningId === id) return cancelJob();
  const job = await idbJobStore.getJob(id);
  if (!job) return;
  job.state = 'cancelled';
  await idbJobStore.save(job, []).catch(failed);
  putJob(job);
}

/** Queues a job's failed documents again; the job can then be resumed. */
export async function retryFailed(id: string): Promise<void> {
  if (useJobs.getState().runningId === id) return;
  const job = await idbJobStore.getJob(id);
  if (!job) return;
  if (job.state === 'cancelled') job.state = 'paused';
  await requeueFailed(idbJobStore, job).catch(failed);
  putJob(job, true);
}

export async function deleteJob(id: string): Promise<void> {
  if (useJobs.getState().runningId === id) {
    cancelJob();
    return;
  }
  await idbJobStore.deleteJob(id).catch(failed);
  useJobs.setState((s) => ({ jobs: s.jobs.filter((j) => j.id !== id) }));
}

/**
 * A page of a job's documents, for the rows a list shows: after the running job's writes asked for so far, so what
 * it reads is no older than what `onDocChange` has told.
 */
export async function readDocs(jobId: string, from: number, count: number): Promise<JobDoc[]> {
  await runner?.flushed();
  return idbJobStore.docsPage(jobId, from, count);
}
/** All of a job's documents, after the running job's writes asked for so far (as `readDocs`). */
export async function readAllDocs(jobId: string): Promise<JobDoc[]> {
  await runner?.flushed();
  return idbJobStore.allDocs(jobId);
}
