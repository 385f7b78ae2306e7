import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlcModelUrl } from '../core/modelkit/urls';
import { loadRegistry, modelBaseUrl, parseRegistry, validateRegistry } from './registry';

const PAGE = 'https://example.org/app/index.html';
const BASE = modelBaseUrl(PAGE, undefined);

const gguf = (over: Record<string, unknown> = {}) => ({
  id: 'tiny',
  label: 'Tiny',
  engine: 'gguf',
  url: 'tiny/tiny-llama.gguf',
  quantization: 'F32',
  context_window_size: 512,
  prompt_format: 'native',
  languages: ['en'],
  ...over,
});
const webllm = (over: Record<string, unknown> = {}) => ({
  id: 'taiyi-llm-q4f32_1',
  label: 'Taiyi',
  engine: 'webllm',
  url: 'taiyi-llm-q4f32_1/resolve/main/',
  model_lib: 'taiyi-llm-q4f32_1/resolve/main/taiyi-llm-q4f32_1-webgpu.wasm',
  quantization: 'q4f32_1',
  context_window_size: 2048,
  prompt_format: 'taiyi',
  languages: ['en', 'zh'],
  ...over,
});

describe('model base URL', () => {
  it('defaults to models/ beside the page', () => {
    expect(BASE).toBe('https://example.org/app/models/');
  });
  it('follows VITE_TAIYI_BASE_URL when set, with or without a trailing slash', () => {
    expect(modelBaseUrl(PAGE, 'https://huggingface.co/org')).toBe('https://huggingface.co/org/');
    expect(modelBaseUrl(PAGE, '/mirror/')).toBe('https://example.org/mirror/');
  });
});

describe('validateRegistry', () => {
  it('resolves relative URLs against the model base and keeps absolute ones', () => {
    const { entries, problems } = validateRegistry({ models: [webllm(), gguf({ url: 'https://cdn.example.com/x/tiny.gguf' })] }, BASE);
    expect(problems).toEqual([]);
    expect(entries[0]!.url).toBe('https://example.org/app/models/taiyi-llm-q4f32_1/resolve/main/');
    expect(entries[0]!.model_lib).toBe('https://example.org/app/models/taiyi-llm-q4f32_1/resolve/main/taiyi-llm-q4f32_1-webgpu.wasm');
    expect(entries[1]!.url).toBe('https://cdn.example.com/x/tiny.gguf');
  });

  it('gives WebLLM model URLs the /resolve/<rev>/ WebLLM expects', () => {
    const { entries } = validateRegistry(
      { models: [webllm({ url: 'https://huggingface.co/mlc-ai/Qwen2.5-1.5B-Instruct-q4f16_1-MLC' })] },
      BASE,
    );
    expect(entries[0]!.url).toBe('https://huggingface.co/mlc-ai/Qwen2.5-1.5B-Instruct-q4f16_1-MLC/resolve/main/');
    expect(mlcModelUrl('https://h/m/resolve/v2')).toBe('https://h/m/resolve/v2/');
  });

  it('names the entry and the field of a missing field, and keeps the other entries', () => {
    const broken = webllm({ id: 'broken' }) as Record<string, unknown>;
    delete broken.model_lib;
    const { entries, problems } = validateRegistry({ models: [gguf(), broken] }, BASE);
    expect(entries.map((e) => e.id)).toEqual(['tiny']);
    expect(problems).toEqual(['models.json: model #2 ("broken"), field "model_lib": is missing']);
  });

  it.each([
    [{ engine: 'cuda' }, 'field "engine": must be one of "webllm", "gguf", got "cuda"'],
    [{ context_window_size: '2k' }, 'field "context_window_size": must be a positive integer, got "2k"'],
    [{ url: 'tiny/tiny-llama.bin' }, 'field "url": must point at a .gguf file'],
    [{ url: 'ftp://x/y.gguf' }, 'field "url": must be an http(s) URL or a relative path'],
    [{ languages: 'en' }, 'field "languages": must be an array of non-empty strings'],
    [{ prompt_format: 'chatml' }, 'field "prompt_format": must be one of "taiyi", "native"'],
    [{ contex_window_size: 1 }, 'field "contex_window_size": is not a known field (typo?)'],
    [{ integrity: { file: 'md5-abc' } }, 'field "integrity.file": must be an SRI hash'],
    [{ defaults: { top_p: 2 } }, 'field "defaults.top_p": must be a number above 0 and at most 1'],
    [{ id: 'has space' }, 'field "id": may only contain'],
  ])('reports %j precisely', (change, message) => {
    const { entries, problems } = validateRegistry({ models: [gguf(change)] }, BASE);
    expect(entries).toEqual([]);
    expect(problems.join('\n')).toContain(message);
    expect(problems[0]).toMatch(/^models\.json: model #1/);
  });

  it('reports a duplicate id', () => {
    const { entries, problems } = validateRegistry({ models: [gguf(), gguf()] }, BASE);
    expect(entries).toHaveLength(1);
    expect(problems).toEqual(['models.json: model #2 ("tiny"), field "id": is used by an earlier model']);
  });

  it('reports a file without a models array', () => {
    expect(validateRegistry({ model: [] }, BASE).problems[0]).toMatch(/expected an object with a "models" array/);
  });
});

describe('parseRegistry', () => {
  it('reports bad JSON instead of throwing', () => {
    const { entries, problems } = parseRegistry('{ "models": [ { "id": "x", } ] }', BASE);
    expect(entries).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^models\.json is not valid JSON: /);
  });
});

