/**
 * A stand-in for the model actions in component tests: `generate` streams queued answers (real Taiyi answers)
 * in two pieces, stops between them when the run's signal aborts, and records the conversations it was given. Use with
 * `vi.mock('…/store/modelActions', async () => (await import('…/fakeModel.testutil')).fakeModelActions)`.
 */
import type { EngineErrorCode } from '../../engine/errors';
import type { ChatTurn, FinishReason } from '../../engine/types';
import type { TaskGrammar } from '../../core/grammar';
import type { GenerateOutcome } from '../../store/modelActions';
import { act, screen } from '@testing-library/react';
import { expect } from 'vitest';
import { acceptsGeneration, useModel } from '../../store/model';

interface Queued {
  text: string;
  finish?: FinishReason;
  /** Fails like the engine does: the error as the outcome, and in the model store unless the caller handles it. */
  error?: 'context-overflow' | 'unknown';
  /** Answers as an engine that refused the run's grammar, in these words. */
  grammarRejected?: string;
  /** Takes a few milliseconds between its two pieces, so runs that overlap are seen to. */
  slow?: boolean;
}

const queue: Queued[] = [];
export const calls: ChatTurn[][] = [];
/** The answer grammar each run was given (null: none). */
export const grammars: (TaskGrammar | null)[] = [];
/** The stop signal each run was given. */
export const signals: (AbortSignal | undefined)[] = [];
/** The most runs that were under way at once. */
export const inFlight = { now: 0, peak: 0 };

/** Answers for the next runs, in order. */
export function queueAnswers(...answers: (string | Queued)[]) {
  queue.push(...answers.map((a) => (typeof a === 'string' ? { text: a } : a)));
}

/** A loaded model that is ready to run, with the given context window. */
export function readyModel(contextWindow = 2048) {
  queue.length = 0;
  calls.length = 0;
  grammars.length = 0;
  signals.length = 0;
  Object.assign(inFlight, { now: 0, peak: 0 });
  useModel.setState({ status: 'ready', error: null, loaded: { id: 'fake', engine: 'gguf', contextWindow } });
}

const usage = { promptTokens: 1, completionTokens: 1, timeToFirstTokenMs: 1, prefillTokensPerSec: 1, decodeTokensPerSec: 1, totalMs: 1 };

export const fakeModelActions = {
  async generate(
    turns: ChatTurn[],
    onText: (piece: string) => void,
    options: { handles?: readonly EngineErrorCode[]; grammar?: TaskGrammar | null; signal?: AbortSignal } = {},
  ): Promise<GenerateOutcome> {
    calls.push(turns);
    grammars.push(options.grammar ?? null);
    signals.push(options.signal);
    const next = queue.shift() ?? { text: '' };
    if (next.error) {
      const error = { code: next.error };
      if (!options.handles?.includes(next.error)) useModel.setState({ error });
      return { ok: false, error };
    }
    useModel.setState({ status: 'generating' });
    inFlight.peak = Math.max(inFlight.peak, ++inFlight.now);
    const half = Math.floor(next.text.length / 2);
    onText(next.text.slice(0, half));
    await (next.slow ? new Promise((resolve) => setTimeout(resolve, 5)) : Promise.resolve());
    // stopped between its pieces, as an engine ends a stopped answer: the text so far, `aborted`
    const stopped = options.signal?.aborted === true;
    if (!stopped) onText(next.text.slice(half));
    if (--inFlight.now === 0) useModel.setState({ status: 'ready' });
    if (stopped) return { ok: true, result: { text: next.text.slice(0, half), finishReason: 'aborted', usage } };
    const refused = next.grammarRejected !== undefined ? { grammar: 'rejected' as const, grammarError: next.grammarRejected } : {};
    return { ok: true, result: { text: next.text, finishReason: next.finish ?? 'stop', usage, ...refused } };
  },
  canGenerate: () => acceptsGeneration(useModel.getState()),
  releaseHold() {},
  /** Like an engine without a tokenizer (wllama 3): long texts are planned on the estimate. */
  async countTokens(): Promise<number[] | null> {
    return null;
  },
};

/**
 * With another run generating (a job, a tab's answer): the button `testId` is disabled, saying why, while the
 * model runs in the browser, and enabled once it is a model server, which takes runs side by side. A component test.
 */
export function expectWaitsUnlessServer(testId: string) {
  const { loaded } = useModel.getState();
  act(() => useModel.setState({ status: 'generating' }));
  expect(screen.getByTestId(testId)).toBeDisabled();
  expect(screen.getByText('Another task is running.')).toBeInTheDocument();
  act(() => useModel.setState({ loaded: { ...loaded!, engine: 'openai', concurrent: true } }));
  expect(screen.getByTestId(testId)).toBeEnabled();
  expect(screen.queryByText('Another task is running.')).toBeNull();
}
