import { describe, expect, it } from 'vitest';
import { checkModel, checkModelUrl, firstBlockingIssue } from './index.ts';
import { memorySource, minimalGguf, mlcFixture } from './testing.ts';

/** Serves in-memory files under a base path, like a static host with CORS. */
const serve = (base: string, files: Record<string, Uint8Array>) =>
  (async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input)).pathname;
    const body = path.startsWith(base) ? files[path.slice(base.length)] : undefined;
    if (!body) return new Response(null, { status: 404 });
    if (init?.method === 'HEAD') return new Response(null, { headers: { 'content-length': String(body.length) } });
    const m = /bytes=(\d+)-(\d*)/.exec(new Headers(init?.headers).get('Range') ?? '');
    const slice = m ? body.slice(Number(m[1]), m[2] ? Number(m[2]) + 1 : undefined) : body;
    return new Response(slice.slice().buffer, { status: m ? 206 : 200 });
  }) as typeof fetch;

describe('checkModel / checkModelUrl', () => {
  it('checks a picked folder as MLC, or as GGUF when it holds one GGUF and no MLC config', async () => {
    expect((await checkModel(memorySource(mlcFixture()))).kind).toBe('mlc');
    const gguf = minimalGguf({ 'general.architecture': 'qwen', 'qwen.context_length': 2048, 'tokenizer.ggml.tokens': ['a'] });
    const report = await checkModel(memorySource({ 'taiyi.gguf': gguf, 'README.md': new Uint8Array(1) }));
    expect(report).toMatchObject({ kind: 'gguf', ok: true, facts: { architecture: 'qwen' } });
  });

  it('checks an MLC model URL, finding the model library beside it', async () => {
    const fetchFn = serve('/m/resolve/main/', mlcFixture());
    const report = await checkModelUrl('https://h.example/m', { fetch: fetchFn, modelLib: 'taiyi-q4f16_1-webgpu.wasm' });
    expect(report).toMatchObject({ kind: 'mlc', ok: true });
    const noLib = await checkModelUrl('https://h.example/m', { fetch: fetchFn });
    expect(firstBlockingIssue(noLib)).toMatchObject({ code: 'wasm-missing' });
    const broken = mlcFixture();
    delete broken['params_shard_0.bin'];
    const missing = await checkModelUrl('https://h.example/m/resolve/main/', {
      fetch: serve('/m/resolve/main/', broken),
      modelLib: 'taiyi-q4f16_1-webgpu.wasm',
    });
    expect(firstBlockingIssue(missing)).toMatchObject({ code: 'shard-missing', file: 'params_shard_0.bin' });
  });

  it('checks a GGUF URL by its header only', async () => {
    const gguf = minimalGguf({ 'general.architecture': 'qwen', 'qwen.context_length': 2048, 'tokenizer.ggml.tokens': ['a'] });
    const report = await checkModelUrl('https://h.example/g/taiyi.gguf', { fetch: serve('/g/', { 'taiyi.gguf': gguf }) });
    expect(report).toMatchObject({ kind: 'gguf', ok: true, facts: { file: 'taiyi.gguf', totalBytes: gguf.length } });
  });

  it('reports a host that cannot be reached instead of throwing', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const report = await checkModelUrl('https://h.example/m', { fetch: failing, modelLib: 'x.wasm' });
    expect(firstBlockingIssue(report)).toMatchObject({
      code: 'file-unreadable',
      file: 'mlc-chat-config.json',
      params: { reason: 'Failed to fetch' },
    });
  });
});
