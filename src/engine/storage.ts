/**
 * Model storage in the browser: what each engine has cached, how big it is, deleting it, the site's quota, and
 * the checks before a download (room, persistence). WebLLM keeps models in Cache Storage (scopes `webllm/config`,
 * `webllm/model`, `webllm/wasm`); wllama keeps downloads in OPFS (`cache/`); picked GGUF files are kept by
 * `opfs.ts`. Reading wllama's cache loads its small JavaScript part (not the wasm), only when asked.
 */
import { EngineError } from './errors';
import { listKept, removeAllKept, removeKept } from './opfs';
import {
  downloadBytes,
  groupGguf,
  groupWebllm,
  keptModels,
  roomFor,
  WEBLLM_SCOPES,
  WEBLLM_TENSOR_CACHE,
  type CachedFile,
  type GgufCachedFile,
  type StoredModel,
} from './stored-models';
import type { ModelEntry } from './types';
import { webllmConfigUrl } from './webllm-config';

export type { StoredModel } from './stored-models';

/** The site's storage as the browser reports it. */
export interface StorageInfo {
  usage: number;
  quota: number;
  /** Whether the browser promised not to evict the site's data under disk pressure. */
  persisted: boolean;
}

const hasCaches = () => typeof caches !== 'undefined';

async function responseBytes(response: Response): Promise<number> {
  const length = Number(response.headers.get('content-length'));
  // compressed or chunked downloads carry no usable length; the blob of a cached response is not read into memory
  return Number.isFinite(length) && length > 0 ? length : (await response.blob()).size;
}

/** Every response in WebLLM's caches, and the shard list of every cached tensor-cache.json. */
async function readWebllmCaches(): Promise<{ files: CachedFile[]; shards: Map<string, string[]> }> {
  const files: CachedFile[] = [];
  const shards = new Map<string, string[]>();
  if (!hasCaches()) return { files, shards };
  for (const scope of WEBLLM_SCOPES) {
    if (!(await caches.has(scope))) continue; // opening would create an empty cache
    const cache = await caches.open(scope);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      if (!response) continue;
      files.push({ scope, url: request.url, bytes: await responseBytes(response) });
      if (scope === 'webllm/model' && request.url.endsWith(`/${WEBLLM_TENSOR_CACHE}`)) {
        const base = request.url.slice(0, -WEBLLM_TENSOR_CACHE.length);
        try {
          const records = ((await response.clone().json()) as { records?: { dataPath?: unknown }[] }).records ?? [];
          shards.set(
            base,
            records.filter((r) => typeof r.dataPath === 'string').map((r) => new URL(r.dataPath as string, base).href),
          );
        } catch {
          shards.set(base, []); // unreadable: the model is listed as incomplete
        }
      }
    }
  }
  return { files, shards };
}

async function wllamaCache() {
  const { CacheManager } = await import('@wllama/wllama');
  return new CacheManager();
}

/**
 * wllama's downloads. An interrupted one either falls short of the size its metadata announces (a download of
 * `gguf-download.ts`, which resumes it) or has no metadata at all (so no URL; its name is the hash of its URL, which
 * is matched against the entries' URLs so it is listed by model URL); either is listed as partial.
 */
async function readGgufCache(entries: readonly ModelEntry[] = []): Promise<GgufCachedFile[]> {
  if (typeof navigator === 'undefined' || typeof navigator.storage?.getDirectory !== 'function') return [];
  try {
    const cache = await wllamaCache();
    const list = await cache.list();
    const urls = entries.filter((e) => e.engine === 'gguf').flatMap((e) => e.urls ?? [e.url]);
    const byName = new Map(await Promise.all(urls.map(async (u) => [await cache.getNameFromURL(u), u] as const)));
    return list.map((e) => {
      const partial = !e.metadata.originalURL;
      return {
        name: e.name,
        url: e.metadata.originalURL || byName.get(e.name) || '',
        bytes: e.size,
        expectedBytes: !partial && e.metadata.originalSize > 0 ? e.metadata.originalSize : undefined,
        ...(partial ? { partial } : {}),
      };
    });
  } catch {
    return []; // OPFS refused (private mode): nothing can be cached there either
  }
}

/** Every model stored by either engine, plus the kept local GGUF files, labelled from `entries` where they match. */
export async function listStoredModels(entries: ModelEntry[]): Promise<StoredModel[]> {
  const [webllm, gguf, kept] = await Promise.all([readWebllmCaches(), readGgufCache(entries), listKept()]);
  return [
    ...groupWebllm(webllm.files, entries, webllm.shards),
    ...groupGguf(gguf, entries),
    ...keptModels(kept.map(({ id, label, bytes, files }) => ({ id, label, bytes, files: files.map((f) => f.name) }))),
  ];
}

