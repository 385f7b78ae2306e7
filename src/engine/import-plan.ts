/**
 * Planning an air-gapped import of a model folder: where the model sits in what the user picked, which registry
 * entry it belongs to, whether it is that entry's model at all, and the exact cache keys WebLLM will look up.
 * Pure functions over the model check's report; `folder-import.ts` reads the files and writes the caches.
 */
import type { IssueCode, MlcReport, ModelIssue } from '../core/modelkit';
import { WEBLLM_CONFIG, type WebllmScope } from './stored-models';
import type { ModelEntry } from './types';

/** Problems only an import can have, besides the model check's own. */
export type ImportIssueCode = IssueCode | 'no-model' | 'several-models' | 'other-model' | 'integrity' | 'lib-renamed' | 'no-target';

export interface ImportIssue extends Omit<ModelIssue, 'code'> {
  code: ImportIssueCode;
}

/** A picked file; `path` is relative to the picked folder and may start with that folder's own name. */
export interface PickedFile {
  path: string;
  blob: Blob;
}

/** What a picked folder turned out to hold. */
export type FolderLayout =
  { kind: 'mlc'; root: string; files: PickedFile[] } | { kind: 'gguf'; files: PickedFile[] } | { kind: 'none'; issue: ImportIssue };

const SPLIT_GGUF = /^(.*)-\d{5}-of-\d{5}\.gguf$/i;
const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);
const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * Finds the model in a picked folder: the folder holding `mlc-chat-config.json` (the user may pick its parent,
 * e.g. MLC's `dist/` with the model and `libs/` side by side: a model library elsewhere in the pick comes along),
 * else the GGUF model the folder holds.
 */
export function folderLayout(picked: readonly PickedFile[]): FolderLayout {
  const configs = picked.filter((f) => baseName(f.path) === WEBLLM_CONFIG);
  if (configs.length > 1) {
    const folders = configs.map((c) => dirOf(c.path) || './').join(', ');
    return { kind: 'none', issue: { severity: 'error', code: 'several-models', file: folders, params: { folders } } };
  }
  if (configs.length === 1) {
    const root = dirOf(configs[0]!.path);
    const inside = picked.filter((f) => f.path.startsWith(root)).map((f) => ({ path: f.path.slice(root.length), blob: f.blob }));
    const names = new Set(inside.map((f) => f.path));
    const libs = picked
      .filter((f) => !f.path.startsWith(root) && f.path.endsWith('.wasm') && !names.has(baseName(f.path)))
      .map((f) => ({ path: baseName(f.path), blob: f.blob }));
    return { kind: 'mlc', root, files: [...inside, ...libs] };
  }
  const ggufs = picked.filter((f) => /\.gguf$/i.test(f.path));
  const models = new Set(ggufs.map((f) => SPLIT_GGUF.exec(baseName(f.path))?.[1] ?? baseName(f.path)));
  if (models.size === 1) return { kind: 'gguf', files: ggufs.map((f) => ({ path: baseName(f.path), blob: f.blob })) };
  if (models.size > 1) {
    const folders = [...models].join(', ');
    return { kind: 'none', issue: { severity: 'error', code: 'several-models', file: folders, params: { folders } } };
  }
  return { kind: 'none', issue: { severity: 'error', code: 'no-model', file: picked[0]?.path.split('/')[0] ?? '' } };
}

// Taiyi's own requirements: a different model (the registry's Qwen2.5 builds) legitimately has another type,
// template, context and tokenizer
const TAIYI_ONLY: ReadonlySet<ImportIssueCode> = new Set([
  'model-type',
  'conv-template',
  'context-window-missing',
  'context-window-large',
  'tokenizer-missing',
  'tokenizer-not-bpe',
  'tokenizer-unpatched',
]);

/** The check's issues that apply to `entry`: Taiyi-specific ones only for Taiyi entries. */
export function issuesFor(report: MlcReport, entry: ModelEntry): ImportIssue[] {
  return entry.prompt_format === 'taiyi' ? [...report.issues] : report.issues.filter((i) => !TAIYI_ONLY.has(i.code));
}

/**
 * Signs that the folder holds another model than `entry`: another quantisation, or features the entry does not
 * declare. A model library under another name is only worth a warning: it is stored under the entry's name.
 */
export function targetIssues(report: MlcReport, entry: ModelEntry): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const f = report.facts;
  if (entry.engine !== 'webllm' || !entry.model_lib) {
    return [{ severity: 'error', code: 'no-target', file: WEBLLM_CONFIG, params: { model: entry.label } }];
  }
  const norm = (q: string) => q.toLowerCase();
  if (f.quantization && entry.quantization && norm(f.quantization) !== norm(entry.quantization))
    issues.push({
      severity: 'error',
      code: 'other-model',
      file: WEBLLM_CONFIG,
      field: 'quantization',
      params: { model: entry.label, expected: entry.quantization, actual: f.quantization },
    });
  const declared = new Set(entry.required_features ?? []);
  const undeclared = f.requiredFeatures.filter((feature) => !declared.has(feature));
  if (undeclared.length)
    issues.push({
      severity: 'error',
      code: 'other-model',
      file: WEBLLM_CONFIG,
      field: 'required_features',
      params: { model: entry.label, expected: [...declared].join(', ') || '—', actual: undeclared.join(', ') },
    });
  const libName = decodeURIComponent(baseName(new URL(entry.model_lib).pathname));
  if (f.modelLib && baseName(f.modelLib) !== libName)
    issues.push({ severity: 'warning', code: 'lib-renamed', file: f.modelLib, params: { name: libName } });
  return issues;
}

