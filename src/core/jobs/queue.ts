/**
 * Runs a job's queued documents in order, `concurrency` at a time, through a `process` function that knows
 * nothing of storage. Every change is written through the store (serially, in the background, so the next
 * document starts at once); a document's result is written with its `done` status in one write, so after a
 * crash a document that was running is simply queued again and every document ends with exactly one result.
 * A process can give its answers before reading them (`answered`): the next document starts, then they are read,
 * and the next is stored running only after: at any point at most one document per slot is stored running.
 */
import type { RunSource } from '../run.ts';
import { recordRun, setStatus } from './types.ts';
import type { DocError, DocUsage, Job, JobDoc, JobState, JobStore } from './types.ts';

/** What a finished document says of how its answers ended. */
interface Finish {
  /** One per answer (`stop`, `length`, …): kept with the document. */
  finishReasons?: string[];
  /** The engine refused the answer grammar (its words) and the answers ran unconstrained: kept with the job. */
  grammarRejected?: string;
}

export type DocOutcome<R = unknown> =
  | ({ kind: 'done'; raw: string[]; result: R; usage: Omit<DocUsage, 'wallMs'> } & Finish)
  /**
   * The engine is done with the document and `result` reads the answers (parsing, alignment): the runner calls it
   * once the next document has gone to the engine (after `later`), so reading one answer never holds up the next.
   * A throw fails the document with code `unknown`.
   */
  | ({ kind: 'answered'; raw: string[]; result: () => R; usage: Omit<DocUsage, 'wallMs'> } & Finish)
  | ({ kind: 'failed'; raw: string[]; error: DocError; usage?: Omit<DocUsage, 'wallMs'> } & Finish)
  /** Cut off (pause, cancel, the model went away): the document goes back to the queue. With a reason the job pauses. */
  | { kind: 'interrupted'; reason?: string };

export interface RunnerOptions {
  store: JobStore;
  /**
   * Runs one document; should not throw (a throw counts as a failure with code `unknown`). `prepared` is what
   * `prepare` made of it, when it did.
   */
  process(doc: JobDoc, signal: AbortSignal, prepared?: unknown): Promise<DocOutcome>;
  /**
   * Makes ahead what `process` will need for a document (its prompts, their chunks): called for the next queued one
   * once a document has gone to the engine (after `later`), so that work is not between two documents. A throw
   * leaves it to `process`.
   */
  prepare?(doc: JobDoc): unknown;
  /** Documents in flight at once: one per engine unless the engine serves several. */
  concurrency?: number;
  /** The model and settings this run starts with: kept in the job's `runs`, and each finished document points at it. */
  source?: RunSource;
  /** Called after every change, with the document that changed (null for the job alone). */
  onUpdate?(job: Job, doc: JobDoc | null): void;
  /** Documents read from the store at a time. */
  batchSize?: number;
  now?: () => number;
  /**
   * Awaited before what can wait until the next document has gone to the engine: storing each write (its
   * serialisation and transaction) and reading an `answered` document. A page passes "the next task". None by default.
   */
  later?: () => Promise<void>;
}

/** Documents that were running when the page went away go back to the queue. Returns how many. */
export async function requeueRunning(store: JobStore, job: Job, batchSize = 500): Promise<number> {
  let moved = 0;
  for (;;) {
    const docs = await store.docsWithStatus(job.id, 'running', 0, batchSize);
    if (!docs.length) return moved;
    for (const d of docs) setStatus(job, d, 'queued');
    await store.save(job, docs);
    moved += docs.length;
  }
}

/** Queues the failed documents again (error and answers cleared). Returns how many. */
export async function requeueFailed(store: JobStore, job: Job, batchSize = 500): Promise<number> {
  let moved = 0;
  for (;;) {
    const docs = await store.docsWithStatus(job.id, 'failed', 0, batchSize);
    if (!docs.length) break;
    for (const d of docs) {
      setStatus(job, d, 'queued');
      d.error = undefined;
      d.raw = [];
      d.usage = undefined;
      d.finishReasons = undefined;
      d.run = undefined;
    }
    if (job.state === 'done') job.state = 'paused';
    await store.save(job, docs);
    moved += docs.length;
  }
  return moved;
}

