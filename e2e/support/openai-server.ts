/**
 * Test support: a small OpenAI-compatible server on node-llama-cpp, so the `openai` engine and the corpus CLIs are
 * tested against real inference (the shared tiny Taiyi model) without vLLM or llama-server. It speaks the part of
 * the protocol the engine uses: `/v1/models`, `/v1/completions`, `/v1/chat/completions`, SSE streaming with
 * `data: [DONE]`, `stream_options.include_usage`, usage, stop strings, abort when the client disconnects, CORS, and
 * llama-server's GBNF `grammar` field (a grammar it cannot parse is answered 400 "failed to parse grammar"), and
 * llama-server's `POST /tokenize` (`content`, `parse_special` → `tokens`), with the model's own tokenizer.
 *
 * It misbehaves on request (`server.misbehave(...)`): answer 429 with `Retry-After`, 503, 500 or any status, cut a
 * stream after some events, send a malformed event, stream slowly, hang, or refuse every grammar as llama-server refuses
 * one it cannot parse. Each rule applies to the next `times` generation requests (all of them when `times` is not
 * given; for a refused grammar, only requests that carry one count) until `misbehave(null)`.
 *
 * Run on its own: `npx tsx e2e/support/openai-server.ts [--port 8000] [--model PATH] [--api-key KEY]`.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  LlamaGrammarEvaluationState,
  getLlama,
  resolveChatWrapper,
  type ChatHistoryItem,
  type LlamaContext,
  type LlamaContextSequence,
  type LlamaGrammar,
  type LlamaModel,
  type Token,
} from 'node-llama-cpp';

/** The shared tiny Taiyi model (never copied into the project). */
export const TINY_TAIYI = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'tiny-taiyi.gguf');

/** Why tests of real inference cannot run here, or null when they can. */
export function tinyTaiyiMissing(): string | null {
  return existsSync(TINY_TAIYI) ? null : `skipped: ${TINY_TAIYI} is absent (the shared test fixtures are not beside this checkout)`;
}

export interface Misbehaviour {
  /** Answer this status instead (429, 503, 500, 401, …). */
  status?: number;
  /** With `status`: the `Retry-After` header, in seconds. */
  retryAfter?: number;
  /** With `status`: the error message in the body. */
  message?: string;
  /** Stream this many events, then drop the connection. */
  cutAfterEvents?: number;
  /** Stream this many events, then one whose data is not JSON. */
  malformedAfterEvents?: number;
  /** Never answer (until the client gives up or the server closes). */
  hang?: boolean;
  /** Pause this long before each streamed event (a slow server, so a run can be stopped midway). */
  eventDelayMs?: number;
  /**
   * Answer a request that carries a `grammar` as llama-server answers one it cannot parse (400 "failed to parse
   * grammar"); requests without one are served.
   */
  refuseGrammar?: boolean;
  /** How many generation requests this applies to; every one when absent. */
  times?: number;
}

export interface ServedRequest {
  method: string;
  path: string;
  status: number;
  /** The parsed JSON body of a POST. */
  body?: Record<string, unknown>;
  authorization?: string;
}

export interface OpenAITestServer {
  /** Base URL with `/v1`, e.g. `http://127.0.0.1:41234/v1`. */
  url: string;
  port: number;
  modelName: string;
  contextSize: number;
  requests: ServedRequest[];
  /** The most generation requests that were running at once. */
  peakConcurrency: number;
  /** Generation requests running now (a stopped client's ends soon after it disconnects). */
  running: number;
  misbehave(rule: Misbehaviour | null): void;
  close(): Promise<void>;
}

export interface OpenAITestServerOptions {
  modelPath?: string;
  /** The name `/v1/models` lists and requests must use. */
  modelName?: string;
  /** Requests that may generate at once (one context sequence each); more wait their turn. */
  parallel?: number;
  /** Context per sequence. */
  contextSize?: number;
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  port?: number;
  host?: string;
  /** How a too-long prompt is reported: vLLM's wording or llama-server's. */
  contextErrorStyle?: 'vllm' | 'llama-server';
}

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Expose-Headers': 'Retry-After',
};

type Body = Record<string, unknown>;

interface GenerationJob {
  tokens: Token[];
  maxTokens: number;
  temperature: number;
  topP?: number;
  seed?: number;
  stop: string[];
  /** Constrains the tokens sampled, as llama-server's `grammar` does. */
  grammar?: LlamaGrammar;
}

interface Piece {
  text: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Body = {},
  ) {
    super(message);
  }
}

