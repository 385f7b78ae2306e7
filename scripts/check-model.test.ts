import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editJson, minimalGguf, mlcFixture, tinyTokenizer } from '../src/core/modelkit/testing.ts';
import { dataPath, missingData } from '../test-data/index.ts';
import { main } from './check-model.ts';
import { buildNotAModel, buildTinyLlamaGguf, tinyVocabulary } from './make-test-gguf.ts';

const STORIES = dataPath('fixtures/stories260K.gguf');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'check-model-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const writeFolder = async (folder: string, files: Record<string, Uint8Array>) => {
  await mkdir(folder, { recursive: true });
  await Promise.all(Object.entries(files).map(([name, bytes]) => writeFile(join(folder, name), bytes)));
  return folder;
};

/** Runs the tool, capturing what it prints. */
async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('check-model on an MLC folder', () => {
  it('passes a complete build, with --verify too', async () => {
    const folder = await writeFolder(join(dir, 'taiyi-q4f16_1'), mlcFixture());
    const result = await run(folder, '--verify');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/model type\s+qwen/);
    expect(result.out).toMatch(/needs WebGPU shader-f16/);
    expect(result.out).toMatch(/OK: ready to host$/);
    expect(result.err).toContain('verified 2/2');
  });

  it('fails naming a short shard, file and field', async () => {
    const files = mlcFixture();
    files['params_shard_1.bin'] = files['params_shard_1.bin']!.slice(1);
    const result = await run(await writeFolder(join(dir, 'm'), files));
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/FAIL: params_shard_1\.bin \(records\[1\]\.nbytes\): has 1535 bytes, tensor-cache\.json says 1536/);
  });

  it('fails naming a missing shard, a wrong template and an unpatched tokenizer', async () => {
    const missing = mlcFixture();
    delete missing['params_shard_0.bin'];
    expect((await run(await writeFolder(join(dir, 'a'), missing))).out).toMatch(/FAIL: params_shard_0\.bin \(records\[0\]\.dataPath\)/);
    const template = mlcFixture();
    editJson(template, 'mlc-chat-config.json', (c) => ((c.conv_template as Record<string, unknown>).stop_token_ids = [2]));
    expect((await run(await writeFolder(join(dir, 'b'), template))).out).toMatch(
      /FAIL: mlc-chat-config\.json \(conv_template\.stop_token_ids\)/,
    );
    const tokenizer = { ...mlcFixture(), 'tokenizer.json': new TextEncoder().encode(JSON.stringify(tinyTokenizer())) };
    const result = await run(await writeFolder(join(dir, 'c'), tokenizer));
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/FAIL: tokenizer\.json \(normalizer\): .*patch-qwen-tokenizer/);
  });

  it('finds a model library kept in another folder with --lib', async () => {
    const files = mlcFixture();
    const wasm = files['taiyi-q4f16_1-webgpu.wasm']!;
    delete files['taiyi-q4f16_1-webgpu.wasm'];
    const folder = await writeFolder(join(dir, 'taiyi'), files);
    await writeFolder(join(dir, 'libs'), { 'taiyi.wasm': wasm });
    expect((await run(folder)).out).toMatch(/FAIL: \*\.wasm: no model library/);
    expect((await run(folder, '--lib', join(dir, 'libs/taiyi.wasm'))).code).toBe(0);
  });

  it('prints the structured report with --json and refuses bad arguments', async () => {
    const folder = await writeFolder(join(dir, 'm'), mlcFixture());
    const report = JSON.parse((await run(folder, '--json')).out) as { kind: string; ok: boolean };
    expect(report).toMatchObject({ kind: 'mlc', ok: true });
    expect((await run()).code).toBe(2);
    expect((await run(join(dir, 'nope.bin'))).code).toBe(2);
  });

  it('refuses bad option values and unknown options with a message, as a real process too', async () => {
    const folder = await writeFolder(join(dir, 'm'), mlcFixture());
    const cases: [string[], RegExp][] = [
      [[folder, '--context', 'abc'], /--context needs a positive whole number, not "abc"/],
      [[folder, '--context', '0'], /--context needs a positive whole number, not "0"/],
      [[folder, '--context'], /--context needs a value/],
      [[folder, '--lib', '--json'], /--lib needs a value/],
      [[folder, '--verify=yes'], /--verify takes no value/],
      [[folder, '--bogus'], /unknown argument "--bogus"/],
      [[folder, folder], /one build at a time/],
    ];
    for (const [argv, message] of cases) {
      const result = await run(...argv);
      expect({ argv, code: result.code }).toEqual({ argv, code: 2 });
      expect(result.err).toMatch(message);
      expect(result.err).toMatch(/usage: npm run check-model/);
    }
    const proc = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-model.ts', folder, '--context', 'abc'], {
      encoding: 'utf8',
    });
    expect(proc.status).toBe(2);
    expect(proc.stderr).toMatch(/--context needs a positive whole number, not "abc"/);
  }, 30_000);
});

describe('check-model on GGUF files', () => {
  it('reads the header of the generated test model', async () => {
    const file = join(dir, 'tiny-llama.gguf');
    await writeFile(file, buildTinyLlamaGguf({ context: 256 }));
    const result = await run(file);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/architecture\s+llama/);
    expect(result.out).toMatch(/quantization\s+F32/);
    expect(result.out).toMatch(/context length\s+256/);
    expect(result.out).toMatch(new RegExp(`vocabulary\\s+${tinyVocabulary().tokens.length}\\b`));
    expect(result.out).toMatch(/chat template\s+no/);
    expect(result.out).toMatch(/tensors\s+21/);
  });

  it('fails a truncated model and a file that is not GGUF, naming them', async () => {
    const bytes = buildTinyLlamaGguf();
    await writeFile(join(dir, 'cut.gguf'), bytes.subarray(0, bytes.length - 1000));
    expect((await run(join(dir, 'cut.gguf'))).out).toMatch(/FAIL: cut\.gguf: has \d+ bytes but its tensors end at \d+/);
    await writeFile(join(dir, 'not-a-model.gguf'), buildNotAModel());
    const result = await run(join(dir, 'not-a-model.gguf'));
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/FAIL: not-a-model\.gguf: is not a readable GGUF file/);
  });

  it('reads a quantised Qwen header and its file type', async () => {
    const meta = { 'general.architecture': 'qwen', 'general.file_type': 10, 'qwen.context_length': 8192, 'tokenizer.ggml.tokens': ['a'] };
    await writeFile(join(dir, 'taiyi.gguf'), minimalGguf(meta));
    const result = await run(join(dir, 'taiyi.gguf'));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/quantization\s+Q2_K/);
  });

  it.skipIf(missingData('fixtures/stories260K.gguf'))('reads ../shared/fixtures/stories260K.gguf', async () => {
    const result = await run(STORIES);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/architecture\s+llama/);
    expect(result.out).toMatch(/context length\s+2048/);
    expect(result.out).toMatch(/quantization\s+F32/);
    expect(result.out).toMatch(/vocabulary\s+512/);
    expect(result.out).toMatch(/tensors\s+48/);
    expect(result.out).toMatch(/chat template\s+no/);
  });
});
