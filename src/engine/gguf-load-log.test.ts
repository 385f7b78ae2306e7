import { describe, expect, it } from 'vitest';
import { LoadLog, loadFailure } from './gguf-load-log';

const log = (...lines: string[]) => {
  const l = new LoadLog();
  for (const line of ['llama_model_loader: loaded meta data with 20 key-value pairs', ...lines]) l.add(line);
  return l.problems;
};

describe('loadFailure', () => {
  it('reads out-of-memory from the whole log, not just the last line, and suggests a smaller context', () => {
    const e = loadFailure(
      log(
        'ggml_backend_cpu_buffer_type_alloc_buffer: insufficient memory (attempted to allocate 34359738368 bytes)',
        'llama_kv_cache: failed to allocate buffer for kv cache',
        'llama_init_from_model: failed to initialize the context: failed to create_context',
      ),
      undefined,
      'https://host/m.gguf',
      1048576,
    );
    expect(e.code).toBe('out-of-memory');
    expect(e.detail).toContain('context of 1048576 tokens');
    expect(e.detail).toContain('file is kept');
    expect(e.detail).toContain('insufficient memory');
  });

  it('takes a context that could not be made as memory, never as a bad file', () => {
    const wasm = log(
      'llama_init_from_model: failed to initialize the context: std::bad_alloc',
      "srv    load_model: failed to create_context with model 'models/model-00001-of-00001.gguf'",
    );
    expect(loadFailure(wasm, undefined, 'u', 1 << 28).code).toBe('out-of-memory');
    expect(loadFailure(log("srv    load_model: failed to create_context with model 'm.gguf'"), undefined, 'u', 256).code).toBe(
      'out-of-memory',
    );
  });

  it('names the truncated tensor rather than the generic last line', () => {
    const e = loadFailure(
      log(
        "llama_model_load: error loading model: tensor 'blk.0.ffn_up.weight' data is not within the file bounds, model is corrupted or incomplete",
        'llama_model_load_from_file_impl: failed to load model',
      ),
      undefined,
      'https://host/cut.gguf',
      256,
    );
    expect(e.code).toBe('bad-model-file');
    expect(e.detail!.split('\n')[1]).toContain('not within the file bounds');
  });

  it('takes the thrown message into account and falls back to the file being at fault', () => {
    expect(loadFailure([], 'RuntimeError: Aborted(OOM)', 'u', 256).code).toBe('out-of-memory');
    expect(loadFailure([], 'WllamaError: something odd', 'u', 256).code).toBe('bad-model-file');
    expect(loadFailure(log('n_ctx_per_seq (256) < n_ctx_train: context size too small, failed'), undefined, 'u', 256).code).toBe(
      'bad-model-file',
    );
  });
});
