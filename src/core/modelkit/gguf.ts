/**
 * Checks a GGUF model (one file or a `-0000N-of-0000M.gguf` split set) for the llama.cpp WebAssembly engine by reading
 * only its headers: what it is, whether every part is whole, and whether it can fit the browser's limits.
 */
import { estimateGgufMemoryMB, GGUF_MAX_FILE_BYTES, ggufKvBytesPerToken, WASM_HEAP_BYTES } from './memory.ts';
import type { GgufFacts, GgufReport, ModelSource } from './types.ts';
import { IssueList, mib, reason, statOrReport } from './util.ts';

export interface GgufCheckOptions {
  /** Context size to estimate memory for; default the model's own, at most 2048. */
  contextSize?: number;
}

const SPLIT_NAME = /^(.*)-(\d{5})-of-(\d{5})\.gguf$/;

/** Every part of a split set in order, or just the file. The first part carries the model's metadata. */
export function ggufParts(file: string): string[] {
  const match = SPLIT_NAME.exec(file);
  if (!match) return [file];
  const total = Number(match[3]);
  return Array.from({ length: total }, (_, i) => `${match[1]}-${String(i + 1).padStart(5, '0')}-of-${match[3]}.gguf`);
}

// [elements per block, bytes per block], from ggml; lets the last tensor's end be computed to detect truncation
const BLOCK: Record<string, [number, number]> = {
  F32: [1, 4],
  F16: [1, 2],
  BF16: [1, 2],
  F64: [1, 8],
  I8: [1, 1],
  I16: [1, 2],
  I32: [1, 4],
  I64: [1, 8],
  Q4_0: [32, 18],
  Q4_1: [32, 20],
  Q5_0: [32, 22],
  Q5_1: [32, 24],
  Q8_0: [32, 34],
  Q8_1: [32, 36],
  IQ4_NL: [32, 18],
  Q2_K: [256, 84],
  Q3_K: [256, 110],
  Q4_K: [256, 144],
  Q5_K: [256, 176],
  Q6_K: [256, 210],
  Q8_K: [256, 292],
  IQ2_XXS: [256, 66],
  IQ2_XS: [256, 74],
  IQ2_S: [256, 82],
  IQ3_XXS: [256, 98],
  IQ3_S: [256, 110],
  IQ1_S: [256, 50],
  IQ1_M: [256, 56],
  IQ4_XS: [256, 136],
};

interface Header {
  metadata: Record<string, unknown>;
  tensors: { shape: bigint[]; dtype: number; offset: bigint }[];
  dataOffset: number;
}

/** Parses a GGUF header through the source, serving the parser's HTTP range requests from `source.read`. */
async function parseHeader(source: ModelSource, path: string, size: number | undefined): Promise<Header> {
  const { gguf } = await import('@huggingface/gguf');
  const rangedFetch = async (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const match = /bytes=(\d+)-(\d+)/.exec(new Headers(init?.headers).get('Range') ?? '');
    const start = match ? Number(match[1]) : 0;
    const wanted = match ? Number(match[2]) + 1 : (size ?? 0);
    const end = size === undefined ? wanted : Math.min(wanted, size);
    const bytes = start < end ? await source.read(path, start, end) : new Uint8Array(0);
    const headers: Record<string, string> = size === undefined ? {} : { 'content-range': `bytes ${start}-${end - 1}/${size}` };
    return new Response(bytes.slice().buffer, { status: 206, headers });
  };
  // the parser insists on an http(s) URI outside browsers; nothing is fetched from it, all reads go through the source
  const parsed = await gguf(`https://gguf.invalid/${encodeURIComponent(path)}`, { fetch: rangedFetch as typeof fetch });
  return { metadata: parsed.metadata as Record<string, unknown>, tensors: parsed.tensorInfos, dataOffset: Number(parsed.tensorDataOffset) };
}

/** Where the last tensor's data ends, when every type is known; otherwise where it starts (a lower bound). */
function dataEnd(header: Header, typeName: (dtype: number) => string): number {
  let end = header.dataOffset;
  for (const t of header.tensors) {
    const block = BLOCK[typeName(t.dtype)];
    const elements = t.shape.reduce((product, d) => product * Number(d), 1);
    end = Math.max(end, header.dataOffset + Number(t.offset) + (block ? (elements / block[0]) * block[1] : 0));
  }
  return end;
}

