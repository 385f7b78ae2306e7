/**
 * The contract between the app and its engines (WebLLM on WebGPU, llama.cpp GGUF in WebAssembly, an
 * OpenAI-compatible server). Everything here is serialisable except `Blob`s, so it crosses the worker boundary as is.
 */

import type { TaskGrammar } from '../core/grammar';
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
  /** Another tab of this site is downloading the same model: this load waits for it instead of fetching twice. */
  waitingForOtherTab?: boolean;
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
  /**
   * Constrain the answer to this grammar (both dialects: each engine takes the one it reads). An engine that
   * refuses it runs unconstrained and says so in the result's `grammar`.
   */
  grammar?: TaskGrammar;
  /**
   * How often the caller shows streamed pieces (ms): an engine worker posts them at that pace, so the page's main
   * thread is woken once per update it shows (`store/displayPace`); 100 ms when absent.
   */
  streamEveryMs?: number;
}

export interface RunUsage {
  /** Prompt tokens the engine evaluated in this run (what the prefill speed is measured over). */
  promptTokens: number;
  /**
   * Prompt tokens reused from the engine's cache (the earlier turns of a conversation), not in `promptTokens`;
   * absent when the engine cannot tell.
   */
  cachedPromptTokens?: number;
  completionTokens: number;
  timeToFirstTokenMs: number;
  prefillTokensPerSec: number;
  decodeTokensPerSec: number;
  totalMs: number;
}

export type FinishReason = 'stop' | 'length' | 'aborted';

/** What became of a requested grammar: it constrained the run, or the engine refused it and ran unconstrained. */
export type GrammarOutcome = 'applied' | 'rejected';

export interface GenerateResult {
  text: string;
  usage: RunUsage;
  finishReason: FinishReason;
  /** Set when the request carried a grammar. */
  grammar?: GrammarOutcome;
  /** The engine's own words when it refused the grammar. */
  grammarError?: string;
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
  /** Whether the engine can constrain answers to a grammar. */
  supportsGrammar?: boolean;
  /** Whether the engine serves several generations at once (a server batches them); local engines run one at a time. */
  concurrent?: boolean;
  /** False when the engine has no tokenizer to count with: it is not asked (chunk plans rest on the estimate). */
  countsTokens?: boolean;
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
  /** Whether `generate` honours `GenerateRequest.grammar` (otherwise it ignores it). */
  readonly supportsGrammar: boolean;
  /** Whether `generate` may be called again before the last call settled (a server serves several requests at once). */
  readonly concurrent: boolean;
  /** @throws EngineError */
  load(request: LoadRequest, onProgress: (p: LoadProgress) => void, signal?: AbortSignal): Promise<LoadedModelInfo>;
  /** Streams text pieces to `onToken`; resolves with the whole text. Aborting resolves with `finishReason: 'aborted'`. @throws EngineError */
  generate(request: GenerateRequest, onToken: (piece: string) => void, signal?: AbortSignal): Promise<GenerateResult>;
  /**
   * Tokens of each prompt (one user turn) as the loaded model receives it, wire format included, counted with the
   * model's own tokenizer; null when the engine cannot count (chunk planners then fall back to an estimate).
   */
  countTokens(prompts: readonly string[]): Promise<number[] | null>;
  /** Free the model and its worker. */
  unload(): Promise<void>;
}
