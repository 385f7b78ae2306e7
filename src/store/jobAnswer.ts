/**
 * One prompt of a job on the loaded model, with the outcome sorted the way the job queue needs it: an answer,
 * a document-level failure (kept with the document), or an interruption (pause, or the model is gone) after
 * which the document runs again.
 */
import type { EngineErrorCode } from '../engine/errors';
import type { ChatTurn, RunUsage } from '../engine/types';
import { useModel } from './model';
import { dismissError, generate, stopGeneration } from './modelActions';

export type JobAnswer =
  | { kind: 'answer'; text: string; usage: RunUsage }
  | { kind: 'failed'; code: EngineErrorCode | 'unknown'; message: string }
  /** `reason` when the job cannot go on by itself (no model, lost device). */
  | { kind: 'interrupted'; reason?: string };

/** Errors after which the model is gone: the job pauses rather than failing every document left. */
const FATAL: ReadonlySet<string> = new Set(['device-lost', 'out-of-memory']);

export async function jobAnswer(turns: ChatTurn[], signal: AbortSignal, onText: (piece: string) => void, options: { greedy?: boolean } = {}): Promise<JobAnswer> {
  if (signal.aborted) return { kind: 'interrupted' };
  if (useModel.getState().status !== 'ready') return { kind: 'interrupted', reason: 'no-model' };
  const stop = () => stopGeneration();
  signal.addEventListener('abort', stop, { once: true });
  try {
    const result = await generate(turns, onText, options);
    if (signal.aborted || result?.finishReason === 'aborted') return { kind: 'interrupted' };
    if (result) return { kind: 'answer', text: result.text, usage: result.usage };
    const { error, loaded } = useModel.getState();
    if (!loaded || (error && FATAL.has(error.code))) return { kind: 'interrupted', reason: error?.code ?? 'no-model' };
    // the failure is kept with the document; the shell's banner would repeat it for every one
    dismissError();
    const code = error?.code && error.code !== 'registry' ? error.code : 'unknown';
    return { kind: 'failed', code, message: error?.detail ?? code };
  } finally {
    signal.removeEventListener('abort', stop);
  }
}
