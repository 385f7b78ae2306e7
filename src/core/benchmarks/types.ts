/**
 * The 13 test sets of the Taiyi paper as examples with Taiyi-style prompts and canonical gold.
 */
import type { TaskGrammar } from '../grammar/index.ts';
import type { Lang } from '../lang.ts';

export const DATASET_NAMES = [
  'bc5cdr-chem',
  'bc5cdr-disease',
  'bc5cdr-cid',
  'ncbi-disease',
  'chemdner',
  'cmeee',
  'cmeie',
  'litcovid',
  'hoc',
  'kuake-qic',
  'pubmedqa',
  'medqa-usmle',
  'medqa-mcmle',
] as const;

export type DatasetName = (typeof DATASET_NAMES)[number];

/** True for one of the 13 dataset names. */
export function isDatasetName(name: string): name is DatasetName {
  return (DATASET_NAMES as readonly string[]).includes(name);
}

export interface EntityPair {
  type: string;
  text: string;
}

export interface RelationTriple {
  type: string;
  head: string;
  tail: string;
}

/** Canonical gold (and canonical predictions) in the shapes `--emit-prompts` writes. */
export type Gold = { entities: EntityPair[] } | { relations: RelationTriple[] } | { labels: string[] } | { answer: string };

/** A BC5CDR mention, kept to map predicted relation strings to MeSH ids. */
export interface ConceptMention {
  type: string;
  text: string;
  ids: string[];
}

/** A gold mention located in the example's text (end exclusive), for strict span-level scoring. */
export interface GoldSpan {
  type: string;
  start: number;
  end: number;
}

/**
 * A predicted CID pair whose names map to no MeSH id of the document keeps its names behind this prefix
 * (no MeSH id starts with it), so it counts as a false positive, as in the official BC5CDR evaluation.
 */
export const UNMAPPED = '?';

export interface BenchmarkExample {
  id: string;
  dataset: DatasetName;
  prompt: string;
  gold: Gold;
  /** The text the prompt asks about (NER: the parser uses it to read `a, b` lists; prompt variants rebuild from it). */
  text?: string;
  /** NER sets: the gold mentions with their offsets in `text`. */
  spans?: GoldSpan[];
  /** Multiple choice: the options, to read an answer given as option text. */
  choices?: Record<string, string>;
  /** BC5CDR CID: the document's mentions, to map predicted names to ids. */
  mentions?: ConceptMention[];
}

/** A file given to a loader: the path as the user wrote it (for messages) and its content. */
export interface InputFile {
  path: string;
  content: string;
}

export interface LoadResult {
  examples: BenchmarkExample[];
  /** Problems that did not stop loading (a mention whose text does not match its offsets, …). */
  warnings: string[];
}

export type Metric = 'micro_f1' | 'accuracy';

export interface BenchmarkDataset {
  name: DatasetName;
  /** What the paper's table calls it. */
  title: string;
  task: 'ner' | 're' | 'classification' | 'qa';
  metric: Metric;
  lang: Lang;
  /** The original files this loader reads, for help and error messages. */
  files: string;
  /**
   * Reads the original public files.
   * @throws {BenchmarkInputError} naming file and line when a file is not what the dataset needs.
   */
  load(files: readonly InputFile[]): LoadResult;
  /**
   * Reads a model answer into the gold's canonical shape with the core parsers; `types` narrows the relation
   * types when the prompt asked for fewer (a prompt variant). Never throws.
   */
  predict(example: BenchmarkExample, output: string, types?: readonly string[]): Gold;
  /** The gold written as Taiyi would answer, for checking the pipeline end to end. */
  render(example: BenchmarkExample): string;
  /** The grammar Taiyi's answer to the example's prompt follows, to constrain decoding (null: none). */
  grammar?(example: BenchmarkExample): TaskGrammar | null;
  /** NER sets: the types whose spans contain other types' spans in the gold (CMeEE: 临床表现), for alignment. */
  nestingTypes?: readonly string[];
}

/** Input that cannot be used, with the file and 1-based line it was found at. */
export class BenchmarkInputError extends Error {
  readonly file: string;
  readonly line?: number;
  constructor(file: string, line: number | undefined, message: string) {
    super(`${file}${line ? `:${line}` : ''}: ${message}`);
    this.name = 'BenchmarkInputError';
    this.file = file;
    this.line = line;
  }
}
