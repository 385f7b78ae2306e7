import { describe, expect, it } from 'vitest';
import { webgpuBlocker, type HardwareReport } from './hardware';
import { defaultModelId, deviceWarnings, preferredVariant } from './selection';
import type { ModelEntry } from './types';
import { entryFromFiles, entryFromUrl, ModelUrlError } from './user-models';

const entry = (id: string, over: Partial<ModelEntry> = {}): ModelEntry => ({
  id,
  label: id,
  engine: 'webllm',
  url: `https://h/${id}/resolve/main/`,
  model_lib: `https://h/${id}.wasm`,
  quantization: 'q4f16_1',
  context_window_size: 2048,
  prompt_format: 'taiyi',
  languages: ['en', 'zh'],
  ...over,
});
const ENTRIES = [
  entry('taiyi-llm-q4f16_1', { required_features: ['shader-f16'], vram_required_MB: 6000, buffer_size_required_bytes: 311164928 }),
  entry('taiyi-llm-q4f32_1', { quantization: 'q4f32_1', vram_required_MB: 7500, buffer_size_required_bytes: 311164928 }),
  entry('taiyi-gguf', { engine: 'gguf', url: 'https://h/t.gguf', model_lib: undefined, quantization: 'Q2_K', size_MB: 3000 }),
];

const GiB = 1024 ** 3;
const hw = (over: Partial<HardwareReport> = {}, adapter: Partial<NonNullable<HardwareReport['adapter']>> = {}): HardwareReport => ({
  webgpu: true,
  api: true,
  shaderF16: true,
  crossOriginIsolated: false,
  hardwareConcurrency: 8,
  deviceMemoryGB: 8,
  adapter: {
    vendor: 'nvidia',
    architecture: 'ampere',
    device: '',
    description: '',
    isFallbackAdapter: false,
    features: ['shader-f16'],
    maxStorageBufferBindingSize: 2 * GiB,
    maxBufferSize: 2 * GiB,
    ...adapter,
  },
  ...over,
});
const SWIFTSHADER = hw(
  { shaderF16: false },
  { isFallbackAdapter: true, features: [], maxStorageBufferBindingSize: GiB, maxBufferSize: GiB },
);
const NO_ADAPTER = hw({ webgpu: false, adapter: null, shaderF16: false });

describe('choosing a model for the hardware', () => {
  it('prefers q4f32_1 when shader-f16 is missing', () => {
    const noF16 = hw({ shaderF16: false }, { features: [] });
    expect(preferredVariant(ENTRIES, ENTRIES[0]!, noF16).id).toBe('taiyi-llm-q4f32_1');
    expect(preferredVariant(ENTRIES, ENTRIES[0]!, hw()).id).toBe('taiyi-llm-q4f16_1');
    expect(defaultModelId(ENTRIES, noF16)).toBe('taiyi-llm-q4f32_1');
    expect(defaultModelId(ENTRIES, hw())).toBe('taiyi-llm-q4f16_1');
  });

  it('offers the GGUF engine without WebGPU or with only a software adapter', () => {
    expect(defaultModelId(ENTRIES, NO_ADAPTER)).toBe('taiyi-gguf');
    expect(defaultModelId(ENTRIES, SWIFTSHADER)).toBe('taiyi-gguf');
  });

  it('blocks WebLLM loads the hardware cannot run, with the matching code', () => {
    expect(webgpuBlocker(hw({ api: false, webgpu: false, adapter: null }), ENTRIES[1]!)?.code).toBe('no-webgpu');
    expect(webgpuBlocker(NO_ADAPTER, ENTRIES[1]!)?.code).toBe('no-adapter');
    expect(webgpuBlocker(SWIFTSHADER, ENTRIES[0]!)?.code).toBe('shader-f16-missing');
    // WebLLM asks for 1 GiB or falls back to 128 MiB: a 512 MiB adapter cannot bind Taiyi's 297 MiB embedding
    expect(webgpuBlocker(hw({}, { maxStorageBufferBindingSize: 512 * 1024 ** 2 }), ENTRIES[1]!)?.code).toBe('buffer-limit');
    expect(webgpuBlocker(SWIFTSHADER, ENTRIES[1]!)).toBeNull();
  });

  it('warns when a model likely exceeds the device', () => {
    expect(deviceWarnings(ENTRIES[0]!, hw())).toEqual([]);
    expect(deviceWarnings(ENTRIES[0]!, SWIFTSHADER)).toEqual(['noF16Advice', 'exceeds']);
    expect(deviceWarnings(ENTRIES[1]!, hw({ deviceMemoryGB: 4 }))).toEqual(['exceeds']);
    expect(deviceWarnings(ENTRIES[1]!, hw({}, { maxStorageBufferBindingSize: 256 * 1024 ** 2 }))).toEqual(['bufferLimit']);
    expect(deviceWarnings({ ...ENTRIES[2]!, size_MB: 5000 }, NO_ADAPTER)).toEqual(['exceeds']);
    expect(deviceWarnings(ENTRIES[2]!, NO_ADAPTER)).toEqual([]);
  });
});

describe('user-added models', () => {
  const PAGE = 'http://localhost:4173/';

  it('takes a .gguf URL for the GGUF engine, with the URL as id', () => {
    const e = entryFromUrl('http://127.0.0.1:9000/m/stories260K.gguf?download=1', PAGE);
    expect(e).toMatchObject({
      id: 'http://127.0.0.1:9000/m/stories260K.gguf?download=1',
      engine: 'gguf',
      label: 'stories260K.gguf',
      prompt_format: 'native',
      user_added: true,
    });
  });

  it('takes any other URL as a WebLLM model folder with its library beside it', () => {
    const e = entryFromUrl('https://h.example/org/Taiyi-LLM-q4f16_1-MLC', PAGE);
    expect(e).toMatchObject({
      engine: 'webllm',
      url: 'https://h.example/org/Taiyi-LLM-q4f16_1-MLC/resolve/main/',
      model_lib: 'https://h.example/org/Taiyi-LLM-q4f16_1-MLC/resolve/main/Taiyi-LLM-q4f16_1-MLC-webgpu.wasm',
      quantization: 'q4f16_1',
      required_features: ['shader-f16'],
      prompt_format: 'taiyi',
    });
    expect(entryFromUrl('https://h.example/org/Taiyi2-chat-q4f32_1-MLC/', PAGE).prompt_format).toBe('native');
  });

  it('lets the caller force the engine, and rejects what cannot work', () => {
    expect(entryFromUrl('https://h/x/', PAGE, 'webllm').engine).toBe('webllm');
    expect(() => entryFromUrl('https://h/x/', PAGE, 'gguf')).toThrow(ModelUrlError);
    expect(() => entryFromUrl('file:///tmp/x.gguf', PAGE)).toThrow(/not an http\(s\) URL/);
  });

  it('describes picked files, split parts included', () => {
    const parts = [new File(['b'], 'm-00002-of-00002.gguf'), new File(['a'], 'm-00001-of-00002.gguf')];
    const e = entryFromFiles(parts);
    expect(e).toMatchObject({ engine: 'gguf', label: 'm (2 parts)', url: 'local:m-00001-of-00002.gguf', user_added: true });
    expect(() => entryFromFiles([])).toThrow(ModelUrlError);
  });
});
