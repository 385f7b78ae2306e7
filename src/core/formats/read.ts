/** Opening annotation files whose format the user did not name. */
import { fromBiocJson } from './bioc.ts';
import { fromBrat } from './brat.ts';
import { fromPubTator } from './pubtator.ts';
import { AnnotationFormatError, checkEntityTexts, type AnnotatedDocument, type ImportResult } from './types.ts';

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** True for the page's own JSON export (`toJson`): documents with their text and entities, not BioC passages. */
function isOwnJson(data: unknown): data is { documents: AnnotatedDocument[] } {
  return (
    isRecord(data) &&
    Array.isArray(data.documents) &&
    data.documents.every((d) => isRecord(d) && typeof d.text === 'string' && Array.isArray(d.entities))
  );
}

/**
 * Reads the page's own JSON export back: the documents as written, entities checked against the text.
 * @throws {AnnotationFormatError} when an entity has no numeric offsets.
 */
export function fromJson(data: { documents: AnnotatedDocument[] }): ImportResult {
  const documents = data.documents.map((d, i) => {
    const entities = d.entities.map((e) => {
      if (typeof e.start !== 'number' || typeof e.end !== 'number')
        throw new AnnotationFormatError(`document ${d.id ?? i + 1}: an entity has no offsets`);
      return { ...e, type: String(e.type), text: String(e.text ?? d.text.slice(e.start, e.end)) };
    });
    return { ...d, id: String(d.id ?? i + 1), entities, relations: Array.isArray(d.relations) ? d.relations : [] };
  });
  return { documents, warnings: documents.flatMap(checkEntityTexts) };
}

/**
 * Reads a PubTator, BioC JSON or the page's own JSON file: a `.json` name or content starting with `{` / `[`
 * means JSON (the page's export when its documents carry text and entities, else BioC), anything else is read
 * as PubTator.
 * @throws {AnnotationFormatError} when the content is not valid in the format it looks like.
 */
export function readAnnotationFile(content: string, fileName = ''): ImportResult {
  const json = /\.json$/i.test(fileName) || /^\uFEFF?\s*[[{]/.test(content);
  if (!json) return fromPubTator(content);
  let data: unknown;
  try {
    data = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch {
    return fromBiocJson(content); // says what is wrong with it
  }
  return isOwnJson(data) ? fromJson(data) : fromBiocJson(content);
}

export interface NamedText {
  name: string;
  content: string;
}

const stem = (name: string) => name.replace(/\.[^.]*$/, '');

/**
 * Reads the files the user opened together: a brat `.ann` with its `.txt` (same name, or the only one), else
 * the first file as `readAnnotationFile` does.
 * @throws {AnnotationFormatError} when a `.ann` comes without its text, or a file cannot be read.
 */
export function readAnnotationFiles(files: readonly NamedText[]): ImportResult {
  const ann = files.find((f) => /\.ann$/i.test(f.name));
  if (!ann) {
    if (!files[0]) throw new AnnotationFormatError('no file');
    return readAnnotationFile(files[0].content, files[0].name);
  }
  const texts = files.filter((f) => /\.txt$/i.test(f.name));
  const txt = texts.find((f) => stem(f.name) === stem(ann.name)) ?? (texts.length === 1 ? texts[0] : undefined);
  if (!txt) throw new AnnotationFormatError(`${ann.name} is brat standoff: open it together with its .txt file`);
  return fromBrat(ann.content, txt.content, stem(ann.name));
}
