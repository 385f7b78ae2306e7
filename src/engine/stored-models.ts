/**
 * What the browser holds of each model, worked out from plain listings: WebLLM's three Cache Storage scopes,
 * wllama's download cache (OPFS) and the GGUF files the user asked to keep. Pure functions over data the storage
 * module reads, so the grouping is tested without a browser.
 */
import type { EngineKind, ModelEntry } from './types';

/** WebLLM's cache scopes (Cache Storage names): config, weights and tokenizer, compiled model library. */
export const WEBLLM_SCOPES = ['webllm/config', 'webllm/model', 'webllm/wasm'] as const;
export type WebllmScope = (typeof WEBLLM_SCOPES)[number];

export const WEBLLM_CONFIG = 'mlc-chat-config.json';
export const WEBLLM_TENSOR_CACHE = 'tensor-cache.json';
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** One response in one of WebLLM's caches. */
export interface CachedFile {
  scope: WebllmScope;
  url: string;
  bytes: number;
}

/** One file in wllama's download cache. `url` is empty for files saved without metadata. */
export interface GgufCachedFile {
  name: string;
  url: string;
  bytes: number;
  /** The size the host announced; a smaller file is an interrupted download. */
  expectedBytes?: number;
  /**
   * wllama writes a file's metadata only once its download completes: a file without it is an interrupted
   * download (cut off, cancelled, or the tab closed), whatever its size.
   */
  partial?: boolean;
}

const completeFile = (f: GgufCachedFile) => !f.partial && (f.expectedBytes === undefined || f.bytes === f.expectedBytes);

/** A GGUF model the user picked from disk and asked to keep (see opfs.ts). */
export interface KeptSummary {
  id: string;
  label: string;
  bytes: number;
  files: string[];
}

/** Where a stored model lives, which decides how it is deleted. */
export type StoredLocation =
  { kind: 'webllm'; files: { scope: WebllmScope; url: string }[] } | { kind: 'gguf-cache'; names: string[] } | { kind: 'kept'; id: string };

/** One model (or leftover) found in browser storage. */
export interface StoredModel {
  /** Stable key for lists. */
  key: string;
  engine: EngineKind;
  /** The registry (or user) entry this belongs to, when one matches. */
  entryId?: string;
  /** The registry label, else a name taken from the URL or file. */
  label: string;
  /** Model base URL, `.gguf` URL, or file name. */
  address: string;
  bytes: number;
  fileCount: number;
  /** Everything the engine needs is present (WebLLM: config, tensor cache, every shard; GGUF: every part, whole). */
  complete: boolean;
  location: StoredLocation;
}

