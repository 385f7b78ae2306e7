import { describe, expect, it } from 'vitest';
import { EngineError } from './errors';
import { OpenAIEngine } from './openai';
import { standInFetch, sseEvents, type ScriptedReply } from './openai-fetch.testutil';
import { httpError, normalizeBaseUrl, retryDelayMs } from './openai-http';
import type { ModelEntry, SamplingParams } from './types';

const entry = (format: ModelEntry['prompt_format'] = 'taiyi'): ModelEntry => ({
  id: 'server:test',
  label: 'taiyi @ host',
  engine: 'openai',
  url: 'http://host.test/v1',
  server_model: 'taiyi',
  quantization: '',
  context_window_size: 2048,
  prompt_format: format,
  languages: ['en', 'zh'],
  user_added: true,
});
const params: SamplingParams = { temperature: 0.3, top_p: 0.9, max_tokens: 50, greedy: true };
const models = { status: 200, body: { object: 'list', data: [{ id: 'taiyi', max_model_len: 1024 }] } };
const piece = (text: string, finish: string | null = null) => ({ choices: [{ index: 0, text, finish_reason: finish }] });
const usage = { choices: [], usage: { prompt_tokens: 12, completion_tokens: 3 } };

async function loaded(
  replies: ScriptedReply[],
  options: ConstructorParameters<typeof OpenAIEngine>[0] = {},
  format?: ModelEntry['prompt_format'],
) {
  const stand = standInFetch([models, ...replies]);
  const engine = new OpenAIEngine({ fetch: stand.fetch, retryBaseMs: 1, ...options });
  const info = await engine.load({ entry: entry(format), apiKey: 'sk-test' }, () => undefined);
  return { engine, stand, info };
}

const run = (engine: OpenAIEngine, onToken: (p: string) => void = () => undefined, signal?: AbortSignal) =>
  engine.generate({ turns: [{ role: 'user', content: 'Find entities:\nAspirin' }], params }, onToken, signal);

const failure = async (promise: Promise<unknown>) => {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EngineError);
  return err as EngineError;
};

