/**
 * The WebGPU probe. WebLLM downloads its config and model library before it looks for a GPU, so the app probes
 * first: to fail fast with a clear code, to pick a model build the GPU can run, and to fill the hardware panel.
 * Runs in the page and in workers alike; the report is plain data.
 */
import { EngineError } from './errors';
import type { ModelEntry } from './types';

export interface AdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A software adapter (SwiftShader, WARP): it works, but far too slowly for a 7B model. */
  isFallbackAdapter: boolean;
  features: string[];
  /** Adapter limits, in bytes. */
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
}

export interface HardwareReport {
  /** WebGPU is usable: the API exists and it gave an adapter. */
  webgpu: boolean;
  /** `navigator.gpu` exists (it may still find no adapter, e.g. headless Chromium without a GPU). */
  api: boolean;
  adapter: AdapterSummary | null;
  shaderF16: boolean;
  /** Cross-origin isolation enables the multi-threaded GGUF engine. */
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  /** `navigator.deviceMemory` (GiB, rounded and capped by the browser at 8); null where not exposed. */
  deviceMemoryGB: number | null;
  /** Why there is no adapter, in the browser's words, when it said anything. */
  detail?: string;
}

// Not in every DOM typing: the older adapter-level flag and Chrome's deviceMemory.
type AdapterCompat = GPUAdapter & { isFallbackAdapter?: boolean };
type NavigatorCompat = Navigator & { deviceMemory?: number };

const GiB = 1024 ** 3;

function baseReport(): HardwareReport {
  const nav = (typeof navigator === 'undefined' ? undefined : navigator) as NavigatorCompat | undefined;
  return {
    webgpu: false,
    api: false,
    adapter: null,
    shaderF16: false,
    crossOriginIsolated: typeof crossOriginIsolated === 'boolean' ? crossOriginIsolated : false,
    hardwareConcurrency: nav?.hardwareConcurrency ?? 1,
    deviceMemoryGB: typeof nav?.deviceMemory === 'number' ? nav.deviceMemory : null,
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Probes WebGPU: API present, an adapter (as WebLLM asks for it: high performance), its info, `shader-f16` and
 * the two buffer limits. Never throws; a missing API or adapter is a field of the report.
 * @param timeoutMs some drivers never answer `requestAdapter`; after this long the adapter counts as missing.
 */
export async function probeHardware(timeoutMs = 5000): Promise<HardwareReport> {
  const report = baseReport();
  const gpu = typeof navigator === 'undefined' ? undefined : (navigator as Navigator).gpu;
  if (!gpu) return report;
  report.api = true;
  let adapter: AdapterCompat | null | 'timeout';
  try {
    adapter = await withTimeout(gpu.requestAdapter({ powerPreference: 'high-performance' }), timeoutMs);
  } catch (err) {
    report.detail = String(err);
    return report;
  }
  if (adapter === 'timeout') {
    report.detail = `requestAdapter() gave no answer within ${timeoutMs} ms`;
    return report;
  }
  if (!adapter) return report;
  const info = adapter.info as (GPUAdapterInfo & { isFallbackAdapter?: boolean }) | undefined;
  report.webgpu = true;
  report.shaderF16 = adapter.features.has('shader-f16');
  report.adapter = {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    device: info?.device ?? '',
    description: info?.description ?? '',
    isFallbackAdapter: Boolean(info?.isFallbackAdapter ?? adapter.isFallbackAdapter),
    features: [...adapter.features].map(String).sort(),
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    maxBufferSize: adapter.limits.maxBufferSize,
  };
  return report;
}

/**
 * The storage-buffer binding WebLLM will actually get: it asks for 1 GiB when the adapter allows it and falls back
 * to 128 MiB otherwise (never anything in between), so an adapter offering 512 MiB still yields 128 MiB.
 */
export function webllmBindingLimit(report: HardwareReport): number {
  const limit = report.adapter?.maxStorageBufferBindingSize ?? 0;
  return limit >= GiB ? GiB : 128 * 1024 ** 2;
}

/** llama.cpp gains little beyond this many threads in wasm. */
const MAX_GGUF_THREADS = 8;

/**
 * Threads the GGUF engine uses: cores − 1 (at least 1, at most 8), and 1 unless the page is cross-origin
 * isolated (threads need SharedArrayBuffer). One core stays with the page: on a 2-core machine, 2 threads
 * decoded 4–6× slower than 1 while the page rendered the answer, because every token waits for the slowest thread.
 */
export function ggufThreads(report: Pick<HardwareReport, 'crossOriginIsolated' | 'hardwareConcurrency'>): number {
  if (!report.crossOriginIsolated) return 1;
  return Math.max(1, Math.min(MAX_GGUF_THREADS, report.hardwareConcurrency - 1));
}

/**
 * Whether a WebLLM model can start on this hardware at all.
 * @returns the error the load would end in, or null when nothing stands in the way.
 */
export function webgpuBlocker(report: HardwareReport, entry: ModelEntry): EngineError | null {
  if (!report.api) return new EngineError('no-webgpu', 'navigator.gpu is missing');
  if (!report.adapter) return new EngineError('no-adapter', report.detail ?? 'requestAdapter() returned no adapter');
  const missing = (entry.required_features ?? []).filter((f) => !report.adapter?.features.includes(f));
  if (missing.includes('shader-f16'))
    return new EngineError('shader-f16-missing', `${entry.id} requires shader-f16, which this adapter lacks`);
  if (missing.length)
    return new EngineError('no-adapter', `${entry.id} requires WebGPU features this adapter lacks: ${missing.join(', ')}`);
  const need = entry.buffer_size_required_bytes;
  if (need !== undefined && need > webllmBindingLimit(report)) {
    return new EngineError(
      'buffer-limit',
      `${entry.id} needs a ${need}-byte storage buffer binding; this adapter allows ${report.adapter.maxStorageBufferBindingSize}`,
    );
  }
  return null;
}
