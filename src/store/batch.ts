/**
 * The batch tab: documents gathered from files or pasted text, then queued as one job of a task with the
 * options of its tab. A file that cannot be read is reported and changes nothing already gathered or queued.
 */
import { create } from 'zustand';
import {
  DocumentFileError,
  guessColumns,
  isTable,
  isZipName,
  readDocuments,
  sourceKind,
  splitPasted,
  tableHeader,
  uniqueIds,
} from '../core/batch/documents';
import type { BatchDocument, SourceFile, TableColumns } from '../core/batch/documents';
import type { ZipFailure, ZipProblem } from '../core/batch/zip';
import { currentOptions, planBatchDocument, runBatchDocument, type BatchOptions, type BatchTaskId, type DocumentPlan } from './batchTasks';
import { jobAnswer } from './jobAnswer';
import { createJob, registerProcessor, runJob } from './jobs';
import { readZipFile } from './zipFile';

export interface FileProblem {
  /** The file, or the member's path in `zip`. */
  file: string;
  /** The zip the file is a member of. */
  zip?: string;
  line?: number;
  /** The reader's own words. */
  detail: string;
  /** What kept a zip or its member from being read, said in the page's words (`detail` is then empty). */
  zipFailure?: ZipFailure;
  /** The limit a too large zip passed. */
  limit?: number;
}

/** A CSV or TSV file waiting for the user to say which columns hold the text and the id. */
export interface PendingTable {
  file: SourceFile;
  header: string[];
  columns: TableColumns;
}

interface BatchState {
  task: BatchTaskId;
  /** Gathered, not yet queued. */
  draft: BatchDocument[];
  problems: FileProblem[];
  tables: PendingTable[];
  pasted: string;
  /** The job shown. */
  jobId: string | null;
  /** The document opened from the results list. */
  selected: number | null;
  set: (patch: Partial<Pick<BatchState, 'task' | 'pasted' | 'selected'>>) => void;
}

export const useBatch = create<BatchState>()((set) => ({
  task: 'entities',
  draft: [],
  problems: [],
  tables: [],
  pasted: '',
  jobId: null,
  selected: null,
  set: (patch) => set(patch),
}));

registerProcessor<Promise<DocumentPlan>>('batch', {
  // planned while the document before runs: its prompts, grammar and chunks are ready when the engine is
  prepare: (job, doc) => {
    const planned = planBatchDocument(job.options as BatchOptions, doc.input as BatchDocument);
    // a plan that fails is failed again by the run that takes it
    planned.catch(() => undefined);
    return planned;
  },
  process: (job, doc, signal, onText, planned) =>
    runBatchDocument(
      job.options as BatchOptions,
      doc.input as BatchDocument,
      (turns, on, grammar) => jobAnswer(turns, signal, on, { grammar }),
      onText,
      planned,
    ),
});

const problemOf = (file: Pick<SourceFile, 'name' | 'zip'>, e: unknown): FileProblem => ({
  ...(e instanceof DocumentFileError
    ? { file: e.file, line: e.line, detail: e.detail }
    : { file: file.name, detail: e instanceof Error ? e.message : String(e) }),
  ...(file.zip ? { zip: file.zip } : {}),
});

const zipProblemOf = (zip: string, p: ZipProblem): FileProblem => ({
  ...(p.member ? { file: p.member, zip } : { file: zip }),
  detail: '',
  zipFailure: p.code,
  ...(p.limit ? { limit: p.limit } : {}),
});

/** The files picked, with each zip's members in its place. */
async function sourcesOf(files: readonly File[], problems: FileProblem[]): Promise<SourceFile[]> {
  const sources: SourceFile[] = [];
  for (const f of files) {
    const name = f.webkitRelativePath || f.name;
    try {
      if (isZipName(name)) {
        const zip = await readZipFile(f, name);
        sources.push(...zip.files);
        problems.push(...zip.problems.map((p) => zipProblemOf(name, p)));
      } else sources.push({ name, content: await f.text() });
    } catch (e) {
      problems.push(problemOf({ name }, e));
    }
  }
  return sources;
}

function addDocuments(docs: readonly BatchDocument[]) {
  useBatch.setState((s) => ({ draft: [...s.draft, ...uniqueIds(docs, new Set(s.draft.map((d) => d.id)))] }));
}

/**
 * Reads picked files (or a folder's), a zip's members as if they had been picked; CSV and TSV wait for their
 * columns. Problems are listed by file (and zip) and line.
 */
export async function addFiles(files: readonly File[]): Promise<void> {
  const problems: FileProblem[] = [];
  const tables: PendingTable[] = [];
  const docs: BatchDocument[] = [];
  for (const file of await sourcesOf(files, problems)) {
    try {
      if (isTable(sourceKind(file))) {
        const header = tableHeader(file);
        tables.push({ file, header, columns: guessColumns(header) });
      } else docs.push(...readDocuments(file));
    } catch (e) {
      problems.push(problemOf(file, e));
    }
  }
  addDocuments(docs);
  useBatch.setState((s) => ({ problems, tables: [...s.tables, ...tables] }));
}

export function setTableColumns(columns: TableColumns): void {
  useBatch.setState((s) => (s.tables.length ? { tables: [{ ...s.tables[0], columns }, ...s.tables.slice(1)] } : {}));
}

/** Reads the first waiting table with its chosen columns. */
export function confirmTable(): void {
  const table = useBatch.getState().tables[0];
  if (!table) return;
  try {
    addDocuments(readDocuments(table.file, table.columns));
    useBatch.setState((s) => ({ tables: s.tables.slice(1), problems: [] }));
  } catch (e) {
    useBatch.setState({ problems: [problemOf(table.file, e)] });
  }
}

export const skipTable = () => useBatch.setState((s) => ({ tables: s.tables.slice(1) }));

/** Pasted text, one document per block between blank lines. */
export function addPasted(): void {
  const docs = splitPasted(useBatch.getState().pasted);
  if (!docs.length) return;
  addDocuments(docs);
  useBatch.setState({ pasted: '', problems: [] });
}

export const clearDraft = () => useBatch.setState({ draft: [], problems: [], tables: [] });

/** Queues the gathered documents as a job of the chosen task, with its tab's options as they are now, and runs it. */
export async function startBatch(): Promise<void> {
  const { task, draft } = useBatch.getState();
  if (!draft.length) return;
  const options = currentOptions(task);
  const first = draft[0].id;
  const title = draft.length > 1 ? `${first} … (${draft.length})` : first;
  const job = await createJob(
    { kind: 'batch', task, options, title },
    draft.map((d) => ({ docId: d.id, input: d })),
  );
  if (!job) return;
  useBatch.setState({ draft: [], jobId: job.id, selected: null });
  await runJob(job.id);
}

export const openBatchJob = (id: string) => useBatch.setState({ jobId: id, selected: null });