describe('openai engine against a stand-in fetch', () => {
  it('loads by listing the server models and takes the context window from the server', async () => {
    const { info, stand } = await loaded([]);
    expect(info).toEqual({ id: 'server:test', engine: 'openai', contextWindow: 1024 });
    expect(stand.seen[0]).toMatchObject({ url: 'http://host.test/v1/models', method: 'GET' });
    expect(stand.seen[0]!.headers.Authorization).toBe('Bearer sk-test');
  });

  it('refuses a model the server does not serve, naming the ones it does', async () => {
    const stand = standInFetch([{ status: 200, body: { data: [{ id: 'other' }] } }]);
    const err = await failure(new OpenAIEngine({ fetch: stand.fetch }).load({ entry: entry() }, () => undefined));
    expect(err.code).toBe('server-model-missing');
    expect(err.detail).toContain('other');
  });

  it('sends Taiyi prompts to /completions in the raw wire format and streams the answer with usage', async () => {
    const { engine, stand } = await loaded([{ sse: sseEvents(piece('Chemical: '), piece('aspirin'), piece('', 'stop'), usage, '[DONE]') }]);
    const tokens: string[] = [];
    const result = await run(engine, (p) => tokens.push(p));
    expect(tokens).toEqual(['Chemical: ', 'aspirin']);
    expect(result.text).toBe('Chemical: aspirin');
    expect(result.finishReason).toBe('stop');
    expect(result.usage).toMatchObject({ promptTokens: 12, completionTokens: 3 });
    const sent = stand.seen[1]!;
    expect(sent.url).toBe('http://host.test/v1/completions');
    expect(sent.body).toMatchObject({
      model: 'taiyi',
      prompt: '<|endoftext|>Find entities:\nAspirin<|endoftext|>',
      stop: ['<|endoftext|>'],
      temperature: 0,
      max_tokens: 50,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('sends native prompts to /chat/completions and reads deltas', async () => {
    const delta = (content: string, finish: string | null = null) => ({
      choices: [{ index: 0, delta: { content }, finish_reason: finish }],
    });
    const { engine, stand } = await loaded([{ sse: sseEvents(delta('yes'), delta('', 'length'), '[DONE]') }], {}, 'native');
    const result = await run(engine);
    expect(result).toMatchObject({ text: 'yes', finishReason: 'length' });
    expect(stand.seen[1]!.url).toBe('http://host.test/v1/chat/completions');
    expect(stand.seen[1]!.body!.messages).toEqual([{ role: 'user', content: 'Find entities:\nAspirin' }]);
  });

  it('parses events split anywhere across network chunks', async () => {
    const whole = sseEvents(piece('ab'), piece('c', 'stop'), '[DONE]').join('');
    const { engine } = await loaded([{ sse: [whole.slice(0, 7), whole.slice(7, 40), whole.slice(40)] }]);
    expect((await run(engine)).text).toBe('abc');
  });

  it('retries 429 and 503 honouring Retry-After, then succeeds', async () => {
    const { engine, stand } = await loaded([
      { status: 429, body: { error: { message: 'rate limited' } }, headers: { 'Retry-After': '0.05' } },
      { status: 503, body: 'busy' },
      { sse: sseEvents(piece('ok', 'stop'), '[DONE]') },
    ]);
    const started = Date.now();
    expect((await run(engine)).text).toBe('ok');
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(stand.seen).toHaveLength(4);
  });

  it('gives up with server-busy after the allowed retries', async () => {
    const busy = { status: 429, body: { error: { message: 'slow down' } } };
    const { engine, stand } = await loaded([busy, busy, busy], { maxRetries: 2 });
    const err = await failure(run(engine));
    expect(err.code).toBe('server-busy');
    expect(err.detail).toContain('slow down');
    expect(stand.left()).toBe(0);
  });

  it('does not wait for a Retry-After beyond the limit', async () => {
    const { engine, stand } = await loaded([{ status: 429, headers: { 'Retry-After': '3600' } }, { sse: [] }], { maxRetryWaitMs: 1000 });
    expect((await failure(run(engine))).code).toBe('server-busy');
    expect(stand.left()).toBe(1);
  });

  it.each([
    [401, { error: { message: 'Invalid API key' } }, 'server-auth'],
    [403, 'forbidden', 'server-auth'],
    [404, { error: { message: 'The model `taiyi` does not exist.', type: 'NotFoundError' } }, 'server-model-missing'],
    [
      400,
      {
        error: {
          message:
            "This model's maximum context length is 2048 tokens. However, you requested 2100 tokens (2050 in the messages, 50 in the completion).",
        },
      },
      'context-overflow',
    ],
    [
      400,
      {
        error: {
          code: 400,
          message: 'the request exceeds the available context size, try increasing it',
          type: 'exceed_context_size_error',
        },
      },
      'context-overflow',
    ],
    [400, { error: { message: 'temperature must be non-negative' } }, 'server-error'],
    [500, 'Internal Server Error', 'server-error'],
    [502, 'Bad Gateway', 'server-error'],
  ] as const)('maps HTTP %i to %s', async (status, body, code) => {
    const { engine } = await loaded([{ status, body }]);
    const err = await failure(run(engine));
    expect(err.code).toBe(code);
    expect(err.detail).toContain(`HTTP ${status}`);
  });

  it('reports an unreachable server (or a CORS refusal) as server-unreachable', async () => {
    const stand = standInFetch([{ networkError: 'Failed to fetch' }]);
    const err = await failure(new OpenAIEngine({ fetch: stand.fetch }).load({ entry: entry() }, () => undefined));
    expect(err.code).toBe('server-unreachable');
  });

  it('reports a stream cut midway, keeping nothing half-done as a result', async () => {
    const { engine } = await loaded([{ sse: sseEvents(piece('Chem')), thenError: true }]);
    expect((await failure(run(engine))).code).toBe('server-stream-cut');
  });

  it('reports a stream that closes without finishing as cut', async () => {
    const { engine } = await loaded([{ sse: sseEvents(piece('Chem')) }]);
    expect((await failure(run(engine))).code).toBe('server-stream-cut');
  });

  it('reports a malformed event', async () => {
    const { engine } = await loaded([{ sse: [...sseEvents(piece('a')), 'data: {"choices": [\n\n'] }]);
    const err = await failure(run(engine));
    expect(err.code).toBe('server-bad-event');
  });

  it('reports an error event inside the stream in the server words', async () => {
    const { engine } = await loaded([{ sse: sseEvents({ error: { message: 'engine died', type: 'InternalServerError' } }) }]);
    const err = await failure(run(engine));
    expect(err.code).toBe('server-error');
    expect(err.detail).toContain('engine died');
  });

  it('times out a server that never answers', async () => {
    const { engine } = await loaded([{ hang: true }], { responseTimeoutMs: 30 });
    expect((await failure(run(engine))).code).toBe('server-timeout');
  });

  it('stops on abort with the text so far', async () => {
    const { engine } = await loaded([{ sse: sseEvents(piece('one '), piece('two '), piece('three', 'stop'), '[DONE]') }]);
    const abort = new AbortController();
    const result = await run(
      engine,
      (p) => {
        if (p === 'one ') abort.abort();
      },
      abort.signal,
    );
    expect(result.finishReason).toBe('aborted');
    expect(result.text).toBe('one ');
  });

  it('stops while waiting to retry', async () => {
    const { engine } = await loaded([{ status: 503, headers: { 'Retry-After': '30' } }]);
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 20);
    expect((await run(engine, undefined, abort.signal)).finishReason).toBe('aborted');
  });
});

describe('openai engine token counts', () => {
  it("counts with llama-server's /tokenize beside the API, in Taiyi's wire format, and vLLM's count", async () => {
    const { engine, stand } = await loaded([
      { status: 200, body: { tokens: [1, 2, 3, 4] } },
      { status: 200, body: { count: 7, max_model_len: 1024, tokens: [] } },
    ]);
    expect(await engine.countTokens(['Aspirin', 'Find entities: aspirin'])).toEqual([4, 7]);
    const asked = stand.seen.slice(1);
    expect(asked.map((r) => [r.method, r.url])).toEqual([
      ['POST', 'http://host.test/tokenize'],
      ['POST', 'http://host.test/tokenize'],
    ]);
    expect(asked[0].body).toMatchObject({ content: '<|endoftext|>Aspirin<|endoftext|>', parse_special: true, model: 'taiyi' });
    expect(asked[0].headers.Authorization).toBe('Bearer sk-test');
  });

  it('adds room for the chat template of a native model, which /tokenize does not see', async () => {
    const { engine } = await loaded([{ status: 200, body: { tokens: [1, 2] } }], {}, 'native');
    expect(await engine.countTokens(['Aspirin'])).toEqual([2 + 32]);
  });

  it('says it cannot count when the server has no /tokenize, and does not ask again', async () => {
    const { engine, stand } = await loaded([{ status: 404, body: { error: { message: 'Not Found' } } }]);
    expect(await engine.countTokens(['Aspirin'])).toBeNull();
    expect(await engine.countTokens(['Aspirin'])).toBeNull();
    expect(stand.left()).toBe(0);
    expect(stand.seen).toHaveLength(2); // the model list, and one /tokenize
  });
});

describe('openai HTTP helpers', () => {
  it('reads Retry-After in seconds or as a date, else backs off exponentially', () => {
    expect(retryDelayMs('2', 0, 100)).toBe(2000);
    expect(retryDelayMs('Wed, 21 Oct 2026 07:28:05 GMT', 0, 100, Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(5000);
    expect(retryDelayMs(null, 0, 100)).toBe(100);
    expect(retryDelayMs(null, 3, 100)).toBe(800);
  });

  it('tidies base URLs and adds /v1 when no path is given', () => {
    expect(normalizeBaseUrl(' http://gpu01:8000 ')).toBe('http://gpu01:8000/v1');
    expect(normalizeBaseUrl('https://llm.example.org/taiyi/v1/?x=1')).toBe('https://llm.example.org/taiyi/v1');
    expect(() => normalizeBaseUrl('ftp://x')).toThrow();
    expect(() => normalizeBaseUrl('not a url')).toThrow();
  });

  it('keeps the server message in the detail', () => {
    expect(httpError(503, '{"error":{"message":"loading"}}', 'POST x').detail).toBe('HTTP 503 from POST x: loading');
  });
});

describe('openai engine: answer grammars', () => {
  const grammar = { ebnf: 'root ::= "ebnf"\n', gbnf: 'root ::= "gbnf"\n' };
  const done = { sse: sseEvents(piece('Chemical: aspirin', 'stop'), '[DONE]') };
  const withGrammar = async (
    serverGrammar: ModelEntry['server_grammar'],
    listed: Record<string, unknown> = {},
    replies: ScriptedReply[] = [done],
  ) => {
    const stand = standInFetch([{ status: 200, body: { data: [{ id: 'taiyi', ...listed }] } }, ...replies]);
    const engine = new OpenAIEngine({ fetch: stand.fetch, retryBaseMs: 1 });
    await engine.load({ entry: { ...entry(), server_grammar: serverGrammar } }, () => undefined);
    const result = await engine.generate({ turns: [{ role: 'user', content: 'x' }], params, grammar }, () => undefined);
    return { engine, stand, result };
  };

  it.each([
    ['llama-server', { grammar: grammar.gbnf }],
    ['vllm', { structured_outputs: { grammar: grammar.ebnf } }],
    ['vllm-guided', { guided_grammar: grammar.ebnf }],
  ] as const)('%s: the grammar goes in the fields that server reads', async (kind, fields) => {
    const { engine, stand, result } = await withGrammar(kind);
    expect(engine.supportsGrammar).toBe(true);
    expect(stand.seen[1]!.body).toMatchObject({ ...fields, prompt: '<|endoftext|>x<|endoftext|>', stream: true });
    const others = ['grammar', 'structured_outputs', 'guided_grammar'].filter((k) => !(k in fields));
    for (const key of others) expect(stand.seen[1]!.body).not.toHaveProperty(key);
    expect(result.grammar).toBe('applied');
  });

  it('none: no grammar is sent and the engine says it does not constrain', async () => {
    const { engine, stand, result } = await withGrammar('none', { owned_by: 'llamacpp' });
    expect(engine.supportsGrammar).toBe(false);
    for (const key of ['grammar', 'structured_outputs', 'guided_grammar']) expect(stand.seen[1]!.body).not.toHaveProperty(key);
    expect(result.grammar).toBeUndefined();
  });

  it.each([
    ['llamacpp', { grammar: grammar.gbnf }],
    ['vllm', { structured_outputs: { grammar: grammar.ebnf } }],
  ])('auto (the default): a server that lists owned_by "%s" gets its own field', async (owner, fields) => {
    const { stand } = await withGrammar(undefined, { owned_by: owner });
    expect(stand.seen[1]!.body).toMatchObject(fields);
  });

  it('auto: an unknown server gets no grammar (it would ignore the field and pass as constrained)', async () => {
    const { engine, stand } = await withGrammar('auto', { owned_by: 'mlc' });
    expect(engine.supportsGrammar).toBe(false);
    expect(stand.seen[1]!.body).not.toHaveProperty('grammar');
  });

  it('a 400 about the grammar reruns the request unconstrained and says why', async () => {
    const refused = { status: 400, body: { error: { message: 'Failed to parse grammar', type: 'invalid_request_error' } } };
    const { stand, result } = await withGrammar('llama-server', {}, [refused, done]);
    expect(stand.seen).toHaveLength(3);
    expect(stand.seen[1]!.body).toHaveProperty('grammar');
    expect(stand.seen[2]!.body).not.toHaveProperty('grammar');
    expect(result).toMatchObject({ text: 'Chemical: aspirin', grammar: 'rejected' });
    expect(result.grammarError).toContain('Failed to parse grammar');
  });

  it('a 400 about something else is not retried without the grammar', async () => {
    const other = { status: 400, body: { error: { message: 'temperature must be positive' } } };
    const err = await failure(withGrammar('llama-server', {}, [other]));
    expect(err.code).toBe('server-error');
  });
});