describe('loadRegistry', () => {
  it('fetches models.json beside the page', async () => {
    const seen: string[] = [];
    const fake = (async (url: string) => {
      seen.push(url);
      return new Response(JSON.stringify({ models: [gguf()] }));
    }) as unknown as typeof fetch;
    const { entries } = await loadRegistry(PAGE, fake);
    expect(seen).toEqual(['https://example.org/app/models.json']);
    expect(entries[0]!.url).toBe('https://example.org/app/models/tiny/tiny-llama.gguf');
  });

  it('reports an unreachable file', async () => {
    const fake = (async () => new Response('nope', { status: 404 })) as unknown as typeof fetch;
    const { problems } = await loadRegistry(PAGE, fake);
    expect(problems[0]).toMatch(/could not be loaded from https:\/\/example\.org\/app\/models\.json: HTTP 404/);
  });
});

describe('public/models.json', () => {
  const text = readFileSync(join(import.meta.dirname, '../../public/models.json'), 'utf8');
  const { entries, problems } = parseRegistry(text, BASE);

  it('is valid', () => {
    expect(problems).toEqual([]);
  });

  it('ships Taiyi for both WebLLM builds and GGUF, plus general models of ~7B and ~1.5B', () => {
    const ids = entries.map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(['taiyi-llm-q4f16_1', 'taiyi-llm-q4f32_1', 'taiyi-llm-q2_k-gguf']));
    expect(ids.some((id) => /7B/.test(id))).toBe(true);
    expect(ids.some((id) => /1\.5B/.test(id))).toBe(true);
  });

  it('says how much every entry downloads, so the picker can show it', () => {
    for (const entry of entries) expect(entry.size_MB, entry.id).toBeGreaterThan(0);
  });

  it('configures the Taiyi entries as Taiyi needs', () => {
    for (const entry of entries.filter((e) => e.prompt_format === 'taiyi')) {
      expect(entry.context_window_size, entry.id).toBeLessThanOrEqual(2048);
      expect(entry.defaults, entry.id).toMatchObject({ temperature: 0.3, top_p: 0.9 });
      if (entry.engine === 'webllm') {
        const template = entry.overrides?.conv_template as { stop_token_ids: number[] };
        expect(template.stop_token_ids).toEqual([151643]);
        expect(entry.overrides?.context_window_size).toBe(2048);
      }
    }
    expect(entries.find((e) => e.id === 'taiyi-llm-q4f16_1')?.required_features).toEqual(['shader-f16']);
    expect(entries.find((e) => e.id === 'taiyi-llm-q4f32_1')?.required_features).toBeUndefined();
  });
});
