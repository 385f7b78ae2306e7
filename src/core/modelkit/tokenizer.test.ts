import { describe, expect, it } from 'vitest';
import { tinyTokenizer } from './testing.ts';
import { patchQwenTokenizer, QWEN_SPLIT_PATTERN, qwenTokenizerState, TokenizerPatchError } from './tokenizer.ts';

type Tok = ReturnType<typeof tinyTokenizer> & { model: { vocab: Record<string, number>; merges: string[] } };

describe('Qwen tokenizer fix', () => {
  it('finds the gen_config output unpatched, starting with the normalizer', () => {
    expect(qwenTokenizerState(tinyTokenizer())).toEqual({ state: 'unpatched', field: 'normalizer' });
  });

  it("writes NFC and the Split + ByteLevel sequence in Hugging Face's JSON shape", () => {
    const tok = tinyTokenizer();
    expect(patchQwenTokenizer(tok)).toBe(true);
    const json = JSON.parse(JSON.stringify(tok)) as Record<string, unknown>;
    expect(json.normalizer).toEqual({ type: 'NFC' });
    expect(json.pre_tokenizer).toEqual({
      type: 'Sequence',
      pretokenizers: [
        { type: 'Split', pattern: { Regex: QWEN_SPLIT_PATTERN }, behavior: 'Isolated', invert: false },
        { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false },
      ],
    });
    // the pattern is Qwen's, with single digits (\p{N}) rather than GPT-4's runs of three
    expect(QWEN_SPLIT_PATTERN).toBe(
      "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
    );
    expect(qwenTokenizerState(json)).toEqual({ state: 'patched' });
  });

  it('is idempotent and leaves vocabulary, merges, added tokens and decoder untouched', () => {
    const original = tinyTokenizer() as Tok;
    const tok = structuredClone(original);
    patchQwenTokenizer(tok);
    const once = JSON.stringify(tok);
    expect(patchQwenTokenizer(tok)).toBe(false);
    expect(JSON.stringify(tok)).toBe(once);
    const reparsed = JSON.parse(once) as Tok;
    expect(reparsed.model).toEqual(original.model);
    expect(Object.entries(reparsed.model.vocab).sort()).toEqual(Object.entries(original.model.vocab).sort());
    expect(reparsed.added_tokens).toEqual(original.added_tokens);
    expect(reparsed.decoder).toEqual(original.decoder);
    expect(reparsed.post_processor).toEqual(original.post_processor);
  });

  it('sees a tampered pattern or a GPT-2 ByteLevel step as unpatched', () => {
    const tok = tinyTokenizer(true) as Record<string, unknown>;
    const pre = structuredClone(tok.pre_tokenizer) as { pretokenizers: Record<string, unknown>[] };
    pre.pretokenizers[0]!.pattern = { Regex: QWEN_SPLIT_PATTERN.replace('\\p{N}|', '\\p{N}{1,3}|') };
    expect(qwenTokenizerState({ ...tok, pre_tokenizer: pre })).toEqual({ state: 'unpatched', field: 'pre_tokenizer' });
    const gpt2 = structuredClone(tok.pre_tokenizer) as { pretokenizers: Record<string, unknown>[] };
    gpt2.pretokenizers[1]!.use_regex = true;
    expect(qwenTokenizerState({ ...tok, pre_tokenizer: gpt2 })).toEqual({ state: 'unpatched', field: 'pre_tokenizer' });
  });

  it('refuses tokenizers that are not byte-level BPE', () => {
    const sentencePiece = {
      normalizer: { type: 'Sequence', normalizers: [{ type: 'Replace' }] },
      pre_tokenizer: { type: 'Metaspace', replacement: '▁' },
      decoder: { type: 'Sequence', decoders: [{ type: 'Replace' }, { type: 'ByteFallback' }, { type: 'Fuse' }] },
      model: { type: 'BPE', vocab: { '<unk>': 0 }, merges: [], byte_fallback: true },
    };
    const wordPiece = { model: { type: 'WordPiece', vocab: { '[UNK]': 0 } } };
    expect(() => patchQwenTokenizer(sentencePiece)).toThrow(TokenizerPatchError);
    expect(() => patchQwenTokenizer(wordPiece)).toThrow(/model\.type/);
    expect(() => patchQwenTokenizer('not json')).toThrow(TokenizerPatchError);
    expect(sentencePiece.pre_tokenizer).toEqual({ type: 'Metaspace', replacement: '▁' });
  });
});
