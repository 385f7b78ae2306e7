/**
 * The model options the corpus CLIs share (`npm run eval`, `npm run extract`): which engine, which server, and how
 * hard to push it. Only `openai` (an OpenAI-compatible server) runs from the command line; the in-page engines need
 * a browser.
 *
 *   --engine openai --base-url URL --model NAME [--api-key KEY] [--prompt-format taiyi|native]
 *   [--concurrency N] [--max-tokens N] [--timeout SECONDS] [--retries N]
 *   [--grammar on|off] [--server-grammar auto|llama-server|vllm|vllm-guided|none]
 *
 * The key may also come from the environment (`TAIYI_API_KEY`), which keeps it out of shell history.
 */
import type { TaskGrammar } from '../../src/core/grammar/index.ts';
import { SERVER_GRAMMARS, type ServerGrammar } from '../../src/core/model-entry.ts';
import { toEngineError } from '../../src/engine/errors.ts';
import { OpenAIEngine } from '../../src/engine/openai.ts';
import { normalizeBaseUrl } from '../../src/engine/openai-http.ts';
import type { ModelEntry, SamplingParams } from '../../src/engine/types.ts';

export const ENGINE_USAGE = `  --engine openai --base-url URL --model NAME   an OpenAI-compatible server (vLLM, llama-server, MLC serve)
  [--api-key KEY]            or TAIYI_API_KEY in the environment
  [--prompt-format taiyi|native]  taiyi (default): /v1/completions with Taiyi's raw format; native: /v1/chat/completions
  [--concurrency N]          requests in flight at once (default 1); the server batches them
  [--max-tokens N]           answer length limit (default 500)
  [--timeout SECONDS]        how long the server may stay silent (default 120)
  [--retries N]              retries of a 429/503 answer (default 3)
  [--grammar on|off]         on: constrain each answer to its task's format (default off)
  [--server-grammar auto|llama-server|vllm|vllm-guided|none]  how the server takes the grammar: llama-server's GBNF
                             "grammar", vLLM's "structured_outputs" (vllm-guided: "guided_grammar", vLLM before
                             0.10.2); auto (default): from what the server's /models says it is`;

export class UsageError extends Error {}

export interface EngineOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  promptFormat: ModelEntry['prompt_format'];
  concurrency: number;
  maxTokens: number;
  timeoutMs: number;
  retries: number;
  /** Constrain answers to their task's grammar. */
  grammar: boolean;
  serverGrammar: ServerGrammar | 'auto';
}

const ENGINE_FLAGS = [
  '--engine',
  '--base-url',
  '--model',
  '--api-key',
  '--prompt-format',
  '--concurrency',
  '--max-tokens',
  '--timeout',
  '--retries',
  '--grammar',
  '--server-grammar',
];

/**
 * Takes the flags named in `flags` (each with a value; `--flag=value` works too) out of `argv`.
 * @returns the values by flag (last one wins) and the remaining arguments, in order
 * @throws UsageError when a flag has no value
 */
export function takeFlags(
  argv: readonly string[],
  flags: readonly string[],
  switches: readonly string[] = [],
): { values: Map<string, string>; rest: string[] } {
  const values = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (switches.includes(name)) values.set(name, 'true');
    else if (flags.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`${name} needs a value`);
      values.set(name, value);
    } else rest.push(arg);
  }
  return { values, rest };
}

const whole = (name: string, value: string | undefined, fallback: number, min = 1): number => {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`${name} needs a whole number of at least ${min}, not "${value}"`);
  return Number(value);
};

/**
 * Reads the engine flags out of `argv`.
 * @returns the options (null when no `--engine` is given) and the other arguments
 * @throws UsageError
 */
