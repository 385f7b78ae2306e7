/**
 * Memory estimates for registry entries and warnings. Estimates, not measurements: the constants are calibrated on
 * the Taiyi memory table (itself calibrated on WebLLM's Qwen2-7B records), so treat results as ±10%.
 */

const MiB = 2 ** 20;

/** The 32-bit WebAssembly heap: everything llama.cpp holds (weights, KV cache, buffers) must fit in it. */
export const WASM_HEAP_BYTES = 4 * 2 ** 30;
/** wllama reads each file into one ArrayBuffer; browsers refuse those above 2 GB. */
export const GGUF_MAX_FILE_BYTES = 2 * 2 ** 30;

/** Keys and values for every layer, per token of context. */
export function kvBytesPerToken(layers: number, kvHeads: number, headDim: number, bytesPerValue: number): number {
  return 2 * layers * kvHeads * headDim * bytesPerValue;
}

const num = (value: unknown): number | undefined => (typeof value === 'number' && value > 0 ? value : undefined);

/**
 * KV bytes per token from an `mlc-chat-config.json` `model_config`, across the naming schemes MLC's models use
 * (qwen: `kv_channels`; llama-likes: `num_key_value_heads`, `head_dim`). The cache has the activation dtype.
 */
export function mlcKvBytesPerToken(modelConfig: Record<string, unknown>, quantization: string): number | undefined {
  const layers = num(modelConfig.num_hidden_layers) ?? num(modelConfig.num_layers) ?? num(modelConfig.n_layer);
  const heads = num(modelConfig.num_attention_heads) ?? num(modelConfig.n_head);
  const kvHeads = num(modelConfig.num_key_value_heads) ?? heads;
  const hidden = num(modelConfig.hidden_size) ?? num(modelConfig.n_embd);
  const headDim = num(modelConfig.head_dim) ?? num(modelConfig.kv_channels) ?? (hidden && heads ? hidden / heads : undefined);
  if (!layers || !kvHeads || !headDim) return undefined;
  return kvBytesPerToken(layers, kvHeads, headDim, activationBytes(quantization));
}

/** 2 for f16 builds (`q4f16_1`), 4 for f32 builds (`q4f32_1`). */
function activationBytes(quantization: string): 2 | 4 {
  return /f32/.test(quantization) ? 4 : 2;
}

// Qwen-7B at prefill chunk 1024: what the table leaves after weights and KV cache. Mostly the f32 logits of a
// prefill chunk (vocabulary × chunk) plus activations, so it scales with those.
const WORKSPACE_MIB = { 2: 1020, 4: 1530 } as const;
const REFERENCE_LOGITS = 151936 * 1024;

/** Estimated WebGPU memory of an MLC build at a context size, in MiB. */
export function estimateMlcVramMB(input: {
  weightBytes: number;
  kvBytesPerToken: number;
  context: number;
  quantization: string;
  vocabSize: number;
  prefillChunk: number;
}): number {
  const workspace = WORKSPACE_MIB[activationBytes(input.quantization)] * ((input.vocabSize * input.prefillChunk) / REFERENCE_LOGITS);
  return Math.ceil((input.weightBytes + input.kvBytesPerToken * input.context) / MiB + workspace);
}

/** KV bytes per token from GGUF metadata (llama.cpp keeps the cache in f16 by default). */
export function ggufKvBytesPerToken(metadata: Record<string, unknown>, architecture: string): number | undefined {
  const layers = num(metadata[`${architecture}.block_count`]);
  const embedding = num(metadata[`${architecture}.embedding_length`]);
  const heads = num(metadata[`${architecture}.attention.head_count`]);
  const kvHeads = num(metadata[`${architecture}.attention.head_count_kv`]) ?? heads;
  const keyLength = num(metadata[`${architecture}.attention.key_length`]) ?? (embedding && heads ? embedding / heads : undefined);
  if (!layers || !kvHeads || !keyLength) return undefined;
  return kvBytesPerToken(layers, kvHeads, keyLength, 2);
}

/**
 * Estimated llama.cpp memory in the WebAssembly heap, in MiB: the file, the KV cache, and compute buffers
 * dominated by the f32 logits of a 512-token batch.
 */
export function estimateGgufMemoryMB(input: { fileBytes: number; kvBytesPerToken: number; context: number; vocabSize: number }): number {
  const logits = input.vocabSize * Math.min(input.context, 512) * 4;
  const graph = 64 * MiB;
  return Math.ceil((input.fileBytes + input.kvBytesPerToken * input.context + logits + graph) / MiB);
}
