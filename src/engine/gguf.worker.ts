/**
 * Module worker hosting the GGUF engine: requests go to `gguf-runtime` (wllama). wllama 3 removed its tokenizer API
 * (`tokenize`/`detokenize`), so this worker counts no tokens: chunk planning falls back to the estimate.
 */
import { generateGguf, loadGguf, unloadGguf } from './gguf-runtime';
import { serveEngine } from './worker-host';

serveEngine({ load: loadGguf, generate: generateGguf, unload: unloadGguf });
