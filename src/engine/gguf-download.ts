/**
 * GGUF downloads that survive a broken connection. Files go into wllama's OPFS cache under wllama's own names and
 * metadata (`cache/<name>`, `cache/__metadata__<name>`), so its model manager finds them; but the metadata is
 * written before the first byte, with the size the host announced, so an interrupted file is known by its URL
 * (wllama sees its size fall short and ignores it) and the next load asks only for the rest, with a Range request.
 * Runs in the GGUF worker: bytes are written through a synchronous access handle, straight into the file, so what
 * arrived before a cut (or the tab closing) is kept.
 */
import { EngineError, describeError, toEngineError } from './errors';

const CACHE_DIR = 'cache';
const META_PREFIX = '__metadata__';

/** wllama's metadata of a cached file; `originalSize` is the whole file's size as the host announced it. */
export interface CachedFileMeta {
  originalURL: string;
  originalSize: number;
  /** The host's ETag, letters and digits only (as wllama stores it). */
  etag: string;
}

/** What a download should ask for, given what is stored of the file already. */
export type DownloadPlan = { kind: 'complete' } | { kind: 'whole' } | { kind: 'resume'; from: number };

/** A stored file with metadata for this URL that falls short of its announced size is resumed; anything else starts afresh. */
export function planDownload(url: string, storedBytes: number, meta: CachedFileMeta | null): DownloadPlan {
  if (!meta || meta.originalURL !== url || !(meta.originalSize > 0)) return { kind: 'whole' };
  if (storedBytes === meta.originalSize) return { kind: 'complete' };
  return storedBytes > 0 && storedBytes < meta.originalSize ? { kind: 'resume', from: storedBytes } : { kind: 'whole' };
}

export const normaliseEtag = (etag: string | null) => (etag ?? '').replace(/[^A-Za-z0-9]/g, '');

/**
 * Whether a response to `Range: bytes=<from>-` continues the stored file: a 206 starting at `from` of a file of the
 * same size (Content-Range, or its length where the host does not expose that header) and, where both are known,
 * the same ETag. A 200 (a host that ignores ranges) or anything else starts the file afresh.
 */
export function continuesStoredFile(response: Pick<Response, 'status' | 'headers'>, from: number, meta: CachedFileMeta): boolean {
  if (response.status !== 206) return false;
  const etag = normaliseEtag(response.headers.get('etag'));
  if (etag && meta.etag && etag !== meta.etag) return false;
  const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
  if (range) return Number(range[1]) === from && Number(range[3]) === meta.originalSize;
  return Number(response.headers.get('content-length')) === meta.originalSize - from;
}

async function cacheDir(): Promise<FileSystemDirectoryHandle> {
  return (await navigator.storage.getDirectory()).getDirectoryHandle(CACHE_DIR, { create: true });
}

async function readMeta(dir: FileSystemDirectoryHandle, name: string): Promise<CachedFileMeta | null> {
  try {
    const meta = JSON.parse(await (await (await dir.getFileHandle(META_PREFIX + name)).getFile()).text()) as CachedFileMeta;
    return typeof meta.originalURL === 'string' ? meta : null;
  } catch {
    return null;
  }
}

async function writeMeta(dir: FileSystemDirectoryHandle, name: string, meta: CachedFileMeta): Promise<void> {
  const handle = await (await dir.getFileHandle(META_PREFIX + name, { create: true })).createSyncAccessHandle();
  try {
    handle.truncate(0);
    handle.write(new TextEncoder().encode(JSON.stringify(meta)), { at: 0 });
    handle.flush();
  } finally {
    handle.close();
  }
}

async function storedSize(dir: FileSystemDirectoryHandle, name: string): Promise<number> {
  try {
    return (await (await dir.getFileHandle(name)).getFile()).size;
  } catch {
    return 0;
  }
}

/** Removes a stored file and its metadata (a download that cannot be resumed). */
export async function removeCachedFile(name: string): Promise<void> {
  const dir = await cacheDir();
  for (const entry of [name, META_PREFIX + name]) await dir.removeEntry(entry).catch(() => undefined);
}

/** Bytes of one file: what was stored before this download, and what arrived since. */
export interface FileProgress {
  loaded: number;
  total: number;
}

