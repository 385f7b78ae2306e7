/**
 * The `openai` engine: the same tasks on an OpenAI-compatible server (vLLM, llama.cpp's llama-server, MLC serve)
 * instead of this device. Nothing runs locally, so there is no worker: `fetch` and an SSE parser are all it takes,
 * in the page and in Node (the corpus CLIs use this class directly).
 *
 * Taiyi 1 has no chat template, so `taiyi` entries go to `/v1/completions` with its raw wire format
 * (`<|endoftext|>prompt<|endoftext|>`, stop `<|endoftext|>`); `native` entries go to `/v1/chat/completions` and the
 * server applies the model's template. Answers stream (SSE, ending in `data: [DONE]`), with usage asked for through
 * `stream_options.include_usage`. Unlike the in-page engines, one instance may run several generations at once:
 * the server batches them.
 *
 * Answer grammars go the way the entry's `server_grammar` says (llama-server's GBNF `grammar`, vLLM's
 * `structured_outputs`), by default the way `/models` shows the server takes them. A server that refuses the
 * grammar (a 400 about it) gets the request again unconstrained, and the result says so.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { TaskGrammar } from '../core/grammar';
import type { ServerGrammar } from '../core/model-entry';
import { EngineError, describeError } from './errors';
import { TAIYI_SEPARATOR, countedPrompt, taiyiPrompt } from './gguf-prompt';
import { runWithGrammar } from './grammar-fallback';
import { RETRY_STATUSES, detectServerGrammar, endpoint, grammarFields, httpError, retryDelayMs } from './openai-http';
import type {
  Engine,
  FinishReason,
  GenerateRequest,
  GenerateResult,
  LoadedModelInfo,
  LoadProgress,
  LoadRequest,
  ModelEntry,
} from './types';

export interface OpenAIEngineOptions {
  /** The `fetch` to use (the page's, Node's, or a test's). */
  fetch?: typeof fetch;
  /** Retries of a 429 or 503 before giving up with `server-busy`. */
  maxRetries?: number;
  /** Backoff before the first retry when the server gives no `Retry-After`; doubles each time. */
  retryBaseMs?: number;
  /** A `Retry-After` longer than this is not waited for: the run fails with `server-busy` at once. */
  maxRetryWaitMs?: number;
  /** How long to wait for the server to start answering (it may queue the request behind others). */
  responseTimeoutMs?: number;
  /** How long a stream may stay silent before it counts as hung. */
  idleTimeoutMs?: number;
}

const DEFAULTS = { maxRetries: 3, retryBaseMs: 1000, maxRetryWaitMs: 60_000, responseTimeoutMs: 120_000, idleTimeoutMs: 60_000 };

interface StreamChunk {
  choices?: { text?: unknown; delta?: { content?: unknown }; finish_reason?: unknown }[];
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } | null;
  error?: unknown;
}

/** Why an internal abort happened, so it is reported as a timeout rather than a stop. */
class Deadline {
  readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  expired = false;

  constructor(private readonly outer: AbortSignal | undefined) {
    if (outer?.aborted) this.controller.abort();
    outer?.addEventListener('abort', this.stop);
  }

