import { describe, expect, it } from 'vitest';
import { sriSha256 } from '../core/modelkit';
import { editJson, minimalGguf, mlcFixture } from '../core/modelkit/testing';
import { checkFolder, reviewImport, suggestedTarget, type FolderCheck } from './folder-import';
import { folderLayout, importWrites } from './import-plan';
import type { ModelEntry } from './types';

const base = 'http://localhost:4173/models/taiyi-llm-q4f16_1/resolve/main/';
const taiyi: ModelEntry = {
  id: 'taiyi-llm-q4f16_1',
  label: 'Taiyi q4f16_1',
  engine: 'webllm',
  url: base,
  model_lib: `${base}taiyi-llm-q4f16_1-webgpu.wasm`,
  quantization: 'q4f16_1',
  required_features: ['shader-f16'],
  context_window_size: 2048,
  prompt_format: 'taiyi',
  languages: ['en', 'zh'],
};
const f32: ModelEntry = { ...taiyi, id: 'taiyi-llm-q4f32_1', label: 'Taiyi q4f32_1', quantization: 'q4f32_1', required_features: [] };
const qwen: ModelEntry = {
  ...taiyi,
  id: 'qwen',
  label: 'Qwen2.5',
  prompt_format: 'native',
  url: 'https://hf/q/resolve/main/',
  model_lib: 'https://cdn/q.wasm',
};

/** The fixture as a picked folder (`<input webkitdirectory>` paths start with the folder's name). */
const picked = (files: Record<string, Uint8Array>, folder = 'taiyi-q4f16_1') =>
  Object.entries(files).map(([path, bytes]) => ({ path: `${folder}/${path}`, blob: new Blob([bytes.slice()]) }));

type Mlc = Extract<FolderCheck, { kind: 'mlc' }>;
const mlc = async (files: Record<string, Uint8Array>) => {
  const check = await checkFolder(picked(files));
  expect(check.kind).toBe('mlc');
  return check as Mlc;
};
const codes = (issues: { code: string; severity: string }[]) => issues.map((i) => `${i.severity}:${i.code}`);

describe('folder import', () => {
  it('plans a clean build: every file under the URL WebLLM will ask for, config last', async () => {
    const check = await mlc(mlcFixture());
    expect(suggestedTarget(check, [f32, qwen, taiyi])?.id).toBe('taiyi-llm-q4f16_1');
    const review = await reviewImport(check, taiyi);
    expect(review.ok).toBe(true);
    expect(review.writes[0]).toEqual({ path: 'taiyi-q4f16_1-webgpu.wasm', scope: 'webllm/wasm', url: taiyi.model_lib });
    expect(review.writes.at(-1)).toEqual({ path: 'mlc-chat-config.json', scope: 'webllm/config', url: `${base}mlc-chat-config.json` });
    expect(review.writes.at(-2)!.path).toBe('tensor-cache.json');
    expect(review.writes.map((w) => w.url)).toContain(`${base}params_shard_1.bin`);
    expect(review.writes.filter((w) => w.scope === 'webllm/model').every((w) => w.url.startsWith(base))).toBe(true);
    // the library is stored under the registry's name, which differs from the file's: worth a note only
    expect(codes(review.issues)).toEqual(['warning:lib-renamed']);
    expect(review.bytes).toBe(check.report.facts.downloadBytes);
  });

  it('reports missing, extra and wrongly sized files before writing anything', async () => {
    const files = mlcFixture();
    delete files['params_shard_1.bin'];
    files['params_shard_0.bin'] = files['params_shard_0.bin']!.slice(0, 100);
    files['notes.txt'] = new Uint8Array([1]);
    const review = await reviewImport(await mlc(files), taiyi);
    expect(review.ok).toBe(false);
    expect(codes(review.issues)).toEqual(expect.arrayContaining(['error:shard-missing', 'error:shard-size', 'warning:file-extra']));
  });

  it('recognises another model: other quantisation, undeclared features, another model type', async () => {
    const check = await mlc(mlcFixture());
    const wrong = await reviewImport(check, f32);
    expect(wrong.ok).toBe(false);
    expect(wrong.issues.filter((i) => i.code === 'other-model').map((i) => i.field)).toEqual(['quantization', 'required_features']);

    const files = mlcFixture();
    editJson(files, 'mlc-chat-config.json', (c) => (c.model_type = 'llama'));
    expect(codes((await reviewImport(await mlc(files), taiyi)).issues)).toContain('error:model-type');
  });

  it('does not hold a non-Taiyi entry to Taiyi’s template and tokenizer', async () => {
    const files = mlcFixture();
    editJson(files, 'mlc-chat-config.json', (c) => {
      c.model_type = 'qwen2';
      c.conv_template = { name: 'qwen2' };
    });
    const review = await reviewImport(await mlc(files), qwen);
    expect(review.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('compares the registry’s SRI hashes with the folder', async () => {
    const files = mlcFixture();
    const good = { ...taiyi, integrity: { config: await sriSha256(files['mlc-chat-config.json']!) } };
    expect((await reviewImport(await mlc(files), good)).ok).toBe(true);
    const bad = { ...taiyi, integrity: { tokenizer: { 'tokenizer.json': await sriSha256(new Uint8Array([1])) } } };
    const review = await reviewImport(await mlc(files), bad);
    expect(review.issues.find((i) => i.code === 'integrity')).toMatchObject({ severity: 'error', file: 'tokenizer.json' });
  });

  it('finds the model in a parent folder, library beside it, and refuses a folder of several models', () => {
    const files = picked(mlcFixture(), 'dist/taiyi-q4f16_1').filter((f) => !f.path.endsWith('.wasm'));
    files.push({ path: 'dist/libs/taiyi-q4f16_1-webgpu.wasm', blob: new Blob([new Uint8Array([0, 97, 115, 109])]) });
    const layout = folderLayout(files);
    expect(layout).toMatchObject({ kind: 'mlc', root: 'dist/taiyi-q4f16_1/' });
    expect(layout.kind === 'mlc' && layout.files.map((f) => f.path)).toContain('taiyi-q4f16_1-webgpu.wasm');

    const two = [...picked(mlcFixture(), 'all/a'), ...picked(mlcFixture(), 'all/b')];
    expect(folderLayout(two)).toMatchObject({ kind: 'none', issue: { code: 'several-models' } });
    expect(folderLayout([{ path: 'x/readme.txt', blob: new Blob([]) }])).toMatchObject({ kind: 'none', issue: { code: 'no-model' } });
  });

  it('hands a folder holding a GGUF model to the GGUF engine', async () => {
    const gguf = minimalGguf({ 'general.architecture': 'llama', 'llama.context_length': 512 });
    const check = await checkFolder([{ path: 'm/tiny.gguf', blob: new Blob([gguf.slice()]) }]);
    expect(check.kind).toBe('gguf');
    expect(check.kind === 'gguf' && check.files[0]!.name).toBe('tiny.gguf');
  });

  it('writes nothing for a non-WebLLM target', async () => {
    const check = await mlc(mlcFixture());
    const gguf = { ...taiyi, engine: 'gguf' as const, model_lib: undefined };
    expect(codes((await reviewImport(check, gguf)).issues)).toContain('error:no-target');
    expect(importWrites(check.report, gguf).some((w) => w.scope === 'webllm/wasm')).toBe(false);
  });
});
