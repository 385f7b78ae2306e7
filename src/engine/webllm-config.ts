/**
 * Translations between our types and WebLLM's: the app config built from a registry entry, WebLLM's load progress
 * and its usage report. Type-only imports: nothing of the 6 MB library is pulled in here.
 */
import type { AppConfig, ChatOptions, CompletionUsage, InitProgressReport, ModelRecord } from '@mlc-ai/web-llm';
import type { FinishReason, LoadProgress, ModelEntry, RunUsage } from './types';

const MiB = 1024 ** 2;

/** The file WebLLM reads first, beside the weights: fetching it proves the model URL is right. */
export const webllmConfigUrl = (entry: ModelEntry) => new URL('mlc-chat-config.json', entry.url).href;

/** WebLLM's app config for one registry entry; the entry's id is WebLLM's `model_id`. */
export function webllmAppConfig(entry: ModelEntry): AppConfig {
  if (!entry.model_lib) throw new Error(`${entry.id} has no model_lib`);
  const record: ModelRecord = {
    model: entry.url,
    model_id: entry.id,
    model_lib: entry.model_lib,
  };
  if (entry.overrides) record.overrides = entry.overrides as ChatOptions;
  if (entry.vram_required_MB !== undefined) record.vram_required_MB = entry.vram_required_MB;
  if (entry.buffer_size_required_bytes !== undefined) record.buffer_size_required_bytes = entry.buffer_size_required_bytes;
  // WebLLM turns a missing feature into a clear ShaderF16SupportError instead of a shader compile crash
  if (entry.required_features?.length) record.required_features = [...entry.required_features];
  const { config, model_lib, tokenizer } = entry.integrity ?? {};
  if (config || model_lib || tokenizer) record.integrity = { config, model_lib, tokenizer } as ModelRecord['integrity'];
  return { model_list: [record] };
}

/**
 * WebLLM reports load progress as a fraction plus a sentence; the sentence carries the megabytes
 * ("Fetching param cache[3/108]: 250MB fetched. 12% completed, …").
 */
export function webllmProgress(report: InitProgressReport): LoadProgress {
  const text = report.text;
  const fraction = Math.min(1, Math.max(0, report.progress));
  const mb = /(\d+)MB (?:fetched|loaded)/.exec(text);
  const phase: LoadProgress['phase'] = /^Fetching param cache/.test(text) ? 'download' : 'init';
  const progress: LoadProgress = { fraction, text, phase };
  if (mb && phase === 'download') {
    progress.loadedBytes = Number(mb[1]) * MiB;
    if (fraction > 0) progress.totalBytes = Math.round(progress.loadedBytes / fraction);
  }
  return progress;
}

/** WebLLM's finish reasons, in ours (an interrupted run finishes with "abort"). */
export function webllmFinish(reason: string | null | undefined, aborted: boolean): FinishReason {
  if (aborted || reason === 'abort') return 'aborted';
  return reason === 'length' ? 'length' : 'stop';
}

/**
 * Prompt tokens WebLLM kept from the previous turn. It reuses its KV cache when a request extends the last
 * conversation, and then counts only the new part as `prompt_tokens`; otherwise it empties the cache first.
 * The cache length before the request and once the prompt is evaluated (first token) tell the two apart.
 * @returns undefined when the lengths could not be read.
 */
export function webllmCachedTokens(before: number | undefined, afterPrefill: number | undefined, processed: number): number | undefined {
  if (before === undefined || afterPrefill === undefined) return undefined;
  // the first answer token may or may not be in the cache yet: allow one token either way
  return before > 0 && afterPrefill - processed >= before - 1 ? before : 0;
}

/** WebLLM's usage (with `extra` speeds, when `include_usage` was asked for) as our run statistics. */
export function webllmUsage(
  usage: CompletionUsage | undefined,
  measured: { timeToFirstTokenMs: number; totalMs: number; pieces: number; cachedPromptTokens?: number },
): RunUsage {
  const extra = usage?.extra;
  return {
    promptTokens: usage?.prompt_tokens ?? 0,
    cachedPromptTokens: measured.cachedPromptTokens,
    completionTokens: usage?.completion_tokens ?? measured.pieces,
    timeToFirstTokenMs: measured.timeToFirstTokenMs,
    prefillTokensPerSec: extra?.prefill_tokens_per_s ?? 0,
    decodeTokensPerSec: extra?.decode_tokens_per_s ?? 0,
    totalMs: measured.totalMs,
  };
}