export class JobRunner {
  readonly job: Job;
  private readonly opts: Required<Omit<RunnerOptions, 'onUpdate' | 'source' | 'later' | 'prepare'>> &
    Pick<RunnerOptions, 'onUpdate' | 'source' | 'later' | 'prepare'>;
  private readonly controller = new AbortController();
  private stopAs: { state: 'paused' | 'cancelled'; reason?: string } | null = null;
  private writes: Promise<void> = Promise.resolve();
  private writeError: unknown = null;
  private readonly taken = new Set<number>();
  /** Answered documents whose answers are still to be read. */
  private readonly reading = new Set<Promise<void>>();
  /** What `prepare` made, by document index, until the document runs. */
  private readonly prepared = new Map<number, unknown>();
  /** The next document a worker will take, if it has been read. */
  private peek: () => JobDoc | null = () => null;
  private startedAt = 0;
  private baseElapsed = 0;
  /** This run's entry in the job's `runs`. */
  private runIndex: number | undefined;

  constructor(job: Job, options: RunnerOptions) {
    this.job = job;
    this.opts = { concurrency: 1, batchSize: 64, now: () => Date.now(), ...options };
  }

  /** Stops after cutting off the documents in flight; they go back to the queue. */
  pause(reason?: string): void {
    this.stop({ state: 'paused', reason });
  }

  /** Stops for good; what is still queued stays queued. */
  cancel(): void {
    this.stop({ state: 'cancelled' });
  }

  private stop(how: { state: 'paused' | 'cancelled'; reason?: string }) {
    if (!this.stopAs || how.state === 'cancelled') this.stopAs = how;
    this.controller.abort();
  }

