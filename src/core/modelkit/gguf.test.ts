import { describe, expect, it } from 'vitest';
import { checkGguf, ggufParts } from './gguf.ts';
import { memorySource, minimalGguf } from './testing.ts';
import type { ModelSource } from './types.ts';

const qwenMetadata = {
  'general.architecture': 'qwen',
  'general.name': 'Taiyi',
  'general.file_type': 15,
  'qwen.context_length': 8192,
  'qwen.block_count': 2,
  'qwen.embedding_length': 64,
  'qwen.attention.head_count': 4,
  'tokenizer.ggml.model': 'gpt2',
  'tokenizer.ggml.tokens': ['a', 'b', 'ab', '<|endoftext|>'],
};

/** A source that claims other sizes than the bytes it holds, to exercise limits without gigabytes. */
const withSizes = (source: ModelSource, sizes: Record<string, number>): ModelSource => ({
  ...source,
  stat: async (path) => (path in sizes ? { size: sizes[path] } : source.stat(path)),
});

describe('checkGguf', () => {
  it('reads architecture, context, quantisation, vocabulary and template from the header', async () => {
    const file = minimalGguf(qwenMetadata, [{ name: 'token_embd.weight', shape: [64, 4] }]);
    const report = await checkGguf(memorySource({ 'taiyi.gguf': file }), 'taiyi.gguf');
    expect(report.issues).toEqual([]);
    expect(report.facts).toMatchObject({
      file: 'taiyi.gguf',
      parts: ['taiyi.gguf'],
      totalBytes: file.length,
      architecture: 'qwen',
      name: 'Taiyi',
      contextLength: 8192,
      quantization: 'Q4_K_M',
      vocabSize: 4,
      hasChatTemplate: false,
      tensorCount: 1,
      kvBytesPerToken: 2 * 2 * 4 * 16 * 2,
      estimateContext: 2048,
    });
  });

  it('names the quantisation from the tensors when general.file_type is absent', async () => {
    const { 'general.file_type': _, ...rest } = qwenMetadata;
    const file = minimalGguf({ ...rest, 'tokenizer.chat_template': '{{ messages }}' }, [{ name: 'w', shape: [8, 8] }]);
    const report = await checkGguf(memorySource({ 'm.gguf': file }), 'm.gguf');
    expect(report.facts.quantization).toBe('F32');
    expect(report.facts.hasChatTemplate).toBe(true);
  });

  it('detects a truncated file', async () => {
    const file = minimalGguf(qwenMetadata, [{ name: 'w', shape: [64, 64] }]);
    const report = await checkGguf(memorySource({ 'm.gguf': file.slice(0, file.length - 100) }), 'm.gguf');
    expect(report.issues[0]).toMatchObject({ code: 'gguf-truncated', file: 'm.gguf', params: { expected: file.length } });
  });

  it('names missing metadata and rejects files that are not GGUF', async () => {
    const { 'qwen.context_length': _, ...noContext } = qwenMetadata;
    const report = await checkGguf(memorySource({ 'm.gguf': minimalGguf(noContext) }), 'm.gguf');
    expect(report.issues[0]).toMatchObject({ code: 'gguf-field-missing', field: 'qwen.context_length' });
    const html = new TextEncoder().encode('<!doctype html><p>Not found</p>');
    const bad = await checkGguf(memorySource({ 'm.gguf': html }), 'm.gguf');
    expect(bad.issues[0]).toMatchObject({ code: 'gguf-invalid', file: 'm.gguf' });
    expect(String(bad.issues[0]!.params?.reason)).toMatch(/magic/);
    expect((await checkGguf(memorySource({}), 'm.gguf')).issues[0]).toMatchObject({ code: 'file-missing' });
  });

  it('warns that a non-Taiyi model without a chat template gets plain completion', async () => {
    const file = minimalGguf({ 'general.architecture': 'llama', 'llama.context_length': 2048, 'tokenizer.ggml.tokens': ['a'] });
    const report = await checkGguf(memorySource({ 'm.gguf': file }), 'm.gguf');
    expect(report.ok).toBe(true);
    expect(report.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'gguf-no-chat-template' })]);
  });

  it('expands and checks every part of a split set', async () => {
    expect(ggufParts('t-00002-of-00003.gguf')).toEqual(['t-00001-of-00003.gguf', 't-00002-of-00003.gguf', 't-00003-of-00003.gguf']);
    const part = minimalGguf(qwenMetadata);
    const files = { 't-00001-of-00003.gguf': part, 't-00002-of-00003.gguf': minimalGguf({ 'split.no': 1 }) };
    const report = await checkGguf(memorySource(files), 't-00002-of-00003.gguf');
    expect(report.facts.file).toBe('t-00001-of-00003.gguf');
    expect(report.issues).toEqual([expect.objectContaining({ code: 'gguf-part-missing', file: 't-00003-of-00003.gguf' })]);
  });

  it('enforces the 2 GB file and 4 GB heap limits', async () => {
    const file = minimalGguf(qwenMetadata);
    const big = withSizes(memorySource({ 'm.gguf': file }), { 'm.gguf': 2.5 * 2 ** 30 });
    expect((await checkGguf(big, 'm.gguf')).issues[0]).toMatchObject({ code: 'gguf-file-too-large', file: 'm.gguf' });
    const names = ggufParts('m-00001-of-00003.gguf');
    const parts = Object.fromEntries(names.map((n) => [n, file]));
    const huge = withSizes(memorySource(parts), Object.fromEntries(names.map((n) => [n, 1.5 * 2 ** 30])));
    expect((await checkGguf(huge, names[0]!)).issues).toEqual([expect.objectContaining({ code: 'gguf-heap' })]);
    const tight = withSizes(memorySource({ 'm.gguf': file }), { 'm.gguf': 2 ** 31 - 1 });
    const qwen7b = { ...qwenMetadata, 'qwen.block_count': 32, 'qwen.embedding_length': 4096, 'qwen.attention.head_count': 32 };
    const tightFile = withSizes(memorySource({ 'm.gguf': minimalGguf(qwen7b) }), { 'm.gguf': 2 ** 31 - 1 });
    expect((await checkGguf(tight, 'm.gguf')).issues).toEqual([]);
    // 2 GiB of weights + 1 GiB of f16 KV cache at 2048 tokens still fits; at 8192 tokens it cannot
    expect((await checkGguf(tightFile, 'm.gguf', { contextSize: 8192 })).issues).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'gguf-heap-estimate', params: expect.objectContaining({ context: 8192 }) }),
    ]);
  });
});
