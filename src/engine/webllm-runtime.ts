/**
 * WebLLM inside its worker: loads an MLC model and streams chat completions, for `webllm.worker.ts`.
 * The engine is the one WebLLM's own `WebWorkerMLCEngineHandler` holds, so the worker also answers WebLLM's
 * protocol; the page talks ours and never downloads the library itself (it is ≈2 MB gzip).
 */
import { WebWorkerMLCEngineHandler, type ChatCompletionChunk, type CompletionUsage } from '@mlc-ai/web-llm';
import { EngineError, toEngineError } from './errors';
import { countedPrompt } from './gguf-prompt';
import { runWithGrammar } from './grammar-fallback';
import { evictVerifiedFiles } from './storage';
import type { GenerateRequest, GenerateResult, LoadedModelInfo, LoadProgress, ModelEntry } from './types';
import { webllmAppConfig, webllmCachedTokens, webllmFinish, webllmProgress, webllmUsage } from './webllm-config';

export const handler = new WebWorkerMLCEngineHandler();
let loaded: ModelEntry | null = null;

/**
 * Loads the model of `entry`; the page has already probed the GPU and checked that the files answer.
 * @throws EngineError (`network`, `integrity`, `device-lost`, `out-of-memory`, `bad-model-file`, …)
 */
export async function loadWebllm(entry: ModelEntry, report: (p: LoadProgress) => void): Promise<LoadedModelInfo> {
  const engine = handler.engine;
  engine.setAppConfig(webllmAppConfig(entry));
  engine.setInitProgressCallback((r) => report(webllmProgress(r)));
  try {
    await engine.reload(entry.id);
  } catch (err) {
    const e = toEngineError(err);
    // the bad copy is cached: drop it, so trying again downloads afresh
    if (e.code === 'integrity') await evictVerifiedFiles(entry).catch(() => undefined);
    throw e;
  }
  loaded = entry;
  const context = entry.overrides?.context_window_size;
  return { id: entry.id, engine: 'webllm', contextWindow: typeof context === 'number' ? context : entry.context_window_size };
}

/** The loaded model's pipeline as far as we read it; WebLLM keeps it private, so every field may be missing. */
interface PipelineView {
  filledKVCacheLength?: unknown;
  tokenizer?: { encode?: (text: string) => ArrayLike<number> };
}

const pipelineOf = (modelId: string): PipelineView | undefined =>
  (handler.engine as unknown as { loadedModelIdToPipeline?: Map<string, PipelineView> }).loadedModelIdToPipeline?.get?.(modelId);

/**
 * How many tokens the loaded model's KV cache holds. WebLLM has no public accessor: this reads its pipeline's
 * own counter and gives undefined when a WebLLM release names it differently.
 */
function kvCacheLength(modelId: string): number | undefined {
  const length = pipelineOf(modelId)?.filledKVCacheLength;
  return typeof length === 'number' ? length : undefined;
}

/**
 * Counts prompts with the tokenizer the loaded pipeline holds (the model's own `tokenizer.json`); null when there
 * is none or a WebLLM release hides it elsewhere.
 */
export async function countWebllmTokens(prompts: readonly string[]): Promise<number[] | null> {
  const entry = loaded;
  const tokenizer = entry ? pipelineOf(entry.id)?.tokenizer : undefined;
  if (!entry || typeof tokenizer?.encode !== 'function') return null;
  return prompts.map((prompt) => {
    const { text, extra } = countedPrompt(entry.prompt_format, prompt);
    return tokenizer.encode!(text).length + extra;
  });
}

/**
 * Streams a chat completion: the chat API, not `completion()`, because only it takes a `response_format`; the
 * registry's conversation template still puts Taiyi's exact wire format on the wire, grammar or not. A grammar
 * xgrammar refuses runs unconstrained, said in the result.
 * @throws EngineError (`context-overflow`, `device-lost`, …); aborting resolves with `finishReason: 'aborted'`
 */
export function generateWebllm(request: GenerateRequest, onToken: (piece: string) => void, signal: AbortSignal): Promise<GenerateResult> {
  return runWithGrammar(request.grammar?.ebnf, onToken, (grammar, onPiece) => generateOnce(request, grammar, onPiece, signal));
}

async function generateOnce(
  request: GenerateRequest,
  grammar: string | undefined,
  onToken: (piece: string) => void,
  signal: AbortSignal,
): Promise<GenerateResult> {
  if (!loaded) throw new EngineError('unknown', 'no WebLLM model is loaded');
  const engine = handler.engine;
  const { turns, params } = request;
  const started = performance.now();
  let firstTokenAt: number | undefined;
  const modelId = loaded.id;
  const cachedBefore = kvCacheLength(modelId);
  let cachedAfterPrefill: number | undefined;
  let text = '';
  let pieces = 0;
  let reason: string | null | undefined;
  let usage: CompletionUsage | undefined;
  const interrupt = () => void engine.interruptGenerate();
  try {
    const stream: AsyncIterable<ChatCompletionChunk> = await engine.chat.completions.create({
      // never a `name`: WebLLM would put it in place of the role string, breaking Taiyi's wire format
      messages: turns.map((t) => ({ role: t.role, content: t.content })),
      stream: true,
      stream_options: { include_usage: true },
      // temperature 0 makes WebLLM take the argmax
      temperature: params.greedy ? 0 : params.temperature,
      top_p: params.greedy ? 1 : params.top_p,
      max_tokens: params.max_tokens,
      ...(grammar ? { response_format: { type: 'grammar' as const, grammar } } : {}),
    });
    if (signal.aborted) interrupt();
    signal.addEventListener('abort', interrupt, { once: true });
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      const piece = choice?.delta?.content;
      if (piece) {
        if (firstTokenAt === undefined) {
          firstTokenAt = performance.now();
          cachedAfterPrefill = kvCacheLength(modelId);
        }
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
    signal.removeEventListener('abort', interrupt);
  }
  const now = performance.now();
  return {
    text,
    finishReason: webllmFinish(reason, signal.aborted),
    usage: webllmUsage(usage, {
      timeToFirstTokenMs: (firstTokenAt ?? now) - started,
      totalMs: now - started,
      pieces,
      cachedPromptTokens: webllmCachedTokens(cachedBefore, cachedAfterPrefill, usage?.prompt_tokens ?? 0),
    }),
  };
}

/** Frees GPU memory now; terminating the worker alone would leave it to the garbage collector. */
export async function unloadWebllm(): Promise<void> {
  loaded = null;
  await handler.engine.unload();
}
