/**
 * The GGUF engine proper, as it runs inside `gguf.worker.ts`: wllama (llama.cpp compiled to WebAssembly, which
 * spawns its own worker below this one). The wasm file is bundled by Vite; nothing comes from a CDN.
 */
import { ModelManager, Wllama, type LoadModelParams, type Model } from '@wllama/wllama';
import wasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import { EngineError, describeError, toEngineError } from './errors';
import { LoadLog, loadFailure } from './gguf-load-log';
import { ggufThreads } from './hardware';
import { supportsWasmMemory64 } from './wasm-support';
import { PRECHECK_TIMEOUT_MS, precheckUrls } from './precheck';
import { ensureRoomFor } from './storage';
import { downloadToCache } from './gguf-download';
import { buildPrompt, verifyFileIntegrity } from './gguf-prompt';
import { runWithGrammar } from './grammar-fallback';
import type { FinishReason, GenerateRequest, GenerateResult, LoadedModelInfo, LoadProgress, ModelEntry } from './types';

const GGUF_MAGIC = 'GGUF';

let wllama: Wllama | null = null;
let loaded: { entry: ModelEntry; info: LoadedModelInfo } | null = null;

/** llama.cpp's complaints during a load: a failed load only says `success: false`, the reason is in the native log. */
const loadLog = new LoadLog();
const note = (...args: unknown[]) => {
  loadLog.add(args.map(String).join(' '));
  console.warn(...args);
};
// Native log lines are diagnostics, not failures (failures come back as exceptions): keep problems visible as
// warnings, quiet the chatter
const logger = { debug: () => undefined, log: () => undefined, warn: note, error: note };

async function isGguf(blob: Blob): Promise<boolean> {
  const head = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
  return String.fromCharCode(...head) === GGUF_MAGIC;
}

/** How often a load waiting for another tab's download says it is still waiting (which also feeds the watchdog). */
const WAITING_REPORT_MS = 5_000;

/**
 * Runs `work` holding this site's lock on one model URL, so two tabs loading the same model download it once (two
 * writers of one OPFS file fail with NoModificationAllowedError); the second waits, saying so, then finds the file.
 */
async function withDownloadLock<T>(url: string, report: (p: LoadProgress) => void, work: () => Promise<T>): Promise<T> {
  const locks = (self.navigator as Navigator | undefined)?.locks;
  if (!locks) return work();
  const name = `taiyi-download:${url}`;
  const free = await locks.request(name, { ifAvailable: true }, async (lock) => (lock ? { value: await work() } : null));
  if (free) return free.value;
  const waiting = () => report({ fraction: 0, phase: 'download', waitingForOtherTab: true });
  waiting();
  const timer = setInterval(waiting, WAITING_REPORT_MS);
  try {
    return await locks.request(name, work);
  } finally {
    clearInterval(timer);
  }
}

/**
 * Downloads each part of a model into wllama's cache in turn, resuming what an earlier, interrupted download stored.
 * @throws EngineError `network` naming the file (what arrived stays stored, and loading again resumes it), `quota`
 */
async function downloadParts(w: Wllama, parts: string[], report: (p: LoadProgress) => void): Promise<void> {
  for (const [i, url] of parts.entries()) {
    await downloadToCache(url, await w.cacheManager.getNameFromURL(url), ({ loaded, total }) =>
      report({
        phase: 'download',
        fraction: (i + (total ? loaded / total : 0)) / parts.length,
        ...(parts.length === 1 ? { loadedBytes: loaded, totalBytes: total } : {}),
      }),
    );
  }
}

/** Downloads (or finds in wllama's OPFS cache) the model's files, reporting bytes. */
async function fetchModel(w: Wllama, entry: ModelEntry, report: (p: LoadProgress) => void): Promise<{ blobs: Blob[]; model: Model }> {
  const urls = entry.urls ?? [entry.url];
  return withDownloadLock(urls[0]!, report, () => fetchModelLocked(w, entry, urls, report));
}

