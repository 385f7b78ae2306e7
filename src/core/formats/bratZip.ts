/** A brat corpus in one zip (what the batch tab exports): a `.txt` and an `.ann` per document, read as one set. */
import { unzipSync } from 'fflate';
import { decodeText } from '../decode.ts';
import { fromBrat, readBratLabels } from './brat.ts';
import { AnnotationFormatError, type AnnotatedDocument, type ImportResult } from './types.ts';

const stem = (path: string) => path.replace(/\.[^./]*$/, '');

/**
 * Reads a zip of brat standoff pairs: each `.ann` with the `.txt` of the same path and name is one document (its
 * id the file name without the extension), in the order the zip holds them; a `.txt` without an `.ann` is a
 * document without annotations. A `visual.conf` gives types their full names back (brat's own names have no
 * spaces); other files (brat's `annotation.conf`, folders) are passed over.
 * @param maxBytes the most the unpacked files may hold together, checked before any is unpacked
 * @throws {AnnotationFormatError} when the zip cannot be read, is too large unpacked, an `.ann` has no `.txt`, or
 *   holds no document; and what `fromBrat` throws, with the file's name
 */
export function readBratZip(bytes: Uint8Array, maxBytes: number): ImportResult {
  let unpacked = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!/\.(ann|txt)$|(^|\/)visual\.conf$/i.test(f.name) || /(^|\/)(__MACOSX|\.)/.test(f.name)) return false;
        unpacked += f.originalSize;
        if (unpacked > maxBytes) throw new AnnotationFormatError(`the zip holds more than ${maxBytes} bytes of .txt and .ann files`);
        return true;
      },
    });
  } catch (err) {
    if (err instanceof AnnotationFormatError) throw err;
    throw new AnnotationFormatError(`not a readable zip: ${err instanceof Error ? err.message : String(err)}`);
  }
  const text = (path: string) => decodeText(files[path]).text;
  const paths = Object.keys(files);
  const conf = paths.find((p) => /(^|\/)visual\.conf$/i.test(p));
  const labels = conf ? readBratLabels(text(conf)) : new Map<string, string>();
  const texts = new Map(paths.filter((p) => /\.txt$/i.test(p)).map((p) => [stem(p), p]));
  const anns = new Map(paths.filter((p) => /\.ann$/i.test(p)).map((p) => [stem(p), p]));
  const documents: AnnotatedDocument[] = [];
  const warnings: string[] = [];
  for (const [name, txt] of texts) {
    const ann = anns.get(name);
    const id = name.split('/').pop()!;
    try {
      const read = fromBrat(ann ? text(ann) : '', text(txt), id, labels);
      documents.push(...read.documents);
      warnings.push(...read.warnings.map((w) => `${id}: ${w}`));
    } catch (err) {
      throw new AnnotationFormatError(`${ann ?? txt}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const orphan = [...anns].find(([name]) => !texts.has(name));
  if (orphan) throw new AnnotationFormatError(`${orphan[1]} has no ${orphan[0]}.txt beside it in the zip`);
  if (!documents.length) throw new AnnotationFormatError('the zip holds no brat .txt and .ann files');
  return { documents, warnings };
}
