/**
 * The model registry: `public/models.json`, written by whoever deploys the page. It is validated entry by entry with
 * messages that name the entry and the field; a broken entry is left out, the others still load.
 *
 * Relative URLs resolve against the model base: `VITE_TAIYI_BASE_URL` when the page was built with it, otherwise
 * `models/` beside the page. So `"taiyi-llm-q4f16_1/resolve/main/"` is same-origin by default and points at
 * e.g. `https://huggingface.co/<org>/taiyi-llm-q4f16_1/resolve/main/` with `VITE_TAIYI_BASE_URL=https://huggingface.co/<org>/`.
 */
import type { ModelEntry } from './types';
import { mlcModelUrl } from '../core/modelkit/urls';
import { REGISTRY_FILE, registryUrl, takeRegistryResponse } from './registryRequest';

export { REGISTRY_FILE, registryUrl };

export interface RegistryResult {
  /** The valid entries, in file order (the first one is the default). URLs are absolute. */
  entries: ModelEntry[];
  /** One precise line per problem; empty when the file is fine. */
  problems: string[];
}

const FIELDS = new Set([
  'id',
  'label',
  'engine',
  'url',
  'urls',
  'model_lib',
  'quantization',
  'vram_required_MB',
  'buffer_size_required_bytes',
  'size_MB',
  'context_window_size',
  'required_features',
  'prompt_format',
  'languages',
  'integrity',
  'overrides',
  'defaults',
  'source',
  'license',
]);
const SRI = /^sha(?:256|384|512)-[A-Za-z0-9+/]+={0,2}$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The base that relative model URLs resolve against (see the module comment).
 * @param configured the build-time base (`VITE_TAIYI_BASE_URL`); empty or undefined means `models/` beside the page
 */
export function modelBaseUrl(pageUrl: string, configured?: string): string {
  const base = configured?.trim() ? new URL(configured.trim(), pageUrl).href : new URL('models/', pageUrl).href;
  return base.endsWith('/') ? base : `${base}/`;
}

/** A `.gguf` URL, query string allowed (wllama refuses anything else). */
export const isGgufUrl = (url: string) => /\.gguf(?:\?.*)?$/i.test(url);

class EntryChecker {
  readonly problems: string[] = [];
  constructor(
    private readonly where: string,
    private readonly raw: Record<string, unknown>,
    private readonly base: string,
  ) {}

  problem(field: string, message: string) {
    this.problems.push(`${this.where}, field "${field}": ${message}`);
  }

  string(field: string, required: boolean): string | undefined {
    const v = this.raw[field];
    if (v === undefined) {
      if (required) this.problem(field, 'is missing');
      return undefined;
    }
    if (typeof v !== 'string' || !v.trim()) {
      this.problem(field, `must be a non-empty string, got ${JSON.stringify(v)}`);
      return undefined;
    }
    return v.trim();
  }

  number(field: string, required: boolean, integer = false): number | undefined {
    const v = this.raw[field];
    if (v === undefined) {
      if (required) this.problem(field, 'is missing');
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
      this.problem(field, `must be a positive ${integer ? 'integer' : 'number'}, got ${JSON.stringify(v)}`);
      return undefined;
    }
    return v;
  }

  oneOf<T extends string>(field: string, options: readonly T[]): T | undefined {
    const v = this.raw[field];
    if (typeof v === 'string' && (options as readonly string[]).includes(v)) return v as T;
    this.problem(
      field,
      v === undefined ? 'is missing' : `must be one of ${options.map((o) => `"${o}"`).join(', ')}, got ${JSON.stringify(v)}`,
    );
    return undefined;
  }

  strings(field: string, required: boolean): string[] | undefined {
    const v = this.raw[field];
    if (v === undefined) {
      if (required) this.problem(field, 'is missing');
      return undefined;
    }
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || !s.trim())) {
      this.problem(field, `must be an array of non-empty strings, got ${JSON.stringify(v)}`);
      return undefined;
    }
    return v as string[];
  }

  object(field: string): Record<string, unknown> | undefined {
    const v = this.raw[field];
    if (v === undefined) return undefined;
    if (!v || typeof v !== 'object' || Array.isArray(v)) {
      this.problem(field, `must be an object, got ${JSON.stringify(v)}`);
      return undefined;
    }
    return v as Record<string, unknown>;
  }

  /** Resolves a URL field; only http(s) results are usable by the engines. */
  url(field: string, value: string): string | undefined {
    try {
      const url = new URL(value, this.base);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
      this.problem(field, `must be an http(s) URL or a relative path, got "${value}"`);
    } catch {
      this.problem(field, `is not a valid URL: "${value}"`);
    }
    return undefined;
  }
}