const stopList = (stop: unknown): string[] =>
  typeof stop === 'string' ? [stop] : Array.isArray(stop) ? stop.filter((s): s is string => typeof s === 'string' && s !== '') : [];

/** The longest tail of `text` that begins some stop string: it is held back until it is known not to stop. */
function heldBack(text: string, stops: readonly string[]): number {
  let hold = 0;
  for (const stop of stops)
    for (let n = Math.min(stop.length - 1, text.length); n > hold; n--) if (text.endsWith(stop.slice(0, n))) hold = n;
  return hold;
}

/** A fixed set of context sequences; a request waits for a free one (like llama-server's slots). */
class SequencePool {
  private free: LlamaContextSequence[];
  private waiting: ((s: LlamaContextSequence) => void)[] = [];
  constructor(context: LlamaContext, parallel: number) {
    this.free = Array.from({ length: parallel }, () => context.getSequence());
  }
  acquire(): Promise<LlamaContextSequence> {
    const s = this.free.pop();
    return s ? Promise.resolve(s) : new Promise((ok) => this.waiting.push(ok));
  }
  release(s: LlamaContextSequence) {
    const next = this.waiting.shift();
    if (next) next(s);
    else this.free.push(s);
  }
}

/**
 * Generates from `job`, yielding text pieces; returns how it ended and the token counts.
 * Stops at the end token, a stop string, `maxTokens` or the signal.
 */
async function* generateText(
  model: LlamaModel,
  sequence: LlamaContextSequence,
  job: GenerationJob,
  signal: AbortSignal,
): AsyncGenerator<Piece, { finish: 'stop' | 'length'; completionTokens: number }> {
  await sequence.clearHistory();
  const generated: Token[] = [];
  let emitted = 0;
  let finish: 'stop' | 'length' = 'length';
  const grammarEvaluationState = job.grammar ? new LlamaGrammarEvaluationState({ model, grammar: job.grammar }) : undefined;
  const sampling =
    job.temperature <= 0
      ? { temperature: 0, grammarEvaluationState }
      : { temperature: job.temperature, topP: job.topP, seed: job.seed, grammarEvaluationState };
  for await (const token of sequence.evaluate(job.tokens, sampling)) {
    if (signal.aborted) break;
    if (model.isEogToken(token)) {
      finish = 'stop';
      break;
    }
    generated.push(token);
    let text = model.detokenize(generated);
    const stopAt = job.stop.map((s) => text.indexOf(s)).filter((i) => i >= 0);
    if (stopAt.length) {
      text = text.slice(0, Math.min(...stopAt));
      finish = 'stop';
    }
    // hold back an incomplete UTF-8 character and a possible beginning of a stop string
    const end = finish === 'stop' ? text.length : text.length - (text.endsWith('\uFFFD') ? 1 : heldBack(text, job.stop));
    if (end > emitted) {
      yield { text: text.slice(emitted, end) };
      emitted = end;
    }
    if (finish === 'stop' || generated.length >= job.maxTokens) break;
  }
  // the sequence ends by itself at the end token; only the token limit (or an abort) leaves `length`
  if (finish === 'length' && generated.length < job.maxTokens && !signal.aborted) finish = 'stop';
  // what was held back and turned out not to begin a stop string
  const whole = model.detokenize(generated);
  const cut = Math.min(whole.length, ...job.stop.map((s) => whole.indexOf(s)).filter((i) => i >= 0));
  if (cut > emitted && !signal.aborted) yield { text: whole.slice(emitted, cut) };
  return { finish, completionTokens: generated.length };
}

