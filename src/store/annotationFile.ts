/**
 * Opens an annotation file: a large one in a worker, so its parse never freezes the page; a small one in place,
 * where the parse takes less than a worker's start and the result shows with the file (the parsers are in the
 * page's chunk already, for brat). Tests in jsdom, with no Worker, read every file in place.
 */
import { openAnnotationFile, type OpenedAnnotations } from '../core/formats/open';
import { IN_PLACE_BYTES, readInWorker } from './fileWorker';

export function openInWorker(file: File): Promise<OpenedAnnotations> {
  if (typeof Worker === 'undefined' || file.size <= IN_PLACE_BYTES) return openAnnotationFile(file, file.name);
  const worker = new Worker(new URL('./annotationFile.worker.ts', import.meta.url), { type: 'module', name: 'annotation-file' });
  return readInWorker<OpenedAnnotations>(worker, { file }, (detail) => ({ ok: false, code: 'format', detail }));
}
