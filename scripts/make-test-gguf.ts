/**
 * Writes the deterministic test models the suite loads, so it runs on any machine with nothing downloaded:
 *   tsx scripts/make-test-gguf.ts <outDir>
 * → <outDir>/tiny-llama.gguf  a tiny llama-architecture GGUF v3 (seeded random F32 weights, a small SentencePiece
 *                             vocabulary with all 256 byte tokens so any text tokenizes, BOS/EOS, no chat template)
 *   <outDir>/not-a-model.gguf a file with a .gguf name that is not GGUF, for the bad-file path
 *
 * The weights are random, so the text is gibberish, but two things are arranged on purpose: the model never
 * samples a control or byte token (so it never stops by itself and streams whole words until `max_tokens` or a
 * stop), which lets tests stop it midway and see readable pieces stream.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { seededRandom } from '../src/core/random.ts';
import { parseCommandLine, UsageError } from './cli.ts';

export interface TinyLlamaOptions {
  seed?: number;
  embedding?: number;
  layers?: number;
  heads?: number;
  feedForward?: number;
  context?: number;
}

const WORDS = [
  'the',
  'of',
  'and',
  'a',
  'to',
  'in',
  'is',
  'was',
  'with',
  'for',
  'that',
  'on',
  'by',
  'as',
  'are',
  'patient',
  'patients',
  'cell',
  'cells',
  'protein',
  'gene',
  'genes',
  'disease',
  'treatment',
  'cancer',
  'tumor',
  'drug',
  'dose',
  'blood',
  'heart',
  'liver',
  'kidney',
  'study',
  'clinical',
  'trial',
  'risk',
  'therapy',
  'virus',
  'infection',
  'expression',
  'mutation',
  'receptor',
  'insulin',
  'diabetes',
  'once',
  'upon',
  'time',
  'there',
  'little',
  'girl',
];

// GGUF metadata value types and llama.cpp token types
const T = { UINT32: 4, INT32: 5, FLOAT32: 6, BOOL: 7, STRING: 8, ARRAY: 9 } as const;
const TOKEN = { NORMAL: 1, UNKNOWN: 2, CONTROL: 3, BYTE: 6 } as const;
const ALIGNMENT = 32;

/**
 * The vocabulary: <unk>, <s>, </s>, the 256 byte tokens, <|endoftext|>, then "▁"-prefixed words with every prefix
 * (SentencePiece merges only through pieces that exist).
 */
export function tinyVocabulary(): { tokens: string[]; scores: number[]; types: number[] } {
  const tokens = ['<unk>', '<s>', '</s>'];
  const types: number[] = [TOKEN.UNKNOWN, TOKEN.CONTROL, TOKEN.CONTROL];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(TOKEN.BYTE);
  }
  // Taiyi's separator, so tests can check that a raw prompt's special tokens are parsed as such
  tokens.push('<|endoftext|>');
  types.push(TOKEN.CONTROL);
  const pieces = new Set<string>(['▁', ',', '.']);
  for (const c of 'abcdefghijklmnopqrstuvwxyz') pieces.add(c);
  for (const word of WORDS) for (let n = 1; n <= word.length; n++) pieces.add(`▁${word.slice(0, n)}`);
  for (const piece of pieces) {
    tokens.push(piece);
    types.push(TOKEN.NORMAL);
  }
  // longer pieces score higher, so the tokenizer prefers whole words
  const scores = tokens.map((t, i) => (types[i] === TOKEN.NORMAL ? t.length - i / 10_000 : 0));
  return { tokens, scores, types };
}