/** Progress is posted to the page at most this often: a 4 GB file arrives in some 60,000 pieces. */
const PROGRESS_EVERY_MS = 100;

/**
 * Downloads `url` into wllama's cache as `name`, resuming a stored partial copy.
 * @throws EngineError `network` (HTTP status or broken connection; the bytes that arrived stay stored for the next
 *   try when the host announced the file's size, else they are removed), `quota`
 */
export async function downloadToCache(url: string, name: string, onProgress: (p: FileProgress) => void): Promise<void> {
  const dir = await cacheDir();
  const meta = await readMeta(dir, name);
  let plan = planDownload(url, await storedSize(dir, name), meta);
  if (plan.kind === 'complete') return;
  // not through the HTTP cache: the file is stored here already, and a cut response the cache kept would make the
  // browser ask for ranges of its own
  const get = (init?: RequestInit) =>
    fetch(url, { ...init, cache: 'no-store' }).catch((err: unknown) => {
      throw new EngineError(toEngineError(err, 'network').code, `${url}: ${describeError(err)}`, { cause: err });
    });
  let response = await get(plan.kind === 'resume' ? { headers: { Range: `bytes=${plan.from}-` } } : {});
  if (plan.kind === 'resume' && !continuesStoredFile(response, plan.from, meta!)) {
    // the host ignored the range (its 200 is the whole file) or the file changed: the stored part is worth nothing
    if (response.status !== 200) {
      void response.body?.cancel().catch(() => undefined);
      response = await get();
    }
    plan = { kind: 'whole' };
  }
  if (!response.ok || !response.body) throw new EngineError('network', `${url}: HTTP ${response.status}`);
  const from = plan.kind === 'resume' ? plan.from : 0;
  // a compressed answer's length is not the file's: its size is then known only at the end
  const encoded = !/^(?:identity)?$/i.test(response.headers.get('content-encoding') ?? '');
  const announced = encoded ? 0 : Number(response.headers.get('content-length')) || 0;
  const total = plan.kind === 'resume' ? meta!.originalSize : announced;
  const etag = normaliseEtag(response.headers.get('etag'));
  if (plan.kind === 'whole') {
    // with the size known, the metadata goes first: a cut download is then known by its URL and resumable
    if (total > 0) await writeMeta(dir, name, { originalURL: url, originalSize: total, etag });
    else await dir.removeEntry(META_PREFIX + name).catch(() => undefined);
  }
  const file = await (await dir.getFileHandle(name, { create: true })).createSyncAccessHandle();
  let at = from;
  let failure: unknown = null;
  try {
    file.truncate(from);
    const reader = response.body.getReader();
    let reported = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const written = file.write(value, { at });
      // a full storage does not always throw: Chromium answers a write past the quota with a nonsense count
      if (written !== value.byteLength)
        throw new EngineError('quota', `${url}: the browser stored ${written} of ${value.byteLength} bytes at ${at}: no room left`);
      at += written;
      if (Date.now() - reported >= PROGRESS_EVERY_MS) {
        reported = Date.now();
        onProgress({ loaded: at, total: total || at });
      }
    }
  } catch (err) {
    failure = err;
  } finally {
    // whatever a failed write left past the last whole piece goes, so a resumed download continues exactly there
    if (failure !== null) {
      try {
        file.truncate(at);
      } catch {
        // the next download checks what is stored against the host's answer anyway
      }
    }
    file.flush();
    file.close();
  }
  if (failure !== null) {
    if (!total) await removeCachedFile(name); // without a known size there is nothing to resume against
    const e = toEngineError(failure, 'network');
    if (e.code === 'quota') throw e;
    throw new EngineError('network', `${url}: ${e.detail ?? e.code} (${at} of ${total || '?'} bytes stored)`, { cause: failure });
  }
  onProgress({ loaded: at, total: total || at });
  // a host that announced no size: the metadata is known, and written, only once the whole file is here
  if (!total) await writeMeta(dir, name, { originalURL: url, originalSize: at, etag });
  else if (at !== total) throw new EngineError('network', `${url}: the download ended at ${at} of ${total} bytes`);
}
