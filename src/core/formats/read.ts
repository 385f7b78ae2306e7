/** Opening an annotation file whose format the user did not name. */
import { fromBiocJson } from './bioc.ts';
import { fromPubTator } from './pubtator.ts';
import type { ImportResult } from './types.ts';

/**
 * Reads a PubTator or BioC JSON file: a `.json` name or content starting with `{` / `[` means BioC JSON,
 * anything else is read as PubTator.
 * @throws {AnnotationFormatError} when the content is not valid in the format it looks like.
 */
export function readAnnotationFile(content: string, fileName = ''): ImportResult {
  const json = /\.json$/i.test(fileName) || /^\uFEFF?\s*[[{]/.test(content);
  return json ? fromBiocJson(content) : fromPubTator(content);
}
