import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL, type WorkerReply } from './protocol';
import { serveEngine, type EngineRuntime } from './worker-host';
import type { GenerateResult, ModelEntry } from './types';

afterEach(() => vi.unstubAllGlobals());

/** Serves `runtime` on a stand-in worker scope; returns a function that sends one request and waits for its result. */
function served(runtime: EngineRuntime) {
  const replies: WorkerReply[] = [];
  const scope: { postMessage: (r: WorkerReply) => void; onmessage?: (e: { data: unknown }) => void } = {
    postMessage: (r) => replies.push(r),
  };
  vi.stubGlobal('self', scope);
  serveEngine(runtime);
  return async (request: object) => {
    scope.onmessage!({ data: { channel: CHANNEL, id: 1, ...request } });
    await vi.waitFor(() => expect(replies.some((r) => r.kind === 'result')).toBe(true));
    return replies.find((r) => r.kind === 'result')!;
  };
}

const entry = { id: 'm', engine: 'gguf', url: 'https://h/m.gguf' } as ModelEntry;
const runtime: EngineRuntime = {
  load: async () => ({ id: 'm', engine: 'gguf', contextWindow: 256 }),
  generate: async () => {
    throw new Error('not asked');
  },
  unload: async () => undefined,
};

describe('an engine worker', () => {
  it('says with the loaded model whether its runtime can count tokens', async () => {
    expect(await served(runtime)({ kind: 'load', entry })).toMatchObject({ value: { id: 'm', countsTokens: false } });
    const counting = { ...runtime, countTokens: async (prompts: readonly string[]) => prompts.map((p) => p.length) };
    expect(await served(counting)({ kind: 'load', entry })).toMatchObject({ value: { id: 'm', countsTokens: true } });
  });

  it('posts streamed pieces at the pace the page asks for, within the bounds of a stream', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      /** The token posts of a one-second answer streamed a token per 25 ms. */
      const posts = async (streamEveryMs?: number) => {
        const streaming: EngineRuntime = {
          ...runtime,
          generate: async (_request, onToken) => {
            for (let i = 0; i < 40; i++) {
              onToken('t');
              await vi.advanceTimersByTimeAsync(25);
            }
            return { text: 't'.repeat(40) } as GenerateResult;
          },
        };
        const replies: WorkerReply[] = [];
        const scope = {
          postMessage: (r: WorkerReply) => replies.push(r),
          onmessage: undefined as ((e: { data: unknown }) => void) | undefined,
        };
        vi.stubGlobal('self', scope);
        serveEngine(streaming);
        scope.onmessage!({ data: { channel: CHANNEL, id: 1, kind: 'generate', request: { turns: [], params: {}, streamEveryMs } } });
        await vi.waitFor(() => expect(replies.some((r) => r.kind === 'result')).toBe(true));
        const pieces = replies.flatMap((r) => (r.kind === 'token' ? [r.piece] : []));
        expect(pieces.join('')).toBe('t'.repeat(40));
        return pieces.length;
      };
      expect(await posts()).toBeGreaterThanOrEqual(9); // ten a second by default
      const paced = await posts(250);
      expect(paced).toBeGreaterThanOrEqual(3);
      expect(paced).toBeLessThanOrEqual(6);
      expect(await posts(5000)).toBeLessThanOrEqual(4); // at most 400 ms apart, whatever is asked
      expect(await posts(10)).toBeLessThanOrEqual(12); // at most ten a second
    } finally {
      vi.useRealTimers();
    }
  });
});
