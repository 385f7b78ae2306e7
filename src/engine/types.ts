/**
 * The contract between the app and its engines (WebLLM on WebGPU, llama.cpp GGUF in WebAssembly, an
 * OpenAI-compatible server). Everything here is serialisable except `Blob`s, so it crosses the worker boundary as is.
 */

import type { EngineKind, ModelEntry } from '../core/model-entry';
import type { ChatTurn } from '../core/tasks/dialogue';

// what a model is lives in core, shared with the model kit that writes models.json
export type { EngineKind, ModelEntry, ModelIntegrity, PromptFormat } from '../core/model-entry';
// a conversation turn is the tasks' own (chat history, Taiyi's wire format)
export type { ChatTurn } from '../core/tasks/dialogue';

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

/** What to load: a registry entry, plus the user's own files for a local GGUF, or the key of a server model. */
export interface LoadRequest {
  entry: ModelEntry;
  files?: Blob[];
  /** openai: the API key sent as `Authorization: Bearer …` (never stored in the entry). */
  apiKey?: string;
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