async function fetchModelLocked(
  w: Wllama,
  entry: ModelEntry,
  urls: string[],
  report: (p: LoadProgress) => void,
): Promise<{ blobs: Blob[]; model: Model }> {
  let model = (await w.modelManager.getModels()).find((m) => m.url === urls[0]);
  if (model) {
    report({ phase: 'download', fraction: 1, loadedBytes: model.size, totalBytes: model.size });
  } else {
    await precheckUrls(urls, PRECHECK_TIMEOUT_MS);
    // the files are there; a download that cannot fit is refused now, not at 90 %
    await ensureRoomFor(entry);
    report({ fraction: 0, phase: 'download' });
    await downloadParts(w, ModelManager.parseModelUrl(urls[0]!), report);
    model = (await w.modelManager.getModels()).find((m) => m.url === urls[0]);
    if (!model) throw new EngineError('network', `${urls[0]}: the downloaded files are incomplete`);
  }
  return { blobs: await model.open(), model };
}

/**
 * Loads a model from its URL(s) or from the user's files.
 * @throws EngineError: `network` (download), `bad-model-file` (not GGUF, truncated, rejected by llama.cpp),
 *   `integrity`, `out-of-memory`.
 */
export async function loadGguf(entry: ModelEntry, files: Blob[] | undefined, report: (p: LoadProgress) => void): Promise<LoadedModelInfo> {
  await unloadGguf();
  report({ fraction: 0, phase: 'checking' });
  if (!supportsWasmMemory64())
    throw new EngineError('unsupported-browser', 'this browser lacks WebAssembly Memory64, which the bundled llama.cpp build needs');
  const w = new Wllama({ default: new URL(wasmUrl, self.location.href).href }, { logger, allowOffline: true });
  // browsers without JSPI or Memory64 would otherwise be sent to a compatibility build on a CDN
  w.setCompat(null);
  wllama = w;

  const { blobs, model: cachedModel } = files?.length ? { blobs: files, model: undefined } : await fetchModel(w, entry, report);
  // a bad download must not be served from the cache again: trying again downloads afresh
  const rejectFile = async (error: EngineError) => {
    await cachedModel?.remove().catch(() => undefined);
    return error;
  };
  if (!(await isGguf(blobs[0]!)))
    throw await rejectFile(new EngineError('bad-model-file', `${entry.url} does not start with the GGUF signature`));
  if (entry.integrity?.file && blobs.length === 1) {
    await verifyFileIntegrity(blobs[0]!, entry.integrity.file, entry.url).catch(async (err: unknown) => {
      throw await rejectFile(toEngineError(err));
    });
  }

  report({ fraction: 1, phase: 'init' });
  const threads = ggufThreads({ crossOriginIsolated, hardwareConcurrency: navigator.hardwareConcurrency ?? 1 });
  const gpuLayers = entry.overrides?.n_gpu_layers;
  const params: LoadModelParams = {
    n_ctx: entry.context_window_size,
    n_threads: threads,
    n_parallel: 1,
    // CPU unless the registry asks for GPU offload: this engine is the path for machines where WebGPU is missing or weak
    n_gpu_layers: typeof gpuLayers === 'number' ? gpuLayers : 0,
  };
  loadLog.clear();
  // only a fault of the file itself deletes the stored copy: memory or settings problems keep it for the next try
  const fail = async (thrown?: unknown) => {
    const e = loadFailure(loadLog.problems, thrown === undefined ? undefined : describeError(thrown), entry.url, entry.context_window_size);
    return e.code === 'bad-model-file' ? rejectFile(e) : e;
  };
  try {
    await w.loadModel(blobs, params);
  } catch (err) {
    throw await fail(err);
  }
  // an invalid file does not throw: the load just reports no success
  const context = w.getLoadedContextInfo() as ReturnType<Wllama['getLoadedContextInfo']> & { success?: boolean };
  if (context.success === false || !context.n_vocab) throw await fail();
  const info: LoadedModelInfo = {
    id: entry.id,
    engine: 'gguf',
    // llama.cpp's server caps a slot at the context the model was trained on, whatever the entry asked for: the
    // page plans its prompts and parts for the context the model is served with
    contextWindow: context.n_ctx_train > 0 ? Math.min(context.n_ctx, context.n_ctx_train) : context.n_ctx,
    hasChatTemplate: Boolean(w.getChatTemplate()),
    threads: w.getNumThreads(),
  };
  loaded = { entry, info };
  return info;
}

