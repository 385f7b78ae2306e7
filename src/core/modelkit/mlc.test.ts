import { describe, expect, it } from 'vitest';
import { describeIssue } from './messages.ts';
import { checkMlc } from './mlc.ts';
import { editJson, memorySource, mlcFixture, tinyTokenizer } from './testing.ts';

const firstError = async (files: Record<string, Uint8Array>, options = {}) =>
  (await checkMlc(memorySource(files), options)).issues.find((i) => i.severity === 'error');

describe('checkMlc', () => {
  it('passes a complete build and reports what it holds', async () => {
    const report = await checkMlc(memorySource(mlcFixture()), { verify: true });
    expect(report.issues).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.facts).toMatchObject({
      modelType: 'qwen',
      quantization: 'q4f16_1',
      contextWindow: 2048,
      prefillChunk: 1024,
      shardCount: 2,
      weightBytes: 4096 + 1536,
      modelLib: 'taiyi-q4f16_1-webgpu.wasm',
      requiredFeatures: ['shader-f16'],
      // 2 layers × 4 heads × 16 dims × K and V × 2 bytes
      kvBytesPerToken: 2 * 2 * 4 * 16 * 2,
    });
    expect(report.facts.files).toEqual([
      'mlc-chat-config.json',
      'tokenizer.json',
      'vocab.json',
      'merges.txt',
      'tokenizer_config.json',
      'tensor-cache.json',
      'params_shard_0.bin',
      'params_shard_1.bin',
    ]);
    expect(report.facts.vramMB).toBeGreaterThan(0);
  });

  it('names a missing shard', async () => {
    const files = mlcFixture();
    delete files['params_shard_1.bin'];
    expect(await firstError(files)).toEqual({
      severity: 'error',
      code: 'shard-missing',
      file: 'params_shard_1.bin',
      field: 'records[1].dataPath',
    });
  });

  it('names a short shard with both sizes', async () => {
    const files = mlcFixture();
    files['params_shard_0.bin'] = files['params_shard_0.bin']!.slice(0, 4000);
    const issue = await firstError(files);
    expect(issue).toMatchObject({ code: 'shard-size', file: 'params_shard_0.bin', field: 'records[0].nbytes' });
    expect(issue?.params).toEqual({ expected: 4096, actual: 4000 });
    expect(describeIssue(issue!)).toMatch(/^params_shard_0\.bin \(records\[0\]\.nbytes\): has 4000 bytes/);
  });

  it('catches a corrupt shard of the right size only when verifying, and reports progress', async () => {
    const files = mlcFixture();
    files['params_shard_1.bin']![10] ^= 0xff;
    expect(await firstError(files)).toBeUndefined();
    const progress: number[] = [];
    const issue = await firstError(files, { verify: true, onProgress: (p: { done: number }) => progress.push(p.done) });
    expect(issue).toMatchObject({ code: 'shard-md5', file: 'params_shard_1.bin', field: 'records[1].md5sum' });
    expect(progress.sort()).toEqual([1, 2]);
  });

  it('uses the md5 callback when given', async () => {
    const report = await checkMlc(memorySource(mlcFixture()), { verify: true, md5: async () => '0'.repeat(32) });
    expect(report.issues.filter((i) => i.code === 'shard-md5')).toHaveLength(2);
  });

  it('names a wrong conversation template by its first differing field', async () => {
    const files = mlcFixture();
    editJson(files, 'mlc-chat-config.json', (c) => {
      (c.conv_template as Record<string, unknown>).seps = ['<|endoftext|>'];
    });
    const issue = await firstError(files);
    expect(issue).toMatchObject({ code: 'conv-template', file: 'mlc-chat-config.json', field: 'conv_template.seps' });
    expect(issue?.params).toEqual({ expected: '[""]', actual: '["<|endoftext|>"]' });
  });

  it("rejects gen_config's stock LM template", async () => {
    const files = mlcFixture();
    editJson(files, 'mlc-chat-config.json', (c) => {
      c.conv_template = { name: 'LM', system_template: '{system_message}', roles: { user: '', assistant: '' }, seps: [''] };
    });
    expect(await firstError(files)).toMatchObject({ code: 'conv-template', field: 'conv_template.system_template' });
  });

  it('names an unpatched tokenizer', async () => {
    const files = mlcFixture();
    files['tokenizer.json'] = new TextEncoder().encode(JSON.stringify(tinyTokenizer(false)));
    expect(await firstError(files)).toEqual({
      severity: 'error',
      code: 'tokenizer-unpatched',
      file: 'tokenizer.json',
      field: 'normalizer',
    });
  });

  it('requires tokenizer.json among the tokenizer files, and every listed file', async () => {
    const files = mlcFixture();
    delete files['merges.txt'];
    expect(await firstError(files)).toMatchObject({ code: 'file-missing', file: 'merges.txt', field: 'tokenizer_files' });
    editJson(files, 'mlc-chat-config.json', (c) => (c.tokenizer_files = ['tokenizer.model']));
    expect(await firstError(files)).toMatchObject({ code: 'tokenizer-missing', field: 'tokenizer_files' });
  });

  it('requires model_type qwen and a context window, and warns above 2048', async () => {
    const files = mlcFixture();
    editJson(files, 'mlc-chat-config.json', (c) => (c.model_type = 'llama'));
    expect(await firstError(files)).toMatchObject({ code: 'model-type', field: 'model_type', params: { actual: 'llama' } });
    const noContext = mlcFixture();
    editJson(noContext, 'mlc-chat-config.json', (c) => delete c.context_window_size);
    expect(await firstError(noContext)).toMatchObject({ code: 'context-window-missing', field: 'context_window_size' });
    const large = mlcFixture();
    editJson(large, 'mlc-chat-config.json', (c) => (c.context_window_size = 8192));
    const report = await checkMlc(memorySource(large));
    expect(report.ok).toBe(true);
    expect(report.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'context-window-large' })]);
  });

  it('warns about files the build does not use', async () => {
    const files = { ...mlcFixture(), 'README.md': new Uint8Array(3) };
    const report = await checkMlc(memorySource(files));
    expect(report.ok).toBe(true);
    expect(report.issues).toEqual([{ severity: 'warning', code: 'file-extra', file: 'README.md' }]);
  });

  it('explains a tensor cache under its old name', async () => {
    const files = mlcFixture();
    files['ndarray-cache.json'] = files['tensor-cache.json']!;
    delete files['tensor-cache.json'];
    expect(await firstError(files)).toMatchObject({ code: 'tensor-cache-legacy', file: 'tensor-cache.json' });
  });

  it('requires a WebAssembly model library', async () => {
    const files = mlcFixture();
    files['taiyi-q4f16_1-webgpu.wasm'] = new TextEncoder().encode('<html>404</html>');
    expect(await firstError(files)).toMatchObject({ code: 'wasm-invalid', file: 'taiyi-q4f16_1-webgpu.wasm' });
    delete files['taiyi-q4f16_1-webgpu.wasm'];
    expect(await firstError(files)).toMatchObject({ code: 'wasm-missing' });
  });

  it('reports a missing config and malformed JSON without throwing', async () => {
    const files = mlcFixture();
    files['tensor-cache.json'] = new TextEncoder().encode('{"records": [');
    delete files['mlc-chat-config.json'];
    const report = await checkMlc(memorySource(files));
    expect(report.issues.map((i) => [i.code, i.file])).toEqual([
      ['file-missing', 'mlc-chat-config.json'],
      ['json-invalid', 'tensor-cache.json'],
    ]);
  });
});