/** The registry entry a checked folder most likely belongs to: same model library name, else same quantisation. */
export function suggestTarget(report: MlcReport, entries: readonly ModelEntry[]): ModelEntry | undefined {
  const candidates = entries.filter((e) => e.engine === 'webllm' && e.model_lib);
  const lib = report.facts.modelLib ? baseName(report.facts.modelLib) : undefined;
  const q = report.facts.quantization?.toLowerCase();
  const taiyi = report.facts.modelType === 'qwen';
  const score = (e: ModelEntry) =>
    (lib && e.model_lib!.endsWith(`/${lib}`) ? 4 : 0) +
    (q && e.quantization.toLowerCase() === q ? 2 : 0) +
    ((e.prompt_format === 'taiyi') === taiyi ? 1 : 0);
  const best = [...candidates].sort((a, b) => score(b) - score(a))[0];
  return best && score(best) >= 2 ? best : undefined;
}

/** One cache write of an import: the file (path in the model folder) and the key WebLLM will look it up by. */
export interface ImportWrite {
  path: string;
  scope: WebllmScope;
  url: string;
}

/**
 * Every cache write, in a safe order: model library, weights, tokenizer, tensor cache, config last, so an import
 * cut short never looks like a complete model (WebLLM checks the tensor cache and the shards it lists).
 */
export function importWrites(report: MlcReport, entry: ModelEntry): ImportWrite[] {
  const f = report.facts;
  const writes: ImportWrite[] = [];
  if (f.modelLib && entry.model_lib) writes.push({ path: f.modelLib, scope: 'webllm/wasm', url: entry.model_lib });
  const rank = (path: string) => (path === WEBLLM_CONFIG ? 3 : path === 'tensor-cache.json' ? 2 : f.tokenizerFiles.includes(path) ? 1 : 0);
  for (const path of [...f.files].sort((a, b) => rank(a) - rank(b))) {
    writes.push({ path, scope: path === WEBLLM_CONFIG ? 'webllm/config' : 'webllm/model', url: new URL(path, entry.url).href });
  }
  return writes;
}

/** The SRI hashes the entry gives for files of the folder (config, model library, tokenizer), by folder path. */
export function expectedHashes(report: MlcReport, entry: ModelEntry): Map<string, string> {
  const hashes = new Map<string, string>();
  const integrity = entry.integrity;
  if (!integrity) return hashes;
  if (integrity.config) hashes.set(WEBLLM_CONFIG, integrity.config);
  if (integrity.model_lib && report.facts.modelLib) hashes.set(report.facts.modelLib, integrity.model_lib);
  for (const [name, hash] of Object.entries(integrity.tokenizer ?? {})) if (report.facts.files.includes(name)) hashes.set(name, hash);
  return hashes;
}
