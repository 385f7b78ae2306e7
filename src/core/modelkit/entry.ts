/**
 * Turns a checked build into a `public/models.json` entry: where it is hosted, what it needs, and SRI hashes of the
 * files WebLLM can verify (config, model library, tokenizer; never weight shards).
 */
import { estimateGgufMemoryMB, estimateMlcVramMB, WASM_HEAP_BYTES } from './memory.ts';
import { ggufParts } from './gguf.ts';
import { MLC_CONFIG } from './mlc.ts';
import { TAIYI_CONV_TEMPLATE, TAIYI_DEFAULTS, TAIYI_LICENSE, TAIYI_SOURCE } from './taiyi.ts';
import type { GgufReport, MlcReport, ModelIssue, RegistryEntry } from './types.ts';
import { firstBlockingIssue } from './util.ts';
import { mlcModelUrl, withSlash } from './urls.ts';

export { mlcModelUrl };

export interface EntryOptions {
  /**
   * Where the model will be hosted. MLC: the folder URL (`resolve/main/` is appended unless it has a `/resolve/<rev>/`,
   * as WebLLM would). GGUF: the `.gguf` URL or the folder that holds it. Relative URLs stay relative.
   */
  url: string;
  id: string;
  label?: string;
  /** MLC: where the model library is hosted; default beside the weights. */
  modelLibUrl?: string;
  /** Context window to register. Default: the build's (MLC); the largest of 2048/1024/512 that fits the heap (GGUF). */
  contextSize?: number;
  /** SRI hash (`sha256-<base64>`) of a file of the checked source. */
  sri: (path: string) => Promise<string>;
  /** GGUF: also hash the whole file (single-file models only; reads every byte). Default true. */
  hashFile?: boolean;
}

/** Thrown when an entry is asked for a build that failed its check; `issue` is the first blocking problem. */
export class BlockingIssueError extends Error {
  constructor(readonly issue: ModelIssue) {
    super(`${issue.file}${issue.field ? ` (${issue.field})` : ''}: ${issue.code}`);
    this.name = 'BlockingIssueError';
  }
}

const MiB = 2 ** 20;
const isAbsolute = (url: string) => /^[a-z][a-z0-9+.-]*:/i.test(url);

/**
 * A registry entry for a checked MLC build.
 * @throws BlockingIssueError when the report has an error
 * @throws whatever `options.sri` throws
 */
export async function buildMlcEntry(report: MlcReport, options: EntryOptions): Promise<RegistryEntry> {
  const blocking = firstBlockingIssue(report);
  if (blocking) throw new BlockingIssueError(blocking);
  const f = report.facts;
  const url = mlcModelUrl(options.url);
  const lib = f.modelLib!;
  const context = options.contextSize ?? f.contextWindow!;
  const quantization = f.quantization ?? 'unknown';
  const tokenizer: Record<string, string> = {};
  // WebLLM verifies only the tokenizer file it loads
  for (const name of ['tokenizer.json', 'tokenizer.model'].filter((n) => f.files.includes(n))) tokenizer[name] = await options.sri(name);
  const entry: RegistryEntry = {
    id: options.id,
    label: options.label ?? `Taiyi 1 (7B) · ${quantization} · WebGPU`,
    engine: 'webllm',
    url,
    model_lib: options.modelLibUrl ?? (isAbsolute(lib) ? lib : `${url}${lib.split('/').pop()}`),
    quantization,
    size_MB: Math.max(1, Math.round(f.downloadBytes / MiB)),
    context_window_size: context,
    prompt_format: 'taiyi',
    languages: ['en', 'zh'],
    integrity: { config: await options.sri(MLC_CONFIG), model_lib: await options.sri(lib), tokenizer },
    // the checked config already holds the template; repeating it keeps the entry right if the config is rebuilt
    overrides: { conv_template: structuredClone(TAIYI_CONV_TEMPLATE) },
    defaults: { ...TAIYI_DEFAULTS },
    source: TAIYI_SOURCE,
    license: TAIYI_LICENSE,
  };
  if (f.kvBytesPerToken && f.vocabSize && f.prefillChunk)
    entry.vram_required_MB = estimateMlcVramMB({
      weightBytes: f.weightBytes,
      kvBytesPerToken: f.kvBytesPerToken,
      context,
      quantization,
      vocabSize: f.vocabSize,
      prefillChunk: f.prefillChunk,
    });
  if (f.requiredFeatures.length) entry.required_features = [...f.requiredFeatures];
  if (f.largestTensorBytes) entry.buffer_size_required_bytes = f.largestTensorBytes;
  // the context is a run-time setting in WebLLM; record it only when it differs from the build's config
  if (context !== f.contextWindow) entry.overrides!.context_window_size = context;
  return entry;
}

/** The context to register for a GGUF model: the largest of 2048/1024/512 that the model allows and the heap holds. */
export function ggufContext(report: GgufReport): number {
  const f = report.facts;
  const candidates = [2048, 1024, 512].filter((c) => c <= (f.contextLength ?? 2048));
  const fits = (context: number) =>
    !f.kvBytesPerToken ||
    !f.vocabSize ||
    estimateGgufMemoryMB({ fileBytes: f.totalBytes, kvBytesPerToken: f.kvBytesPerToken, context, vocabSize: f.vocabSize }) * MiB <=
      WASM_HEAP_BYTES;
  return candidates.find(fits) ?? candidates.at(-1) ?? f.contextLength ?? 512;
}

/**
 * A registry entry for a checked GGUF file or split set.
 * @throws BlockingIssueError when the report has an error
 * @throws whatever `options.sri` throws
 */
export async function buildGgufEntry(report: GgufReport, options: EntryOptions): Promise<RegistryEntry> {
  const blocking = firstBlockingIssue(report);
  if (blocking) throw new BlockingIssueError(blocking);
  const f = report.facts;
  const folder = options.url.endsWith('.gguf') ? options.url.slice(0, options.url.lastIndexOf('/') + 1) : withSlash(options.url);
  const urls = ggufParts(f.file).map((part) => `${folder}${part.split('/').pop()}`);
  const context = options.contextSize ?? ggufContext(report);
  const taiyi = f.architecture === 'qwen';
  const entry: RegistryEntry = {
    id: options.id,
    label: options.label ?? `${taiyi ? 'Taiyi 1 (7B)' : (f.name ?? f.architecture ?? 'GGUF model')} · ${f.quantization ?? 'GGUF'} · CPU`,
    engine: 'gguf',
    url: urls[0]!,
    quantization: f.quantization ?? 'unknown',
    size_MB: Math.max(1, Math.round(f.totalBytes / MiB)),
    context_window_size: context,
    prompt_format: taiyi ? 'taiyi' : 'native',
    // Qwen and GLM-4 (Taiyi 1 and 2) are bilingual; anything else is registered as English until said otherwise
    languages: taiyi || f.architecture === 'glm4' ? ['en', 'zh'] : ['en'],
  };
  if (urls.length > 1) entry.urls = urls;
  if (f.kvBytesPerToken && f.vocabSize)
    entry.vram_required_MB = estimateGgufMemoryMB({
      fileBytes: f.totalBytes,
      kvBytesPerToken: f.kvBytesPerToken,
      context,
      vocabSize: f.vocabSize,
    });
  if (urls.length === 1 && options.hashFile !== false) entry.integrity = { file: await options.sri(f.file) };
  if (taiyi) Object.assign(entry, { defaults: { ...TAIYI_DEFAULTS }, source: TAIYI_SOURCE, license: TAIYI_LICENSE });
  return entry;
}