class Writer {
  private chunks: Uint8Array[] = [];
  length = 0;
  private push(bytes: Uint8Array) {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }
  private num(size: number, set: (v: DataView) => void) {
    const b = new Uint8Array(size);
    set(new DataView(b.buffer));
    this.push(b);
  }
  u32 = (v: number) => this.num(4, (d) => d.setUint32(0, v, true));
  i32 = (v: number) => this.num(4, (d) => d.setInt32(0, v, true));
  u64 = (v: number) => this.num(8, (d) => d.setBigUint64(0, BigInt(v), true));
  f32 = (v: number) => this.num(4, (d) => d.setFloat32(0, v, true));
  str(s: string) {
    const b = new TextEncoder().encode(s);
    this.u64(b.length);
    this.push(b);
  }
  bytes = (b: Uint8Array) => this.push(b);
  pad(alignment: number) {
    const n = (alignment - (this.length % alignment)) % alignment;
    if (n) this.push(new Uint8Array(n));
  }
  result(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const c of this.chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  }
}

type Meta = [string, 'u32' | 'f32' | 'bool' | 'str', number | string | boolean] | [string, 'strs' | 'f32s' | 'i32s', unknown[]];

function writeMeta(w: Writer, [key, kind, value]: Meta) {
  w.str(key);
  switch (kind) {
    case 'u32':
      w.u32(T.UINT32);
      w.u32(value as number);
      break;
    case 'f32':
      w.u32(T.FLOAT32);
      w.f32(value as number);
      break;
    case 'bool':
      w.u32(T.BOOL);
      w.bytes(new Uint8Array([value ? 1 : 0]));
      break;
    case 'str':
      w.u32(T.STRING);
      w.str(value as string);
      break;
    case 'strs':
      w.u32(T.ARRAY);
      w.u32(T.STRING);
      w.u64(value.length);
      for (const s of value) w.str(s as string);
      break;
    case 'f32s':
      w.u32(T.ARRAY);
      w.u32(T.FLOAT32);
      w.u64(value.length);
      for (const f of value) w.f32(f as number);
      break;
    case 'i32s':
      w.u32(T.ARRAY);
      w.u32(T.INT32);
      w.u64(value.length);
      for (const i of value) w.i32(i as number);
      break;
  }
}

interface Tensor {
  name: string;
  /** ggml order: dims[0] is the fastest-moving (the input size of a weight matrix). */
  dims: number[];
  data: Float32Array;
}

