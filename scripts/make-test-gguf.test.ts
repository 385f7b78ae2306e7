import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gguf } from '@huggingface/gguf';
import { afterAll, describe, expect, it } from 'vitest';
import { buildNotAModel, buildTinyLlamaGguf, tinyVocabulary, writeTestModels } from './make-test-gguf';

const dir = mkdtempSync(join(tmpdir(), 'tiny-gguf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('make-test-gguf', () => {
  it('is deterministic: the same bytes on every run and every machine', () => {
    const a = buildTinyLlamaGguf();
    expect(sha256(buildTinyLlamaGguf())).toBe(sha256(a));
    // pinned: a change here means every machine's test model changed too; update it deliberately
    expect(sha256(a)).toBe('9d30cced1abb450ba44e2dcace90a67253590aa2892710bc2c811bd4c6bcd6dd');
  });

  it('writes a GGUF v3 llama model whose header an independent parser reads', async () => {
    const { tinyLlama } = writeTestModels(dir);
    const size = readFileSync(tinyLlama).length;
    const parsed = await gguf(tinyLlama, { allowLocalFile: true });
    const { tensorInfos, tensorDataOffset } = parsed;
    // the parser types metadata per architecture; plain key lookups are what this test needs
    const metadata = parsed.metadata as unknown as Record<string, unknown>;
    expect(metadata.version).toBe(3);
    expect(metadata['general.architecture']).toBe('llama');
    expect(metadata['llama.block_count']).toBe(2);
    expect(metadata['tokenizer.ggml.model']).toBe('llama');
    expect(metadata['tokenizer.ggml.bos_token_id']).toBe(1);
    expect(metadata['tokenizer.ggml.eos_token_id']).toBe(2);
    expect(metadata['tokenizer.chat_template']).toBeUndefined();
    const vocab = tinyVocabulary();
    expect(metadata['tokenizer.ggml.tokens']).toEqual(vocab.tokens);
    expect(tensorInfos).toHaveLength(3 + 9 * 2);
    // every tensor's F32 data lies inside the file
    for (const t of tensorInfos) {
      const bytes = t.shape.reduce((n, d) => n * Number(d), 1) * 4;
      expect(Number(tensorDataOffset) + Number(t.offset) + bytes, t.name).toBeLessThanOrEqual(size);
    }
    const embd = tensorInfos.find((t) => t.name === 'token_embd.weight')!;
    expect(embd.shape.map(Number)).toEqual([64, vocab.tokens.length]);
  });

  it('has a byte token for every byte, so any text tokenizes', () => {
    const tokens = new Set(tinyVocabulary().tokens);
    for (let b = 0; b < 256; b++) expect(tokens.has(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`)).toBe(true);
  });

  it('also writes a file that is named like a model but is not GGUF', () => {
    const { notAModel } = writeTestModels(dir);
    const bytes = readFileSync(notAModel);
    expect(bytes.subarray(0, 4).toString()).not.toBe('GGUF');
    expect(sha256(bytes)).toBe(sha256(buildNotAModel()));
  });
});
