/**
 * Annotation files opened to view without a model: one import fills both the entities and the relations
 * tab. Also the conversion between the tabs' views and the format-neutral document of core/formats.
 */
import { create } from 'zustand';
import type { AnnotatedDocument, DocRelation, OffsetUnits } from '../core/formats/types';
import { readAnnotationFiles } from '../core/formats/read';
import type { OpenFailure } from '../core/formats/open';
import type { TextEncodingName } from '../core/decode';
import { openInWorker } from './annotationFile';
import { foldName, relationKey } from '../core/text';
import type { EntityView } from '../core/tasks/definitions/entities';
import type { RelationRowData, RelationView } from '../core/tasks/definitions/relations';
import type { Span } from '../core/spans';
import { useEntities, useRelations } from './tasks';

interface AnnotationsState {
  fileName: string | null;
  documents: AnnotatedDocument[];
  index: number;
  warnings: string[];
  /** How the file counted offsets, when it was not in UTF-16 units and was converted. */
  offsetUnits: OffsetUnits | null;
  /** Why the last file could not be read (the reader's own words). */
  error: string | null;
  /** What kind of problem `error` is: a format problem, a binary file, or a file over the size limit. */
  errorCode: OpenFailure | null;
  /** The encoding the last file was read in (GB18030 when it was not UTF-8). */
  encoding: TextEncodingName | null;
  importFile: (file: File) => Promise<void>;
  /** One annotation file, or a brat `.ann` with its `.txt`. */
  importFiles: (files: readonly File[]) => Promise<void>;
  showDocument: (index: number) => void;
}

export const useAnnotations = create<AnnotationsState>()((set, get) => ({
  fileName: null,
  documents: [],
  index: 0,
  warnings: [],
  offsetUnits: null,
  error: null,
  errorCode: null,
  encoding: null,
  importFile: async (file) => {
    const opened = await openInWorker(file);
    if (!opened.ok) {
      set({ error: opened.detail, errorCode: opened.code });
      return;
    }
    const { documents, warnings, encoding, offsetUnits } = opened;
    set({ fileName: file.name, documents, warnings, encoding, offsetUnits: offsetUnits ?? null, error: null, errorCode: null, index: 0 });
    get().showDocument(0);
  },
  importFiles: async (files) => {
    // brat standoff is two files read together (small: the page's own exports and brat's); anything else is one
    if (!files.some((f) => /\.ann$/i.test(f.name))) return files[0] ? get().importFile(files[0]) : undefined;
    try {
      const named = await Promise.all(files.map(async (f) => ({ name: f.name, content: await f.text() })));
      const { documents, warnings } = readAnnotationFiles(named);
      if (!documents.length) throw new Error('no documents');
      set({
        fileName: files.map((f) => f.name).join(' + '),
        documents,
        warnings,
        encoding: null,
        offsetUnits: null,
        error: null,
        errorCode: null,
        index: 0,
      });
      get().showDocument(0);
    } catch (err) {
      set({ error: err instanceof Error ? err.message : String(err), errorCode: 'format' });
    }
  },
  showDocument: (index) => {
    const doc = get().documents[index];
    if (!doc) return;
    set({ index });
    const { entities, relations } = documentViews(doc);
    useEntities.getState().replace({ input: doc.text }, entities);
    useRelations.getState().replace({ input: doc.text }, relations);
  },
}));

/** Mention texts of a relation argument: entities carrying the concept id, else the annotation id, else the text. */
function resolveArgument(doc: AnnotatedDocument, arg: string): { text: string; spans: Span[] } {
  let spans = doc.entities.filter((e) => e.identifiers?.includes(arg));
  if (!spans.length) spans = doc.entities.filter((e) => e.id === arg);
  if (!spans.length) spans = doc.entities.filter((e) => foldName(e.text) === foldName(arg));
  const names: string[] = [];
  for (const s of spans) if (!names.some((n) => foldName(n) === foldName(s.text))) names.push(s.text);
  return { text: names.length ? names.join(' / ') : arg, spans: spans.map(toSpan) };
}

const toSpan = (e: AnnotatedDocument['entities'][number]): Span => ({
  type: e.type,
  start: e.start,
  end: e.end,
  text: e.text,
  ...(e.identifiers?.length ? { ref: e.identifiers.join('|') } : {}),
});

/** The entities and relations views of an imported document; relation arguments shown as their mentions. */
export function documentViews(doc: AnnotatedDocument): { entities: EntityView; relations: RelationView } {
  const spans = doc.entities.filter((e) => e.start >= 0 && e.end <= doc.text.length && e.start < e.end).map(toSpan);
  const rows: RelationRowData[] = doc.relations.map((r: DocRelation) => {
    const head = resolveArgument(doc, r.head);
    const tail = resolveArgument(doc, r.tail);
    const offsets = (list: Span[]) => list.map(({ start, end }) => ({ start, end }));
    return {
      key: relationKey(r),
      type: r.type,
      head: head.text,
      tail: tail.text,
      headSpans: offsets(head.spans),
      tailSpans: offsets(tail.spans),
      headRef: head.text === r.head ? undefined : r.head,
      tailRef: tail.text === r.tail ? undefined : r.tail,
    };
  });
  return {
    entities: { text: doc.text, spans, notFound: [], unparsed: [], source: 'import' },
    relations: { text: doc.text, rows, spans, notFound: [], unparsed: [], source: 'import' },
  };
}

/** A tab's result as a document for export: concept ids where the file had them, mention texts otherwise. */
export function viewDocument(id: string, text: string, spans: readonly Span[], rows: readonly RelationRowData[]): AnnotatedDocument {
  const imported = useAnnotations.getState();
  const source = imported.documents[imported.index];
  return {
    id: source && source.text === text ? source.id : id,
    text,
    passages: source && source.text === text ? source.passages : undefined,
    entities: spans.map((s, i) => ({
      id: `T${i + 1}`,
      type: s.type,
      start: s.start,
      end: s.end,
      text: s.text,
      ...(s.ref ? { identifiers: s.ref.split('|') } : {}),
    })),
    relations: rows.map((r, i) => ({ id: `R${i + 1}`, type: r.type, head: r.headRef ?? r.head, tail: r.tailRef ?? r.tail })),
  };
}
