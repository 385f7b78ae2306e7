/**
 * Typed engine errors. Both engines fail in many voices: WebLLM sends `err.toString()` strings across its worker
 * ("DeviceLostError: …"), the browser throws DOMExceptions (QuotaExceededError, AbortError), wllama throws
 * WllamaError / RuntimeError, fetch throws TypeError. Everything is folded into one `EngineError` whose `code`
 * picks a translated message (namespace `errors`, one key per code) that says what to do next.
 */

export const ENGINE_ERROR_CODES = [
  'no-webgpu',
  'no-adapter',
  'shader-f16-missing',
  'buffer-limit',
  'out-of-memory',
  'device-lost',
  'network',
  /** The host answered, but without the CORS headers that let this page read its files. */
  'cors',
  'quota',
  'integrity',
  'context-overflow',
  'bad-model-file',
  'unsupported-browser',
  'aborted',
  /** The engine did not answer a Stop, or a load stopped reporting progress: its worker was terminated. */
  'unresponsive',
  'unknown',
  // an OpenAI-compatible server (the `openai` engine)
  'server-unreachable',
  'server-auth',
  'server-model-missing',
  'server-busy',
  'server-error',
  'server-stream-cut',
  'server-bad-event',
  'server-timeout',
] as const;

export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];

/** The form an `EngineError` takes when it crosses a worker boundary (structured clone drops the class). */
export interface SerializedEngineError {
  code: EngineErrorCode;
  detail?: string;
}

/** An engine failure with a stable `code` for the UI and the engine's own words in `detail`. */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  /** The original, untranslated message (for a "details" fold-out and bug reports). */
  readonly detail?: string;

  constructor(code: EngineErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${code}: ${detail}` : code, options);
    this.name = 'EngineError';
    this.code = code;
    this.detail = detail;
  }

  toJSON(): SerializedEngineError {
    return this.detail === undefined ? { code: this.code } : { code: this.code, detail: this.detail };
  }
}

export const isEngineErrorCode = (value: unknown): value is EngineErrorCode =>
  typeof value === 'string' && (ENGINE_ERROR_CODES as readonly string[]).includes(value);

/** Type guard that also accepts a serialized error that came back from a worker. */
export function isSerializedEngineError(value: unknown): value is SerializedEngineError {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return isEngineErrorCode(v.code) && (v.detail === undefined || typeof v.detail === 'string');
}

/**
 * Ordered: the first rule that matches wins. Order matters where messages overlap, e.g. WebLLM's DeviceLostError
 * mentions "(OOM)", emscripten's "Aborted(OOM)" is memory and not a user abort, a quota failure inside
 * `Cache.add` is not a network failure.
 */
const RULES: ReadonlyArray<readonly [EngineErrorCode, RegExp]> = [
  ['aborted', /\bAbortError\b|operation aborted|operation was aborted|signal is aborted|user aborted/i],
  ['device-lost', /DeviceLostError|device (?:was |is )?lost/i],
  ['shader-f16-missing', /ShaderF16SupportError|shader-f16/i],
  ['no-webgpu', /WebGPUNotAvailableError|WebGPU is not (?:supported|available)|navigator\.gpu/i],
  ['no-adapter', /Unable to find a compatible GPU|no (?:GPU )?adapter|requestAdapter/i],
  [
    'buffer-limit',
    /maxStorageBufferBindingSize|maxBufferSize|maxComputeWorkgroupStorageSize|maxStorageBuffersPerShaderStage|exceeds limit/i,
  ],
  ['quota', /QuotaExceededError|quota/i],
  ['integrity', /IntegrityError|integrity/i],
  [
    'context-overflow',
    /ContextWindowSizeExceededError|exceeds? (?:the )?(?:available )?context|context (?:window|size)|kv_cache_full|KV cache is full/i,
  ],
  [
    'out-of-memory',
    /out of memory|OutOfMemory|\bOOM\b|Cannot enlarge memory|Array buffer allocation failed|failed to allocate|could not allocate|WebAssembly\.Memory\(\): could not/i,
  ],
  [
    'bad-model-file',
    /not a (?:valid )?GGUF|invalid (?:GGUF|magic)|bad magic|failed to load model|error loading model|llama_model_load|gguf_init|UnsupportedTokenizerFilesError|expected magic word|CompileError|is not valid JSON|Unexpected token/i,
  ],
  [
    'network',
    /Failed to fetch|NetworkError|network error|Load failed|Cannot fetch|net::ERR_|\bHTTP \d{3}\b|Request failed|Failed to execute 'add' on 'Cache'|fetch failed|TimeoutError|timed out|download_error/i,
  ],
];

/** Best-effort text of anything thrown: `Name: message` for errors, the string itself for WebLLM's strings. */
export function describeError(err: unknown): string {
  if (typeof err === 'string') return err;
  if (err instanceof Error || (err && typeof err === 'object' && 'message' in err)) {
    const e = err as { name?: unknown; message?: unknown; type?: unknown };
    const name = typeof e.name === 'string' && e.name !== 'Error' ? `${e.name}: ` : '';
    // WllamaError keeps its category in `type` (e.g. "download_error"), which the message alone may not say
    const type = typeof e.type === 'string' ? ` (${e.type})` : '';
    return `${name}${String(e.message)}${type}`;
  }
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}

/** The code a message maps to, or undefined when no rule knows it. */
export function classifyMessage(text: string): EngineErrorCode | undefined {
  return RULES.find(([, pattern]) => pattern.test(text))?.[0];
}

/**
 * Turns anything thrown (or any string that crossed a worker) into an `EngineError`.
 * @param fallback the code for messages no rule knows; a load phase that only parses a file passes `bad-model-file`.
 */
export function toEngineError(err: unknown, fallback: EngineErrorCode = 'unknown'): EngineError {
  if (err instanceof EngineError) return err;
  if (isSerializedEngineError(err)) return new EngineError(err.code, err.detail);
  const text = describeError(err);
  return new EngineError(classifyMessage(text) ?? fallback, text, { cause: err });
}
