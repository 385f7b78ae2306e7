/**
 * The annotation model shared by every export and import format: a document's text with located entities
 * and relations between concepts or mentions.
 */
import type { Span } from '../spans.ts';

/** An annotated span; formats keep concept ids as a list rather than the view's `|`-joined `ref`. */
export interface DocEntity extends Omit<Span, 'ref'> {
  /** Kept from formats that have annotation ids (BioC); exporters make one up when absent. */
  id?: string;
  /** Concept identifiers (MeSH, OMIM, …), when known. */
  identifiers?: string[];
}

export interface DocRelation {
  id?: string;
  type: string;
  /** A concept identifier (PubTator and BioC relations link concepts) or, for model output, a mention text. */
  head: string;
  tail: string;
}

export interface Passage {
  /** `title`, `abstract`, `text`, … */
  type: string;
  offset: number;
  text: string;
}

export interface AnnotatedDocument {
  id: string;
  /** The whole text; entity offsets index it. PubTator and BioC abstracts are `title + " " + abstract`. */
  text: string;
  passages?: Passage[];
  entities: DocEntity[];
  relations: DocRelation[];
}

/** How a file counts offsets: UTF-16 code units (JavaScript, Java), code points (Python) or UTF-8 bytes. */
export type OffsetUnits = 'utf16' | 'codepoints' | 'utf8';

/** What a comment line of a PubTator or brat export starts with: readers of this page skip it, others ignore it. */
export const PROVENANCE_MARK = 'taiyi-local provenance: ';

/**
 * Provenance (any JSON value) as the text of one comment line: JSON with no line break, tab or `|` left in it
 * (JSON escapes the first two; `|` is written `\u007c`), so line-based PubTator readers, which look for `|t|`,
 * `|a|` and tab-separated columns, see nothing to read, and brat's tab-separated note stays one field.
 */
export function provenanceLine(provenance: unknown): string {
  return PROVENANCE_MARK + JSON.stringify(provenance).replace(/\|/g, '\\u007c');
}

export interface ImportResult {
  documents: AnnotatedDocument[];
  /** Set when the file's offsets were not UTF-16 units and were converted (BioC written by Python, …). */
  offsetUnits?: OffsetUnits;
  /** Problems that did not stop the import (an entity whose text does not match its offsets, …). */
  warnings: string[];
}

/**
 * The longest document text an import builds (characters). BioC places passages at their offsets, so a tiny file
 * could otherwise ask for hundreds of millions of characters; no abstract or clinical note comes near this.
 */
export const MAX_DOCUMENT_CHARS = 10_000_000;

/** An annotation file that cannot be read; `line` is 1-based when the problem has one. */
export class AnnotationFormatError extends Error {
  readonly line?: number;
  constructor(message: string, line?: number) {
    super(line ? `line ${line}: ${message}` : message);
    this.name = 'AnnotationFormatError';
    this.line = line;
  }
}

/** Checks each entity against the text at its offsets and describes mismatches. */
export function checkEntityTexts(doc: AnnotatedDocument): string[] {
  return doc.entities
    .filter((e) => doc.text.slice(e.start, e.end) !== e.text)
    .map(
      (e) =>
        `document ${doc.id}: entity "${e.text}" at ${e.start}-${e.end} does not match the text there ("${doc.text.slice(e.start, e.end)}")`,
    );
}
