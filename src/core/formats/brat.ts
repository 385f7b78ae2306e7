/**
 * brat standoff: the text in a `.txt` file and annotations in an `.ann` file, `T1\tType start end\ttext`
 * for entities and `R1\tType Arg1:T1 Arg2:T2` for relations; identifiers go into AnnotatorNotes.
 */
import {
  PROVENANCE_MARK,
  provenanceLine,
  AnnotationFormatError,
  checkEntityTexts,
  type AnnotatedDocument,
  type DocEntity,
  type DocRelation,
  type ImportResult,
} from './types.ts';

export interface BratFiles {
  txt: string;
  ann: string;
  /** Relations whose arguments match no entity: brat relations must link annotations. */
  skipped: DocRelation[];
}

// brat type names cannot contain spaces.
const bratType = (t: string) => t.trim().replace(/\s+/g, '_') || 'Entity';

/**
 * brat's `visual.conf` naming each type whose brat name differs from its own (`chemical-induced_disease |
 * chemical-induced disease`), so a corpus reads back with the names it was written with; null when none differs.
 */
export function bratLabels(docs: readonly AnnotatedDocument[]): string | null {
  const names = new Set(docs.flatMap((d) => [...d.entities.map((e) => e.type), ...d.relations.map((r) => r.type)]));
  const lines = [...names].filter((n) => bratType(n) !== n).map((n) => `${bratType(n)} | ${n.replace(/\|/g, ' ')}`);
  return lines.length ? `[labels]\n${lines.join('\n')}\n` : null;
}

/** The full names of the `[labels]` section of a brat `visual.conf`, by brat type name. */
export function readBratLabels(conf: string): Map<string, string> {
  const labels = new Map<string, string>();
  let section = '';
  for (const raw of conf.split(/\r?\n/)) {
    const line = raw.trim();
    const head = /^\[(\w+)\]$/.exec(line);
    if (head) section = head[1];
    else if (section === 'labels' && line && !line.startsWith('#')) {
      const [type, full] = line.split('|').map((x) => x.trim());
      if (type && full) labels.set(type, full);
    }
  }
  return labels;
}

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

/**
 * Writes one document as brat standoff files. Provenance, when given, is an AnnotatorNotes line on the first entity
 * (`#N\tAnnotatorNotes T1\ttaiyi-local provenance: {…}`): brat's notes must point at an annotation, so a document
 * without entities has nowhere to hold it and is written without.
 */
export function toBrat(doc: AnnotatedDocument, provenance?: unknown): BratFiles {
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
  if (provenance !== undefined && ids.length) lines.push(`#${++notes}\tAnnotatorNotes ${ids[0]}\t${provenanceLine(provenance)}`);
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

/**
 * Reads brat standoff (an `.ann` file with its `.txt`): entities (`T`, discontinuous fragments joined into one
 * span from the first start to the last end), AnnotatorNotes as identifiers, relations (`R`) between entities.
 * Relation arguments become the entity's first identifier, else its text, as the other formats link them.
 * Lines of other kinds (events, attributes) are listed as warnings. `labels` (from `visual.conf`) gives types
 * their full names back.
 * @throws {AnnotationFormatError} when an entity line cannot be read.
 */
export function fromBrat(ann: string, txt: string, id = 'document', labels: ReadonlyMap<string, string> = new Map()): ImportResult {
  const named = (type: string) => labels.get(type) ?? type;
  const entities = new Map<string, DocEntity>();
  const notes: [string, string][] = [];
  const rels: { id: string; type: string; head: string; tail: string }[] = [];
  const warnings: string[] = [];
  ann.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const [key, body = '', rest = ''] = line.split('\t');
    if (/^T\d+$/.test(key)) {
      const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(body);
      if (!m) throw new AnnotationFormatError(`entity ${key} is not "Type start end"`, i + 1);
      const bounds = m[2].split(/[ ;]/).map(Number);
      const start = bounds[0];
      const end = bounds[bounds.length - 1];
      entities.set(key, { id: key, type: named(m[1]), start, end, text: txt.slice(start, end) || rest });
    } else if (key.startsWith('#')) {
      const m = /^AnnotatorNotes (T\d+)$/.exec(body);
      // the provenance note says where the file came from, not what the entity is
      if (m && !rest.startsWith(PROVENANCE_MARK)) notes.push([m[1], rest]);
    } else if (/^R\d+$/.test(key)) {
      const m = /^(\S+) Arg1:(\S+) Arg2:(\S+)$/.exec(body);
      if (m) rels.push({ id: key, type: named(m[1]), head: m[2], tail: m[3] });
      else warnings.push(`line ${i + 1}: relation ${key} could not be read`);
    } else warnings.push(`line ${i + 1}: ${key[0] ?? '?'} annotations are not shown`);
  });
  for (const [ref, note] of notes) {
    const e = entities.get(ref);
    if (e)
      e.identifiers = note
        .split('|')
        .map((x) => x.trim())
        .filter(Boolean);
  }
  const argument = (ref: string) => {
    const e = entities.get(ref);
    return e ? (e.identifiers?.[0] ?? e.text) : ref;
  };
  const doc: AnnotatedDocument = {
    id,
    text: txt,
    entities: [...entities.values()],
    relations: rels.map((r) => ({ id: r.id, type: r.type, head: argument(r.head), tail: argument(r.tail) })),
  };
  return { documents: [doc], warnings: [...warnings, ...checkEntityTexts(doc)] };
}
