/**
 * Opens an annotation file: a large one in a worker, so its parse never freezes the page; a small one in place,
 * where the parse takes less than a worker's start and the result shows with the file (the parsers are in the
 * page's chunk already, for brat). Tests in jsdom, with no Worker, read every file in place.
 */
import { openAnnotationFile, type OpenedAnnotations } from '../core/formats/open';

/** Up to this size a file is read in place (a few milliseconds of parsing). */
const IN_PLACE_BYTES = 256 * 1024;

export function openInWorker(file: File): Promise<OpenedAnnotations> {
  if (typeof Worker === 'undefined' || file.size <= IN_PLACE_BYTES) return openAnnotationFile(file, file.name);
  const worker = new Worker(new URL('./annotationFile.worker.ts', import.meta.url), { type: 'module', name: 'annotation-file' });
  return new Promise<OpenedAnnotations>((resolve) => {
    worker.onmessage = (e: MessageEvent<OpenedAnnotations>) => resolve(e.data);
    worker.onerror = (e) => resolve({ ok: false, code: 'format', detail: e.message || 'the file reader stopped' });
    worker.postMessage({ file });
  }).finally(() => worker.terminate());
}