  /** (Re)starts the countdown. */
  arm(ms: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort();
    }, ms);
  }

  private stop = () => this.controller.abort();

  dispose() {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.stop);
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((ok, fail) => {
    const done = () => {
      clearTimeout(timer);
      fail(new EngineError('aborted', 'cancelled while waiting to retry'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', done);
      ok();
    }, ms);
    if (signal?.aborted) done();
    signal?.addEventListener('abort', done, { once: true });
  });

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** Prompts counted at once through `/tokenize`. */
const TOKENIZE_BATCH = 8;

export class OpenAIEngine implements Engine {
  readonly kind = 'openai' as const;
  /** Each generation is its own request; the server batches concurrent ones. */
  readonly concurrent = true;
  private entry: ModelEntry | null = null;
  /** How the loaded server takes grammars. */
  private grammarKind: ServerGrammar = 'none';
  private apiKey: string | undefined;
  /** The server answered `/tokenize` (llama-server, vLLM) or not (unknown until asked, once per load). */
  private tokenizes: boolean | undefined;
  private readonly options: typeof DEFAULTS & { fetch: typeof fetch };

  constructor(options: OpenAIEngineOptions = {}) {
    const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    this.options = { ...DEFAULTS, fetch: (...args) => globalThis.fetch(...args), ...defined };
  }

  /** Whether the loaded server takes answer grammars (known once loaded). */
  get supportsGrammar(): boolean {
    return this.grammarKind !== 'none';
  }

  /**
   * Asks the server which models it serves (`GET /models`) and checks that the entry's model is one of them; the
   * context window comes from the server when it says (vLLM's `max_model_len`).
   * @throws EngineError `server-unreachable`, `server-auth`, `server-model-missing`, `server-timeout`, `aborted`, …
   */
  async load(request: LoadRequest, onProgress: (p: LoadProgress) => void, signal?: AbortSignal): Promise<LoadedModelInfo> {
    const { entry } = request;
    if (entry.engine !== 'openai' || !entry.server_model) throw new EngineError('unknown', `${entry.id} is not a server model`);
    this.entry = entry;
    this.apiKey = request.apiKey || undefined;
    this.grammarKind = 'none';
    this.tokenizes = undefined;
    onProgress({ fraction: 0, phase: 'checking', text: `GET ${endpoint(entry.url, '/models')}` });
    const body = await this.call('GET', '/models', undefined, signal, async (res) => res.text());
    let listed: { id?: unknown; owned_by?: unknown; max_model_len?: unknown; meta?: { n_ctx_train?: unknown } }[] = [];
    try {
      const parsed = JSON.parse(body) as { data?: unknown };
      if (Array.isArray(parsed.data)) listed = parsed.data;
    } catch {
      throw new EngineError('server-error', `GET ${endpoint(entry.url, '/models')} did not answer a model list: ${body.slice(0, 200)}`);
    }
    const found = listed.find((m) => m.id === entry.server_model);
    if (!found) {
      const names = listed.map((m) => String(m.id)).join(', ');
      throw new EngineError('server-model-missing', `${hostOf(entry.url)} serves ${names || 'no models'}, not "${entry.server_model}"`);
    }
    const chosen = entry.server_grammar ?? 'auto';
    this.grammarKind = chosen === 'auto' ? detectServerGrammar(found) : chosen;
    const context = typeof found.max_model_len === 'number' ? found.max_model_len : entry.context_window_size;
    onProgress({ fraction: 1, phase: 'init' });
    return { id: entry.id, engine: 'openai', contextWindow: context };
  }

  /**
   * Streams one answer. Aborting resolves with the text so far and `finishReason: 'aborted'` (the connection is
   * closed, which makes the server stop generating). The request's grammar constrains it when the server takes
   * grammars; a refused one is dropped and the result's `grammar` is `rejected`.
   * @throws EngineError `server-*` codes, `context-overflow`
   */
  async generate(request: GenerateRequest, onToken: (piece: string) => void, signal?: AbortSignal): Promise<GenerateResult> {
    if (!this.entry?.server_model) throw new EngineError('unknown', 'no model is loaded');
    const grammar = this.supportsGrammar ? request.grammar : undefined;
    return runWithGrammar(grammar, onToken, (g, onPiece) => this.generateOnce(request, g, onPiece, signal));
  }

  private async generateOnce(
    request: GenerateRequest,
    grammar: TaskGrammar | undefined,
    onToken: (piece: string) => void,
    signal?: AbortSignal,
  ): Promise<GenerateResult> {
    const entry = this.entry!;
    const { params, turns } = request;
    const sampling = params.greedy ? { temperature: 0, top_p: 1 } : { temperature: params.temperature, top_p: params.top_p };
    const constraint = grammar ? grammarFields(this.grammarKind, grammar) : {};
    const common = {
      model: entry.server_model,
      max_tokens: params.max_tokens,
      ...sampling,
      ...constraint,
      stream: true,
      stream_options: { include_usage: true },
    };
    const [path, body] =
      entry.prompt_format === 'taiyi'
        ? ['/completions', { ...common, prompt: taiyiPrompt(turns), stop: [TAIYI_SEPARATOR] }]
        : ['/chat/completions', { ...common, messages: turns.map((t) => ({ role: t.role, content: t.content })) }];

    const started = performance.now();
    let firstAt: number | undefined;
    let text = '';
    let pieces = 0;
    let finish: FinishReason | undefined;
    let usage: { prompt?: number; completion?: number } = {};
    const what = `POST ${endpoint(entry.url, path)}`;
    const result = (finishReason: FinishReason): GenerateResult => {
      const totalMs = performance.now() - started;
      const ttft = (firstAt ?? performance.now()) - started;
      const promptTokens = usage.prompt ?? 0;
      // without usage from the server, one streamed piece is about one token
      const completionTokens = usage.completion ?? pieces;
      const decodeMs = totalMs - ttft;
      return {
        text,
        finishReason,
        usage: {
          promptTokens,
          completionTokens,
          timeToFirstTokenMs: ttft,
          prefillTokensPerSec: ttft > 0 ? (promptTokens * 1000) / ttft : 0,
          decodeTokensPerSec: decodeMs > 0 ? (completionTokens * 1000) / decodeMs : 0,
          totalMs,
        },
      };
    };

    try {
      await this.call('POST', path, body, signal, async (res, deadline) => {
        if (!res.body) throw new EngineError('server-error', `${what} answered without a body`);
        let done = false;
        const onEvent = (event: EventSourceMessage) => {
          if (done) return;
          if (event.data === '[DONE]') return void (done = true);
          let chunk: StreamChunk;
          try {
            chunk = JSON.parse(event.data) as StreamChunk;
          } catch {
            throw new EngineError('server-bad-event', `${what} sent an event that is not JSON: ${event.data.slice(0, 200)}`);
          }
          if (chunk.error) throw httpError(500, JSON.stringify(chunk), `${what} (in the stream)`);
          const choice = chunk.choices?.[0];
          const piece = choice?.text ?? choice?.delta?.content;
          if (typeof piece === 'string' && piece) {
            firstAt ??= performance.now();
            text += piece;
            pieces++;
            onToken(piece);
          }
          if (choice?.finish_reason === 'length') finish = 'length';
          else if (typeof choice?.finish_reason === 'string') finish = 'stop';
          if (chunk.usage && typeof chunk.usage.completion_tokens === 'number')
            usage = { prompt: Number(chunk.usage.prompt_tokens) || 0, completion: chunk.usage.completion_tokens };
        };
        const parser = createParser({ onEvent });
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        try {
          while (!done) {
            if (deadline.controller.signal.aborted) throw new EngineError('aborted', 'stopped');
            deadline.arm(this.options.idleTimeoutMs);
            const { value, done: ended } = await reader.read();
            if (ended) break;
            parser.feed(value);
          }
        } finally {
          void reader.cancel().catch(() => undefined);
        }
        // a stream that ends with neither [DONE] nor a finish reason was cut off
        if (!done && !finish) throw new EngineError('server-stream-cut', `${what}: the stream ended before the answer did`);
      });
    } catch (err) {
      if (signal?.aborted) return result('aborted');
      throw err;
    }
    return result(signal?.aborted ? 'aborted' : (finish ?? 'stop'));
  }

  /**
   * Counts with the server's own tokenizer through `POST /tokenize` beside the API (llama-server reads `content`,
   * vLLM `prompt` and `model`); null when the server has no such endpoint, so the planner estimates instead.
   */
  async countTokens(prompts: readonly string[]): Promise<number[] | null> {
    const entry = this.entry;
    if (!entry?.server_model || this.tokenizes === false) return null;
    const url = `${entry.url.replace(/\/v1$/, '')}/tokenize`;
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.apiKey) headers.Authorization = `Bearer ${this.apiKey}`;
    const countOne = async (prompt: string): Promise<number | null> => {
      const { text, extra } = countedPrompt(entry.prompt_format, prompt);
      const body = { model: entry.server_model, content: text, prompt: text, add_special: true, parse_special: true };
      const res = await this.options.fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.responseTimeoutMs),
      });
      if (!res.ok) return null;
      const answer = (await res.json()) as { tokens?: unknown; count?: unknown };
      const count = typeof answer.count === 'number' ? answer.count : Array.isArray(answer.tokens) ? answer.tokens.length : null;
      return count === null ? null : count + extra;
    };
    try {
      const counts: number[] = [];
      // a few at a time: the server counts while it may also be generating for another tab or job
      for (let i = 0; i < prompts.length; i += TOKENIZE_BATCH) {
        const batch = await Promise.all(prompts.slice(i, i + TOKENIZE_BATCH).map(countOne));
        if (batch.some((n) => n === null)) throw new Error('no token count');
        counts.push(...(batch as number[]));
      }
      this.tokenizes = true;
      return counts;
    } catch {
      this.tokenizes = false;
      return null;
    }
  }

  async unload(): Promise<void> {
    this.entry = null;
    this.apiKey = undefined;
    this.grammarKind = 'none';
  }

  /**
   * One request with its retries: 429 and 503 wait (`Retry-After`, or backoff) and try again at most `maxRetries`
   * times; `read` consumes the successful response under the same deadline.
   */
  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
    read: (res: Response, deadline: Deadline) => Promise<T>,
  ): Promise<T> {
    const entry = this.entry!;
    const url = endpoint(entry.url, path);
    const what = `${method} ${url}`;
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.apiKey) headers.Authorization = `Bearer ${this.apiKey}`;
    for (let attempt = 0; ; attempt++) {
      const deadline = new Deadline(signal);
      deadline.arm(this.options.responseTimeoutMs);
      try {
        let res: Response;
        try {
          res = await this.options.fetch(url, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            signal: deadline.controller.signal,
          });
        } catch (err) {
          throw this.failure(
            err,
            deadline,
            signal,
            () => new EngineError('server-unreachable', `${what}: ${describeError(err)}`, { cause: err }),
          );
        }
        if (res.ok) {
          try {
            return await read(res, deadline);
          } catch (err) {
            throw this.failure(
              err,
              deadline,
              signal,
              () => new EngineError('server-stream-cut', `${what}: ${describeError(err)}`, { cause: err }),
            );
          }
        }
        const text = await res.text().catch(() => '');
        if (!RETRY_STATUSES.has(res.status) || attempt >= this.options.maxRetries) throw httpError(res.status, text, what);
        const wait = retryDelayMs(res.headers.get('Retry-After'), attempt, this.options.retryBaseMs);
        if (wait > this.options.maxRetryWaitMs) throw httpError(res.status, `${text} (asked to wait ${Math.round(wait / 1000)} s)`, what);
        deadline.dispose();
        await sleep(wait, signal);
      } finally {
        deadline.dispose();
      }
    }
  }

  /** What a thrown error means: the user's stop, a deadline, an error already typed, or `fallback`. */
  private failure(err: unknown, deadline: Deadline, signal: AbortSignal | undefined, fallback: () => EngineError): EngineError {
    if (signal?.aborted) return new EngineError('aborted', 'stopped');
    if (deadline.expired)
      return new EngineError('server-timeout', `${hostOf(this.entry?.url ?? '')} sent nothing for too long`, { cause: err });
    if (err instanceof EngineError) return err;
    return fallback();
  }
}

/** A fresh engine for the page (module-level singleton in `index.ts`). */
export const createOpenAIEngine = (options?: OpenAIEngineOptions) => new OpenAIEngine(options);
