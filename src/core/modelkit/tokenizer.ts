/**
 * The Qwen tokenizer fix. MLC's `gen_config` turns `qwen.tiktoken` into a Hugging Face `tokenizer.json` with GPT-2's
 * byte-level split and no normalizer, while Qwen normalises to NFC and splits with its own pattern (one digit per
 * piece, among others). Same vocabulary and merges, different pieces: the model would see token ids it was not
 * trained on. The fix replaces only `normalizer` and `pre_tokenizer`.
 */
import { isObject, type Json } from './util.ts';

/** Qwen's pre-tokenisation pattern, as `tokenization_qwen.py` gives it to tiktoken. */
export const QWEN_SPLIT_PATTERN = String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`;

export const QWEN_NORMALIZER = { type: 'NFC' } as const;

/**
 * Split on Qwen's pattern, then map bytes to byte-level symbols without GPT-2's own regex.
 * Written as Qwen2's own tokenizer.json writes it (`trim_offsets` false; it affects offsets, never ids).
 */
export const QWEN_PRE_TOKENIZER = {
  type: 'Sequence',
  pretokenizers: [
    { type: 'Split', pattern: { Regex: QWEN_SPLIT_PATTERN }, behavior: 'Isolated', invert: false },
    { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false },
  ],
} as const;

const containsByteLevel = (component: unknown): boolean => {
  if (!isObject(component)) return false;
  if (component.type === 'ByteLevel') return true;
  const parts = component.pretokenizers ?? component.decoders;
  return Array.isArray(parts) && parts.some(containsByteLevel);
};

/**
 * What a parsed `tokenizer.json` is, as far as the fix is concerned.
 * `not-bpe`: not a byte-level BPE tokenizer (SentencePiece, WordPiece, ...), so the fix does not apply.
 * `unpatched`: byte-level BPE without Qwen's normalizer or split; `field` names the first one that differs.
 */
export type TokenizerState =
  { state: 'patched' } | { state: 'unpatched'; field: 'normalizer' | 'pre_tokenizer' } | { state: 'not-bpe'; field: string };

/** Classifies a parsed `tokenizer.json`. */
export function qwenTokenizerState(tokenizer: unknown): TokenizerState {
  if (!isObject(tokenizer) || !isObject(tokenizer.model)) return { state: 'not-bpe', field: 'model' };
  if (tokenizer.model.type !== 'BPE' || !isObject(tokenizer.model.vocab)) return { state: 'not-bpe', field: 'model.type' };
  if (!containsByteLevel(tokenizer.pre_tokenizer) && !containsByteLevel(tokenizer.decoder)) return { state: 'not-bpe', field: 'decoder' };
  const normalizer = tokenizer.normalizer;
  if (!isObject(normalizer) || normalizer.type !== 'NFC') return { state: 'unpatched', field: 'normalizer' };
  const pre = tokenizer.pre_tokenizer;
  const [split, byteLevel] = isObject(pre) && Array.isArray(pre.pretokenizers) ? pre.pretokenizers : [];
  const splitOk =
    isObject(split) &&
    split.type === 'Split' &&
    isObject(split.pattern) &&
    split.pattern.Regex === QWEN_SPLIT_PATTERN &&
    split.behavior === 'Isolated' &&
    split.invert === false;
  const byteLevelOk =
    isObject(byteLevel) && byteLevel.type === 'ByteLevel' && byteLevel.use_regex === false && byteLevel.add_prefix_space === false;
  const lengthOk = isObject(pre) && pre.type === 'Sequence' && (pre.pretokenizers as unknown[]).length === 2;
  return splitOk && byteLevelOk && lengthOk ? { state: 'patched' } : { state: 'unpatched', field: 'pre_tokenizer' };
}

/** Thrown when a tokenizer cannot take the Qwen fix; `field` names what disqualifies it. */
export class TokenizerPatchError extends Error {
  constructor(readonly field: string) {
    super(`not a byte-level BPE tokenizer (${field})`);
    this.name = 'TokenizerPatchError';
  }
}

/**
 * Applies the Qwen normalizer and pre-tokenizer to a parsed `tokenizer.json`, in place. Idempotent.
 * Vocabulary, merges, added tokens, post-processor and decoder are left as they are.
 * @returns whether anything changed
 * @throws TokenizerPatchError when the tokenizer is not byte-level BPE
 */
export function patchQwenTokenizer(tokenizer: unknown): boolean {
  const before = qwenTokenizerState(tokenizer);
  if (before.state === 'not-bpe') throw new TokenizerPatchError(before.field);
  if (before.state === 'patched') return false;
  const target = tokenizer as Json;
  // structuredClone so later edits of one tokenizer object never leak into the shared constants
  target.normalizer = structuredClone(QWEN_NORMALIZER);
  target.pre_tokenizer = structuredClone(QWEN_PRE_TOKENIZER);
  return true;
}
