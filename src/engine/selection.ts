/**
 * Choosing among registry entries for the hardware at hand: the build the GPU can run (`q4f32_1` when `shader-f16`
 * is missing), the GGUF engine when there is no WebGPU, and warnings when a model likely exceeds the device.
 * WebGPU does not reveal how much memory a GPU has, so "likely exceeds" rests on what the browser does reveal.
 */
import { webgpuBlocker, webllmBindingLimit, type HardwareReport } from './hardware';
import type { ModelEntry } from './types';

/** Keys of the hardware panel's warnings (`hardware.<key>` in the common namespace). */
export type DeviceWarning = 'noF16Advice' | 'bufferLimit' | 'exceeds';

// llama.cpp's wasm heap is capped at 4 GiB; weights, KV cache and scratch buffers all live in it
const WASM_HEAP_MB = 4096;
const MiB = 1024 ** 2;

/** The `q4f32_1` sibling of a `q4f16_1` entry (same id with the quantization swapped), if the registry has one. */
export function f32Sibling(entries: ModelEntry[], entry: ModelEntry): ModelEntry | undefined {
  if (!/q4f16_1/.test(entry.id)) return undefined;
  const id = entry.id.replace('q4f16_1', 'q4f32_1');
  return entries.find((e) => e.id === id && e.engine === entry.engine);
}

/**
 * The entry to load in place of `entry` on this hardware: its `q4f32_1` sibling when the GPU lacks `shader-f16`,
 * otherwise `entry` itself.
 */
export function preferredVariant(entries: ModelEntry[], entry: ModelEntry, hw: HardwareReport): ModelEntry {
  if (entry.engine !== 'webllm' || hw.shaderF16 || !entry.required_features?.includes('shader-f16')) return entry;
  return f32Sibling(entries, entry) ?? entry;
}

/**
 * The model to preselect: the first registry entry the hardware can run, swapped for its `q4f32_1` sibling when
 * needed; without usable WebGPU (or with only a software adapter), the first GGUF entry. Null for an empty registry.
 */
export function defaultModelId(entries: ModelEntry[], hw: HardwareReport | null): string | null {
  if (!entries.length) return null;
  if (!hw) return entries[0]!.id;
  // a software adapter (no real GPU) runs a GGUF model on the CPU far faster than WebGPU on emulation
  if (!hw.webgpu || hw.adapter?.isFallbackAdapter) return (entries.find((e) => e.engine === 'gguf') ?? entries[0]!).id;
  for (const entry of entries) {
    const candidate = entry.engine === 'webllm' ? preferredVariant(entries, entry, hw) : entry;
    if (candidate.engine === 'gguf' || !webgpuBlocker(hw, candidate)) return candidate.id;
  }
  return entries[0]!.id;
}

/** Whether a WebLLM model needing `needMB` likely exceeds this GPU. */
function webllmExceeds(needMB: number, hw: HardwareReport): boolean {
  const adapter = hw.adapter;
  if (!adapter) return false;
  // a software adapter renders in system memory and is hopeless beyond small models
  if (adapter.isFallbackAdapter && needMB > 2048) return true;
  // deviceMemory is capped at 8: below the cap it is the real RAM, which an integrated GPU shares
  if (hw.deviceMemoryGB !== null && hw.deviceMemoryGB < 8 && needMB > hw.deviceMemoryGB * 1024 * 0.75) return true;
  // adapters that cannot allocate a 1 GiB buffer are mobile or low-end parts
  return adapter.maxBufferSize < 1024 * MiB && needMB > 4096;
}

/** Whether a GGUF model of `fileMB` (plus its KV cache and scratch) likely exceeds the wasm heap or the RAM. */
function ggufExceeds(entry: ModelEntry, hw: HardwareReport): boolean {
  const needMB = entry.vram_required_MB ?? (entry.size_MB !== undefined ? entry.size_MB * 1.15 : undefined);
  if (needMB === undefined) return false;
  if (needMB > WASM_HEAP_MB) return true;
  return hw.deviceMemoryGB !== null && hw.deviceMemoryGB < 8 && needMB > hw.deviceMemoryGB * 1024 * 0.6;
}

/** What the hardware panel should warn about for `entry` on this hardware (nothing when it looks fine). */
export function deviceWarnings(entry: ModelEntry, hw: HardwareReport): DeviceWarning[] {
  if (entry.engine === 'gguf') return ggufExceeds(entry, hw) ? ['exceeds'] : [];
  if (!hw.webgpu) return []; // the no-WebGPU notice covers it
  const warnings: DeviceWarning[] = [];
  if (entry.required_features?.includes('shader-f16') && !hw.shaderF16) warnings.push('noF16Advice');
  if (entry.buffer_size_required_bytes !== undefined && entry.buffer_size_required_bytes > webllmBindingLimit(hw))
    warnings.push('bufferLimit');
  if (entry.vram_required_MB !== undefined && webllmExceeds(entry.vram_required_MB, hw)) warnings.push('exceeds');
  return warnings;
}
