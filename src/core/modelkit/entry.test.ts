import { describe, expect, it } from 'vitest';
import { BlockingIssueError, buildGgufEntry, buildMlcEntry, mlcModelUrl } from './entry.ts';
import { checkGguf } from './gguf.ts';
import { checkMlc } from './mlc.ts';
import { sriSha256 } from './sri.ts';
import { TAIYI_CONV_TEMPLATE } from './taiyi.ts';
import { editJson, memorySource, minimalGguf, mlcFixture } from './testing.ts';

describe('registry entries', () => {
  it('normalises a model URL the way WebLLM resolves it', () => {
    expect(mlcModelUrl('https://huggingface.co/me/taiyi-q4f16_1-MLC')).toBe('https://huggingface.co/me/taiyi-q4f16_1-MLC/resolve/main/');
    expect(mlcModelUrl('https://h.example/models/taiyi/resolve/v2/')).toBe('https://h.example/models/taiyi/resolve/v2/');
    expect(mlcModelUrl('models/taiyi-q4f16_1/')).toBe('models/taiyi-q4f16_1/resolve/main/');
  });

  it('describes an MLC build with sizes, memory, features and SRI hashes', async () => {
    const files = mlcFixture();
    const source = memorySource(files);
    const sri = async (path: string) => sriSha256(files[path]!);
    const entry = await buildMlcEntry(await checkMlc(source), { url: 'https://h.example/models/taiyi-q4f16_1', id: 'taiyi-q4f16_1', sri });
    expect(entry).toMatchObject({
      id: 'taiyi-q4f16_1',
      engine: 'webllm',
      url: 'https://h.example/models/taiyi-q4f16_1/resolve/main/',
      model_lib: 'https://h.example/models/taiyi-q4f16_1/resolve/main/taiyi-q4f16_1-webgpu.wasm',
      quantization: 'q4f16_1',
      context_window_size: 2048,
      required_features: ['shader-f16'],
      buffer_size_required_bytes: 4096,
      prompt_format: 'taiyi',
      languages: ['en', 'zh'],
      defaults: { temperature: 0.3, top_p: 0.9, max_tokens: 500 },
    });
    expect(entry.integrity).toEqual({
      config: await sri('mlc-chat-config.json'),
      model_lib: await sri('taiyi-q4f16_1-webgpu.wasm'),
      tokenizer: { 'tokenizer.json': await sri('tokenizer.json') },
    });
    expect(entry.integrity!.config).toMatch(/^sha256-[A-Za-z0-9+/]{43}=$/);
    expect(entry.vram_required_MB).toBeGreaterThan(0);
    expect(entry.overrides).toEqual({ conv_template: TAIYI_CONV_TEMPLATE });
    const smaller = await buildMlcEntry(await checkMlc(source), { url: 'https://h.example/t', id: 't', sri, contextSize: 1024 });
    expect(smaller.overrides).toEqual({ conv_template: TAIYI_CONV_TEMPLATE, context_window_size: 1024 });
    expect(smaller.vram_required_MB!).toBeLessThan(entry.vram_required_MB!);
  });

  it('leaves out shader-f16 for q4f32_1 builds', async () => {
    const files = mlcFixture();
    editJson(files, 'mlc-chat-config.json', (c) => (c.quantization = 'q4f32_1'));
    const entry = await buildMlcEntry(await checkMlc(memorySource(files)), {
      url: 'https://h.example/t',
      id: 't',
      sri: async () => 'sha256-x',
    });
    expect(entry.required_features).toBeUndefined();
  });

  it('refuses a build with a blocking problem, naming it', async () => {
    const files = mlcFixture();
    editJson(files, 'mlc-chat-config.json', (c) => (c.conv_template = { ...TAIYI_CONV_TEMPLATE, stop_token_ids: [2] }));
    const report = await checkMlc(memorySource(files));
    await expect(buildMlcEntry(report, { url: 'https://h.example/t', id: 't', sri: async () => '' })).rejects.toThrow(BlockingIssueError);
    await expect(buildMlcEntry(report, { url: 'https://h.example/t', id: 't', sri: async () => '' })).rejects.toThrow(
      'mlc-chat-config.json (conv_template.stop_token_ids): conv-template',
    );
  });

  it('describes a GGUF split set with every part URL and a context that fits the heap', async () => {
    const meta = {
      'general.architecture': 'qwen',
      'general.file_type': 10,
      'qwen.context_length': 8192,
      'qwen.block_count': 32,
      'qwen.embedding_length': 4096,
      'qwen.attention.head_count': 32,
      'tokenizer.ggml.tokens': ['a', 'b'],
    };
    const names = ['t-00001-of-00002.gguf', 't-00002-of-00002.gguf'];
    const source = memorySource({ [names[0]!]: minimalGguf(meta), [names[1]!]: minimalGguf({ 'split.no': 1 }) });
    const big = { ...source, stat: async () => ({ size: 1.5 * 2 ** 30 }) }; // 3 GiB: with 2048 tokens (1 GiB KV) it would not fit
    const entry = await buildGgufEntry(await checkGguf(big, names[0]!), {
      url: 'https://h.example/gguf/',
      id: 'taiyi-q2k',
      sri: async () => 'unused',
    });
    expect(entry).toMatchObject({
      engine: 'gguf',
      url: 'https://h.example/gguf/t-00001-of-00002.gguf',
      urls: ['https://h.example/gguf/t-00001-of-00002.gguf', 'https://h.example/gguf/t-00002-of-00002.gguf'],
      quantization: 'Q2_K',
      context_window_size: 1024,
      prompt_format: 'taiyi',
      languages: ['en', 'zh'],
    });
    expect(entry.integrity).toBeUndefined(); // SRI covers single files only
    expect(entry.vram_required_MB!).toBeLessThan(4096);
  });

  it('hashes a single-file GGUF and prompts non-Taiyi models natively', async () => {
    const file = minimalGguf({ 'general.architecture': 'llama', 'llama.context_length': 2048, 'tokenizer.ggml.tokens': ['a'] });
    const report = await checkGguf(memorySource({ 's.gguf': file }), 's.gguf');
    const entry = await buildGgufEntry(report, { url: 'https://h.example/s.gguf', id: 's', sri: async () => sriSha256(file) });
    expect(entry).toMatchObject({
      url: 'https://h.example/s.gguf',
      prompt_format: 'native',
      languages: ['en'],
      integrity: { file: await sriSha256(file) },
    });
    expect(entry.license).toBeUndefined();
  });
});