/** Starts the server; resolves once the model is loaded and the server listens. */
export async function startOpenAITestServer(options: OpenAITestServerOptions = {}): Promise<OpenAITestServer> {
  const modelPath = options.modelPath ?? TINY_TAIYI;
  const modelName = options.modelName ?? 'tiny-taiyi';
  const parallel = options.parallel ?? 4;
  // one thread: the machines that run the tests are small and shared; the tiny model is fast enough
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: 'error' as never });
  const model = await llama.loadModel({ modelPath });
  const contextSize = options.contextSize ?? Math.min(1536, model.trainContextSize);
  const context = await model.createContext({ sequences: parallel, contextSize, threads: 1 });
  const pool = new SequencePool(context, parallel);
  const chatWrapper = resolveChatWrapper(model);

  const requests: ServedRequest[] = [];
  const sockets = new Set<Socket>();
  let rule: Misbehaviour | null = null;
  let running = 0;
  let peakConcurrency = 0;

  const hasGrammar = (body: Body): body is Body & { grammar: string } => typeof body.grammar === 'string' && body.grammar.trim() !== '';

  /** The rule for this generation request, counting it against `times`. */
  const takeRule = (body: Body): Misbehaviour | null => {
    if (!rule || (rule.refuseGrammar && !hasGrammar(body))) return null;
    const current = rule;
    if (current.times !== undefined && --current.times <= 0) rule = null;
    return current;
  };

  const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { ...CORS_HEADERS, 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
  };

  const errorBody = (status: number, message: string, extra: Body = {}) => ({
    error: {
      message,
      type: status === 404 ? 'NotFoundError' : status === 401 ? 'AuthenticationError' : 'BadRequestError',
      code: status,
      ...extra,
    },
  });

  const readBody = async (req: IncomingMessage): Promise<Body> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Body;
    } catch {
      // answered below
    }
    throw new HttpError(400, 'the request body is not a JSON object');
  };

  const promptTokens = (path: string, body: Body): Token[] => {
    if (path === '/v1/completions') {
      if (typeof body.prompt !== 'string') throw new HttpError(400, '"prompt" must be a string');
      // like llama-server: special tokens written in a raw prompt are parsed (Taiyi's <|endoftext|>)
      return model.tokenize(body.prompt, true);
    }
    if (!Array.isArray(body.messages)) throw new HttpError(400, '"messages" must be an array');
    const history: ChatHistoryItem[] = body.messages.map((m: { role?: unknown; content?: unknown }) => {
      const text = typeof m.content === 'string' ? m.content : '';
      if (m.role === 'assistant') return { type: 'model', response: [text] };
      return m.role === 'system' ? { type: 'system', text } : { type: 'user', text };
    });
    history.push({ type: 'model', response: [] });
    return chatWrapper.generateContextState({ chatHistory: history }).contextText.tokenize(model.tokenizer);
  };

  const tooLong = (prompt: number, requested: number): HttpError =>
    options.contextErrorStyle === 'llama-server'
      ? new HttpError(400, 'the request exceeds the available context size, try increasing it', {
          type: 'exceed_context_size_error',
          n_prompt_tokens: prompt,
          n_ctx: contextSize,
        })
      : new HttpError(
          400,
          `This model's maximum context length is ${contextSize} tokens. However, you requested ${prompt + requested} tokens ` +
            `(${prompt} in the messages, ${requested} in the completion). Please reduce the length of the messages or completion.`,
        );

  const generation = async (req: IncomingMessage, res: ServerResponse, path: string, log: (s: number, b?: Body) => void) => {
    const body = await readBody(req);
    const misbehaviour = takeRule(body);
    if (misbehaviour?.hang) return log(0, body);
    if (misbehaviour?.refuseGrammar) {
      sendJson(res, 400, errorBody(400, 'failed to parse grammar: the test server was told to refuse grammars'));
      return log(400, body);
    }
    if (misbehaviour?.status) {
      const headers: Record<string, string> =
        misbehaviour.retryAfter !== undefined ? { 'Retry-After': String(misbehaviour.retryAfter) } : {};
      sendJson(
        res,
        misbehaviour.status,
        errorBody(misbehaviour.status, misbehaviour.message ?? `test server answers ${misbehaviour.status}`),
        headers,
      );
      return log(misbehaviour.status, body);
    }
    if (body.model !== modelName) throw new HttpError(404, `The model \`${String(body.model)}\` does not exist.`);
    const tokens = promptTokens(path, body);
    const maxTokens = typeof body.max_tokens === 'number' && body.max_tokens > 0 ? Math.floor(body.max_tokens) : 16;
    if (tokens.length + maxTokens > contextSize) throw tooLong(tokens.length, maxTokens);
    let grammar: LlamaGrammar | undefined;
    if (hasGrammar(body)) {
      try {
        grammar = await llama.createGrammar({ grammar: body.grammar });
      } catch (err) {
        throw new HttpError(400, `failed to parse grammar: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    const job: GenerationJob = {
      tokens,
      maxTokens,
      temperature: typeof body.temperature === 'number' ? body.temperature : 1,
      topP: typeof body.top_p === 'number' ? body.top_p : undefined,
      seed: typeof body.seed === 'number' ? body.seed : undefined,
      stop: stopList(body.stop),
      grammar,
    };
    const chat = path === '/v1/chat/completions';
    const stream = body.stream === true;
    const includeUsage = stream && (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
    const id = `${chat ? 'chatcmpl' : 'cmpl'}-${requests.length}`;
    const created = Math.floor(Date.now() / 1000);
    const object = chat ? (stream ? 'chat.completion.chunk' : 'chat.completion') : 'text_completion';

    // the client going away stops the generation, as real servers do
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const sequence = await pool.acquire();
    running++;
    peakConcurrency = Math.max(peakConcurrency, running);
    log(200, body);
    try {
      const pieces = generateText(model, sequence, job, abort.signal);
      if (stream) res.writeHead(200, { ...CORS_HEADERS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      let events = 0;
      const event = (data: unknown): boolean => {
        if (abort.signal.aborted) return false;
        if (misbehaviour?.cutAfterEvents !== undefined && events >= misbehaviour.cutAfterEvents) {
          req.socket.destroy();
          return false;
        }
        if (misbehaviour?.malformedAfterEvents !== undefined && events === misbehaviour.malformedAfterEvents) {
          res.write('data: {"choices": [{"text": \n\n');
          res.end();
          return false;
        }
        events++;
        res.write(`data: ${JSON.stringify(data)}\n\n`);
        return true;
      };
      const choice = (text: string, finish: string | null) =>
        chat
          ? { index: 0, delta: text ? { content: text } : {}, finish_reason: finish }
          : { index: 0, text, finish_reason: finish, logprobs: null };
      let text = '';
      let next = await pieces.next();
      if (
        stream &&
        chat &&
        !event({ id, object, created, model: modelName, choices: [{ index: 0, delta: { role: 'assistant' }, finish_reason: null }] })
      )
        return;
      while (!next.done) {
        if (misbehaviour?.eventDelayMs) await new Promise((ok) => setTimeout(ok, misbehaviour.eventDelayMs));
        text += next.value.text;
        if (stream && !event({ id, object, created, model: modelName, choices: [choice(next.value.text, null)] })) return;
        next = await pieces.next();
      }
      const { finish, completionTokens } = next.value;
      const usage = { prompt_tokens: tokens.length, completion_tokens: completionTokens, total_tokens: tokens.length + completionTokens };
      if (!stream) {
        const final = chat
          ? { index: 0, message: { role: 'assistant', content: text }, finish_reason: finish }
          : { index: 0, text, finish_reason: finish, logprobs: null };
        return sendJson(res, 200, { id, object, created, model: modelName, choices: [final], usage });
      }
      if (!event({ id, object, created, model: modelName, choices: [choice('', finish)] })) return;
      if (includeUsage && !event({ id, object, created, model: modelName, choices: [], usage })) return;
      res.end('data: [DONE]\n\n');
    } finally {
      running--;
      pool.release(sequence);
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/\/+$/, '');
    const authorization = req.headers.authorization;
    const log = (status: number, body?: Body) => requests.push({ method, path, status, body, authorization });
    if (method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS).end();
      return log(204);
    }
    try {
      if (options.apiKey && authorization !== `Bearer ${options.apiKey}`) throw new HttpError(401, 'Invalid API key');
      if (method === 'GET' && path === '/v1/models') {
        log(200);
        return sendJson(res, 200, {
          object: 'list',
          data: [{ id: modelName, object: 'model', created: 0, owned_by: 'taiyi-test', max_model_len: contextSize }],
        });
      }
      if (method === 'POST' && path === '/tokenize') {
        const body = await readBody(req);
        if (typeof body.content !== 'string') throw new HttpError(400, '"content" must be a string');
        log(200, body);
        // as the completions path tokenizes a raw prompt: special tokens parsed when asked, no BOS added
        return sendJson(res, 200, { tokens: model.tokenize(body.content, body.parse_special === true) });
      }
      if (method === 'POST' && (path === '/v1/completions' || path === '/v1/chat/completions'))
        return await generation(req, res, path, log);
      throw new HttpError(404, `no route ${method} ${path}`);
    } catch (err) {
      const e = err instanceof HttpError ? err : new HttpError(500, String(err));
      if (res.headersSent) return void res.end();
      sendJson(res, e.status, errorBody(e.status, e.message, e.extra));
      log(e.status);
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((ok) => server.listen(options.port ?? 0, host, ok));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host}:${port}/v1`,
    port,
    modelName,
    contextSize,
    requests,
    get peakConcurrency() {
      return peakConcurrency;
    },
    get running() {
      return running;
    },
    misbehave: (next) => void (rule = next ? { ...next } : null),
    close: async () => {
      for (const socket of sockets) socket.destroy(); // hung and keep-alive connections would hold close() open
      await new Promise<void>((ok) => server.close(() => ok()));
      await context.dispose();
      await model.dispose();
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const server = await startOpenAITestServer({ port: Number(arg('--port') ?? 8000), modelPath: arg('--model'), apiKey: arg('--api-key') });
  console.log(`OpenAI-compatible test server: ${server.url} (model "${server.modelName}", context ${server.contextSize})`);
}
