/**
 * The contract between the app and its two engines (WebLLM on WebGPU, llama.cpp GGUF in WebAssembly).
 * Everything here is serialisable except `Blob`s, so it crosses the worker boundary as is.
 */

export type EngineKind = 'webllm' | 'gguf';

/**
 * How a prompt reaches the model. `taiyi`: Taiyi 1's raw wire format
 * `<|endoftext|>u1<|endoftext|>a1<|endoftext|>u2<|endoftext|>` (no system prompt).
 * `native`: the model's own chat template, or plain completion when the model has none.
 */
export type PromptFormat = 'taiyi' | 'native';

/** Subresource-integrity hashes (`sha256-…`) for the files WebLLM can check. */
export interface ModelIntegrity {
  config?: string;
  model_lib?: string;
  tokenizer?: Record<string, string>;
  /** GGUF: hash of the whole file (single-file models only). */
  file?: string;
}

/** One entry of `public/models.json`, after validation. URLs are absolute. */
export interface ModelEntry {
  id: string;
  label: string;
  engine: EngineKind;
  /** WebLLM: the model base URL (ends in `/resolve/<rev>/`). GGUF: the `.gguf` URL (first part if split). */
  url: string;
  /** GGUF split models: every part, in order. */
  urls?: string[];
  /** WebLLM only: the compiled model library (`.wasm`). */
  model_lib?: string;
  quantization: string;
  vram_required_MB?: number;
  /** WebLLM: the largest storage-buffer binding the model needs (bytes); the quantized embedding sets it. */
  buffer_size_required_bytes?: number;
  /** Download size, when known. */
  size_MB?: number;
  context_window_size: number;
  required_features?: string[];
  prompt_format: PromptFormat;
  languages: string[];
  integrity?: ModelIntegrity;
  /** WebLLM chat options merged into mlc-chat-config (e.g. `conv_template`). */
  overrides?: Record<string, unknown>;
  /** Default sampling for this model. */
  defaults?: { temperature?: number; top_p?: number; max_tokens?: number };
  /** Free text shown in the model's about panel. */
  source?: string;
  license?: string;
  /** Entries added by the user at run time (URL or local file) rather than by models.json. */
  user_added?: boolean;
}

export interface LoadProgress {
  /** 0..1 */
  fraction: number;
  loadedBytes?: number;
  totalBytes?: number;
  /** The engine's own progress line, untranslated. */
  text?: string;
  /** `checking`: probing the GPU and the model's address; `download`: fetching files; `init`: building the model. */
  phase?: 'checking' | 'download' | 'init';
}

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface SamplingParams {
  temperature: number;
  top_p: number;
  max_tokens: number;
  /** Greedy decoding overrides temperature/top_p (extraction and scoring). */
  greedy: boolean;
}

export interface GenerateRequest {
  /** The conversation so far, ending with a user turn. */
  turns: ChatTurn[];
  params: SamplingParams;
}

export interface RunUsage {
  promptTokens: number;
  completionTokens: number;
  timeToFirstTokenMs: number;
  prefillTokensPerSec: number;
  decodeTokensPerSec: number;
  totalMs: number;
}

export type FinishReason = 'stop' | 'length' | 'aborted';

export interface GenerateResult {
  text: string;
  usage: RunUsage;
  finishReason: FinishReason;
}

/** What the loaded model turned out to be. */
export interface LoadedModelInfo {
  id: string;
  engine: EngineKind;
  contextWindow: number;
  /** GGUF: whether the file carries `tokenizer.chat_template`. */
  hasChatTemplate?: boolean;
  /** GGUF: threads in use (1 unless the page is cross-origin isolated). */
  threads?: number;
}

/** What to load: a registry entry, plus the user's own files for a local GGUF. */
export interface LoadRequest {
  entry: ModelEntry;
  files?: Blob[];
}

export interface Engine {
  readonly kind: EngineKind;
  /** @throws EngineError */
  load(request: LoadRequest, onProgress: (p: LoadProgress) => void, signal?: AbortSignal): Promise<LoadedModelInfo>;
  /** Streams text pieces to `onToken`; resolves with the whole text. Aborting resolves with `finishReason: 'aborted'`. @throws EngineError */
  generate(request: GenerateRequest, onToken: (piece: string) => void, signal?: AbortSignal): Promise<GenerateResult>;
  /** Free the model and its worker. */
  unload(): Promise<void>;
}
