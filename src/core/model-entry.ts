/**
 * What a model is, as `public/models.json` describes it: shared by the engines, which load it, and by the
 * model kit, which writes it.
 */

/** `openai`: an OpenAI-compatible server (vLLM, llama.cpp's llama-server, MLC serve) the user points the page at. */
export type EngineKind = 'webllm' | 'gguf' | 'openai';

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

/**
 * How an OpenAI-compatible server takes an answer grammar: `llama-server` a GBNF `grammar` field; `vllm` EBNF in
 * `structured_outputs: { grammar }` (vLLM 0.10.2 and later); `vllm-guided` EBNF in `guided_grammar` (earlier vLLM);
 * `none` not at all (MLC serve, or to run unconstrained).
 */
export const SERVER_GRAMMARS = ['llama-server', 'vllm', 'vllm-guided', 'none'] as const;
export type ServerGrammar = (typeof SERVER_GRAMMARS)[number];

/** One entry of `public/models.json`, after validation. URLs are absolute. */
export interface ModelEntry {
  id: string;
  label: string;
  engine: EngineKind;
  /**
   * WebLLM: the model base URL (ends in `/resolve/<rev>/`). GGUF: the `.gguf` URL (first part if split).
   * openai: the server's API base URL (ends in `/v1`).
   */
  url: string;
  /** openai: the model name the server serves (`model` in its requests). */
  server_model?: string;
  /**
   * openai: how the server takes an answer grammar (`auto`, the default: from what `/models` says the server is).
   * See `ServerGrammar`.
   */
  server_grammar?: ServerGrammar | 'auto';
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
