import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL, type WorkerRequest } from './protocol';
import { WorkerEngine } from './worker-engine';
import type { ModelEntry } from './types';

/**
 * Test double of an engine worker: answers a load (with `loaded` in its answer), streams one token per run and then
 * never answers again; says it cannot count tokens. Records the kinds of request it got.
 */
class StuckWorker {
  asked: string[] = [];
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: unknown = null;
  onmessageerror: unknown = null;
  terminated = false;
  constructor(
    private readonly loads: boolean,
    private readonly loaded: object = {},
  ) {}
  postMessage(msg: WorkerRequest) {
    const reply = (data: object) =>
      queueMicrotask(() => this.onmessage?.({ data: { channel: CHANNEL, id: msg.id, ...data } } as MessageEvent));
    this.asked.push(msg.kind);
    if (msg.kind === 'countTokens') reply({ kind: 'result', value: null });
    if (msg.kind === 'load' && this.loads)
      reply({ kind: 'result', value: { id: 'm', engine: 'gguf', contextWindow: 256, ...this.loaded } });
    if (msg.kind === 'generate') reply({ kind: 'token', piece: 'partial ' });
    // cancel and unload go unanswered, like a library stuck in a native call
  }
  terminate() {
    this.terminated = true;
  }
}

const entry = { id: 'm', engine: 'gguf', url: 'https://h/m.gguf' } as ModelEntry;
const request = { turns: [{ role: 'user' as const, content: 'x' }], params: { temperature: 0, top_p: 1, max_tokens: 10, greedy: true } };

afterEach(() => vi.useRealTimers());

describe('WorkerEngine watchdog', () => {
  it('terminates a run that ignores Stop after a bounded wait, keeping what streamed', async () => {
    vi.useFakeTimers();
    let worker!: StuckWorker;
    const engine = new WorkerEngine('gguf', () => (worker = new StuckWorker(true)) as unknown as Worker, undefined, {
      stopWaitMs: 3000,
      loadStallMs: 60_000,
    });
    await engine.load({ entry }, () => undefined);
    const pieces: string[] = [];
    const stop = new AbortController();
    const run = engine.generate(request, (p) => pieces.push(p), stop.signal);
    const outcome = run.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    stop.abort();
    await vi.advanceTimersByTimeAsync(2999);
    expect(worker.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toMatchObject({ code: 'unresponsive' });
    expect(worker.terminated).toBe(true);
    expect(pieces).toEqual(['partial ']);
  });

  it('ends a load that never reports progress', async () => {
    vi.useFakeTimers();
    let worker!: StuckWorker;
    const engine = new WorkerEngine('gguf', () => (worker = new StuckWorker(false)) as unknown as Worker, undefined, {
      stopWaitMs: 3000,
      loadStallMs: 60_000,
    });
    const outcome = engine.load({ entry }, () => undefined).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await outcome).toMatchObject({ code: 'unresponsive' });
    expect(worker.terminated).toBe(true);
  });
});

describe('WorkerEngine token counts', () => {
  it('asks a runtime that cannot count once per load, not once per document', async () => {
    const workers: StuckWorker[] = [];
    const engine = new WorkerEngine('gguf', () => (workers[workers.length] = new StuckWorker(true)) as unknown as Worker);
    await engine.load({ entry }, () => undefined);
    expect(await engine.countTokens(['a'])).toBeNull();
    expect(await engine.countTokens(['b'])).toBeNull();
    expect(workers[0].asked.filter((k) => k === 'countTokens')).toHaveLength(1);
    // a new model may count
    await engine.load({ entry }, () => undefined);
    expect(await engine.countTokens(['c'])).toBeNull();
    expect(workers[1].asked.filter((k) => k === 'countTokens')).toHaveLength(1);
  });

  it('asks a runtime that said with its model that it cannot count nothing at all', async () => {
    let worker!: StuckWorker;
    const engine = new WorkerEngine('gguf', () => (worker = new StuckWorker(true, { countsTokens: false })) as unknown as Worker);
    const info = await engine.load({ entry }, () => undefined);
    expect(info.countsTokens).toBe(false);
    expect(await engine.countTokens(['a'])).toBeNull();
    expect(worker.asked).not.toContain('countTokens');
  });
});