function checkIntegrity(c: EntryChecker, integrity: Record<string, unknown>) {
  for (const [key, value] of Object.entries(integrity)) {
    if (key === 'tokenizer') {
      const ok = value && typeof value === 'object' && Object.values(value).every((h) => typeof h === 'string' && SRI.test(h));
      if (!ok) c.problem('integrity.tokenizer', 'must map tokenizer file names to SRI hashes ("sha256-…")');
    } else if (key === 'config' || key === 'model_lib' || key === 'file') {
      if (typeof value !== 'string' || !SRI.test(value))
        c.problem(`integrity.${key}`, `must be an SRI hash ("sha256-…"), got ${JSON.stringify(value)}`);
    } else if (key !== 'onFailure') {
      c.problem(`integrity.${key}`, 'is not a known integrity field (config, model_lib, tokenizer, file)');
    }
  }
}

function checkDefaults(c: EntryChecker, defaults: Record<string, unknown>) {
  const range = (key: string, ok: (n: number) => boolean, what: string) => {
    const v = defaults[key];
    if (v !== undefined && (typeof v !== 'number' || !ok(v))) c.problem(`defaults.${key}`, `must be ${what}, got ${JSON.stringify(v)}`);
  };
  range('temperature', (n) => n >= 0 && n <= 2, 'a number from 0 to 2');
  range('top_p', (n) => n > 0 && n <= 1, 'a number above 0 and at most 1');
  range('max_tokens', (n) => Number.isInteger(n) && n > 0, 'a positive integer');
}

/** Validates one raw entry; returns the entry (URLs made absolute) or undefined, plus its problems. */
function checkEntry(raw: unknown, index: number, base: string): { entry?: ModelEntry; problems: string[] } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { problems: [`${REGISTRY_FILE}: model #${index + 1} must be an object, got ${JSON.stringify(raw)}`] };
  }
  const r = raw as Record<string, unknown>;
  const name = typeof r.id === 'string' ? ` ("${r.id}")` : '';
  const c = new EntryChecker(`${REGISTRY_FILE}: model #${index + 1}${name}`, r, base);

  for (const key of Object.keys(r)) if (!FIELDS.has(key) && !key.startsWith('$')) c.problem(key, 'is not a known field (typo?)');
  const id = c.string('id', true);
  if (id && !ID.test(id)) c.problem('id', `may only contain letters, digits, ".", "_" and "-", got "${id}"`);
  const label = c.string('label', true);
  const engine = c.oneOf('engine', ['webllm', 'gguf'] as const);
  const rawUrl = c.string('url', true);
  let url = rawUrl === undefined ? undefined : c.url('url', rawUrl);
  const quantization = c.string('quantization', true);
  const context = c.number('context_window_size', true, true);
  const promptFormat = c.oneOf('prompt_format', ['taiyi', 'native'] as const);
  const languages = c.strings('languages', true);
  const features = c.strings('required_features', false);
  const vram = c.number('vram_required_MB', false);
  const bufferBytes = c.number('buffer_size_required_bytes', false, true);
  const size = c.number('size_MB', false);
  const source = c.string('source', false);
  const license = c.string('license', false);
  const integrity = c.object('integrity');
  if (integrity) checkIntegrity(c, integrity);
  const overrides = c.object('overrides');
  const defaults = c.object('defaults');
  if (defaults) checkDefaults(c, defaults);

  let modelLib: string | undefined;
  let urls: string[] | undefined;
  if (engine === 'webllm') {
    if (url) url = mlcModelUrl(url);
    const lib = c.string('model_lib', true);
    if (lib) modelLib = c.url('model_lib', lib);
    if (r.urls !== undefined) c.problem('urls', 'is for split GGUF models only');
  } else if (engine === 'gguf') {
    if (url && !isGgufUrl(url)) c.problem('url', `must point at a .gguf file, got "${rawUrl}"`);
    if (r.model_lib !== undefined) c.problem('model_lib', 'is for WebLLM models only');
    const parts = c.strings('urls', false);
    if (parts) {
      urls = parts.map((p, i) => c.url(`urls[${i}]`, p)).filter((u): u is string => !!u);
      if (urls.some((u) => !isGgufUrl(u))) c.problem('urls', 'must all point at .gguf files');
      if (url && urls[0] !== url) c.problem('urls', 'must start with the file given in "url"');
    }
  }

  if (c.problems.length) return { problems: c.problems };
  const entry: ModelEntry = {
    id: id!,
    label: label!,
    engine: engine!,
    url: url!,
    quantization: quantization!,
    context_window_size: context!,
    prompt_format: promptFormat!,
    languages: languages!,
  };
  if (urls) entry.urls = urls;
  if (modelLib) entry.model_lib = modelLib;
  if (vram !== undefined) entry.vram_required_MB = vram;
  if (bufferBytes !== undefined) entry.buffer_size_required_bytes = bufferBytes;
  if (size !== undefined) entry.size_MB = size;
  if (features) entry.required_features = features;
  if (integrity) entry.integrity = integrity as ModelEntry['integrity'];
  if (overrides) entry.overrides = overrides;
  if (defaults) entry.defaults = defaults as ModelEntry['defaults'];
  if (source) entry.source = source;
  if (license) entry.license = license;
  return { entry, problems: [] };
}

