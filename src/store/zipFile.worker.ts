/** Unpacks a zip picked for a batch away from the page's thread: a large one must not freeze the tab. */
import { openZip } from '../core/batch/zip';

self.onmessage = async (e: MessageEvent<{ file: File; name: string }>) => {
  self.postMessage(await openZip(e.data.file, e.data.name));
};
