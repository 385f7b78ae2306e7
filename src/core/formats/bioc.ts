/**
 * BioC JSON (the JSON form of BioC used by PubTator and the bioc Python package): a collection of documents,
 * each with passages (offset, infons, text, annotations, relations); annotations have infons and locations
 * (offset, length) in document coordinates; relations have infons and nodes (refid, role).
 */
import { AnnotationFormatError, MAX_DOCUMENT_CHARS, checkEntityTexts } from './types.ts';
import type { AnnotatedDocument, DocEntity, DocRelation, ImportResult, OffsetUnits, Passage } from './types.ts';

interface BiocAnnotation {
  id: string;
  infons: Record<string, string>;
  text: string;
  locations: { offset: number; length: number }[];
}

interface BiocRelation {
  id: string;
  infons: Record<string, string>;
  nodes: { refid: string; role: string }[];
}

/** Finds the entity a relation argument refers to: by identifier, else by exact text. */
function entityFor(doc: AnnotatedDocument, arg: string, ids: readonly string[]): string | null {
  const i = doc.entities.findIndex((e) => e.identifiers?.includes(arg));
  const j = i >= 0 ? i : doc.entities.findIndex((e) => e.text === arg);
  return j >= 0 ? ids[j] : null;
}

/**
 * Writes documents as a BioC JSON collection, with the collection's `infons` and each document's
 * (`documentInfons`, by position). Relations keep `head` and `tail` in their infons.
 */
export function toBiocJson(
  docs: readonly AnnotatedDocument[],
  source = 'taiyi-local',
  infons: Record<string, string> = {},
  documentInfons: readonly Record<string, string>[] = [],
): string {
  const documents = docs.map((doc, d) => {
    const passages: Passage[] = doc.passages?.length ? doc.passages : [{ type: 'text', offset: 0, text: doc.text }];
    const ids = doc.entities.map((e, k) => e.id ?? `T${k + 1}`);
    const annotation = (e: DocEntity, k: number): BiocAnnotation => ({
      id: ids[k],
      infons: { type: e.type, ...(e.identifiers?.length ? { identifier: e.identifiers.join('|') } : {}) },
      text: e.text,
      locations: [{ offset: e.start, length: e.end - e.start }],
    });
    const inPassage = (p: Passage, e: DocEntity) => e.start >= p.offset && e.end <= p.offset + p.text.length;
    const placed = new Set<number>();
    const biocPassages = passages.map((p) => ({
      offset: p.offset,
      infons: { type: p.type },
      text: p.text,
      sentences: [],
      annotations: doc.entities.flatMap((e, k) => {
        if (placed.has(k) || !inPassage(p, e)) return [];
        placed.add(k);
        return [annotation(e, k)];
      }),
      relations: [],
    }));
    const relations: BiocRelation[] = doc.relations.map((r, k) => {
      const head = entityFor(doc, r.head, ids);
      const tail = entityFor(doc, r.tail, ids);
      return {
        id: r.id ?? `R${k + 1}`,
        infons: { type: r.type, head: r.head, tail: r.tail },
        nodes:
          head && tail
            ? [
                { refid: head, role: 'head' },
                { refid: tail, role: 'tail' },
              ]
            : [],
      };
    });
    return {
      id: doc.id,
      infons: documentInfons[d] ?? {},
      passages: biocPassages,
      annotations: doc.entities.flatMap((e, k) => (placed.has(k) ? [] : [annotation(e, k)])),
      relations,
    };
  });
  const date = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  return JSON.stringify({ source, date, key: 'taiyi-local.key', infons, documents }, null, 2);
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const asString = (x: unknown) => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : '');
const infonsOf = (x: unknown): Record<string, string> =>
  isObject(x) ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, asString(v)])) : {};

/** The documents of a collection, a PubTator3 response, or a bare list of documents or collections. */
function documentsOf(data: unknown): unknown[] {
  if (Array.isArray(data)) return data.flatMap((x) => (isObject(x) && Array.isArray(x.documents) ? x.documents : [x]));
  if (isObject(data)) {
    if (Array.isArray(data.documents)) return data.documents;
    if (Array.isArray(data.PubTator3)) return data.PubTator3;
    if (Array.isArray(data.passages)) return [data];
  }
  throw new AnnotationFormatError('not BioC JSON: expected a collection with "documents"');
}

