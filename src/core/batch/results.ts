/** What a batch keeps of each document's answers, in one shape for every task, and the exports built on it. */
import { strToU8, zipSync } from 'fflate';
import { toBiocJson } from '../formats/bioc.ts';
import { bratLabels, toBrat } from '../formats/brat.ts';
import { csvField } from '../formats/csv.ts';
import { toPubTator } from '../formats/pubtator.ts';
import type { AnnotatedDocument, DocEntity, DocRelation } from '../formats/types.ts';
import { isPartial, type DocError, type DocStatus } from '../jobs/types.ts';
import type { RunSource } from '../run.ts';
import type { BatchDocument } from './documents.ts';

/** A document's parsed answers: located mentions, relations, and the answers that are not spans. */
export interface BatchResult {
  /** Mentions at offsets in the document's text. */
  entities: DocEntity[];
  /** Relations between mention texts. */
  relations: DocRelation[];
  /** Labels, an answer, a translation, a title: by name, as the task gives them. */
  values: Record<string, string | string[]>;
  /** Mentions the model named that the text does not contain. */
  notFound: { type: string; text: string }[];
  /** Answer lines the parser could not use. */
  unparsed: string[];
}

/** A document of a batch with what became of it. */
export interface BatchRecord {
  doc: BatchDocument;
  status: DocStatus;
  raw: string[];
  result?: BatchResult;
  error?: DocError;
  /** How each answer ended (`length`: cut off at the token limit, the result is partial). */
  finishReasons?: string[];
  /** Which of the job's `runs` gave its answers. */
  run?: number;
}

/** What an export knows of the job: its task with options, its title, and the runs (model and settings) behind its answers. */
export interface BatchJobInfo {
  task: string;
  options: unknown;
  title: string;
  runs?: readonly RunSource[];
}

/**
 * What an export says of one document beyond its annotations: the run that gave its answers (an index into the
 * job's `runs`), how each answer ended, and `partial` when one was cut off at the token limit.
 */
export interface DocNote {
  run?: number;
  finishReasons?: string[];
  partial?: true;
}

export function docNote(r: BatchRecord): DocNote {
  return {
    ...(r.run !== undefined ? { run: r.run } : {}),
    ...(r.finishReasons ? { finishReasons: r.finishReasons } : {}),
    ...(isPartial(r) ? { partial: true as const } : {}),
  };
}

/** The job's provenance as the collection formats write it once per file; undefined for a job stored before runs were kept. */
const jobProvenance = (job: BatchJobInfo) => (job.runs?.length ? { runs: job.runs } : undefined);

/** A document's note as BioC document infons, beside the collection's `taiyi-local.runs`. */
function noteInfons({ run, finishReasons, partial }: DocNote): Record<string, string> {
  return {
    ...(run !== undefined ? { 'taiyi-local.run': String(run) } : {}),
    ...(finishReasons ? { 'taiyi-local.finish': finishReasons.join(',') } : {}),
    ...(partial ? { 'taiyi-local.partial': 'true' } : {}),
  };
}

/**
 * A document's own provenance for brat, whose files stand alone: the run's model, settings, time and page, how the
 * answers ended and whether it is partial; undefined when nothing is known.
 */
function bratProvenance(r: BatchRecord, runs: readonly RunSource[] = []): object | undefined {
  const { run, ...rest } = docNote(r);
  const source = run !== undefined ? runs[run] : undefined;
  const provenance = { ...source, ...rest };
  return Object.keys(provenance).length ? provenance : undefined;
}

export const EXPORT_FORMATS = ['json', 'csv', 'bioc', 'pubtator', 'brat'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  name: string;
  type: string;
  content: string | Uint8Array<ArrayBuffer>;
}

/** The annotation document of a record: its text and passages with the located results. */
export function annotatedDocument(r: BatchRecord): AnnotatedDocument {
  return {
    id: r.doc.id,
    text: r.doc.text,
    ...(r.doc.passages ? { passages: r.doc.passages } : {}),
    entities: (r.result?.entities ?? []).map((e, i) => ({ ...e, id: e.id ?? `T${i + 1}` })),
    relations: (r.result?.relations ?? []).map((x, i) => ({ ...x, id: x.id ?? `R${i + 1}` })),
  };
}

