/** Annotation export (JSON, CSV, BioC JSON, PubTator, brat) and import (JSON, PubTator, BioC JSON, brat). */
import type { AnnotatedDocument } from './types.ts';

export * from './types.ts';
export { toPubTator, fromPubTator } from './pubtator.ts';
export { toBiocJson, fromBiocJson } from './bioc.ts';
export { toBrat, fromBrat } from './brat.ts';
export type { BratFiles } from './brat.ts';
export { entitiesToCsv, relationsToCsv, csvField } from './csv.ts';
export { fromJson, readAnnotationFile, readAnnotationFiles, type NamedText } from './read.ts';
export { openAnnotationFile, MAX_ANNOTATION_FILE_BYTES } from './open.ts';
export type { OpenedAnnotations, OpenFailure } from './open.ts';

/** The app's own JSON export: the documents as they are, with where they came from when a model made them. */
export function toJson(docs: readonly AnnotatedDocument[], provenance?: unknown): string {
  return JSON.stringify(provenance ? { documents: docs, provenance } : { documents: docs }, null, 2);
}