const dirOf = (url: string) => url.slice(0, url.lastIndexOf('/') + 1);
const fileOf = (url: string) => decodeURIComponent(url.slice(url.lastIndexOf('/') + 1).split(/[?#]/)[0] ?? url);

/** A readable name for a model folder URL: the repository name before `/resolve/`, else the last folder. */
export function nameFromModelUrl(url: string): string {
  const path = (() => {
    try {
      return new URL(url).pathname;
    } catch {
      return url;
    }
  })();
  const parts = path.split('/').filter(Boolean);
  const at = parts.lastIndexOf('resolve');
  return decodeURIComponent((at > 0 ? parts[at - 1] : parts.at(-1)) ?? url);
}

/**
 * Groups WebLLM's cached files into models: one per folder holding a config or tensor cache (others by folder),
 * with the entry's model library attached. Libraries no listed model claims are listed on their own.
 * @param expectedShards shard URLs each folder's tensor-cache.json lists, keyed by folder URL
 */
export function groupWebllm(files: CachedFile[], entries: ModelEntry[], expectedShards: Map<string, string[]> = new Map()): StoredModel[] {
  const byBase = new Map<string, CachedFile[]>();
  const bases = new Set(
    files.filter((f) => f.scope !== 'webllm/wasm' && /\/(?:mlc-chat-config|tensor-cache)\.json$/.test(f.url)).map((f) => dirOf(f.url)),
  );
  for (const file of files.filter((f) => f.scope !== 'webllm/wasm')) {
    // the deepest known folder holding the file, else the file's own folder
    const base = [...bases].filter((b) => file.url.startsWith(b)).sort((a, b) => b.length - a.length)[0] ?? dirOf(file.url);
    byBase.set(base, [...(byBase.get(base) ?? []), file]);
  }
  const libs = files.filter((f) => f.scope === 'webllm/wasm');
  const claimed = new Set<string>();
  const models: StoredModel[] = [];
  for (const [base, group] of byBase) {
    const entry = entries.find((e) => e.engine === 'webllm' && e.url === base);
    const lib = entry?.model_lib ? libs.find((l) => l.url === entry.model_lib) : undefined;
    if (lib) claimed.add(lib.url);
    const all = lib ? [...group, lib] : group;
    const urls = new Set(group.map((f) => f.url));
    const shards = expectedShards.get(base);
    const complete = urls.has(base + WEBLLM_CONFIG) && urls.has(base + WEBLLM_TENSOR_CACHE) && !!shards && shards.every((s) => urls.has(s));
    models.push({
      key: `webllm:${base}`,
      engine: 'webllm',
      entryId: entry?.id,
      label: entry?.label ?? nameFromModelUrl(base),
      address: base,
      bytes: all.reduce((sum, f) => sum + f.bytes, 0),
      fileCount: all.length,
      complete,
      location: { kind: 'webllm', files: all.map(({ scope, url }) => ({ scope, url })) },
    });
  }
  for (const lib of libs.filter((l) => !claimed.has(l.url))) {
    const entry = entries.find((e) => e.engine === 'webllm' && e.model_lib === lib.url);
    models.push({
      key: `webllm:${lib.url}`,
      engine: 'webllm',
      entryId: entry?.id,
      label: entry?.label ?? fileOf(lib.url),
      address: lib.url,
      bytes: lib.bytes,
      fileCount: 1,
      complete: false,
      location: { kind: 'webllm', files: [{ scope: lib.scope, url: lib.url }] },
    });
  }
  return models;
}

/** Groups wllama's cached files into models: the parts of one registry entry together, any other file alone. */
export function groupGguf(files: GgufCachedFile[], entries: ModelEntry[]): StoredModel[] {
  const models: StoredModel[] = [];
  const used = new Set<string>();
  for (const entry of entries.filter((e) => e.engine === 'gguf')) {
    const parts = entry.urls ?? [entry.url];
    const found = files.filter((f) => f.url && parts.includes(f.url) && !used.has(f.name));
    if (!found.length) continue;
    found.forEach((f) => used.add(f.name));
    models.push({
      key: `gguf:${entry.id}`,
      engine: 'gguf',
      entryId: entry.id,
      label: entry.label,
      address: parts[0]!,
      bytes: found.reduce((sum, f) => sum + f.bytes, 0),
      fileCount: found.length,
      complete: parts.every((p) => found.some((f) => f.url === p && completeFile(f))),
      location: { kind: 'gguf-cache', names: found.map((f) => f.name) },
    });
  }
  for (const file of files.filter((f) => !used.has(f.name))) {
    models.push({
      key: `gguf:${file.name}`,
      engine: 'gguf',
      label: file.url ? fileOf(file.url) : file.name,
      address: file.url || file.name,
      bytes: file.bytes,
      fileCount: 1,
      complete: completeFile(file),
      location: { kind: 'gguf-cache', names: [file.name] },
    });
  }
  return models;
}

/** The kept local GGUF models, as stored models. */
export function keptModels(kept: KeptSummary[]): StoredModel[] {
  return kept.map((k) => ({
    key: `kept:${k.id}`,
    engine: 'gguf',
    entryId: k.id,
    label: k.label,
    address: k.files.join(', '),
    bytes: k.bytes,
    fileCount: k.files.length,
    complete: true,
    location: { kind: 'kept', id: k.id },
  }));
}

/** Above this size a download first asks the browser to keep the site's data (`navigator.storage.persist()`). */
export const PERSIST_ABOVE_BYTES = 1 * GiB;

export type RoomDecision = { fits: true; askPersist: boolean } | { fits: false; needBytes: number; freeBytes: number };

/**
 * Whether a download of `needBytes` fits what the browser still allows this site. Private windows and small
 * disks give quotas far below a 4 GB model; refusing up front beats failing at 90 %. A safety margin is kept
 * because the estimate is coarse and other writes (history, the app's own cache) continue meanwhile.
 */
export function roomFor(needBytes: number, estimate: { usage: number; quota: number }, persisted: boolean): RoomDecision {
  const freeBytes = Math.max(0, estimate.quota - estimate.usage);
  const margin = Math.max(50 * MiB, needBytes * 0.02);
  if (needBytes > 0 && needBytes + margin > freeBytes) return { fits: false, needBytes, freeBytes };
  return { fits: true, askPersist: needBytes >= PERSIST_ABOVE_BYTES && !persisted };
}

/** The bytes a load of `entry` will download, knowing what is already stored of it. 0 when unknown. */
export function downloadBytes(entry: ModelEntry, stored: StoredModel | undefined): number {
  if (!entry.size_MB || stored?.complete) return 0;
  return Math.max(0, Math.round(entry.size_MB * MiB) - (stored?.bytes ?? 0));
}
