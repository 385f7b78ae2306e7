/**
 * Running prompts on the loaded model, one after another (one per chunk of a long input), with the
 * streamed raw answers, progress and the way the run ended kept as plain data (`RunState`) in the owner's store.
 * Every run of the app goes through here: the task tabs, chat and the playground.
 */
import { chunkText, estimateTokens, shiftSpans, type Chunk } from '../core/chunk';
import { planChunks } from '../core/chunkPlan';
import type { TaskGrammar } from '../core/grammar';
import { IDLE_RUN, type Provenance, type RunOutcome, type RunSource, type RunState } from '../core/run';
import type { AnswerEnd } from '../core/tasks/definitions';
import type { ChatTurn } from '../core/tasks/dialogue';
import type { GenerateResult } from '../engine/types';
import { countTokens, generate } from './modelActions';
import { useModel } from './model';
import { samplingParams, useSettings } from './settings';

/** The page's version, set at build time. */
export const PAGE_VERSION: string = import.meta.env.VITE_PAGE_VERSION ?? 'dev';

/**
 * The model, settings, time and page version of a run starting now on the loaded model (null when none is
 * loaded): what the tabs' provenance and the jobs' runs record. `sampling` is what the run sets over the settings
 * (scoring runs greedy).
 */
export function runSource(sampling: Partial<RunSource['settings']> = {}): RunSource | null {
  const m = useModel.getState();
  const entry = m.entries.find((e) => e.id === m.loaded?.id);
  if (!m.loaded) return null;
  const { temperature, top_p, max_tokens, greedy } = { ...samplingParams(), ...sampling };
  return {
    model: {
      id: m.loaded.id,
      label: entry?.label ?? m.loaded.id,
      engine: m.loaded.engine,
      build: entry ? `${entry.quantization} ${entry.url}` : '',
    },
    settings: { temperature, top_p, max_tokens, greedy },
    startedAt: new Date().toISOString(),
    page: PAGE_VERSION,
  };
}

/** The provenance of a run starting now on the loaded model. */
function startProvenance(): Provenance | null {
  const source = runSource();
  return source && { ...source, prompts: [], finishReasons: [] };
}

export { IDLE_RUN, type RunOutcome, type RunState } from '../core/run';

type Update = (fn: (run: RunState) => RunState) => void;

/** Hears every generation that ended with a result, a stopped one included (the playground shows its usage). */
type OnResult = (result: GenerateResult) => void;

/**
 * The run plumbing of a store: it keeps the store's `run` field and gives every run its own stop signal, so a
 * stop meant for one run leaks neither into the next nor into other runs on the same engine (a job, another tab).
 * The store keeps only what its answers mean.
 */
export function taskRunner<S extends { run: RunState }>(set: (fn: (state: S) => Partial<S>) => void, onResult?: OnResult) {
  let current = new AbortController();
  const update: Update = (fn) => set((state) => ({ run: fn(state.run) }) as Partial<S>);
  const fresh = () => (current = new AbortController()).signal;
  return {
    /**
     * Runs `prompts` (a single user message, or a whole conversation ending with one) in order. Each answer
     * streams into `raws[i]`; `onAnswer` receives every complete answer (not a stopped one), with whether it was
     * cut off at the token limit. `grammar` constrains every answer where the setting and the engine allow.
     */
    prompts: (
      prompts: readonly (string | ChatTurn[])[],
      onAnswer: (index: number, text: string, end: AnswerEnd) => void,
      grammar?: TaskGrammar | null,
    ) =>
      runQueue(
        prompts.map((prompt, index) => ({ prompt, index })),
        {
          prompt: (item) => item.prompt,
          onAnswer: (item, text, end) => onAnswer(item.index, text, end),
          split: () => null,
          onResult,
          grammar,
        },
        update,
        fresh(),
      ),
    /**
     * Runs one prompt per chunk of a long input, so results of finished chunks stay when the user stops. The
     * chunks may still be being planned (`chunksFor`): the run shows as running meanwhile, and Stop stops it.
     * When a prompt still overflows the model's context, that chunk is split in two and retried rather than
     * failing the run. `grammar` as for `prompts`.
     */
    chunks: (
      chunks: readonly Chunk[] | Promise<readonly Chunk[]>,
      build: (text: string) => string,
      onAnswer: (chunk: Chunk, text: string, end: AnswerEnd) => void,
      grammar?: TaskGrammar | null,
    ) => runQueue(chunks, { prompt: (c) => build(c.text), onAnswer, split: halve, onResult, grammar }, update, fresh()),
    stop: () => current.abort(),
  };
}

