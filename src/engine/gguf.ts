/**
 * The GGUF engine (llama.cpp in WebAssembly through wllama). The library lives entirely in `gguf.worker.ts`; the
 * worker module is only fetched when a GGUF model is loaded.
 */
import { ENGINE_WORKER_URLS } from './engine-code';
import { WorkerEngine } from './worker-engine';

export const createGgufEngine = () =>
  new WorkerEngine('gguf', () => new Worker(ENGINE_WORKER_URLS.gguf, { type: 'module', name: 'gguf-engine' }));