/** What is stored of one entry (WebLLM: its folder; GGUF: its download), if anything. */
async function storedModelFor(entry: ModelEntry): Promise<StoredModel | undefined> {
  if (entry.engine === 'webllm') {
    const { files, shards } = await readWebllmCaches();
    return groupWebllm(files, [entry], shards).find((m) => m.entryId === entry.id && m.address === entry.url);
  }
  return groupGguf(await readGgufCache([entry]), [entry]).find((m) => m.entryId === entry.id);
}

/** Deletes one stored model, every file of it. */
export async function deleteStoredModel(model: StoredModel): Promise<void> {
  const where = model.location;
  if (where.kind === 'webllm') {
    if (!hasCaches()) return;
    for (const { scope, url } of where.files) await (await caches.open(scope)).delete(url);
  } else if (where.kind === 'gguf-cache') {
    const names = new Set(where.names);
    await (await wllamaCache()).deleteMany((item) => names.has(item.name));
  } else {
    await removeKept(where.id);
  }
}

/** Deletes every model of both engines and every kept file. */
export async function deleteAllModels(): Promise<void> {
  if (hasCaches()) for (const scope of WEBLLM_SCOPES) await caches.delete(scope);
  if (typeof navigator.storage?.getDirectory === 'function') await (await wllamaCache()).clear().catch(() => undefined);
  await removeAllKept();
}

/** The site's usage and quota, or null where the browser does not tell. */
export async function storageInfo(): Promise<StorageInfo | null> {
  if (typeof navigator === 'undefined' || typeof navigator.storage?.estimate !== 'function') return null;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  const persisted = (await navigator.storage.persisted?.().catch(() => false)) ?? false;
  return { usage, quota, persisted };
}

/** Asks the browser to keep the site's data under disk pressure. Chrome decides silently, Firefox asks the user. */
export async function requestPersistence(): Promise<boolean> {
  return (await navigator.storage?.persist?.().catch(() => false)) ?? false;
}

/**
 * Before writing `needBytes`: refuses what cannot fit what the browser allows this site (private windows allow
 * little), and for a multi-gigabyte write asks the browser to keep the data so it is not evicted later.
 * @throws EngineError `quota` naming the sizes, when it cannot fit
 */
export async function ensureRoom(needBytes: number, label: string): Promise<void> {
  const info = await storageInfo().catch(() => null);
  if (!info || !info.quota) return;
  const decision = roomFor(needBytes, info, info.persisted);
  if (!decision.fits) {
    const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GB`;
    throw new EngineError(
      'quota',
      `${label} needs about ${gb(decision.needBytes)} of storage; the browser lets this site store ${gb(decision.freeBytes)} more`,
    );
  }
  if (decision.askPersist) await requestPersistence();
}

/**
 * Before a model download: `ensureRoom` for what is not stored yet (a partial download resumes).
 * @throws EngineError `quota` when the download cannot fit
 */
export async function ensureRoomFor(entry: ModelEntry): Promise<void> {
  if (entry.url.startsWith('local:') || !entry.size_MB) return;
  const need = downloadBytes(entry, await storedModelFor(entry).catch(() => undefined));
  if (need > 0) await ensureRoom(need, entry.label);
}

/**
 * WebLLM fetches a model library on `localhost` without caching it (it expects a developer's rebuilds), so a
 * model served from this machine would need the server on every visit. Keep the library in WebLLM's wasm cache,
 * where the service worker answers WebLLM's fetch from.
 */
export async function keepModelLib(entry: ModelEntry): Promise<void> {
  const lib = entry.model_lib;
  if (!lib || !lib.includes('localhost') || !hasCaches()) return;
  const cache = await caches.open('webllm/wasm');
  if (await cache.match(lib)) return;
  try {
    await cache.add(lib);
  } catch (err) {
    throw new EngineError((err as { name?: string })?.name === 'QuotaExceededError' ? 'quota' : 'network', `${lib}: ${String(err)}`, {
      cause: err,
    });
  }
}

/**
 * After an integrity failure, drops the cached files WebLLM verifies (config, model library, tokenizer), so trying
 * again downloads them afresh instead of failing on the same bad copy.
 */
export async function evictVerifiedFiles(entry: ModelEntry): Promise<void> {
  if (!hasCaches()) return;
  await (await caches.open('webllm/config')).delete(webllmConfigUrl(entry));
  if (entry.model_lib) await (await caches.open('webllm/wasm')).delete(entry.model_lib);
  const model = await caches.open('webllm/model');
  for (const name of ['tokenizer.json', 'tokenizer.model']) await model.delete(new URL(name, entry.url).href);
}
