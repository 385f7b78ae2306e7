/**
 * Checks an MLC (WebLLM) build of Taiyi before anyone hosts or imports it: the files WebLLM will ask for exist with
 * the sizes tensor-cache.json promises, the config renders Taiyi's format, and the tokenizer splits text as Qwen does.
 */
import { md5Hex } from './md5.ts';
import { estimateMlcVramMB, mlcKvBytesPerToken } from './memory.ts';
import { readText } from './source.ts';
import { TAIYI_CONV_TEMPLATE, TAIYI_MAX_CONTEXT } from './taiyi.ts';
import { qwenTokenizerState } from './tokenizer.ts';
import type { MlcFacts, MlcReport, ModelSource } from './types.ts';
import { IssueList, isObject, mapLimit, reason, sameJson, statOrReport, type Json } from './util.ts';

export const MLC_CONFIG = 'mlc-chat-config.json';
/** web-llm 0.2.86 reads only this name; older MLC releases wrote `ndarray-cache.json`. */
export const MLC_TENSOR_CACHE = 'tensor-cache.json';
const LEGACY_TENSOR_CACHE = 'ndarray-cache.json';
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

export interface MlcCheckOptions {
  /** Also compare every shard's MD5 with the `md5sum` tensor-cache.json records (reads all weights). */
  verify?: boolean;
  /** A faster MD5 for `verify` (the Node tool streams files); defaults to reading the shard through the source. */
  md5?: (path: string) => Promise<string>;
  /** The model library to check: a path in the source or an absolute URL. Default: the one `.wasm` the folder lists. */
  modelLib?: string;
  /** Called as each shard is verified. */
  onProgress?: (progress: { done: number; total: number; file: string }) => void;
}

const positive = (value: unknown): number | undefined => (typeof value === 'number' && value > 0 ? value : undefined);

const addFile = (facts: MlcFacts, path: string, size: number | undefined) => {
  facts.files.push(path);
  facts.downloadBytes += size ?? 0;
};

/** Reads and parses a JSON file, reporting a missing, unreadable or malformed one. */
async function readJson(source: ModelSource, path: string, issues: IssueList): Promise<{ json: Json; size?: number } | undefined> {
  const stat = await statOrReport(source, path, issues);
  if (stat === 'unreadable') return undefined;
  if (!stat) {
    const legacy = path === MLC_TENSOR_CACHE && (await source.stat(LEGACY_TENSOR_CACHE).catch(() => undefined));
    issues.add('error', legacy ? 'tensor-cache-legacy' : 'file-missing', path);
    return undefined;
  }
  let text: string;
  try {
    text = await readText(source, path);
  } catch (error) {
    issues.add('error', 'file-unreadable', path, undefined, { reason: reason(error) });
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (isObject(value)) return { json: value, size: stat.size };
    issues.add('error', 'json-invalid', path, undefined, { reason: 'not a JSON object' });
  } catch (error) {
    issues.add('error', 'json-invalid', path, undefined, { reason: reason(error) });
  }
  return undefined;
}

function checkConfig(config: Json, facts: MlcFacts, issues: IssueList): void {
  const modelConfig = isObject(config.model_config) ? config.model_config : {};
  facts.modelType = typeof config.model_type === 'string' ? config.model_type : undefined;
  if (facts.modelType !== 'qwen')
    issues.add('error', 'model-type', MLC_CONFIG, 'model_type', { expected: 'qwen', actual: String(config.model_type) });
  facts.quantization = typeof config.quantization === 'string' ? config.quantization : undefined;
  if (facts.quantization?.includes('f16')) facts.requiredFeatures.push('shader-f16');

  const template = config.conv_template;
  if (!isObject(template)) {
    issues.add('error', 'conv-template', MLC_CONFIG, 'conv_template', { expected: 'object', actual: JSON.stringify(template) ?? 'none' });
  } else {
    const wrong = Object.entries(TAIYI_CONV_TEMPLATE).find(([key, value]) => !sameJson(template[key], value));
    if (wrong) {
      const [key, expected] = wrong;
      issues.add('error', 'conv-template', MLC_CONFIG, `conv_template.${key}`, {
        expected: JSON.stringify(expected),
        actual: JSON.stringify(template[key]) ?? 'none',
      });
    }
  }

  facts.contextWindow = positive(config.context_window_size) ?? positive(modelConfig.context_window_size);
  if (facts.contextWindow === undefined)
    issues.add('error', 'context-window-missing', MLC_CONFIG, 'context_window_size', { actual: String(config.context_window_size) });
  else if (facts.contextWindow > TAIYI_MAX_CONTEXT)
    issues.add('warning', 'context-window-large', MLC_CONFIG, 'context_window_size', {
      actual: facts.contextWindow,
      max: TAIYI_MAX_CONTEXT,
    });
  facts.prefillChunk = positive(config.prefill_chunk_size) ?? positive(modelConfig.prefill_chunk_size);
  facts.vocabSize = positive(config.vocab_size) ?? positive(modelConfig.vocab_size);
  facts.kvBytesPerToken = mlcKvBytesPerToken(modelConfig, facts.quantization ?? '');
}

