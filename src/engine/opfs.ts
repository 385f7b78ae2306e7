/**
 * GGUF files the user picked from disk, kept in the Origin Private File System so the next visit can load them
 * without picking again (and without the original folder, e.g. a USB stick that is gone). One folder per model
 * under `taiyi-kept-models/`; `kept.json` is written last, so an interrupted copy is never listed, only cleaned up.
 */
import { EngineError } from './errors';

const ROOT = 'taiyi-kept-models';
const META = 'kept.json';

/** A kept model: its files as `File`s read straight from OPFS (nothing is loaded into memory). */
export interface KeptModel {
  id: string;
  label: string;
  files: File[];
  bytes: number;
  savedAt: number;
}

interface KeptMeta {
  id: string;
  label: string;
  files: string[];
  bytes: number;
  savedAt: number;
}

/** Whether this browser can keep files (OPFS with writable streams; Safari before 26 has neither in pages). */
export function canKeepFiles(): boolean {
  return (
    typeof navigator !== 'undefined' &&
    typeof navigator.storage?.getDirectory === 'function' &&
    typeof FileSystemFileHandle !== 'undefined' &&
    'createWritable' in FileSystemFileHandle.prototype
  );
}

const dirName = (id: string) => encodeURIComponent(id);

async function rootDir(create: boolean): Promise<FileSystemDirectoryHandle | null> {
  try {
    const opfs = await navigator.storage.getDirectory();
    return await opfs.getDirectoryHandle(ROOT, { create });
  } catch {
    return null; // absent (nothing kept yet) or OPFS unavailable (some private modes)
  }
}

async function readMeta(dir: FileSystemDirectoryHandle): Promise<KeptMeta | null> {
  try {
    const file = await (await dir.getFileHandle(META)).getFile();
    const meta = JSON.parse(await file.text()) as KeptMeta;
    return typeof meta.id === 'string' && Array.isArray(meta.files) ? meta : null;
  } catch {
    return null;
  }
}

/** Every kept model whose copy completed; half-written copies are removed on the way. */
export async function listKept(): Promise<KeptModel[]> {
  const root = await rootDir(false);
  if (!root) return [];
  const kept: KeptModel[] = [];
  for await (const [name, handle] of root.entries()) {
    if (handle.kind !== 'directory') continue;
    const dir = handle as FileSystemDirectoryHandle;
    const meta = await readMeta(dir);
    try {
      if (!meta) throw new Error('incomplete copy');
      const files = await Promise.all(meta.files.map(async (f) => (await dir.getFileHandle(f)).getFile()));
      kept.push({ id: meta.id, label: meta.label, files, bytes: meta.bytes, savedAt: meta.savedAt });
    } catch {
      await root.removeEntry(name, { recursive: true }).catch(() => undefined);
    }
  }
  return kept.sort((a, b) => a.savedAt - b.savedAt);
}

/** Whether a model with this id is already kept. */
export async function isKept(id: string): Promise<boolean> {
  const root = await rootDir(false);
  if (!root) return false;
  try {
    return (await readMeta(await root.getDirectoryHandle(dirName(id)))) !== null;
  } catch {
    return false;
  }
}

/**
 * Copies the picked files into OPFS, streaming (a 2 GB part is never held in memory).
 * @param onProgress bytes copied so far, of `total`
 * @throws EngineError `quota` when the browser refuses the space; `unknown` when OPFS is unavailable.
 *   A failed copy leaves nothing behind.
 */
export async function keepFiles(
  id: string,
  label: string,
  files: readonly File[],
  onProgress?: (copied: number, total: number) => void,
): Promise<void> {
  if (!canKeepFiles()) throw new EngineError('unknown', 'this browser cannot keep files (no Origin Private File System)');
  const root = await rootDir(true);
  if (!root) throw new EngineError('unknown', 'the Origin Private File System is not available');
  const name = dirName(id);
  const total = files.reduce((sum, f) => sum + f.size, 0);
  let copied = 0;
  try {
    await root.removeEntry(name, { recursive: true }).catch(() => undefined); // a leftover half copy
    const dir = await root.getDirectoryHandle(name, { create: true });
    for (const file of files) {
      const writable = await (await dir.getFileHandle(file.name, { create: true })).createWritable();
      const counter = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          copied += chunk.byteLength;
          onProgress?.(copied, total);
          controller.enqueue(chunk);
        },
      });
      await file.stream().pipeThrough(counter).pipeTo(writable);
    }
    const meta: KeptMeta = { id, label, files: files.map((f) => f.name), bytes: total, savedAt: Date.now() };
    const writable = await (await dir.getFileHandle(META, { create: true })).createWritable();
    await writable.write(JSON.stringify(meta));
    await writable.close();
  } catch (err) {
    await root.removeEntry(name, { recursive: true }).catch(() => undefined);
    const quota = (err as { name?: string })?.name === 'QuotaExceededError';
    throw new EngineError(quota ? 'quota' : 'unknown', `keeping ${label}: ${String(err)}`, { cause: err });
  }
}

/** Removes one kept model. */
export async function removeKept(id: string): Promise<void> {
  const root = await rootDir(false);
  await root?.removeEntry(dirName(id), { recursive: true }).catch(() => undefined);
}

/** Removes every kept model. */
export async function removeAllKept(): Promise<void> {
  const opfs = await navigator.storage?.getDirectory?.().catch(() => null);
  await opfs?.removeEntry(ROOT, { recursive: true }).catch(() => undefined);
}
