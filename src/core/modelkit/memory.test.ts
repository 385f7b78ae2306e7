import { describe, expect, it } from 'vitest';
import { estimateMlcVramMB, kvBytesPerToken, mlcKvBytesPerToken } from './memory.ts';

// Qwen-7B as MLC's qwen model_config describes it
const qwen7b = { hidden_size: 4096, num_hidden_layers: 32, num_attention_heads: 32, kv_channels: 128, vocab_size: 151936 };
const GiB = 1024;

describe('memory estimates', () => {
  it('gives Qwen 1 full multi-head attention ≈0.5 MiB of f16 KV cache per token', () => {
    expect(mlcKvBytesPerToken(qwen7b, 'q4f16_1')).toBe(0.5 * 2 ** 20);
    expect(mlcKvBytesPerToken(qwen7b, 'q4f32_1')).toBe(2 ** 20);
    expect(kvBytesPerToken(28, 4, 128, 2)).toBe(57344); // Qwen2-7B's GQA, ≈9× smaller
    expect(mlcKvBytesPerToken({}, 'q4f16_1')).toBeUndefined();
  });

  it('reproduces the Taiyi table: ≈5.5/6.0 GB for q4f16_1 and ≈6.5/7.5 GB for q4f32_1 at 1k/2k context', () => {
    const estimate = (quantization: string, context: number) =>
      estimateMlcVramMB({
        weightBytes: 4.3e9,
        kvBytesPerToken: mlcKvBytesPerToken(qwen7b, quantization)!,
        context,
        quantization,
        vocabSize: 151936,
        prefillChunk: 1024,
      }) / GiB;
    expect(estimate('q4f16_1', 1024)).toBeCloseTo(5.5, 1);
    expect(estimate('q4f16_1', 2048)).toBeCloseTo(6.0, 1);
    expect(estimate('q4f32_1', 1024)).toBeCloseTo(6.5, 1);
    expect(estimate('q4f32_1', 2048)).toBeCloseTo(7.5, 1);
  });
});
