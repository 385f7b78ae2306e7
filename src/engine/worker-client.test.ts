import { describe, expect, it, vi } from 'vitest';
import { EngineError } from './errors';
import { isWorkerRequest, replierFor, type WorkerReply, type WorkerRequest } from './protocol';
import { WorkerClient, abortable, settleWithin } from './worker-client';

/** A client wired to a fake worker that answers with the protocol's own worker-side helper. */
function setup(answer: (msg: WorkerRequest, reply: ReturnType<typeof replierFor>) => void) {
  const sent: WorkerRequest[] = [];
  const client: WorkerClient = new WorkerClient((msg) => {
    sent.push(msg);
    queueMicrotask(() =>
      answer(
        msg,
        replierFor(msg.id, (r: WorkerReply) => client.handle(structuredClone(r))),
      ),
    );
  });
  return { client, sent };
}

describe('worker protocol', () => {
  it('routes progress and tokens to the call, then settles it with the result', async () => {
    const { client, sent } = setup((msg, reply) => {
      reply.progress({ fraction: 0.5 });
      reply.token('Hel');
      reply.token('lo');
      reply.result({
        text: 'Hello',
        finishReason: 'stop',
        usage: { promptTokens: 1, completionTokens: 2, timeToFirstTokenMs: 0, prefillTokensPerSec: 0, decodeTokensPerSec: 0, totalMs: 0 },
      });
      expect(isWorkerRequest(msg)).toBe(true);
    });
    const progress: number[] = [];
    const tokens: string[] = [];
    const call = client.call(
      'generate',
      { request: { turns: [], params: { temperature: 0, top_p: 1, max_tokens: 2, greedy: true } } },
      {
        onProgress: (p) => progress.push(p.fraction),
        onToken: (t) => tokens.push(t),
      },
    );
    await expect(call.promise).resolves.toMatchObject({ text: 'Hello' });
    expect([progress, tokens]).toEqual([[0.5], ['Hel', 'lo']]);
    expect(sent[0]).toMatchObject({ channel: 'taiyi-engine', id: call.id, kind: 'generate' });
  });

  it('turns an error reply into an EngineError', async () => {
    const { client } = setup((_msg, reply) => reply.error({ code: 'network', detail: 'HTTP 404' }));
    await expect(client.call('precheck', { urls: ['u'], timeoutMs: 1 }).promise).rejects.toMatchObject({
      code: 'network',
      detail: 'HTTP 404',
    });
  });

  it('leaves messages of another protocol alone', () => {
    const { client } = setup(() => undefined);
    expect(client.handle({ kind: 'return', uuid: 'x', content: null })).toBe(false);
    expect(client.handle({ kind: 'initProgressCallback', uuid: '', content: { progress: 0 } })).toBe(false);
  });

  it('fails calls in flight and later ones when the worker is gone', async () => {
    const { client } = setup(() => undefined);
    const pending = client.call('probe', {}).promise;
    client.failAll(new EngineError('aborted', 'stopped'));
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    await expect(client.call('probe', {}).promise).rejects.toMatchObject({ code: 'aborted' });
  });

  it('rejects a cancelled wait with aborted and runs the cleanup', async () => {
    const controller = new AbortController();
    let cleaned = false;
    const waiting = abortable(new Promise(() => undefined), controller.signal, () => (cleaned = true));
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'aborted' });
    expect(cleaned).toBe(true);
  });

  it('waits for a goodbye only so long, and a failed one is no failure', async () => {
    vi.useFakeTimers();
    try {
      let done = false;
      const waiting = settleWithin(new Promise(() => undefined), 5_000).then(() => (done = true));
      await vi.advanceTimersByTimeAsync(4_999);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await waiting;
      expect(done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    await expect(settleWithin(Promise.reject(new Error('worker gone')), 5_000)).resolves.toBeUndefined();
  });
});
