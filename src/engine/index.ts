/**
 * The engine layer's front door: one module-level engine at a time, so runtime objects (workers, WebLLM's client)
 * never live in React state. The store keeps only what these functions report: status, progress, results.
 *
 * Progress and tokens arrive through callbacks; failures reject with an `EngineError` whose `code` picks the
 * translated message (`errors:<code>`). Cancelling (through the `AbortSignal`) rejects a load with `aborted` and
 * ends a generation early with `finishReason: 'aborted'`.
 */
import { EngineError } from './errors';
import type { Engine, EngineKind, GenerateRequest, GenerateResult, LoadedModelInfo, LoadProgress, LoadRequest } from './types';

export * from './types';
export { EngineError, ENGINE_ERROR_CODES, isEngineErrorCode, toEngineError, type EngineErrorCode } from './errors';
export { probeHardware, ggufThreads, webgpuBlocker, type AdapterSummary, type HardwareReport } from './hardware';
export { loadRegistry, parseRegistry, validateRegistry, modelBaseUrl, pageModelBase, REGISTRY_FILE, type RegistryResult } from './registry';
export { defaultModelId, deviceWarnings, preferredVariant, f32Sibling, type DeviceWarning } from './selection';
export { entryFromFiles, entryFromUrl, ModelUrlError, restoreUserModels, savedUserModels } from './user-models';
export { engineCodeUrls } from './engine-code';
export { checkHosting, firstFileUrl, onThisSite, type Hosting } from './hosting';
export { normalizeBaseUrl } from './server-url';

let engine: Engine | null = null;
let loaded: LoadedModelInfo | null = null;
/** The load in progress, so a newer load (or an unload) can cancel it. */
let loading: AbortController | null = null;
/**
 * The generations under way, by identity: one that outlives an unload must not clear a later one's claim. More
 * than one only on an engine that serves requests concurrently (a server).
 */
let generating = new Set<object>();

// each engine's client (and the storage checks behind it) loads with its first model, like the workers do: the
// page's first paint needs none of them
const createEngine = async (kind: EngineKind): Promise<Engine> =>
  kind === 'webllm'
    ? (await import('./webllm')).createWebLLMEngine()
    : kind === 'gguf'
      ? (await import('./gguf')).createGgufEngine()
      : (await import('./openai')).createOpenAIEngine();

/**
 * Loads a model, first unloading the current one and cancelling any load in progress.
 * A local GGUF model passes its files: `loadModel({ entry: entryFromFiles(files), files }, …)`.
 * @param onProgress load progress: fraction, bytes where known, the engine's own line, the phase
 * @throws EngineError; `aborted` when `signal` aborts or a newer load supersedes this one
 */
export async function loadModel(
  request: LoadRequest,
  onProgress: (p: LoadProgress) => void,
  signal?: AbortSignal,
): Promise<LoadedModelInfo> {
  loading?.abort();
  const controller = new AbortController();
  loading = controller;
  const cancel = () => controller.abort();
  signal?.addEventListener('abort', cancel, { once: true });
  if (signal?.aborted) controller.abort();
  try {
    await unloadCurrent();
    if (controller.signal.aborted) throw new EngineError('aborted', 'the load was cancelled');
    const next = await createEngine(request.entry.engine);
    if (controller.signal.aborted) throw new EngineError('aborted', 'the load was cancelled');
    engine = next;
    const info = await next.load(request, (p) => !controller.signal.aborted && onProgress(p), controller.signal);
    loaded = { ...info, supportsGrammar: next.supportsGrammar, concurrent: next.concurrent };
    return loaded;
  } catch (err) {
    // a failed or cancelled load leaves nothing behind (its worker is gone or about to be)
    if (loading === controller) {
      const failed = engine;
      engine = null;
      loaded = null;
      void failed?.unload().catch(() => undefined);
    }
    throw err;
  } finally {
    signal?.removeEventListener('abort', cancel);
    if (loading === controller) loading = null;
  }
}

/**
 * Generates from the loaded model, streaming text pieces to `onToken`. Several at once only where the engine
 * serves them concurrently (`Engine.concurrent`).
 * @throws EngineError `unknown` when no model is loaded or a generation is already running on an engine that runs
 *   one at a time; engine errors otherwise
 */
export async function generate(request: GenerateRequest, onToken: (piece: string) => void, signal?: AbortSignal): Promise<GenerateResult> {
  if (!engine || !loaded) throw new EngineError('unknown', 'no model is loaded');
  if (generating.size && !engine.concurrent) throw new EngineError('unknown', 'a generation is already running');
  const run = {};
  const claims = generating;
  claims.add(run);
  try {
    return await engine.generate(request, onToken, signal);
  } finally {
    claims.delete(run);
  }
}

/**
 * Tokens of each prompt as the loaded model receives it, counted with its own tokenizer; null when nothing is
 * loaded or the engine cannot count (then callers estimate). Never throws.
 */
export async function countTokens(prompts: readonly string[]): Promise<number[] | null> {
  if (!engine || !loaded) return null;
  return engine.countTokens(prompts).catch(() => null);
}

async function unloadCurrent(): Promise<void> {
  const current = engine;
  engine = null;
  loaded = null;
  generating = new Set();
  if (current) await current.unload().catch(() => undefined);
}

/** Cancels a load in progress and frees the current model and its worker. Never throws. */
export async function unloadModel(): Promise<void> {
  loading?.abort();
  loading = null;
  await unloadCurrent();
}
