/**
 * Module worker hosting WebLLM: our requests go to `webllm-runtime`; WebLLM's own protocol is answered by its
 * `WebWorkerMLCEngineHandler`, which holds the same engine.
 */
import { countWebllmTokens, generateWebllm, handler, loadWebllm, unloadWebllm } from './webllm-runtime';
import { serveEngine } from './worker-host';

serveEngine(
  {
    load: (entry, _files, report) => loadWebllm(entry, report),
    generate: generateWebllm,
    unload: unloadWebllm,
    countTokens: countWebllmTokens,
  },
  (event) => handler.onmessage(event),
);
