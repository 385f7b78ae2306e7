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

/**
 * How long a run may go on after Stop, and a load without a sign of progress, before the worker is terminated.
 * A library stuck in a kernel or a native call never answers a cancel; only terminating frees the page.
 */
export interface Watchdog {
  stopWaitMs: number;
  loadStallMs: number;
}

/** Stop is answered within a token or two; a load reports every file, shader or tensor it reads (a large model
 * on a slow disk may take minutes between two of them). */
export const WATCHDOG: Watchdog = { stopWaitMs: 5_000, loadStallMs: 300_000 };

export class WorkerEngine implements Engine {
  /** Both worker engines constrain answers: wllama with GBNF, WebLLM (xgrammar) with EBNF. */
  readonly supportsGrammar = true;
  /** One worker, one model in memory: one generation at a time. */
  readonly concurrent = false;
  private worker: Worker | null = null;
  private client: WorkerClient | null = null;
  /**
   * The loaded runtime cannot count (said with its model, or answered once): it is not asked again (a round trip
   * per document otherwise).
   */
  private cannotCount = false;

  constructor(
    readonly kind: EngineKind,
    private readonly spawn: () => Worker,
    private readonly prepare?: PrepareLoad,
    private readonly watchdog: Watchdog = WATCHDOG,
  ) {}

  /** @throws EngineError (`network`, `bad-model-file`, `integrity`, `out-of-memory`, `aborted`, …) */
  async load(request: LoadRequest, onProgress: (p: LoadProgress) => void, signal?: AbortSignal): Promise<LoadedModelInfo> {
    this.terminate();
    const worker = this.spawn();
    const client = new WorkerClient((message) => worker.postMessage(message));
    connectWorker(worker, client);
    this.worker = worker;
    this.client = client;
    this.cannotCount = false;
    // a load that goes silent (no progress for loadStallMs) is ended like a cancelled one, with its own message
    let stall: ReturnType<typeof setTimeout> | undefined;
    const watch = () => {
      clearTimeout(stall);
      stall = setTimeout(
        () =>
          this.terminate(
            new EngineError(
              'unresponsive',
              `the ${this.kind} engine reported no progress for ${this.watchdog.loadStallMs / 1000} s while loading`,
            ),
          ),
        this.watchdog.loadStallMs,
      );
    };
    const progress = (p: LoadProgress) => {
      watch();
      onProgress(p);
    };
    const steps = async () => {
      await this.prepare?.(client, request.entry, progress);
      const info = await client.call('load', { entry: request.entry, files: request.files }, { onProgress: progress }).promise;
      if (info.countsTokens === false && client === this.client) this.cannotCount = true;
      return info;
    };
    watch();
    // terminating is the only way to stop a library mid-download or mid-parse; a new load starts a new worker
    return abortable(steps(), signal, () => this.terminate()).finally(() => clearTimeout(stall));
  }

  /** @throws EngineError (`context-overflow`, `device-lost`, `out-of-memory`, …); aborting resolves with `finishReason: 'aborted'` */
  async generate(request: GenerateRequest, onToken: (piece: string) => void, signal?: AbortSignal): Promise<GenerateResult> {
    const client = this.client;
    if (!client) throw new EngineError('unknown', 'no model is loaded');
    const started = performance.now();
    let firstTokenAt: number | undefined;
    const call = client.call(
      'generate',
      { request },
      {
        onToken: (piece) => {
          firstTokenAt ??= performance.now();
          onToken(piece);
        },
      },
    );
    // a run that ignores Stop is ended by terminating its worker: the pieces streamed so far stay with the caller
    let stopWait: ReturnType<typeof setTimeout> | undefined;
    const cancel = () => {
      void client.call('cancel', { target: call.id }).promise.catch(() => undefined);
      stopWait = setTimeout(
        () =>
          this.terminate(
            new EngineError('unresponsive', `the ${this.kind} engine did not stop within ${this.watchdog.stopWaitMs / 1000} s of Stop`),
          ),
        this.watchdog.stopWaitMs,
      );
    };
    if (signal?.aborted) cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      const result = await call.promise;
      const totalMs = performance.now() - started;
      // time to first token as the user experiences it: request sent → first piece shown
      return { ...result, usage: { ...result.usage, timeToFirstTokenMs: (firstTokenAt ?? performance.now()) - started, totalMs } };
    } finally {
      clearTimeout(stopWait);
      signal?.removeEventListener('abort', cancel);
    }
  }

  /** Counted in the worker, with the tokenizer its library holds; null before a load. */
  async countTokens(prompts: readonly string[]): Promise<number[] | null> {
    const client = this.client;
    if (!client || this.cannotCount) return null;
    const counts = await client.call('countTokens', { prompts: [...prompts] }).promise;
    if (counts === null && client === this.client) this.cannotCount = true;
    return counts;
  }

  async unload(): Promise<void> {
    const client = this.client;
    // the library frees its memory (GPU memory for WebLLM) now; terminating alone would leave it to the collector
    if (client) await settleWithin(client.call('unload', {}).promise, UNLOAD_WAIT_MS);
    this.terminate();
  }

  private terminate(reason = new EngineError('aborted', `the ${this.kind} engine was stopped`)): void {
    this.client?.failAll(reason);
    this.worker?.terminate();
    this.worker = null;
    this.client = null;
  }
}
