/** Opening an annotation file from its bytes: size bound, text decoding and format, one outcome for every failure. */
import { NotTextError, decodeText, type TextEncodingName } from '../decode.ts';
import { readAnnotationFile } from './read.ts';
import type { AnnotatedDocument, OffsetUnits } from './types.ts';

/** The largest annotation file opened (bytes); checked before anything is read. */
export const MAX_ANNOTATION_FILE_BYTES = 100 * 1024 * 1024;

export type OpenFailure = 'tooLarge' | 'notText' | 'format';

export type OpenedAnnotations =
  | { ok: true; documents: AnnotatedDocument[]; warnings: string[]; encoding: TextEncodingName; offsetUnits?: OffsetUnits }
  /** `detail` is the reader's own words for `format`. */
  | { ok: false; code: OpenFailure; detail: string };

/**
 * Reads an annotation file. Never throws: every problem is an outcome, so it can cross a worker boundary.
 * The size is checked before a byte is read.
 */
export async function openAnnotationFile(file: Blob, fileName: string): Promise<OpenedAnnotations> {
  if (file.size > MAX_ANNOTATION_FILE_BYTES) return { ok: false, code: 'tooLarge', detail: String(file.size) };
  try {
    const { text, encoding } = decodeText(new Uint8Array(await file.arrayBuffer()));
    const { documents, warnings, offsetUnits } = readAnnotationFile(text, fileName);
    if (!documents.length) return { ok: false, code: 'format', detail: 'no documents' };
    return { ok: true, documents, warnings, encoding, ...(offsetUnits ? { offsetUnits } : {}) };
  } catch (err) {
    if (err instanceof NotTextError) return { ok: false, code: 'notText', detail: err.message };
    return { ok: false, code: 'format', detail: err instanceof Error ? err.message : String(err) };
  }
}
