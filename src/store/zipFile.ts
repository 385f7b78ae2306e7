/**
 * Reads a zip picked for a batch: a large one in a worker, so unpacking it never freezes the page; a small one in
 * place. The zip reader loads only when a zip is picked. Tests in jsdom, with no Worker, read every zip in place.
 */
import type { ZipContents } from '../core/batch/zip';
import { IN_PLACE_BYTES, readInWorker } from './fileWorker';

/** The members of a zip the batch reads, named by their path in it, and what could not be read. */
export async function readZipFile(file: File, name: string): Promise<ZipContents> {
  if (typeof Worker === 'undefined' || file.size <= IN_PLACE_BYTES) return (await import('../core/batch/zip')).openZip(file, name);
  const worker = new Worker(new URL('./zipFile.worker.ts', import.meta.url), { type: 'module', name: 'zip-file' });
  return readInWorker<ZipContents>(worker, { file, name }, () => ({ files: [], problems: [{ code: 'unreadable' }] }));
}
