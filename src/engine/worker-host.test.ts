import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL, type WorkerReply } from './protocol';
import { serveEngine, type EngineRuntime } from './worker-host';
import type { ModelEntry } from './types';

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
});
