/**
 * Where each engine's own code lives once built: its worker script, and llama.cpp's wasm for GGUF. The service
 * worker does not precache these (together ≈5 MB gzip, and a device runs one engine, often none): the page keeps
 * an engine's files for offline use when it is first used (`features/offline`).
 */
import ggufWorkerUrl from './gguf.worker.ts?worker&url';
import webllmWorkerUrl from './webllm.worker.ts?worker&url';
import wllamaWasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import type { EngineKind } from './types';

export const ENGINE_WORKER_URLS = { gguf: ggufWorkerUrl, webllm: webllmWorkerUrl } as const;

/** Files each in-page engine runs from; an engine on a server has none here. */
const CODE: Record<EngineKind, readonly string[]> = { gguf: [ggufWorkerUrl, wllamaWasmUrl], webllm: [webllmWorkerUrl], openai: [] };

/** Absolute URLs of the files an engine runs from (the model files are the engine's own business). */
export function engineCodeUrls(kind: EngineKind, base: string = document.baseURI): string[] {
  return CODE[kind].map((f) => new URL(f, base).href);
}
