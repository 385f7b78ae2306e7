/** Module worker hosting the GGUF engine: requests go to `gguf-runtime` (wllama). */
import { generateGguf, loadGguf, unloadGguf } from './gguf-runtime';
import { serveEngine } from './worker-host';

serveEngine({ load: loadGguf, generate: generateGguf, unload: unloadGguf });