interface Timings {
  /** Prompt tokens reused from llama.cpp's prompt cache. */
  cache_n?: number;
  /** Prompt tokens evaluated in this run. */
  prompt_n?: number;
  prompt_per_second?: number;
  predicted_n?: number;
  predicted_per_second?: number;
}
interface StreamChunk {
  choices?: Array<{ text?: string; delta?: { content?: string | null }; finish_reason?: string | null }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } } | null;
  timings?: Timings;
}

/**
 * Runs one generation, streaming pieces to `onToken`, constrained to the request's GBNF grammar when it has one
 * (llama.cpp refusing it runs unconstrained, said in the result). Aborting `signal` ends it early with
 * `finishReason: 'aborted'`.
 * @throws EngineError (`context-overflow` when the prompt does not fit, …)
 */
export function generateGguf(request: GenerateRequest, onToken: (piece: string) => void, signal: AbortSignal): Promise<GenerateResult> {
  return runWithGrammar(request.grammar?.gbnf, onToken, (grammar, onPiece) => generateOnce(request, grammar, onPiece, signal));
}

async function generateOnce(
  request: GenerateRequest,
  grammar: string | undefined,
  onToken: (piece: string) => void,
  signal: AbortSignal,
): Promise<GenerateResult> {
  if (!wllama || !loaded) throw new EngineError('unknown', 'no GGUF model is loaded');
  const { params } = request;
  const prompt = buildPrompt(loaded.entry.prompt_format, request.turns, loaded.info.hasChatTemplate ?? false);
  const sampling = params.greedy ? { temperature: 0, top_k: 1 } : { temperature: params.temperature, top_p: params.top_p };
  const started = performance.now();
  let text = '';
  let chunks = 0;
  let finish: FinishReason = 'stop';
  let timings = {} as Timings;
  let usage = null as StreamChunk['usage'];
  const onData = (chunk: StreamChunk) => {
    const choice = chunk.choices?.[0];
    const piece = choice?.delta?.content ?? choice?.text ?? '';
    if (piece) {
      text += piece;
      chunks++;
      onToken(piece);
    }
    if (choice?.finish_reason === 'length') finish = 'length';
    if (chunk.timings) timings = chunk.timings;
    if (chunk.usage) usage = chunk.usage;
  };
  // the prompt cache is keyed by tokens: a new conversation shares no prefix with the last one and starts afresh
  const common = {
    stream: true as const,
    onData,
    abortSignal: signal,
    max_tokens: params.max_tokens,
    ...sampling,
    cache_prompt: true,
    // every piece carries llama.cpp's timings, so a run stopped midway still knows its prompt and speeds
    timings_per_token: true,
    ...(grammar ? { grammar } : {}),
  };
  try {
    if (prompt.kind === 'chat') await wllama.createChatCompletion({ ...common, messages: prompt.messages });
    else await wllama.createCompletion({ ...common, prompt: prompt.text, stop: prompt.stop });
  } catch (err) {
    if (!signal.aborted) throw toEngineError(err);
  }
  if (signal.aborted) finish = 'aborted';
  const totalMs = performance.now() - started;
  const completionTokens = usage?.completion_tokens ?? timings.predicted_n ?? chunks;
  // llama.cpp's usage counts the whole prompt; its timings tell the reused part from the evaluated one
  const cachedPromptTokens = timings.cache_n ?? usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    text,
    finishReason: finish,
    usage: {
      promptTokens: timings.prompt_n ?? Math.max(0, (usage?.prompt_tokens ?? 0) - cachedPromptTokens),
      cachedPromptTokens,
      completionTokens,
      // measured by the client, which sees the first token arrive; this is the worker's fallback
      timeToFirstTokenMs: 0,
      prefillTokensPerSec: timings.prompt_per_second ?? 0,
      decodeTokensPerSec: timings.predicted_per_second ?? (totalMs > 0 ? (completionTokens * 1000) / totalMs : 0),
      totalMs,
    },
  };
}

/** Frees the model and wllama's own worker. */
export async function unloadGguf(): Promise<void> {
  const w = wllama;
  wllama = null;
  loaded = null;
  await w?.exit().catch(() => undefined);
}
