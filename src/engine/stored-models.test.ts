import { describe, expect, it } from 'vitest';
import { downloadBytes, groupGguf, groupWebllm, keptModels, nameFromModelUrl, roomFor, type CachedFile } from './stored-models';
import type { ModelEntry } from './types';

const base = 'https://host/models/taiyi-q4f32_1/resolve/main/';
const lib = 'https://host/models/taiyi-q4f32_1/resolve/main/taiyi-q4f32_1-webgpu.wasm';
const entry = (over: Partial<ModelEntry>): ModelEntry => ({
  id: 'taiyi-q4f32_1',
  label: 'Taiyi q4f32_1',
  engine: 'webllm',
  url: base,
  model_lib: lib,
  quantization: 'q4f32_1',
  context_window_size: 2048,
  prompt_format: 'taiyi',
  languages: ['en', 'zh'],
  ...over,
});

const webllmFiles: CachedFile[] = [
  { scope: 'webllm/config', url: `${base}mlc-chat-config.json`, bytes: 1000 },
  { scope: 'webllm/model', url: `${base}tensor-cache.json`, bytes: 2000 },
  { scope: 'webllm/model', url: `${base}params_shard_0.bin`, bytes: 30_000 },
  { scope: 'webllm/model', url: `${base}tokenizer.json`, bytes: 500 },
  { scope: 'webllm/wasm', url: lib, bytes: 4000 },
  { scope: 'webllm/wasm', url: 'https://cdn/other-webgpu.wasm', bytes: 7 },
  { scope: 'webllm/model', url: 'https://huggingface.co/mlc-ai/Qwen/resolve/main/params_shard_3.bin', bytes: 9 },
];

describe('groupWebllm', () => {
  it('gathers a model folder with its library, and says whether every shard is there', () => {
    const shards = new Map([[base, [`${base}params_shard_0.bin`]]]);
    const [taiyi, qwen, orphan] = groupWebllm(webllmFiles, [entry({})], shards);
    expect(taiyi).toMatchObject({
      entryId: 'taiyi-q4f32_1',
      label: 'Taiyi q4f32_1',
      address: base,
      bytes: 37_500,
      fileCount: 5,
      complete: true,
    });
    expect(taiyi!.location).toMatchObject({ kind: 'webllm' });
    // a partial download without config or tensor cache: listed by folder, incomplete
    expect(qwen).toMatchObject({ label: 'Qwen', bytes: 9, complete: false, entryId: undefined });
    // a library no model claims is still listed, so it can be deleted
    expect(orphan).toMatchObject({ label: 'other-webgpu.wasm', bytes: 7, fileCount: 1 });
  });

  it('is incomplete while a listed shard is missing', () => {
    const shards = new Map([[base, [`${base}params_shard_0.bin`, `${base}params_shard_1.bin`]]]);
    expect(groupWebllm(webllmFiles, [entry({})], shards)[0]!.complete).toBe(false);
  });
});

describe('groupGguf', () => {
  const split = entry({
    id: 'split',
    label: 'Split GGUF',
    engine: 'gguf',
    url: 'https://host/m-00001-of-00002.gguf',
    urls: ['https://host/m-00001-of-00002.gguf', 'https://host/m-00002-of-00002.gguf'],
    model_lib: undefined,
  });

  it('puts the parts of one entry together and checks them against the announced sizes', () => {
    const files = [
      { name: 'a_m-00001-of-00002.gguf', url: 'https://host/m-00001-of-00002.gguf', bytes: 10, expectedBytes: 10 },
      { name: 'b_m-00002-of-00002.gguf', url: 'https://host/m-00002-of-00002.gguf', bytes: 4, expectedBytes: 8 },
      { name: 'c_tiny.gguf', url: 'http://127.0.0.1:4000/tiny.gguf', bytes: 3 },
    ];
    const [model, other] = groupGguf(files, [split]);
    expect(model).toMatchObject({ entryId: 'split', bytes: 14, fileCount: 2, complete: false });
    expect(model!.location).toEqual({ kind: 'gguf-cache', names: ['a_m-00001-of-00002.gguf', 'b_m-00002-of-00002.gguf'] });
    expect(other).toMatchObject({ label: 'tiny.gguf', address: 'http://127.0.0.1:4000/tiny.gguf', complete: true });
  });

  it('lists an interrupted download (a file without metadata) as partial, by its model URL', () => {
    const single = entry({ id: 'one', label: 'One', engine: 'gguf', url: 'https://host/one.gguf', model_lib: undefined });
    const [model] = groupGguf([{ name: '3f2a_one.gguf', url: 'https://host/one.gguf', bytes: 240_000, partial: true }], [single]);
    expect(model).toMatchObject({ entryId: 'one', address: 'https://host/one.gguf', complete: false });
    const [orphan] = groupGguf([{ name: '9c1d_gone.gguf', url: '', bytes: 5, partial: true }], []);
    expect(orphan).toMatchObject({ complete: false });
  });
});

describe('keptModels', () => {
  it('lists kept local files as complete GGUF models', () => {
    expect(keptModels([{ id: 'local:a.gguf:5', label: 'a.gguf', bytes: 5, files: ['a.gguf'] }])[0]).toMatchObject({
      engine: 'gguf',
      entryId: 'local:a.gguf:5',
      complete: true,
      location: { kind: 'kept', id: 'local:a.gguf:5' },
    });
  });
});

describe('room for a download', () => {
  const GiB = 1024 ** 3;
  it('refuses what cannot fit the quota left, with the numbers', () => {
    expect(roomFor(4 * GiB, { usage: 0, quota: 2 * GiB }, false)).toEqual({ fits: false, needBytes: 4 * GiB, freeBytes: 2 * GiB });
  });
  it('asks for persistence before a multi-gigabyte download, not before a small one or once granted', () => {
    expect(roomFor(4 * GiB, { usage: GiB, quota: 100 * GiB }, false)).toEqual({ fits: true, askPersist: true });
    expect(roomFor(4 * GiB, { usage: GiB, quota: 100 * GiB }, true)).toEqual({ fits: true, askPersist: false });
    expect(roomFor(10 * 1024 ** 2, { usage: 0, quota: 100 * GiB }, false)).toEqual({ fits: true, askPersist: false });
  });
  it('counts only what is not stored yet', () => {
    const e = entry({ size_MB: 100 });
    expect(downloadBytes(e, undefined)).toBe(100 * 1024 ** 2);
    expect(downloadBytes(e, { bytes: 40 * 1024 ** 2, complete: false } as never)).toBe(60 * 1024 ** 2);
    expect(downloadBytes(e, { bytes: 1, complete: true } as never)).toBe(0);
    expect(downloadBytes(entry({}), undefined)).toBe(0);
  });
});

it('names a model folder after its repository', () => {
  expect(nameFromModelUrl('https://huggingface.co/mlc-ai/Qwen2.5-7B-MLC/resolve/main/')).toBe('Qwen2.5-7B-MLC');
  expect(nameFromModelUrl('http://localhost:8000/models/taiyi/')).toBe('taiyi');
});
