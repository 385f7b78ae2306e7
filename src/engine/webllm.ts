/**
 * The WebLLM engine (MLC models on WebGPU). The library lives entirely in `webllm.worker.ts`.
 *
 * WebLLM downloads its config and model library before it looks for a GPU, and waits as long as the browser does
 * on an unreachable host, so the page first probes WebGPU and checks the model's files through the worker; the
 * room check runs here because only a page may ask the browser to keep the download (`persist()`).
 */
import { ENGINE_WORKER_URLS } from './engine-code';
import { EngineError } from './errors';
import { webgpuBlocker } from './hardware';
import { PRECHECK_TIMEOUT_MS } from './precheck';
import { ensureRoomFor, keepModelLib } from './storage';
import { webllmConfigUrl } from './webllm-config';
import { WorkerEngine, type PrepareLoad } from './worker-engine';

/**
 * @throws EngineError: `no-webgpu`, `no-adapter`, `shader-f16-missing`, `buffer-limit` (before any download),
 *   `network`, `quota`
 */
const prepareWebllmLoad: PrepareLoad = async (client, entry, onProgress) => {
  if (entry.engine !== 'webllm' || !entry.model_lib) throw new EngineError('unknown', `${entry.id} is not a WebLLM model`);
  onProgress({ fraction: 0, phase: 'checking' });
  const hardware = await client.call('probe', {}).promise;
  const blocker = webgpuBlocker(hardware, entry);
  if (blocker) throw blocker;
  await client.call('precheck', { urls: [webllmConfigUrl(entry), entry.model_lib], timeoutMs: PRECHECK_TIMEOUT_MS }).promise;
  await keepModelLib(entry);
  // the files are there; a download that cannot fit is refused now, not at 90 %
  await ensureRoomFor(entry);
};

export const createWebLLMEngine = () =>
  new WorkerEngine('webllm', () => new Worker(ENGINE_WORKER_URLS.webllm, { type: 'module', name: 'webllm-engine' }), prepareWebllmLoad);
