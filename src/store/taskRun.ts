/**
 * Running a task's prompts on the loaded model, one after another (one per chunk of a long input), with
 * the streamed raw answers, progress and the way the run ended kept as plain data for the task's store.
 */
import { chunkForPrompt, chunkText, estimateTokens, shiftSpans, type Chunk } from '../core/chunk';
import { detectLanguage, type Lang } from '../core/lang';
import type { NamePreset } from '../core/tasks/presets';
import type { ChatTurn } from '../engine/types';
import { dismissError, generate, stopGeneration } from './modelActions';
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
interface StopToken {
  stopped: boolean;
}

type Update = (fn: (run: RunState) => RunState) => void;

/**
 * The run plumbing of a task store: it keeps the store's `run` field and gives every run its own stop
 * token, so a stop meant for one run cannot leak into the next. The store keeps only what its answers mean.
 */
export function taskRunner<S extends { run: RunState }>(set: (fn: (state: S) => Partial<S>) => void) {
  let token: StopToken = { stopped: false };
  const update: Update = (fn) => set((state) => ({ run: fn(state.run) }) as Partial<S>);
  const fresh = () => (token = { stopped: false });
  return {
    /** See {@link runPrompts}. */
    prompts: (prompts: readonly (string | ChatTurn[])[], onAnswer: (index: number, text: string) => void) =>
      runPrompts(prompts, update, onAnswer, fresh()),
    /** See {@link runChunks}. */
    chunks: (chunks: readonly Chunk[], build: (text: string) => string, onAnswer: (chunk: Chunk, text: string) => void) =>
      runChunks(chunks, build, update, onAnswer, fresh()),
    stop: () => {
      token.stopped = true;
      stopGeneration();
    },
  };
}

/**
 * Runs `prompts` (a single user message, or a whole conversation ending with one) in order. Each answer
 * streams into `raws[i]` through `update`; `onAnswer` receives every complete answer (not a stopped one).
 * Resolves with how the run ended: `failed` when nothing is loaded or the engine failed (the shell shows the
 * error).
 */
function runPrompts(
  prompts: readonly (string | ChatTurn[])[],
  update: Update,
  onAnswer: (index: number, text: string) => void,
  token: StopToken,
): Promise<RunOutcome> {
  const items = prompts.map((prompt, index) => ({ prompt, index }));
  return runQueue(items, (item) => item.prompt, update, (item, text) => onAnswer(item.index, text), token, () => null);
}

/**
 * Runs one prompt per chunk of a long input, so results of finished chunks stay when the user stops. The
 * chunk sizes rest on a token estimate; when a prompt still overflows the model's context, that chunk is
 * split in two and retried rather than failing the run.
 */
function runChunks(
  chunks: readonly Chunk[],
  build: (text: string) => string,
  update: Update,
  onAnswer: (chunk: Chunk, text: string) => void,
  token: StopToken,
): Promise<RunOutcome> {
  return runQueue(chunks, (c) => build(c.text), update, onAnswer, token, halve);
}

/** Two sentence-aligned halves of a chunk (by the same estimate), or null when it cannot get smaller. */
export function halve(chunk: Chunk): Chunk[] | null {
  const tokens = estimateTokens(chunk.text);
  // Below this the prompt's own wording or the answer length is what overflows; smaller text won't help.
  if (tokens < 16) return null;
  const parts = shiftSpans(chunkText(chunk.text, Math.ceil(tokens / 2)), chunk.start);
  return parts.length > 1 ? parts : null;
}

async function runQueue<T>(
  items: readonly T[],
  prompt: (item: T) => string | ChatTurn[],
  update: Update,
  onAnswer: (item: T, text: string) => void,
  token: StopToken,
  split: (item: T) => T[] | null,
): Promise<RunOutcome> {
  const queue = [...items];
  let done = 0;
  update(() => ({ raws: [], running: true, progress: { done, total: queue.length }, outcome: null }));
  let outcome: RunOutcome = 'done';
  while (queue.length) {
    if (token.stopped) {
      outcome = 'stopped';
      break;
    }
    const item = queue.shift()!;
    const p = prompt(item);
    const turns: ChatTurn[] = typeof p === 'string' ? [{ role: 'user', content: p }] : p;
    update((r) => ({ ...r, raws: [...r.raws, ''] }));
    const result = await generate(turns, (piece) =>
      update((r) => ({ ...r, raws: r.raws.map((raw, k) => (k === done ? raw + piece : raw)) })),
    );
    if (!result) {
      const parts = useModel.getState().error?.code === 'context-overflow' && !token.stopped ? split(item) : null;
      if (!parts) {
        outcome = 'failed';
        break;
      }
      dismissError();
      queue.unshift(...parts);
      update((r) => ({ ...r, raws: r.raws.slice(0, done), progress: { done, total: done + queue.length } }));
      continue;
    }
    if (result.finishReason === 'aborted' || token.stopped) {
      outcome = 'stopped';
      break;
    }
    onAnswer(item, result.text);
    done++;
    update((r) => ({ ...r, progress: { done, total: done + queue.length } }));
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

/** The names a run offers: the preset's in the prompt language minus those switched off, plus the user's own. */
export function chosenNames(preset: NamePreset | null, unchecked: readonly string[], free: string, lang: Lang): string[] {
  const named = preset ? preset.names[lang].filter((n) => !unchecked.includes(n)) : [];
  return [...new Set([...named, ...splitNames(free)])];
}