async function checkTokenizer(source: ModelSource, config: Json, facts: MlcFacts, issues: IssueList): Promise<void> {
  const listed = Array.isArray(config.tokenizer_files) ? config.tokenizer_files.filter((f): f is string => typeof f === 'string') : [];
  facts.tokenizerFiles = listed;
  // WebLLM loads tokenizer.json, else tokenizer.model; Qwen's byte-level BPE can only be the former
  if (!listed.includes('tokenizer.json'))
    issues.add('error', 'tokenizer-missing', 'tokenizer.json', 'tokenizer_files', { listed: listed.join(', ') || 'none' });
  for (const file of listed) {
    const stat = await statOrReport(source, file, issues);
    if (stat === 'unreadable') continue;
    if (!stat) issues.add('error', 'file-missing', file, 'tokenizer_files');
    else addFile(facts, file, stat.size);
  }
  if (!facts.files.includes('tokenizer.json')) return;
  let tokenizer: unknown;
  try {
    tokenizer = JSON.parse(await readText(source, 'tokenizer.json'));
  } catch (error) {
    issues.add('error', 'json-invalid', 'tokenizer.json', undefined, { reason: reason(error) });
    return;
  }
  const state = qwenTokenizerState(tokenizer);
  if (state.state === 'not-bpe') issues.add('error', 'tokenizer-not-bpe', 'tokenizer.json', state.field);
  if (state.state === 'unpatched') issues.add('error', 'tokenizer-unpatched', 'tokenizer.json', state.field);
}

interface Shard {
  path: string;
  nbytes: number;
  md5?: string;
}

async function checkTensorCache(source: ModelSource, options: MlcCheckOptions, facts: MlcFacts, issues: IssueList): Promise<void> {
  const read = await readJson(source, MLC_TENSOR_CACHE, issues);
  if (!read) return;
  const cache = read.json;
  addFile(facts, MLC_TENSOR_CACHE, read.size);
  if (!Array.isArray(cache.records) || cache.records.length === 0) {
    issues.add('error', 'json-invalid', MLC_TENSOR_CACHE, 'records', { reason: 'no shard records' });
    return;
  }
  const shards: Shard[] = [];
  cache.records.forEach((record: unknown, i) => {
    if (!isObject(record) || typeof record.dataPath !== 'string' || typeof record.nbytes !== 'number') {
      issues.add('error', 'json-invalid', MLC_TENSOR_CACHE, `records[${i}]`, { reason: 'dataPath or nbytes missing' });
      return;
    }
    shards.push({ path: record.dataPath, nbytes: record.nbytes, md5: typeof record.md5sum === 'string' ? record.md5sum : undefined });
    for (const tensor of Array.isArray(record.records) ? record.records : [])
      if (isObject(tensor) && typeof tensor.nbytes === 'number')
        facts.largestTensorBytes = Math.max(facts.largestTensorBytes ?? 0, tensor.nbytes);
  });
  facts.shardCount = shards.length;
  facts.weightBytes = shards.reduce((sum, s) => sum + s.nbytes, 0);

  const stats = await mapLimit(shards, 8, (shard) => statOrReport(source, shard.path, issues));
  const intact: { shard: Shard; index: number }[] = [];
  stats.forEach((stat, index) => {
    const shard = shards[index]!;
    const field = `records[${index}]`;
    if (stat === 'unreadable') return;
    if (!stat) return issues.add('error', 'shard-missing', shard.path, `${field}.dataPath`);
    addFile(facts, shard.path, stat.size);
    if (stat.size === undefined) return issues.add('warning', 'shard-size-unknown', shard.path, `${field}.nbytes`);
    if (stat.size !== shard.nbytes)
      return issues.add('error', 'shard-size', shard.path, `${field}.nbytes`, { expected: shard.nbytes, actual: stat.size });
    intact.push({ shard, index });
  });
  if (options.verify) await verifyShards(source, intact, options, issues);
}

