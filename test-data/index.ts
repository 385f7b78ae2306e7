/**
 * Where tests find their data: the samples copied into this folder, else the shared data folder
 * (`TAIYI_SHARED_DIR`, by default `../shared` beside the project), which a fresh clone does not have.
 * Both use the same layout, so a test names a file once, e.g. `benchmarks/hoc/test.sample.tsv`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const own = import.meta.dirname;

/** The shared data folder, present or not. */
export const SHARED_DIR = resolve(process.env.TAIYI_SHARED_DIR || join(own, '..', '..', 'shared'));

/** The path of a data file: the project's own copy when there is one, else the shared folder's. */
export const dataPath = (rel: string): string => (existsSync(join(own, rel)) ? join(own, rel) : join(SHARED_DIR, rel));

const reported = new Set<string>();

/**
 * Why tests that need these files must skip, or `false` when every file is there. The reason is printed once per
 * missing file, so a run without the shared folder says what it did not test.
 */
export function missingData(...rels: string[]): string | false {
  const missing = rels.map(dataPath).filter((path) => !existsSync(path));
  if (!missing.length) return false;
  for (const path of missing) {
    if (reported.has(path)) continue;
    reported.add(path);
    console.warn(`skipped: tests that read ${path}, which is not present (set TAIYI_SHARED_DIR to the shared data folder)`);
  }
  return `skipped: ${missing.join(', ')} not present`;
}