/** Builds the tiny llama GGUF. Same options → same bytes. */
export function buildTinyLlamaGguf(options: TinyLlamaOptions = {}): Uint8Array {
  const { seed = 20240611, embedding: E = 64, layers = 2, heads = 4, feedForward: F = 128, context = 512 } = options;
  const rand = seededRandom(seed);
  const vocab = tinyVocabulary();
  const V = vocab.tokens.length;
  const uniform = (n: number, scale: number) => Float32Array.from({ length: n }, () => (rand() * 2 - 1) * scale);
  const ones = (n: number) => new Float32Array(n).fill(1);

  // Dimension 0 of the residual stream is a constant 1 (every embedding has it, no layer writes to it), and the
  // output rows of control and byte tokens weigh it by -100: their logits sit near -100, so they are never chosen.
  const embd = uniform(V * E, 1);
  for (let t = 0; t < V; t++) embd[t * E] = 1;
  const output = uniform(V * E, 0.15);
  for (let t = 0; t < V; t++) output[t * E] = vocab.types[t] === TOKEN.NORMAL ? 0 : -100;

  const tensors: Tensor[] = [
    { name: 'token_embd.weight', dims: [E, V], data: embd },
    { name: 'output_norm.weight', dims: [E], data: ones(E) },
    { name: 'output.weight', dims: [E, V], data: output },
  ];
  for (let l = 0; l < layers; l++) {
    const attnOut = uniform(E * E, 0.1);
    attnOut.fill(0, 0, E); // output row 0 stays zero: the constant dimension is never written
    const ffnDown = uniform(F * E, 0.1);
    ffnDown.fill(0, 0, F);
    tensors.push(
      { name: `blk.${l}.attn_norm.weight`, dims: [E], data: ones(E) },
      { name: `blk.${l}.attn_q.weight`, dims: [E, E], data: uniform(E * E, 0.2) },
      { name: `blk.${l}.attn_k.weight`, dims: [E, E], data: uniform(E * E, 0.2) },
      { name: `blk.${l}.attn_v.weight`, dims: [E, E], data: uniform(E * E, 0.2) },
      { name: `blk.${l}.attn_output.weight`, dims: [E, E], data: attnOut },
      { name: `blk.${l}.ffn_norm.weight`, dims: [E], data: ones(E) },
      { name: `blk.${l}.ffn_gate.weight`, dims: [E, F], data: uniform(E * F, 0.2) },
      { name: `blk.${l}.ffn_up.weight`, dims: [E, F], data: uniform(E * F, 0.2) },
      { name: `blk.${l}.ffn_down.weight`, dims: [F, E], data: ffnDown },
    );
  }

  const meta: Meta[] = [
    ['general.architecture', 'str', 'llama'],
    ['general.name', 'str', 'tiny-llama (test model, random weights)'],
    ['general.alignment', 'u32', ALIGNMENT],
    ['llama.context_length', 'u32', context],
    ['llama.embedding_length', 'u32', E],
    ['llama.block_count', 'u32', layers],
    ['llama.feed_forward_length', 'u32', F],
    ['llama.rope.dimension_count', 'u32', E / heads],
    ['llama.attention.head_count', 'u32', heads],
    ['llama.attention.head_count_kv', 'u32', heads],
    ['llama.attention.layer_norm_rms_epsilon', 'f32', 1e-5],
    ['llama.vocab_size', 'u32', V],
    ['tokenizer.ggml.model', 'str', 'llama'],
    ['tokenizer.ggml.tokens', 'strs', vocab.tokens],
    ['tokenizer.ggml.scores', 'f32s', vocab.scores],
    ['tokenizer.ggml.token_type', 'i32s', vocab.types],
    ['tokenizer.ggml.unknown_token_id', 'u32', 0],
    ['tokenizer.ggml.bos_token_id', 'u32', 1],
    ['tokenizer.ggml.eos_token_id', 'u32', 2],
    ['tokenizer.ggml.add_bos_token', 'bool', true],
    ['tokenizer.ggml.add_eos_token', 'bool', false],
  ];

  const w = new Writer();
  w.bytes(new TextEncoder().encode('GGUF'));
  w.u32(3); // GGUF version
  w.u64(tensors.length);
  w.u64(meta.length);
  for (const m of meta) writeMeta(w, m);
  let offset = 0;
  for (const t of tensors) {
    w.str(t.name);
    w.u32(t.dims.length);
    for (const d of t.dims) w.u64(d);
    w.u32(0); // GGML_TYPE_F32
    w.u64(offset);
    offset += Math.ceil((t.data.length * 4) / ALIGNMENT) * ALIGNMENT;
  }
  w.pad(ALIGNMENT);
  for (const t of tensors) {
    w.bytes(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    w.pad(ALIGNMENT);
  }
  return w.result();
}

/** A file named like a model that is not one: plain text, a few kilobytes. */
export function buildNotAModel(): Uint8Array {
  const line = 'This file has a .gguf name but is plain text, not a GGUF model.\n';
  return new TextEncoder().encode(line.repeat(64));
}

/** Writes both files into `outDir` (created if missing) and returns their paths. */
export function writeTestModels(outDir: string): { tinyLlama: string; notAModel: string } {
  mkdirSync(outDir, { recursive: true });
  const tinyLlama = join(outDir, 'tiny-llama.gguf');
  const notAModel = join(outDir, 'not-a-model.gguf');
  writeFileSync(tinyLlama, buildTinyLlamaGguf());
  writeFileSync(notAModel, buildNotAModel());
  return { tinyLlama, notAModel };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  let outDir: string;
  try {
    const { positionals } = parseCommandLine(process.argv.slice(2), {});
    if (positionals.length !== 1) throw new UsageError('which folder?');
    outDir = positionals[0]!;
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: tsx scripts/make-test-gguf.ts <outDir>`);
    process.exit(2);
  }
  const paths = writeTestModels(resolve(outDir));
  console.log(`wrote ${paths.tinyLlama} and ${paths.notAModel}`);
}
