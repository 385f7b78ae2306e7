/** Overall progress of a job, from its stored counts and totals: what the progress bar and the tab title show. */
import type { Job } from './types.ts';

export interface JobFigures {
  done: number;
  failed: number;
  /** Finished either way. */
  finished: number;
  total: number;
  /** Generated tokens per second of engine time; null before the first answer. */
  tokensPerSec: number | null;
  elapsedMs: number;
  /** Time left at the pace so far; null before the first document finished. */
  etaMs: number | null;
}

/**
 * @param liveMs wall time of the current run not yet in `job.elapsedMs` (0 when not running)
 */
export function jobProgress(job: Job, liveMs = 0): JobFigures {
  const { done, failed } = job.counts;
  const finished = done + failed;
  const elapsedMs = job.elapsedMs + liveMs;
  const { completionTokens, generationMs } = job.totals;
  return {
    done,
    failed,
    finished,
    total: job.total,
    tokensPerSec: generationMs > 0 ? (completionTokens * 1000) / generationMs : null,
    elapsedMs,
    etaMs: finished > 0 && elapsedMs > 0 ? ((job.total - finished) * elapsedMs) / finished : null,
  };
}

/** `[12/500] ` before the page title while a job runs. */
export const progressTitle = (p: Pick<JobFigures, 'finished' | 'total'>, title: string): string => `[${p.finished}/${p.total}] ${title}`;
