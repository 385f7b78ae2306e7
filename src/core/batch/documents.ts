/**
 * Documents for a batch, from the files a user brings: plain text files (one document each), PubTator, BioC JSON,
 * the page's own JSON export, CSV/TSV with a chosen text column, JSON Lines with `id` and `text`, any of them in a
 * zip (`zip.ts`), or pasted text split on blank lines. A file that cannot be used is reported with its name and line.
 */
import { fromBiocJson } from '../formats/bioc.ts';
import { fromPubTator } from '../formats/pubtator.ts';
import { AnnotationFormatError } from '../formats/types.ts';
import type { Passage } from '../formats/types.ts';
import { splitLines } from '../text.ts';
import { parseDelimited } from './delimited.ts';

export interface BatchDocument {
  /** The document's own id: PMID, file name, the id column. */
  id: string;
  text: string;
  /** Title and abstract of PubTator and BioC documents, kept for exports in those formats. */
  passages?: Passage[];
  /** Question answering: this document's own question. */
  question?: string;
}

export type SourceKind = 'text' | 'pubtator' | 'bioc' | 'csv' | 'tsv' | 'jsonl';

/** What a file could not give, with the file and (when known) the 1-based line. */
export class DocumentFileError extends Error {
  readonly file: string;
  readonly line?: number;
  /** The reader's own words. */
  readonly detail: string;
  constructor(file: string, line: number | undefined, detail: string) {
    super(`${file}${line ? `:${line}` : ''}: ${detail}`);
    this.name = 'DocumentFileError';
    this.file = file;
    this.line = line;
    this.detail = detail;
  }
}

export interface SourceFile {
  /** File name, or the path inside a picked folder or a zip. */
  name: string;
  content: string;
  /** The zip the file was read from. */
  zip?: string;
}

/** Whether a picked file is a zip, whose members are read as files (`zip.ts`, loaded only for one). */
export const isZipName = (name: string) => /\.zip$/i.test(name);

/** Columns picked for a CSV or TSV file (header names). */
export interface TableColumns {
  text: string;
  id?: string;
  question?: string;
}

/** How a file is read: by its extension, and for `.txt` by whether it looks like PubTator. */
export function sourceKind(file: SourceFile): SourceKind {
  const name = file.name.toLowerCase();
  if (/\.(json|bioc)$/.test(name)) return 'bioc';
  if (/\.(jsonl|ndjson)$/.test(name)) return 'jsonl';
  if (name.endsWith('.csv')) return 'csv';
  if (/\.(tsv|tab)$/.test(name)) return 'tsv';
  if (name.endsWith('.pubtator')) return 'pubtator';
  // the page's own PubTator export may open with `# taiyi-local provenance` lines (no tab), which its readers pass over
  const first = splitLines(file.content.replace(/^\uFEFF/, '').slice(0, 4096)).find(
    (l) => l.trim() && !(l.startsWith('#') && !l.includes('\t')),
  );
  return first && /^[^|\t\s]+\|[ta]\|/.test(first) ? 'pubtator' : 'text';
}

/** Whether the file needs columns chosen before it can be read. */
export const isTable = (kind: SourceKind): kind is 'csv' | 'tsv' => kind === 'csv' || kind === 'tsv';

/**
 * The header of a CSV or TSV file.
 * @throws {DocumentFileError} when the file has no header row.
 */
export function tableHeader(file: SourceFile): string[] {
  const rows = readTable(file);
  if (!rows.length) throw new DocumentFileError(file.name, undefined, 'the file is empty');
  return rows[0].fields.map((f) => f.trim());
}

/** Guesses the text and id columns from header names. */
export function guessColumns(header: readonly string[]): TableColumns {
  const find = (re: RegExp) => header.find((h) => re.test(h));
  return {
    text: find(/^(text|abstract|document|content|body|note|sentence)s?$/i) ?? header[header.length > 1 ? 1 : 0] ?? '',
    id: find(/^(id|pmid|doc_?id|document_?id|name)$/i),
    question: find(/^question$/i),
  };
}

function readTable(file: SourceFile) {
  try {
    return parseDelimited(file.content, sourceKind(file) === 'tsv' ? '\t' : ',');
  } catch (e) {
    if (e instanceof AnnotationFormatError) throw new DocumentFileError(file.name, e.line, e.message.replace(/^line \d+: /, ''));
    throw e;
  }
}

/**
 * Reads the documents of one file.
 * @param columns required for CSV and TSV
 * @throws {DocumentFileError} naming the file and line of the first problem
 */
export function readDocuments(file: SourceFile, columns?: TableColumns): BatchDocument[] {
  const kind = sourceKind(file);
  const docs = readKind(kind, file, columns);
  if (!docs.length) throw new DocumentFileError(file.name, undefined, 'no documents with text found');
  return docs;
}

