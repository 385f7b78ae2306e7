import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ModelEntry } from './types';

/**
 * A test double of WebLLM's engine: no compiled model can run here, so it replays the chunks WebLLM streams
 * (OpenAI-style deltas, then a usage chunk with WebLLM's `extra` speeds) and records what it was asked.
 */
const fakeEngine = vi.hoisted(() => ({
  appConfig: null as unknown,
  reloaded: [] as string[],
  requests: [] as Record<string, unknown>[],
  interrupted: 0,
  unloaded: 0,
  reloadError: null as string | null,
  /** Set: a request with a grammar fails as xgrammar's refusal does, when the stream starts (at prefill). */
  grammarError: null as string | null,
  /** Pieces to stream; the stream stops early once interrupted. */
  pieces: ['Chemical', ': ', 'aspirin'],
  /** WebLLM's pipeline counter of KV-cache tokens, and whether the next request continues the cached conversation. */
  kv: { filledKVCacheLength: 0 },
  continues: false,
  loadedModelIdToPipeline: new Map<string, { filledKVCacheLength: number }>(),
  setAppConfig(config: unknown) {
    this.appConfig = config;
  },
  setInitProgressCallback() {},
  async reload(id: string) {
    if (this.reloadError) throw this.reloadError; // WebLLM's client rejects with the worker's err.toString()
    this.reloaded.push(id);
    this.loadedModelIdToPipeline.set(id, this.kv);
  },
  async interruptGenerate() {
    this.interrupted++;
  },
  async unload() {
    this.unloaded++;
  },
  chat: {
    completions: {
      create: async (request: Record<string, unknown>) => {
        fakeEngine.requests.push(request);
        async function* stream() {
          if (fakeEngine.grammarError && request.response_format) throw new Error(fakeEngine.grammarError);
          // prefill: 12 new prompt tokens, after the kept conversation or in an emptied cache
          if (!fakeEngine.continues) fakeEngine.kv.filledKVCacheLength = 0;
          fakeEngine.kv.filledKVCacheLength += 12;
          let sent = 0;
          for (const piece of fakeEngine.pieces) {
            if (fakeEngine.interrupted) break;
            sent++;
            yield { choices: [{ delta: { content: piece }, finish_reason: null }] };
          }
          yield { choices: [{ delta: {}, finish_reason: fakeEngine.interrupted ? 'abort' : 'stop' }] };
          yield {
            choices: [],
            usage: { prompt_tokens: 12, completion_tokens: sent, extra: { prefill_tokens_per_s: 300, decode_tokens_per_s: 20 } },
          };
        }
        return stream();
      },
    },
  },
}));

vi.mock('@mlc-ai/web-llm', () => ({
  WebWorkerMLCEngineHandler: class {
    engine = fakeEngine;
    onmessage() {}
  },
}));
vi.mock('./storage', () => ({ evictVerifiedFiles: vi.fn(async () => undefined) }));

const { loadWebllm, generateWebllm, unloadWebllm, countWebllmTokens } = await import('./webllm-runtime');
const { evictVerifiedFiles } = await import('./storage');

const entry: ModelEntry = {
  id: 'taiyi-llm-q4f32_1',
  label: 'Taiyi',
  engine: 'webllm',
  url: 'https://host/models/taiyi-llm-q4f32_1/resolve/main/',
  model_lib: 'https://host/models/taiyi-llm-q4f32_1/resolve/main/taiyi-llm-q4f32_1-webgpu.wasm',
  quantization: 'q4f32_1',
  context_window_size: 2048,
  prompt_format: 'taiyi',
  languages: ['en', 'zh'],
};
const params = { temperature: 0.3, top_p: 0.9, max_tokens: 50, greedy: false };

beforeEach(() => {
  Object.assign(fakeEngine, {
    reloaded: [],
    requests: [],
    interrupted: 0,
    unloaded: 0,
    reloadError: null,
    pieces: ['Chemical', ': ', 'aspirin'],
  });
  Object.assign(fakeEngine, { kv: { filledKVCacheLength: 0 }, continues: false, loadedModelIdToPipeline: new Map(), grammarError: null });
});

