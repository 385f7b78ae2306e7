/**
 * The GGUF engine (llama.cpp in WebAssembly through wllama), as seen from the page. The library lives entirely in
 * `gguf.worker.ts`; the worker module is only fetched when a GGUF model is loaded.
 */
import { EngineError } from './errors';
import type { GgufWorkerRequest } from './protocol';
import type { Engine, GenerateRequest, GenerateResult, LoadedModelInfo, LoadProgress, LoadRequest } from './types';
import { UNLOAD_WAIT_MS, WorkerClient, abortable, connectWorker, settleWithin } from './worker-client';

/** `Engine` over wllama; one worker per loaded model (a new load or a cancel replaces it). */
export class GgufEngine implements Engine {
  readonly kind = 'gguf' as const;
  private worker: Worker | null = null;
  private client: WorkerClient<GgufWorkerRequest> | null = null;

  /** @throws EngineError (`network`, `bad-model-file`, `integrity`, `out-of-memory`, `aborted`, …) */
  async load(request: LoadRequest, onProgress: (p: LoadProgress) => void, signal?: AbortSignal): Promise<LoadedModelInfo> {
    this.terminate();
    const worker = new Worker(new URL('./gguf.worker.ts', import.meta.url), { type: 'module', name: 'gguf-engine' });
    const client = new WorkerClient<GgufWorkerRequest>((message) => worker.postMessage(message));
    connectWorker(worker, client);
    this.worker = worker;
    this.client = client;
    const call = client.call('load', { entry: request.entry, files: request.files }, { onProgress });
    // terminating is the only way to stop wllama mid-download or mid-parse; a new load starts a new worker
    return abortable(call.promise, signal, () => this.terminate());
  }

  /** @throws EngineError (`context-overflow`, `out-of-memory`, …); aborting resolves with `finishReason: 'aborted'` */
  async generate(request: GenerateRequest, onToken: (piece: string) => void, signal?: AbortSignal): Promise<GenerateResult> {
    const client = this.requireClient();
    const started = performance.now();
    let firstTokenAt: number | undefined;
    const call = client.call('generate', { request }, {
      onToken: (piece) => {
        firstTokenAt ??= performance.now();
        onToken(piece);
      },
    });
    const cancel = () => void client.call('cancel', { target: call.id }).promise.catch(() => undefined);
    if (signal?.aborted) cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      const result = await call.promise;
      const totalMs = performance.now() - started;
      // time to first token as the user experiences it: request sent → first piece shown
      return { ...result, usage: { ...result.usage, timeToFirstTokenMs: (firstTokenAt ?? performance.now()) - started, totalMs } };
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  }

  async unload(): Promise<void> {
    const client = this.client;
    // wllama frees its own worker and memory; then ours goes
    if (client) await settleWithin(client.call('unload', {}).promise, UNLOAD_WAIT_MS);
    this.terminate();
  }

  private requireClient(): WorkerClient<GgufWorkerRequest> {
    if (!this.client) throw new EngineError('unknown', 'no GGUF model is loaded');
    return this.client;
  }

  private terminate(): void {
    this.client?.failAll(new EngineError('aborted', 'the GGUF engine was stopped'));
    this.worker?.terminate();
    this.worker = null;
    this.client = null;
  }
}
