/**
 * The model kit: checks a Taiyi build (MLC folder or GGUF) wherever it lives, and turns a checked build into a
 * registry entry. Used by the page before a folder import and after a model URL is entered, and by the Node tools.
 */
import { checkGguf, type GgufCheckOptions } from './gguf.ts';
import { checkMlc, MLC_CONFIG, type MlcCheckOptions } from './mlc.ts';
import { mlcModelUrl } from './entry.ts';
import { urlSource } from './source.ts';
import type { ModelReport, ModelSource } from './types.ts';

export type * from './types.ts';
export { checkGguf, ggufParts, type GgufCheckOptions } from './gguf.ts';
export { checkMlc, MLC_CONFIG, MLC_TENSOR_CACHE, type MlcCheckOptions } from './mlc.ts';
export { blobSource, listingSource, readText, urlSource, type ListedFile } from './source.ts';
export { buildGgufEntry, buildMlcEntry, BlockingIssueError, ggufContext, mlcModelUrl, type EntryOptions } from './entry.ts';
export { describeIssue } from './messages.ts';
export { patchQwenTokenizer, qwenTokenizerState, TokenizerPatchError, QWEN_PRE_TOKENIZER, QWEN_SPLIT_PATTERN } from './tokenizer.ts';
export { TAIYI_CITATION, TAIYI_CONV_TEMPLATE, TAIYI_DEFAULTS, TAIYI_LICENSE, TAIYI_SOURCE } from './taiyi.ts';
export { md5Hex, Md5 } from './md5.ts';
export { sriSha256 } from './sri.ts';
export { firstBlockingIssue } from './util.ts';

export type CheckOptions = MlcCheckOptions &
  GgufCheckOptions & {
    /** The `.gguf` file to check; default: the folder's MLC build, or its only GGUF model when it has no MLC config. */
    target?: string;
  };

/**
 * Checks whatever model a source holds: a GGUF file (or split set) or an MLC build.
 * @throws only if the source throws outside `stat`/`read`
 */
export async function checkModel(source: ModelSource, options: CheckOptions = {}): Promise<ModelReport> {
  let target = options.target;
  if (target === undefined && source.list) {
    const files = await source.list();
    const ggufs = files.filter((f) => f.endsWith('.gguf') && !/-(?!00001)\d{5}-of-\d{5}\.gguf$/.test(f));
    if (!files.includes(MLC_CONFIG) && ggufs.length === 1) target = ggufs[0];
  }
  return target?.endsWith('.gguf') ? checkGguf(source, target, options) : checkMlc(source, options);
}

/**
 * Checks a model by URL, reading only what it must (headers through HTTP ranges, sizes through HEAD).
 * A URL ending in `.gguf` is a GGUF model; anything else is an MLC model base URL, and its model library must be
 * given as `options.modelLib` (absolute, or relative to the base).
 * @throws TypeError when `url` is not an absolute URL
 */
export async function checkModelUrl(
  url: string,
  options: MlcCheckOptions & GgufCheckOptions & { fetch?: typeof fetch } = {},
): Promise<ModelReport> {
  if (new URL(url).pathname.endsWith('.gguf')) {
    const name = decodeURIComponent(new URL(url).pathname.split('/').pop()!);
    return checkGguf(urlSource(url, options.fetch), name, options);
  }
  return checkMlc(urlSource(mlcModelUrl(url), options.fetch), options);
}