  /**
   * Runs until no document is queued, or until paused or cancelled; resolves with the job as stored. Documents
   * are read a page at a time (the next page while this one runs) and `concurrency` workers take them in order,
   * each the next one as soon as its last is done, so no slot waits for a page's slowest document.
   * @throws whatever the store threw, after the documents in flight settled
   */
  async run(): Promise<Job> {
    const { job } = this;
    await requeueRunning(this.opts.store, job);
    this.startedAt = this.opts.now();
    this.baseElapsed = job.elapsedMs;
    job.state = 'running';
    job.pauseReason = undefined;
    if (this.opts.source) this.runIndex = recordRun(job, this.opts.source);
    // the first page is read before the job's new state is stored: the first document waits for no write
    const { take, peek } = this.documents();
    this.peek = peek;
    this.write(null);
    const worker = async () => {
      let reading: Promise<void> | undefined;
      while (!this.stopAs && !this.writeError) {
        const doc = await take();
        if (!doc || this.stopAs || this.writeError) return;
        ({ reading } = await this.runOne(doc, reading));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.floor(this.opts.concurrency)) }, worker));
    await Promise.all(this.reading);
    job.state = this.finalState();
    job.pauseReason = this.stopAs?.reason;
    this.write(null);
    await this.writes;
    if (this.writeError) throw this.writeError;
    return job;
  }

  /**
   * The queued documents in index order, one per call (null when none is left), read a page ahead. Documents
   * queued again behind the cursor are looked for once the rest is done, unless the job counts none queued.
   */
  private documents(): { take: () => Promise<JobDoc | null>; peek: () => JobDoc | null } {
    const { job } = this;
    const read = (from: number) => this.enqueue(() => this.opts.store.docsWithStatus(job.id, 'queued', from, this.opts.batchSize));
    let page: JobDoc[] = [];
    let next: Promise<JobDoc[]> | null = read(0);
    let wrapped = false;
    const fresh = (docs: JobDoc[]) => docs.filter((d) => !this.taken.has(d.index));
    const fill = async (): Promise<JobDoc | null> => {
      while (!page.length && next) {
        page = fresh(await next);
        if (!page.length && !wrapped && this.taken.size && job.counts.queued > 0) {
          wrapped = true;
          page = fresh(await read(0));
        }
        next = page.length ? read(page[page.length - 1].index + 1) : null;
      }
      const doc = page.shift() ?? null;
      if (doc) this.taken.add(doc.index);
      return doc;
    };
    // one reader at a time: workers asking together get successive documents
    let turn: Promise<unknown> = Promise.resolve();
    const take = () => {
      const got = turn.then(fill);
      turn = got.catch(() => undefined);
      return got;
    };
    return { take, peek: () => page[0] ?? null };
  }

  /** Resolves once every write asked for so far is stored, so a read after it sees them. */
  flushed(): Promise<void> {
    return this.writes;
  }

  private finalState(): JobState {
    if (this.stopAs) return this.stopAs.state;
    return this.job.counts.queued > 0 ? 'paused' : 'done';
  }

  /**
   * Runs a document; gives the reading of its answers when they are read after the next one has started (in an
   * object: an async function's promise would wait for it).
   * `previous` is that reading for the document before it in this slot: the document is stored running only once
   * the one before is stored finished, so a page that goes away leaves one document per slot to run again.
   */
  private async runOne(doc: JobDoc, previous?: Promise<void>): Promise<{ reading?: Promise<void> }> {
    const started = this.opts.now();
    setStatus(this.job, doc, 'running');
    doc.starts++;
    // a document that ended meanwhile is stored by its end, `starts` with it
    if (previous) void previous.then(() => doc.status === 'running' && this.write(doc));
    else this.write(doc);
    const prepared = this.prepared.get(doc.index);
    this.prepared.delete(doc.index);
    let outcome: DocOutcome;
    try {
      const running = this.opts.process(doc, this.controller.signal, prepared);
      if (this.opts.prepare) void this.prepareNext(this.opts.prepare);
      outcome = await running;
    } catch (e) {
      outcome = { kind: 'failed', raw: [], error: unknownError(e) };
    }
    if (outcome.kind !== 'answered') {
      this.finish(doc, started, outcome);
      return {};
    }
    // the worker takes the next document now; the answers are read once it has gone to the engine
    const answered = outcome;
    const reading = (async () => {
      await this.opts.later?.();
      this.finish(doc, started, readOutcome(answered));
    })()
      .catch((e: unknown) => this.fail(e))
      .finally(() => this.reading.delete(reading));
    this.reading.add(reading);
    return { reading };
  }

  /** Once the document just started has gone to the engine, makes ahead what the next one needs. */
  private async prepareNext(prepare: (doc: JobDoc) => unknown): Promise<void> {
    await this.opts.later?.();
    const next = this.peek();
    if (!next || this.stopAs || this.prepared.has(next.index)) return;
    try {
      this.prepared.set(next.index, prepare(next));
    } catch {
      // `process` makes it itself, and meets the same problem there
    }
  }

  /** Records how a document ended and writes it: back to the queue when cut off, else with its result or error. */
  private finish(doc: JobDoc, started: number, outcome: Exclude<DocOutcome, { kind: 'answered' }>): void {
    const { job } = this;
    if (outcome.kind === 'interrupted' || (this.stopAs && outcome.kind === 'failed' && this.controller.signal.aborted)) {
      setStatus(job, doc, 'queued');
      if (outcome.kind === 'interrupted' && outcome.reason) this.pause(outcome.reason);
      this.write(doc);
      return;
    }
    const wallMs = this.opts.now() - started;
    doc.raw = outcome.raw;
    doc.finishReasons = outcome.finishReasons;
    if (this.runIndex !== undefined) doc.run = this.runIndex;
    doc.finishedAt = this.opts.now();
    if (outcome.grammarRejected !== undefined) job.grammarRejected ??= outcome.grammarRejected;
    if (outcome.usage) {
      doc.usage = { ...outcome.usage, wallMs };
      job.totals.promptTokens += outcome.usage.promptTokens;
      job.totals.completionTokens += outcome.usage.completionTokens;
      job.totals.generationMs += outcome.usage.generationMs;
    }
    if (outcome.kind === 'done') {
      doc.result = outcome.result;
      doc.error = undefined;
      setStatus(job, doc, 'done');
    } else {
      doc.error = outcome.error;
      setStatus(job, doc, 'failed');
    }
    this.write(doc);
  }

  /** Saves the job (with the document that changed) after the writes before it, and reports the change. */
  private write(doc: JobDoc | null): void {
    const { job } = this;
    job.elapsedMs = this.baseElapsed + (this.opts.now() - this.startedAt);
    const snapshot = structuredClone(job);
    const docs = doc ? [structuredClone(doc)] : [];
    const { store, later } = this.opts;
    void this.enqueue(async () => {
      await later?.();
      return store.save(snapshot, docs);
    }).catch((e: unknown) => this.fail(e));
    this.opts.onUpdate?.(job, doc);
  }

  /** A write failed: the documents in flight are cut off and `run` throws once they settled. */
  private fail(e: unknown): void {
    this.writeError ??= e;
    this.controller.abort();
  }

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.writes.then(fn);
    this.writes = p.then(
      () => undefined,
      () => undefined,
    );
    return p;
  }
}

const unknownError = (e: unknown): DocError => ({ code: 'unknown', message: e instanceof Error ? e.message : String(e) });

/**
 * An outcome with its answers read: an `answered` one becomes `done` (or `failed`, code `unknown`, when reading
 * throws); the others stay as they are.
 */
export function readOutcome<R>(outcome: DocOutcome<R>): Exclude<DocOutcome<R>, { kind: 'answered' }> {
  if (outcome.kind !== 'answered') return outcome;
  const { result, ...rest } = outcome;
  try {
    return { ...rest, kind: 'done', result: result() };
  } catch (e) {
    return { ...rest, kind: 'failed', error: unknownError(e) };
  }
}
