/**
 * One prompt of a job on the loaded model, with the outcome sorted the way the job queue needs it: an answer,
 * a document-level failure (kept with the document, not shown by the shell), or an interruption (pause, or the
 * model is gone) after which the document runs again.
 */
import type { EngineErrorCode } from '../engine/errors';
import type { TaskGrammar } from '../core/grammar';
import type { ChatTurn } from '../core/tasks/dialogue';
import type { FinishReason, RunUsage } from '../engine/types';
import { useModel } from './model';
import { canGenerate, generate } from './modelActions';

export type JobAnswer =
  | {
      kind: 'answer';
      text: string;
      usage: RunUsage;
      /** `length`: cut off at the token limit. */
      finishReason: FinishReason;
      /** The engine refused the grammar (its words) and answered unconstrained. */
      grammarRejected?: string;
    }
  | { kind: 'failed'; code: string; message: string }
  /** `reason` when the job cannot go on by itself (no model, lost device). */
  | { kind: 'interrupted'; reason?: string };

/** Errors after which the model is gone: the job pauses rather than failing every document left. */
const FATAL: ReadonlySet<string> = new Set(['device-lost', 'out-of-memory', 'not-loaded']);
/** Errors that belong to one document: kept with it and the job goes on. */
const PER_DOCUMENT: readonly EngineErrorCode[] = ['context-overflow', 'unknown'];

export async function jobAnswer(
  turns: ChatTurn[],
  signal: AbortSignal,
  onText: (piece: string) => void,
  options: { greedy?: boolean; grammar?: TaskGrammar | null } = {},
): Promise<JobAnswer> {
  if (signal.aborted) return { kind: 'interrupted' };
  if (!canGenerate()) return { kind: 'interrupted', reason: 'no-model' };
  // the grammar goes as in the tabs: `generate` applies it when the setting is on and the engine can; the status
  // stays `generating` until the job stops (`releaseHold`), not flipping twice between documents
  const outcome = await generate(turns, onText, {
    handles: PER_DOCUMENT,
    greedy: options.greedy,
    grammar: options.grammar,
    held: true,
    signal,
  });
  if (signal.aborted || (outcome.ok && outcome.result.finishReason === 'aborted')) return { kind: 'interrupted' };
  if (outcome.ok) {
    const { text, usage, finishReason, grammar, grammarError } = outcome.result;
    return { kind: 'answer', text, usage, finishReason, ...(grammar === 'rejected' ? { grammarRejected: grammarError ?? '' } : {}) };
  }
  const { code, detail } = outcome.error;
  if (FATAL.has(code) || !useModel.getState().loaded) return { kind: 'interrupted', reason: code === 'not-loaded' ? 'no-model' : code };
  return { kind: 'failed', code, message: detail ?? code };
}
