import { describe, expect, it } from 'vitest';
import type { ModelEntry } from './types';
import { webllmAppConfig, webllmConfigUrl, webllmFinish, webllmProgress, webllmUsage } from './webllm-config';

const ENTRY: ModelEntry = {
  id: 'taiyi-llm-q4f16_1',
  label: 'Taiyi',
  engine: 'webllm',
  url: 'https://h/taiyi/resolve/main/',
  model_lib: 'https://h/taiyi/resolve/main/taiyi-webgpu.wasm',
  quantization: 'q4f16_1',
  vram_required_MB: 6000,
  buffer_size_required_bytes: 311164928,
  context_window_size: 2048,
  required_features: ['shader-f16'],
  prompt_format: 'taiyi',
  languages: ['zh'],
  integrity: { config: 'sha256-a', model_lib: 'sha256-b', tokenizer: { 'tokenizer.json': 'sha256-c' }, file: 'sha256-d' },
  overrides: { context_window_size: 2048, conv_template: { seps: [''] } },
};

describe('WebLLM app config', () => {
  it('turns a registry entry into one model record', () => {
    expect(webllmAppConfig(ENTRY)).toEqual({
      model_list: [
        {
          model: 'https://h/taiyi/resolve/main/',
          model_id: 'taiyi-llm-q4f16_1',
          model_lib: 'https://h/taiyi/resolve/main/taiyi-webgpu.wasm',
          overrides: { context_window_size: 2048, conv_template: { seps: [''] } },
          vram_required_MB: 6000,
          buffer_size_required_bytes: 311164928,
          required_features: ['shader-f16'],
          // WebLLM checks config, library and tokenizer; the GGUF-only whole-file hash stays out
          integrity: { config: 'sha256-a', model_lib: 'sha256-b', tokenizer: { 'tokenizer.json': 'sha256-c' } },
        },
      ],
    });
    expect(webllmConfigUrl(ENTRY)).toBe('https://h/taiyi/resolve/main/mlc-chat-config.json');
  });
});

describe('WebLLM progress and usage', () => {
  it('reads the megabytes out of the download line', () => {
    const p = webllmProgress({
      progress: 0.25,
      timeElapsed: 3,
      text: 'Fetching param cache[3/108]: 1000MB fetched. 25% completed, 3 secs elapsed.',
    });
    expect(p).toMatchObject({ phase: 'download', fraction: 0.25, loadedBytes: 1000 * 1024 ** 2, totalBytes: 4000 * 1024 ** 2 });
    expect(webllmProgress({ progress: 0.5, timeElapsed: 9, text: 'Loading GPU shader modules[20/40]' })).toEqual({
      phase: 'init',
      fraction: 0.5,
      text: 'Loading GPU shader modules[20/40]',
    });
  });

  it('maps usage with its extra speeds, keeping the client-measured times', () => {
    const usage = webllmUsage(
      {
        prompt_tokens: 12,
        completion_tokens: 30,
        total_tokens: 42,
        extra: {
          e2e_latency_s: 2,
          prefill_tokens_per_s: 400,
          decode_tokens_per_s: 25,
          time_to_first_token_s: 0.1,
          time_per_output_token_s: 0.04,
        },
      },
      { timeToFirstTokenMs: 150, totalMs: 2100, pieces: 29 },
    );
    expect(usage).toEqual({
      promptTokens: 12,
      completionTokens: 30,
      timeToFirstTokenMs: 150,
      prefillTokensPerSec: 400,
      decodeTokensPerSec: 25,
      totalMs: 2100,
    });
  });

  it('maps finish reasons', () => {
    expect(webllmFinish('abort', false)).toBe('aborted');
    expect(webllmFinish('stop', true)).toBe('aborted');
    expect(webllmFinish('length', false)).toBe('length');
    expect(webllmFinish('stop', false)).toBe('stop');
  });
});
