/**
 * Running a task's prompts on the loaded model, one after another (one per chunk of a long input), with
 * the streamed raw answers, progress and the way the run ended kept as plain data for the task's store.
 */
import { chunkForPrompt, type Chunk } from '../core/chunk';
import { detectLanguage, type Lang } from '../core/lang';
import type { ChatTurn } from '../engine/types';
import { generate, stopGeneration } from './modelActions';
import { useModel } from './model';
import { useSettings } from './settings';

export type RunOutcome = 'done' | 'stopped' | 'failed';

export interface RunState {
  /** The raw answer to each prompt so far (one per chunk), streamed. */
  raws: string[];
  running: boolean;
  /** Prompts finished and planned. */
  progress: { done: number; total: number } | null;
  outcome: RunOutcome | null;
}

export const IDLE_RUN: RunState = { raws: [], running: false, progress: null, outcome: null };

/** `auto` follows the input's script (CJK detection); the user may force either prompt language. */
export type LangMode = 'auto' | Lang;

export const promptLang = (mode: LangMode, input: string): Lang => (mode === 'auto' ? detectLanguage(input) : mode);

/** Lets a run's owner stop it between prompts as well as during one. */
export interface StopToken {
  stopped: boolean;
}

export function stopRun(token: StopToken) {
  token.stopped = true;
  stopGeneration();
}

/**
 * Runs `prompts` (a single user message, or a whole conversation ending with one) in order. Each answer streams into `raws[i]` through `update`; `onAnswer` receives every
 * complete answer (not a stopped one) so results of finished chunks stay when the user stops. Resolves with
 * how the run ended: `failed` when nothing is loaded or the engine failed (the shell shows the error).
 */
export async function runPrompts(
  prompts: readonly (string | ChatTurn[])[],
  update: (fn: (run: RunState) => RunState) => void,
  onAnswer: (index: number, text: string) => void,
  token: StopToken,
): Promise<RunOutcome> {
  update(() => ({ raws: [], running: true, progress: { done: 0, total: prompts.length }, outcome: null }));
  let outcome: RunOutcome = 'done';
  for (let i = 0; i < prompts.length; i++) {
    if (token.stopped) {
      outcome = 'stopped';
      break;
    }
    update((r) => ({ ...r, raws: [...r.raws, ''] }));
    const prompt = prompts[i];
    const turns: ChatTurn[] = typeof prompt === 'string' ? [{ role: 'user', content: prompt }] : prompt;
    const result = await generate(turns, (piece) =>
      update((r) => ({ ...r, raws: r.raws.map((raw, k) => (k === i ? raw + piece : raw)) })),
    );
    if (!result) {
      outcome = 'failed';
      break;
    }
    if (result.finishReason === 'aborted' || token.stopped) {
      outcome = 'stopped';
      break;
    }
    onAnswer(i, result.text);
    update((r) => ({ ...r, progress: { done: i + 1, total: prompts.length } }));
  }
  update((r) => ({ ...r, running: false, outcome }));
  return outcome;
}

/**
 * Splits a long input so each chunk's whole prompt fits the loaded model's context with room for an
 * answer of the configured length. Without a loaded model Taiyi's own window is assumed.
 */
export function chunksFor(text: string, build: (chunk: string) => string): Chunk[] {
  const context = useModel.getState().loaded?.contextWindow;
  const answer = useSettings.getState().max_tokens;
  const chunks = chunkForPrompt(text, build, context, answer);
  return chunks.length ? chunks : [{ text, start: 0, end: text.length }];
}

/** Splits a free list of names typed by the user (commas, semicolons or new lines, ASCII or full-width). */
export function splitNames(s: string): string[] {
  return [...new Set(s.split(/[,，;；、\n]/).map((x) => x.trim()).filter(Boolean))];
}
