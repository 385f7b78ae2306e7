/**
 * Shapes shared by the model checks. Everything is plain data so a report can cross a worker boundary,
 * be translated by the page (by `code`) or printed by the command-line tools.
 */
import type { ModelEntry } from '../model-entry.ts';

/** What a source knows about one file. `size` is undefined when the host does not say (rare, remote only). */
export interface FileStat {
  size?: number;
}

/**
 * Read access to a model's files, whatever holds them: a folder on disk, files the user picked, or a URL.
 * Paths are relative to the model root and use `/`.
 */
export interface ModelSource {
  /** The file's stat, or undefined when it does not exist. @throws when the host cannot be asked (network, permissions) */
  stat(path: string): Promise<FileStat | undefined>;
  /** Bytes `[start, end)` of a file, the whole file when both are omitted. @throws when the file cannot be read */
  read(path: string, start?: number, end?: number): Promise<Uint8Array>;
  /** Every file path, when the source can enumerate them (a folder). A URL cannot. */
  list?(): Promise<string[]>;
}

export type Severity = 'error' | 'warning';

/** Stable identifiers of everything the checks can report; the page keys its translations on them. */
export type IssueCode =
  | 'file-missing'
  | 'file-extra'
  | 'file-unreadable'
  | 'json-invalid'
  | 'tensor-cache-legacy'
  | 'model-type'
  | 'conv-template'
  | 'context-window-missing'
  | 'context-window-large'
  | 'tokenizer-missing'
  | 'tokenizer-not-bpe'
  | 'tokenizer-unpatched'
  | 'shard-missing'
  | 'shard-size'
  | 'shard-size-unknown'
  | 'shard-md5'
  | 'shard-md5-absent'
  | 'wasm-missing'
  | 'wasm-invalid'
  | 'wasm-several'
  | 'gguf-invalid'
  | 'gguf-field-missing'
  | 'gguf-truncated'
  | 'gguf-part-missing'
  | 'gguf-file-too-large'
  | 'gguf-heap'
  | 'gguf-heap-estimate'
  | 'gguf-no-chat-template';

/** One finding: what (code), where (file and field) and the values that explain it (params). */
export interface ModelIssue {
  severity: Severity;
  code: IssueCode;
  /** Path relative to the model root (or the .gguf file name). */
  file: string;
  /** JSON path or GGUF key inside the file, when the problem is one field. */
  field?: string;
  params?: Record<string, string | number>;
}

/** What an MLC (WebLLM) build turned out to contain. */
export interface MlcFacts {
  modelType?: string;
  quantization?: string;
  contextWindow?: number;
  prefillChunk?: number;
  vocabSize?: number;
  shardCount: number;
  /** Sum of the shards' `nbytes` as tensor-cache.json declares them. */
  weightBytes: number;
  /** The largest single tensor: the storage-buffer binding the GPU must allow (the quantised embedding for Taiyi). */
  largestTensorBytes?: number;
  /** The model library (.wasm) checked, relative to the root or absolute. */
  modelLib?: string;
  modelLibBytes?: number;
  tokenizerFiles: string[];
  /** WebGPU features the build needs (`shader-f16` for f16 builds). */
  requiredFeatures: string[];
  /** KV-cache bytes per token of context, from the model config. */
  kvBytesPerToken?: number;
  /** Estimated GPU memory for `contextWindow`, in MiB. */
  vramMB?: number;
  /** Every file WebLLM will fetch from the model URL, for hosting or caching a folder import. */
  files: string[];
  /** Bytes of `files` plus the model library: what a first load downloads. */
  downloadBytes: number;
}

/** What a GGUF file (or split set) turned out to contain. */
export interface GgufFacts {
  /** The first (or only) part. */
  file: string;
  /** Every part, in order; one entry for an unsplit file. */
  parts: string[];
  totalBytes: number;
  architecture?: string;
  name?: string;
  contextLength?: number;
  /** Quantisation name (`Q4_K_M`, `F32`, ...), from `general.file_type` or the tensors. */
  quantization?: string;
  vocabSize?: number;
  hasChatTemplate: boolean;
  tensorCount: number;
  kvBytesPerToken?: number;
  /** Estimated WebAssembly heap use at `estimateContext` tokens, in MiB (the heap holds 4096). */
  memoryMB?: number;
  estimateContext?: number;
}

export interface MlcReport {
  kind: 'mlc';
  /** True when no issue is an error. */
  ok: boolean;
  issues: ModelIssue[];
  facts: MlcFacts;
}

export interface GgufReport {
  kind: 'gguf';
  ok: boolean;
  issues: ModelIssue[];
  facts: GgufFacts;
}

export type ModelReport = MlcReport | GgufReport;

/** A `public/models.json` entry as the tools produce it (never a user's own addition). */
export type RegistryEntry = Omit<ModelEntry, 'user_added'>;
