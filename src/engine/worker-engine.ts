/**
 * An `Engine` whose library runs in a module worker of its own, one worker per loaded model: a new load, a cancel
 * or an unload ends it. Both engines are this class; they differ in their worker and in what the page checks
 * before the worker starts downloading.
 */
import { EngineError } from './errors';
import type { Engine, EngineKind, GenerateRequest, GenerateResult, LoadedModelInfo, LoadProgress, LoadRequest, ModelEntry } from './types';
import { UNLOAD_WAIT_MS, WorkerClient, abortable, connectWorker, settleWithin } from './worker-client';

/** Checks run from the page (through the fresh worker) before the load itself; they throw to stop it. */
export type PrepareLoad = (client: WorkerClient, entry: ModelEntry, onProgress: (p: LoadProgress) => void) => Promise<void>;

export class WorkerEngine implements Engine {
  private worker: Worker | null = null;
  private client: WorkerClient | null = null;

  constructor(
    readonly kind: EngineKind,
    readonly supportsGrammar: boolean,
    private readonly spawn: () => Worker,
    private readonly prepare?: PrepareLoad,
  ) {}

  /** @throws EngineError (`network`, `bad-model-file`, `integrity`, `out-of-memory`, `aborted`, …) */
  async load(request: LoadRequest, onProgress: (p: LoadProgress) => void, signal?: AbortSignal): Promise<LoadedModelInfo> {
    this.terminate();
    const worker = this.spawn();
    const client = new WorkerClient((message) => worker.postMessage(message));
    connectWorker(worker, client);
    this.worker = worker;
    this.client = client;
    const steps = async () => {
      await this.prepare?.(client, request.entry, onProgress);
      return client.call('load', { entry: request.entry, files: request.files }, { onProgress }).promise;
    };
    // terminating is the only way to stop a library mid-download or mid-parse; a new load starts a new worker
    return abortable(steps(), signal, () => this.terminate());
  }

  /** @throws EngineError (`context-overflow`, `device-lost`, `out-of-memory`, …); aborting resolves with `finishReason: 'aborted'` */
  async generate(request: GenerateRequest, onToken: (piece: string) => void, signal?: AbortSignal): Promise<GenerateResult> {
    const client = this.client;
    if (!client) throw new EngineError('unknown', 'no model is loaded');
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
    // the library frees its memory (GPU memory for WebLLM) now; terminating alone would leave it to the collector
    if (client) await settleWithin(client.call('unload', {}).promise, UNLOAD_WAIT_MS);
    this.terminate();
  }

  private terminate(): void {
    this.client?.failAll(new EngineError('aborted', `the ${this.kind} engine was stopped`));
    this.worker?.terminate();
    this.worker = null;
    this.client = null;
  }
}
