/**
 * Running many documents through one step (a model call and its parsing) with bounded concurrency: the engine-
 * agnostic part of the corpus CLIs (`npm run eval`, `npm run extract`) and of the page's batch jobs. It knows
 * nothing of engines, files or the UI: the caller gives the items, the step, and what to do with each result.
 *
 * - At most `concurrency` steps run at once; items start in input order, results arrive in finishing order.
 * - Items whose id is in `skip` (already done in an earlier, interrupted run) are not run again.
 * - Each result is reported as soon as it is known (`onResult`, awaited before the next report, so a caller can
 *   append it to a file and a crash loses at most the runs in flight).
 * - A failing step is recorded as that item's error and the rest go on; aborting `signal` starts nothing new and
 *   lets the steps in flight see the same signal.
 */

export type JobOutcome<T, R> =
  { id: string; item: T; ok: true; result: R; ms: number } | { id: string; item: T; ok: false; error: unknown; ms: number };

export interface JobRunOptions<T, R> {
  items: readonly T[];
  /** A stable id per item (document id, example id). Ids must be unique. */
  idOf: (item: T) => string;
  /** Does the work for one item. Receives the run's signal. */
  step: (item: T, signal: AbortSignal | undefined) => Promise<R>;
  /** Steps running at once; 1 or more. */
  concurrency?: number;
  /** Ids already done: skipped. */
  skip?: ReadonlySet<string>;
  /** Called once per finished item (success or failure), in finishing order, one at a time. */
  onResult?: (outcome: JobOutcome<T, R>, progress: JobProgress) => void | Promise<void>;
  signal?: AbortSignal;
  /** The clock, in milliseconds (a test may give its own). */
  now?: () => number;
}

export interface JobProgress {
  /** Items finished in this run (ok or failed). */
  done: number;
  failed: number;
  /** Items this run has to do (the input less the skipped ones). */
  total: number;
  skipped: number;
}

export interface JobRunSummary extends JobProgress {
  /** True when the signal stopped the run before every item started. */
  stopped: boolean;
  elapsedMs: number;
}

/**
 * Runs `step` over the items not in `skip`, at most `concurrency` at a time.
 * @throws Error when two items share an id; a throwing `onResult` also rejects (after the steps in flight end).
 */
export async function runJobs<T, R>(options: JobRunOptions<T, R>): Promise<JobRunSummary> {
  const { items, idOf, step, skip, onResult, signal } = options;
  const now = options.now ?? (() => Date.now());
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const seen = new Set<string>();
  const todo: { id: string; item: T }[] = [];
  for (const item of items) {
    const id = idOf(item);
    if (seen.has(id)) throw new Error(`two items share the id "${id}"`);
    seen.add(id);
    if (!skip?.has(id)) todo.push({ id, item });
  }
  const progress: JobProgress = { done: 0, failed: 0, total: todo.length, skipped: items.length - todo.length };
  const started = now();
  let next = 0;
  let reporting: Promise<void> = Promise.resolve();
  let reportError: { error: unknown } | null = null;

  const report = (outcome: JobOutcome<T, R>) => {
    // reports are chained so they run one at a time, in finishing order
    reporting = reporting.then(async () => {
      progress.done++;
      if (!outcome.ok) progress.failed++;
      try {
        await onResult?.(outcome, { ...progress });
      } catch (error) {
        reportError ??= { error };
      }
    });
    return reporting;
  };

  const worker = async () => {
    while (next < todo.length && !signal?.aborted && !reportError) {
      const { id, item } = todo[next++]!;
      const t0 = now();
      let outcome: JobOutcome<T, R>;
      try {
        outcome = { id, item, ok: true, result: await step(item, signal), ms: now() - t0 };
      } catch (error) {
        outcome = { id, item, ok: false, error, ms: now() - t0 };
      }
      await report(outcome);
    }
  };

  await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
  await reporting;
  if (reportError) throw (reportError as { error: unknown }).error;
  return { ...progress, stopped: progress.done < progress.total, elapsedMs: now() - started };
}
