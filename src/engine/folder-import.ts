/**
 * Air-gapped import: a model folder picked from disk goes into WebLLM's own caches under exactly the URLs its
 * registry entry resolves to, so loading it later never touches the network. Everything is checked before the
 * first byte is written (missing or extra files, shard sizes against tensor-cache.json, another model's folder,
 * the registry's SRI hashes), and an import cut short is rolled back.
 */
import { blobSource, checkModel, type GgufReport, type MlcReport } from '../core/modelkit';
import { EngineError } from './errors';
import {
  expectedHashes,
  folderLayout,
  importWrites,
  issuesFor,
  suggestTarget,
  targetIssues,
  type ImportIssue,
  type ImportWrite,
  type PickedFile,
} from './import-plan';
import { sriOf } from './integrity';
import { ensureRoom } from './storage';
import type { ModelEntry } from './types';

export type { ImportIssue, PickedFile } from './import-plan';

/** The files under a folder handle from `showDirectoryPicker()`, recursively. */
export async function pickedFromDirectory(dir: FileSystemDirectoryHandle, prefix = ''): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  const entries = (dir as unknown as { values(): AsyncIterable<FileSystemHandle> }).values();
  for await (const handle of entries) {
    if (handle.kind === 'file') out.push({ path: `${prefix}${handle.name}`, blob: await (handle as FileSystemFileHandle).getFile() });
    else out.push(...(await pickedFromDirectory(handle as FileSystemDirectoryHandle, `${prefix}${handle.name}/`)));
  }
  return out;
}

/** A checked folder, before it is matched against a registry entry. */
export type FolderCheck =
  | { kind: 'mlc'; root: string; report: MlcReport; files: Map<string, Blob> }
  | { kind: 'gguf'; report: GgufReport; files: File[] }
  | { kind: 'none'; issues: ImportIssue[] };

/** Runs the model check over what the user picked (reading headers and sizes, not the weights). */
export async function checkFolder(picked: readonly PickedFile[]): Promise<FolderCheck> {
  const layout = folderLayout(picked);
  if (layout.kind === 'none') return { kind: 'none', issues: [layout.issue] };
  const report = await checkModel(blobSource(layout.files));
  if (layout.kind === 'gguf' || report.kind === 'gguf') {
    const files = layout.files.map((f) => (f.blob instanceof File ? f.blob : new File([f.blob], f.path)));
    return { kind: 'gguf', report: report as GgufReport, files };
  }
  return { kind: 'mlc', root: layout.root, report, files: new Map(layout.files.map((f) => [f.path, f.blob])) };
}

/** The folder matched against a registry entry: everything the user must see before anything is written. */
export interface ImportReview {
  target: ModelEntry;
  issues: ImportIssue[];
  /** No error among the issues. */
  ok: boolean;
  writes: ImportWrite[];
  bytes: number;
}

/** The default target for a checked WebLLM folder among `entries`. */
export const suggestedTarget = (check: FolderCheck, entries: readonly ModelEntry[]) =>
  check.kind === 'mlc' ? suggestTarget(check.report, entries) : undefined;

/** Matches a checked WebLLM folder against `target`, including its SRI hashes (reads config, library, tokenizer). */
export async function reviewImport(check: Extract<FolderCheck, { kind: 'mlc' }>, target: ModelEntry): Promise<ImportReview> {
  const issues = [...issuesFor(check.report, target), ...targetIssues(check.report, target)];
  for (const [path, expected] of expectedHashes(check.report, target)) {
    const blob = check.files.get(path);
    const actual = blob && (await sriOf(blob, expected));
    if (actual && actual !== expected) issues.push({ severity: 'error', code: 'integrity', file: path, params: { expected, actual } });
  }
  const writes = importWrites(check.report, target);
  const bytes = writes.reduce((sum, w) => sum + (check.files.get(w.path)?.size ?? 0), 0);
  return { target, issues, ok: !issues.some((i) => i.severity === 'error'), writes, bytes };
}

const contentType = (path: string) =>
  path.endsWith('.json') ? 'application/json' : path.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream';

/**
 * Writes a reviewed import into WebLLM's caches. Checks the room first (asking for persistent storage when it is
 * large); a failure part-way deletes what was written.
 * @param onProgress bytes written so far, of the total
 * @throws EngineError `quota` when it cannot fit, `unknown` when the review has errors or Cache Storage is missing
 */
export async function writeImport(
  check: Extract<FolderCheck, { kind: 'mlc' }>,
  review: ImportReview,
  onProgress?: (written: number, total: number) => void,
): Promise<void> {
  if (!review.ok) throw new EngineError('unknown', 'the folder has problems; nothing was written');
  if (typeof caches === 'undefined') throw new EngineError('unknown', 'this browser has no Cache Storage');
  await ensureRoom(review.bytes, review.target.label);
  const done: ImportWrite[] = [];
  let written = 0;
  try {
    for (const write of review.writes) {
      const blob = check.files.get(write.path)!;
      const response = new Response(blob, {
        headers: { 'Content-Type': contentType(write.path), 'Content-Length': String(blob.size) },
      });
      await (await caches.open(write.scope)).put(new Request(write.url), response);
      done.push(write);
      written += blob.size;
      onProgress?.(written, review.bytes);
    }
  } catch (err) {
    for (const write of done) await (await caches.open(write.scope)).delete(write.url).catch(() => undefined);
    const quota = (err as { name?: string })?.name === 'QuotaExceededError';
    throw new EngineError(quota ? 'quota' : 'unknown', `importing ${review.target.label}: ${String(err)}`, { cause: err });
  }
}
