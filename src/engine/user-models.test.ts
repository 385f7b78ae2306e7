import { describe, expect, it } from 'vitest';
import { entryFromUrl, restoreUserModels, savedUserModels } from './user-models';

const PAGE = 'https://taiyi.example/app/';
const gguf = entryFromUrl('https://host.example/models/taiyi-Q4_K_M.gguf', PAGE);
const mlc = entryFromUrl('https://huggingface.co/org/Qwen2.5-1.5B-Instruct-q4f32_1-MLC', PAGE);

describe('models added by URL, as stored', () => {
  it('keep only URL, engine and label, with a version, and come back as the entries adding them made', () => {
    const saved = savedUserModels([{ ...gguf, label: 'My Taiyi' }, mlc, { ...gguf, id: 'local:x.gguf:1', url: 'local:x.gguf' }]);
    expect(saved).toEqual({
      version: 1,
      models: [
        { url: gguf.url, engine: 'gguf', label: 'My Taiyi' },
        { url: mlc.url, engine: 'webllm', label: mlc.label },
      ],
    });
    const restored = restoreUserModels(JSON.parse(JSON.stringify(saved)), PAGE);
    expect(restored).toEqual({ entries: [{ ...gguf, label: 'My Taiyi' }, mlc], problems: [] });
  });

  it('are rebuilt from the URL, so a tampered record cannot smuggle in fields or a bad address', () => {
    const tampered = {
      version: 1,
      models: [
        { url: gguf.url, engine: 'gguf', label: 'ok' },
        { url: gguf.url, engine: 'gguf', label: 'x', model_lib: 'https://evil.example/lib.wasm' },
        { url: 'javascript:alert(1)', engine: 'webllm', label: 'x' },
        { url: 'https://host.example/not-a-model.bin', engine: 'gguf', label: 'x' },
        { url: gguf.url, engine: 'cuda', label: 'x' },
        { url: gguf.url, engine: 'gguf', label: '' },
        'oops',
      ],
    };
    const { entries, problems } = restoreUserModels(tampered, PAGE);
    expect(entries).toEqual([{ ...gguf, label: 'ok' }]);
    expect(problems).toEqual([
      'saved model #2: unexpected field "model_lib"',
      'saved model #3: "javascript:alert(1)" is not an http(s) URL',
      'saved model #4: "https://host.example/not-a-model.bin" does not point at a .gguf file',
      'saved model #5: "engine" must be "webllm" or "gguf"',
      'saved model #6: "label" must be a non-empty string of at most 200 characters',
      'saved model #7: not an object',
    ]);
  });

  it('reject an unknown version as a whole, and keep URL, engine and label of a list saved before versions', () => {
    expect(restoreUserModels({ version: 2, models: [] }, PAGE)).toEqual({
      entries: [],
      problems: ['saved models: not a version 1 list of models, ignored'],
    });
    expect(restoreUserModels(undefined, PAGE)).toEqual({ entries: [], problems: [] });
    // the earlier format stored whole entries: every field but URL, engine and label is derived again
    const old = [{ ...gguf, label: 'Old', context_window_size: 999999, integrity: { file: 'sha256-x' }, user_added: true }];
    expect(restoreUserModels(old, PAGE)).toEqual({ entries: [{ ...gguf, label: 'Old' }], problems: [] });
  });
});
