/**
 * Models the user adds at run time: by URL (a `.gguf` file, or a WebLLM model folder) or by picking local `.gguf`
 * files. They get a registry entry like any other, marked `user_added`.
 */
import { mlcModelUrl } from '../core/modelkit/urls';
import { isGgufUrl } from './registry';
import type { EngineKind, ModelEntry, PromptFormat } from './types';

/** Thrown for an address that cannot be a model URL; the message says why. */
export class ModelUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelUrlError';
  }
}

const QUANT = /(q\d+f\d+_\d|i?q\d_(?:k(?:_[sml])?|\d|xxs|xs|s|m|nl)|bf16|f16|f32)/i;
// Taiyi 1 (Qwen-7B based) speaks its own wire format; Taiyi 2 is GLM-4 and brings a chat template instead
const looksLikeTaiyi1 = (name: string) => /taiyi/i.test(name) && !/taiyi[-_ ]?2/i.test(name);

function basics(name: string): { quantization: string; prompt_format: PromptFormat; languages: string[] } {
  const taiyi = looksLikeTaiyi1(name);
  return {
    quantization: QUANT.exec(name)?.[1] ?? '',
    prompt_format: taiyi ? 'taiyi' : 'native',
    languages: taiyi ? ['en', 'zh'] : [],
  };
}

/**
 * An entry for a model given by URL. A URL ending in `.gguf` uses the GGUF engine unless `engine` says otherwise;
 * anything else is taken as a WebLLM model folder, whose model library is expected beside the weights as
 * `<folder name>-webgpu.wasm` unless `options.modelLib` names it.
 * The entry's id is the absolute URL, so adding the same URL twice gives the same entry.
 * @throws ModelUrlError when the address is not an absolute http(s) URL, or not a `.gguf` file for the GGUF engine.
 */
export function entryFromUrl(url: string, pageUrl: string, engine?: EngineKind, options: { modelLib?: string } = {}): ModelEntry {
  let parsed: URL;
  try {
    parsed = new URL(url.trim(), pageUrl);
  } catch {
    throw new ModelUrlError(`"${url}" is not a valid URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ModelUrlError(`"${url}" is not an http(s) URL`);
  const href = parsed.href;
  const kind: EngineKind = engine ?? (isGgufUrl(href) ? 'gguf' : 'webllm');
  const segments = parsed.pathname.split('/').filter(Boolean);

  if (kind === 'gguf') {
    if (!isGgufUrl(href)) throw new ModelUrlError(`"${url}" does not point at a .gguf file`);
    const file = decodeURIComponent(segments.at(-1) ?? 'model.gguf');
    return {
      id: href,
      label: file,
      engine: 'gguf',
      url: href,
      context_window_size: 2048,
      ...basics(file),
      user_added: true,
    };
  }

  const folderUrl = mlcModelUrl(href.split(/[?#]/)[0]!);
  const resolveAt = segments.lastIndexOf('resolve');
  const name = decodeURIComponent((resolveAt > 0 ? segments[resolveAt - 1] : segments.at(-1)) ?? 'model');
  const modelLib = options.modelLib ? new URL(options.modelLib, pageUrl).href : new URL(`${name}-webgpu.wasm`, folderUrl).href;
  const b = basics(name);
  return {
    id: folderUrl,
    label: name,
    engine: 'webllm',
    url: folderUrl,
    model_lib: modelLib,
    // the model's own mlc-chat-config.json decides; no override, so this is informational only
    context_window_size: 2048,
    ...b,
    required_features: /f16/i.test(b.quantization) ? ['shader-f16'] : [],
    user_added: true,
  };
}

/**
 * An entry for the user's own `.gguf` file(s); several files are the parts of one split model.
 * The files themselves stay with the caller and go to `loadModel({ entry, files })`.
 * @throws ModelUrlError when no file is given.
 */
export function entryFromFiles(files: readonly File[]): ModelEntry {
  if (!files.length) throw new ModelUrlError('no file was picked');
  const sorted = [...files].sort((a, b) => a.name.localeCompare(b.name));
  const first = sorted[0]!;
  const bytes = sorted.reduce((sum, f) => sum + f.size, 0);
  return {
    // name and size tell two picks of the same file from different files without reading them
    id: `local:${first.name}:${bytes}`,
    label: sorted.length > 1 ? `${first.name.replace(/-\d{5}-of-\d{5}\.gguf$/i, '')} (${sorted.length} parts)` : first.name,
    engine: 'gguf',
    url: `local:${first.name}`,
    size_MB: bytes / 1024 ** 2, // exact: a 4 KB file must not show as 1 MB
    context_window_size: 2048,
    ...basics(first.name),
    user_added: true,
  };
}

/** What is remembered of a model added by URL: everything else is derived again from the URL when it is read. */
export interface SavedUserModel {
  url: string;
  engine: EngineKind;
  label: string;
}

/** The stored list of models added by URL; the version changes whenever `SavedUserModel` does. */
export interface SavedUserModels {
  version: typeof SAVED_USER_MODELS_VERSION;
  models: SavedUserModel[];
}

export const SAVED_USER_MODELS_VERSION = 1;
const SAVED_FIELDS = new Set(['url', 'engine', 'label']);
const MAX_LABEL = 200;

/** The models added by URL among `entries`, as they are stored (picked files are not: they would point at nothing). */
export function savedUserModels(entries: readonly ModelEntry[]): SavedUserModels {
  const models = entries.filter((e) => e.user_added && /^https?:/.test(e.url)).map(({ url, engine, label }) => ({ url, engine, label }));
  return { version: SAVED_USER_MODELS_VERSION, models };
}

/**
 * Rebuilds saved models added by URL through the same checks as adding them (`entryFromUrl`), so stored data is
 * never trusted as an entry. A list written before versions existed (whole entries) keeps its URLs, engines and
 * labels. Never throws: each record left out comes with the reason.
 * @param saved the parsed stored value (undefined when nothing is stored)
 */
export function restoreUserModels(saved: unknown, pageUrl: string): { entries: ModelEntry[]; problems: string[] } {
  if (saved === undefined || saved === null) return { entries: [], problems: [] };
  const legacy = Array.isArray(saved);
  const list = legacy ? saved : (saved as Partial<SavedUserModels>).models;
  if (!legacy && ((saved as Partial<SavedUserModels>).version !== SAVED_USER_MODELS_VERSION || !Array.isArray(list))) {
    return { entries: [], problems: [`saved models: not a version ${SAVED_USER_MODELS_VERSION} list of models, ignored`] };
  }
  const entries: ModelEntry[] = [];
  const problems: string[] = [];
  (list as unknown[]).forEach((raw, i) => {
    const where = `saved model #${i + 1}`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return problems.push(`${where}: not an object`);
    const { url, engine, label } = raw as Record<string, unknown>;
    const extra = legacy ? [] : Object.keys(raw).filter((k) => !SAVED_FIELDS.has(k));
    if (extra.length) return problems.push(`${where}: unexpected field "${extra[0]}"`);
    if (typeof url !== 'string') return problems.push(`${where}: "url" must be a string`);
    if (engine !== 'webllm' && engine !== 'gguf') return problems.push(`${where}: "engine" must be "webllm" or "gguf"`);
    if (typeof label !== 'string' || !label.trim() || label.length > MAX_LABEL)
      return problems.push(`${where}: "label" must be a non-empty string of at most ${MAX_LABEL} characters`);
    try {
      entries.push({ ...entryFromUrl(url, pageUrl, engine), label: label.trim() });
    } catch (err) {
      problems.push(`${where}: ${(err as Error).message}`);
    }
  });
  return { entries, problems };
}
