/**
 * The GGUF engine (llama.cpp in WebAssembly through wllama). The library lives entirely in `gguf.worker.ts`; the
 * worker module is only fetched when a GGUF model is loaded.
 */
import { WorkerEngine } from './worker-engine';

export const createGgufEngine = () =>
  new WorkerEngine('gguf', () => new Worker(new URL('./gguf.worker.ts', import.meta.url), { type: 'module', name: 'gguf-engine' }));
