import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { qwenTokenizerState } from '../src/core/modelkit/index.ts';
import { tinyTokenizer } from '../src/core/modelkit/testing.ts';
import { main } from './patch-qwen-tokenizer.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'patch-tok-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const silent = { out: () => {}, err: () => {} };

describe('patch-qwen-tokenizer', () => {
  it('patches once, then leaves the file byte for byte as it is', async () => {
    const file = join(dir, 'tokenizer.json');
    const original = tinyTokenizer();
    await writeFile(file, JSON.stringify(original, null, 2));
    expect(await main([file], silent)).toBe(0);
    const once = await readFile(file);
    const patched = JSON.parse(once.toString()) as typeof original & { model: Record<string, unknown> };
    expect(qwenTokenizerState(patched)).toEqual({ state: 'patched' });
    expect(patched.model).toEqual(original.model); // vocabulary and merges untouched
    const lines: string[] = [];
    expect(await main([file], { out: (l) => lines.push(l), err: () => {} })).toBe(0);
    expect(lines[0]).toMatch(/already has Qwen's normalizer and pre-tokenizer; unchanged/);
    expect((await readFile(file)).equals(once)).toBe(true);
  });

  it('refuses a tokenizer that is not byte-level BPE and leaves it untouched', async () => {
    const file = join(dir, 'tokenizer.json');
    const text = JSON.stringify({ model: { type: 'Unigram', vocab: [['<unk>', 0]] }, normalizer: null });
    await writeFile(file, text);
    const errors: string[] = [];
    expect(await main([file], { out: () => {}, err: (l) => errors.push(l) })).toBe(1);
    expect(errors[0]).toMatch(/\(model\.type\): not a byte-level BPE tokenizer/);
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('reports unreadable input and usage errors', async () => {
    await writeFile(join(dir, 'bad.json'), '{');
    expect(await main([join(dir, 'bad.json')], silent)).toBe(1);
    expect(await main([join(dir, 'absent.json')], silent)).toBe(1);
    expect(await main([], silent)).toBe(2);
    expect(await main([join(dir, 'bad.json'), '--bogus'], silent)).toBe(2);
    expect(await main([join(dir, 'a.json'), join(dir, 'b.json')], silent)).toBe(2);
  });
});