/** Two sentence-aligned halves of a chunk (by the same estimate), or null when it cannot get smaller. */
export function halve(chunk: Chunk): Chunk[] | null {
  const tokens = estimateTokens(chunk.text);
  // Below this the prompt's own wording or the answer length is what overflows; smaller text won't help.
  if (tokens < 16) return null;
  const parts = shiftSpans(chunkText(chunk.text, Math.ceil(tokens / 2)), chunk.start);
  return parts.length > 1 ? parts : null;
}

interface QueueSteps<T> {
  prompt: (item: T) => string | ChatTurn[];
  onAnswer: (item: T, text: string, end: AnswerEnd) => void;
  /** Smaller items to retry with when the item overflows the context, or null. */
  split: (item: T) => T[] | null;
  onResult?: OnResult;
  /** The answer grammar of every prompt, if the task has one. */
  grammar?: TaskGrammar | null;
}

/** Resolves with how the run ended: `failed` when nothing is loaded or the engine failed (the shell shows why). */
async function runQueue<T>(
  items: readonly T[] | Promise<readonly T[]>,
  steps: QueueSteps<T>,
  update: Update,
  stopped: AbortSignal,
): Promise<RunOutcome> {
  let done = 0;
  const provenance = startProvenance();
  // running (with Stop) at once, while a long document's plan is still being made
  if (items instanceof Promise) update(() => ({ ...IDLE_RUN, running: true, provenance }));
  // no await for items at hand: the first request then leaves in the click's own task, before the page renders it
  const queue = [...(items instanceof Promise ? await items : items)];
  update(() => ({
    raws: [],
    running: true,
    progress: { done, total: queue.length },
    outcome: null,
    truncated: 0,
    provenance,
  }));
  let outcome: RunOutcome = 'done';
  while (queue.length) {
    if (stopped.aborted) {
      outcome = 'stopped';
      break;
    }
    const item = queue.shift()!;
    const p = steps.prompt(item);
    const turns: ChatTurn[] = typeof p === 'string' ? [{ role: 'user', content: p }] : p;
    const parts = steps.split(item);
    update((r) => ({ ...r, raws: [...r.raws, ''] }));
    const generated = await generate(
      turns,
      (piece) => update((r) => ({ ...r, raws: r.raws.map((raw, k) => (k === done ? raw + piece : raw)) })),
      { ...(parts ? { handles: ['context-overflow'] as const } : {}), grammar: steps.grammar, signal: stopped },
    );
    if (!generated.ok) {
      if (!parts || generated.error.code !== 'context-overflow' || stopped.aborted) {
        outcome = 'failed';
        break;
      }
      queue.unshift(...parts);
      update((r) => ({ ...r, raws: r.raws.slice(0, done), progress: { done, total: done + queue.length } }));
      continue;
    }
    const { result } = generated;
    steps.onResult?.(result);
    const asked = turns[turns.length - 1]?.content ?? '';
    update((r) =>
      r.provenance
        ? {
            ...r,
            provenance: {
              ...r.provenance,
              prompts: [...r.provenance.prompts, asked],
              finishReasons: [...r.provenance.finishReasons, result.finishReason],
            },
          }
        : r,
    );
    // said once per run, however many parts the engine refused the grammar for
    if (result.grammar === 'rejected') update((r) => ({ ...r, grammarRejected: result.grammarError ?? '' }));
    if (result.finishReason === 'aborted' || stopped.aborted) {
      outcome = 'stopped';
      break;
    }
    const truncated = result.finishReason === 'length';
    steps.onAnswer(item, result.text, { truncated });
    done++;
    const cut = truncated ? 1 : 0;
    update((r) => ({ ...r, progress: { done, total: done + queue.length }, truncated: r.truncated + cut }));
  }
  update((r) => ({ ...r, running: false, outcome }));
  return outcome;
}

/**
 * Splits a long input so each chunk's whole prompt fits the loaded model's context with room for an answer of the
 * configured length, counted with the model's own tokenizer where the engine can (an estimate otherwise), in
 * slices that leave the page responsive. Without a loaded model Taiyi's own window is assumed.
 */
export async function chunksFor(text: string, build: (chunk: string) => string): Promise<Chunk[]> {
  const context = useModel.getState().loaded?.contextWindow;
  const answer = useSettings.getState().max_tokens;
  const { chunks } = await planChunks(text, build, { contextTokens: context, answerTokens: answer, count: countTokens });
  return chunks.length ? chunks : [{ text, start: 0, end: text.length }];
}
