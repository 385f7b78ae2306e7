/** Annotation export (JSON, CSV, BioC JSON, PubTator, brat) and import (PubTator, BioC JSON). */
import type { AnnotatedDocument } from './types.ts';

export * from './types.ts';
export { toPubTator, fromPubTator } from './pubtator.ts';
export { toBiocJson, fromBiocJson } from './bioc.ts';
export { toBrat } from './brat.ts';
export type { BratFiles } from './brat.ts';
export { entitiesToCsv, relationsToCsv, csvField } from './csv.ts';
export { readAnnotationFile } from './read.ts';
export { openAnnotationFile, MAX_ANNOTATION_FILE_BYTES } from './open.ts';
export type { OpenedAnnotations, OpenFailure } from './open.ts';

/** The app's own JSON export: the documents as they are. */
export function toJson(docs: readonly AnnotatedDocument[]): string {
  return JSON.stringify({ documents: docs }, null, 2);
}
