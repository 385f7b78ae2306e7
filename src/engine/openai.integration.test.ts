/**
 * The `openai` engine against real inference: the OpenAI-compatible test server (node-llama-cpp) serving the
 * shared tiny Taiyi model. Skips, saying why, when the shared fixtures are absent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAITestServer, tinyTaiyiMissing, type OpenAITestServer } from '../../e2e/support/openai-server';
import { taskGrammar } from '../core/grammar';
import { parseNer } from '../core/tasks/ner';
import { type EngineError } from './errors';
import { OpenAIEngine } from './openai';
import type { ModelEntry, SamplingParams } from './types';

const missing = tinyTaiyiMissing();
if (missing) console.warn(`openai engine integration tests ${missing}`);

const NER = 'Identify Chemical, Disease entities in the following text:\nAspirin-induced asthma in patients given ibuprofen.';
const greedy: SamplingParams = { temperature: 0, top_p: 1, max_tokens: 60, greedy: true };

describe.skipIf(missing)('openai engine against the test server', () => {
  let server: OpenAITestServer;
  const entry = (format: ModelEntry['prompt_format'], model = server.modelName): ModelEntry => ({
    id: `server:${format}`,
    label: 'tiny',
    engine: 'openai',
    url: server.url,
    server_model: model,
    quantization: '',
    context_window_size: 2048,
    prompt_format: format,
    languages: ['en'],
    user_added: true,
  });
  const engineFor = async (format: ModelEntry['prompt_format'], apiKey = 'sk-integration', grammar?: ModelEntry['server_grammar']) => {
    const engine = new OpenAIEngine({ retryBaseMs: 10, responseTimeoutMs: 2000 });
    await engine.load({ entry: { ...entry(format), server_grammar: grammar }, apiKey }, () => undefined);
    return engine;
  };
  const ask = (
    engine: OpenAIEngine,
    content = NER,
    onToken: (p: string) => void = () => undefined,
    signal?: AbortSignal,
    params = greedy,
  ) => engine.generate({ turns: [{ role: 'user', content }], params }, onToken, signal);

  beforeAll(async () => {
    server = await startOpenAITestServer({ apiKey: 'sk-integration', parallel: 2 });
  }, 60_000);
  afterAll(async () => server?.close());

  it('loads, learns the context window and streams the model answer in the Taiyi format with usage', async () => {
    const engine = new OpenAIEngine();
    const info = await engine.load({ entry: entry('taiyi'), apiKey: 'sk-integration' }, () => undefined);
    expect(info.contextWindow).toBe(server.contextSize);
    const pieces: string[] = [];
    const result = await ask(engine, NER, (p) => pieces.push(p));
    expect(result.text).toBe('Chemical: Metomidine\nDisease: Seness');
    expect(result.finishReason).toBe('stop');
    expect(pieces.length).toBeGreaterThan(1);
    expect(result.usage.promptTokens).toBeGreaterThan(10);
    expect(result.usage.completionTokens).toBeGreaterThan(5);
    expect(server.requests.at(-1)!.body).toMatchObject({ prompt: `<|endoftext|>${NER}<|endoftext|>` });
  });

  it('gets the same answer through /chat/completions for a native entry (the GGUF template renders the same format)', async () => {
    const result = await ask(await engineFor('native'));
    expect(result.text).toBe('Chemical: Metomidine\nDisease: Seness');
    expect(server.requests.at(-1)!.path).toBe('/v1/chat/completions');
  });

  it('constrains the answer with a GBNF grammar sent the llama-server way, so it parses into the offered types only', async () => {
    // unconstrained the model answers "Chemical: …\nDisease: …"; the grammar allows Disease lines only
    const options = { types: ['Disease'] };
    const grammar = taskGrammar('entities', options, 'en')!;
    const engine = await engineFor('taiyi', undefined, 'llama-server');
    expect(engine.supportsGrammar).toBe(true);
    const result = await engine.generate({ turns: [{ role: 'user', content: NER }], params: greedy, grammar }, () => undefined);
    expect(server.requests.at(-1)!.body).toMatchObject({ grammar: grammar.gbnf });
    expect(result.grammar).toBe('applied');
    expect(result.text).toMatch(/^Disease: /);
    const parsed = parseNer(result.text, options);
    expect(parsed.unparsed).toEqual([]);
    expect(parsed.entities.length).toBeGreaterThan(0);
    expect(parsed.entities.every((e) => e.type === 'Disease')).toBe(true);
  });

  it('runs unconstrained, saying why, when the server refuses the grammar', async () => {
    const engine = await engineFor('taiyi', undefined, 'llama-server');
    const before = server.requests.length;
    const result = await engine.generate(
      { turns: [{ role: 'user', content: NER }], params: greedy, grammar: { ebnf: 'root ::= nowhere', gbnf: 'root ::= nowhere' } },
      () => undefined,
    );
    expect(server.requests.slice(before).map((r) => r.status)).toEqual([400, 200]);
    expect(server.requests.at(-1)!.body).not.toHaveProperty('grammar');
    expect(result).toMatchObject({ text: 'Chemical: Metomidine\nDisease: Seness', grammar: 'rejected' });
    expect(result.grammarError).toMatch(/failed to parse grammar/);
  });

  it('sends no grammar to a server not known to take one', async () => {
    const engine = await engineFor('taiyi');
    expect(engine.supportsGrammar).toBe(false);
    const grammar = taskGrammar('entities', { types: ['Disease'] }, 'en')!;
    const result = await engine.generate({ turns: [{ role: 'user', content: NER }], params: greedy, grammar }, () => undefined);
    expect(server.requests.at(-1)!.body).not.toHaveProperty('grammar');
    expect(result.grammar).toBeUndefined();
  });

  it('says when the token limit ended the answer', async () => {
    const result = await ask(await engineFor('taiyi'), NER, undefined, undefined, { ...greedy, max_tokens: 4 });
    expect(result.finishReason).toBe('length');
    expect(result.usage.completionTokens).toBe(4);
  });

  it('refuses a wrong key and a model the server does not serve', async () => {
    const wrongKey = await new OpenAIEngine().load({ entry: entry('taiyi'), apiKey: 'nope' }, () => undefined).catch((e: EngineError) => e);
    expect((wrongKey as EngineError).code).toBe('server-auth');
    const wrongModel = await new OpenAIEngine()
      .load({ entry: entry('taiyi', 'taiyi-7b'), apiKey: 'sk-integration' }, () => undefined)
      .catch((e: EngineError) => e);
    expect((wrongModel as EngineError).code).toBe('server-model-missing');
    expect((wrongModel as EngineError).detail).toContain(server.modelName);
  });

  it('retries a 429 with Retry-After and a 503, then answers', async () => {
    const engine = await engineFor('taiyi');
    server.misbehave({ status: 429, retryAfter: 0, times: 1 });
    const before = server.requests.length;
    expect((await ask(engine)).text).toContain('Chemical');
    server.misbehave({ status: 503, times: 1 });
    expect((await ask(engine)).text).toContain('Chemical');
    expect(server.requests.slice(before).map((r) => r.status)).toEqual([429, 200, 503, 200]);
  });

  it('gives up on a server that stays busy, and reports 500s', async () => {
    const engine = await engineFor('taiyi');
    server.misbehave({ status: 429, retryAfter: 0 });
    expect(((await ask(engine).catch((e: EngineError) => e)) as EngineError).code).toBe('server-busy');
    server.misbehave({ status: 500, times: 1 });
    expect(((await ask(engine).catch((e: EngineError) => e)) as EngineError).code).toBe('server-error');
    server.misbehave(null);
  });

  it('reports a cut stream, a malformed event and a hung server', async () => {
    const engine = await engineFor('taiyi');
    server.misbehave({ cutAfterEvents: 3, times: 1 });
    expect(((await ask(engine).catch((e: EngineError) => e)) as EngineError).code).toBe('server-stream-cut');
    server.misbehave({ malformedAfterEvents: 2, times: 1 });
    expect(((await ask(engine).catch((e: EngineError) => e)) as EngineError).code).toBe('server-bad-event');
    server.misbehave({ hang: true, times: 1 });
    expect(((await ask(engine).catch((e: EngineError) => e)) as EngineError).code).toBe('server-timeout');
  });

  it('reports a prompt longer than the context', async () => {
    const long = `${NER} ${'aspirin '.repeat(1500)}`;
    expect(((await ask(await engineFor('taiyi'), long).catch((e: EngineError) => e)) as EngineError).code).toBe('context-overflow');
  });

  it('stops midway when aborted, and the server stops generating', async () => {
    const engine = await engineFor('taiyi');
    const abort = new AbortController();
    let seen = 0;
    // a long abstract makes the tiny model repeat itself until the limit, so there is time to stop it
    const long = `Identify Chemical, Disease entities in the following text:\n${'Cisplatin nephrotoxicity in rats given lithium. '.repeat(12)}`;
    const result = await ask(engine, long, () => ++seen === 5 && abort.abort(), abort.signal, { ...greedy, max_tokens: 400 });
    expect(result.finishReason).toBe('aborted');
    expect(result.text.length).toBeLessThan(40);
    // the model stays usable
    expect((await ask(engine)).finishReason).toBe('stop');
  });

  it('overlaps concurrent requests on one engine', async () => {
    const engine = await engineFor('taiyi');
    const answers = await Promise.all([ask(engine), ask(engine), ask(engine)]);
    expect(new Set(answers.map((a) => a.text))).toEqual(new Set(['Chemical: Metomidine\nDisease: Seness']));
    expect(server.peakConcurrency).toBe(2);
  });
});
