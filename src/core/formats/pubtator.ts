/**
 * PubTator: `PMID|t|title`, `PMID|a|abstract`, then tab-separated mention lines
 * `PMID start end text type [identifiers]` and relation lines `PMID type id1 id2`; documents are separated by
 * a blank line. Offsets index `title + " " + abstract`.
 */
import { splitLines } from '../text.ts';
import { AnnotationFormatError, checkEntityTexts, provenanceLine } from './types.ts';
import type { AnnotatedDocument, DocEntity, ImportResult } from './types.ts';

// PubTator lines cannot hold tabs or line breaks; one space keeps every offset where it was.
const flat = (s: string) => s.replace(/[\t\r\n]/g, ' ');

/** Splits a document's text into PubTator's title and abstract lines. */
function titleAndAbstract(doc: AnnotatedDocument): [string, string] {
  const first = doc.passages?.[0];
  if (first && first.offset === 0 && first.text.length < doc.text.length && /\s/.test(doc.text[first.text.length] ?? '')) {
    return [first.text, doc.text.slice(first.text.length + 1)];
  }
  return [doc.text, ''];
}

/** A comment block: one `# taiyi-local provenance: {…}` line and a blank line. */
const comment = (value: unknown) => (value === undefined ? '' : `# ${provenanceLine(value)}\n\n`);

/**
 * Writes documents as PubTator. Entities without identifiers get five columns. Provenance, when given, is a
 * `# taiyi-local provenance: {…}` line before the first document, and `notes` (by position) one before each document
 * that has one, each set apart by a blank line: PubTator has no comments, and line-based readers (the `bioc`
 * package's, this page's) pass over a block with no title line.
 */
export function toPubTator(docs: readonly AnnotatedDocument[], provenance?: unknown, notes: readonly unknown[] = []): string {
  return (
    comment(provenance) +
    docs
      .map((doc, d) => {
        // A `|` in the id would end it early on the title line.
        const id = flat(doc.id).replace(/\|/g, '_');
        const [title, abstract] = titleAndAbstract(doc);
        const lines = [`${id}|t|${flat(title)}`, `${id}|a|${flat(abstract)}`];
        for (const e of doc.entities) {
          const cols = [id, String(e.start), String(e.end), flat(e.text), flat(e.type)];
          if (e.identifiers?.length) cols.push(e.identifiers.map(flat).join('|'));
          lines.push(cols.join('\t'));
        }
        for (const r of doc.relations) lines.push([id, flat(r.type), flat(r.head), flat(r.tail)].join('\t'));
        return comment(notes[d]) + lines.join('\n') + '\n';
      })
      .join('\n')
  );
}

interface Draft {
  doc: AnnotatedDocument;
  title?: string;
  abstract?: string;
}

/**
 * Reads PubTator (BC5CDR, NCBI disease, PubTator exports). Identifiers `-1` mean none; extra columns after
 * the identifiers are ignored.
 * @throws {AnnotationFormatError} on a line that is none of title, abstract, mention or relation.
 */
export function fromPubTator(content: string): ImportResult {
  const drafts = new Map<string, Draft>();
  const draft = (id: string): Draft => {
    let d = drafts.get(id);
    if (!d) {
      d = { doc: { id, text: '', entities: [], relations: [] } };
      drafts.set(id, d);
    }
    return d;
  };
  splitLines(content.replace(/^\uFEFF/, '')).forEach((line, i) => {
    if (!line.trim()) return;
    const head = /^([^|\t]+)\|([ta])\|(.*)$/.exec(line);
    if (head) {
      const d = draft(head[1]);
      if (head[2] === 't') d.title = head[3];
      else d.abstract = head[3];
      return;
    }
    // a comment (this page's provenance line): no document line starts with `#` and lacks both `|` and a tab
    if (line.startsWith('#') && !line.includes('\t')) return;
    const cols = line.split('\t');
    if (cols.length >= 5 && /^\d+$/.test(cols[1]) && /^\d+$/.test(cols[2])) {
      const entity: DocEntity = { type: cols[4], start: Number(cols[1]), end: Number(cols[2]), text: cols[3] };
      const ids = (cols[5] ?? '').split('|').filter((x) => x && x !== '-1');
      if (ids.length) entity.identifiers = ids;
      draft(cols[0]).doc.entities.push(entity);
      return;
    }
    if (cols.length >= 4) {
      draft(cols[0]).doc.relations.push({ type: cols[1], head: cols[2], tail: cols[3] });
      return;
    }
    throw new AnnotationFormatError(`not a PubTator title, abstract, mention or relation line: "${line.slice(0, 80)}"`, i + 1);
  });
  const warnings: string[] = [];
  const documents = [...drafts.values()].map(({ doc, title = '', abstract = '' }) => {
    doc.text = abstract ? `${title} ${abstract}` : title;
    doc.passages = [{ type: 'title', offset: 0, text: title }];
    if (abstract) doc.passages.push({ type: 'abstract', offset: title.length + 1, text: abstract });
    warnings.push(...checkEntityTexts(doc));
    return doc;
  });
  return { documents, warnings };
}
