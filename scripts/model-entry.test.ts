import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { minimalGguf, mlcFixture } from '../src/core/modelkit/testing.ts';
import type { ModelEntry } from '../src/engine/types.ts';
import { main, mergeEntry } from './model-entry.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'model-entry-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const sri = (bytes: Uint8Array) => `sha256-${createHash('sha256').update(bytes).digest('base64')}`;

async function mlcFolder(files = mlcFixture()) {
  const folder = join(dir, 'taiyi-q4f16_1');
  await mkdir(folder, { recursive: true });
  await Promise.all(Object.entries(files).map(([name, bytes]) => writeFile(join(folder, name), bytes)));
  return { folder, files };
}

describe('model-entry', () => {
  it('prints an MLC entry whose SRI hashes match the files', async () => {
    const { folder, files } = await mlcFolder();
    const result = await run(folder, '--url', 'https://huggingface.co/me/taiyi-q4f16_1-MLC');
    expect(result.code).toBe(0);
    const entry = JSON.parse(result.out) as ModelEntry;
    expect(entry).toMatchObject({
      id: 'taiyi-q4f16_1',
      engine: 'webllm',
      url: 'https://huggingface.co/me/taiyi-q4f16_1-MLC/resolve/main/',
      required_features: ['shader-f16'],
      context_window_size: 2048,
    });
    expect(entry.integrity).toEqual({
      config: sri(files['mlc-chat-config.json']!),
      model_lib: sri(files['taiyi-q4f16_1-webgpu.wasm']!),
      tokenizer: { 'tokenizer.json': sri(files['tokenizer.json']!) },
    });
    expect(entry.vram_required_MB).toBeGreaterThan(0);
  });

  it('writes the entry into a registry, replacing one with the same id', async () => {
    const { folder } = await mlcFolder();
    const registry = join(dir, 'models.json');
    await writeFile(registry, JSON.stringify([{ id: 'other' }, { id: 'taiyi', old: true }]));
    expect((await run(folder, '--url', 'models/taiyi/', '--id', 'taiyi', '--context', '1024', '--into', registry)).code).toBe(0);
    const written = JSON.parse(await readFile(registry, 'utf8')) as ModelEntry[];
    expect(written.map((e) => e.id)).toEqual(['other', 'taiyi']);
    expect(written[1]).toMatchObject({ url: 'models/taiyi/resolve/main/', context_window_size: 1024 });
    expect(written[1]).not.toHaveProperty('old');
    expect(mergeEntry({ models: [] }, written[1]!)).toEqual({ models: [written[1]] });
    expect(() => mergeEntry({ entries: [] }, written[1]!)).toThrow(/"models" array/);
  });

  it('refuses a broken build with its first blocking problem', async () => {
    const files = mlcFixture();
    delete files['params_shard_1.bin'];
    const { folder } = await mlcFolder(files);
    const result = await run(folder, '--url', 'https://h.example/t');
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/FAIL: params_shard_1\.bin \(records\[1\]\.dataPath\)/);
    expect((await run(folder)).code).toBe(2);
    const bad = await run(folder, '--url', 'https://h.example/t', '--context', 'abc');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--context needs a positive whole number, not "abc"/);
    expect((await run(folder, '--url')).err).toMatch(/--url needs a value/);
    expect((await run(folder, '--url', 'https://h.example/t', '--no-file-hash=1')).err).toMatch(/--no-file-hash takes no value/);
  });

  it('prints a GGUF entry with the whole-file hash', async () => {
    const bytes = minimalGguf({
      'general.architecture': 'qwen',
      'general.file_type': 12,
      'qwen.context_length': 8192,
      'tokenizer.ggml.tokens': ['a'],
    });
    await writeFile(join(dir, 'taiyi-q3_k_m.gguf'), bytes);
    const result = await run(join(dir, 'taiyi-q3_k_m.gguf'), '--url', 'https://h.example/gguf/');
    const entry = JSON.parse(result.out) as ModelEntry;
    expect(entry).toMatchObject({
      id: 'taiyi-q3_k_m',
      engine: 'gguf',
      url: 'https://h.example/gguf/taiyi-q3_k_m.gguf',
      quantization: 'Q3_K_M',
      prompt_format: 'taiyi',
      integrity: { file: sri(bytes) },
    });
  });
});