/** One line of a result for tables and CSV: the values, else the relation and mention counts. */
export function resultSummary(result: BatchResult | undefined): string {
  if (!result) return '';
  const values = Object.entries(result.values).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join('; ') : v}`);
  if (values.length) return values.join(' | ');
  const names = [...new Set(result.entities.map((e) => `${e.type}: ${e.text}`))];
  const relations = result.relations.map((r) => `${r.type}: [${r.head}, ${r.tail}]`);
  return [...relations, ...names].join('; ');
}

/**
 * The page's own JSON: the job's task, options and runs (`provenance.runs`), and every document with its status,
 * located results, raw answers, its note (run, finish reasons, `partial`) and error; re-imports as documents.
 */
export function batchJson(records: readonly BatchRecord[], job: BatchJobInfo): string {
  const documents = records.map((r) => ({
    ...annotatedDocument(r),
    ...(r.doc.question !== undefined ? { question: r.doc.question } : {}),
    status: r.status,
    values: r.result?.values ?? {},
    notFound: r.result?.notFound ?? [],
    unparsed: r.result?.unparsed ?? [],
    raw: r.raw,
    ...docNote(r),
    ...(r.error ? { error: r.error } : {}),
  }));
  const { task, options, title } = job;
  const provenance = jobProvenance(job);
  return JSON.stringify(
    { format: 'taiyi-batch', version: 1, job: { task, options, title }, ...(provenance ? { provenance } : {}), documents },
    null,
    2,
  );
}

/**
 * One row per document: id, status, `partial` (`true` when an answer was cut off at the token limit), result
 * summary, counts, text, raw answers, error. Re-imports with columns `text` and `id`. No provenance: a comment row
 * would be read as data.
 */
export function batchCsv(records: readonly BatchRecord[]): string {
  const header = ['id', 'status', 'partial', 'result', 'entities', 'relations', 'text', 'raw', 'error'];
  const rows = records.map((r) =>
    [
      r.doc.id,
      r.status,
      String(isPartial(r)),
      resultSummary(r.result),
      r.result?.entities.length ?? 0,
      r.result?.relations.length ?? 0,
      r.doc.text,
      r.raw.join('\n\n'),
      r.error ? `${r.error.code}: ${r.error.message}` : '',
    ]
      .map(csvField)
      .join(','),
  );
  return [header.join(','), ...rows].join('\r\n') + '\r\n';
}

/** A file name from a document id, kept unique within one zip. */
function fileStem(id: string, taken: Set<string>): string {
  const base =
    id
      // eslint-disable-next-line no-control-regex -- control characters cannot be in a file name
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_')
      .replace(/\.txt$/i, '')
      .slice(0, 120) || 'document';
  let stem = base;
  for (let n = 2; taken.has(stem); n++) stem = `${base}_${n}`;
  taken.add(stem);
  return stem;
}

/**
 * brat standoff: a zip with a `.txt` and an `.ann` per document, and a `visual.conf` with the full names of types
 * brat had to spell otherwise, so the annotation import reads it back unchanged. Each `.ann` carries its document's
 * provenance (`bratProvenance`) in a note on its first entity, as a single result's export does.
 */
export function batchBratZip(records: readonly BatchRecord[], runs?: readonly RunSource[]): Uint8Array<ArrayBuffer> {
  const taken = new Set<string>();
  const files: Record<string, Uint8Array> = {};
  const docs = records.map(annotatedDocument);
  docs.forEach((doc, i) => {
    const brat = toBrat(doc, bratProvenance(records[i], runs));
    const stem = fileStem(records[i].doc.id, taken);
    files[`${stem}.txt`] = strToU8(brat.txt);
    files[`${stem}.ann`] = strToU8(brat.ann);
  });
  const labels = bratLabels(docs);
  if (labels) files['visual.conf'] = strToU8(labels);
  return zipSync(files, { level: 6 });
}

/**
 * The export of a whole batch in one format. The collection formats write the job's runs once (JSON
 * `provenance.runs`, the BioC collection infon `taiyi-local.runs`, PubTator's first comment line) and each
 * document's note beside it (JSON fields, BioC document infons, a PubTator comment line before a document that is
 * partial or was answered in a job of several runs); brat's files each carry their own; CSV has a `partial` column.
 */
export function exportBatch(format: ExportFormat, records: readonly BatchRecord[], job: BatchJobInfo, base: string): ExportFile {
  const docs = () => records.map(annotatedDocument);
  const notes = () => records.map(docNote);
  const provenance = jobProvenance(job);
  switch (format) {
    case 'json':
      return { name: `${base}.json`, type: 'application/json', content: batchJson(records, job) };
    case 'csv':
      return { name: `${base}.csv`, type: 'text/csv', content: batchCsv(records) };
    case 'bioc': {
      const infons: Record<string, string> = provenance ? { 'taiyi-local.runs': JSON.stringify(provenance.runs) } : {};
      const content = toBiocJson(docs(), undefined, infons, notes().map(noteInfons));
      return { name: `${base}.bioc.json`, type: 'application/json', content };
    }
    case 'pubtator': {
      // PubTator has no comments and other readers report each line they cannot read: a document gets one only when
      // it is partial or its run is not the only one
      const several = (job.runs?.length ?? 0) > 1;
      const lines = notes().map((note, i) =>
        note.partial || (several && note.run !== undefined) ? { document: records[i].doc.id, ...note } : undefined,
      );
      return { name: `${base}.pubtator.txt`, type: 'text/plain', content: toPubTator(docs(), provenance, lines) };
    }
    case 'brat':
      return { name: `${base}.brat.zip`, type: 'application/zip', content: batchBratZip(records, job.runs) };
  }
}