/**
 * Validates parsed `models.json` content: `{ "models": [ … ] }` (or a bare array).
 * @param base the model base URL that relative URLs resolve against (see `modelBaseUrl`).
 */
export function validateRegistry(data: unknown, base: string): RegistryResult {
  const list = Array.isArray(data) ? data : data && typeof data === 'object' ? (data as { models?: unknown }).models : undefined;
  if (!Array.isArray(list)) {
    return {
      entries: [],
      problems: [`${REGISTRY_FILE}: expected an object with a "models" array, got ${JSON.stringify(data)?.slice(0, 80)}`],
    };
  }
  const entries: ModelEntry[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  list.forEach((raw, index) => {
    const checked = checkEntry(raw, index, base);
    problems.push(...checked.problems);
    if (!checked.entry) return;
    if (seen.has(checked.entry.id)) {
      problems.push(`${REGISTRY_FILE}: model #${index + 1} ("${checked.entry.id}"), field "id": is used by an earlier model`);
      return;
    }
    seen.add(checked.entry.id);
    entries.push(checked.entry);
  });
  if (!list.length) problems.push(`${REGISTRY_FILE}: the "models" array is empty`);
  return { entries, problems };
}

/** The model base of this page (see `modelBaseUrl`), with the build's `VITE_TAIYI_BASE_URL`. */
export const pageModelBase = (pageUrl: string = document.baseURI) =>
  modelBaseUrl(pageUrl, import.meta.env.VITE_TAIYI_BASE_URL as string | undefined);

/** Parses and validates the text of `models.json`; bad JSON is a problem, not an exception. */
export function parseRegistry(text: string, base: string): RegistryResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { entries: [], problems: [`${REGISTRY_FILE} is not valid JSON: ${(err as Error).message}`] };
  }
  return validateRegistry(data, base);
}

/**
 * Fetches and validates the registry. Never throws: an unreachable file is reported as a problem.
 * @param pageUrl the page's URL (`document.baseURI`); the registry sits beside the page.
 * @param fetchImpl another fetch than the page's (which takes the request the page started ahead, if any)
 */
export async function loadRegistry(pageUrl: string = document.baseURI, fetchImpl?: typeof fetch): Promise<RegistryResult> {
  const url = registryUrl(pageUrl);
  let text: string;
  try {
    const response = await takeRegistryResponse(url, fetchImpl);
    if (!response.ok) return { entries: [], problems: [`${REGISTRY_FILE} could not be loaded from ${url}: HTTP ${response.status}`] };
    text = await response.text();
  } catch (err) {
    return { entries: [], problems: [`${REGISTRY_FILE} could not be loaded from ${url}: ${String(err)}`] };
  }
  return parseRegistry(text, pageModelBase(pageUrl));
}
