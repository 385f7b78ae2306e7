/**
 * brat standoff: the text in a `.txt` file and annotations in an `.ann` file, `T1\tType start end\ttext`
 * for entities and `R1\tType Arg1:T1 Arg2:T2` for relations; identifiers go into AnnotatorNotes.
 */
import type { AnnotatedDocument, DocRelation } from './types.ts';

export interface BratFiles {
  txt: string;
  ann: string;
  /** Relations whose arguments match no entity: brat relations must link annotations. */
  skipped: DocRelation[];
}

// brat type names cannot contain spaces.
const bratType = (t: string) => t.trim().replace(/\s+/g, '_') || 'Entity';

/** `start end` fragments of a span, split at line breaks as brat requires. */
function fragments(text: string, start: number, end: number): string {
  const parts: string[] = [];
  let from = start;
  for (let i = start; i < end; i++)
    if (text[i] === '\n') {
      if (i > from) parts.push(`${from} ${i}`);
      from = i + 1;
    }
  if (end > from) parts.push(`${from} ${end}`);
  return parts.join(';');
}

/** Writes one document as brat standoff files. */
export function toBrat(doc: AnnotatedDocument): BratFiles {
  const lines: string[] = [];
  const ids = doc.entities.map((_, k) => `T${k + 1}`);
  let notes = 0;
  doc.entities.forEach((e, k) => {
    lines.push(`${ids[k]}\t${bratType(e.type)} ${fragments(doc.text, e.start, e.end)}\t${e.text.replace(/[\r\n\t]/g, ' ')}`);
    if (e.identifiers?.length) lines.push(`#${++notes}\tAnnotatorNotes ${ids[k]}\t${e.identifiers.join('|')}`);
  });
  const find = (arg: string) => {
    let i = doc.entities.findIndex((e) => e.identifiers?.includes(arg));
    if (i < 0) i = doc.entities.findIndex((e) => e.text === arg);
    if (i < 0) i = doc.entities.findIndex((e) => e.text.toLowerCase() === arg.toLowerCase());
    return i < 0 ? null : ids[i];
  };
  const skipped: DocRelation[] = [];
  let r = 0;
  for (const rel of doc.relations) {
    const head = find(rel.head);
    const tail = find(rel.tail);
    if (head && tail) lines.push(`R${++r}\t${bratType(rel.type)} Arg1:${head} Arg2:${tail}`);
    else skipped.push(rel);
  }
  return { txt: doc.text, ann: lines.length ? `${lines.join('\n')}\n` : '', skipped };
}
