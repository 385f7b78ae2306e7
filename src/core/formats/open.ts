/** Opening an annotation file from its bytes: size bound, text decoding and format, one outcome for every failure. */
import { NotTextError, decodeText, type TextEncodingName } from '../decode.ts';
import { readAnnotationFile } from './read.ts';
import type { AnnotatedDocument, OffsetUnits } from './types.ts';

/** The largest annotation file opened (bytes); checked before anything is read. */
export const MAX_ANNOTATION_FILE_BYTES = 100 * 1024 * 1024;

/** A zip's first bytes, `PK\x03\x04`. */
const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;

export type OpenFailure = 'tooLarge' | 'notText' | 'format';

export type OpenedAnnotations =
  | { ok: true; documents: AnnotatedDocument[]; warnings: string[]; encoding: TextEncodingName; offsetUnits?: OffsetUnits }
  /** `detail` is the reader's own words for `format`. */
  | { ok: false; code: OpenFailure; detail: string };

/**
 * Reads an annotation file, or a zip of brat `.txt` and `.ann` pairs as one set of documents. Never throws: every
 * problem is an outcome, so it can cross a worker boundary. The size is checked before a byte is read.
 */
export async function openAnnotationFile(file: Blob, fileName: string): Promise<OpenedAnnotations> {
  if (file.size > MAX_ANNOTATION_FILE_BYTES) return { ok: false, code: 'tooLarge', detail: String(file.size) };
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    // a brat corpus as the batch tab exports it; the unzip code loads only for one
    if (/\.zip$/i.test(fileName) || isZip(bytes)) {
      const { readBratZip } = await import('./bratZip.ts');
      const { documents, warnings } = readBratZip(bytes, MAX_ANNOTATION_FILE_BYTES);
      return { ok: true, documents, warnings, encoding: 'utf-8' };
    }
    const { text, encoding } = decodeText(bytes);
    const { documents, warnings, offsetUnits } = readAnnotationFile(text, fileName);
    if (!documents.length) return { ok: false, code: 'format', detail: 'no documents' };
    return { ok: true, documents, warnings, encoding, ...(offsetUnits ? { offsetUnits } : {}) };
  } catch (err) {
    if (err instanceof NotTextError) return { ok: false, code: 'notText', detail: err.message };
    return { ok: false, code: 'format', detail: err instanceof Error ? err.message : String(err) };
  }
}