const ID_KEYS = ['identifier', 'Identifier', 'MESH', 'MeSH', 'NCBI Gene', 'NCBI Taxonomy', 'Identifiers'];
const TYPE_KEYS = new Set(['type', 'relation', 'relation type', 'head', 'tail']);

function readAnnotation(a: unknown, where: string): DocEntity {
  if (!isObject(a) || !Array.isArray(a.locations) || a.locations.length === 0)
    throw new AnnotationFormatError(`${where}: annotation without locations`);
  const locations = a.locations.filter(isObject).map((l) => ({ offset: Number(l.offset), length: Number(l.length) }));
  if (locations.length === 0 || locations.some((l) => !Number.isFinite(l.offset) || !Number.isFinite(l.length)))
    throw new AnnotationFormatError(`${where}: annotation location without numeric offset and length`);
  const infons = infonsOf(a.infons);
  const start = Math.min(...locations.map((l) => l.offset));
  const end = Math.max(...locations.map((l) => l.offset + l.length));
  const entity: DocEntity = { type: infons.type ?? '', start, end, text: asString(a.text) };
  if (a.id !== undefined) entity.id = asString(a.id);
  const idKey = ID_KEYS.find((k) => infons[k]);
  const ids = idKey ? infons[idKey].split(/[|,;]/).filter((x) => x && x !== '-1') : [];
  if (ids.length) entity.identifiers = ids;
  return entity;
}

function readRelation(r: unknown, entities: readonly DocEntity[]): DocRelation {
  const obj = isObject(r) ? r : {};
  const infons = infonsOf(obj.infons);
  const nodes = Array.isArray(obj.nodes) ? obj.nodes.filter(isObject) : [];
  const argOf = (node: Record<string, unknown> | undefined) => {
    const e = node && entities.find((x) => x.id === asString(node.refid));
    return e ? (e.identifiers?.[0] ?? e.text) : undefined;
  };
  // BC5CDR's BioC writes CID relations as infons {relation: CID, Chemical: D…, Disease: D…}.
  const others = Object.entries(infons)
    .filter(([k]) => !TYPE_KEYS.has(k))
    .map(([, v]) => v);
  const relation: DocRelation = {
    type: infons.type ?? infons.relation ?? infons['relation type'] ?? '',
    head: infons.head ?? argOf(nodes[0]) ?? others[0] ?? '',
    tail: infons.tail ?? argOf(nodes[1]) ?? others[1] ?? '',
  };
  if (obj.id !== undefined) relation.id = asString(obj.id);
  return relation;
}

const UNIT_ORDER: readonly OffsetUnits[] = ['utf16', 'codepoints', 'utf8'];

const unitsOf = (ch: string, u: OffsetUnits) => {
  if (u === 'codepoints') return 1;
  const c = ch.codePointAt(0)!;
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
};

/** The length of `s` counted in `u`. */
function unitLength(s: string, u: OffsetUnits): number {
  if (u === 'utf16') return s.length;
  let n = 0;
  for (const ch of s) n += unitsOf(ch, u);
  return n;
}

/** The UTF-16 index of the position `units` units into `s`; past the end it stays as far past it. */
function utf16Index(s: string, units: number, u: OffsetUnits): number {
  if (u === 'utf16' || units <= 0) return units;
  let n = 0;
  let i = 0;
  for (const ch of s) {
    if (n >= units) return i;
    n += unitsOf(ch, u);
    i += ch.length;
  }
  return i + (units - n);
}

/** Lays passages out at their offsets (counted in `u`), gaps filled with spaces; an overlap cuts the one before. */
function layOut(passages: readonly Passage[], u: OffsetUnits): { text: string; overlaps: number[]; starts: number[] } {
  let text = '';
  const overlaps: number[] = [];
  const starts: number[] = [];
  passages.forEach((p, k) => {
    const gap = p.offset - unitLength(text, u);
    if (gap < 0) overlaps.push(k);
    text = (gap >= 0 ? text + ' '.repeat(gap) : text.slice(0, utf16Index(text, p.offset, u))) + p.text;
    starts.push(text.length - p.text.length);
  });
  return { text, overlaps, starts };
}

