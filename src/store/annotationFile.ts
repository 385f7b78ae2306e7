/** Opens an annotation file in a worker when the page can start one (tests in jsdom read it in place). */
import { openAnnotationFile, type OpenedAnnotations } from '../core/formats/open';

export function openInWorker(file: File): Promise<OpenedAnnotations> {
  if (typeof Worker === 'undefined') return openAnnotationFile(file, file.name);
  const worker = new Worker(new URL('./annotationFile.worker.ts', import.meta.url), { type: 'module', name: 'annotation-file' });
  return new Promise<OpenedAnnotations>((resolve) => {
    worker.onmessage = (e: MessageEvent<OpenedAnnotations>) => resolve(e.data);
    worker.onerror = (e) => resolve({ ok: false, code: 'format', detail: e.message || 'the file reader stopped' });
    worker.postMessage({ file });
  }).finally(() => worker.terminate());
}
