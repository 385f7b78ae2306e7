/**
 * The WebLLM engine (MLC models on WebGPU), as seen from the page. The model runs in `webllm.worker.ts` behind
 * WebLLM's own `WebWorkerMLCEngineHandler`; this side drives it through `WebWorkerMLCEngine`, imported lazily so the
 * library never weighs on the entry chunk.
 *
 * WebLLM downloads its config and model library before it looks for a GPU, and waits as long as the browser does
 * on an unreachable host, so a load first probes WebGPU and checks the model's files in the worker.
 */
import type { ChatCompletionChunk, CompletionUsage, WebWorkerMLCEngine } from '@mlc-ai/web-llm';
import { EngineError, toEngineError } from './errors';
import { webgpuBlocker } from './hardware';
import { PRECHECK_TIMEOUT_MS } from './precheck';
import type { WebLLMWorkerRequest } from './protocol';
import { ensureRoomFor, evictVerifiedFiles, keepModelLib } from './storage';
import type { Engine, GenerateRequest, GenerateResult, LoadedModelInfo, LoadProgress, LoadRequest } from './types';
import { webllmAppConfig, webllmConfigUrl, webllmFinish, webllmProgress, webllmUsage } from './webllm-config';
import { UNLOAD_WAIT_MS, WorkerClient, abortable, connectWorker, settleWithin } from './worker-client';

/** The shape WebLLM's client expects of a worker; ours forwards WebLLM's messages and keeps our own. */
interface ChatPort {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage: (message: unknown) => void;
}

/** `Engine` over WebLLM; one worker per loaded model (a new load or a cancel replaces it). */
export class WebLLMEngine implements Engine {
  readonly kind = 'webllm' as const;
  private worker: Worker | null = null;
  private client: WorkerClient<WebLLMWorkerRequest> | null = null;
  private mlc: WebWorkerMLCEngine | null = null;

  /**
   * @throws EngineError: `no-webgpu`, `no-adapter`, `shader-f16-missing`, `buffer-limit` (before any download),
   *   `network`, `quota`, `integrity`, `device-lost`, `out-of-memory`, `aborted`, …
   */
  async load(request: LoadRequest, onProgress: (p: LoadProgress) => void, signal?: AbortSignal): Promise<LoadedModelInfo> {
    this.terminate();
    const { entry } = request;
    if (entry.engine !== 'webllm' || !entry.model_lib) throw new EngineError('unknown', `${entry.id} is not a WebLLM model`);
    const worker = new Worker(new URL('./webllm.worker.ts', import.meta.url), { type: 'module', name: 'webllm-engine' });
    const client = new WorkerClient<WebLLMWorkerRequest>((message) => worker.postMessage(message));
    const port: ChatPort = { onmessage: null, postMessage: (message) => worker.postMessage(message) };
    connectWorker(worker, client, (event) => port.onmessage?.(event));
    this.worker = worker;
    this.client = client;
    // after a cancel (the worker is gone) the remaining steps must not start WebLLM on a dead worker
    const stillWanted = () => {
      if (this.worker !== worker) throw new EngineError('aborted', 'the load was cancelled');
    };

    const steps = async (): Promise<LoadedModelInfo> => {
      onProgress({ fraction: 0, phase: 'checking' });
      const hardware = await client.call('probe', {}).promise;
      const blocker = webgpuBlocker(hardware, entry);
      if (blocker) throw blocker;
      await client.call('precheck', { urls: [webllmConfigUrl(entry), entry.model_lib!], timeoutMs: PRECHECK_TIMEOUT_MS }).promise;
      await keepModelLib(entry);
      // the files are there; a download that cannot fit is refused now, not at 90 %
      await ensureRoomFor(entry);

      const { WebWorkerMLCEngine } = await import('@mlc-ai/web-llm');
      stillWanted();
      const mlc = new WebWorkerMLCEngine(port, {
        appConfig: webllmAppConfig(entry),
        initProgressCallback: (report) => onProgress(webllmProgress(report)),
      });
      try {
        await mlc.reload(entry.id);
      } catch (err) {
        const e = toEngineError(err); // WebLLM rejects with the worker's `err.toString()`
        // the bad copy is cached: drop it, so trying again downloads afresh
        if (e.code === 'integrity') await evictVerifiedFiles(entry).catch(() => undefined);
        throw e;
      }
      this.mlc = mlc;
      const context = entry.overrides?.context_window_size;
      return { id: entry.id, engine: 'webllm', contextWindow: typeof context === 'number' ? context : entry.context_window_size };
    };
    return abortable(steps(), signal, () => this.terminate());
  }

  /** @throws EngineError (`context-overflow`, `device-lost`, …); aborting resolves with `finishReason: 'aborted'` */
  async generate(request: GenerateRequest, onToken: (piece: string) => void, signal?: AbortSignal): Promise<GenerateResult> {
    const mlc = this.requireEngine();
    const { turns, params } = request;
    const started = performance.now();
    let firstTokenAt: number | undefined;
    let text = '';
    let pieces = 0;
    let reason: string | null | undefined;
    let usage: CompletionUsage | undefined;
    const interrupt = () => mlc.interruptGenerate();
    try {
      const stream: AsyncIterable<ChatCompletionChunk> = await mlc.chat.completions.create({
        // never a `name`: WebLLM would put it in place of the role string, breaking Taiyi's wire format
        messages: turns.map((t) => ({ role: t.role, content: t.content })),
        stream: true,
        stream_options: { include_usage: true },
        // temperature 0 makes WebLLM take the argmax
        temperature: params.greedy ? 0 : params.temperature,
        top_p: params.greedy ? 1 : params.top_p,
        max_tokens: params.max_tokens,
      });
      if (signal?.aborted) interrupt();
      signal?.addEventListener('abort', interrupt, { once: true });
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        const piece = choice?.delta?.content;
        if (piece) {
          firstTokenAt ??= performance.now();
          text += piece;
          pieces++;
          onToken(piece);
        }
        if (choice?.finish_reason) reason = choice.finish_reason;
        if (chunk.usage) usage = chunk.usage;
      }
    } catch (err) {
      throw toEngineError(err);
    } finally {
      signal?.removeEventListener('abort', interrupt);
    }
    const now = performance.now();
    return {
      text,
      finishReason: webllmFinish(reason, signal?.aborted ?? false),
      usage: webllmUsage(usage, { timeToFirstTokenMs: (firstTokenAt ?? now) - started, totalMs: now - started, pieces }),
    };
  }

  async unload(): Promise<void> {
    const mlc = this.mlc;
    this.mlc = null;
    // unloading frees GPU memory now; terminating the worker alone leaves it to the garbage collector
    if (mlc) await settleWithin(mlc.unload(), UNLOAD_WAIT_MS);
    this.terminate();
  }

  private requireEngine(): WebWorkerMLCEngine {
    if (!this.mlc) throw new EngineError('unknown', 'no WebLLM model is loaded');
    return this.mlc;
  }

  private terminate(): void {
    this.client?.failAll(new EngineError('aborted', 'the WebLLM engine was stopped'));
    this.worker?.terminate();
    this.worker = null;
    this.client = null;
    this.mlc = null;
  }
}