/**
 * Reads BioC JSON. Passages are laid out at their offsets, gaps filled with spaces, so entity offsets index
 * the document text; relations without `head`/`tail` infons take them from their nodes or other infons.
 * Offsets may count UTF-16 units, code points or UTF-8 bytes (they differ after an emoji or a CJK character):
 * the convention under which the annotations' texts match is used, and `offsetUnits` says so when it is not UTF-16.
 * @throws {AnnotationFormatError} when the content is not JSON or not BioC.
 * @throws {AnnotationFormatError} when the content is not JSON or not BioC, or a passage lies outside
 * {@link MAX_DOCUMENT_CHARS}.
 */
export function fromBiocJson(content: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new AnnotationFormatError(`not valid JSON (${(e as Error).message})`);
  }
  const warnings: string[] = [];
  let converted: OffsetUnits | undefined;
  const documents = documentsOf(data).map((raw, d): AnnotatedDocument => {
    if (!isObject(raw) || !Array.isArray(raw.passages)) throw new AnnotationFormatError(`document ${d + 1} has no passages`);
    const id = asString(raw.id) || asString(infonsOf(raw.infons).pmid) || String(d + 1);
    const passages: Passage[] = [];
    const found: DocEntity[] = [];
    const rawRelations: unknown[] = Array.isArray(raw.relations) ? [...raw.relations] : [];
    raw.passages.forEach((p: unknown, k: number) => {
      if (!isObject(p)) throw new AnnotationFormatError(`document ${id}: passage ${k + 1} is not an object`);
      const passage = { type: infonsOf(p.infons).type ?? '', offset: Number(p.offset) || 0, text: asString(p.text) };
      // Checked before the text is built: the offset alone decides how much padding it takes.
      if (passage.offset < 0 || passage.offset + passage.text.length > MAX_DOCUMENT_CHARS)
        throw new AnnotationFormatError(
          `document ${id}: passage ${k + 1} at offset ${passage.offset} would make a text longer than the ${MAX_DOCUMENT_CHARS.toLocaleString('en')} characters a document may have`,
        );
      passages.push(passage);
      for (const a of Array.isArray(p.annotations) ? p.annotations : []) found.push(readAnnotation(a, `document ${id}`));
      if (Array.isArray(p.relations)) rawRelations.push(...p.relations);
    });
    for (const a of Array.isArray(raw.annotations) ? raw.annotations : []) found.push(readAnnotation(a, `document ${id}`));
    const read = (u: OffsetUnits) => {
      const { text, overlaps, starts } = layOut(passages, u);
      const entities = found.map((e) => ({ ...e, start: utf16Index(text, e.start, u), end: utf16Index(text, e.end, u) }));
      const matches = entities.filter((e) => e.text && text.slice(e.start, e.end) === e.text).length;
      return { u, text, overlaps, starts, entities, matches };
    };
    let best = read('utf16');
    // only a file whose texts do not all match is worth reading another way
    if (best.matches < found.filter((e) => e.text).length)
      for (const u of UNIT_ORDER.slice(1)) {
        const other = read(u);
        if (other.matches > best.matches) best = other;
      }
    if (best.u !== 'utf16') converted ??= best.u;
    for (const k of best.overlaps) warnings.push(`document ${id}: passage ${k + 1} overlaps the one before it`);
    const laidOut = passages.map((p, k) => (best.u === 'utf16' ? p : { ...p, offset: best.starts[k] }));
    const doc: AnnotatedDocument = {
      id,
      text: best.text,
      passages: laidOut,
      entities: best.entities,
      relations: rawRelations.map((r) => readRelation(r, best.entities)),
    };
    warnings.push(...checkEntityTexts(doc));
    return doc;
  });
  return converted ? { documents, warnings, offsetUnits: converted } : { documents, warnings };
}