describe('the WebLLM runtime in its worker', () => {
  it('loads the entry through an app config naming exactly that model', async () => {
    const info = await loadWebllm(entry, () => undefined);
    expect(fakeEngine.reloaded).toEqual([entry.id]);
    const list = (fakeEngine.appConfig as { model_list: { model_id: string; model: string }[] }).model_list;
    expect(list.map((m) => m.model_id)).toEqual([entry.id]);
    expect(info).toEqual({ id: entry.id, engine: 'webllm', contextWindow: 2048 });
  });

  it('streams the pieces and reports WebLLM usage as run statistics', async () => {
    await loadWebllm(entry, () => undefined);
    const pieces: string[] = [];
    const turns = [{ role: 'user' as const, content: 'Extract the chemical entities from the following text:\nAspirin.' }];
    const result = await generateWebllm({ turns, params }, (p) => pieces.push(p), new AbortController().signal);
    expect(pieces).toEqual(['Chemical', ': ', 'aspirin']);
    expect(result.text).toBe('Chemical: aspirin');
    expect(result.finishReason).toBe('stop');
    expect(result.usage).toMatchObject({ promptTokens: 12, completionTokens: 3, prefillTokensPerSec: 300, decodeTokensPerSec: 20 });
    // the wire format depends on it: roles and contents only, never a `name`
    expect(fakeEngine.requests[0]).toMatchObject({
      messages: turns,
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 50,
    });
  });

  it('tells prompt tokens kept from the previous turn from those evaluated now', async () => {
    await loadWebllm(entry, () => undefined);
    const turns = [{ role: 'user' as const, content: 'x' }];
    const first = await generateWebllm({ turns, params }, () => undefined, new AbortController().signal);
    expect(first.usage).toMatchObject({ promptTokens: 12, cachedPromptTokens: 0 });
    const kept = fakeEngine.kv.filledKVCacheLength;
    fakeEngine.continues = true;
    const second = await generateWebllm({ turns, params }, () => undefined, new AbortController().signal);
    expect(second.usage).toMatchObject({ promptTokens: 12, cachedPromptTokens: kept });
    fakeEngine.continues = false;
    const fresh = await generateWebllm({ turns, params }, () => undefined, new AbortController().signal);
    expect(fresh.usage).toMatchObject({ promptTokens: 12, cachedPromptTokens: 0 });
  });

  it('constrains the chat completion with the EBNF grammar, on the same messages', async () => {
    await loadWebllm(entry, () => undefined);
    const turns = [{ role: 'user' as const, content: 'x' }];
    const grammar = { ebnf: 'root ::= "Chemical: " [a-z]+\n', gbnf: 'root ::= "gbnf"\n' };
    const result = await generateWebllm({ turns, params, grammar }, () => undefined, new AbortController().signal);
    expect(fakeEngine.requests[0]).toMatchObject({ messages: turns, response_format: { type: 'grammar', grammar: grammar.ebnf } });
    expect(result).toMatchObject({ text: 'Chemical: aspirin', grammar: 'applied' });
    await generateWebllm({ turns, params }, () => undefined, new AbortController().signal);
    expect(fakeEngine.requests[1]).not.toHaveProperty('response_format');
  });

  it('a grammar xgrammar refuses runs unconstrained and says why', async () => {
    await loadWebllm(entry, () => undefined);
    fakeEngine.grammarError =
      'GrammarMatcherInitError: Failed to initialize the grammar matcher for response format `grammar`: parse error';
    const pieces: string[] = [];
    const grammar = { ebnf: 'root ::= ', gbnf: 'root ::= ' };
    const result = await generateWebllm(
      { turns: [{ role: 'user', content: 'x' }], params, grammar },
      (p) => pieces.push(p),
      new AbortController().signal,
    );
    expect(fakeEngine.requests).toHaveLength(2);
    expect(fakeEngine.requests[1]).not.toHaveProperty('response_format');
    expect(pieces).toEqual(['Chemical', ': ', 'aspirin']);
    expect(result).toMatchObject({ text: 'Chemical: aspirin', grammar: 'rejected' });
    expect(result.grammarError).toContain('grammar matcher');
  });

  it('greedy decoding asks WebLLM for temperature 0', async () => {
    await loadWebllm(entry, () => undefined);
    await generateWebllm(
      { turns: [{ role: 'user', content: 'x' }], params: { ...params, greedy: true } },
      () => undefined,
      new AbortController().signal,
    );
    expect(fakeEngine.requests[0]).toMatchObject({ temperature: 0, top_p: 1 });
  });

  it('a stop interrupts WebLLM and ends as aborted with the text so far', async () => {
    await loadWebllm(entry, () => undefined);
    const abort = new AbortController();
    const result = await generateWebllm(
      { turns: [{ role: 'user', content: 'x' }], params },
      (piece) => piece === 'Chemical' && abort.abort(),
      abort.signal,
    );
    expect(fakeEngine.interrupted).toBe(1);
    expect(result.finishReason).toBe('aborted');
    expect(result.text).toBe('Chemical');
  });

  it('maps a failed reload to a typed error and drops a cached copy that failed its integrity check', async () => {
    fakeEngine.reloadError = 'Error: IntegrityError: The resource has been tampered with';
    await expect(loadWebllm(entry, () => undefined)).rejects.toMatchObject({ code: 'integrity' });
    expect(evictVerifiedFiles).toHaveBeenCalledWith(entry);
    fakeEngine.reloadError = 'Error: DeviceLostError: the GPU device was lost';
    await expect(loadWebllm(entry, () => undefined)).rejects.toMatchObject({ code: 'device-lost' });
  });

  it('refuses to generate after an unload', async () => {
    await loadWebllm(entry, () => undefined);
    await unloadWebllm();
    expect(fakeEngine.unloaded).toBe(1);
    await expect(
      generateWebllm({ turns: [{ role: 'user', content: 'x' }], params }, () => undefined, new AbortController().signal),
    ).rejects.toMatchObject({ code: 'unknown' });
  });

  it("counts prompts with the pipeline's own tokenizer, in Taiyi's wire format", async () => {
    await loadWebllm(entry, () => undefined);
    const encoded: string[] = [];
    // a test double of the model's tokenizer: one token per word, one per separator
    const encode = (text: string) => {
      encoded.push(text);
      return new Int32Array(text.split(/<\|endoftext\|>| +/).filter(Boolean).length + (text.match(/<\|endoftext\|>/g)?.length ?? 0));
    };
    fakeEngine.loadedModelIdToPipeline.set(entry.id, { ...fakeEngine.kv, tokenizer: { encode } } as never);
    expect(await countWebllmTokens(['Find entities: aspirin', 'x'])).toEqual([5, 3]);
    expect(encoded[0]).toBe('<|endoftext|>Find entities: aspirin<|endoftext|>');
  });

  it('cannot count without a loaded model or when WebLLM hides its tokenizer', async () => {
    await unloadWebllm();
    expect(await countWebllmTokens(['x'])).toBeNull();
    await loadWebllm(entry, () => undefined);
    expect(await countWebllmTokens(['x'])).toBeNull();
  });
});