export function takeEngineOptions(
  argv: readonly string[],
  env: Record<string, string | undefined> = process.env,
): { options: EngineOptions | null; rest: string[] } {
  const { values, rest } = takeFlags(argv, ENGINE_FLAGS);
  const engine = values.get('--engine');
  if (engine === undefined) {
    const stray = ENGINE_FLAGS.find((f) => values.has(f));
    if (stray) throw new UsageError(`${stray} needs --engine openai`);
    return { options: null, rest };
  }
  if (engine !== 'openai')
    throw new UsageError(`--engine ${engine}: only "openai" runs from the command line (the other engines need a browser)`);
  const base = values.get('--base-url');
  const model = values.get('--model');
  if (!base) throw new UsageError('--engine openai needs --base-url (e.g. http://localhost:8000/v1)');
  if (!model) throw new UsageError('--engine openai needs --model (the name the server serves)');
  let baseUrl: string;
  try {
    baseUrl = normalizeBaseUrl(base);
  } catch {
    throw new UsageError(`--base-url "${base}" is not an http(s) URL`);
  }
  const format = values.get('--prompt-format') ?? 'taiyi';
  if (format !== 'taiyi' && format !== 'native') throw new UsageError(`--prompt-format is taiyi or native, not "${format}"`);
  const grammar = values.get('--grammar') ?? 'off';
  if (grammar !== 'on' && grammar !== 'off') throw new UsageError(`--grammar takes on or off, not "${grammar}"`);
  const serverGrammar = values.get('--server-grammar') ?? 'auto';
  const kinds: readonly string[] = ['auto', ...SERVER_GRAMMARS];
  if (!kinds.includes(serverGrammar)) throw new UsageError(`--server-grammar is one of ${kinds.join(', ')}, not "${serverGrammar}"`);
  return {
    options: {
      baseUrl,
      model,
      apiKey: values.get('--api-key') ?? env.TAIYI_API_KEY,
      promptFormat: format,
      concurrency: whole('--concurrency', values.get('--concurrency'), 1),
      maxTokens: whole('--max-tokens', values.get('--max-tokens'), 500),
      timeoutMs: whole('--timeout', values.get('--timeout'), 120) * 1000,
      retries: whole('--retries', values.get('--retries'), 3, 0),
      grammar: grammar === 'on',
      serverGrammar: serverGrammar as EngineOptions['serverGrammar'],
    },
    rest,
  };
}

/** A connected server with the greedy sampling the CLIs score with, and a way to ask it one prompt. */
export interface Connected {
  engine: OpenAIEngine;
  params: SamplingParams;
  /** One answer, constrained to `grammar` when `--grammar on` and one is given. */
  ask(prompt: string, grammar?: TaskGrammar | null): Promise<string>;
  /** Says how many answers ran unconstrained because the server refused their grammar (nothing when none did). */
  reportRefusals(io: { err(t: string): void }): void;
}

/**
 * Loads the engine (the server is asked for its models), printing why when it cannot: the server fails, or
 * `--grammar on` is asked of a server not known to take grammars (it would run every answer unconstrained).
 * @returns null after printing the error
 */
export async function connectEngine(options: EngineOptions, io: { err(t: string): void }): Promise<Connected | null> {
  const engine = new OpenAIEngine({ maxRetries: options.retries, responseTimeoutMs: options.timeoutMs, idleTimeoutMs: options.timeoutMs });
  const entry: ModelEntry = {
    id: `server:${options.baseUrl}#${options.model}`,
    label: options.model,
    engine: 'openai',
    url: options.baseUrl,
    server_model: options.model,
    server_grammar: options.serverGrammar,
    quantization: '',
    context_window_size: 2048,
    prompt_format: options.promptFormat,
    languages: ['en', 'zh'],
  };
  try {
    await engine.load({ entry, apiKey: options.apiKey }, () => undefined);
  } catch (e) {
    const err = toEngineError(e);
    io.err(`error: ${err.code}: ${err.detail ?? ''}\n`);
    return null;
  }
  if (options.grammar && !engine.supportsGrammar) {
    const how =
      options.serverGrammar === 'none' ? '--server-grammar none sends no grammar' : `${options.baseUrl} is not known to take grammars`;
    io.err(
      `error: --grammar on: ${how}; name how it takes them with --server-grammar llama-server|vllm|vllm-guided, or use --grammar off\n`,
    );
    return null;
  }
  const params: SamplingParams = { temperature: 0, top_p: 1, max_tokens: options.maxTokens, greedy: true };
  let refused = 0;
  let reason = '';
  return {
    engine,
    params,
    ask: async (prompt, grammar) => {
      const constrain = options.grammar && grammar ? { grammar } : {};
      const result = await engine.generate({ turns: [{ role: 'user', content: prompt }], params, ...constrain }, () => undefined);
      if (result.grammar === 'rejected') {
        refused++;
        reason ||= result.grammarError ?? '';
      }
      return result.text;
    },
    reportRefusals: (io) => {
      if (refused) io.err(`warning: the server refused the answer grammar of ${refused} request(s), which ran unconstrained: ${reason}\n`);
    },
  };
}