function readKind(kind: SourceKind, file: SourceFile, columns?: TableColumns): BatchDocument[] {
  switch (kind) {
    case 'text':
      return file.content.trim() ? [{ id: file.name, text: file.content.replace(/^\uFEFF/, '') }] : [];
    case 'pubtator':
      return annotated(file, () => fromPubTator(file.content).documents);
    case 'bioc':
      return readJson(file);
    case 'jsonl':
      return readJsonLines(file);
    case 'csv':
    case 'tsv':
      return readColumns(file, columns);
  }
}

function annotated(file: SourceFile, read: () => { id: string; text: string; passages?: Passage[] }[]): BatchDocument[] {
  try {
    return read()
      .filter((d) => d.text.trim())
      .map((d) => ({ id: d.id, text: d.text, ...(d.passages?.length ? { passages: d.passages } : {}) }));
  } catch (e) {
    if (e instanceof AnnotationFormatError) throw new DocumentFileError(file.name, e.line, e.message.replace(/^line \d+: /, ''));
    throw e;
  }
}

/** The page's own JSON export (documents with `text`) or BioC JSON. */
function readJson(file: SourceFile): BatchDocument[] {
  let data: unknown;
  try {
    data = JSON.parse(file.content.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new DocumentFileError(file.name, undefined, `not valid JSON (${(e as Error).message})`);
  }
  const docs = (data as { documents?: unknown })?.documents;
  if (Array.isArray(docs) && docs.every((d) => typeof d?.text === 'string' && !Array.isArray(d?.passages?.[0]?.annotations)))
    return docs
      .map((d, i) => ({
        id: String(d.id ?? i + 1),
        text: d.text as string,
        ...(Array.isArray(d.passages) && d.passages.length ? { passages: d.passages as Passage[] } : {}),
        ...(typeof d.question === 'string' ? { question: d.question } : {}),
      }))
      .filter((d) => d.text.trim());
  return annotated(file, () => fromBiocJson(file.content).documents);
}

function readJsonLines(file: SourceFile): BatchDocument[] {
  const docs: BatchDocument[] = [];
  splitLines(file.content.replace(/^\uFEFF/, '')).forEach((line, i) => {
    if (!line.trim()) return;
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch (e) {
      throw new DocumentFileError(file.name, i + 1, `not a JSON line (${(e as Error).message})`);
    }
    const rec = r as Record<string, unknown> | null;
    if (!rec || typeof rec !== 'object' || typeof rec.text !== 'string')
      throw new DocumentFileError(file.name, i + 1, 'expected an object with "text" (and "id")');
    if (!rec.text.trim()) return;
    const id = typeof rec.id === 'string' || typeof rec.id === 'number' ? String(rec.id) : `${file.name}:${i + 1}`;
    docs.push({ id, text: rec.text, ...(typeof rec.question === 'string' ? { question: rec.question } : {}) });
  });
  return docs;
}

function readColumns(file: SourceFile, columns?: TableColumns): BatchDocument[] {
  const rows = readTable(file);
  if (!rows.length) return [];
  const header = rows[0].fields.map((f) => f.trim());
  const at = (name: string | undefined) => (name ? header.indexOf(name) : -1);
  const text = at(columns?.text);
  if (text < 0)
    throw new DocumentFileError(file.name, rows[0].line, `no column "${columns?.text ?? ''}" in the header (${header.join(', ')})`);
  const id = at(columns?.id);
  const question = at(columns?.question);
  const docs: BatchDocument[] = [];
  for (const row of rows.slice(1)) {
    if (row.fields.length !== header.length)
      throw new DocumentFileError(file.name, row.line, `${row.fields.length} fields where the header has ${header.length}`);
    const body = row.fields[text];
    if (!body.trim()) continue;
    docs.push({
      id: id >= 0 && row.fields[id].trim() ? row.fields[id].trim() : `${file.name}:${row.line}`,
      text: body,
      ...(question >= 0 && row.fields[question].trim() ? { question: row.fields[question] } : {}),
    });
  }
  return docs;
}

/** Pasted text: one document per block between blank lines. */
export function splitPasted(text: string, prefix = 'pasted'): BatchDocument[] {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block, i) => ({ id: `${prefix}-${i + 1}`, text: block }));
}

/** Makes ids unique against those already taken (`id`, `id (2)`, …), in place of silently merging documents. */
export function uniqueIds(docs: readonly BatchDocument[], taken: Set<string>): BatchDocument[] {
  return docs.map((d) => {
    let id = d.id;
    for (let n = 2; taken.has(id); n++) id = `${d.id} (${n})`;
    taken.add(id);
    return id === d.id ? d : { ...d, id };
  });
}
