/**
 * What the page remembers about model servers: the server models added (base URL, model name, prompt format, no
 * key), which hosts the user agreed to send text to (once per host), and API keys. A key lives in memory for this visit; only when the user ticks "remember on this device" is it written
 * to localStorage (by model id), and removing the model forgets it.
 */
import { normalizeBaseUrl } from '../engine';
import type { ModelEntry, PromptFormat } from '../engine/types';
import { SERVER_GRAMMARS, type ServerGrammar } from '../core/model-entry';

const MODELS_KEY = 'taiyi.serverModels';
const CONSENT_KEY = 'taiyi.serverConsent';
const KEYS_KEY = 'taiyi.serverKeys';

const memoryKeys = new Map<string, string>();

function readJson<T>(key: string, fallback: T): T {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
    return value && typeof value === typeof fallback ? (value as T) : fallback;
  } catch {
    return fallback;
  }
}

function writeJson(key: string, value: unknown) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or disabled: it holds for this visit only
  }
}

const consented = () => readJson<string[]>(CONSENT_KEY, []).filter((o) => typeof o === 'string');

/** Whether the user already agreed to send text to this origin (`http://host:port`). */
export const hasConsent = (origin: string) => consented().includes(origin);

export function giveConsent(origin: string) {
  if (!hasConsent(origin)) writeJson(CONSENT_KEY, [...consented(), origin]);
}

/** The API key of a server model: this visit's, else the remembered one. */
export function serverKey(id: string): string | undefined {
  return memoryKeys.get(id) ?? readJson<Record<string, string>>(KEYS_KEY, {})[id];
}

/** Keeps a key for this visit, and on this device only when `remember` is set (an unticked box forgets it). */
export function setServerKey(id: string, key: string | undefined, remember: boolean) {
  const stored = readJson<Record<string, string>>(KEYS_KEY, {});
  delete stored[id];
  if (key) {
    memoryKeys.set(id, key);
    if (remember) stored[id] = key;
  } else memoryKeys.delete(id);
  writeJson(KEYS_KEY, stored);
}

export function forgetServerKey(id: string) {
  setServerKey(id, undefined, false);
}

/** What makes a server model. */
export interface ServerModelSpec {
  /** The API base URL (`…/v1`). */
  baseUrl: string;
  model: string;
  promptFormat: PromptFormat;
  /** How the server takes answer grammars; `auto` (the default) reads it from the server's model list. */
  serverGrammar?: ServerGrammar | 'auto';
}

/** The grammar fields a server may take, `auto` first (the default). */
export const SERVER_GRAMMAR_CHOICES: readonly (ServerGrammar | 'auto')[] = ['auto', ...SERVER_GRAMMARS];

const isServerGrammar = (v: unknown): v is ServerGrammar | 'auto' => SERVER_GRAMMAR_CHOICES.includes(v as ServerGrammar);

/**
 * The entry of a model on a server.
 * @throws TypeError when the base URL is not http(s) or the model name is empty
 */
export function serverEntry(spec: ServerModelSpec): ModelEntry {
  const baseUrl = normalizeBaseUrl(spec.baseUrl);
  const model = spec.model.trim();
  if (!model) throw new TypeError('a server model needs a model name');
  return {
    id: `server:${baseUrl}#${model}`,
    label: `${model} @ ${new URL(baseUrl).host}`,
    engine: 'openai',
    url: baseUrl,
    server_model: model,
    quantization: '',
    context_window_size: 2048,
    prompt_format: spec.promptFormat === 'native' ? 'native' : 'taiyi',
    ...(spec.serverGrammar && spec.serverGrammar !== 'auto' ? { server_grammar: spec.serverGrammar } : {}),
    languages: ['en', 'zh'],
    user_added: true,
  };
}

/** Remembers the server models among `entries` (never their keys). */
export function saveServerModels(entries: readonly ModelEntry[]) {
  const specs = entries
    .filter((e) => e.engine === 'openai' && e.user_added && e.server_model)
    .map((e): ServerModelSpec => ({
      baseUrl: e.url,
      model: e.server_model!,
      promptFormat: e.prompt_format,
      ...(e.server_grammar && e.server_grammar !== 'auto' ? { serverGrammar: e.server_grammar } : {}),
    }));
  writeJson(MODELS_KEY, specs);
}

/** The server models added on earlier visits, rebuilt through the same checks; a bad record is left out. */
export function savedServerModels(): ModelEntry[] {
  const saved = readJson<unknown[]>(MODELS_KEY, []);
  return (Array.isArray(saved) ? saved : []).flatMap((raw) => {
    const r = raw as Partial<ServerModelSpec> | null;
    if (!r || typeof r.baseUrl !== 'string' || typeof r.model !== 'string' || (r.promptFormat !== 'taiyi' && r.promptFormat !== 'native'))
      return [];
    try {
      const serverGrammar = isServerGrammar(r.serverGrammar) ? r.serverGrammar : undefined;
      return [serverEntry({ baseUrl: r.baseUrl, model: r.model, promptFormat: r.promptFormat, serverGrammar })];
    } catch {
      return [];
    }
  });
}
