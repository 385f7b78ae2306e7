/**
 * Cache Storage names the service worker (configured in vite.config.ts) and the page share.
 * `webllm/wasm` is WebLLM's own scope for model libraries.
 */
export const REGISTRY_CACHE = 'taiyi-registry';
export const MODEL_LIB_CACHE = 'webllm/wasm';
/** The engines' code and on-demand tools, kept when first used (not precached with the shell). */
export const ENGINE_CODE_CACHE = 'taiyi-engines';
