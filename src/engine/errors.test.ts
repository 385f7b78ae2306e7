import { describe, expect, it } from 'vitest';
import en from '../i18n/locales/en/errors.json';
import zh from '../i18n/locales/zh/errors.json';
import { ENGINE_ERROR_CODES, EngineError, toEngineError, type EngineErrorCode } from './errors';

/** Messages as the engines and the browser actually produce them (WebLLM 0.2.86, wllama 3.13, Chromium). */
const CASES: Array<[unknown, EngineErrorCode]> = [
  // WebLLM, as strings that crossed its worker (`err.toString()`)
  [
    'DeviceLostError: The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM).',
    'device-lost',
  ],
  ['ShaderF16SupportError: This model requires WebGPU extension shader-f16, which is not enabled in this browser.', 'shader-f16-missing'],
  [
    'WebGPUNotAvailableError: WebGPU is not supported in your current environment, but it is necessary to run the WebLLM engine.',
    'no-webgpu',
  ],
  ["Error: Unable to find a compatible GPU. This issue might be because your computer doesn't have a GPU", 'no-adapter'],
  [
    'Error: Cannot initialize runtime because of requested maxStorageBufferBindingSize exceeds limit. requested=128MB, limit=64MB. ',
    'buffer-limit',
  ],
  [
    'IntegrityError: Integrity verification failed for https://h/m/resolve/main/tokenizer.json\n  Expected: sha256-a\n  Actual: sha256-b',
    'integrity',
  ],
  [
    'ContextWindowSizeExceededError: Prompt tokens exceed context window size: number of prompt tokens: 3000; context window size: 2048',
    'context-overflow',
  ],
  ["TypeError: Failed to execute 'add' on 'Cache': Request failed", 'network'],
  ['TypeError: Failed to fetch', 'network'],
  ['Error: Cannot fetch https://h/m/resolve/main/params_shard_3.bin err= TypeError: network error', 'network'],
  ['CompileError: WebAssembly.instantiate(): expected magic word 00 61 73 6d, found 3c 21 44 4f @+0', 'bad-model-file'],
  ['SyntaxError: Unexpected token \'<\', "<!DOCTYPE "... is not valid JSON', 'bad-model-file'],
  // the browser
  [new DOMException('The quota has been exceeded.', 'QuotaExceededError'), 'quota'],
  [new DOMException('signal is aborted without reason', 'AbortError'), 'aborted'],
  [new DOMException('signal timed out', 'TimeoutError'), 'network'],
  [new TypeError('Failed to fetch'), 'network'],
  [new RangeError('Array buffer allocation failed'), 'out-of-memory'],
  // wllama (error objects thrown inside the GGUF worker)
  [Object.assign(new Error('Operation aborted'), { name: 'AbortError' }), 'aborted'],
  [
    Object.assign(new Error('the request exceeds the available context size, try increasing it'), { type: 'inference_error' }),
    'context-overflow',
  ],
  [new Error('Failed to fetch http://127.0.0.1:9/m.gguf: HTTP 404'), 'network'],
  [Object.assign(new Error('(ABORT) Aborted(OOM)'), { name: 'RuntimeError' }), 'out-of-memory'],
  [Object.assign(new Error('llama_model_load: error loading model: invalid magic characters'), { type: 'load_error' }), 'bad-model-file'],
  // already typed, or serialized by a worker
  [new EngineError('quota', 'x'), 'quota'],
  [{ code: 'device-lost', detail: 'lost' }, 'device-lost'],
  // nothing known
  ['Error: something unusual happened', 'unknown'],
  [42, 'unknown'],
];

describe('toEngineError', () => {
  it.each(CASES)('maps %s', (input, code) => {
    expect(toEngineError(input).code).toBe(code);
  });

  it('keeps the original words as detail', () => {
    const e = toEngineError('DeviceLostError: The WebGPU device was lost');
    expect(e.detail).toBe('DeviceLostError: The WebGPU device was lost');
    expect(e).toBeInstanceOf(EngineError);
  });

  it('uses the fallback code for unknown messages only', () => {
    expect(toEngineError(new Error('weird tensor shape'), 'bad-model-file').code).toBe('bad-model-file');
    expect(toEngineError(new TypeError('Failed to fetch'), 'bad-model-file').code).toBe('network');
  });

  it('round-trips through structured-clone-friendly JSON', () => {
    const e = new EngineError('network', 'HTTP 404');
    const back = toEngineError(structuredClone(e.toJSON()));
    expect([back.code, back.detail]).toEqual(['network', 'HTTP 404']);
  });

  it('returns the same object for an EngineError', () => {
    const e = new EngineError('aborted');
    expect(toEngineError(e)).toBe(e);
  });
});

describe('error messages', () => {
  it('has an English and a Chinese message for every code', () => {
    for (const code of ENGINE_ERROR_CODES) {
      expect((en as Record<string, string>)[code], code).toBeTruthy();
      expect((zh as Record<string, string>)[code], code).toBeTruthy();
    }
  });
});
