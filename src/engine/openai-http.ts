/**
 * How an OpenAI-compatible server says no, read into `EngineError` codes. vLLM, llama.cpp's llama-server and MLC
 * serve all answer `{"error": {"message", "type", "code"}}` (llama-server and vLLM also `{"message"}` or plain
 * text on some paths), but word the same failure differently: a too-long prompt is vLLM's "This model's maximum
 * context length is 2048 tokens. However, you requested …" and llama-server's "the request exceeds the available
 * context size" (type `exceed_context_size_error`). Pure functions: the unit tests run them in Node.
 */
import type { TaskGrammar } from '../core/grammar';
import type { ServerGrammar } from '../core/model-entry';
import { EngineError } from './errors';

export { normalizeBaseUrl } from './server-url';

/** Statuses that mean "not now": retried with backoff, honouring `Retry-After`. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 503]);

const CONTEXT_WORDINGS =
  /maximum context length|maximum model length|exceed_context_size|exceeds? the available context|context (?:window|size|length) (?:exceeded|is too small)|prompt is too long|too many tokens/i;

/** The server's own words from an error body (JSON or text), trimmed to something showable. */
export function serverMessage(body: string): string {
  let message = body.trim();
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const p = parsed as { error?: unknown; message?: unknown; detail?: unknown };
      const e = p.error;
      const inner = e && typeof e === 'object' ? (e as { message?: unknown; type?: unknown }) : undefined;
      const text = inner?.message ?? (typeof e === 'string' ? e : undefined) ?? p.message ?? p.detail;
      if (typeof text === 'string') message = inner && typeof inner.type === 'string' ? `${text} (${inner.type})` : text;
    }
  } catch {
    // not JSON: the text itself
  }
  return message.length > 500 ? `${message.slice(0, 500)}…` : message;
}

/**
 * The error for an HTTP failure of `what` (e.g. `POST http://host/v1/completions`).
 * 429 and 503 only reach here once retries are used up.
 */
export function httpError(status: number, body: string, what: string): EngineError {
  const message = serverMessage(body);
  const detail = `HTTP ${status} from ${what}${message ? `: ${message}` : ''}`;
  if (status === 401 || status === 403) return new EngineError('server-auth', detail);
  if (status === 404) return new EngineError('server-model-missing', detail);
  if (RETRY_STATUSES.has(status)) return new EngineError('server-busy', detail);
  if ((status === 400 || status === 413 || status === 422) && CONTEXT_WORDINGS.test(body))
    return new EngineError('context-overflow', detail);
  return new EngineError('server-error', detail);
}

/**
 * How long to wait before retry number `attempt` (0-based): the server's `Retry-After` (seconds or an HTTP date)
 * when it gives one, otherwise exponential backoff from `baseMs`.
 */
export function retryDelayMs(retryAfter: string | null, attempt: number, baseMs: number, now = Date.now()): number {
  const value = retryAfter?.trim();
  if (value) {
    if (/^\d+(?:\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  return baseMs * 2 ** attempt;
}

/** `base` (…/v1) joined with an endpoint path (`/completions`). */
export function endpoint(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

/** The request fields that carry an answer grammar to a server that takes it the `kind` way (none for `none`). */
export function grammarFields(kind: ServerGrammar, grammar: TaskGrammar): Record<string, unknown> {
  switch (kind) {
    case 'llama-server':
      return { grammar: grammar.gbnf };
    case 'vllm':
      return { structured_outputs: { grammar: grammar.ebnf } };
    case 'vllm-guided':
      return { guided_grammar: grammar.ebnf };
    case 'none':
      return {};
  }
}

/**
 * How a server takes grammars, told from its `/models` entry: llama-server lists `owned_by: "llamacpp"`, vLLM
 * `"vllm"`. Anything else gets `none`: a field the server does not know would be ignored, and the answer would
 * pass as constrained when it was not.
 */
export function detectServerGrammar(listed: { owned_by?: unknown }): ServerGrammar {
  if (listed.owned_by === 'llamacpp') return 'llama-server';
  if (listed.owned_by === 'vllm') return 'vllm';
  return 'none';
}