/** The quantisation that names the file: `general.file_type`, else the most common type among matrices. */
function quantizationOf(
  header: Header,
  fileTypeName: (n: number) => string | undefined,
  typeName: (n: number) => string,
): string | undefined {
  const fileType = header.metadata['general.file_type'];
  if (typeof fileType === 'number') return fileTypeName(fileType) ?? `file_type ${fileType}`;
  const counts = new Map<string, number>();
  for (const t of header.tensors.filter((t) => t.shape.length >= 2))
    counts.set(typeName(t.dtype), (counts.get(typeName(t.dtype)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * Checks a GGUF file or split set. Never throws for a bad file: every problem becomes an issue.
 * @param file the `.gguf` path in the source (any part of a split set)
 * @throws only if the source itself throws outside `stat`/`read` (a bug, not a bad file)
 */
export async function checkGguf(source: ModelSource, file: string, options: GgufCheckOptions = {}): Promise<GgufReport> {
  const issues = new IssueList();
  const parts = ggufParts(file);
  const facts: GgufFacts = { file: parts[0]!, parts, totalBytes: 0, hasChatTemplate: false, tensorCount: 0 };
  const sizes: (number | undefined)[] = [];
  for (const part of parts) {
    const stat = await statOrReport(source, part, issues);
    if (stat === 'unreadable') return { kind: 'gguf', ok: false, issues: issues.items, facts };
    if (!stat) issues.add('error', parts.length > 1 ? 'gguf-part-missing' : 'file-missing', part);
    else if (stat.size !== undefined && stat.size >= GGUF_MAX_FILE_BYTES)
      issues.add('error', 'gguf-file-too-large', part, undefined, { sizeMB: mib(stat.size), limitMB: mib(GGUF_MAX_FILE_BYTES) });
    sizes.push(stat?.size);
    facts.totalBytes += stat?.size ?? 0;
  }
  if (!issues.ok) return { kind: 'gguf', ok: false, issues: issues.items, facts };

  const { GGMLQuantizationType, GGMLFileQuantizationType } = await import('@huggingface/gguf');
  const typeName = (n: number) => GGMLQuantizationType[n] ?? `type ${n}`;
  const fileTypeName = (n: number): string | undefined => GGMLFileQuantizationType[n];
  let first: Header | undefined;
  for (const [i, part] of parts.entries()) {
    let header: Header;
    try {
      header = await parseHeader(source, part, sizes[i]);
    } catch (error) {
      issues.add('error', 'gguf-invalid', part, undefined, { reason: reason(error) });
      continue;
    }
    first ??= header;
    facts.tensorCount += header.tensors.length;
    const expected = dataEnd(header, typeName);
    const actual = sizes[i];
    if (actual !== undefined && actual < expected) issues.add('error', 'gguf-truncated', part, undefined, { expected, actual });
  }
  if (!first) return { kind: 'gguf', ok: false, issues: issues.items, facts };

  const md = first.metadata;
  const architecture = typeof md['general.architecture'] === 'string' ? md['general.architecture'] : undefined;
  facts.architecture = architecture;
  facts.name = typeof md['general.name'] === 'string' ? md['general.name'] : undefined;
  if (!architecture) issues.add('error', 'gguf-field-missing', facts.file, 'general.architecture');
  const contextLength = architecture ? md[`${architecture}.context_length`] : undefined;
  facts.contextLength = typeof contextLength === 'number' ? contextLength : undefined;
  if (architecture && facts.contextLength === undefined)
    issues.add('error', 'gguf-field-missing', facts.file, `${architecture}.context_length`);
  const tokens = md['tokenizer.ggml.tokens'];
  const declaredVocab = architecture ? md[`${architecture}.vocab_size`] : undefined;
  facts.vocabSize = Array.isArray(tokens) ? tokens.length : typeof declaredVocab === 'number' ? declaredVocab : undefined;
  if (!Array.isArray(tokens)) issues.add('error', 'gguf-field-missing', facts.file, 'tokenizer.ggml.tokens');
  const template = md['tokenizer.chat_template'];
  facts.hasChatTemplate = typeof template === 'string' && template.length > 0;
  facts.quantization = quantizationOf(first, fileTypeName, typeName);
  // Taiyi 1 (qwen) is prompted in its own wire format; any other model needs its template or gets plain completion
  if (architecture && architecture !== 'qwen' && !facts.hasChatTemplate)
    issues.add('warning', 'gguf-no-chat-template', facts.file, 'tokenizer.chat_template');

  if (architecture) facts.kvBytesPerToken = ggufKvBytesPerToken(md, architecture);
  if (facts.totalBytes >= WASM_HEAP_BYTES) {
    issues.add('error', 'gguf-heap', facts.file, undefined, { sizeMB: mib(facts.totalBytes), limitMB: mib(WASM_HEAP_BYTES) });
  } else if (facts.kvBytesPerToken && facts.vocabSize) {
    const context = options.contextSize ?? Math.min(facts.contextLength ?? 2048, 2048);
    facts.estimateContext = context;
    facts.memoryMB = estimateGgufMemoryMB({
      fileBytes: facts.totalBytes,
      kvBytesPerToken: facts.kvBytesPerToken,
      context,
      vocabSize: facts.vocabSize,
    });
    if (facts.memoryMB * 2 ** 20 > WASM_HEAP_BYTES)
      issues.add('warning', 'gguf-heap-estimate', facts.file, undefined, {
        estimateMB: facts.memoryMB,
        context,
        limitMB: mib(WASM_HEAP_BYTES),
      });
  }
  return { kind: 'gguf', ok: issues.ok, issues: issues.items, facts };
}
