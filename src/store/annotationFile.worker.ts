/** Reads an annotation file away from the page's thread: a large BioC collection must not freeze the tab. */
import { openAnnotationFile } from '../core/formats/open';

self.onmessage = async (e: MessageEvent<{ file: File }>) => {
  self.postMessage(await openAnnotationFile(e.data.file, e.data.file.name));
};