async function verifyShards(
  source: ModelSource,
  shards: { shard: Shard; index: number }[],
  options: MlcCheckOptions,
  issues: IssueList,
): Promise<void> {
  const md5 = options.md5 ?? (async (path: string) => md5Hex(await source.read(path)));
  let done = 0;
  // two at a time: hashing is CPU-bound and whole shards are held in memory
  await mapLimit(shards, 2, async ({ shard, index }) => {
    const field = `records[${index}].md5sum`;
    if (!shard.md5) issues.add('warning', 'shard-md5-absent', shard.path, field);
    else {
      try {
        const actual = await md5(shard.path);
        if (actual !== shard.md5.toLowerCase()) issues.add('error', 'shard-md5', shard.path, field, { expected: shard.md5, actual });
      } catch (error) {
        issues.add('error', 'file-unreadable', shard.path, undefined, { reason: reason(error) });
      }
    }
    options.onProgress?.({ done: ++done, total: shards.length, file: shard.path });
  });
}

async function checkModelLib(source: ModelSource, options: MlcCheckOptions, facts: MlcFacts, issues: IssueList): Promise<void> {
  let lib = options.modelLib;
  if (lib === undefined && source.list) {
    const found = (await source.list()).filter((p) => p.endsWith('.wasm')).sort();
    const preferred = found.find((p) => facts.quantization && p.includes(facts.quantization)) ?? found[0];
    if (found.length > 1 && preferred) issues.add('warning', 'wasm-several', preferred, undefined, { count: found.length });
    lib = preferred;
  }
  if (lib === undefined) return issues.add('error', 'wasm-missing', '*.wasm');
  const stat = await statOrReport(source, lib, issues);
  if (stat === 'unreadable') return;
  if (!stat) return issues.add('error', 'wasm-missing', lib);
  facts.modelLib = lib;
  facts.modelLibBytes = stat.size;
  facts.downloadBytes += stat.size ?? 0;
  try {
    const head = await source.read(lib, 0, 4);
    if (!WASM_MAGIC.every((byte, i) => head[i] === byte)) issues.add('error', 'wasm-invalid', lib);
  } catch (error) {
    issues.add('error', 'file-unreadable', lib, undefined, { reason: reason(error) });
  }
}

/**
 * Checks an MLC build folder (or URL) of Taiyi 1 for WebLLM. Never throws for a bad build: every problem becomes an
 * issue, in the order config, template, context, tokenizer, weights, model library.
 * @throws only if the source itself throws outside `stat`/`read` (a bug, not a bad build)
 */
export async function checkMlc(source: ModelSource, options: MlcCheckOptions = {}): Promise<MlcReport> {
  const issues = new IssueList();
  const facts: MlcFacts = { shardCount: 0, weightBytes: 0, tokenizerFiles: [], requiredFeatures: [], files: [], downloadBytes: 0 };
  const config = await readJson(source, MLC_CONFIG, issues);
  if (config) {
    addFile(facts, MLC_CONFIG, config.size);
    checkConfig(config.json, facts, issues);
    await checkTokenizer(source, config.json, facts, issues);
  }
  await checkTensorCache(source, options, facts, issues);
  await checkModelLib(source, options, facts, issues);
  // only meaningful once config and tensor cache say what the build is made of
  if (source.list && facts.files.includes(MLC_CONFIG) && facts.files.includes(MLC_TENSOR_CACHE)) {
    const used = new Set([...facts.files, LEGACY_TENSOR_CACHE, facts.modelLib]);
    for (const path of (await source.list()).sort()) if (!used.has(path)) issues.add('warning', 'file-extra', path);
  }
  const { weightBytes, kvBytesPerToken, contextWindow, vocabSize, prefillChunk, quantization } = facts;
  if (weightBytes && kvBytesPerToken && contextWindow && vocabSize && prefillChunk && quantization)
    facts.vramMB = estimateMlcVramMB({ weightBytes, kvBytesPerToken, context: contextWindow, quantization, vocabSize, prefillChunk });
  return { kind: 'mlc', ok: issues.ok, issues: issues.items, facts };
}
