/**
 * Ways to build a `ModelSource`. They use only what Node and browsers (pages and workers) share:
 * `Blob`, `fetch`, `URL`, `TextDecoder`.
 */
import type { FileStat, ModelSource } from './types.ts';

/** One file of a listing. */
export interface ListedFile {
  path: string;
  size: number;
}

/**
 * A source from a file listing and a reader, e.g. a folder walked by Node.
 * @param read returns bytes `[start, end)` of a listed file, the whole file when both are omitted
 */
export function listingSource(
  files: readonly ListedFile[],
  read: (path: string, start?: number, end?: number) => Promise<Uint8Array>,
): ModelSource {
  const byPath = new Map(files.map((f) => [f.path, f]));
  return {
    stat: async (path) => {
      const file = byPath.get(path);
      return file ? { size: file.size } : undefined;
    },
    read: async (path, start, end) => {
      if (!byPath.has(path)) throw new Error(`${path}: no such file`);
      return read(path, start, end);
    },
    list: async () => [...byPath.keys()],
  };
}

/**
 * A source over blobs, e.g. the `File`s of a folder the user picked. When every path starts with the same
 * folder name (as `webkitRelativePath` does), that folder is dropped so paths are relative to the model root.
 */
export function blobSource(entries: readonly { path: string; blob: Blob }[]): ModelSource {
  const first = entries[0]?.path.split('/')[0];
  const prefix = first !== undefined && entries.every((e) => e.path.startsWith(`${first}/`)) ? `${first}/` : '';
  const files = new Map(entries.map((e) => [e.path.slice(prefix.length), e.blob]));
  return listingSource(
    [...files].map(([path, blob]) => ({ path, size: blob.size })),
    async (path, start, end) => {
      const blob = files.get(path)!;
      const part = start === undefined && end === undefined ? blob : blob.slice(start ?? 0, end ?? blob.size);
      return new Uint8Array(await part.arrayBuffer());
    },
  );
}

const totalFromContentRange = (header: string | null): number | undefined => {
  const total = header?.match(/\/\s*(\d+)\s*$/)?.[1];
  return total === undefined ? undefined : Number(total);
};

/**
 * A source over HTTP(S): paths resolve against `base` (an absolute path or URL resolves to itself, so a model
 * library hosted elsewhere can be checked too). Sizes come from HEAD, or from a one-byte range request when a host
 * refuses HEAD. Reads use `Range`, so checking a GGUF header never downloads the weights.
 * @param base the folder URL, ending in `/` (e.g. `https://host/models/taiyi/resolve/main/`), or a file URL
 */
export function urlSource(base: string, fetchFn: typeof fetch = (input, init) => fetch(input, init)): ModelSource {
  const url = (path: string) => new URL(path, base).href;
  return {
    stat: async (path): Promise<FileStat | undefined> => {
      let response = await fetchFn(url(path), { method: 'HEAD' });
      if (response.status === 404 || response.status === 410) return undefined;
      const length = response.headers.get('content-length');
      if (response.ok && length !== null) return { size: Number(length) };
      response = await fetchFn(url(path), { headers: { Range: 'bytes=0-0' } });
      await response.body?.cancel();
      if (response.status === 404 || response.status === 410) return undefined;
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return { size: totalFromContentRange(response.headers.get('content-range')) };
    },
    read: async (path, start, end) => {
      const ranged = start !== undefined || end !== undefined;
      const headers: Record<string, string> = ranged ? { Range: `bytes=${start ?? 0}-${end === undefined ? '' : end - 1}` } : {};
      const response = await fetchFn(url(path), { headers });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      // a host that ignores Range answers 200 with the whole file: cut the slice out ourselves
      return ranged && response.status === 200 ? bytes.slice(start ?? 0, end ?? bytes.length) : bytes;
    },
  };
}

/** Reads a whole file as UTF-8 text. @throws when the source cannot read it */
export async function readText(source: ModelSource, path: string): Promise<string> {
  return new TextDecoder().decode(await source.read(path));
}
