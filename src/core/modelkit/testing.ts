/**
 * Small synthetic model builds for tests: a complete Taiyi-shaped MLC folder in memory, which tests break one
 * file at a time, and a minimal GGUF writer. Nothing here is used by the app.
 */
import { md5Hex } from './md5.ts';
import { listingSource } from './source.ts';
import { TAIYI_CONV_TEMPLATE } from './taiyi.ts';
import { QWEN_NORMALIZER, QWEN_PRE_TOKENIZER } from './tokenizer.ts';
import type { ModelSource } from './types.ts';

const encode = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value, null, 2));

/** A byte-level BPE tokenizer.json as MLC's tiktoken conversion writes it (before the fix unless `patched`). */
export function tinyTokenizer(patched = false): Record<string, unknown> {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [{ id: 7, content: '<|endoftext|>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }],
    normalizer: patched ? QWEN_NORMALIZER : null,
    pre_tokenizer: patched ? QWEN_PRE_TOKENIZER : { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      // integer-like keys on purpose: JSON.parse reorders them, which must not change the mapping
      vocab: { a: 0, b: 1, ab: 2, Ġ: 3, Ġab: 4, '1': 5, '10': 6, '<|endoftext|>': 7 },
      merges: ['a b', 'Ġ ab', '1 0'],
    },
  };
}

/** Deterministic pseudo-random shard bytes. */
const shardBytes = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i * 31 + seed * 17) & 0xff);

/** The files of a complete, valid q4f16_1 Taiyi MLC build, with tiny weights. */
export function mlcFixture(): Record<string, Uint8Array> {
  const shards = [shardBytes(4096, 1), shardBytes(1536, 2)];
  const files: Record<string, Uint8Array> = {
    'mlc-chat-config.json': encode({
      version: '0.1.0',
      model_type: 'qwen',
      quantization: 'q4f16_1',
      model_config: { hidden_size: 64, num_hidden_layers: 2, num_attention_heads: 4, kv_channels: 16, vocab_size: 8 },
      vocab_size: 8,
      context_window_size: 2048,
      prefill_chunk_size: 1024,
      conv_template: { name: 'taiyi', ...TAIYI_CONV_TEMPLATE },
      tokenizer_files: ['tokenizer.json', 'vocab.json', 'merges.txt', 'tokenizer_config.json'],
    }),
    'tokenizer.json': encode(tinyTokenizer(true)),
    'vocab.json': encode(tinyTokenizer().model),
    'merges.txt': encode('#version: 0.2\na b\nĠ ab\n1 0'),
    'tokenizer_config.json': encode({ eos_token: '<|endoftext|>' }),
    'taiyi-q4f16_1-webgpu.wasm': Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]),
  };
  shards.forEach((bytes, i) => (files[`params_shard_${i}.bin`] = bytes));
  files['tensor-cache.json'] = encode({
    metadata: { ParamSize: 2, ParamBytes: 5632, BitsPerParam: 4.5 },
    records: shards.map((bytes, i) => ({
      dataPath: `params_shard_${i}.bin`,
      format: 'raw-shard',
      nbytes: bytes.length,
      records: [{ name: `w${i}`, shape: [bytes.length / 4], dtype: 'uint32', format: 'raw', nbytes: bytes.length, byteOffset: 0 }],
      md5sum: md5Hex(bytes),
    })),
  });
  return files;
}

/** Re-encodes one JSON file of a fixture after `edit` changes it. */
export function editJson(files: Record<string, Uint8Array>, path: string, edit: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(new TextDecoder().decode(files[path])) as Record<string, unknown>;
  edit(json);
  files[path] = encode(json);
}

/** A source over in-memory files. */
export function memorySource(files: Record<string, Uint8Array>): ModelSource {
  return listingSource(
    Object.entries(files).map(([path, bytes]) => ({ path, size: bytes.length })),
    async (path, start, end) => files[path]!.slice(start ?? 0, end ?? files[path]!.length),
  );
}

type GgufValue = string | number | boolean | string[];

/**
 * A minimal GGUF v3 file: the given metadata (strings, uint32, float32 for non-integers, bools, string arrays) and
 * F32 tensors of the given shapes, zero-filled. For header checks on arbitrary metadata (Qwen or GLM-4 keys, split
 * parts, missing keys); a runnable model comes from scripts/make-test-gguf.ts.
 */
export function minimalGguf(metadata: Record<string, GgufValue>, tensors: { name: string; shape: number[] }[] = []): Uint8Array {
  const out: number[] = [];
  const u32 = (n: number) => out.push(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
  const u64 = (n: number) => {
    u32(n % 2 ** 32);
    u32(Math.floor(n / 2 ** 32));
  };
  const str = (s: string) => {
    const bytes = new TextEncoder().encode(s);
    u64(bytes.length);
    out.push(...bytes);
  };
  const f32 = (n: number) => out.push(...new Uint8Array(Float32Array.of(n).buffer));
  out.push(0x47, 0x47, 0x55, 0x46);
  u32(3);
  u64(tensors.length);
  u64(Object.keys(metadata).length);
  for (const [key, value] of Object.entries(metadata)) {
    str(key);
    if (typeof value === 'string') {
      u32(8);
      str(value);
    } else if (typeof value === 'boolean') {
      u32(7);
      out.push(value ? 1 : 0);
    } else if (Array.isArray(value)) {
      u32(9);
      u32(8);
      u64(value.length);
      value.forEach(str);
    } else if (Number.isInteger(value)) {
      u32(4);
      u32(value);
    } else {
      u32(6);
      f32(value);
    }
  }
  let offset = 0;
  const sizes = tensors.map((t) => t.shape.reduce((a, b) => a * b, 1) * 4);
  tensors.forEach((t, i) => {
    str(t.name);
    u32(t.shape.length);
    t.shape.forEach(u64);
    u32(0); // F32
    u64(offset);
    offset += Math.ceil(sizes[i]! / 32) * 32;
  });
  while (out.length % 32) out.push(0);
  return Uint8Array.from([...out, ...new Uint8Array(offset)]);
}
